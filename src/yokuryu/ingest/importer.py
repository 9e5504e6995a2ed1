"""Importing one list into the registry: all rows or none, each row a record or quarantined."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from yokuryu.config import setting
from yokuryu.errors import MappingError, UnreadableFile
from yokuryu.ingest.mapping import Mapping
from yokuryu.ingest.readers import RawRow, Table, duplicated_names, open_table, sniff_delimiter
from yokuryu.ingest.validate import RowOutcome, RowValidator
from yokuryu.store import transaction
from yokuryu.store.audit import now_utc, write_audit

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 5000
# A handful of damaged rows is damage, not a wrong encoding, however short the file.
MIN_BAD_ROWS_TO_REFUSE = 5


@lru_cache(maxsize=1024)
def insert_record_sql(columns: tuple[str, ...]) -> str:
    """The INSERT for a row holding just these columns.

    Rows name only the fields they have: binding NULL costs Python's sqlite3 about 1.5 µs
    a parameter, which for 30 mostly empty columns is most of the import's time. A repeated
    ref is left alone here and quarantined by the caller.
    """
    return (
        f"INSERT INTO record ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)}) "
        "ON CONFLICT (source_id, ref) WHERE ref IS NOT NULL DO NOTHING"
    )


_INSERT_QUARANTINE = (
    "INSERT INTO quarantine (source_id, batch_id, row_number, raw_json, reasons_json) "
    "VALUES (?, ?, ?, ?, ?)"
)


@dataclass
class ImportSummary:
    """What one import did, for the CLI's summary table and for scripts."""

    file: str
    source: str
    sha256: str
    batch_id: int | None = None
    already_imported_as: int | None = None
    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    rows_read: int = 0
    records: int = 0
    quarantined: int = 0
    field_problems: int = 0
    reasons: Counter[str] = field(default_factory=Counter)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# One encoder for every row: json.dumps with options builds a new encoder per call.
_json = json.JSONEncoder(ensure_ascii=False).encode


def _check_header(table: Table, mapping: Mapping, file_name: str) -> None:
    missing = [c for c in mapping.columns if c not in table.header]
    written = duplicated_names(table.header_as_written or table.header)
    ambiguous = {n: p for n, p in written.items() if n in mapping.columns}
    if ambiguous:
        where = "; ".join(
            f"'{n}' at columns {', '.join(map(str, p))}" for n, p in ambiguous.items()
        )
        raise MappingError(
            f"{file_name}: the mapping uses column names that appear more than once ({where}); "
            "rename them in the file or map the numbered names such as "
            f"'{next(iter(ambiguous))} [2]'."
        )
    if not missing:
        return
    hint = ""
    if len(table.header) == 1 and table.format == "csv":
        guess = sniff_delimiter(table.header[0])
        hint = f" The header has a single column '{table.header[0][:60]}': is the delimiter right?"
        if guess != (table.delimiter or ","):
            hint += f" It looks like '{guess}' — set `delimiter` in the mapping."
    raise MappingError(
        f"{file_name}: the mapping names columns that are not in the file: "
        f"{', '.join(repr(c) for c in missing)}; "
        f"the file has {', '.join(repr(h) for h in table.header[:20])}." + hint
    )


def _first_row(table: Table, file_name: str) -> RawRow:
    first = next(table.rows, None)
    if first is None:
        raise UnreadableFile(
            f"{file_name} has a header but no data rows: there is nothing to import."
        )
    return first


def _source_id(conn: sqlite3.Connection, mapping: Mapping) -> int:
    row = conn.execute("SELECT id, kind FROM source WHERE name = ?", (mapping.source,)).fetchone()
    if row is None:
        cur = conn.execute(
            "INSERT INTO source (name, kind, language, citation, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (mapping.source, mapping.kind, mapping.language, mapping.citation, now_utc()),
        )
        return int(cur.lastrowid or 0)
    if row["kind"] != mapping.kind:
        raise MappingError(
            f"Source '{mapping.source}' already holds {row['kind']} records but this mapping says "
            f"{mapping.kind}; give the list another source name or fix its kind."
        )
    return int(row["id"])


class BatchWriter:
    """Writes the rows of one batch; counts what it wrote."""

    def __init__(
        self, conn: sqlite3.Connection, source_id: int, batch_id: int, summary: ImportSummary
    ):
        self.conn, self.source_id, self.batch_id, self.summary = conn, source_id, batch_id, summary

    def quarantine(self, row: RawRow, raw: Any, reasons: list[dict[str, Any]]) -> None:
        self.conn.execute(
            _INSERT_QUARANTINE,
            (self.source_id, self.batch_id, row.number, _json(raw), _json(reasons)),
        )
        self.summary.quarantined += 1
        self.summary.reasons.update(r["reason"].split(":")[0] for r in reasons)

    def record(self, row: RawRow, outcome: RowOutcome) -> None:
        values = outcome.values
        columns = ("source_id", "batch_id", "row_number", *values, "raw_json")
        params = [self.source_id, self.batch_id, row.number, *values.values(), _json(row.values)]
        if outcome.problems or outcome.notes:
            columns += ("problems_json",)
            params.append(_json(outcome.problems + outcome.notes))
        if self.conn.execute(insert_record_sql(columns), params).rowcount == 0:
            self.quarantine(row, row.values, [self._duplicate_ref(row, values["ref"])])
            return
        self.summary.records += 1
        self.summary.field_problems += len(outcome.problems)
        self.summary.reasons.update(
            f"kept, {p['reason'].split(':')[0]} left empty" for p in outcome.problems
        )
        self.summary.reasons.update(
            f"approximate {n['reason'].split(':')[0]}" for n in outcome.notes
        )

    def _duplicate_ref(self, row: RawRow, ref: str) -> dict[str, Any]:
        first = self.conn.execute(
            "SELECT batch_id, row_number FROM record WHERE source_id = ? AND ref = ?",
            (self.source_id, ref),
        ).fetchone()
        where = f"row {first['row_number']} of batch {first['batch_id']}"
        return {
            "row": row.number,
            "column": "ref",
            "value": ref,
            "reason": f"duplicate ref: '{ref}' is already in this source ({where})",
        }

    def write(self, row: RawRow, validator: RowValidator) -> None:
        self.summary.rows_read += 1
        if row.problem is not None:
            raw = {"fields": row.fields}
            self.quarantine(
                row,
                raw,
                [{"row": row.number, "column": None, "value": None, "reason": row.problem}],
            )
            return
        outcome = validator.check(row)
        if outcome.quarantined:
            self.quarantine(row, row.values, outcome.reasons)
        else:
            self.record(row, outcome)


def _refuse_wrong_encoding(summary: ImportSummary) -> None:
    """Past the sampled start of a file, many undecodable rows mean a wrong encoding."""
    bad = summary.reasons.get(f"bytes that are not valid {summary.encoding}", 0)
    limit = float(setting("max_bad_decode_share"))
    if bad >= MIN_BAD_ROWS_TO_REFUSE and bad / max(1, summary.rows_read) > limit:
        raise UnreadableFile(
            f"{summary.file}: {bad} of {summary.rows_read} rows have bytes that are not valid "
            f"{summary.encoding}; the file is probably in another encoding — pass --encoding."
        )


def _insert_batch(
    conn: sqlite3.Connection,
    source_id: int,
    path: Path,
    table: Table,
    mapping: Mapping,
    summary: ImportSummary,
    actor: str,
) -> int:
    cur = conn.execute(
        "INSERT INTO import_batch (source_id, file_name, sha256, size_bytes, file_format, "
        "encoding, delimiter, mapping_json, started_at, imported_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source_id,
            path.name,
            summary.sha256,
            path.stat().st_size,
            table.format,
            table.encoding,
            table.delimiter,
            _json(mapping.as_dict()),
            now_utc(),
            actor,
        ),
    )
    return int(cur.lastrowid or 0)


def _finish_batch(conn: sqlite3.Connection, summary: ImportSummary, actor: str) -> None:
    conn.execute(
        "UPDATE import_batch SET rows_read = ?, records = ?, quarantined = ?, field_problems = ?, "
        "finished_at = ? WHERE id = ?",
        (
            summary.rows_read,
            summary.records,
            summary.quarantined,
            summary.field_problems,
            now_utc(),
            summary.batch_id,
        ),
    )
    write_audit(
        conn,
        actor,
        "ingest",
        summary.file,
        {
            "batch": summary.batch_id,
            "source": summary.source,
            "sha256": summary.sha256,
            "records": summary.records,
            "quarantined": summary.quarantined,
        },
    )


def already_imported(conn: sqlite3.Connection, sha256: str) -> int | None:
    row = conn.execute("SELECT id FROM import_batch WHERE sha256 = ?", (sha256,)).fetchone()
    return int(row["id"]) if row else None


def import_file(
    conn: sqlite3.Connection,
    path: Path,
    mapping: Mapping,
    actor: str,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import one list in a single transaction; a file already imported is left alone.

    Raises UnreadableFile or MappingError, with nothing written, when the file or its
    mapping cannot be used.
    """
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"{path} does not exist or is not a file.")
    summary = ImportSummary(file=path.name, source=mapping.source, sha256=file_sha256(path))
    summary.already_imported_as = already_imported(conn, summary.sha256)
    if summary.already_imported_as is not None:
        return summary
    table = open_table(
        path,
        mapping.format,
        encoding or mapping.encoding,
        mapping.delimiter,
        mapping.sheet,
        int(setting("sniff_bytes")),
    )
    try:
        return _import_table(conn, path, table, mapping, actor, summary, progress)
    finally:
        table.close()


def _import_table(
    conn: sqlite3.Connection,
    path: Path,
    table: Table,
    mapping: Mapping,
    actor: str,
    summary: ImportSummary,
    progress: Progress | None,
) -> ImportSummary:
    summary.format, summary.encoding, summary.delimiter = (
        table.format,
        table.encoding,
        table.delimiter,
    )
    _check_header(table, mapping, path.name)
    validator = RowValidator(mapping, table.header)
    first = _first_row(table, path.name)
    total = path.stat().st_size
    with transaction(conn):
        source_id = _source_id(conn, mapping)
        summary.batch_id = _insert_batch(conn, source_id, path, table, mapping, summary, actor)
        writer = BatchWriter(conn, source_id, summary.batch_id, summary)
        writer.write(first, validator)
        for row in table.rows:
            writer.write(row, validator)
            if progress is not None and summary.rows_read % PROGRESS_EVERY == 0:
                progress(table.bytes_read(), total)
        _refuse_wrong_encoding(summary)
        _finish_batch(conn, summary, actor)
    if progress is not None:
        progress(total, total)
    return summary
