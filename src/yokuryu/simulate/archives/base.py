"""What every archive generator returns, and the per-record choices they share: which
spelling variant a clerk wrote, swapped or merged name parts, blank fields."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from yokuryu.simulate import tables
from yokuryu.simulate.noise import NoiseLevel, record_mask
from yokuryu.simulate.spelling import CYRILLIC_COLUMNS, KANJI_COLUMNS, LETTER_ERRORS, Spellings


@dataclass
class ArchiveTable:
    """One archive list: its columns in file order, the person behind each row, and how
    it is to be written and mapped."""

    name: str  # file stem and source name
    kind: str
    language: str
    encoding: str
    citation: str
    columns: dict[str, np.ndarray]  # column name → values (object arrays of str)
    mapping: dict[str, str]  # column name → standard field
    person: np.ndarray  # person index of each row
    delimiter: str = ","
    required: tuple[str, ...] = ()
    name_columns: tuple[str, ...] = ()  # blanked together for a "no name" malformed row
    date_order: str = "dmy"
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return int(self.person.size)

    @property
    def ref_column(self) -> str:
        return next(c for c, f in self.mapping.items() if f == "ref")


def cyrillic_choice(gen: np.random.Generator, level: NoiseLevel, size: int) -> np.ndarray:
    """Column of the Cyrillic spelling table each record uses."""
    other = record_mask(gen, level.non_polivanov, size).astype(np.int64)
    error = record_mask(gen, level.cyrillic_error, size)
    which = gen.integers(0, LETTER_ERRORS, size=size)
    return np.where(error, 2 + which + LETTER_ERRORS * other, other)


def kanji_choice(gen: np.random.Generator, level: NoiseLevel, size: int) -> np.ndarray:
    variant = record_mask(gen, level.kanji_variant, size)
    return np.where(variant, gen.integers(1, KANJI_COLUMNS, size=size), 0)


def pick(table: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    return table[rows, columns]


def swap_merge(
    gen: np.random.Generator,
    level: NoiseLevel,
    family: np.ndarray,
    given: np.ndarray,
    joiner: str = "",
) -> tuple[np.ndarray, np.ndarray]:
    """Family and given swapped for some records, merged into the family field for others."""
    swap = record_mask(gen, level.swap_parts, family.size)
    merge = ~swap & record_mask(gen, level.merge_parts, family.size)
    first = np.where(swap, given, family)
    second = np.where(swap, family, given)
    merged = first.astype(object) + joiner + second.astype(object)
    return np.where(merge, merged, first), np.where(merge, "", second)


def blank(
    gen: np.random.Generator, level: NoiseLevel, values: np.ndarray, extra_share: float = 0.0
) -> np.ndarray:
    """Values with a share of them left blank (missing fields)."""
    share = min(1.0, level.missing_field + extra_share)
    return np.where(record_mask(gen, share, values.size), "", values)


def lookup(values: tuple[str, ...], index: np.ndarray) -> np.ndarray:
    return np.array(values, dtype=object)[index]


def rank_ja(rank: np.ndarray) -> np.ndarray:
    return lookup(tuple(r.ja for r in tables.RANKS), rank)


def rank_ru(rank: np.ndarray) -> np.ndarray:
    return lookup(tuple(r.ru for r in tables.RANKS), rank)


def unit_names(unit: np.ndarray, language: str) -> np.ndarray:
    units = tables.UNITS + tables.CIVILIAN_UNITS
    return lookup(tuple(getattr(u, language) for u in units), unit)


def prefecture_names(prefecture: np.ndarray) -> np.ndarray:
    names, _ = tables.prefecture_weights()
    return lookup((*names, tables.KOREA_HOME), prefecture)


def serial_refs(prefix: str, size: int, width: int = 6) -> np.ndarray:
    """Reference numbers prefix000001, prefix000002, ... (vectorised)."""
    numbers = np.char.zfill(np.arange(1, size + 1).astype(str), width)
    return np.char.add(prefix, numbers).astype(object)


__all__ = ["CYRILLIC_COLUMNS", "ArchiveTable", "Spellings"]
