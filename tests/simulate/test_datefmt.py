"""Oracle: every date style the simulator writes reads back to the same date through the
project's own parser (yokuryu.dates), for every day of 1900-1957."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from yokuryu.dates import parse_date, parse_year
from yokuryu.simulate.datefmt import STYLES, fmt, kanji_number
from yokuryu.simulate.timeline import day

DAY_STYLES = ("iso", "ru_dotted", "ru_roman", "ru_words", "ja_era", "ja_era_kanji", "ja_era_letter")
MONTH_STYLES = ("iso_month", "ru_month", "ja_era_month")
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1957, 12, 31))


@settings(max_examples=300, deadline=None)
@given(DATES, st.sampled_from(DAY_STYLES))
def test_day_styles_read_back(date: dt.date, style: str) -> None:
    found = parse_date(STYLES[style](date))
    assert (found.year, found.month, found.day) == (date.year, date.month, date.day)


@settings(max_examples=100, deadline=None)
@given(DATES, st.sampled_from(MONTH_STYLES))
def test_month_styles_read_back(date: dt.date, style: str) -> None:
    found = parse_date(STYLES[style](date))
    assert (found.year, found.month, found.day) == (date.year, date.month, None)


@settings(max_examples=100, deadline=None)
@given(DATES)
def test_era_years_read_back_as_birth_years(date: dt.date) -> None:
    assert parse_year(STYLES["ja_era_year"](date)) == date.year


def test_era_boundaries_and_first_years() -> None:
    assert STYLES["ja_era"](dt.date(1912, 7, 29)) == "明治45年7月29日"
    assert STYLES["ja_era"](dt.date(1912, 7, 30)) == "大正元年7月30日"
    assert STYLES["ja_era_kanji"](dt.date(1926, 12, 25)) == "昭和元年十二月二十五日"
    assert STYLES["ja_era_letter"](dt.date(1956, 12, 26)) == "S31.12.26"
    assert [kanji_number(n) for n in (1, 10, 11, 20, 31)] == ["一", "十", "十一", "二十", "三十一"]


def test_vectorised_formatting_leaves_missing_dates_empty() -> None:
    days = np.array([day("1946-03-12"), 0])
    assert fmt(days, "ru_words").tolist() == ["12 марта 1946 г.", ""]
