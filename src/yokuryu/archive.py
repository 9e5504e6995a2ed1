"""Creating an archive: its folder, its registry, the shipped gazetteer and claims."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yokuryu.gazetteer import load_claims, load_places
from yokuryu.store import connect, migrate, registry_path, transaction
from yokuryu.store.audit import write_audit


@dataclass(frozen=True)
class InitResult:
    registry: Path
    created: bool
    migrations_applied: list[str]
    places: int
    claims: int


def init_archive(archive: Path, actor: str) -> InitResult:
    """Create (or bring up to date) the archive's registry; safe to run again."""
    archive.mkdir(parents=True, exist_ok=True)
    path = registry_path(archive)
    created = not path.exists()
    conn = connect(path)
    try:
        applied = migrate(conn)
        with transaction(conn):
            places = load_places(conn)
            claims = load_claims(conn)
            write_audit(conn, actor, "init", str(path), {"migrations": applied})
    finally:
        conn.close()
    return InitResult(path, created, applied, places, claims)
