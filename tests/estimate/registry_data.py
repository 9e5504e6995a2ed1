"""Putting linked persons into a fresh archive's registry, as the link stage will."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from yokuryu.store import transaction

NOW = "2026-01-01T00:00:00"
SOURCES = {
    "soviet_deaths": "soviet_death",
    "mhlw_deaths": "mhlw_death",
    "cards": "soviet_card",
    "rosters": "jp_roster",
    "missing": "inquiry",
    "landings": "jp_landing",
}
RUN = "link-test"


@dataclass(frozen=True)
class Rec:
    source: str
    death_date: str | None = None
    camp: str | None = None
    notes: str | None = None
    left: str | None = None


def _sources(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    ids = {}
    for name, kind in SOURCES.items():
        source = conn.execute(
            "INSERT INTO source (name, kind, created_at) VALUES (?, ?, ?)", (name, kind, NOW)
        ).lastrowid
        batch = conn.execute(
            "INSERT INTO import_batch (source_id, file_name, sha256, size_bytes, file_format, "
            "mapping_json, started_at, imported_by) VALUES (?, ?, ?, 0, 'csv', '{}', ?, 't')",
            (source, f"{name}.csv", f"sha-{name}", NOW),
        ).lastrowid
        ids[name] = (int(source), int(batch))  # type: ignore[arg-type]
    return ids


def insert_persons(conn: sqlite3.Connection, persons: dict[str, list[Rec]]) -> dict[int, str]:
    """Insert every person's records under one live link run; returns record id → person."""
    assignment = {}
    with transaction(conn):
        ids = _sources(conn)
        conn.execute(
            "INSERT INTO link_run (id, started_at, engine, status, started_by) "
            "VALUES (?, ?, 'test', 'live', 't')",
            (RUN, NOW),
        )
        for row, (person, records) in enumerate(persons.items()):
            conn.execute(
                "INSERT INTO person (id, run_id, created_at) VALUES (?, ?, ?)", (person, RUN, NOW)
            )
            for rec in records:
                source, batch = ids[rec.source]
                record = conn.execute(
                    "INSERT INTO record (source_id, batch_id, row_number, raw_json, death_date, "
                    "camp, notes, transfer_date) VALUES (?, ?, ?, '{}', ?, ?, ?, ?)",
                    (source, batch, row, rec.death_date, rec.camp, rec.notes, rec.left),
                ).lastrowid
                conn.execute(
                    "INSERT INTO person_record (record_id, person_id, run_id) VALUES (?, ?, ?)",
                    (record, person, RUN),
                )
                assignment[int(record)] = person  # type: ignore[arg-type]
    return assignment


def persons_from_counts(
    lists: list[str], counts: dict[tuple[int, ...], int], death_date: str, prefix: str
) -> dict[str, list[Rec]]:
    """Persons with the given inclusion patterns, each record dated with the death."""
    persons = {}
    for pattern, count in counts.items():
        for i in range(count):
            key = f"{prefix}-{''.join(map(str, pattern))}-{i}"
            persons[key] = [Rec(s, death_date) for s, on in zip(lists, pattern, strict=True) if on]
    return persons
