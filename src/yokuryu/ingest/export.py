"""Writing records or quarantined rows out as CSV, JSON lines or Parquet, streaming."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from yokuryu.errors import YokuryuError
from yokuryu.ingest.fields import DATE_FIELDS, STANDARD_FIELDS

BATCH_ROWS = 50_000
_RECORD_SQL = (
    "SELECT r.id AS record_id, s.name AS source, s.kind AS source_kind, r.batch_id, "
    "r.row_number, "
    + ", ".join(f"r.{name}" for name in STANDARD_FIELDS)
    + ", "
    + ", ".join(f"r.{name}_precision" for name in DATE_FIELDS)
    + ", r.raw_json, r.problems_json "
    "FROM record r JOIN source s ON s.id = r.source_id ORDER BY r.id"
)
_QUARANTINE_SQL = (
    "SELECT q.id AS quarantine_id, s.name AS source, q.batch_id, b.file_name, q.row_number, "
    "q.raw_json, q.reasons_json FROM quarantine q JOIN source s ON s.id = q.source_id "
    "JOIN import_batch b ON b.id = q.batch_id ORDER BY q.id"
)
_INTEGER_COLUMNS = {"record_id", "quarantine_id", "batch_id", "row_number", "birth_year"}
WHAT = {"records": _RECORD_SQL, "quarantine": _QUARANTINE_SQL}
FORMATS = ("csv", "jsonl", "parquet")


class ExportError(YokuryuError):
    """An export cannot be written as asked."""


class RowSource(Protocol):
    """Rows to write: a cursor, or any object handing out batches of tuples like one."""

    def fetchmany(self, size: int = ..., /) -> list[Any]: ...


def _cursor(conn: sqlite3.Connection, what: str) -> sqlite3.Cursor:
    if what not in WHAT:
        raise ExportError(f"Cannot export '{what}'; choose one of {', '.join(WHAT)}.")
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(WHAT[what])


def _batches(cursor: RowSource) -> Iterator[list[tuple[Any, ...]]]:
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield batch


def _write_csv(cursor: RowSource, columns: list[str], out: Path) -> int:
    count = 0
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for batch in _batches(cursor):
            writer.writerows(batch)
            count += len(batch)
    return count


def _write_jsonl(cursor: RowSource, columns: list[str], out: Path) -> int:
    count = 0
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        for batch in _batches(cursor):
            for row in batch:
                handle.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False))
                handle.write("\n")
            count += len(batch)
    return count


def _write_parquet(cursor: RowSource, columns: list[str], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.int64() if c in _INTEGER_COLUMNS else pa.string()) for c in columns])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batches(cursor):
            arrays = [
                pa.array([row[i] for row in batch], type=schema.field(i).type)
                for i in range(len(columns))
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def write_rows(rows: RowSource, columns: list[str], file_format: str, out: Path) -> int:
    """Write rows with these column names in one of :data:`FORMATS`; returns the count."""
    writers = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}
    if file_format not in writers:
        raise ExportError(f"Cannot write '{file_format}'; choose one of {', '.join(FORMATS)}.")
    return writers[file_format](rows, columns, Path(out))


def export_table(conn: sqlite3.Connection, what: str, file_format: str, out: Path) -> int:
    """Write every record (or quarantined row) to `out`; returns the rows written."""
    if file_format not in FORMATS:
        raise ExportError(f"Cannot write '{file_format}'; choose one of {', '.join(FORMATS)}.")
    cursor = _cursor(conn, what)
    return write_rows(cursor, [d[0] for d in cursor.description], file_format, out)
