"""Estimates beside the published claims, and the recorded counts by year."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


def estimates(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The latest estimate run's rows: per quantity, stratum and estimator, with intervals."""
    run = conn.execute(
        "SELECT estimate_run FROM estimate ORDER BY created_at DESC, id DESC LIMIT 1"
    ).fetchone()
    if run is None:
        return []
    rows = conn.execute(
        "SELECT quantity, stratum_by, stratum, estimator, lists, observed_n, median, lower, "
        "upper, diagnostics_json, estimate_run, link_run_id FROM estimate "
        "WHERE estimate_run = ? ORDER BY quantity, stratum_by, stratum, estimator",
        (run[0],),
    )
    out = []
    for row in rows:
        item = dict(row)
        item["diagnostics"] = json.loads(item.pop("diagnostics_json") or "{}")
        out.append(item)
    return out


def claims(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT * FROM claim ORDER BY quantity, value_low, id")
    return [dict(r) for r in rows]


def counts_by_year(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Recorded deaths and repatriations per year and kind of source (records, not persons)."""
    rows = conn.execute(
        "SELECT substr(r.death_date, 1, 4) AS year, s.kind, 'death' AS event, count(*) AS n "
        "FROM record r JOIN source s ON s.id = r.source_id WHERE r.death_date IS NOT NULL "
        "GROUP BY 1, 2 UNION ALL "
        "SELECT substr(r.repatriation_date, 1, 4), s.kind, 'repatriation', count(*) "
        "FROM record r JOIN source s ON s.id = r.source_id "
        "WHERE r.repatriation_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2, 3"
    )
    return [dict(r) for r in rows]


def chart_rows(items: list[dict[str, Any]], claim_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars for an SVG chart: every interval and claim on one shared scale per quantity."""
    charts: dict[str, dict[str, Any]] = {}
    for e in items:
        chart = charts.setdefault(e["quantity"], {"bars": [], "claims": []})
        chart["bars"].append(e)
    for c in claim_rows:
        if c["quantity"] in charts:
            charts[c["quantity"]]["claims"].append(c)
    for chart in charts.values():
        values = [v for b in chart["bars"] for v in (b["upper"], b["median"]) if v is not None]
        values += [c["value_high"] or c["value_low"] or 0 for c in chart["claims"]]
        chart["max"] = max(values, default=1) or 1
    return charts
