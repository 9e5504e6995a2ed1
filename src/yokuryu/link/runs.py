"""Link runs in the registry: start, fail, reject, go live; and their artefacts folder.

A run writes nothing to ``person``/``person_record`` until it goes live, and going live is
one transaction, so an interrupted run leaves the live one exactly as it was.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from yokuryu.link.errors import RunNotFound
from yokuryu.store import transaction
from yokuryu.store.audit import now_utc, write_audit

RUNS_FOLDER = "runs"


def new_run_id() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def artefacts_dir(archive: Path, run_id: str) -> Path:
    return archive / RUNS_FOLDER / run_id


def start_run(
    conn: sqlite3.Connection,
    run_id: str,
    engine: str,
    threshold: float,
    settings: dict[str, Any],
    actor: str,
) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO link_run (id, started_at, engine, status, threshold, settings_json, "
            "artefacts_dir, started_by) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)",
            (run_id, now_utc(), engine, threshold, json.dumps(settings),
             f"{RUNS_FOLDER}/{run_id}", actor),
        )  # fmt: skip
        write_audit(conn, actor, "link.start", run_id, settings)


def finish_run(
    conn: sqlite3.Connection,
    run_id: str,
    status: str,
    metrics: dict[str, Any] | None = None,
    checks: dict[str, Any] | None = None,
) -> None:
    """Record a run's end: failed, rejected (checks failed) or checked."""
    with transaction(conn):
        conn.execute(
            "UPDATE link_run SET status = ?, finished_at = ?, metrics_json = ?, checks_json = ? "
            "WHERE id = ?",
            (status, now_utc(), json.dumps(metrics) if metrics else None,
             json.dumps(checks) if checks else None, run_id),
        )  # fmt: skip


def live_run(conn: sqlite3.Connection) -> str | None:
    row = conn.execute(
        "SELECT id FROM link_run WHERE status = 'live' ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else None


def run_threshold(conn: sqlite3.Connection, run_id: str | None) -> float | None:
    """The match probability at or above which the run joined two records."""
    row = conn.execute("SELECT threshold FROM link_run WHERE id = ?", (run_id,)).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def require_live(conn: sqlite3.Connection) -> str:
    run = live_run(conn)
    if run is None:
        raise RunNotFound("There is no live link run yet; run `yokuryu link` first.")
    return run


def run_folder(conn: sqlite3.Connection, archive: Path, run_id: str) -> Path:
    row = conn.execute("SELECT artefacts_dir FROM link_run WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise RunNotFound(f"No link run {run_id} in this archive.")
    folder = Path(row[0] or f"{RUNS_FOLDER}/{run_id}")
    return folder if folder.is_absolute() else archive / folder


def old_assignment(conn: sqlite3.Connection) -> dict[int, str]:
    """The live run's record → person id."""
    return {
        int(r): str(p) for r, p in conn.execute("SELECT record_id, person_id FROM person_record")
    }


def ids_ever_used(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT id FROM person UNION SELECT old_id FROM person_id_history")
    return {str(r[0]) for r in rows}
