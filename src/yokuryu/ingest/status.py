"""What an archive holds, per source."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceStatus:
    source: str
    kind: str
    language: str | None
    batches: int
    rows_read: int
    records: int
    quarantined: int
    field_problems: int
    last_import: str | None


def archive_status(conn: sqlite3.Connection) -> list[SourceStatus]:
    """Per source: import batches, records, quarantined rows and kept-field problems."""
    rows = conn.execute(
        """
        SELECT s.name, s.kind, s.language, count(b.id) AS batches,
               coalesce(sum(b.rows_read), 0) AS rows_read,
               coalesce(sum(b.records), 0) AS records,
               coalesce(sum(b.quarantined), 0) AS quarantined,
               coalesce(sum(b.field_problems), 0) AS field_problems,
               max(b.finished_at) AS last_import
        FROM source s LEFT JOIN import_batch b ON b.source_id = s.id
        GROUP BY s.id ORDER BY s.name
        """
    )
    return [SourceStatus(*row) for row in rows]
