"""The public file for Datasette: only what an anonymous visitor may see, as plain SQLite.

Datasette has no row-level permissions, so the file itself must hold nothing private.
Every row is chosen by the one privacy layer (:mod:`yokuryu.web.privacy`): persons by
``visible_sql`` for an anonymous viewer, their records through ``record_view`` (no
notes, no raw row). Tables have real primary and foreign keys; places carry
``latitude``/``longitude`` columns, which datasette-cluster-map draws unconfigured.
Open it read-only: ``datasette -i yokuryu-public.db -m metadata.json``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yokuryu.errors import YokuryuError
from yokuryu.web.fate import person_fate
from yokuryu.web.persons import FIELDS
from yokuryu.web.places import camp_places
from yokuryu.web.privacy import ANONYMOUS, PRIVATE_FIELDS, record_view, visible_sql
from yokuryu.web.sources import source_label

PUBLIC_FILE = "yokuryu-public.db"
METADATA_FILE = "metadata.json"
RECORD_FIELDS = tuple(f for f in FIELDS if f not in PRIVATE_FIELDS)
PLACE_FIELDS = ("name_en", "name_ru", "name_ja", "kind", "region", "country_now",
                "latitude", "longitude", "source")  # fmt: skip
BATCH = 5_000

SCHEMA = f"""
CREATE TABLE source (id INTEGER PRIMARY KEY, name TEXT NOT NULL, label TEXT, kind TEXT,
    language TEXT, citation TEXT);
CREATE TABLE place (id INTEGER PRIMARY KEY, {", ".join(f"{c} {'REAL' if c in ('latitude', 'longitude') else 'TEXT'}" for c in PLACE_FIELDS)});
CREATE TABLE person (id TEXT PRIMARY KEY, display_name TEXT, birth_year INTEGER, fate TEXT,
    death_date TEXT, records INTEGER NOT NULL);
CREATE TABLE record (id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id),
    source_id INTEGER NOT NULL REFERENCES source(id),
    place_id INTEGER REFERENCES place(id),
    {", ".join(f"{c} {'INTEGER' if c == 'birth_year' else 'TEXT'}" for c in RECORD_FIELDS)});
CREATE INDEX record_person ON record(person_id);
CREATE INDEX record_source ON record(source_id);
CREATE INDEX record_place ON record(place_id);
"""  # noqa: E501


class PublishError(YokuryuError):
    """The public file cannot be written where asked."""


@dataclass(frozen=True)
class Published:
    database: Path
    metadata: Path
    persons: int
    records: int
    places: int
    sources: int


def _persons(conn: sqlite3.Connection, years: int) -> Iterator[list[sqlite3.Row]]:
    """The records of the persons an anonymous visitor may see, one person at a time."""
    visible, params = visible_sql(ANONYMOUS, years)
    rows = conn.execute(
        "SELECT p.id AS p_id, p.display_name AS p_display_name, p.birth_year AS p_birth_year, "
        "p.fate AS p_fate, p.death_date AS p_death_date, r.* FROM person p "
        "JOIN person_record pr ON pr.person_id = p.id JOIN record r ON r.id = pr.record_id "
        f"WHERE {visible} ORDER BY p.id, r.id",
        params,
    )
    current: list[sqlite3.Row] = []
    for row in rows:
        if current and current[0]["p_id"] != row["p_id"]:
            yield current
            current = []
        current.append(row)
    if current:
        yield current


def _person_rows(records: list[sqlite3.Row], places: dict[str, int]) -> tuple[tuple, list]:
    first = records[0]
    pid = first["p_id"]
    fate = person_fate(first["p_fate"], records)
    person = (pid, first["p_display_name"], first["p_birth_year"], fate,
              first["p_death_date"], len(records))  # fmt: skip
    shown = []
    for record in records:
        view = record_view(ANONYMOUS, pid, dict(record))
        shown.append((view["id"], pid, view["source_id"], places.get(view.get("camp") or ""),
                      *(view.get(c) for c in RECORD_FIELDS)))  # fmt: skip
    return person, shown


def _write_people(conn: sqlite3.Connection, out: sqlite3.Connection, years: int) -> tuple:
    places = camp_places(conn)
    marks = ", ".join("?" for _ in range(4 + len(RECORD_FIELDS)))
    persons = records = 0
    batch_p: list[tuple] = []
    batch_r: list[tuple] = []
    for group in _persons(conn, years):
        person, shown = _person_rows(group, places)
        batch_p.append(person)
        batch_r += shown
        persons, records = persons + 1, records + len(shown)
        if len(batch_p) >= BATCH:
            _flush(out, marks, batch_p, batch_r)
            batch_p, batch_r = [], []
    _flush(out, marks, batch_p, batch_r)
    return persons, records


def _flush(out: sqlite3.Connection, marks: str, persons: list, records: list) -> None:
    out.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?)", persons)
    out.executemany(f"INSERT INTO record VALUES ({marks})", records)


def _write_reference(conn: sqlite3.Connection, out: sqlite3.Connection) -> tuple[int, int]:
    sources = [
        (r["id"], r["name"], source_label(r["name"], r["kind"]), r["kind"], r["language"],
         r["citation"])
        for r in conn.execute("SELECT * FROM source ORDER BY id")
    ]  # fmt: skip
    out.executemany("INSERT INTO source VALUES (?, ?, ?, ?, ?, ?)", sources)
    columns = ", ".join(PLACE_FIELDS)
    places = conn.execute(f"SELECT id, {columns} FROM place ORDER BY id").fetchall()
    marks = ", ".join("?" for _ in range(len(PLACE_FIELDS) + 1))
    out.executemany(f"INSERT INTO place (id, {columns}) VALUES ({marks})", places)
    return len(sources), len(places)


def metadata(title: str, licence: str, source_url: str | None) -> dict[str, Any]:
    """Datasette's metadata.json: title, licence, source, and what each table holds."""
    return {
        "title": title,
        "description": "Persons shown publicly by yokuryu's privacy rules (a recorded death "
        "or born over the limit's years ago, and not restricted), with their records "
        "without notes or relatives' details.",
        "license": licence,
        "source": "yokuryu archive",
        **({"source_url": source_url} if source_url else {}),
        "databases": {
            Path(PUBLIC_FILE).stem: {
                "tables": {
                    "person": {"description": "One row per person of the live linkage run."},
                    "record": {"description": "Source records of those persons, as written."},
                    "source": {"description": "The archive lists, with citation."},
                    "place": {"description": "Camps, hospitals and ports (gazetteer)."},
                }
            }
        },
    }


def publish(
    conn: sqlite3.Connection,
    folder: Path,
    years: int,
    title: str = "yokuryu: Japanese held in Soviet and Mongolian camps, 1945-1956",
    licence: str = "CC-BY-4.0",
    source_url: str | None = None,
) -> Published:
    """Write ``folder/yokuryu-public.db`` and ``folder/metadata.json``; replaces both.

    Raises:
        PublishError: ``folder`` is a file.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PublishError(f"{folder} is a file; give a folder for the public file.")
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / PUBLIC_FILE
    partial = database.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    out = sqlite3.connect(partial, isolation_level=None)
    try:
        out.execute("PRAGMA foreign_keys=ON")
        out.execute("BEGIN")
        for statement in SCHEMA.split(";"):
            if statement.strip():
                out.execute(statement)
        sources, places = _write_reference(conn, out)
        persons, records = _write_people(conn, out, years)
        out.execute("COMMIT")
        problems = out.execute("PRAGMA foreign_key_check").fetchall()
        if problems:  # an invariant of the code above, checked on the file itself
            raise PublishError(f"The public file breaks its own foreign keys: {problems[:3]}")
    finally:
        out.close()
    partial.replace(database)
    meta = folder / METADATA_FILE
    meta.write_text(json.dumps(metadata(title, licence, source_url), indent=2), encoding="utf-8")
    return Published(database, meta, persons, records, places, sources)
