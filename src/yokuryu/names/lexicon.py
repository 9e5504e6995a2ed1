"""Frequency-weighted name lists for drawing realistic people (the simulator) and priors.

- ``surname_table()``: 1,999 surnames in kanji with reading and estimated population
  (japanese-personal-name-dataset, MIT; its figures are modern estimates).
- ``given_name_table()``: masculine given names in kanji with reading. JMnedict (EDRDG,
  CC BY-SA) marks which spellings are masculine but gives no frequencies, so the weight
  is a proxy: how many spellings share the reading (a popular reading has many), raised
  for the curated popular list of japanese-personal-name-dataset.

Both are sorted by weight, heaviest first, and cached.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from yokuryu.names.index import MASC, load_index


class LexiconEntry(NamedTuple):
    kanji: str
    kana: str
    weight: float


@lru_cache(maxsize=1)
def _surnames() -> tuple[LexiconEntry, ...]:
    rows = [
        LexiconEntry(k, kana, float(n)) for (k, kana), n in load_index().surname_population.items()
    ]
    return tuple(sorted(rows, key=lambda e: (-e.weight, e.kanji)))


def surname_table() -> list[LexiconEntry]:
    """(kanji, kana reading, estimated population), most common first.

    >>> surname_table()[0]
    LexiconEntry(kanji='佐藤', kana='さとう', weight=1887000.0)
    """
    return list(_surnames())


@lru_cache(maxsize=1)
def _given_names() -> tuple[LexiconEntry, ...]:
    index = load_index()
    by_reading: dict[str, list[tuple[str, int]]] = {}
    for (written, kana), popular in index.given_popular.items():
        if dict(index.kanji.get(written, [])).get(kana, 0) & MASC:
            by_reading.setdefault(kana, []).append((written, popular))
    rows: list[LexiconEntry] = []
    for kana, spellings in by_reading.items():
        counts = index.kana_counts.get(kana, (0, 0, 0, 0))
        reading_weight = math.log1p(counts[1] + counts[2])
        scale = sum(4**p for _, p in spellings)
        for written, popular in spellings:
            rows.append(LexiconEntry(written, kana, reading_weight * 4**popular / scale))
    return tuple(sorted(rows, key=lambda e: (-e.weight, e.kanji, e.kana)))


def given_name_table() -> list[LexiconEntry]:
    """Masculine given names (kanji, kana reading, relative weight), heaviest first."""
    return list(_given_names())
