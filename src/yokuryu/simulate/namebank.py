"""The names people are drawn from: kanji with their true reading and a frequency weight.

Surnames come from the name engine's lexicon (``yokuryu.names.lexicon``:
japanese-personal-name-dataset surname counts). Men's given names are drawn **by reading**:
a reading's share follows Zipf's law over its rank, and the share is then split among its
kanji spellings, so a reading written many ways (よしお: 義雄, 芳雄, 良雄 …) is not counted
once per spelling. The head of the ranking is the names Meiji Yasuda Life's survey by
year of birth puts at the top for boys born 1912-1928 (``PERIOD_HEAD``, sources there);
the rest are JMnedict's masculine given names ranked by the lexicon, forms of the period
(-郎, -雄, -夫, -一, -男, -吉 …, issue 4) first. Women's given names, which that lexicon
does not carry, are read from japanese-personal-name-dataset directly, favouring the -子
names of the period.
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
MEN_SPELLINGS_LIMIT = 9000  # every reading keeps its spellings

# Boys' names at the top of Meiji Yasuda Life's ranking by year of birth, 1912-1928, in
# the order of their standing over those years, with their main reading. 清 was first in
# 14 of the years 1915-1937 and 茂 second in 1924; 正一, 正二, 正三 were first in
# 1912-1914, 正雄, 正, 正治, 正夫 in the 1912 top ten, 三郎 second in 1922, 辰雄 first in
# 1916, 昭二, 昭, 和夫, 昭一 in the 1927 top five. Sources: Nikkei, Kobayashi Akira,
# "名前の流行100年史 戦前は「清」、戦後は…" (2011-05-27); All About News, the 1914 and
# 1924 rankings (articles 74601, 74599); Nlab/ITmedia, the 1922 ranking (2022);
# jprime.jp article 13793 (2018); each citing Meiji Yasuda Life's 生まれ年別名前調査.
# The survey publishes ranks, not shares: the shares below are Zipf's law (assumed).
PERIOD_HEAD = (
    ("清", "きよし"), ("茂", "しげる"), ("正一", "しょういち"), ("三郎", "さぶろう"),
    ("正雄", "まさお"), ("正", "ただし"), ("正三", "しょうぞう"), ("正二", "しょうじ"),
    ("辰雄", "たつお"), ("正夫", "まさお"), ("正治", "しょうじ"), ("和夫", "かずお"),
    ("昭", "あきら"), ("昭一", "しょういち"), ("昭二", "しょうじ"),
)  # fmt: skip
# A reading's share is 1 / (rank + READING_ZIPF_OFFSET): the first takes about 2 % of men,
# the first hundred about half (assumed; the lexicon's prior uses the same offset).
READING_ZIPF_OFFSET = 10
SPELLINGS_PER_READING = 6  # a reading's spellings share its weight as 1 / (k + 1) ** 2


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


def _spellings_by_reading(
    rows: Iterable[tuple[str, str, float]],
) -> dict[str, list[str]]:
    """Each reading's spellings, the period's head names first, then heaviest first."""
    by_reading: dict[str, list[str]] = {}
    for kanji, kana in PERIOD_HEAD:
        by_reading.setdefault(kana, []).append(kanji)
    for kanji, kana, _ in sorted(rows, key=lambda row: -row[2]):
        spellings = by_reading.setdefault(kana, [])
        if kanji not in spellings:
            spellings.append(kanji)
    return by_reading


def men_by_reading(rows: Iterable[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    """(kanji, kana, weight) rows whose weights are Zipf's law over readings, each
    reading's weight split among its spellings."""
    by_reading = _spellings_by_reading(rows)
    men: list[tuple[str, str, float]] = []
    for rank, (kana, spellings) in enumerate(by_reading.items()):
        kept = spellings[:SPELLINGS_PER_READING]
        split = np.array([1.0 / (k + 1) ** 2 for k in range(len(kept))])
        shares = split / split.sum() / (rank + READING_ZIPF_OFFSET)
        men.extend((kanji, kana, float(share)) for kanji, share in zip(kept, shares, strict=True))
    return men


@lru_cache(maxsize=1)
def load_namebank() -> NameBank:
    """Surnames, men's and women's given names, most frequent first."""
    men = men_by_reading(_period(given_name_table(), MASCULINE_ENDINGS))
    women = _given_rows("first_name_woman_opti.csv", FEMININE_ENDINGS)
    return NameBank(
        surnames=_name_list(surname_table(), SURNAME_LIMIT),
        men=_name_list(men, MEN_SPELLINGS_LIMIT),
        women=_name_list(women, GIVEN_LIMIT),
    )
