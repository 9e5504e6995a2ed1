"""Reference tables (tests/data/mse, with their published answers in its README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yokuryu.estimate.table import Table, read_table

DATA = Path(__file__).parent.parent / "data" / "mse"


@pytest.fixture(scope="session")
def kosovo() -> Table:
    return read_table(DATA / "kosovo_4lists.csv")


@pytest.fixture(scope="session")
def spina_bifida() -> Table:
    return read_table(DATA / "madigan_york_3lists.csv")


@pytest.fixture(scope="session")
def five_lists() -> Table:
    return read_table(DATA / "madigan_york_5lists.csv")
