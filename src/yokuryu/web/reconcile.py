"""OpenRefine reconciliation: the W3C Reconciliation Service API 0.2.

Historians keep lists of names in spreadsheets; OpenRefine reconciles a column against
any service speaking this API. Candidates come from the same search as the web page,
through the same privacy layer: a restricted person is never returned to an anonymous
caller. ``score`` is the match score × 100; ``match`` is true only for a high score with
a clear gap to the runner-up; ``features`` say why. No flyout (the spec calls it a risk).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from yokuryu.gazetteer import find_places
from yokuryu.web.persons import PersonNotFound, person_detail
from yokuryu.web.privacy import Viewer
from yokuryu.web.search import Filters, Hit, clean_query, search

PERSON_TYPE = {"id": "person", "name": "Person"}
CAMP_TYPE = {"id": "camp", "name": "Camp or place"}
MATCH_SCORE = 95.0
MATCH_GAP = 10.0
PROPERTIES = [
    {"id": "birth_year", "name": "Birth year"},
    {"id": "fate", "name": "Fate"},
    {"id": "death_date", "name": "Death date"},
    {"id": "burial_place", "name": "Burial place"},
    {"id": "camps", "name": "Camps"},
    {"id": "sources", "name": "Sources"},
]


def manifest(base: str) -> dict[str, Any]:
    return {
        "versions": ["0.2"],
        "name": "yokuryu — Japanese held in Soviet and Mongolian camps, 1945-1956",
        "identifierSpace": f"{base}/person/",
        "schemaSpace": f"{base}/schema/",
        "defaultTypes": [PERSON_TYPE, CAMP_TYPE],
        "view": {"url": f"{base}/person/{{{{id}}}}"},
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": 420, "height": 220},
        "suggest": {
            "entity": {"service_url": base, "service_path": "/reconcile/suggest/entity"},
            "property": {"service_url": base, "service_path": "/reconcile/suggest/property"},
            "type": {"service_url": base, "service_path": "/reconcile/suggest/type"},
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": "/reconcile/propose"},
            "property_settings": [],
        },
        "batchSize": 20,
    }


def _property_adjustment(hit: Hit, properties: list[dict[str, Any]]) -> tuple[float, list]:
    """Birth year agreement moves the score: ±0 exact, -10 per year off beyond one."""
    features: list[dict[str, Any]] = []
    adjust = 0.0
    for prop in properties:
        if prop.get("pid") != "birth_year" or hit.birth_year is None:
            continue
        try:
            wanted = int(str(prop.get("v")).strip()[:4])
        except ValueError:
            continue
        off = abs(wanted - hit.birth_year)
        penalty = 0.0 if off <= 1 else min(40.0, 10.0 * off)
        adjust -= penalty
        features.append({"id": "birth_year_difference", "value": off})
    return adjust, features


def _person_results(hits: list[Hit], query: dict[str, Any]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for hit in hits:
        adjust, features = _property_adjustment(hit, query.get("properties") or [])
        score = max(0.0, round(hit.score * 100 + adjust, 2))
        description = ", ".join(
            str(v) for v in (hit.birth_year, hit.fate, hit.death_date) if v is not None
        )
        results.append(
            {
                "id": hit.person_id,
                "name": hit.display_name or hit.person_id,
                "score": score,
                "match": False,
                "description": description,
                "type": [PERSON_TYPE],
                "features": [{"id": "name", "value": round(hit.score, 4)}, *features],
            }
        )
    results.sort(key=lambda r: (-float(r["score"]), str(r["id"])))
    return results


def _mark_match(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if results:
        runner_up = results[1]["score"] if len(results) > 1 else 0.0
        top = results[0]
        top["match"] = top["score"] >= MATCH_SCORE and top["score"] - runner_up >= MATCH_GAP
    return results


def _camp_results(conn: sqlite3.Connection, text: str, limit: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"place-{m.place_id}",
            "name": m.name_en,
            "score": round(m.score * 100, 2),
            "match": False,
            "description": " / ".join(v for v in (m.name_ru, m.name_ja, m.kind) if v),
            "type": [CAMP_TYPE],
            "features": [{"id": "name", "value": m.score}],
        }
        for m in find_places(conn, text, limit=limit)
    ]


def reconcile_one(
    conn: sqlite3.Connection, viewer: Viewer, query: dict[str, Any], years: int, max_chars: int
) -> dict[str, Any]:
    """One query of a batch → ``{"result": [...]}`` sorted by score."""
    text = clean_query(str(query.get("query", "")), max_chars)
    limit = max(1, min(int(query.get("limit") or 5), 25))
    if query.get("type") == "camp":
        return {"result": _mark_match(_camp_results(conn, text, limit))}
    hits = search(conn, viewer, text, Filters(), years, limit=max(limit, 10))
    return {"result": _mark_match(_person_results(hits, query))[:limit]}


def suggest_entities(
    conn: sqlite3.Connection, viewer: Viewer, prefix: str, cursor: int, years: int, max_chars: int
) -> dict[str, Any]:
    text = clean_query(prefix, max_chars)
    hits = search(conn, viewer, text, Filters(), years, limit=cursor + 10)[cursor:]
    return {
        "result": [
            {"id": h.person_id, "name": h.display_name or h.person_id,
             "description": str(h.birth_year or "")}
            for h in hits
        ]
    }  # fmt: skip


def _values(detail: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    if prop == "birth_year":
        return [{"int": detail["birth_year"]}] if detail["birth_year"] is not None else []
    if prop == "death_date":
        return [{"date": detail["death_date"]}] if detail["death_date"] else []
    if prop in ("fate", "burial_place"):
        return [{"str": detail[prop]}] if detail[prop] else []
    if prop == "camps":
        return [{"str": p["name_en"]} for p in detail["path"]]
    if prop == "sources":
        return [{"str": s["name"]} for s in detail["sources"]]
    return []


def extend(
    conn: sqlite3.Connection, viewer: Viewer, request: dict[str, Any], years: int
) -> dict[str, Any]:
    """Data extension: ``{"ids", "properties"}`` → ``{"meta", "rows"}``; unseen ids are empty."""
    wanted = [str(p.get("id")) for p in request.get("properties", []) if isinstance(p, dict)]
    known = {p["id"]: p for p in PROPERTIES}
    rows: dict[str, dict[str, list]] = {}
    for person_id in [str(i) for i in request.get("ids", [])][:100]:
        try:
            detail = person_detail(conn, viewer, person_id, years)
        except PersonNotFound:
            detail = None
        rows[person_id] = {p: _values(detail, p) if detail else [] for p in wanted}
    meta = [known.get(p, {"id": p, "name": p}) for p in wanted]
    return {"meta": meta, "rows": rows}
