"""Weighted edit distance between two sequences, with the alignment when asked.

Used twice: over mora codes (any script, via readings) and over Cyrillic letters (where
cursive look-alikes are cheap). Both are small (names are short), so the quadratic
dynamic programme is fine; results are cached because names repeat (Zipf).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from yokuryu.names import phonetic


@dataclass(frozen=True)
class Step:
    """One step of an alignment: ``op`` is match, substitute, insert or delete."""

    op: str
    a: str
    b: str
    cost: float


def distance(
    a: Sequence[str],
    b: Sequence[str],
    sub: Callable[[str, str], float],
    ins: Callable[[str], float],
) -> tuple[float, list[Step]]:
    """Cheapest edit of a into b and the steps that achieve it."""
    rows, cols = len(a) + 1, len(b) + 1
    table = [[0.0] * cols for _ in range(rows)]
    for i in range(1, rows):
        table[i][0] = table[i - 1][0] + ins(a[i - 1])
    for j in range(1, cols):
        table[0][j] = table[0][j - 1] + ins(b[j - 1])
    for i in range(1, rows):
        for j in range(1, cols):
            table[i][j] = min(
                table[i - 1][j - 1] + sub(a[i - 1], b[j - 1]),
                table[i - 1][j] + ins(a[i - 1]),
                table[i][j - 1] + ins(b[j - 1]),
            )
    return table[-1][-1], _backtrace(table, a, b, sub, ins)


def _backtrace(
    table: list[list[float]],
    a: Sequence[str],
    b: Sequence[str],
    sub: Callable[[str, str], float],
    ins: Callable[[str], float],
) -> list[Step]:
    steps: list[Step] = []
    i, j = len(a), len(b)
    while i or j:
        here = table[i][j]
        if i and j and abs(here - table[i - 1][j - 1] - sub(a[i - 1], b[j - 1])) < 1e-9:
            cost = sub(a[i - 1], b[j - 1])
            steps.append(Step("match" if cost == 0 else "substitute", a[i - 1], b[j - 1], cost))
            i, j = i - 1, j - 1
        elif i and abs(here - table[i - 1][j] - ins(a[i - 1])) < 1e-9:
            steps.append(Step("delete", a[i - 1], "", ins(a[i - 1])))
            i -= 1
        else:
            steps.append(Step("insert", "", b[j - 1], ins(b[j - 1])))
            j -= 1
    return steps[::-1]


def score(cost: float, len_a: int, len_b: int) -> float:
    """Similarity in [0, 1] from a cost, normalised by the longer sequence."""
    longest = max(len_a, len_b)
    return 0.0 if longest == 0 else max(0.0, 1.0 - cost / longest)


@lru_cache(maxsize=500_000)
def mora_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if a == b:
        return 1.0 if a else 0.0
    cost, _ = distance(a, b, phonetic.substitution, phonetic.insertion)
    return score(cost, len(a), len(b))


# ---- Cyrillic letters ----------------------------------------------------------------------

_CURSIVE_GROUPS = ["инплмшт", "еоэ", "кн"]
_LETTER_COST: dict[frozenset[str], float] = {}
for _group in _CURSIVE_GROUPS:
    for _x in _group:
        for _y in _group:
            if _x != _y:
                _LETTER_COST[frozenset((_x, _y))] = 0.35
for _pair, _cost in [
    ("эе", 0.1),
    ("ий", 0.1),
    ("шс", 0.3),
    ("чт", 0.3),
    ("кг", 0.4),
    ("тд", 0.4),
    ("сз", 0.4),
    ("бп", 0.4),
    ("ао", 0.3),
    ("хк", 0.4),
    ("фх", 0.3),
    ("ёо", 0.4),
    ("жз", 0.4),
    ("ыи", 0.3),
    ("ую", 0.5),
    ("ая", 0.5),
    ("ёе", 0.3),
    ("лр", 0.3),
]:
    _LETTER_COST[frozenset(_pair)] = _cost
_CYR_VOWELS = frozenset("аеёиоуыэюяй")


def letter_substitution(a: str, b: str) -> float:
    return 0.0 if a == b else _LETTER_COST.get(frozenset((a, b)), 1.0)


def letter_insertion(c: str) -> float:
    if c in "ъь":
        return 0.1
    return 0.6 if c in _CYR_VOWELS else 0.8


@lru_cache(maxsize=200_000)
def letter_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0 if a else 0.0
    cost, _ = distance(a, b, letter_substitution, letter_insertion)
    return score(cost, len(a), len(b))
