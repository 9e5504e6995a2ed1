"""The review queue for archivists: uncertain pairs from `yokuryu link`, and decisions.

Decisions are data, appended and never edited (OpenSanctions' nomenklatura model):
a new verdict on a pair supersedes the one before; undo appends an ``undo`` row naming
the decision it cancels, which brings back the verdict that one superseded.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from yokuryu.errors import YokuryuError
from yokuryu.store import transaction
from yokuryu.store.audit import now_utc, write_audit
from yokuryu.web.privacy import Viewer, record_view

VERDICTS = ("match", "non_match", "unsure")


class ReviewError(YokuryuError):
    """A review action that cannot be carried out as asked."""


class NotAllowed(ReviewError):
    """The viewer may not review matches."""


def _check_reviewer(viewer: Viewer) -> None:
    if not viewer.may("review"):
        raise NotAllowed("Only archivists may review matches.")


def live_run(conn: sqlite3.Connection) -> str | None:
    row = conn.execute(
        "SELECT id FROM link_run ORDER BY status = 'live' DESC, started_at DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def _pair_decisions(conn: sqlite3.Connection, left: int, right: int) -> list[sqlite3.Row]:
    return list(
        conn.execute(
            "SELECT * FROM decision WHERE record_id_l = ? AND record_id_r = ? ORDER BY id",
            (left, right),
        )
    )


def effective(conn: sqlite3.Connection, left: int, right: int) -> sqlite3.Row | None:
    """The decision in force for a pair after replaying verdicts and undos in order."""
    rows = _pair_decisions(conn, left, right)
    by_id = {r["id"]: r for r in rows}
    current = None
    for row in rows:
        if row["verdict"] != "undo":
            current = row
        elif current is not None and row["supersedes"] == current["id"]:
            current = by_id.get(current["supersedes"])
    return current


def _record(conn: sqlite3.Connection, viewer: Viewer, record_id: int) -> dict[str, Any]:
    row = conn.execute(
        "SELECT r.*, s.name AS source_name, s.kind AS source_kind, pr.person_id "
        "FROM record r JOIN source s ON s.id = r.source_id "
        "LEFT JOIN person_record pr ON pr.record_id = r.id WHERE r.id = ?",
        (record_id,),
    ).fetchone()
    return record_view(viewer, row["person_id"] or "", dict(row))


def queue(conn: sqlite3.Connection, viewer: Viewer, limit: int = 20) -> list[dict[str, Any]]:
    """Undecided pairs of the live run, most useful first, with both records in full."""
    _check_reviewer(viewer)
    run = live_run(conn)
    rows = conn.execute(
        "SELECT q.* FROM review_pair q WHERE q.run_id = ? ORDER BY q.priority DESC, "
        "abs(q.match_probability - 0.5), q.id",
        (run,),
    )
    pairs = []
    for row in rows:
        if effective(conn, row["record_id_l"], row["record_id_r"]) is not None:
            continue
        pairs.append(_pair(conn, viewer, row))
        if len(pairs) >= limit:
            break
    return pairs


def _pair(conn: sqlite3.Connection, viewer: Viewer, row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "run_id": row["run_id"],
        "match_probability": row["match_probability"],
        "match_weight": row["match_weight"],
        "features": json.loads(row["features_json"] or "{}"),
        "left": _record(conn, viewer, row["record_id_l"]),
        "right": _record(conn, viewer, row["record_id_r"]),
    }


def _check_pair(conn: sqlite3.Connection, left: int, right: int) -> tuple[int, int]:
    if left == right:
        raise ReviewError("A record cannot be compared with itself.")
    left, right = sorted((left, right))
    found = conn.execute(
        "SELECT count(*) FROM record WHERE id IN (?, ?)", (left, right)
    ).fetchone()[0]
    if found != 2:
        raise ReviewError(f"Unknown record id in pair ({left}, {right}).")
    return left, right


def decide(
    conn: sqlite3.Connection, viewer: Viewer, left: int, right: int, verdict: str, reason: str
) -> int:
    """Append a verdict on a pair (audited); returns the decision id."""
    _check_reviewer(viewer)
    if verdict not in VERDICTS:
        raise ReviewError(f"Unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}.")
    left, right = _check_pair(conn, left, right)
    with transaction(conn):
        before = effective(conn, left, right)
        cur = conn.execute(
            "INSERT INTO decision (record_id_l, record_id_r, verdict, actor, at, reason, "
            "supersedes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (left, right, verdict, viewer.name, now_utc(), reason[:500] or None,
             before["id"] if before else None),
        )  # fmt: skip
        decision_id = int(cur.lastrowid or 0)
        write_audit(conn, viewer.name or "?", "review.decide", f"{left}-{right}",
                    {"decision_id": decision_id, "verdict": verdict})  # fmt: skip
    return decision_id


def undo(conn: sqlite3.Connection, viewer: Viewer, decision_id: int) -> int:
    """Cancel the decision in force for its pair by appending an ``undo`` row (audited)."""
    _check_reviewer(viewer)
    row = conn.execute("SELECT * FROM decision WHERE id = ?", (decision_id,)).fetchone()
    if row is None or row["verdict"] == "undo":
        raise ReviewError(f"No decision {decision_id} to undo.")
    with transaction(conn):
        current = effective(conn, row["record_id_l"], row["record_id_r"])
        if current is None or current["id"] != decision_id:
            raise ReviewError(f"Decision {decision_id} is no longer in force; nothing to undo.")
        cur = conn.execute(
            "INSERT INTO decision (record_id_l, record_id_r, verdict, actor, at, reason, "
            "supersedes) VALUES (?, ?, 'undo', ?, ?, NULL, ?)",
            (row["record_id_l"], row["record_id_r"], viewer.name, now_utc(), decision_id),
        )
        undo_id = int(cur.lastrowid or 0)
        pair = f"{row['record_id_l']}-{row['record_id_r']}"
        write_audit(conn, viewer.name or "?", "review.undo", pair, {"decision_id": decision_id})
    return undo_id


def recent(conn: sqlite3.Connection, viewer: Viewer, limit: int = 20) -> list[dict[str, Any]]:
    """The latest decisions, newest first (who, when, what)."""
    _check_reviewer(viewer)
    rows = conn.execute("SELECT * FROM decision ORDER BY id DESC LIMIT ?", (limit,))
    return [dict(r) for r in rows]
