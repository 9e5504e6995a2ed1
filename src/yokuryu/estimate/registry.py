"""Reading inclusion patterns from the registry and writing estimates back.

A person's inclusion pattern is which lists (sources) hold at least one of their
in-scope records. The person ↔ record assignment comes from a link run (the live one by
default) or from one of its linkage samples (see :mod:`yokuryu.estimate.samples`).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from yokuryu.estimate.errors import BadTable, TooFewLists
from yokuryu.estimate.scope import (
    QUANTITIES,
    RecordFacts,
    death_period,
    in_scope,
    list_systems,
)
from yokuryu.estimate.table import MIN_LISTS, Table, tabulate
from yokuryu.fates import date_of_death, records_death, stated_fate

STRATA = ("all", "period", "region", "camp")
UNKNOWN = "unknown"
PLACE_MATCH_MIN = 0.8


@dataclass
class Stratum:
    """One stratum's table, or the reason it was refused; notes say what was scoped out."""

    name: str
    observed_n: int
    table: Table | None = None
    refused: str | None = None
    notes: list[str] = field(default_factory=list)


def live_run(conn: sqlite3.Connection) -> str:
    row = conn.execute(
        "SELECT id FROM link_run WHERE status = 'live' ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    # Only the live run has persons; a rejected run may still have samples (--link-run).
    if row is None:
        row = conn.execute("SELECT run_id AS id FROM person_record LIMIT 1").fetchone()
    if row is None:
        raise BadTable("The registry has no linked persons yet; run `yokuryu link` first.")
    return str(row["id"])


def _facts(r: sqlite3.Row) -> RecordFacts:
    # A card closed with "умер" gives the date of death only as the date it was closed;
    # some mappings put that reason in notes rather than status (stated_fate reads both).
    fate = stated_fate(r["status"], r["notes"])
    death = date_of_death(r["death_date"], fate, r["transfer_date"])
    camp = (r["camp"] or "").strip() or None
    return RecordFacts(r[0], r[1], r[2], death, camp, records_death(fate, death))


def linked_records(
    conn: sqlite3.Connection, run_id: str | None
) -> tuple[list[RecordFacts], dict[int, str]]:
    """Every record linked in the run, with its person; every record when run_id is None
    (for an assignment made elsewhere, such as a simulation's truth)."""
    rows = conn.execute(
        "SELECT r.id, s.name, s.kind, r.death_date, r.camp, pr.person_id, r.status, "
        "r.transfer_date, r.notes FROM record r JOIN source s ON s.id = r.source_id "
        "LEFT JOIN person_record pr ON pr.record_id = r.id AND pr.run_id = ? "
        "WHERE ? IS NULL OR pr.person_id IS NOT NULL ORDER BY r.id",
        (run_id, run_id),
    ).fetchall()
    facts = [_facts(r) for r in rows]
    return facts, {r[0]: str(r[5]) for r in rows if r[5] is not None}


def camp_regions(conn: sqlite3.Connection, facts: list[RecordFacts]) -> dict[str, str]:
    """Each camp name → the gazetteer region of its best match (or 'unknown')."""
    from yokuryu.gazetteer import find_places

    regions = {}
    for camp in {f.camp for f in facts if f.camp}:
        best = find_places(conn, camp, limit=1)
        region = None
        if best and best[0].score >= PLACE_MATCH_MIN:
            row = conn.execute("SELECT region FROM place WHERE id = ?", (best[0].place_id,))
            region = row.fetchone()["region"]
        regions[camp] = region or UNKNOWN
    return regions


def _label(record: RecordFacts, by: str, regions: Mapping[str, str]) -> str:
    if by == "period":
        return death_period(record.death_date)
    if by == "region":
        return regions.get(record.camp or "", UNKNOWN)
    if by == "camp":
        return record.camp or UNKNOWN
    return "all"


def _person_stratum(labels: list[str]) -> str:
    """The most common known label among a person's records (first seen wins a tie)."""
    known = [label for label in labels if label != UNKNOWN] or labels
    return Counter(known).most_common(1)[0][0]


def persons_by_stratum(
    facts: list[RecordFacts],
    assignment: Mapping[int, str],
    quantity: str,
    by: str,
    regions: Mapping[str, str],
    systems: Mapping[str, str] | None = None,
) -> dict[str, dict[str, set[str]]]:
    """stratum → person → the lists holding one of their in-scope records.

    A record missing from the assignment is its own person (an unlinked record). A list
    is a source, or the group ``systems`` puts it in (see scope.list_systems).
    """
    systems = systems or {}
    records: dict[str, list[RecordFacts]] = defaultdict(list)
    for record in facts:
        if in_scope(quantity, record):
            records[assignment.get(record.record_id, f"record:{record.record_id}")].append(record)
    strata: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for person, held in records.items():
        stratum = _person_stratum([_label(r, by, regions) for r in held])
        strata[stratum][person] = {systems.get(r.source, r.source) for r in held}
    return dict(strata)


def stratum_table(name: str, persons: Mapping[str, set[str]], lists: list[str]) -> Stratum:
    """The stratum's table over the lists that hold someone in it; refused below 3 lists."""
    present = sorted({s for held in persons.values() for s in held})
    stratum = Stratum(name, len(persons))
    absent = [s for s in lists if s not in present]
    if absent:
        stratum.notes.append(
            f"List(s) {', '.join(absent)} hold no one in this stratum and are left out."
        )
    if len(present) < MIN_LISTS:
        stratum.refused = (
            f"Only {len(present)} list(s) hold anyone in stratum {name!r} "
            f"({', '.join(present) or 'none'}); MSE needs at least {MIN_LISTS} lists to "
            "identify the unseen cell without assuming the lists are independent."
        )
        return stratum
    rows = [[int(s in held) for s in present] for held in persons.values()]
    stratum.table = tabulate(present, rows)
    return stratum


def check_choice(quantity: str, by: str) -> None:
    if quantity not in QUANTITIES:
        raise BadTable(f"Unknown quantity {quantity!r}; choose one of {', '.join(QUANTITIES)}.")
    if by not in STRATA:
        raise BadTable(f"Unknown stratification {by!r}; choose one of {', '.join(STRATA)}.")
    if by == "period" and quantity != "deaths":
        raise BadTable(
            "--by period stratifies deaths by year of death; use it with --quantity deaths."
        )


def _merge_notes(systems: Mapping[str, str]) -> list[str]:
    groups = sorted({system for source, system in systems.items() if system != source})
    return [
        f"Lists {group} count as one list: one was made from the other (a copy adds "
        "overlap, not evidence about the unseen; --keep-copies keeps them apart)."
        for group in groups
    ]


def registry_strata(
    facts: list[RecordFacts],
    assignment: Mapping[int, str],
    quantity: str,
    by: str,
    regions: Mapping[str, str],
    exclude: frozenset[str] = frozenset(),
    merge_copies: bool = True,
) -> list[Stratum]:
    """Every stratum's table for one person ↔ record assignment."""
    check_choice(quantity, by)
    kept = [f for f in facts if f.source not in exclude]
    systems = list_systems({f.source: f.kind for f in kept}, merge_copies)
    groups = persons_by_stratum(kept, assignment, quantity, by, regions, systems)
    lists = sorted({systems[f.source] for f in kept if in_scope(quantity, f)})
    if len(lists) < MIN_LISTS:
        raise TooFewLists(
            f"Only {len(lists)} list(s) hold {quantity} records in scope "
            f"({', '.join(lists) or 'none'}); MSE needs at least {MIN_LISTS}."
        )
    strata = [stratum_table(name, groups[name], lists) for name in sorted(groups)]
    for stratum in strata:
        stratum.notes[:0] = _merge_notes(systems)
    return strata
