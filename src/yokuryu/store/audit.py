"""The audit trail: every write to the registry says who, what and when."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_audit(
    conn: sqlite3.Connection,
    actor: str,
    action: str,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one audit row inside the caller's transaction."""
    conn.execute(
        "INSERT INTO audit (at, actor, action, target, detail_json) VALUES (?, ?, ?, ?, ?)",
        (
            now_utc(),
            actor,
            action,
            target,
            json.dumps(detail, ensure_ascii=False) if detail else None,
        ),
    )
