"""Persons from clusters, with ids that stay the same across runs.

A new cluster takes the id of the old person whose records it holds most of (each old
id goes to at most one new cluster, the largest overlaps first); a cluster with no old
person gets an id made from its smallest record id. An old id that no cluster kept is
recorded in ``person_id_history`` pointing at the person holding most of its records,
so cited ids keep working after merges and splits.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from yokuryu.config import setting
from yokuryu.fates import date_of_death, stated_fate
from yokuryu.store.audit import now_utc


@dataclass(frozen=True)
class Persons:
    """Record id → person id, and the history rows the change needs."""

    of_record: dict[int, str]
    history: list[tuple[str, str, str]]  # (old id, new id, reason)


def new_id(smallest_record: int, taken: set[str]) -> str:
    base = f"P{smallest_record:08d}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _overlaps(clusters: Mapping[int, int], old: Mapping[int, str]) -> list[tuple[int, int, str]]:
    counts: Counter[tuple[int, str]] = Counter(
        (cluster, old[r]) for r, cluster in clusters.items() if r in old
    )
    return sorted(((n, c, p) for (c, p), n in counts.items()), key=lambda t: (-t[0], t[1], t[2]))


def assign_ids(clusters: Mapping[int, int], old: Mapping[int, str], taken: set[str]) -> Persons:
    """Person ids for clusters (record → cluster key), keeping old ids where they fit."""
    kept: dict[int, str] = {}
    used: set[str] = set()
    for _, cluster, person in _overlaps(clusters, old):
        if cluster not in kept and person not in used:
            kept[cluster] = person
            used.add(person)
    taken = set(taken) | used
    for cluster in sorted(set(clusters.values()) - set(kept)):
        kept[cluster] = new_id(cluster, taken)
        taken.add(kept[cluster])
    of_record = {r: kept[c] for r, c in clusters.items()}
    return Persons(of_record, _history(of_record, old, used))


def _history(
    of_record: Mapping[int, str], old: Mapping[int, str], kept: set[str]
) -> list[tuple[str, str, str]]:
    moved: dict[str, Counter[str]] = defaultdict(Counter)
    for record, person in old.items():
        if person not in kept and record in of_record:
            moved[person][of_record[record]] += 1
    rows = []
    for person, into in sorted(moved.items()):
        target, _ = into.most_common(1)[0]
        reason = "merged" if len(into) == 1 else "split"
        rows.append((person, target, reason))
    return rows


def _fate(records: list[sqlite3.Row]) -> tuple[str, str | None]:
    """Died (with the earliest date known), repatriated, or unknown — dates first, then words."""
    stated = [stated_fate(r["status"], r["notes"]) for r in records]
    deaths = sorted(
        d
        for r, fate in zip(records, stated, strict=True)
        if (d := date_of_death(r["death_date"], fate, r["transfer_date"]))
    )
    if deaths or "died" in stated:
        return "died", deaths[0] if deaths else None
    if any(r["repatriation_date"] for r in records) or "returned" in stated:
        return "repatriated", None
    return "unknown", None


def _display_name(records: list[sqlite3.Row]) -> str | None:
    """A Japanese full name when a record has one, else the first name found."""
    for r in records:
        if r["full_name"] and not r["full_name"].isascii():
            return str(r["full_name"])
    for r in records:
        name = r["full_name"] or " ".join(x for x in (r["family_name"], r["given_name"]) if x)
        if name:
            return str(name)
    return None


def _birth_year(records: list[sqlite3.Row]) -> int | None:
    years = Counter(r["birth_year"] for r in records if r["birth_year"])
    return years.most_common(1)[0][0] if years else None


def _restricted(fate: str, birth_year: int | None) -> int:
    """A man who may be alive (no death known, born under the limit's years ago) is not public."""
    limit = int(setting("public_after_years"))
    young = birth_year is None or birth_year > datetime.now(UTC).year - limit
    return int(fate != "died" and young)


def person_rows(
    conn: sqlite3.Connection, of_record: Mapping[int, str], run_id: str
) -> list[tuple[object, ...]]:
    """Rows for the ``person`` table, summarising each person's records."""
    by_person: dict[str, list[sqlite3.Row]] = defaultdict(list)
    cursor = conn.execute(
        "SELECT id, full_name, family_name, given_name, birth_year, death_date, "
        "repatriation_date, transfer_date, status, notes FROM record ORDER BY id"
    )
    cursor.row_factory = sqlite3.Row
    for row in cursor:
        if row["id"] in of_record:
            by_person[of_record[row["id"]]].append(row)
    created = now_utc()
    rows: list[tuple[object, ...]] = []
    for person, records in sorted(by_person.items()):
        fate, death = _fate(records)
        year = _birth_year(records)
        rows.append((person, run_id, _display_name(records), year, fate, death,
                     _restricted(fate, year), created))  # fmt: skip
    return rows
