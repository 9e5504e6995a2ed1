"""Turning a read row into a record's standard fields, or into quarantine reasons.

The rule, per field:
- A row is quarantined (kept whole, with every reason) when it cannot stand as a
  record: it has no name at all, or a field the mapping marks `required` is missing or
  unreadable (by default the date that defines the list: the death date of a death
  register, the arrival date of a landing record).
- Any other unreadable or impossible value (31.02.1946, 昭和70年, birth year 1750) keeps
  the row: the field is left empty, the problem is recorded in `problems_json`, and the
  value stays in the raw row.
- A value the source marks as approximate (c. 1923, около 1923, 1923頃) is read: a date's
  precision says "circa", and an approximate birth year is noted in `problems_json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from yokuryu.dates import DateError, approximate_qualifier, parse_date, parse_year
from yokuryu.errors import MappingError
from yokuryu.ingest.fields import NAME_FIELDS, PLAUSIBLE_YEARS, STANDARD_FIELDS
from yokuryu.ingest.mapping import Mapping
from yokuryu.ingest.readers import RawRow

Problem = dict[str, Any]


@dataclass
class RowOutcome:
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reasons: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def quarantined(self) -> bool:
        return bool(self.reasons)


def _problem(row: int, column: str | None, value: str | None, why: str) -> Problem:
    return {"row": row, "column": column, "value": value, "reason": why}


def _check_plausible(name: str, year: int) -> None:
    low, high = PLAUSIBLE_YEARS.get(name, (1800, 2100))
    if not low <= year <= high:
        raise DateError(f"year {year} is outside {low}–{high}, the plausible range for {name}")


class RowValidator:
    """Validates rows of one list against its mapping; cached parsers (dates repeat)."""

    def __init__(self, mapping: Mapping, header: list[str]) -> None:
        self.plan = [
            (column, name, STANDARD_FIELDS[name]) for column, name in mapping.columns.items()
        ]
        self.required = set(mapping.required)
        self.name_fields = [n for _, n, _ in self.plan if n in NAME_FIELDS]
        if not self.name_fields:
            raise MappingError(
                f"Mapping for '{mapping.source}' maps no name column (one of "
                f"{', '.join(NAME_FIELDS)}); a record must carry a name."
            )
        self.date_order = mapping.date_order
        # Values repeat a great deal (dates, birth years): convert each distinct one once.
        self._cached_convert = lru_cache(maxsize=1 << 16)(self._convert)

    def _convert(self, name: str, kind: str, text: str) -> tuple[tuple[str, Any], ...]:
        """The record columns a non-empty value fills; raises DateError (cached per value)."""
        if kind == "date":
            parsed = parse_date(text.strip(), self.date_order)
            _check_plausible(name, parsed.year)
            return ((name, parsed.iso()), (f"{name}_precision", parsed.precision))
        year = parse_year(text.strip())
        _check_plausible(name, year)
        return ((name, year),)

    def check(self, row: RawRow) -> RowOutcome:
        outcome = RowOutcome()
        values = row.values or {}
        found = outcome.values
        for column, name, kind in self.plan:
            text = values.get(column, "")
            if not text or text.isspace():
                if name in self.required:
                    outcome.reasons.append(
                        _problem(row.number, column, text, f"required {name} is empty")
                    )
            elif kind == "text":
                found[name] = text
            else:
                self._convert_into(outcome, row.number, column, name, kind, text)
        if not any(found.get(n) for n in self.name_fields):
            outcome.reasons.append(
                _problem(row.number, None, None, "no name: every name column is empty")
            )
        self._derive_birth_year(outcome)
        return outcome

    def _convert_into(
        self, outcome: RowOutcome, number: int, column: str, name: str, kind: str, text: str
    ) -> None:
        try:
            converted = self._cached_convert(name, kind, text)
        except DateError as exc:
            entry = _problem(number, column, text, f"{name}: {exc}")
            (outcome.reasons if name in self.required else outcome.problems).append(entry)
            return
        outcome.values.update(converted)
        if kind == "year" and approximate_qualifier(text):
            why = f"{name}: approximate in the source, kept as {converted[0][1]}"
            outcome.notes.append(_problem(number, column, text, why))

    @staticmethod
    def _derive_birth_year(outcome: RowOutcome) -> None:
        """A birth date also gives the birth year the linkage compares."""
        birth = outcome.values.get("birth_date")
        if birth and "birth_year" not in outcome.values:
            outcome.values["birth_year"] = int(birth[:4])
