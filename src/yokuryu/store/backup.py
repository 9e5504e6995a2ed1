"""Backups of the registry: an online copy checked for integrity, plus the human work as JSON lines.

The copy is made with SQLite's online backup API, so the web server and CLI may keep
working meanwhile. Decisions and the audit trail are also written as JSON lines, which
anyone can read without yokuryu.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from yokuryu.errors import YokuryuError
from yokuryu.store.audit import write_audit
from yokuryu.store.db import connect, registry_path, transaction

HUMAN_WORK_TABLES = ("decision", "audit")


class BackupError(YokuryuError):
    """A backup could not be made or restored safely."""


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    registry: Path
    rows: dict[str, int]


def _check_integrity(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    finally:
        conn.close()
    if verdict != "ok":
        raise BackupError(f"{path} fails SQLite's integrity check ({verdict}); do not rely on it.")


def _dump_jsonl(conn: sqlite3.Connection, table: str, out: Path) -> int:
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id")
    columns = [d[0] for d in cursor.description]
    count = 0
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        for row in cursor:
            handle.write(
                json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n"
            )
            count += 1
    return count


def backup_archive(archive: Path, out_root: Path, actor: str) -> BackupResult:
    """Copy the registry into a new timestamped folder under `out_root` and verify the copy."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = Path(out_root) / f"yokuryu-backup-{stamp}"
    folder.mkdir(parents=True)
    source = connect(registry_path(archive))
    target_path = folder / "registry.db"
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
    _check_integrity(target_path)
    rows = {t: _dump_jsonl(source, t, folder / f"{t}.jsonl") for t in HUMAN_WORK_TABLES}
    with transaction(source):
        write_audit(source, actor, "backup", str(folder), rows)
    source.close()
    return BackupResult(folder, target_path, rows)


def restore_archive(archive: Path, backup_registry: Path, actor: str) -> Path:
    """Replace the archive's registry by a verified backup, atomically; stop the server first.

    The registry being replaced is kept beside it as ``registry.db.before-restore-<time>``.
    """
    backup_registry = Path(backup_registry)
    if not backup_registry.is_file():
        raise BackupError(f"{backup_registry} does not exist.")
    _check_integrity(backup_registry)
    live = registry_path(archive)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = live.with_name(f"{live.name}.before-restore-{stamp}")
    if live.exists():
        old = connect(live)
        old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        old.close()
        shutil.copy2(live, kept)
    staging = live.with_name(f"{live.name}.restoring")
    shutil.copy2(backup_registry, staging)
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    os.replace(staging, live)
    conn = connect(live)
    with transaction(conn):
        write_audit(conn, actor, "restore", str(backup_registry), {"previous": str(kept)})
    conn.close()
    return kept
