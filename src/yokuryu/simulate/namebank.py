"""The names people are drawn from: kanji with their true reading and a frequency weight.

Surnames and masculine given names come from the name engine's lexicon
(``yokuryu.names.lexicon``: japanese-personal-name-dataset surname counts, JMnedict
masculine given names); the given names' weights are raised 20-fold for the forms of men
born 1900-1928 (-郎, -雄, -夫, -一, -男, -吉 …, issue 4). Women's given names, which that
lexicon does not carry, are read from japanese-personal-name-dataset directly, favouring
the -子 names of the period.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from yokuryu.names.lexicon import given_name_table, surname_table

# Forms typical of men born 1900-1928 (issue 4), and of women of that generation.
MASCULINE_ENDINGS = ("郎", "雄", "夫", "一", "男", "吉", "三", "次", "治", "蔵", "作", "助")
FEMININE_ENDINGS = ("子", "代", "江", "枝")
SURNAME_LIMIT = 6000  # the most frequent surnames cover nearly the whole population
GIVEN_LIMIT = 2500


@dataclass(frozen=True)
class NameList:
    kanji: tuple[str, ...]
    kana: tuple[str, ...]  # hiragana reading
    weight: np.ndarray

    def __len__(self) -> int:
        return len(self.kanji)

    def draw(self, gen: np.random.Generator, size: int) -> np.ndarray:
        cumulative = np.cumsum(self.weight)
        return np.searchsorted(cumulative, gen.random(size) * cumulative[-1], side="right")


@dataclass(frozen=True)
class NameBank:
    surnames: NameList
    men: NameList
    women: NameList


def _name_list(rows: Iterable[tuple[str, str, float]], limit: int) -> NameList:
    best: dict[tuple[str, str], float] = {}
    for kanji, kana, weight in rows:
        if kanji and kana and weight > 0:
            best[(kanji, kana)] = max(best.get((kanji, kana), 0.0), float(weight))
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return NameList(
        kanji=tuple(k for (k, _), _ in ranked),
        kana=tuple(r for (_, r), _ in ranked),
        weight=np.array([w for _, w in ranked], dtype=float),
    )


def _dataset(name: str) -> list[list[str]]:
    path = resources.files("japanese_personal_name_dataset") / "dataset" / name
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle) if row]


def _given_rows(file_name: str, endings: tuple[str, ...]) -> list[tuple[str, str, float]]:
    rows = []
    for row in _dataset(file_name):
        for rank, kanji in enumerate(row[2:]):
            period = 20.0 if kanji.endswith(endings) else 1.0
            rows.append((kanji, row[0], period / (1 + rank)))
    return rows


def _period(
    rows: Iterable[tuple[str, str, float]], endings: tuple[str, ...]
) -> list[tuple[str, str, float]]:
    """Weights raised for the name forms of the generation born 1900-1928."""
    return [(k, r, w * (20.0 if k.endswith(endings) else 1.0)) for k, r, w in rows]


@lru_cache(maxsize=1)
def load_namebank() -> NameBank:
    """Surnames, men's and women's given names, most frequent first."""
    men = _period(given_name_table(), MASCULINE_ENDINGS)
    women = _given_rows("first_name_woman_opti.csv", FEMININE_ENDINGS)
    return NameBank(
        surnames=_name_list(surname_table(), SURNAME_LIMIT),
        men=_name_list(men, GIVEN_LIMIT),
        women=_name_list(women, GIVEN_LIMIT),
    )
