"""Dates written the way each archive wrote them, looked up from day numbers.

One table of strings per style covers every day of 1899-1957, so formatting a million
dates is one numpy indexing operation. Styles follow what the ingest reads (the ingest
contract): ISO, Russian (12.03.1946, 12/III-1946, «12 марта 1946 г.», март 1946) and
Japanese eras in kanji with arabic or kanji numerals (昭和21年3月12日, 昭和二十一年三月十二日)
or era letters (S21.3.12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache

import numpy as np

from yokuryu.simulate.timeline import EPOCH

LAST = dt.date(1957, 12, 31)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
RU_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
RU_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
# (first day, kanji, letter): Meiji to 29 Jul 1912, Taisho to 24 Dec 1926, then Showa.
ERAS = (
    (dt.date(1926, 12, 25), "昭和", "S"),
    (dt.date(1912, 7, 30), "大正", "T"),
    (dt.date(1868, 1, 1), "明治", "M"),
)
_DIGITS = "〇一二三四五六七八九"


def kanji_number(n: int) -> str:
    """1-99 in kanji numerals: 21 → 二十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def era_of(date: dt.date) -> tuple[str, str, int]:
    for start, kanji, letter in ERAS:
        if date >= start:
            return kanji, letter, date.year - start.year + 1
    raise ValueError(f"no era for {date}")


def _era_year(year: int, kanji_digits: bool) -> str:
    if year == 1:
        return "元"
    return kanji_number(year) if kanji_digits else str(year)


def _ja_era(d: dt.date, kanji_digits: bool) -> str:
    era, _, year = era_of(d)
    month, day = (kanji_number(d.month), kanji_number(d.day)) if kanji_digits else (d.month, d.day)
    return f"{era}{_era_year(year, kanji_digits)}年{month}月{day}日"


STYLES: dict[str, Callable[[dt.date], str]] = {
    "iso": lambda d: d.isoformat(),
    "iso_month": lambda d: d.isoformat()[:7],
    "year": lambda d: str(d.year),
    "ru_dotted": lambda d: d.strftime("%d.%m.%Y"),
    "ru_roman": lambda d: f"{d.day}/{ROMAN[d.month - 1]}-{d.year}",
    "ru_words": lambda d: f"{d.day} {RU_GENITIVE[d.month - 1]} {d.year} г.",
    "ru_month": lambda d: f"{RU_NOMINATIVE[d.month - 1]} {d.year}",
    "ja_era": lambda d: _ja_era(d, kanji_digits=False),
    "ja_era_kanji": lambda d: _ja_era(d, kanji_digits=True),
    "ja_era_letter": lambda d: f"{era_of(d)[1]}{era_of(d)[2]}.{d.month}.{d.day}",
    "ja_era_year": lambda d: f"{era_of(d)[0]}{_era_year(era_of(d)[2], False)}年",
    "ja_era_month": lambda d: f"{era_of(d)[0]}{_era_year(era_of(d)[2], False)}年{d.month}月",
}


@cache
def table(style: str) -> np.ndarray:
    """Strings of the style for every day number from EPOCH to 1957-12-31."""
    days = (LAST - EPOCH).days + 1
    render = STYLES[style]
    return np.array([render(EPOCH + dt.timedelta(days=i)) for i in range(days)], dtype=object)


def fmt(days: np.ndarray, style: str) -> np.ndarray:
    """Day numbers as text in ``style``; day 0 (no date) gives an empty string."""
    out = table(style)[np.clip(days, 0, None)]
    return np.where(days > 0, out, "")


def fmt_mixed(days: np.ndarray, styles: tuple[str, ...], choice: np.ndarray) -> np.ndarray:
    """Each date in the style chosen for its row (``choice`` indexes ``styles``)."""
    out = np.empty(days.size, dtype=object)
    for i, style in enumerate(styles):
        rows = choice == i
        out[rows] = fmt(days[rows], style)
    return out
