"""Standard forms of the non-name fields: ranks, partial dates as day ranges, places.

Soviet cards name ranks in Russian and Japanese lists in Japanese; the Russian wording is
coarser (рядовой covers both 二等兵 and 一等兵), so both map to the Russian word.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache

from yokuryu.simulate.tables import RANKS

_EPOCH = date(1800, 1, 1).toordinal()
# How far a date known only to the month or the year may lie from its middle, in days.
_SLACK = {10: 0, 7: 16, 4: 183}
_RANK_CODE = {r.ja: r.ru for r in RANKS} | {r.ru: r.ru for r in RANKS}


@lru_cache(maxsize=4096)
def rank_code(text: str | None) -> str | None:
    """The Soviet wording of a rank given in Russian or Japanese (None when unknown)."""
    if not text:
        return None
    key = unicodedata.normalize("NFKC", text).strip().lower()
    return _RANK_CODE.get(key) or _RANK_CODE.get(text.strip()) or key


@lru_cache(maxsize=65536)
def day_range(iso: str | None) -> tuple[int, int] | None:
    """A partial ISO date ('1946', '1946-03', '1946-03-12') as (first, last) day numbers."""
    if not iso or len(iso) not in _SLACK:
        return None
    try:
        year = int(iso[:4])
        month = int(iso[5:7]) if len(iso) >= 7 else 7
        day = int(iso[8:10]) if len(iso) == 10 else (1 if len(iso) == 4 else 15)
        middle = date(year, month, day).toordinal() - _EPOCH
    except ValueError:
        return None
    slack = _SLACK[len(iso)]
    return middle - slack, middle + slack


@lru_cache(maxsize=16384)
def plain(text: str | None) -> str | None:
    """NFKC, lower case, single spaces: the form places, units and camps compare in."""
    if not text:
        return None
    out = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    return out or None
