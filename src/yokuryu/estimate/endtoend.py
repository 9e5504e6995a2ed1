"""End to end on a simulated archive: does each interval hold the true number of deaths?

The simulator (``yokuryu simulate``) keeps the truth: every person's fate and which
person each archive row belongs to. After ``yokuryu ingest`` and ``yokuryu link``, this
module estimates the deaths three ways and says, for each estimator, whether its 95 %
interval covers the true count:

* with the **truth's linkage** (records grouped by their true person) — what estimation
  alone can do, so a miss here belongs to estimation (scope, list dependence);
* with the **link run** (its persons, when it went live) and **averaged over its
  linkage samples** — a miss here that the truth's linkage does not make belongs to
  linkage.

It also measures what the two differ by: how many counted persons join records of more
than one true person (false merges, which push N̂ down) and how many true dead are split
over several persons (missed links, N̂ up), and per list how scoping did (in-scope
records of men who did not die; records of the dead left out of scope).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from yokuryu.estimate.pipeline import RegistryQuery, estimate_registry
from yokuryu.estimate.registry import linked_records, registry_strata
from yokuryu.estimate.run import RunSettings, StratumResult, estimate_strata
from yokuryu.estimate.samples import read_sample, samples_dir
from yokuryu.estimate.scope import RecordFacts, in_scope


@dataclass(frozen=True)
class Truth:
    deaths: int  # persons whose true fate is death
    dead: frozenset[str]  # their person ids
    linkage: dict[int, str]  # record id → true person id


@dataclass(frozen=True)
class Coverage:
    linkage: str  # "truth", "live link run", "linkage samples", …
    estimator: str
    observed_n: int
    median: float
    lower: float
    upper: float
    truth: int

    @property
    def covers(self) -> bool:
        return self.lower <= self.truth <= self.upper


@dataclass(frozen=True)
class LinkageCheck:
    """How a person ↔ record assignment differs from the truth on the in-scope records."""

    linkage: str
    persons: int  # persons counted for deaths
    merged: int  # persons joining records of more than one true person
    split: int  # true dead persons whose in-scope records fall in more than one person


@dataclass
class EndToEnd:
    truth: Truth
    coverage: list[Coverage] = field(default_factory=list)
    scope: dict[str, Counter[str]] = field(default_factory=dict)
    linkage: list[LinkageCheck] = field(default_factory=list)
    link_status: str | None = None
    notes: list[str] = field(default_factory=list)


def read_truth(conn: sqlite3.Connection, sim: Path) -> Truth:
    """True deaths and the oracle linkage of the ingested records, from the simulator."""
    persons = pq.read_table(sim / "truth" / "persons.parquet", columns=["person_id", "fate"])
    ids, fates = persons.column("person_id").to_pylist(), persons.column("fate").to_pylist()
    dead = frozenset(str(p) for p, fate in zip(ids, fates, strict=True) if fate == "dead")
    rows = pq.read_table(
        sim / "truth" / "records.parquet", columns=["source", "row_number", "person_id"]
    ).to_pylist()
    ids = {
        (name, row): rid
        for rid, name, row in conn.execute(
            "SELECT r.id, s.name, r.row_number FROM record r JOIN source s ON s.id = r.source_id"
        )
    }
    linkage = {
        ids[key]: str(r["person_id"])
        for r in rows
        if (key := (r["source"], r["row_number"])) in ids
    }
    return Truth(len(dead), dead, linkage)


def scope_check(facts: list[RecordFacts], truth: Truth) -> dict[str, Counter[str]]:
    """Per list, how the death scope sorted the records of the dead and of the living."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for f in facts:
        dead = truth.linkage.get(f.record_id) in truth.dead
        scoped = in_scope("deaths", f)
        key = ("in scope" if scoped else "out of scope") + (", dead" if dead else ", not dead")
        out[f.source][key] += 1
    return dict(out)


def linkage_check(
    label: str, facts: list[RecordFacts], assignment: Mapping[int, str], truth: Truth
) -> LinkageCheck:
    persons: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        if in_scope("deaths", f):
            person = assignment.get(f.record_id, f"record:{f.record_id}")
            persons[person].add(truth.linkage.get(f.record_id, f"?{f.record_id}"))
    merged = sum(len(true) > 1 for true in persons.values())
    spread = Counter(t for true in persons.values() for t in true if t in truth.dead)
    return LinkageCheck(label, len(persons), merged, sum(n > 1 for n in spread.values()))


def _rows(label: str, result: StratumResult, truth: Truth) -> list[Coverage]:
    return [
        Coverage(label, e.estimator, result.observed_n, e.median, e.lower, e.upper, truth.deaths)
        for e in result.estimates
    ]


def _latest_run(conn: sqlite3.Connection) -> tuple[str, str] | None:
    row = conn.execute(
        "SELECT id, status FROM link_run ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def _from_link_run(
    out: EndToEnd, conn: sqlite3.Connection, archive: Path, s: RunSettings, merge: bool
) -> None:
    latest = _latest_run(conn)
    if latest is None:
        out.notes.append("The archive has no link run.")
        return
    run_id, out.link_status = latest
    suffix = "" if merge else ", copies apart"
    for label, samples in (("live link run", False), ("linkage samples", True)):
        if out.link_status != "live" and not samples:
            continue
        q = RegistryQuery("deaths", "all", run_id, samples, store=False, merge_copies=merge)
        result = estimate_registry(conn, archive, q, s).strata[0]
        out.coverage += _rows(label + suffix, result, out.truth)


def end_to_end(
    conn: sqlite3.Connection, archive: Path, sim: Path, settings: RunSettings
) -> EndToEnd:
    """Deaths estimated with the truth's linkage and with the link run's, with the copy
    lists merged (the default) and apart; coverage of the true count for each."""
    facts, _ = linked_records(conn, None)
    out = EndToEnd(read_truth(conn, sim))
    out.scope = scope_check(facts, out.truth)
    out.linkage.append(linkage_check("truth", facts, out.truth.linkage, out.truth))
    for merge in (True, False):
        strata = registry_strata(facts, out.truth.linkage, "deaths", "all", {}, merge_copies=merge)
        label = "truth" if merge else "truth, copies apart"
        out.coverage += _rows(label, estimate_strata(strata, settings)[0], out.truth)
        _from_link_run(out, conn, archive, settings, merge)
    latest = _latest_run(conn)
    if latest and latest[1] == "live":
        _, live = linked_records(conn, latest[0])
        out.linkage.append(linkage_check("live link run", facts, live, out.truth))
    elif latest:
        out.notes.append(f"Link run {latest[0]} is {latest[1]}: no point linkage.")
    if latest and (folder := samples_dir(conn, archive, latest[0])).is_dir():
        first = read_sample(sorted(folder.glob("sample-*.parquet"))[0])
        out.linkage.append(linkage_check("linkage sample 1", facts, first, out.truth))
    return out
