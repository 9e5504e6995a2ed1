"""A person's fate: dates first, then the fate words of status and notes (yokuryu.fates)."""

from __future__ import annotations

import sqlite3

from yokuryu.link.persons import _fate

COLUMNS = ("death_date", "repatriation_date", "transfer_date", "status", "notes")


def _records(*rows: dict[str, str]) -> list[sqlite3.Row]:
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.execute(f"CREATE TABLE r ({', '.join(COLUMNS)})")
    for row in rows:
        conn.execute("INSERT INTO r VALUES (?, ?, ?, ?, ?)", [row.get(c) for c in COLUMNS])
    return list(conn.execute("SELECT * FROM r"))


def test_a_death_date_gives_died_with_the_earliest_date() -> None:
    rows = _records({"death_date": "1946-03-01"}, {"death_date": "1946-02-20"})
    assert _fate(rows) == ("died", "1946-02-20")


def test_a_card_closed_by_death_is_dated_by_its_closing_date() -> None:
    rows = _records({"status": "умер", "transfer_date": "1946-01-05"}, {})
    assert _fate(rows) == ("died", "1946-01-05")


def test_death_stated_only_in_words_is_still_a_death() -> None:
    assert _fate(_records({"notes": "умер в лагере"})) == ("died", None)


def test_return_stated_in_words_or_by_a_landing_date() -> None:
    assert _fate(_records({"status": "復員"})) == ("repatriated", None)
    assert _fate(_records({"repatriation_date": "1947-06-01"})) == ("repatriated", None)


def test_nothing_stated_is_unknown() -> None:
    assert _fate(_records({"notes": "переведён"}, {})) == ("unknown", None)
