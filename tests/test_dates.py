"""Dates as archive lists write them: every accepted form, every rejection, round trips."""

from __future__ import annotations

import functools
import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from yokuryu.dates import DateError, PartialDate, parse_date, parse_year

FORMS = [
    # ISO and year-first
    ("1946-03-12", "1946-03-12"),
    ("1946-03", "1946-03"),
    ("1946", "1946"),
    ("1946/03/12", "1946-03-12"),
    ("1946.3.12", "1946-03-12"),
    # Russian numeric
    ("12.03.1946", "1946-03-12"),
    ("12.3.1946", "1946-03-12"),
    ("03.1946", "1946-03"),
    ("3/1946", "1946-03"),
    ("12.03.46", "1946-03-12"),
    ("12. 03. 1946", "1946-03-12"),
    ("12.03.1946 г.", "1946-03-12"),
    # Roman months
    ("12/III-1946", "1946-03-12"),
    ("12.III.1946", "1946-03-12"),
    ("12 iii 1946", "1946-03-12"),
    ("III.1946", "1946-03"),
    ("12/Ⅲ-1946", "1946-03-12"),
    ("1/XII-45", "1945-12-01"),
    # Russian month names
    ("«12 марта 1946 г.»", "1946-03-12"),
    ('"12 марта 1946 г."', "1946-03-12"),
    ("12 марта 1946", "1946-03-12"),
    ("12 МАРТА 1946 Г.", "1946-03-12"),
    ("март 1946 г.", "1946-03"),
    ("Март 1946", "1946-03"),
    ("марта 1946", "1946-03"),
    ("марте 1946", "1946-03"),
    ("1 янв. 1947", "1947-01-01"),
    ("5 февр. 1947 г.", "1947-02-05"),
    ("сент. 1945", "1945-09"),
    ("3 нояб. 1945 года", "1945-11-03"),
    ("29 сентября 1945", "1945-09-29"),
    ("15 мая 1948", "1948-05-15"),
    ("май 1948", "1948-05"),
    ("1 июня 1949", "1949-06-01"),
    ("декабрь 45 г.", "1945-12"),
    ("1946 г.", "1946"),
    ("1946г.", "1946"),
    ("1946 год", "1946"),
    ("  12   марта\u00a01946  ", "1946-03-12"),
    # English month names
    ("12 March 1946", "1946-03-12"),
    ("March 12, 1946", "1946-03-12"),
    ("Mar 1946", "1946-03"),
    # Japanese eras with arabic, full-width and kanji numerals
    ("昭和21年3月12日", "1946-03-12"),
    ("昭和21年3月", "1946-03"),
    ("昭和21年", "1946"),
    ("昭和２１年３月１２日", "1946-03-12"),
    ("昭和二十一年三月十二日", "1946-03-12"),
    ("昭和二十年八月十五日", "1945-08-15"),
    ("昭和二〇年一二月一日", "1945-12-01"),
    ("昭和廿一年三月", "1946-03"),
    ("昭和 21 年 3 月 12 日", "1946-03-12"),
    ("昭和元年12月26日", "1926-12-26"),
    ("昭和元年12月25日", "1926-12-25"),
    ("昭和元年12月", "1926-12"),
    ("昭和元年", "1926"),
    ("昭和64年1月7日", "1989-01-07"),
    ("昭21.3.12", "1946-03-12"),
    ("昭和21.3.12", "1946-03-12"),
    ("㍼21年3月12日", "1946-03-12"),
    ("大正10年5月1日", "1921-05-01"),
    ("大正十年", "1921"),
    ("大正10年生", "1921"),
    ("大正元年7月30日", "1912-07-30"),
    ("大正15年12月25日", "1926-12-25"),
    ("明治45年7月29日", "1912-07-29"),
    ("明治45年7月30日", "1912-07-30"),
    ("明治三十八年", "1905"),
    ("明治元年", "1868"),
    ("平成元年1月8日", "1989-01-08"),
    ("平成31年4月30日", "2019-04-30"),
    ("令和元年5月1日", "2019-05-01"),
    # era letters
    ("S21.3.12", "1946-03-12"),
    ("S.21.3.12", "1946-03-12"),
    ("s21.3.12", "1946-03-12"),
    ("Ｓ２１．３．１２", "1946-03-12"),
    ("S21/3/12", "1946-03-12"),
    ("S21.3", "1946-03"),
    ("S21", "1946"),
    ("T10.5.1", "1921-05-01"),
    ("M45.7.29", "1912-07-29"),
    ("H1", "1989"),
    ("S元.12.26", "1926-12-26"),
    ("S21年3月12日", "1946-03-12"),
    # Western with 年月日
    ("1946年3月12日", "1946-03-12"),
    ("1946年3月", "1946-03"),
    ("1946年", "1946"),
    ("一九四六年三月十二日", "1946-03-12"),
    ("千九百四十六年三月", "1946-03"),
    ("１９４６年３月１２日", "1946-03-12"),
]


@pytest.mark.parametrize(("text", "iso"), FORMS, ids=[f"{t} reads as {i}" for t, i in FORMS])
def test_accepted_form(text: str, iso: str) -> None:
    assert parse_date(text).iso() == iso


REJECTIONS = [
    ("31.02.1946", "31 February 1946 does not exist"),
    ("29.02.1947", "29 February 1947 does not exist"),
    ("31.04.1946", "31 April 1946 does not exist"),
    ("12.13.1946", "month 13 does not exist"),
    ("1946-13", "month 13 does not exist"),
    ("0.03.1946", "0 March 1946 does not exist"),
    ("12/XIII-1946", "XIII is not a month"),
    ("昭和70年", "Shōwa ended in its 64th year (1989)"),
    ("S65.1.1", "Shōwa ended in its 64th year (1989)"),
    ("大正16年", "Taishō ended in its 15th year (1926)"),
    ("明治46年", "Meiji ended in its 45th year (1912)"),
    ("平成32年", "Heisei ended in its 31st year (2019)"),
    ("昭和0年", "Shōwa has no year 0"),
    ("昭和元年3月", "March 1926 is before Shōwa began on 25 December 1926"),
    ("昭和元年12月24日", "24 December 1926 is before Shōwa began on 25 December 1926"),
    ("大正15年12月30日", "30 December 1926 is after Taishō ended on 25 December 1926"),
    ("M45.7.31", "31 July 1912 is after Meiji ended on 30 July 1912"),
    ("明治45年8月", "August 1912 is after Meiji ended on 30 July 1912"),
    ("T1.7.29", "29 July 1912 is before Taishō began on 30 July 1912"),
    ("S64.1.8", "8 January 1989 is after Shōwa ended on 7 January 1989"),
    ("H1.1.7", "7 January 1989 is before Heisei began on 8 January 1989"),
    ("令和元年4月", "April 2019 is before Reiwa began on 1 May 2019"),
    ("明治3年4月5日", "lunisolar calendar"),
    ("21年3月12日", "has no era name before its year"),
    ("元年3月", "has no era name before its year"),
    ("spring 1946", "'spring 1946' is not a date form yokuryu reads"),
    ("12 марта", "'12 марта' is not a date form yokuryu reads"),
    ("12.03", "'12.03' is not a date form yokuryu reads"),
    ("неизвестно", "'неизвестно' is not a date form yokuryu reads"),
    ("1946-1947", "'1946-1947' is not a date form yokuryu reads"),
    ("", "an empty value is not a date"),
    ("   ", "an empty value is not a date"),
    ("«»", "an empty value is not a date"),
    ("1750", "year 1750 is outside 1800–2100"),
    ("12.03.2101", "year 2101 is outside 1800–2100"),
    ("令和90年", "year 2108 is outside 1800–2100"),
    ("昭和十百年", "is not a number written in kanji"),
]


@pytest.mark.parametrize(
    ("text", "reason"), REJECTIONS, ids=[f"{t!r} is refused: {r}" for t, r in REJECTIONS]
)
def test_rejected_with_reason(text: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert reason in str(caught.value)


ORDERS = [
    ("03.12.1946", "mdy", "1946-03-12"),
    ("03.12.1946", "dmy", "1946-12-03"),
    ("03.12.1946", "ymd", "1946-12-03"),
    ("46.03.12", "ymd", "1946-03-12"),
    ("12.03.46", "mdy", "1946-12-03"),
    ("1946-03-12", "mdy", "1946-03-12"),
    ("1946/03/12", "dmy", "1946-03-12"),
]


@pytest.mark.parametrize(
    ("text", "order", "iso"), ORDERS, ids=[f"{t} in {o} order is {i}" for t, o, i in ORDERS]
)
def test_order_reads_ambiguous_numeric_dates(text: str, order: str, iso: str) -> None:
    assert parse_date(text, order=order).iso() == iso


def test_unknown_order_is_refused() -> None:
    with pytest.raises(DateError, match="date order 'dym' is not one of dmy, ymd, mdy"):
        parse_date("12.03.1946", order="dym")


NOT_TEXT: Any = None


def test_non_text_is_refused_as_date_error() -> None:
    with pytest.raises(DateError, match="is not text"):
        parse_date(NOT_TEXT)


YEARS = [
    ("1921", 1921),
    ("1921 г.", 1921),
    ("1921 г.р.", 1921),
    ("1921 г. р.", 1921),
    ("1921 года рождения", 1921),
    ("大正10年", 1921),
    ("大正十年生", 1921),
    ("T10", 1921),
    ("昭和元年", 1926),
    ("21", 1921),
    ("21 г.р.", 1921),
    ("05", 1905),
    ("12.03.1921", 1921),
    ("大正10年5月1日", 1921),
    ("１９２１", 1921),
]


@pytest.mark.parametrize(("text", "year"), YEARS, ids=[f"{t} is born {y}" for t, y in YEARS])
def test_parse_year(text: str, year: int) -> None:
    assert parse_year(text) == year


@pytest.mark.parametrize(
    ("text", "reason"),
    [("1750", "year 1750 is outside"), ("", "empty"), ("昭和70年", "64th year"), ("abc", "abc")],
    ids=["a year before 1800", "empty", "an era year beyond the era", "words"],
)
def test_parse_year_refuses(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_year(text)


PARTS = [
    (PartialDate(1946), "year", "1946", date(1946, 1, 1), date(1946, 12, 31)),
    (PartialDate(1944, 2), "month", "1944-02", date(1944, 2, 1), date(1944, 2, 29)),
    (PartialDate(1946, 2), "month", "1946-02", date(1946, 2, 1), date(1946, 2, 28)),
    (PartialDate(1946, 3, 12), "day", "1946-03-12", date(1946, 3, 12), date(1946, 3, 12)),
]


@pytest.mark.parametrize(
    ("value", "precision", "iso", "earliest", "latest"),
    PARTS,
    ids=[f"{p[2]} has {p[1]} precision" for p in PARTS],
)
def test_partial_date_bounds(
    value: PartialDate, precision: str, iso: str, earliest: date, latest: date
) -> None:
    assert (value.precision, value.iso(), str(value)) == (precision, iso, iso)
    assert (value.earliest(), value.latest()) == (earliest, latest)


@pytest.mark.parametrize(
    ("year", "month", "day", "reason"),
    [
        (1946, 2, 30, "30 February 1946 does not exist"),
        (1946, None, 3, "without a month"),
        (1946, 0, None, "month 0 does not exist"),
        (1799, None, None, "year 1799 is outside"),
    ],
    ids=["30 February", "a day without a month", "month 0", "year 1799"],
)
def test_partial_date_cannot_hold_an_impossible_date(
    year: int, month: int | None, day: int | None, reason: str
) -> None:
    with pytest.raises(DateError, match=reason):
        PartialDate(year, month, day)


def test_parse_can_be_cached_by_the_caller() -> None:
    cached = functools.lru_cache(maxsize=16)(parse_date)
    assert cached("12.03.1946") is cached("12.03.1946")
    assert cached.cache_info().hits == 1


# --- round trips ------------------------------------------------------------------------

RU_GENITIVE = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
RU_NOMINATIVE = "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
KANJI_DIGITS = "〇一二三四五六七八九"
EN = "January February March April May June July August September October November December"


def kanji(n: int) -> str:
    """Kanji with units for 1–99: 十二, 二十一 (written independently of the module)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("" if tens == 1 else KANJI_DIGITS[tens]) + "十"
    return head + (KANJI_DIGITS[ones] if ones else "")


DAY_STYLES = {
    "iso": lambda d: d.isoformat(),
    "slashed year first": lambda d: f"{d.year}/{d.month}/{d.day}",
    "dotted": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "dotted unpadded": lambda d: f"{d.day}.{d.month}.{d.year} г.",
    "roman month": lambda d: f"{d.day}/{ROMAN[d.month - 1]}-{d.year}",
    "russian genitive": lambda d: f"«{d.day} {RU_GENITIVE.split()[d.month - 1]} {d.year} г.»",
    "english": lambda d: f"{EN.split()[d.month - 1]} {d.day}, {d.year}",
    "nengetsubi": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "full-width nengetsubi": lambda d: f"{d.year}年{d.month}月{d.day}日".translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
    "kanji nengetsubi": lambda d: (
        "".join(KANJI_DIGITS[int(c)] for c in str(d.year)) + f"年{kanji(d.month)}月{kanji(d.day)}日"
    ),
}

any_day = st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=60)
@given(day=any_day, style=st.sampled_from(sorted(DAY_STYLES)))
def test_any_date_round_trips_through_every_style(day: date, style: str) -> None:
    text = DAY_STYLES[style](day)
    found = parse_date(text)
    assert (found.precision, found.earliest()) == ("day", day), text


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)))
def test_two_digit_years_are_the_1900s(day: date) -> None:
    short = day.year % 100
    assert parse_date(f"{day.day}.{day.month}.{short:02d}").earliest() == day
    assert parse_date(f"{short:02d}.{day.month}.{day.day}", order="ymd").earliest() == day
    assert parse_date(f"{day.month}/{day.day}/{short:02d}", order="mdy").earliest() == day


@given(day=any_day)
def test_any_month_round_trips(day: date) -> None:
    expected = PartialDate(day.year, day.month)
    for text in (
        f"{day.month:02d}.{day.year}",
        f"{RU_NOMINATIVE.split()[day.month - 1]} {day.year} г.",
        f"{RU_GENITIVE.split()[day.month - 1]} {day.year}",
        f"{day.year}-{day.month:02d}",
        f"{day.year}年{day.month}月",
    ):
        assert parse_date(text) == expected, text


# The era table from the brief (official accession days), kept apart from the module's.
ERAS = [
    ("明治", "M", date(1873, 1, 1), date(1912, 7, 30), 1868),  # Gregorian from Meiji 6
    ("大正", "T", date(1912, 7, 30), date(1926, 12, 25), 1912),
    ("昭和", "S", date(1926, 12, 25), date(1989, 1, 7), 1926),
    ("平成", "H", date(1989, 1, 8), date(2019, 4, 30), 1989),
    ("令和", "R", date(2019, 5, 1), date(2100, 12, 31), 2019),
]


def era_year_text(n: int) -> str:
    return "元" if n == 1 else str(n)


@given(day=st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31)))
def test_any_era_date_reads_as_its_western_date(day: date) -> None:
    written = [
        (k, letter, day.year - first + 1) for k, letter, a, b, first in ERAS if a <= day <= b
    ]
    assert written, day
    for kanji_era, letter, n in written:
        assert (
            parse_date(f"{kanji_era}{era_year_text(n)}年{day.month}月{day.day}日").earliest() == day
        )
        assert (
            parse_date(f"{kanji_era}{kanji(n)}年{kanji(day.month)}月{kanji(day.day)}日").earliest()
            == day
        )
        assert parse_date(f"{letter}{n}.{day.month}.{day.day}").earliest() == day


@example(era=ERAS[2], n=64, month=1, day=8)  # the day Heisei began
@example(era=ERAS[2], n=64, month=1, day=7)
@example(era=ERAS[2], n=1, month=12, day=24)  # the day before Shōwa began
@example(era=ERAS[1], n=15, month=12, day=26)
@example(era=ERAS[1], n=1, month=7, day=29)
@example(era=ERAS[0], n=45, month=7, day=31)
@example(era=ERAS[0], n=45, month=7, day=30)
@example(era=ERAS[0], n=5, month=12, day=31)  # lunisolar
@example(era=ERAS[0], n=6, month=1, day=1)  # the first Gregorian day
@example(era=ERAS[3], n=31, month=5, day=1)
@given(
    era=st.sampled_from(ERAS),
    n=st.integers(min_value=1, max_value=70),
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=31),
)
def test_an_era_date_is_read_exactly_when_it_lies_within_the_era(
    era: tuple[str, str, date, date, int], n: int, month: int, day: int
) -> None:
    kanji_era, _, start, end, first = era
    year = first + n - 1
    try:
        western = date(year, month, day)
    except ValueError:
        western = None
    text = f"{kanji_era}{n}年{month}月{day}日"
    if western is not None and start <= western <= end:
        assert parse_date(text).earliest() == western
    else:
        with pytest.raises(DateError):
            parse_date(text)


DATE_ALPHABET = "0123456789./- 年月日元昭和大正明治平成十廿二三五九〇SsTtMmHhIVXгр.марта«»"


@given(text=st.one_of(st.text(), st.text(alphabet=DATE_ALPHABET, max_size=16)))
def test_parse_raises_only_date_error(text: str) -> None:
    try:
        found = parse_date(text)
    except DateError as problem:
        assert str(problem)
        return
    assert 1800 <= found.year <= 2100
    assert found.earliest() <= found.latest()


@given(text=st.text())
def test_parse_year_raises_only_date_error(text: str) -> None:
    try:
        year = parse_year(text)
    except DateError:
        return
    assert 1800 <= year <= 2100


# --- the documentation is tested -------------------------------------------------------

DOC = Path(__file__).parents[1] / "docs" / "dates.md"


def doc_table(heading: str) -> list[list[str]]:
    """The body rows of the first table under a heading of docs/dates.md, cells stripped."""
    section = DOC.read_text(encoding="utf-8").split(heading, 1)[1].splitlines()
    lines = itertools.dropwhile(lambda line: not line.startswith("|"), section)
    rows = itertools.takewhile(lambda line: line.startswith("|"), lines)
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows][2:]


def test_every_documented_refusal_gives_its_documented_reason() -> None:
    rows = doc_table("## Refusals")
    assert len(rows) >= 12
    for cell, reason in rows:
        sample = cell.split("`")[1]
        with pytest.raises(DateError) as caught:
            parse_date(sample)
        assert str(caught.value) == reason.strip("`"), sample


def test_every_documented_form_example_parses() -> None:
    rows = doc_table("## Forms accepted")
    assert len(rows) >= 12
    skipped = ("two-digit year", "Russian abbreviations")
    samples = [
        token
        for form, cell, _ in rows
        if not form.startswith(skipped)
        for token in cell.split("`")[1::2]
    ]
    assert len(samples) > 50
    for sample in samples:
        assert parse_date(sample).year in range(1800, 2101), sample
