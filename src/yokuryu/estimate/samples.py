"""Linkage samples: whole person ↔ record assignments drawn by the linker.

Expected layout (written by ``yokuryu link --samples R``)::

    <artefacts_dir of the link run>/samples/sample-0001.parquet
    <artefacts_dir of the link run>/samples/sample-0002.parquet
    ...

Each file has two columns, ``record_id`` (int64, ``record.id``) and ``person_id``
(string): one row per linked record, every record in exactly one person, transitively
closed. A record absent from a sample is taken as unlinked (a person of its own). When
the run has no ``artefacts_dir``, ``<archive>/runs/<run id>/`` is used.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow.parquet as pq

from yokuryu.estimate.errors import LinkageSamplesMissing

SAMPLES_FOLDER = "samples"
COLUMNS = ("record_id", "person_id")


def samples_dir(conn: sqlite3.Connection, archive: Path, run_id: str) -> Path:
    row = conn.execute("SELECT artefacts_dir FROM link_run WHERE id = ?", (run_id,)).fetchone()
    base = Path(row["artefacts_dir"]) if row and row["artefacts_dir"] else Path("runs") / run_id
    return (base if base.is_absolute() else archive / base) / SAMPLES_FOLDER


def read_sample(path: Path) -> dict[int, str]:
    table = pq.read_table(path, columns=list(COLUMNS))
    records = table.column("record_id").to_pylist()
    persons = table.column("person_id").to_pylist()
    return {int(r): str(p) for r, p in zip(records, persons, strict=True)}


def sample_paths(conn: sqlite3.Connection, archive: Path, run_id: str) -> list[Path]:
    folder = samples_dir(conn, archive, run_id)
    paths = sorted(folder.glob("sample-*.parquet"))
    if not paths:
        raise LinkageSamplesMissing(
            f"Link run {run_id} has no linkage samples in {folder}; run "
            "`yokuryu link --samples R`, or estimate without --linkage-samples."
        )
    return paths


def write_sample(path: Path, assignment: dict[int, str]) -> None:
    """Write one sample in the expected format (used by tests and by the linker)."""
    import pyarrow as pa

    path.parent.mkdir(parents=True, exist_ok=True)
    records = sorted(assignment)
    pq.write_table(
        pa.table(
            {
                "record_id": pa.array(records, type=pa.int64()),
                "person_id": pa.array([assignment[r] for r in records], type=pa.string()),
            }
        ),
        path,
    )
