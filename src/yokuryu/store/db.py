"""Opening the registry: one SQLite file per archive, WAL, foreign keys on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from yokuryu.errors import ArchiveNotFound

REGISTRY_FILE = "registry.db"


def registry_path(archive: Path) -> Path:
    return Path(archive) / REGISTRY_FILE


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode; callers open transactions with :func:`transaction`.

    ``synchronous=FULL``: a lost commit here can be an archivist's decision or an
    import the user was told had landed.
    """
    conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def open_existing(archive: Path) -> sqlite3.Connection:
    """Connect to the registry of an archive that `yokuryu init` has created."""
    path = registry_path(archive)
    if not path.exists():
        raise ArchiveNotFound(
            f"No registry at {path}; run `yokuryu init --archive {archive}` first."
        )
    from yokuryu.store.migrations import migrate

    conn = connect(path)
    migrate(conn)
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, immediate: bool = True) -> Iterator[sqlite3.Connection]:
    """One all-or-nothing unit of work: committed on success, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
