"""Standardising on several processes gives the table one process gives."""

from __future__ import annotations

import sqlite3

import pytest

from tests.link.conftest import Linked
from yokuryu.link import standardise_pool
from yokuryu.link.standardise import standardise_records

pytestmark = pytest.mark.slow


def test_two_processes_standardise_as_one(linked: Linked, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(standardise_pool, "MIN_PARALLEL_RECORDS", 0)
    conn = sqlite3.connect(linked.archive / "registry.db")
    try:
        one = standardise_records(conn)
        split = standardise_pool.standardise_all(conn, workers=3)
    finally:
        conn.close()
    assert one.num_rows > 2000
    assert split.equals(one)


def test_a_small_archive_stays_in_one_process(linked: Linked) -> None:
    conn = sqlite3.connect(linked.archive / "registry.db")
    try:
        assert standardise_pool.standardise_all(conn, workers=2).equals(standardise_records(conn))
    finally:
        conn.close()
