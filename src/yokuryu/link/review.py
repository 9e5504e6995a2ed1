"""The archivist's review queue in the terminal: one uncertain pair at a time.

Pairs come from the live run's ``review_pair`` rows (filled when the run went live), most
useful first, leaving out pairs that already have a decision in force. Each shows both
records as written, in their own script, beside the standardised forms the model compared
and each field's match weight.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from yokuryu.link import decisions, runs

RECORD_FIELDS = (
    "full_name", "family_name", "given_name", "father_name", "name_reading", "birth_date",
    "birth_year", "prefecture", "rank", "unit", "camp", "capture_date", "transfer_date",
    "death_date", "death_place", "repatriation_date", "notes",
)  # fmt: skip
STANDARD_FIELDS = ("fam", "giv", "fa", "birth_year", "rank", "unit", "camp", "death_place")
# Keys an archivist types, and the verdict each appends.
KEYS = {"a": "match", "r": "non_match", "u": "unsure"}


@dataclass(frozen=True)
class ReviewItem:
    left: int
    right: int
    probability: float
    weight: float | None
    features: dict[str, float]


def pending(conn: sqlite3.Connection, skipped: set[tuple[int, int]]) -> Iterator[ReviewItem]:
    """Undecided, unskipped pairs of the live run, highest priority first."""
    run = runs.require_live(conn)
    rows = conn.execute(
        "SELECT record_id_l, record_id_r, match_probability, match_weight, features_json "
        "FROM review_pair WHERE run_id = ? ORDER BY priority DESC, id",
        (run,),
    ).fetchall()
    decided = decisions.in_force(conn)
    for left, right, p, w, features in rows:
        if (left, right) not in decided and (left, right) not in skipped:
            yield ReviewItem(left, right, p, w, json.loads(features or "{}"))


def record_fields(conn: sqlite3.Connection, record_id: int) -> dict[str, Any]:
    cursor = conn.execute(
        f"SELECT s.name AS source, r.ref, {', '.join('r.' + f for f in RECORD_FIELDS)} "
        "FROM record r JOIN source s ON s.id = r.source_id WHERE r.id = ?",
        (record_id,),
    )
    cursor.row_factory = sqlite3.Row
    row = cursor.fetchone()
    return {k: row[k] for k in row.keys() if row[k] not in (None, "")} if row else {}  # noqa: SIM118


def standardised(
    conn: sqlite3.Connection, archive: Path, ids: list[int]
) -> dict[int, dict[str, Any]]:
    """The standardised forms the live run compared, for the given records."""
    folder = runs.run_folder(conn, archive, runs.require_live(conn))
    table = pq.read_table(folder / "records.parquet", columns=["unique_id", *STANDARD_FIELDS])
    table = table.filter(pc.is_in(table.column("unique_id"), value_set=pa.array(ids, pa.int64())))
    return {int(r.pop("unique_id")): r for r in table.to_pylist()}
