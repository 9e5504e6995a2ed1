"""From the registry (or a table file) to stored, pooled estimates: what the CLI calls."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from yokuryu.estimate.registry import camp_regions, linked_records, live_run, registry_strata
from yokuryu.estimate.run import (
    RunSettings,
    StratumResult,
    average_over_linkages,
    estimate_strata,
    estimate_table,
    total,
    with_seed,
)
from yokuryu.estimate.samples import read_sample, sample_paths
from yokuryu.estimate.store import Claim, claims, new_run_id, save_estimates
from yokuryu.estimate.table import read_table


@dataclass
class EstimateRun:
    run_id: str
    quantity: str
    by: str
    strata: list[StratumResult]
    total: StratumResult | None = None
    link_run: str | None = None
    linkage_samples: int = 0
    source: str = ""
    stored_rows: int = 0
    claims: list[Claim] = field(default_factory=list)

    @property
    def headline(self) -> StratumResult:
        return self.total or self.strata[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "estimate_run": self.run_id,
            "quantity": self.quantity,
            "by": self.by,
            "link_run": self.link_run,
            "linkage_samples": self.linkage_samples,
            "source": self.source,
            "strata": [s.to_dict() for s in self.strata],
            "total": self.total.to_dict() if self.total else None,
            "stored_rows": self.stored_rows,
            "published_claims": [asdict(c) for c in self.claims],
        }


def estimate_file(path: Path, settings: RunSettings) -> EstimateRun:
    """``yokuryu estimate --table FILE``: one table, every estimator."""
    result = estimate_table(read_table(path), settings, stratum=path.stem)
    return EstimateRun(new_run_id(), "table", "all", [result], source=str(path))


@dataclass(frozen=True)
class RegistryQuery:
    quantity: str
    by: str
    link_run: str | None = None
    linkage_samples: bool = False
    max_samples: int | None = None
    exclude: frozenset[str] = frozenset()
    store: bool = True
    merge_copies: bool = True  # a list made from another counts with it (scope.COPIED_FROM)


def estimate_registry(
    conn: sqlite3.Connection, archive: Path, q: RegistryQuery, settings: RunSettings
) -> EstimateRun:
    """``yokuryu estimate --quantity … --by …``: strata from linked persons, pooled over
    linkage samples when asked, summed to a total, stored in the registry."""
    run_id = q.link_run or live_run(conn)
    if q.linkage_samples:
        # A sample assigns every record, also those of a run that never went live.
        facts, _ = linked_records(conn, None)
        paths = sample_paths(conn, archive, run_id)[: q.max_samples]
        assignments = [read_sample(p) for p in paths]
    else:
        facts, assignment = linked_records(conn, run_id)
        assignments = [assignment]
    regions = camp_regions(conn, facts) if q.by == "region" else {}
    per_sample = [
        estimate_strata(
            registry_strata(facts, a, q.quantity, q.by, regions, q.exclude, q.merge_copies),
            with_seed(settings, settings.seed + i),
        )
        for i, a in enumerate(assignments)
    ]
    strata = (
        average_over_linkages(per_sample, settings.seed) if q.linkage_samples else per_sample[0]
    )
    run = EstimateRun(
        new_run_id(), q.quantity, q.by, strata, total(strata, settings.seed), run_id,
        len(assignments) if q.linkage_samples else 0, source=str(archive),
    )  # fmt: skip
    run.claims = claims(conn, q.quantity)
    if q.store:
        rows = strata + ([run.total] if run.total else [])
        run.stored_rows = save_estimates(conn, run.run_id, run_id, q.quantity, q.by, rows)
    return run
