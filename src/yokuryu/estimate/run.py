"""Running the estimators on strata, side by side, with their warnings.

Every estimator runs on every accepted stratum; one that cannot answer (dga with more
than five lists, a log-linear table without a finite MLE, a posterior that runs off the
grid) leaves a note saying why instead of a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

import numpy as np

from yokuryu.errors import YokuryuError
from yokuryu.estimate.dga import DgaSettings, dga
from yokuryu.estimate.lcmcr import LcmcrSettings, lcmcr
from yokuryu.estimate.loglinear import loglinear
from yokuryu.estimate.pooling import pool_over_linkages, sum_strata
from yokuryu.estimate.registry import Stratum
from yokuryu.estimate.result import Estimate
from yokuryu.estimate.table import Table

ESTIMATORS = ("lcmcr", "dga", "loglinear")
SPARSE_OVERLAP_SHARE = 0.05


@dataclass(frozen=True)
class RunSettings:
    estimators: tuple[str, ...] = ESTIMATORS
    lcmcr: LcmcrSettings = field(default_factory=LcmcrSettings)
    dga: DgaSettings = field(default_factory=DgaSettings)
    criterion: str = "aic"
    seed: int = 0


@dataclass
class StratumResult:
    stratum: str
    observed_n: int
    lists: tuple[str, ...] = ()
    estimates: list[Estimate] = field(default_factory=list)
    refused: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stratum": self.stratum,
            "observed_n": self.observed_n,
            "lists": list(self.lists),
            "refused": self.refused,
            "notes": self.notes,
            "estimates": [e.to_dict() for e in self.estimates],
        }


def overlap_warnings(table: Table) -> list[str]:
    """Lists that share no one, or tables whose overlaps are too thin to say much."""
    notes = []
    on_several = table.patterns.sum(axis=1) > 1
    for j, name in enumerate(table.lists):
        if not table.counts[on_several & (table.patterns[:, j] == 1)].sum():
            notes.append(
                f"List {name} shares no person with any other list: it says nothing about "
                "overlap, and dga and log-linear models may still return a number."
            )
    for a, b in combinations(range(table.n_lists), 2):
        both = table.counts[(table.patterns[:, a] == 1) & (table.patterns[:, b] == 1)].sum()
        if both == 0:
            notes.append(f"Lists {table.lists[a]} and {table.lists[b]} share no one.")
    share = table.counts[on_several].sum() / table.n
    if share < SPARSE_OVERLAP_SHARE:
        notes.append(
            f"Sparse overlap: only {share:.1%} of persons are on more than one list; "
            "estimates rest on few matches and are fragile to linkage error."
        )
    return notes


def _run_one(name: str, table: Table, s: RunSettings) -> Estimate:
    if name == "lcmcr":
        return lcmcr(table, s.lcmcr)
    if name == "dga":
        return dga(table, s.dga)
    return loglinear(table, s.criterion, s.seed)


def estimate_table(table: Table, settings: RunSettings, stratum: str = "table") -> StratumResult:
    """Every chosen estimator on one table."""
    result = StratumResult(stratum, table.n, table.lists, notes=overlap_warnings(table))
    for name in settings.estimators:
        try:
            result.estimates.append(_run_one(name, table, settings))
        except YokuryuError as exc:
            result.notes.append(f"{name}: {exc}")
    return result


def estimate_strata(strata: list[Stratum], settings: RunSettings) -> list[StratumResult]:
    results = []
    for s in strata:
        if s.table is None:
            results.append(StratumResult(s.name, s.observed_n, refused=s.refused, notes=s.notes))
            continue
        result = estimate_table(s.table, settings, s.name)
        result.notes[:0] = s.notes
        results.append(result)
    return results


def _pool_stratum(runs: list[StratumResult], seed: int) -> StratumResult:
    accepted = [r for r in runs if r.refused is None]
    first = accepted[0] if accepted else runs[0]
    pooled = StratumResult(first.stratum, int(np.median([r.observed_n for r in runs])), first.lists)
    pooled.refused = None if accepted else first.refused
    pooled.notes = sorted({n for r in runs for n in r.notes})
    if accepted and len(accepted) < len(runs):
        pooled.notes.append(
            f"Estimable in {len(accepted)} of {len(runs)} linkage samples; pooled over those."
        )
    names = {e.estimator for r in accepted for e in r.estimates}
    for name in sorted(names):
        found = [e for r in accepted for e in r.estimates if e.estimator == name]
        pooled.estimates.append(pool_over_linkages(found, seed))
    return pooled


def average_over_linkages(
    per_sample: list[list[StratumResult]], seed: int = 0
) -> list[StratumResult]:
    """Per stratum and estimator, the equal mixture of every linkage sample's draws."""
    names = sorted({r.stratum for runs in per_sample for r in runs})
    by_name = {n: [r for runs in per_sample for r in runs if r.stratum == n] for n in names}
    return [_pool_stratum(by_name[n], seed) for n in names]


def total(results: list[StratumResult], seed: int = 0) -> StratumResult | None:
    """The sum over strata; refused strata add their observed count (a floor) only."""
    if len(results) == 1:
        return None
    refused = [r for r in results if r.refused is not None]
    accepted = [r for r in results if r.refused is None]
    fixed = sum(r.observed_n for r in refused)
    out = StratumResult("total", sum(r.observed_n for r in results))
    if refused:
        out.notes.append(
            f"{len(refused)} refused stratum/strata add only their {fixed:,} observed persons: "
            "the total is low by their unseen persons."
        )
    names = {e.estimator for r in accepted for e in r.estimates}
    for name in sorted(names):
        found = [e for r in accepted for e in r.estimates if e.estimator == name]
        if len(found) < len(accepted):
            out.notes.append(f"{name}: not available in every stratum, so no total.")
            continue
        out.estimates.append(sum_strata(found, fixed, seed))
    return out


def with_seed(settings: RunSettings, seed: int) -> RunSettings:
    """The same settings with every random stream moved to a new seed."""
    return replace(
        settings,
        seed=seed,
        lcmcr=replace(settings.lcmcr, seed=seed),
        dga=replace(settings.dga, seed=seed),
    )
