"""The values the name engine returns.

Reading, NamePart, ParsedName and PartKeys are immutable named tuples: a million records
build millions of them, and a tuple is made several times faster than a frozen dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

FAMILY, GIVEN, PATRONYMIC, NAME = "family", "given", "patronymic", "name"


class Reading(NamedTuple):
    """One kana reading candidate with its weight (the weights of a list sum to 1)."""

    kana: str
    weight: float


class NamePart(NamedTuple):
    """One part of a name: its role (family, given, patronymic, or name when unknown)."""

    text: str
    role: str
    script: str
    readings: tuple[Reading, ...] = ()

    @property
    def best(self) -> str:
        return self.readings[0].kana if self.readings else ""


class ParsedName(NamedTuple):
    """A name split into parts, each with its script and weighted readings.

    ``script`` is the script of the whole field: one of kanji, hiragana, katakana, latin,
    cyrillic, hangul, mixed (parts in different scripts) or unknown.
    """

    original: str
    normalised: str
    script: str
    parts: tuple[NamePart, ...] = ()
    split_weight: float = 1.0

    def part(self, role: str) -> NamePart | None:
        return next((p for p in self.parts if p.role == role), None)

    @property
    def family(self) -> NamePart | None:
        return self.part(FAMILY)

    @property
    def given(self) -> NamePart | None:
        return self.part(GIVEN)


class PartKeys(NamedTuple):
    """ASCII keys of one part: the best reading's keys and those of every candidate."""

    role: str
    exact: str
    coarse: str
    exact_all: tuple[str, ...] = ()
    coarse_all: tuple[str, ...] = ()


@dataclass(frozen=True)
class Explanation:
    """Why two names scored what they did: the readings compared and each step's cost."""

    a: str
    b: str
    score: float
    swapped: bool = False
    parts: list[dict[str, object]] = field(default_factory=list)
