"""Human decisions on record pairs: append-only rows, replayed into the verdict in force.

A new verdict on a pair supersedes the one before; an ``undo`` row names the decision it
cancels and brings back the verdict that one superseded (the same rule as the web's
review page). Only verdicts in force reach the model and the clustering.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from yokuryu.link.errors import ReviewError
from yokuryu.store import transaction
from yokuryu.store.audit import now_utc, write_audit

VERDICTS = ("match", "non_match", "unsure")
# Splink's clerical_match_score for each verdict (unsure pairs are left out).
SCORES = {"match": 1.0, "non_match": 0.0}


@dataclass(frozen=True)
class Decision:
    id: int
    left: int
    right: int
    verdict: str
    actor: str
    at: str
    reason: str | None


def _rows(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    cursor = conn.execute("SELECT * FROM decision ORDER BY id")
    cursor.row_factory = sqlite3.Row
    return list(cursor)


def in_force(conn: sqlite3.Connection) -> dict[tuple[int, int], Decision]:
    """The decision in force for every decided pair."""
    by_id: dict[int, sqlite3.Row] = {}
    current: dict[tuple[int, int], sqlite3.Row | None] = {}
    for row in _rows(conn):
        by_id[row["id"]] = row
        pair = (row["record_id_l"], row["record_id_r"])
        now = current.get(pair)
        if row["verdict"] != "undo":
            current[pair] = row
        elif now is not None and row["supersedes"] == now["id"]:
            current[pair] = by_id.get(now["supersedes"]) if now["supersedes"] else None
    return {
        pair: Decision(r["id"], pair[0], pair[1], r["verdict"], r["actor"], r["at"], r["reason"])
        for pair, r in current.items()
        if r is not None
    }


def constraints(conn: sqlite3.Connection) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(must-link pairs, cannot-link pairs) from the decisions in force."""
    decided = in_force(conn).values()
    must = [(d.left, d.right) for d in decided if d.verdict == "match"]
    cannot = [(d.left, d.right) for d in decided if d.verdict == "non_match"]
    return must, cannot


def labels_table(conn: sqlite3.Connection) -> pa.Table:
    """Decisions in force as Splink labels (for training the model on one input table)."""
    decided = [d for d in in_force(conn).values() if d.verdict in SCORES]
    return pa.table(
        {
            "source_dataset_l": pa.array(["records"] * len(decided), pa.string()),
            "unique_id_l": pa.array([d.left for d in decided], pa.int64()),
            "source_dataset_r": pa.array(["records"] * len(decided), pa.string()),
            "unique_id_r": pa.array([d.right for d in decided], pa.int64()),
            "clerical_match_score": pa.array([SCORES[d.verdict] for d in decided], pa.float64()),
        }
    )


def decide(
    conn: sqlite3.Connection, left: int, right: int, verdict: str, actor: str, reason: str = ""
) -> int:
    """Append a verdict on a pair (audited); returns the new decision's id."""
    if verdict not in VERDICTS:
        raise ReviewError(f"Unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}.")
    if left == right:
        raise ReviewError("A record cannot be compared with itself.")
    left, right = sorted((left, right))
    with transaction(conn):
        before = in_force(conn).get((left, right))
        cur = conn.execute(
            "INSERT INTO decision (record_id_l, record_id_r, verdict, actor, at, reason, "
            "supersedes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (left, right, verdict, actor, now_utc(), reason or None, before.id if before else None),
        )
        decision_id = int(cur.lastrowid or 0)
        write_audit(conn, actor, "link.decide", f"{left}-{right}",
                    {"decision_id": decision_id, "verdict": verdict})  # fmt: skip
    return decision_id


def undo_last(conn: sqlite3.Connection, actor: str) -> int:
    """Cancel the newest decision still in force by this actor; returns the undo row's id."""
    mine = [d for d in in_force(conn).values() if d.actor == actor]
    if not mine:
        raise ReviewError(f"{actor} has no decision in force to undo.")
    last = max(mine, key=lambda d: d.id)
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO decision (record_id_l, record_id_r, verdict, actor, at, reason, "
            "supersedes) VALUES (?, ?, 'undo', ?, ?, NULL, ?)",
            (last.left, last.right, actor, now_utc(), last.id),
        )
        write_audit(conn, actor, "link.undo", f"{last.left}-{last.right}", {"decision_id": last.id})
    return int(cur.lastrowid or 0)


def export_decisions(conn: sqlite3.Connection, out: Path, file_format: str) -> int:
    """Write the decisions in force in Splink's labels format; returns the rows written.

    Columns: source_dataset_l, unique_id_l, source_dataset_r, unique_id_r,
    clerical_match_score (1 match, 0 non-match, 0.5 unsure), plus actor, at and reason.
    ``source_dataset`` is the list's name and ``unique_id`` the record id.
    """
    from yokuryu.link.export import write_table

    sources = dict(
        conn.execute("SELECT r.id, s.name FROM record r JOIN source s ON s.id = r.source_id")
    )
    decided = sorted(in_force(conn).values(), key=lambda d: d.id)
    score = {"match": 1.0, "non_match": 0.0, "unsure": 0.5}
    table = pa.table({
        "source_dataset_l": [sources.get(d.left) for d in decided],
        "unique_id_l": pa.array([d.left for d in decided], pa.int64()),
        "source_dataset_r": [sources.get(d.right) for d in decided],
        "unique_id_r": pa.array([d.right for d in decided], pa.int64()),
        "clerical_match_score": pa.array([score[d.verdict] for d in decided], pa.float64()),
        "actor": [d.actor for d in decided],
        "at": [d.at for d in decided],
        "reason": [d.reason for d in decided],
    })  # fmt: skip
    return write_table(table, out, file_format)
