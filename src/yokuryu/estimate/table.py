"""Contingency tables of inclusion patterns: read, validate, tabulate.

A table holds the M observed patterns (an M×J 0/1 array over J lists) and their counts.
The all-zero pattern is never stored: it is what the estimators fill in.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike, NDArray

from yokuryu.estimate.errors import BadTable, EmptyList, TooFewLists, TooManyLists

MIN_LISTS = 3


@dataclass(frozen=True)
class Table:
    """Observed inclusion patterns and their counts, with the list names.

    Example:
        >>> t = Table.build(["A", "B", "C"], [[1, 0, 0], [1, 1, 0], [0, 0, 1]], [5, 2, 3])
        >>> t.n
        10
    """

    lists: tuple[str, ...]
    patterns: NDArray[np.int64]
    counts: NDArray[np.int64]

    @classmethod
    def build(cls, lists: Sequence[str], patterns: ArrayLike, counts: ArrayLike) -> Table:
        """Validate and merge duplicate patterns; drop zero-count patterns."""
        count_array = np.asarray(counts, dtype=np.int64)
        pattern_array = np.asarray(patterns, dtype=np.int64).reshape(count_array.size, len(lists))
        merged: Counter[tuple[int, ...]] = Counter()
        for row, count in zip(pattern_array, count_array, strict=True):
            merged[tuple(int(v) for v in row)] += int(count)
        keys = sorted(k for k, c in merged.items() if c > 0)
        table = cls(
            tuple(lists),
            np.array(keys, dtype=np.int64).reshape(len(keys), len(lists)),
            np.array([merged[k] for k in keys], dtype=np.int64),
        )
        table.check_lists_nonempty()
        return table

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    def list_totals(self) -> NDArray[np.int64]:
        """Records on each list."""
        return (self.patterns * self.counts[:, None]).sum(axis=0)

    def check_lists_nonempty(self) -> None:
        empty = [
            name for name, total in zip(self.lists, self.list_totals(), strict=True) if not total
        ]
        if empty:
            raise EmptyList(
                f"List(s) {', '.join(empty)} hold no records here; leave them out or "
                "check the scope, since an empty list says nothing about overlap."
            )

    def without_lists(self, names: Iterable[str]) -> Table:
        """The table over the remaining lists (persons left on none are dropped)."""
        drop = set(names)
        keep = [i for i, name in enumerate(self.lists) if name not in drop]
        return Table.build([self.lists[i] for i in keep], self.patterns[:, keep], self.counts)

    def full_counts(self) -> NDArray[np.int64]:
        """Counts over all 2^J cells, cell index = Σ_j x_j·2^j; cell 0 (unseen) is 0."""
        full = np.zeros(2**self.n_lists, dtype=np.int64)
        np.add.at(full, self.cell_index(), self.counts)
        return full

    def cell_index(self) -> NDArray[np.int64]:
        return self.patterns @ (2 ** np.arange(self.n_lists, dtype=np.int64))


def tabulate(lists: Sequence[str], inclusion: Iterable[Sequence[int]]) -> Table:
    """Count each person's inclusion vector into a table; persons on no list are refused."""
    patterns = Counter(tuple(int(v) for v in row) for row in inclusion)
    keys = sorted(patterns)
    if not keys:
        raise BadTable("No persons to tabulate: the stratum is empty.")
    return Table.build(lists, keys, [patterns[k] for k in keys])


def _row_errors(row_number: int, row: dict[str, str], lists: Sequence[str]) -> list[str]:
    errors = []
    for name in lists:
        if row[name].strip() not in ("0", "1"):
            errors.append(f"row {row_number}, column {name}: {row[name]!r} is not 0 or 1")
    count = row["count"].strip()
    if not count.isdigit():
        errors.append(f"row {row_number}, column count: {count!r} is not a whole number ≥ 0")
    if all(row[name].strip() == "0" for name in lists):
        errors.append(
            f"row {row_number}: the all-zero pattern is the unseen cell the estimate fills; "
            "remove the row"
        )
    return errors


def read_table(path: Path) -> Table:
    """Read a CSV with one 0/1 column per list and a ``count`` column.

    Every problem in the file is collected and reported together.
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        if "count" not in header:
            raise BadTable(
                f"{path}: no 'count' column; expected one 0/1 column per list and count."
            )
        reader.fieldnames = header
        lists = [h for h in header if h != "count"]
        rows = list(reader)
    errors = [e for i, row in enumerate(rows, start=2) for e in _row_errors(i, row, lists)]
    if errors:
        raise BadTable(f"{path}: " + "; ".join(errors) + ".")
    if len(lists) < 2:
        raise BadTable(f"{path}: only {len(lists)} list column(s); MSE needs at least three lists.")
    patterns = [[int(row[name]) for name in lists] for row in rows]
    return Table.build(lists, patterns, [int(row["count"]) for row in rows])


def require_lists(table: Table, estimator: str, at_most: int | None = None) -> None:
    """Refuse tables the estimator cannot identify or handle."""
    if table.n_lists < MIN_LISTS:
        raise TooFewLists(
            f"{estimator} needs at least {MIN_LISTS} lists, this table has {table.n_lists} "
            f"({', '.join(table.lists)}): with fewer, the unseen cell is not identified "
            "without assuming the lists are independent."
        )
    if at_most is not None and table.n_lists > at_most:
        raise TooManyLists(
            f"{estimator} supports at most {at_most} lists, this table has {table.n_lists}; "
            "merge or leave out lists, or use LCMCR."
        )
