"""Parse speed of yokuryu.dates on a realistic mix of archive date cells.

The mix imitates what the ingest meets: Soviet death cards (12.03.1946, «12 марта 1946 г.»,
12/III-1946), Japanese rosters (昭和21年3月12日, 昭和二十一年三月十二日, S21.3.12), ISO exports,
birth years (1921 г.р., 大正10年) and a share of impossible or unreadable cells. Every
generated cell knows its true date, so the run also reports how many were read correctly.
"""

from __future__ import annotations

import functools
import random
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta

from yokuryu.dates import DateError, PartialDate, parse_date

ROWS = 200_000
REPEATS = 3  # the machine is shared: report the best of three runs
SEED = 1946
GENITIVE = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
KANJI = "〇一二三四五六七八九"


def _kanji(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("" if tens == 1 else KANJI[tens]) + "十"
    return head + (KANJI[ones] if ones else "")


def _showa(d: date) -> int:
    return d.year - 1925


STYLES: list[tuple[float, Callable[[date], str]]] = [
    (0.35, lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}"),
    (0.10, lambda d: f"«{d.day} {GENITIVE.split()[d.month - 1]} {d.year} г.»"),
    (0.05, lambda d: f"{d.day}/{ROMAN[d.month - 1]}-{d.year}"),
    (0.15, lambda d: d.isoformat()),
    (0.15, lambda d: f"昭和{_showa(d)}年{d.month}月{d.day}日"),
    (0.05, lambda d: f"昭和{_kanji(_showa(d))}年{_kanji(d.month)}月{_kanji(d.day)}日"),
    (0.05, lambda d: f"S{_showa(d)}.{d.month}.{d.day}"),
]
BAD = ["31.02.1946", "неизвестно", "昭和70年", "", "spring 1946", "12.13.1946"]


def _cells(rng: random.Random) -> list[tuple[str, PartialDate | None]]:
    weights = [w for w, _ in STYLES] + [0.05, 0.05]
    cells: list[tuple[str, PartialDate | None]] = []
    for _ in range(ROWS):
        pick = rng.choices(range(len(weights)), weights)[0]
        day = date(1945, 8, 9) + timedelta(days=rng.randrange(4000))
        if pick < len(STYLES):
            cells.append((STYLES[pick][1](day), PartialDate(day.year, day.month, day.day)))
        elif pick == len(STYLES):
            year = rng.randrange(1890, 1931)
            cells.append((rng.choice([f"{year} г.р.", f"{year}"]), PartialDate(year)))
        else:
            cells.append((rng.choice(BAD), None))
    return cells


def _time(
    parse: Callable[[str], PartialDate], cells: list[tuple[str, PartialDate | None]]
) -> tuple[float, int]:
    right = 0
    started = time.perf_counter()
    for text, truth in cells:
        try:
            right += parse(text) == truth
        except DateError:
            right += truth is None
    return time.perf_counter() - started, right


def run() -> None:
    cells = _cells(random.Random(SEED))
    distinct = len({text for text, _ in cells})
    seconds, right = min(_time(parse_date, cells) for _ in range(REPEATS))
    print(f"cells: {ROWS:,} ({distinct:,} distinct), a realistic mix of 8 forms + 5% bad")
    print(
        f"parse_date uncached: {seconds:.2f} s (best of {REPEATS}), {ROWS / seconds:,.0f} parses/s"
    )
    print(f"read correctly (or refused when bad): {right / ROWS:.2%}")
    seconds = min(_time(_cached(), cells)[0] for _ in range(REPEATS))
    print(f"parse_date with lru_cache(65536): {seconds:.2f} s, {ROWS / seconds:,.0f} parses/s")
    print(f"memory of that cache: {_cache_memory(cells) / 2**20:.1f} MiB (tracemalloc peak)")


def _cached() -> Callable[[str], PartialDate]:
    """What the ingest does: a fresh cache per run (failures are not cached)."""
    return functools.lru_cache(maxsize=65536)(parse_date)


def _cache_memory(cells: list[tuple[str, PartialDate | None]]) -> int:
    tracemalloc.start()
    _time(_cached(), cells)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak
