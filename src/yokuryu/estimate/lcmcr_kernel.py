"""The LCMCR Gibbs sweep (Manrique-Vallier 2016), compiled with numba.

Follows the order of ``Update()`` in LCMCR 0.4.14's C++ (see docs/estimate.md and
MSE_SPEC.md §3.2): class counts of the observed, λ, stick-breaking weights, p₀, the
unseen count n₀ (negative binomial, redrawn while n₀ > 20·n), classes of the unseen,
then the concentration α. Beta draws go through log-Gamma draws so that tiny shapes do
not underflow. The random variates come from :mod:`yokuryu.estimate.fastrand` (inline,
the generator state passed by value), and the sweep allocates nothing: the work arrays
are made once per chain, and λ is kept in linear space (λ and 1 − λ, each drawn without
cancellation).

numba's cache (``cache=True``) is keyed on this file only: after editing fastrand.py,
delete ``src/yokuryu/estimate/__pycache__/*.nbi`` and ``*.nbc`` or the old code runs.

Data augmentation is by pattern, never by person: the f_m people sharing pattern m get
their classes as one multinomial draw (conditional binomials, largest class first), so a
sweep costs O(M·K·J) whatever n is.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from numpy.typing import NDArray

from yokuryu.estimate.fastrand import (
    State,
    beta,
    binomial,
    gamma,
    load,
    log_beta,
    negative_binomial,
    store,
    uniform,
)

WARMUP_SWEEPS = 500
N0_CAP_FACTOR = 20
SMALL_MULTINOMIAL = 24  # below this, categorical draws beat conditional binomials


@njit(cache=True, inline="always")
def _descending(weights: NDArray[np.float64], order: NDArray[np.int64]) -> None:
    """Indices of weights, largest first (insertion sort: K is small)."""
    for i in range(weights.shape[0]):
        order[i] = i
        j = i
        while j > 0 and weights[order[j - 1]] < weights[order[j]]:
            order[j - 1], order[j] = order[j], order[j - 1]
            j -= 1


@njit(cache=True, inline="always")
def _categorical_rest(st, total, weights, out, order, first, cumulative):  # type: ignore[no-untyped-def]
    """Multinomial of `total` over the classes order[first:], as `total` categorical draws
    (cheaper than binomials for small counts). Each draw counts the cumulative weights
    below a uniform, without a data-dependent branch."""
    n_classes = order.shape[0]
    mass = 0.0
    for i in range(first, n_classes):
        mass += weights[order[i]]
        cumulative[i] = mass
    cumulative[n_classes - 1] = np.inf  # rounding never sends a draw past the last class
    for _ in range(total):
        u, st = uniform(st)
        u *= mass
        i = first
        for k in range(first, n_classes - 1):
            i += u > cumulative[k]
        out[order[i]] += 1
    return st


@njit(cache=True, inline="always")
def _multinomial(st, total, weights, out, order, cumulative):  # type: ignore[no-untyped-def]
    """Multinomial(total, weights) into out, by conditional binomials.

    The classes are visited in `order`: exact for any order, and when it puts the heavy
    classes first a small remainder is left after few binomials; that remainder is drawn
    one by one.
    """
    out[:] = 0
    remaining = total
    mass = 1.0
    for i in range(weights.shape[0] - 1):
        if remaining <= SMALL_MULTINOMIAL:
            return _categorical_rest(st, remaining, weights, out, order, i, cumulative)
        k = order[i]
        p = min(1.0, max(0.0, weights[k] / mass))
        out[k], st = binomial(st, remaining, p)
        remaining -= out[k]
        mass -= weights[k]
    out[order[weights.shape[0] - 1]] = remaining
    return st


@njit(cache=True)
def _observed_classes(st, x, f, lam, lam_1m, log_pi, c, work, order):  # type: ignore[no-untyped-def]
    # Products in linear space; a weight that underflows belongs to a class that would
    # get no one anyway. Normalising by the largest π keeps the products in range.
    m_patterns, n_lists = x.shape
    n_classes = log_pi.shape[0]
    pi, w, cumulative = work[0], work[1], work[2]
    top = log_pi.max()
    for k in range(n_classes):
        pi[k] = math.exp(log_pi[k] - top)
    # One visiting order for every pattern, by class weight: sorting each pattern's own
    # weights costs more than the few binomials it would save.
    _descending(pi, order)
    for m in range(m_patterns):
        total = 0.0
        for k in range(n_classes):
            prod = pi[k]
            for j in range(n_lists):
                prod *= lam[j, k] if x[m, j] == 1 else lam_1m[j, k]
            w[k] = prod
            total += prod
        for k in range(n_classes):
            w[k] /= total
        st = _multinomial(st, f[m], w, c[m], order, cumulative)
    return st


@njit(cache=True)
def _inclusion_probs(st, x, c, c0, lam, lam_1m):  # type: ignore[no-untyped-def]
    m_patterns, n_lists = x.shape
    for j in range(n_lists):
        for k in range(c0.shape[0]):
            a1 = 0.0
            a0 = float(c0[k])
            for m in range(m_patterns):
                if x[m, j] == 1:
                    a1 += c[m, k]
                else:
                    a0 += c[m, k]
            lam[j, k], lam_1m[j, k], st = beta(st, 1.0 + a1, 1.0 + a0)
    return st


@njit(cache=True)
def _stick_weights(st, c, c0, alpha, log_pi, sizes):  # type: ignore[no-untyped-def]
    m_patterns, n_classes = c.shape
    tail = 0.0
    for k in range(n_classes):
        sizes[k] = c0[k]
        for m in range(m_patterns):
            sizes[k] += c[m, k]
        tail += sizes[k]
    log_rest = 0.0
    for k in range(n_classes - 1):
        tail -= sizes[k]
        log_v, log_1m_v, st = log_beta(st, 1.0 + sizes[k], alpha + tail)
        log_pi[k] = log_v + log_rest
        log_rest += log_1m_v
    log_pi[n_classes - 1] = log_rest
    return st


@njit(cache=True)
def _unseen(st, n, lam_1m, log_pi, c0, work, order):  # type: ignore[no-untyped-def]
    """Draw n₀ and the classes of the unseen; returns (n₀, redraws past the cap, state)."""
    n_lists, n_classes = lam_1m.shape
    u = work[1]
    top = log_pi.max()
    total = 0.0
    for k in range(n_classes):
        u[k] = math.exp(log_pi[k] - top)
        for j in range(n_lists):
            u[k] *= lam_1m[j, k]
        total += u[k]
    p0 = min(math.exp(top) * total, 1.0 - 1e-12)
    for k in range(n_classes):
        u[k] /= total
    redraws = 0
    n0, st = negative_binomial(st, n, 1.0 - p0)
    while n0 > N0_CAP_FACTOR * n:
        redraws += 1
        n0, st = negative_binomial(st, n, 1.0 - p0)
    _descending(u, order)
    st = _multinomial(st, n0, u, c0, order, work[2])
    return n0, redraws, st


@njit(cache=True)
def _alpha_draw(st, a_alpha, b_alpha, log_pi):  # type: ignore[no-untyped-def]
    n_classes = log_pi.shape[0]
    rate = b_alpha - log_pi[n_classes - 1]
    g, st = gamma(st, a_alpha + n_classes - 1)
    return g / rate, st


@njit(cache=True)
def _sort_classes(log_pi, lam, lam_1m, c0):  # type: ignore[no-untyped-def]
    order = np.argsort(-log_pi)
    log_pi[:] = log_pi[order].copy()
    lam[:, :] = lam[:, order].copy()
    lam_1m[:, :] = lam_1m[:, order].copy()
    c0[:] = c0[order].copy()


@njit(cache=True)
def _initial_sticks(st, log_pi):  # type: ignore[no-untyped-def]
    n_classes = log_pi.shape[0]
    log_rest = 0.0
    for k in range(n_classes - 1):
        log_v, log_1m_v, st = log_beta(st, 1.0, 1.0)
        log_pi[k] = log_v + log_rest
        log_rest += log_1m_v
    log_pi[n_classes - 1] = log_rest
    return st


@njit(cache=True)
def _sweep(st, x, f, n, lam, lam_1m, log_pi, c, c0, alpha, work, order):  # type: ignore[no-untyped-def]
    """Steps 1–6 of the sweep (α is drawn by the caller, except in the warm-up)."""
    st = _observed_classes(st, x, f, lam, lam_1m, log_pi, c, work, order)
    st = _inclusion_probs(st, x, c, c0, lam, lam_1m)
    st = _stick_weights(st, c, c0, alpha, log_pi, work[0])
    return _unseen(st, n, lam_1m, log_pi, c0, work, order)


@njit(cache=True, nogil=True)
def run_chain(  # type: ignore[no-untyped-def]
    state, x, f, n_classes, a_alpha, b_alpha, burnin, samples, thinning
):
    """One chain: warm-up with α fixed, sort classes, burn-in, then thinned draws of N.

    ``state`` is a :func:`yokuryu.estimate.fastrand.seed_state` array, advanced in place.
    Returns (N draws, α draws, redraws past the N ≤ 21·n cap).
    """
    m_patterns, n_lists = x.shape
    n = f.sum()
    lam = np.empty((n_lists, n_classes))
    lam_1m = np.empty((n_lists, n_classes))
    for j in range(n_lists):
        share = (x[:, j] * f).sum() / n
        lam[j, :] = share
        lam_1m[j, :] = max(1.0 - share, 1e-12)
    log_pi = np.empty(n_classes)
    st: State = load(state)
    st = _initial_sticks(st, log_pi)
    alpha = 0.3 / n_classes
    c = np.zeros((m_patterns, n_classes), dtype=np.int64)
    c0 = np.zeros(n_classes, dtype=np.int64)
    work = np.empty((3, n_classes))
    order = np.empty(n_classes, dtype=np.int64)
    draws = np.empty(samples, dtype=np.int64)
    alphas = np.empty(samples)
    redraws = 0
    for _ in range(WARMUP_SWEEPS):
        n0, extra, st = _sweep(st, x, f, n, lam, lam_1m, log_pi, c, c0, alpha, work, order)
    _sort_classes(log_pi, lam, lam_1m, c0)
    for sweep in range(burnin + samples * thinning):
        n0, extra, st = _sweep(st, x, f, n, lam, lam_1m, log_pi, c, c0, alpha, work, order)
        alpha, st = _alpha_draw(st, a_alpha, b_alpha, log_pi)
        redraws += extra
        kept = sweep - burnin + 1
        if kept > 0 and kept % thinning == 0:
            draws[kept // thinning - 1] = n + n0
            alphas[kept // thinning - 1] = alpha
    store(state, st)
    return draws, alphas, redraws
