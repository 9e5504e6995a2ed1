"""R-hat and ESS on chains with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from yokuryu.estimate.diagnostics import effective_sample_size, split_rhat


def ar1(rng: np.random.Generator, rho: float, n: int) -> np.ndarray:
    x = np.empty(n)
    x[0] = rng.normal()
    for t in range(1, n):
        x[t] = rho * x[t - 1] + rng.normal() * np.sqrt(1 - rho**2)
    return x


def test_chains_from_one_distribution_have_rhat_near_one() -> None:
    chains = np.random.default_rng(1).normal(size=(4, 1000))
    assert split_rhat(chains) == pytest.approx(1.0, abs=0.01)


def test_chains_stuck_in_different_modes_have_large_rhat() -> None:
    chains = np.random.default_rng(2).normal(size=(4, 1000))
    chains[0] += 3
    assert split_rhat(chains) > 1.2


def test_ess_of_independent_draws_is_the_number_of_draws() -> None:
    chains = np.random.default_rng(3).normal(size=(4, 2000))
    assert effective_sample_size(chains) == pytest.approx(8000, rel=0.1)


def test_ess_of_autocorrelated_draws_follows_the_ar1_formula() -> None:
    rng = np.random.default_rng(4)
    chains = np.array([ar1(rng, 0.9, 20_000) for _ in range(2)])
    expected = 40_000 * (1 - 0.9) / (1 + 0.9)
    assert effective_sample_size(chains) == pytest.approx(expected, rel=0.2)
