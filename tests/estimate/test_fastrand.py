"""The sweep's random variates against scipy's distributions (fixed seeds).

Each sampler draws 100,000 values; a chi-square (discrete) or Kolmogorov–Smirnov
(continuous) test must not reject at the 0.1 % level. Seeds are fixed, so a pass is
reproducible, and a wrong algorithm (a mis-set constant in BTRD or PTRS, a biased
ziggurat layer) fails these by a wide margin.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numba import njit
from scipy import stats

from yokuryu.estimate import fastrand as fr

SIZE = 100_000
ALPHA = 1e-3

# kinds: 0 normal, 1 gamma(a), 2 binomial(a, b), 3 poisson(a), 4 negative binomial(a, b),
# 5 beta(a, b) → V, 6 log_beta(a, b) → log V, 7 uniform


@njit(cache=True)
def _draws(state, kind, a, b, size):  # type: ignore[no-untyped-def]
    st = fr.load(state)
    out = np.empty(size)
    for i in range(size):
        if kind == 0:
            value, st = fr.normal(st)
        elif kind == 1:
            value, st = fr.gamma(st, a)
        elif kind == 2:
            k, st = fr.binomial(st, int(a), b)
            value = float(k)
        elif kind == 3:
            k, st = fr.poisson(st, a)
            value = float(k)
        elif kind == 4:
            k, st = fr.negative_binomial(st, a, b)
            value = float(k)
        elif kind == 5:
            value, _rest, st = fr.beta(st, a, b)
        elif kind == 6:
            value, _rest, st = fr.log_beta(st, a, b)
        else:
            value, st = fr.uniform(st)
        out[i] = value
    fr.store(state, st)
    return out


def _sample(kind: int, a: float = 0.0, b: float = 0.0, seed: int = 1, size: int = SIZE):
    return _draws(fr.seed_state(np.random.default_rng(seed)), kind, a, b, size)


def _chi_square_p(x: np.ndarray, dist) -> float:  # type: ignore[no-untyped-def]
    """Chi-square goodness of fit over the support's central part, tails pooled."""
    lo, hi = int(dist.ppf(1e-4)), int(dist.ppf(1 - 1e-4))
    inner = np.arange(lo + 1, hi)
    observed = [np.sum(x <= lo)] + [np.sum(x == k) for k in inner] + [np.sum(x >= hi)]
    expected = [dist.cdf(lo), *dist.pmf(inner), dist.sf(hi - 1)]
    obs, exp = np.array(observed, float), np.array(expected) * x.size
    keep = exp >= 5
    chi = ((obs[keep] - exp[keep]) ** 2 / exp[keep]).sum()
    return float(stats.chi2.sf(chi, keep.sum() - 1))


def test_uniform_is_uniform_on_the_open_interval() -> None:
    x = _sample(7)
    assert x.min() > 0.0 and x.max() < 1.0
    assert stats.kstest(x, "uniform").pvalue > ALPHA


def test_normal_matches_including_the_tail() -> None:
    x = _sample(0, size=400_000)
    assert stats.kstest(x, "norm").pvalue > ALPHA
    tail = np.mean(np.abs(x) > 3.0)  # the ziggurat's tail and edge layers
    assert tail == pytest.approx(2 * stats.norm.sf(3.0), rel=0.15)


@pytest.mark.parametrize("shape", [0.05, 0.3, 1.0, 2.5, 40.0, 5000.0])
def test_gamma(shape: float) -> None:
    assert stats.kstest(_sample(1, shape), stats.gamma(shape).cdf).pvalue > ALPHA


@pytest.mark.parametrize(
    ("n", "p"),
    [(1131, 0.44), (4400, 0.97), (300, 0.04), (60, 0.5), (25, 0.2), (1000, 0.003), (12, 0.9)],
    ids=lambda v: str(v),
)
def test_binomial_both_algorithms_and_the_flip(n: int, p: float) -> None:
    assert _chi_square_p(_sample(2, n, p), stats.binom(n, p)) > ALPHA


@pytest.mark.parametrize("lam", [0.3, 4.0, 11.0, 250.0, 6000.0])
def test_poisson_both_algorithms(lam: float) -> None:
    assert _chi_square_p(_sample(3, lam), stats.poisson(lam)) > ALPHA


def test_negative_binomial_counts_failures_as_numpy_does() -> None:
    size, p = 40.0, 0.3
    assert _chi_square_p(_sample(4, size, p), stats.nbinom(size, p)) > ALPHA


@pytest.mark.parametrize(("a", "b"), [(1.0, 1.0), (1.0, 30.0), (7.0, 1.0), (3.0, 800.0)])
def test_beta(a: float, b: float) -> None:
    assert stats.kstest(_sample(5, a, b), stats.beta(a, b).cdf).pvalue > ALPHA


def test_log_beta_with_tiny_shapes_neither_underflows_nor_biases() -> None:
    # Beta(0.01, 0.02): V is often below 1e-300, where log V must stay finite.
    a, b = 0.01, 0.02
    log_v = _sample(6, a, b)
    assert np.isfinite(log_v).all()
    assert (log_v < math.log(1e-300)).any()
    # P(V < 1/2) by the regularised incomplete beta function.
    share = np.mean(log_v < math.log(0.5))
    assert share == pytest.approx(stats.beta(a, b).cdf(0.5), abs=0.01)


def test_the_same_seed_gives_the_same_stream_and_advances_the_state() -> None:
    state = fr.seed_state(np.random.default_rng(5))
    first = _draws(state.copy(), 2, 100, 0.3, 50)
    assert np.array_equal(first, _draws(state.copy(), 2, 100, 0.3, 50))
    copy = state.copy()
    _draws(copy, 7, 0.0, 0.0, 1)
    assert not np.array_equal(copy, state)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=10**7),
    p=st.floats(min_value=0.0, max_value=1.0),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_binomial_stays_in_its_support(n: int, p: float, seed: int) -> None:
    x = _sample(2, n, p, seed=seed, size=20)
    assert ((x >= 0) & (x <= n)).all()
    if p == 0.0:
        assert (x == 0).all()
    if p == 1.0:
        assert (x == n).all()


@settings(max_examples=60, deadline=None)
@given(lam=st.floats(min_value=0.0, max_value=1e9), seed=st.integers(0, 2**32))
def test_poisson_is_a_count_near_its_mean(lam: float, seed: int) -> None:
    x = _sample(3, lam, seed=seed, size=20)
    assert (x >= 0).all() and (x == np.floor(x)).all()
    assert abs(x.mean() - lam) <= 10 * math.sqrt(max(lam, 1.0) / 20)
