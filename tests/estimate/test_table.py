"""Contingency tables: reading, tabulating and refusing bad input with a clear reason."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from yokuryu.estimate.errors import BadTable, EmptyList, TooFewLists
from yokuryu.estimate.table import Table, read_table, require_lists, tabulate


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_kosovo_with_its_lists_and_total(kosovo: Table) -> None:
    assert kosovo.lists == ("EXH", "ABA", "OSCE", "HRW")
    assert kosovo.n == 4400
    assert kosovo.patterns.shape == (15, 4)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b,c,count\n1,0,0,-3\n0,1,0,2\n0,0,1,1\n", "row 2, column count: '-3'"),
        ("a,b,c,count\n1,0,0,2.5\n0,1,0,2\n0,0,1,1\n", "row 2, column count: '2.5'"),
        ("a,b,c,count\n1,0,2,4\n0,1,0,2\n0,0,1,1\n", "row 2, column c: '2' is not 0 or 1"),
        ("a,b,c,count\n0,0,0,4\n0,1,0,2\n0,0,1,1\n", "row 2: the all-zero pattern"),
        ("a,count\n1,4\n", "only 1 list column"),
        ("a,b,c\n1,0,0\n", "no 'count' column"),
    ],
    ids=["negative count", "fractional count", "pattern not 0/1", "all-zero row",
         "single list", "no count column"],
)  # fmt: skip
def test_bad_tables_are_refused_with_the_place(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(BadTable, match=message):
        read_table(write(tmp_path, text))


def test_every_problem_of_a_file_is_reported_together(tmp_path: Path) -> None:
    path = write(tmp_path, "a,b,c,count\n1,0,0,-1\n0,1,x,2\n0,0,1,1\n")
    with pytest.raises(BadTable) as caught:
        read_table(path)
    assert "row 2" in str(caught.value) and "row 3" in str(caught.value)


def test_a_list_with_no_records_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EmptyList, match="List\\(s\\) c hold no records"):
        read_table(write(tmp_path, "a,b,c,count\n1,0,0,3\n0,1,0,2\n1,1,0,1\n"))


def test_two_lists_are_too_few_for_any_estimator() -> None:
    table = Table.build(["a", "b"], [[1, 0], [0, 1], [1, 1]], [4, 5, 2])
    with pytest.raises(TooFewLists, match="at least 3 lists"):
        require_lists(table, "LCMCR")


def test_duplicate_patterns_are_merged_and_zero_counts_dropped() -> None:
    patterns = [[1, 0, 0], [1, 0, 0], [0, 1, 1], [0, 0, 1], [0, 1, 0]]
    table = Table.build(["a", "b", "c"], patterns, [2, 3, 0, 4, 1])
    assert table.patterns.tolist() == [[0, 0, 1], [0, 1, 0], [1, 0, 0]]
    assert table.counts.tolist() == [4, 1, 5]


inclusion_rows = st.lists(
    st.lists(st.integers(0, 1), min_size=3, max_size=3).filter(any), min_size=1, max_size=60
)


@given(inclusion_rows)
def test_tabulating_persons_keeps_every_person_and_list_total(rows: list[list[int]]) -> None:
    array = np.array(rows)
    if not array.sum(axis=0).all():
        with pytest.raises(EmptyList):
            tabulate(["a", "b", "c"], rows)
        return
    table = tabulate(["a", "b", "c"], rows)
    assert table.n == len(rows)
    assert table.list_totals().tolist() == array.sum(axis=0).tolist()
    assert table.full_counts()[0] == 0
