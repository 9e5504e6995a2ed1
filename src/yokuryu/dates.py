"""Read the dates archive lists write, Russian, Japanese and ISO, into partial dates.

Soviet cards write ``12.03.1946``, ``12/III-1946`` or ``«12 марта 1946 г.»``; Japanese
rosters write ``昭和21年3月12日``, ``昭和二十一年三月十二日`` or ``S21.3.12``. Each form
parses to a :class:`PartialDate` that knows whether the clerk gave a year, a month or a
day, or fails with a :class:`DateError` whose text is one sentence saying what is wrong.

The functions are pure and their arguments hashable, so a caller reading millions of
rows can wrap them in :func:`functools.lru_cache` (dates repeat a great deal)::

    parse = functools.lru_cache(maxsize=65536)(parse_date)

Two-digit years always mean 19yy (``12.03.46`` is 1946): the people in these records
were born 1870–1930 and the events run 1945–1956, so a year of 2000 or later must be
written in full. See docs/dates.md for every form and the era boundaries with sources.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

MIN_YEAR = 1800
MAX_YEAR = 2100
ORDERS = ("dmy", "ymd", "mdy")

Precision = Literal["circa", "year", "month", "day"]

_MONTH_NAMES: tuple[str, ...] = ("January", "February", "March", "April", "May", "June")
_MONTH_NAMES += ("July", "August", "September", "October", "November", "December")


class DateError(ValueError):
    """A value that is not a date yokuryu reads; ``str(exc)`` says what is wrong with it."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day; it cannot hold an impossible date.

    >>> PartialDate(1946, 3).iso()
    '1946-03'
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        _check_year(self.year)
        if self.month is None:
            if self.day is not None:
                raise DateError(f"a day ({self.day}) without a month is not a date")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist; months run from 1 to 12")
        if self.day is not None and not 1 <= self.day <= _days_in(self.year, self.month):
            raise DateError(f"{_describe(self.year, self.month, self.day)} does not exist")

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``: how much of the date the source gave;
        ``"circa"`` when the source itself says the date is approximate (``c. 1923``)."""
        if self.approximate:
            return "circa"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def iso(self) -> str:
        """ISO 8601 text at the date's own precision: ``1946``, ``1946-03``, ``1946-03-12``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def earliest(self) -> date:
        """The first day the partial date can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day the partial date can mean."""
        month = self.month or 12
        return date(self.year, month, self.day or _days_in(self.year, month))

    def describe(self) -> str:
        """Plain English for messages: ``12 March 1946``, ``March 1946`` or ``1946``."""
        return _describe(self.year, self.month, self.day)

    def __str__(self) -> str:
        return self.iso()


def parse_date(text: str, order: str = "dmy") -> PartialDate:
    """Parse one date as an archive list writes it.

    Args:
        text: the cell, e.g. ``"12.03.1946"``, ``"март 1946 г."``, ``"昭和21年3月12日"``.
        order: how to read an all-numeric date whose year is not written first and in
            four digits: ``"dmy"`` (the default, Russian and most lists), ``"mdy"`` or
            ``"ymd"`` (``46.03.12``). A four-digit year written first is always ymd.

    Raises:
        DateError: the text is empty, not a form yokuryu reads, or an impossible date.
    """
    if order not in ORDERS:
        raise DateError(f"date order {order!r} is not one of {', '.join(ORDERS)}")
    if not isinstance(text, str):
        raise DateError(f"{text!r} is not text")
    cleaned = _normalise(text)
    qualifier = approximate_qualifier(cleaned)
    if qualifier:
        exact = parse_date(_APPROXIMATE.sub("", cleaned), order)
        return PartialDate(exact.year, exact.month, exact.day, approximate=True)
    if not cleaned:
        raise DateError("an empty value is not a date")
    for pattern, read in _FORMS:
        match = pattern.fullmatch(cleaned)
        found = read(match, order) if match else None
        if found is not None:
            return found
    raise _unrecognised(text)


def parse_year(text: str) -> int:
    """Read a birth-year cell: ``1921``, ``1921 г.р.``, ``大正10年``, ``T10``, ``21`` → 1921.

    A full date is accepted too and gives its year. Two-digit years are 19yy.

    Raises:
        DateError: as :func:`parse_date`, or the year is outside 1800–2100.
    """
    if isinstance(text, str):
        cleaned = _normalise(text)
        match = _BARE_YEAR.fullmatch(_APPROXIMATE.sub("", cleaned))
        if match:
            return _check_year(_full_year(match[1]))
    return parse_date(text).year


# "c. 1923", "около 1923 г.", "1923頃", "約1923年": the clerk or the family says the
# value is approximate. It is read, and its precision says "circa", never dropped.
_APPROXIMATE = re.compile(
    r"^(?:c\.|ca\.|circa|about|approx\.?|~|около|ок\.|примерно|приблизительно|"
    r"приблиз\.|約|およそ|推定)\s*|\s*(?:頃|ごろ|前後|\?)$"
)


def approximate_qualifier(text: str) -> str | None:
    """The word that marks a value as approximate (``c.``, ``около``, ``頃``), or None."""
    found = _APPROXIMATE.search(_normalise(text))
    return found.group(0).strip() if found else None


# --- normalising ------------------------------------------------------------------------

_QUOTES = "«»\"'“”„‟‘’‚‛‹›「」『』"


def _normalise(text: str) -> str:
    """NFKC (full-width digits and letters, ㍼ → 昭和), one space, no quotes, lower case."""
    folded = " ".join(unicodedata.normalize("NFKC", text).split())
    return folded.strip(_QUOTES + " ").rstrip(_QUOTES + " .").lower()


def _unrecognised(text: str) -> DateError:
    shown = text.strip()
    if len(shown) > 40:
        shown = shown[:40] + "…"
    return DateError(f"{shown!r} is not a date form yokuryu reads")


# --- numbers ----------------------------------------------------------------------------

_KANJI_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4}
_KANJI_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_TENS = {"廿": 20, "卅": 30}  # old single signs for twenty and thirty
_KANJI = "".join([*_KANJI_DIGITS, *_KANJI_UNITS, *_KANJI_TENS])


def _number(text: str) -> int:
    """Arabic digits, positional kanji (一九四六) or kanji with units (二十一, 千九百四十六)."""
    if text.isascii():
        return int(text)
    if not any(ch in _KANJI_UNITS or ch in _KANJI_TENS for ch in text):
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in text))
    return _kanji_with_units(text)


def _kanji_with_units(text: str) -> int:
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in _KANJI_DIGITS and digit is None:
            digit = _KANJI_DIGITS[ch]
        elif ch in _KANJI_TENS and digit is None and last_unit > 10:
            total, last_unit = total + _KANJI_TENS[ch], 10
        elif _KANJI_UNITS.get(ch, last_unit) < last_unit:
            total += _KANJI_UNITS[ch] * (1 if digit is None else digit)
            digit, last_unit = None, _KANJI_UNITS[ch]
        else:
            raise DateError(f"{text!r} is not a number written in kanji that yokuryu reads")
    return total + (digit or 0)


def _full_year(text: str) -> int:
    """Two-digit years are 19yy: the records concern people born 1870–1930."""
    year = int(text)
    return 1900 + year if len(text) == 2 else year


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}, the years yokuryu reads")
    return year


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else _DAYS_IN_MONTH[month - 1]


def _describe(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return str(year)
    name = _MONTH_NAMES[month - 1] if 1 <= month <= 12 else f"month {month}"
    return f"{name} {year}" if day is None else f"{day} {name} {year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- month words ------------------------------------------------------------------------

# Russian nominative, genitive and prepositional forms and the clerks' abbreviations,
# English names and abbreviations, and Roman numerals (12/III-1946).
_MONTH_WORDS: dict[str, int] = {}
for _number_of_month, _words in enumerate(
    (
        "январь января январе янв jan january i",
        "февраль февраля феврале фев февр feb february ii",
        "март марта марте мар mar march iii",
        "апрель апреля апреле апр apr april iv",
        "май мая мае may v",
        "июнь июня июне июн jun june vi",
        "июль июля июле июл jul july vii",
        "август августа августе авг aug august viii",
        "сентябрь сентября сентябре сен сент sep sept september ix",
        "октябрь октября октябре окт oct october x",
        "ноябрь ноября ноябре ноя нояб nov november xi",
        "декабрь декабря декабре дек dec december xii",
    ),
    start=1,
):
    _MONTH_WORDS |= dict.fromkeys(_words.split(), _number_of_month)


def _month_word(word: str) -> int | None:
    """The month a word names, None if it names none (then the text is not a date form)."""
    month = _MONTH_WORDS.get(word.replace("ё", "е"))
    if month is None and set(word) <= set("ivxlc"):
        raise DateError(f"{word.upper()} is not a month; months in Roman numerals run I to XII")
    return month


# --- Japanese eras ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Era:
    name: str
    first_year: int  # the Western year of the era's first year (元年)
    start: date  # the day the era began
    end: date | None  # the day it ended (the next era began the same day), None if current
    last_year: int | None  # the era year of ``end``


# Sources in docs/dates.md. Meiji: the rescript of 23 October 1868 made Keiō 4 into Meiji 1
# from its first day (25 January 1868); Taishō and Shōwa began on the day the emperor died;
# Heisei and Reiwa by cabinet order under the Era Name Law of 1979.
_MEIJI = _Era("Meiji", 1868, date(1868, 1, 25), date(1912, 7, 30), 45)
_TAISHO = _Era("Taishō", 1912, date(1912, 7, 30), date(1926, 12, 25), 15)
_SHOWA = _Era("Shōwa", 1926, date(1926, 12, 25), date(1989, 1, 7), 64)
_HEISEI = _Era("Heisei", 1989, date(1989, 1, 8), date(2019, 4, 30), 31)
_REIWA = _Era("Reiwa", 2019, date(2019, 5, 1), None, None)
_ERAS = {
    **dict.fromkeys(("明治", "明", "m"), _MEIJI),
    **dict.fromkeys(("大正", "大", "t"), _TAISHO),
    **dict.fromkeys(("昭和", "昭", "s"), _SHOWA),
    **dict.fromkeys(("平成", "平", "h"), _HEISEI),
    **dict.fromkeys(("令和", "令", "r"), _REIWA),
}
# Japan used the lunisolar calendar until Meiji 5; Meiji 6 began on 1 January 1873.
_FIRST_GREGORIAN_MEIJI_YEAR = 6


def _era_date(era: _Era, era_year: int, month: int | None, day: int | None) -> PartialDate:
    if era_year < 1:
        raise DateError(f"{era.name} has no year {era_year}; its first year is 元年")
    if era.last_year is not None and era_year > era.last_year:
        raise DateError(
            f"{era.name} {era_year} does not exist: {era.name} ended in its "
            f"{_ordinal(era.last_year)} year ({era.first_year + era.last_year - 1})"
        )
    if era is _MEIJI and era_year < _FIRST_GREGORIAN_MEIJI_YEAR and month is not None:
        raise DateError(
            f"Meiji {era_year} months and days are in the old lunisolar calendar, which "
            "yokuryu does not convert; give the year alone or the Western date"
        )
    found = PartialDate(era.first_year + era_year - 1, month, day)
    _check_within_era(found, era)
    return found


def _check_within_era(found: PartialDate, era: _Era) -> None:
    if found.year != era.first_year and (era.end is None or found.year != era.end.year):
        return  # only the first and last years of an era are shared with another
    if found.latest() < era.start:
        began = _describe(era.start.year, era.start.month, era.start.day)
        raise DateError(f"{found.describe()} is before {era.name} began on {began}")
    if era.end is not None and found.earliest() > era.end:
        ended = _describe(era.end.year, era.end.month, era.end.day)
        raise DateError(f"{found.describe()} is after {era.name} ended on {ended}")


# --- the forms --------------------------------------------------------------------------

# After the year: г., гг., год, года, and for birth years г.р. / года рождения.
_YEAR_WORD = r"(?:\s*(?:гг|года|год|г)\.?(?:\s*р(?:\.|ожд[а-я]*)?)?)?"
_SEP = r"\s*[-/.]\s*"
_ERA = r"(明治|大正|昭和|平成|令和|明|大|昭|平|令|[mtshr])"
_KNUM = rf"[{_KANJI}]"

_NUMERIC_3 = re.compile(rf"([0-9]{{1,4}}){_SEP}([0-9]{{1,2}}){_SEP}([0-9]{{1,4}}){_YEAR_WORD}")
_NUMERIC_2 = re.compile(rf"([0-9]{{1,4}}){_SEP}([0-9]{{1,4}}){_YEAR_WORD}")
_YEAR_ONLY = re.compile(rf"([0-9]{{4}}){_YEAR_WORD}")
_BARE_YEAR = re.compile(rf"([0-9]{{2}}|[0-9]{{4}}){_YEAR_WORD}")
_DAY_WORD_YEAR = re.compile(
    rf"(?:([0-9]{{1,2}})\s*[-/.]?\s*)?([a-zа-яё]+)\s*[-/.]?\s*([0-9]{{4}}|[0-9]{{2}}){_YEAR_WORD}"
)
_WORD_DAY_YEAR = re.compile(r"([a-z]+)\.?\s*([0-9]{1,2})(?:\s*,\s*|\s+)([0-9]{4})")
_NENGETSUBI = re.compile(
    rf"(?:{_ERA}\s*\.?\s*)?(元|[0-9]{{1,4}}|{_KNUM}{{1,7}})\s*年"
    rf"(?:\s*([0-9]{{1,2}}|{_KNUM}{{1,3}})\s*月(?:\s*([0-9]{{1,2}}|{_KNUM}{{1,3}})\s*日)?)?"
    r"\s*(?:生まれ|生)?"
)
_ERA_DOTTED = re.compile(
    rf"{_ERA}\s*\.?\s*(元|[0-9]{{1,2}})(?:{_SEP}([0-9]{{1,2}})(?:{_SEP}([0-9]{{1,2}}))?)?"
)


def _read_numeric_3(match: re.Match[str], order: str) -> PartialDate | None:
    a, b, c = match.groups()
    if len(a) == 4 and len(c) <= 2:
        return PartialDate(int(a), int(b), int(c))
    if len(c) == 4 and len(a) <= 2:
        return _day_month(int(a), int(b), int(c), order)
    if len(a) <= 2 and len(c) <= 2:
        if order == "ymd":
            return PartialDate(_full_year(a), int(b), int(c))
        return _day_month(int(a), int(b), _full_year(c), order)
    return None


def _day_month(first: int, second: int, year: int, order: str) -> PartialDate:
    """A year written last: day first unless the mapping says mdy (ymd has no year last)."""
    if order == "mdy":
        return PartialDate(year, first, second)
    return PartialDate(year, second, first)


def _read_numeric_2(match: re.Match[str], order: str) -> PartialDate | None:
    a, b = match.groups()
    if len(a) == 4 and len(b) <= 2:
        return PartialDate(int(a), int(b))
    if len(b) == 4 and len(a) <= 2:
        return PartialDate(int(b), int(a))
    return None


def _read_year_only(match: re.Match[str], order: str) -> PartialDate:
    return PartialDate(int(match[1]))


def _read_day_word_year(match: re.Match[str], order: str) -> PartialDate | None:
    day, word, year = match.groups()
    month = _month_word(word)
    if month is None:
        return None
    return PartialDate(_full_year(year), month, None if day is None else int(day))


def _read_word_day_year(match: re.Match[str], order: str) -> PartialDate | None:
    word, day, year = match.groups()
    month = _month_word(word)
    return None if month is None else PartialDate(int(year), month, int(day))


def _read_nengetsubi(match: re.Match[str], order: str) -> PartialDate:
    era, year, month, day = match.groups()
    if era is not None:
        return _read_era(era, year, month, day)
    if year == "元" or len(year) < 4:
        raise DateError(
            f"{match.string!r} has no era name before its year; write 昭和{year}年 or the "
            "four-digit Western year"
        )
    return PartialDate(_number(year), _optional_number(month), _optional_number(day))


def _read_era_dotted(match: re.Match[str], order: str) -> PartialDate:
    return _read_era(*match.groups())


def _read_era(era: str, year: str, month: str | None, day: str | None) -> PartialDate:
    era_year = 1 if year == "元" else _number(year)
    return _era_date(_ERAS[era], era_year, _optional_number(month), _optional_number(day))


def _optional_number(text: str | None) -> int | None:
    return None if text is None else _number(text)


# A reader returns None when the text has the form's shape but is not a date (spring 1946).
_Reader = Callable[[re.Match[str], str], PartialDate | None]
_FORMS: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_NUMERIC_3, _read_numeric_3),
    (_YEAR_ONLY, _read_year_only),
    (_NUMERIC_2, _read_numeric_2),
    (_DAY_WORD_YEAR, _read_day_word_year),
    (_NENGETSUBI, _read_nengetsubi),
    (_ERA_DOTTED, _read_era_dotted),
    (_WORD_DAY_YEAR, _read_word_day_year),
)
