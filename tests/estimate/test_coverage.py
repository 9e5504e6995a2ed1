"""Coverage of LCMCR's 95 % interval on simulated populations (few replicates here;
benchmarks/bench_estimate.py runs 40 per design)."""

from __future__ import annotations

import numpy as np
import pytest

from yokuryu.estimate.lcmcr import LcmcrSettings, lcmcr
from yokuryu.estimate.simulation import (
    MANRIQUE_VALLIER,
    RARELY_LISTED,
    coverage,
    population_size,
    simulate_table,
)

SHORT = LcmcrSettings(burnin=2_000, samples=500, thinning=10, chains=1)


def expected_observed(design) -> float:  # type: ignore[no-untyped-def]
    return sum(size * (1 - np.prod(1 - np.array(p))) for size, p in design)


@pytest.mark.parametrize("design", [MANRIQUE_VALLIER, RARELY_LISTED], ids=["MV 2016", "rare"])
def test_simulated_tables_see_the_expected_share(design) -> None:  # type: ignore[no-untyped-def]
    observed = [simulate_table(design, seed).n for seed in range(20)]
    assert population_size(design) == 2000
    assert np.mean(observed) == pytest.approx(expected_observed(design), rel=0.03)


@pytest.mark.slow
def test_lcmcr_covers_the_truth_on_the_manrique_vallier_design() -> None:
    result = coverage(MANRIQUE_VALLIER, lambda t: lcmcr(t, SHORT), replicates=5, seed=1000)
    assert result.covered >= 4
    assert 1500 <= result.median_of_medians <= 2600
