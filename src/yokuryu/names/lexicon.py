"""Frequency-weighted name lists for drawing realistic people (the simulator) and priors.

- ``surname_table()``: 1,999 surnames in kanji with reading and estimated population
  (japanese-personal-name-dataset, MIT; its figures are modern estimates).
- ``given_name_table()``: masculine given names in kanji with reading. JMnedict (EDRDG,
  CC BY-SA) marks which spellings are masculine but gives no frequencies, so the weight
  ranks names by a proxy (how many spellings share the reading, whether the spelling is
  in the curated popular list of japanese-personal-name-dataset, how much its characters
  are used in names) and weights rank r by 1 / (r + 10),
  Zipf's law, as given names are Zipf-distributed.

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
        reading_score = math.log1p(counts[1] + counts[2])
        for written, popular in spellings:
            score = reading_score + 2.0 * popular + _character_score(written, index.chars)
            rows.append(LexiconEntry(written, kana, score))
    rows.sort(key=lambda e: (-e.weight, e.kanji, e.kana))
    # Given names follow Zipf's law; the proxy above only ranks them.
    return tuple(e._replace(weight=1.0 / (rank + ZIPF_OFFSET)) for rank, e in enumerate(rows))


ZIPF_OFFSET = 10


def _character_score(written: str, table: dict[str, dict[str, int]]) -> float:
    """How much the characters are used in names (common name kanji score high)."""
    used = [math.log1p(sum(table.get(c, {}).values())) for c in written]
    return 0.8 * sum(used) / len(used)


def given_name_table() -> list[LexiconEntry]:
    """Masculine given names (kanji, kana reading, relative weight), heaviest first."""
    return list(_given_names())
