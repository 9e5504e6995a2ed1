from pathlib import Path

import pytest

from yokuryu.archive import init_archive
from yokuryu.store import connect, open_existing, registry_path, transaction
from yokuryu.store.migrations import MIGRATIONS, applied_migrations, migrate


def test_init_applies_every_migration_once(tmp_path: Path) -> None:
    first = init_archive(tmp_path / "a", actor="t")
    second = init_archive(tmp_path / "a", actor="t")
    assert first.created and not second.created
    assert first.migrations_applied == [name for name, _ in MIGRATIONS]
    assert second.migrations_applied == []


def test_registry_runs_in_wal_with_foreign_keys(archive: Path) -> None:
    conn = open_existing(archive)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_failed_migration_leaves_no_trace(tmp_path: Path, monkeypatch) -> None:
    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    conn = connect(tmp_path / "r.db")
    monkeypatch.setattr(
        "yokuryu.store.migrations.MIGRATIONS", [*MIGRATIONS, ("999_broken", broken)]
    )
    with pytest.raises(RuntimeError):
        migrate(conn)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    assert "999_broken" not in applied_migrations(conn)
    assert "source" in tables


def test_transaction_rolls_back_on_error(archive: Path) -> None:
    conn = open_existing(archive)
    with pytest.raises(ValueError), transaction(conn):
        conn.execute("INSERT INTO audit (at, actor, action) VALUES ('x', 'y', 'z')")
        raise ValueError
    assert conn.execute("SELECT count(*) FROM audit WHERE action='z'").fetchone()[0] == 0


def test_init_records_audit_and_gazetteer(archive: Path) -> None:
    conn = connect(registry_path(archive))
    assert conn.execute("SELECT count(*) FROM place").fetchone()[0] == 99
    assert conn.execute("SELECT count(*) FROM claim").fetchone()[0] == 58
    assert conn.execute("SELECT actor FROM audit WHERE action='init'").fetchone()[0] == "tester"
