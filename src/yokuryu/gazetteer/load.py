"""Loading the shipped gazetteer and published claims into the registry."""

from __future__ import annotations

import csv
import re
import sqlite3
from importlib import resources
from typing import Any

from yokuryu.store.migrations import run_script

_NUMBER = re.compile(r"\d+")


def _shipped_rows(file_name: str) -> list[dict[str, str]]:
    text = resources.files("yokuryu.data").joinpath(file_name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _float_or_none(value: str) -> float | None:
    return float(value) if value.strip() else None


def camp_numbers_of(text: str) -> list[int]:
    """Camp numbers in the gazetteer's free-text column: '255; 32' → [255, 32]."""
    return sorted({int(n) for n in _NUMBER.findall(text)})


def _place_values(row: dict[str, str]) -> tuple[Any, ...]:
    return (
        row["name_en"],
        row["name_ru"] or None,
        row["name_ja_if_known"] or None,
        row["kind"],
        row["region"] or None,
        row["country_now"] or None,
        _float_or_none(row["lat"]),
        _float_or_none(row["lon"]),
        row["camp_numbers"] or None,
        row["notes"] or None,
        row["source"],
    )


def load_places(conn: sqlite3.Connection) -> int:
    """Replace the place tables with the shipped gazetteer; returns places loaded."""
    run_script(conn, "DELETE FROM place_camp_number;\nDELETE FROM place;\n")
    rows = _shipped_rows("places.csv")
    for row in rows:
        cur = conn.execute(
            "INSERT INTO place (name_en, name_ru, name_ja, kind, region, country_now, "
            "latitude, longitude, camp_numbers, notes, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _place_values(row),
        )
        conn.executemany(
            "INSERT INTO place_camp_number (place_id, camp_number) VALUES (?, ?)",
            [(cur.lastrowid, n) for n in camp_numbers_of(row["camp_numbers"])],
        )
    return len(rows)


def load_claims(conn: sqlite3.Connection) -> int:
    """Replace the claim table with the shipped published figures; returns claims loaded."""
    conn.execute("DELETE FROM claim")
    rows = _shipped_rows("estimates.csv")
    conn.executemany(
        "INSERT INTO claim (quantity, value_low, value_high, who, year_published, basis, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r["quantity"],
                _float_or_none(r["value_low"]),
                _float_or_none(r["value_high"]),
                r["who"],
                r["year_published"] or None,
                r["basis"] or None,
                r["source"],
            )
            for r in rows
        ],
    )
    return len(rows)
