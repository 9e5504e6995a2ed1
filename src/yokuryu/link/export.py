"""Writing linkage results for users: links (what a user cites) and decisions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.json
import pyarrow.parquet as pq

FORMATS = ("csv", "jsonl", "parquet")


def write_table(table: pa.Table, out: Path, file_format: str) -> int:
    """Write an Arrow table as CSV, JSON lines or Parquet; returns the rows written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if file_format == "parquet":
        pq.write_table(table, out)
    elif file_format == "csv":
        pcsv.write_csv(table, out)
    elif file_format == "jsonl":
        import json

        with out.open("w", encoding="utf-8") as stream:
            for row in table.to_pylist():
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        raise ValueError(f"unknown format {file_format!r}; use one of {', '.join(FORMATS)}")
    return table.num_rows


def export_links(conn: sqlite3.Connection, out: Path, file_format: str) -> int:
    """Write (source, ref, record_id, person_id, run_id) for every record of the live run."""
    rows = conn.execute(
        "SELECT s.name, r.ref, r.id, pr.person_id, pr.run_id FROM person_record pr "
        "JOIN record r ON r.id = pr.record_id JOIN source s ON s.id = r.source_id ORDER BY r.id"
    ).fetchall()
    table = pa.table({
        "source": [r[0] for r in rows], "ref": [r[1] for r in rows],
        "record_id": pa.array([r[2] for r in rows], pa.int64()),
        "person_id": [r[3] for r in rows], "run_id": [r[4] for r in rows],
    })  # fmt: skip
    return write_table(table, out, file_format)
