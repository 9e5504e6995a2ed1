"""`yokuryu export --role ROLE`: the command line's exports through the web's privacy layer.

A local operator is an archivist and exports everything (the default). Exporting for a
lower role writes what that role would see on the web: the records of the persons
:func:`~yokuryu.web.privacy.visible_sql` shows it, each through
:func:`~yokuryu.web.privacy.record_view` (no notes, no problems, the raw row only for
signed-in roles and without relatives' columns). Quarantined rows, decisions and links
are archivists' material and are refused for lower roles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from yokuryu.errors import YokuryuError
from yokuryu.ingest.export import write_rows
from yokuryu.ingest.fields import DATE_FIELDS, STANDARD_FIELDS
from yokuryu.web.privacy import PRIVATE_FIELDS, Viewer, record_view, visible_sql

HIDDEN_COLUMNS = PRIVATE_FIELDS | {"problems_json"}
_COLUMNS = [
    "record_id", "source", "source_kind", "batch_id", "row_number", *STANDARD_FIELDS,
    *(f"{name}_precision" for name in DATE_FIELDS), "raw_json", "problems_json",
]  # fmt: skip


class ExportNotAllowed(YokuryuError):
    """The role may not export these rows."""


class _Rows:
    """Filtered rows handed out in batches, the way the writers read a cursor."""

    def __init__(self, rows: Iterator[tuple[Any, ...]]) -> None:
        self._rows = rows

    def fetchmany(self, size: int = 1000, /) -> list[tuple[Any, ...]]:
        return list(islice(self._rows, size))


def _visible_records(conn: sqlite3.Connection, viewer: Viewer, years: int) -> Iterator[dict]:
    visible, params = visible_sql(viewer, years)
    columns = ", ".join(
        ["r.id AS record_id", "s.name AS source", "s.kind AS source_kind", "r.batch_id",
         "r.row_number", *(f"r.{c}" for c in _COLUMNS[5:])]
    )  # fmt: skip
    cursor = conn.execute(
        f"SELECT {columns}, pr.person_id AS person_id FROM record r "
        "JOIN source s ON s.id = r.source_id JOIN person_record pr ON pr.record_id = r.id "
        f"JOIN person p ON p.id = pr.person_id WHERE {visible} ORDER BY r.id",
        params,
    )
    for row in cursor:
        yield dict(row)


def _shown(viewer: Viewer, record: dict[str, Any], columns: list[str]) -> tuple[Any, ...]:
    view = record_view(viewer, record.pop("person_id"), record)
    view["raw_json"] = json.dumps(view.pop("raw"), ensure_ascii=False)
    return tuple(view.get(c) for c in columns)


def export_visible(
    conn: sqlite3.Connection, viewer: Viewer, what: str, file_format: str, out: Path, years: int
) -> int:
    """Write what ``viewer`` may see of ``what`` to ``out``; returns the rows written.

    Raises:
        ExportNotAllowed: anything but records for a role below archivist.
    """
    if what != "records":
        raise ExportNotAllowed(
            f"Exporting {what} is for archivists; a {viewer.role} export holds records only."
        )
    columns = [c for c in _COLUMNS if c not in HIDDEN_COLUMNS]
    rows = (_shown(viewer, r, columns) for r in _visible_records(conn, viewer, years))
    return write_rows(_Rows(rows), columns, file_format, out)


def export_for_role(
    conn: sqlite3.Connection, role: str, what: str, file_format: str, out: Path
) -> int:
    """`yokuryu export --role`: a signed-in ``role`` (anonymous for public) as the viewer."""
    from yokuryu.web.settings import WebSettings

    viewer = Viewer(name=None if role == "public" else f"export-{role}", role=role)
    return export_visible(conn, viewer, what, file_format, out, WebSettings().public_after_years)
