"""LCMCR against the R package's reference runs on Kosovo (MSE_SPEC §3.2.7)."""

from __future__ import annotations

import numpy as np
import pytest

from yokuryu.estimate.lcmcr import LcmcrSettings, lcmcr
from yokuryu.estimate.table import Table

# The reference settings: K = 10, a = b = 0.25, burn-in 10,000, 1,000 draws thinned by 100.
REFERENCE = LcmcrSettings(classes=10, burnin=10_000, samples=1_000, thinning=100, chains=2)


@pytest.fixture(scope="module")
def kosovo_run(kosovo: Table):  # type: ignore[no-untyped-def]
    return lcmcr(kosovo, REFERENCE)


@pytest.mark.slow
def test_kosovo_median_inside_the_reference_window(kosovo_run) -> None:  # type: ignore[no-untyped-def]
    assert 10_150 <= kosovo_run.median <= 10_650


@pytest.mark.slow
def test_kosovo_lower_quantile_inside_the_reference_window(kosovo_run) -> None:  # type: ignore[no-untyped-def]
    assert 8_350 <= kosovo_run.lower <= 9_300


@pytest.mark.slow
def test_kosovo_upper_quantile_loosely(kosovo_run) -> None:  # type: ignore[no-untyped-def]
    # 13,128–15,721 over twenty reference runs of 1,000 draws.
    assert 12_500 <= kosovo_run.upper <= 16_500


@pytest.mark.slow
def test_kosovo_chains_agree_and_are_reported(kosovo_run) -> None:  # type: ignore[no-untyped-def]
    d = kosovo_run.diagnostics
    assert d["rhat"] < 1.05
    assert 50 < d["ess"] <= 2000  # thinned by 100, Kosovo N draws keep ~10–30 % of draws
    assert len(d["chain_medians"]) == 2
    assert d["cap_redraws"] == 0
    assert d["sweeps_per_second"] > 0
    assert kosovo_run.warnings == []
    assert kosovo_run.draws is not None and kosovo_run.draws.size == 2000


def test_same_seed_gives_the_same_draws(spina_bifida: Table) -> None:
    quick = LcmcrSettings(burnin=200, samples=50, thinning=2, chains=2, seed=5)
    first, second = lcmcr(spina_bifida, quick), lcmcr(spina_bifida, quick)
    assert first.draws is not None and second.draws is not None
    assert np.array_equal(first.draws, second.draws)


def test_the_cap_on_n_is_reported_when_it_binds() -> None:
    # Three lists that hardly overlap: the unseen cell is all but unbounded. Chains on
    # such a table wander between ~2,000 and the cap; four chains of 500 draws reach it.
    table = Table.build(
        ["a", "b", "c"], [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], [300, 300, 300, 1]
    )
    e = lcmcr(table, LcmcrSettings(burnin=500, samples=500, thinning=5, chains=4))
    assert e.diagnostics["cap_redraws"] > 0
    assert any("N ≤ 21·n" in w for w in e.warnings)
    assert e.draws is not None and e.draws.max() <= 21 * table.n


def test_disagreeing_chains_raise_a_warning() -> None:
    # Two short chains on a table with a near-flat likelihood wander apart.
    table = Table.build(
        ["a", "b", "c"], [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]], [40, 40, 40, 1]
    )
    e = lcmcr(table, LcmcrSettings(burnin=0, samples=40, thinning=1, chains=4, seed=3))
    assert e.diagnostics["rhat"] > 1.05
    assert any("chains disagree" in w for w in e.warnings)
