"""Estimators side by side: warnings, notes instead of numbers, pooling and totals."""

from __future__ import annotations

import numpy as np
import pytest

from yokuryu.estimate.pooling import pool_over_linkages, sum_strata, variance_split
from yokuryu.estimate.result import Estimate, from_draws
from yokuryu.estimate.run import RunSettings, estimate_table, overlap_warnings
from yokuryu.estimate.table import Table

NO_OVERLAP = Table.build(["a", "b", "c"], [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [10, 10, 10])


def test_lists_that_share_no_one_are_warned_about(kosovo: Table) -> None:
    notes = overlap_warnings(NO_OVERLAP)
    assert any("List a shares no person" in n for n in notes)
    assert any("Sparse overlap: only 0.0%" in n for n in notes)
    assert overlap_warnings(kosovo) == []


def test_an_estimator_that_cannot_answer_leaves_a_note_not_a_number() -> None:
    result = estimate_table(NO_OVERLAP, RunSettings(estimators=("dga", "loglinear")))
    assert [e.estimator for e in result.estimates] == ["dga"]
    assert any(n.startswith("loglinear: The profile likelihood") for n in result.notes)


def _normal(estimator: str, centre: float, seed: int, n: int = 100) -> Estimate:
    draws = np.random.default_rng(seed).normal(centre, 10.0, 4000)
    return from_draws(estimator, n, draws)


def test_identical_linkages_leave_all_variance_to_sampling() -> None:
    pooled = pool_over_linkages([_normal("x", 1000, s) for s in range(4)])
    assert pooled.diagnostics["linkage_share_of_variance"] < 0.01
    assert pooled.median == pytest.approx(1000, abs=1)


def test_disagreeing_linkages_widen_the_pooled_interval() -> None:
    pooled = pool_over_linkages([_normal("x", c, s) for s, c in enumerate((900, 1000, 1100))])
    d = pooled.diagnostics
    assert d["linkage_share_of_variance"] > 0.9
    assert d["interval_width_pooled"] > 3 * d["interval_width_within_mean"]
    assert d["sample_medians"] == pytest.approx([900, 1000, 1100], abs=1)


def test_variance_split_follows_the_law_of_total_variance() -> None:
    per_sample = np.array([[1.0, 3.0], [5.0, 7.0]])
    split = variance_split(per_sample)
    assert split["linkage_share_of_variance"] == pytest.approx(4 / 5)
    assert split["sampling_share_of_variance"] == pytest.approx(1 / 5)


def test_strata_totals_add_draws_and_refused_counts() -> None:
    total = sum_strata([_normal("x", 1000, 1, 400), _normal("x", 500, 2, 300)], fixed=12)
    assert total.observed_n == 712
    assert total.median == pytest.approx(1512, abs=2)
    # Independent strata: the spread of the sum is √2 times one stratum's.
    assert total.upper - total.lower == pytest.approx(2 * 1.96 * 10 * np.sqrt(2), rel=0.08)
