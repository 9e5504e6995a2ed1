"""Cursive-folded Cyrillic keys: what a handwritten Soviet card could have been read as.

Clerks wrote names by ear in cursive, and the letters built from the same strokes
(и н п л м ш т й, and е ё э о) were misread when the cards were typed or copied
(design/NAMES.md §3). The name engine reads the Cyrillic as written, so Сугал Шаики
gives the keys of すがる しゃいき, not of すがい たいき. Folding each group of look-alike
letters to one letter makes the card's spelling and the Polivanov rendering of the
Japanese name equal: Сугал → суги, and Сугаи (菅井) → суги too.
"""

from __future__ import annotations

from functools import lru_cache

from yokuryu.names import to_cyrillic
from yokuryu.names.memo import remember
from yokuryu.names.model import NamePart
from yokuryu.names.script import CYRILLIC

_GROUPS = ("инплмштй", "еёэо")
_FOLD = str.maketrans({c: group[0] for group in _GROUPS for c in group} | {"ъ": None, "ь": None})
MAX_RENDERINGS = 4


def fold(cyrillic: str) -> str:
    """Lower case, each look-alike group one letter, hard and soft signs dropped."""
    return cyrillic.lower().translate(_FOLD)


@lru_cache(maxsize=65536)
def _rendering_keys(kana: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold(c) for c in to_cyrillic(kana)[:2]))


# A part's text, role and script fix its readings, so its keys are computed once.
_PART_KEYS: dict[tuple[str, str, str], tuple[str, ...]] = {}
_PART_KEYS_LIMIT = 500_000


def part_keys(part: NamePart) -> tuple[str, ...]:
    """The folded keys of one name part: its own letters when written in Cyrillic, else
    the Polivanov renderings of its best readings."""
    spec = (part.text, part.role, part.script)
    found = _PART_KEYS.get(spec)
    if found is None:
        found = remember(_PART_KEYS, spec, _part_keys(part), _PART_KEYS_LIMIT)
    return found


def _part_keys(part: NamePart) -> tuple[str, ...]:
    if part.script == CYRILLIC:
        return (fold(part.text),)
    keys: dict[str, None] = {}
    for reading in part.readings[:MAX_RENDERINGS]:
        keys.update(dict.fromkeys(_rendering_keys(reading.kana)))
    return tuple(keys)
