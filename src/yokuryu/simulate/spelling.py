"""Spelling tables: every way each distinct name is written in each archive.

For each distinct (kanji, reading) used in a run, the table holds a few variants per
script — Cyrillic as a Soviet clerk heard it, katakana as the ministry converted that
Cyrillic back, kanji as a Japanese clerk wrote it, romaji as a family spelled it. Column
0 is the error-free form. Archive writers pick a column per record with numpy, so the
Python work is per distinct name, never per person.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yokuryu.names import cyrillic_to_katakana, kana_to_romaji, to_cyrillic_weighted
from yokuryu.names.kana import to_hiragana, to_katakana
from yokuryu.simulate.noise import (
    capitalise,
    kanji_variant,
    letter_error,
    polivanov_variant,
)

# Cyrillic columns: 0 Polivanov, 1 non-Polivanov, 2-4 letter errors on 0, 5-7 on 1.
CYRILLIC_COLUMNS = 8
LETTER_ERRORS = 3
KANJI_COLUMNS = 3  # 0 as written, 1-2 variant kanji
ROMAJI_STYLES = (
    ("hepburn", "none"),
    ("hepburn", "macron"),
    ("hepburn", "ou"),
    ("hepburn", "oh"),
    ("hepburn", "oo"),
)


@dataclass(frozen=True)
class Spellings:
    kanji: np.ndarray  # (names, KANJI_COLUMNS) object
    hiragana: np.ndarray  # (names,) object
    katakana: np.ndarray  # (names,) object: the true reading in katakana
    cyrillic: np.ndarray  # (names, CYRILLIC_COLUMNS) object
    romaji: np.ndarray  # (names, len(ROMAJI_STYLES)) object


def _cyrillic_row(kana: str, gen: np.random.Generator) -> list[str]:
    options = to_cyrillic_weighted(kana)
    standard = options[0][0].lower() if options else kana
    other = polivanov_variant(standard, gen)
    row = [standard, other]
    for base in (standard, other):
        row += [letter_error(base, gen) for _ in range(LETTER_ERRORS)]
    return [capitalise(x) for x in row]


def back_to_katakana(cyrillic: str) -> str:
    """The ministry's katakana for a Cyrillic name: its most likely reading."""
    return cyrillic_to_katakana(cyrillic) if cyrillic.strip() else ""


def _romaji_row(kana: str) -> list[str]:
    return [
        capitalise(kana_to_romaji(kana, system, long))  # type: ignore[arg-type]
        for system, long in ROMAJI_STYLES
    ]


def build_spellings(kanji: list[str], kana: list[str], seed_gen: np.random.Generator) -> Spellings:
    """Variant table for the given distinct names (same order)."""
    size = len(kanji)
    cyr = np.empty((size, CYRILLIC_COLUMNS), dtype=object)
    kan = np.empty((size, KANJI_COLUMNS), dtype=object)
    rom = np.empty((size, len(ROMAJI_STYLES)), dtype=object)
    for i in range(size):
        cyr[i] = _cyrillic_row(kana[i], seed_gen)
        kan[i] = [kanji[i], *(kanji_variant(kanji[i], seed_gen) for _ in range(KANJI_COLUMNS - 1))]
        rom[i] = _romaji_row(kana[i])
    return Spellings(
        kanji=kan,
        hiragana=np.array([to_hiragana(k) for k in kana], dtype=object),
        katakana=np.array([to_katakana(k) for k in kana], dtype=object),
        cyrillic=cyr,
        romaji=rom,
    )
