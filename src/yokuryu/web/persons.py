"""A person as the viewer may see them: records side by side, path, timeline, sources.

Every read goes through :mod:`yokuryu.web.privacy`: a person the viewer may not see is
reported exactly like one that does not exist, so existence does not leak.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import yokuryu.names as names
from yokuryu.errors import YokuryuError
from yokuryu.link.runs import run_threshold
from yokuryu.web.fate import person_fate
from yokuryu.web.namekeys import split_name
from yokuryu.web.places import camp_places
from yokuryu.web.privacy import Viewer, record_view, visible_sql
from yokuryu.web.sources import source_label

# Fields shown side by side, in this order; names stay exactly as written on the record.
FIELDS = (
    "ref", "full_name", "family_name", "given_name", "father_name", "name_reading",
    "birth_date", "birth_year", "birth_place", "prefecture", "rank", "unit", "camp",
    "capture_date", "capture_place", "arrival_date", "transfer_date", "death_date", "death_place",
    "burial_place", "grave_no", "repatriation_date", "ship", "port", "status", "notes",
)  # fmt: skip
EVENTS = (
    ("capture_date", "capture_place", "captured"),
    ("arrival_date", "camp", "arrived"),
    ("transfer_date", "camp", "transferred"),
    ("death_date", "death_place", "died"),
    ("repatriation_date", "port", "repatriated"),
)


class PersonNotFound(YokuryuError):
    """No person with that id is visible to the viewer."""


def current_id(conn: sqlite3.Connection, person_id: str) -> str:
    """Follow ``person_id_history`` so a cited id keeps working after relinking."""
    seen = {person_id}
    while True:
        row = conn.execute(
            "SELECT new_id FROM person_id_history WHERE old_id = ? ORDER BY at DESC LIMIT 1",
            (person_id,),
        ).fetchone()
        if row is None or row[0] in seen:
            return person_id
        person_id = row[0]
        seen.add(person_id)


def visible_person(
    conn: sqlite3.Connection, viewer: Viewer, person_id: str, years: int
) -> sqlite3.Row:
    visible, params = visible_sql(viewer, years)
    row = conn.execute(
        f"SELECT p.* FROM person p WHERE p.id = ? AND {visible}", [person_id, *params]
    ).fetchone()
    if row is None:
        raise PersonNotFound(f"No person with id {person_id!r} is visible to you.")
    return row


def _records(conn: sqlite3.Connection, person_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT r.*, pr.match_probability, s.name AS source_name, s.kind AS source_kind, "
        "s.language AS source_language, s.citation AS source_citation FROM person_record pr "
        "JOIN record r ON r.id = pr.record_id JOIN source s ON s.id = r.source_id "
        "WHERE pr.person_id = ? ORDER BY coalesce(r.capture_date, r.transfer_date, "
        "r.death_date, r.repatriation_date, ''), r.id",
        (person_id,),
    )
    return [dict(r) for r in rows]


def _standard_forms(record: dict[str, Any]) -> dict[str, Any]:
    """The name as the engine reads it (kana readings), beside the written form."""
    text = " ".join(p for p in (record.get("family_name"), record.get("given_name")) if p) or (
        record.get("full_name") or record.get("name_reading") or ""
    )
    try:
        readings = [r.kana for r in names.readings(text, limit=3)] if text else []
    except ValueError:  # the engine's refusals must not hide the record itself
        readings = []
    return {"parts": split_name(text), "readings": readings}


def _timeline(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    events = []
    for record in records:
        for date_field, place_field, what in EVENTS:
            if record.get(date_field):
                events.append(
                    {
                        "date": record[date_field],
                        "event": what,
                        "place": record.get(place_field),
                        "record_id": record["id"],
                        "source": record["source_name"],
                        "source_kind": record["source_kind"],
                    }
                )
    return sorted(events, key=lambda e: (e["date"], e["record_id"]))


def _path(conn: sqlite3.Connection, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    mapping = camp_places(conn)
    path: list[dict[str, Any]] = []
    for record in records:
        place_id = mapping.get(record.get("camp") or "")
        if place_id is None or (path and path[-1]["place_id"] == place_id):
            continue
        row = conn.execute("SELECT * FROM place WHERE id = ?", (place_id,)).fetchone()
        path.append(
            {
                "place_id": place_id,
                "name_en": row["name_en"],
                "name_ru": row["name_ru"],
                "name_ja": row["name_ja"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "date": record.get("transfer_date") or record.get("capture_date"),
            }
        )
    return path


def _sources(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cited: dict[str, dict[str, Any]] = {}
    for r in records:
        entry = cited.setdefault(
            r["source_name"],
            {"name": r["source_name"], "label": source_label(r["source_name"], r["source_kind"]),
             "kind": r["source_kind"], "citation": r["source_citation"], "refs": []},
        )  # fmt: skip
        if r.get("ref"):
            entry["refs"].append(r["ref"])
    return list(cited.values())


def _certainty(records: list[dict[str, Any]], threshold: float | None) -> dict[str, Any]:
    """How sure the linkage is; ``weak_links``: records joined on a link under the run's
    threshold (a record otherwise alone, attached to its likeliest person: see
    yokuryu.link.clusters), which the review queue holds as 50/50 calls."""
    probabilities = [r["match_probability"] for r in records if r["match_probability"] is not None]
    weak = [p for p in probabilities if threshold is not None and p < threshold]
    return {
        "records": len(records),
        "weak_links": len(weak),
        "min_match_probability": min(probabilities) if probabilities else None,
        "mean_match_probability": (
            round(sum(probabilities) / len(probabilities), 4) if probabilities else None
        ),
    }


def person_detail(
    conn: sqlite3.Connection, viewer: Viewer, person_id: str, years: int
) -> dict[str, Any]:
    """Everything a person page and ``GET /api/persons/{id}`` show, already filtered."""
    pid = current_id(conn, person_id)
    person = visible_person(conn, viewer, pid, years)
    records = _records(conn, pid)
    shown = [{**record_view(viewer, pid, r), "standard": _standard_forms(r)} for r in records]
    return {
        "id": pid,
        "requested_id": person_id,
        "display_name": person["display_name"],
        "birth_year": person["birth_year"],
        "fate": person_fate(person["fate"], records),
        "death_date": person["death_date"],
        "burial_place": next((r["burial_place"] for r in records if r["burial_place"]), None),
        "run_id": person["run_id"],
        "restricted": bool(person["restricted"]),
        "records": shown,
        "timeline": _timeline(records),
        "path": _path(conn, records),
        "sources": _sources(records),
        "certainty": _certainty(records, run_threshold(conn, person["run_id"])),
    }
