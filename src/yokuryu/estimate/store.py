"""Writing a run's estimates to the registry's ``estimate`` table, and reading claims."""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from yokuryu.estimate.run import StratumResult
from yokuryu.store import transaction

# quantity → the claim quantities a figure sets beside the estimates.
CLAIM_QUANTITIES = {
    "deaths": ("deaths_total", "deaths_plus_missing"),
    "held": ("interned_total", "captured_total"),
}


@dataclass(frozen=True)
class Claim:
    quantity: str
    low: float
    high: float
    who: str
    year: str
    source: str


def new_run_id() -> str:
    return f"est-{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def _rows(run_id: str, link_run: str | None, quantity: str, by: str, r: StratumResult) -> list:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return [
        (
            run_id, link_run, quantity, by, r.stratum, e.estimator, json.dumps(list(r.lists)),
            r.observed_n, e.median, e.lower, e.upper,
            json.dumps({**e.diagnostics, "warnings": e.warnings, "notes": r.notes}, default=str),
            now,
        )
        for e in r.estimates
    ]  # fmt: skip


def save_estimates(
    conn: sqlite3.Connection,
    run_id: str,
    link_run: str | None,
    quantity: str,
    by: str,
    results: list[StratumResult],
) -> int:
    """One row per stratum and estimator; refused strata get a row with no numbers."""
    rows = [row for r in results for row in _rows(run_id, link_run, quantity, by, r)]
    refused = [
        (run_id, link_run, quantity, by, r.stratum, "refused", json.dumps(list(r.lists)),
         r.observed_n, None, None, None, json.dumps({"refused": r.refused, "notes": r.notes}),
         datetime.now(UTC).isoformat(timespec="seconds"))
        for r in results if r.refused is not None
    ]  # fmt: skip
    with transaction(conn):
        conn.executemany(
            "INSERT INTO estimate (estimate_run, link_run_id, quantity, stratum_by, stratum, "
            "estimator, lists, observed_n, median, lower, upper, diagnostics_json, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows + refused,
        )
    return len(rows) + len(refused)


def claims(conn: sqlite3.Connection, quantity: str) -> list[Claim]:
    wanted = CLAIM_QUANTITIES[quantity]
    marks = ", ".join("?" for _ in wanted)
    rows = conn.execute(
        f"SELECT quantity, value_low, value_high, who, year_published, source FROM claim "
        f"WHERE quantity IN ({marks}) AND value_low IS NOT NULL ORDER BY value_low",
        wanted,
    ).fetchall()
    return [
        Claim(r[0], r[1], r[2] if r[2] is not None else r[1], r[3], r[4] or "", r[5]) for r in rows
    ]
