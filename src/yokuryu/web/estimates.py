"""Estimates beside the published claims, and the recorded counts by year."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


def estimates(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The latest run's rows for each quantity and stratification, with intervals."""
    rows = conn.execute(
        "SELECT e.quantity, e.stratum_by, e.stratum, e.estimator, e.lists, e.observed_n, "
        "e.median, e.lower, e.upper, e.diagnostics_json, e.estimate_run, e.link_run_id "
        "FROM estimate e WHERE e.estimate_run = (SELECT l.estimate_run FROM estimate l "
        "WHERE l.quantity = e.quantity AND l.stratum_by = e.stratum_by "
        "ORDER BY l.created_at DESC, l.id DESC LIMIT 1) "
        "ORDER BY e.quantity, e.stratum_by, e.stratum, e.estimator"
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


def _claim_quantities(quantity: str) -> tuple[str, ...]:
    """Published claims that sit beside an estimated quantity ("deaths" → deaths_total…)."""
    from yokuryu.estimate.store import CLAIM_QUANTITIES

    return (*CLAIM_QUANTITIES.get(quantity, ()), quantity)


def chart_rows(items: list[dict[str, Any]], claim_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars for an SVG chart per quantity and stratification, claims on the same scale."""
    charts: dict[str, dict[str, Any]] = {}
    for e in items:
        key = f"{e['quantity']} by {e['stratum_by']}"
        chart = charts.setdefault(key, {"bars": [], "claims": [], "quantity": e["quantity"]})
        chart["bars"].append(e)
    for chart in charts.values():
        wanted = _claim_quantities(chart["quantity"])
        chart["claims"] = [c for c in claim_rows if c["quantity"] in wanted]
        values = [v for b in chart["bars"] for v in (b["upper"], b["median"]) if v is not None]
        values += [c["value_high"] or c["value_low"] or 0 for c in chart["claims"]]
        chart["max"] = max(values, default=1) or 1
    return charts
