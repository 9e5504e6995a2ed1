"""Camps, hospitals and ports on the map, sized by the persons and deaths recorded there.

Records name their camp as written ("лагерь № 7", "Тайшет", "第7収容所"); each distinct
spelling is resolved once through the gazetteer (`find_places`) and cached per data
state, so the map costs one grouped query, not a lookup per record.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from typing import Any

from yokuryu.errors import YokuryuError
from yokuryu.gazetteer import find_places
from yokuryu.web.fate import fates_of
from yokuryu.web.privacy import Viewer, visible_sql
from yokuryu.web.sources import source_label

MAPPED_KINDS = ("camp_town", "hospital", "port", "trial_site")


class PlaceNotFound(YokuryuError):
    """No place with that id."""


@dataclass(frozen=True)
class PlaceCount:
    persons: int
    deaths: int


_lock = threading.RLock()
_cache: dict[tuple[str, str], Any] = {}


def _state(conn: sqlite3.Connection) -> str:
    """A cheap fingerprint of the data the caches depend on (rowid maxima, live run)."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    row = conn.execute(
        "SELECT (SELECT max(id) FROM record), (SELECT max(rowid) FROM person_record), "
        "(SELECT group_concat(id) FROM link_run WHERE status = 'live'), "
        "(SELECT max(rowid) FROM person)"
    ).fetchone()
    return f"{path}|{tuple(row)}"


def _cached(conn: sqlite3.Connection, name: str, compute: Any) -> Any:
    key = (name, _state(conn))
    with _lock:
        if key not in _cache:
            for old in [k for k in _cache if k[0] == name]:
                del _cache[old]
            _cache[key] = compute()
        return _cache[key]


def camp_places(conn: sqlite3.Connection) -> dict[str, int]:
    """Each distinct camp spelling on records → the gazetteer place it names."""

    def compute() -> dict[str, int]:
        found = {}
        for (text,) in conn.execute("SELECT DISTINCT camp FROM record WHERE camp IS NOT NULL"):
            matches = find_places(conn, text, limit=1)
            if matches and matches[0].score >= 0.6:
                found[text] = matches[0].place_id
        return found

    return dict(_cached(conn, "camp_places", compute))


def camp_texts_for(conn: sqlite3.Connection, place_id: int) -> tuple[str, ...]:
    return tuple(sorted(t for t, p in camp_places(conn).items() if p == place_id))


def _counts(conn: sqlite3.Connection, viewer: Viewer, years: int) -> dict[int, PlaceCount]:
    mapping = camp_places(conn)
    if not mapping:
        return {}
    visible, params = visible_sql(viewer, years)
    values = ", ".join("(?, ?)" for _ in mapping)
    rows = conn.execute(
        f"WITH cp(camp, place_id) AS (VALUES {values}) "
        "SELECT cp.place_id, count(DISTINCT p.id) AS persons, count(DISTINCT CASE WHEN "
        "p.death_date IS NOT NULL OR r.death_date IS NOT NULL THEN p.id END) AS deaths "
        "FROM record r JOIN cp ON cp.camp = r.camp "
        "JOIN person_record pr ON pr.record_id = r.id JOIN person p ON p.id = pr.person_id "
        f"WHERE {visible} GROUP BY cp.place_id",
        [v for pair in mapping.items() for v in pair] + params,
    )
    return {row["place_id"]: PlaceCount(row["persons"], row["deaths"]) for row in rows}


def place_counts(conn: sqlite3.Connection, viewer: Viewer, years: int) -> dict[int, PlaceCount]:
    """Distinct persons and deaths per place, counting only persons the viewer may see.

    Cached per audience (everyone / privileged) and data state; family grants do not
    change map counts.
    """
    audience = "all" if viewer.privileged else "public"
    return dict(_cached(conn, f"counts-{audience}", lambda: _counts(conn, viewer, years)))


def geojson(conn: sqlite3.Connection, viewer: Viewer, years: int) -> dict[str, Any]:
    """Places with coordinates as an RFC 7946 FeatureCollection ([longitude, latitude])."""
    counts = place_counts(conn, viewer, years)
    features = []
    marks = ", ".join("?" for _ in MAPPED_KINDS)
    rows = conn.execute(
        f"SELECT * FROM place WHERE latitude IS NOT NULL AND kind IN ({marks}) ORDER BY id",
        MAPPED_KINDS,
    )
    for row in rows:
        count = counts.get(row["id"], PlaceCount(0, 0))
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": {
                    **place_summary(row),
                    "persons": count.persons,
                    "deaths": count.deaths,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def place_summary(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name_en": row["name_en"],
        "name_ru": row["name_ru"],
        "name_ja": row["name_ja"],
        "kind": row["kind"],
        "region": row["region"],
        "camp_numbers": row["camp_numbers"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
    }


def place_detail(
    conn: sqlite3.Connection, viewer: Viewer, place_id: int, years: int, limit: int = 200
) -> dict[str, Any]:
    """A camp page: the place, its figures, its people (visible ones) and its sources."""
    row = conn.execute("SELECT * FROM place WHERE id = ?", (place_id,)).fetchone()
    if row is None:
        raise PlaceNotFound(f"No place with id {place_id}.")
    texts = camp_texts_for(conn, place_id)
    count = place_counts(conn, viewer, years).get(place_id, PlaceCount(0, 0))
    return {
        **place_summary(row),
        "notes": row["notes"],
        "source": row["source"],
        "spellings": list(texts),
        "persons": count.persons,
        "deaths": count.deaths,
        "people": _people(conn, viewer, texts, years, limit),
        "sources": _sources(conn, texts),
    }


def _people(
    conn: sqlite3.Connection, viewer: Viewer, texts: tuple[str, ...], years: int, limit: int
) -> list[dict[str, Any]]:
    if not texts:
        return []
    visible, params = visible_sql(viewer, years)
    marks = ", ".join("?" for _ in texts)
    rows = conn.execute(
        "SELECT DISTINCT p.id, p.display_name, p.birth_year, p.fate, p.death_date FROM person p "
        "JOIN person_record pr ON pr.person_id = p.id JOIN record r ON r.id = pr.record_id "
        f"WHERE r.camp IN ({marks}) AND {visible} ORDER BY p.display_name, p.id LIMIT ?",
        [*texts, *params, limit],
    ).fetchall()
    fates = fates_of(conn, rows)
    return [{**dict(r), "fate": fates[r["id"]]} for r in rows]


def _sources(conn: sqlite3.Connection, texts: tuple[str, ...]) -> list[dict[str, Any]]:
    if not texts:
        return []
    marks = ", ".join("?" for _ in texts)
    rows = conn.execute(
        "SELECT s.id, s.name, s.kind, s.citation, count(*) AS records FROM record r "
        f"JOIN source s ON s.id = r.source_id WHERE r.camp IN ({marks}) "
        "GROUP BY s.id ORDER BY s.name",
        texts,
    )
    return [{**dict(r), "label": source_label(r["name"], r["kind"])} for r in rows]
