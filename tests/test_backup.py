"""Backups copy the registry online and verify it; restore swaps it back atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yokuryu.store import open_existing, transaction
from yokuryu.store.audit import write_audit
from yokuryu.store.backup import BackupError, backup_archive, restore_archive


def _add_audit(archive: Path, action: str) -> None:
    conn = open_existing(archive)
    with transaction(conn):
        write_audit(conn, "archivist", action, "x", {"note": "佐藤 博"})
    conn.close()


def test_backup_is_verified_and_dumps_human_work(archive: Path, tmp_path: Path) -> None:
    _add_audit(archive, "review")
    result = backup_archive(archive, tmp_path / "b", "admin")
    lines = (result.folder / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    actions = [json.loads(line)["action"] for line in lines]
    assert "review" in actions and result.rows["audit"] == len(lines)
    assert (result.folder / "decision.jsonl").exists()


def test_restore_brings_back_the_backed_up_state(archive: Path, tmp_path: Path) -> None:
    result = backup_archive(archive, tmp_path / "b", "admin")
    _add_audit(archive, "after-backup")
    kept = restore_archive(archive, result.registry, "admin")
    conn = open_existing(archive)
    actions = {r[0] for r in conn.execute("SELECT action FROM audit")}
    assert "after-backup" not in actions and "restore" in actions
    assert kept.exists()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_damaged_backup_is_refused(archive: Path, tmp_path: Path) -> None:
    bad = tmp_path / "registry.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(BackupError):
        restore_archive(archive, bad, "admin")
    assert open_existing(archive).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
