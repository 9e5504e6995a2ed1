"""A person's fate as the web shows it: the linkage's word, else what the records state.

The linkage stores ``died`` or ``repatriated`` from dates and ``unknown`` otherwise, but
many lists state the fate only in words ("умер", "ソ連抑留中死亡", "передан КНР"); those
are read with the project's one reading of fate words, :mod:`yokuryu.fates`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any, get_args

from yokuryu.fates import Fate, stated_fate

Row = sqlite3.Row | Mapping[str, Any]

UNKNOWN = (None, "", "unknown")
FATE_COLUMNS = ("death_date", "repatriation_date", "status", "notes")
# The person table's word for a return home (yokuryu.fates says "returned").
_AS_PERSON = {"returned": "repatriated"}
_ORDER = get_args(Fate)


def person_fate(fate: str | None, records: Iterable[Row]) -> str | None:
    """The linkage's fate when it knows one; else a death on any record, a return home,
    then the weightiest fate a record states in words (died before returned before
    transferred…); else the linkage's own word."""
    if fate not in UNKNOWN:
        return fate
    records = list(records)
    stated = {stated_fate(r["status"], r["notes"]) for r in records}
    if any(r["death_date"] for r in records):
        stated.add("died")
    if any(r["repatriation_date"] for r in records):
        stated.add("returned")
    for known in _ORDER:
        if known in stated:
            return _AS_PERSON.get(known, known)
    return fate


def fates_of(conn: sqlite3.Connection, persons: Iterable[Row]) -> dict[str, Any]:
    """Person id → fate for a list of person rows (``id``, ``fate``), one query for those
    whose fate the linkage left unknown."""
    persons = list(persons)
    fates = {p["id"]: p["fate"] for p in persons}
    unknown = [pid for pid, fate in fates.items() if fate in UNKNOWN]
    if not unknown:
        return fates
    columns = ", ".join(f"r.{c}" for c in FATE_COLUMNS)
    rows = conn.execute(
        f"SELECT pr.person_id, {columns} FROM person_record pr JOIN record r "
        f"ON r.id = pr.record_id WHERE pr.person_id IN ({', '.join('?' for _ in unknown)})",
        unknown,
    )
    records: dict[str, list[sqlite3.Row]] = {pid: [] for pid in unknown}
    for row in rows:
        records[row["person_id"]].append(row)
    for pid in unknown:
        fates[pid] = person_fate(fates[pid], records[pid])
    return fates
