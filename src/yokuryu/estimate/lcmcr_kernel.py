"""The LCMCR Gibbs sweep (Manrique-Vallier 2016), compiled with numba.

Follows the order of ``Update()`` in LCMCR 0.4.14's C++ (see docs/estimate.md and
MSE_SPEC.md §3.2): class counts of the observed, λ, stick-breaking weights, p₀, the
unseen count n₀ (negative binomial, redrawn while n₀ > 20·n), classes of the unseen,
then the concentration α. Everything is in log space; Beta draws go through two
log-Gamma draws so that tiny shapes do not underflow.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from numpy.typing import NDArray

WARMUP_SWEEPS = 500
N0_CAP_FACTOR = 20
SMALL_MULTINOMIAL = 24  # below this, categorical draws beat conditional binomials


@njit(cache=True)
def _log_gamma_draw(rng: np.random.Generator, shape: float) -> float:
    # Robert & Casella's trick for small shapes, as in LCMCR's dan_math_gsl.h.
    if shape < 0.5:
        return math.log(rng.random()) / shape + math.log(rng.gamma(1.0 + shape, 1.0))
    return math.log(rng.gamma(shape, 1.0))


@njit(cache=True)
def _log_beta_draw(rng: np.random.Generator, a: float, b: float) -> tuple[float, float]:
    """log V and log(1 − V) for V ~ Beta(a, b)."""
    # Empty classes give Beta(1, b) or Beta(a, 1), which invert in closed form:
    # 1 − V = U^(1/b), resp. V = U^(1/a). Exact, one uniform, no underflow for tiny shapes.
    if a == 1.0:
        log_1m_v = math.log(rng.random()) / b
        return math.log(-math.expm1(log_1m_v)), log_1m_v
    if b == 1.0:
        log_v = math.log(rng.random()) / a
        return log_v, math.log(-math.expm1(log_v))
    if a >= 0.5 and b >= 0.5:
        # Both Gamma draws are well above underflow: three logs instead of log-sum-exp.
        ga = rng.gamma(a, 1.0)
        gb = rng.gamma(b, 1.0)
        total = math.log(ga + gb)
        return math.log(ga) - total, math.log(gb) - total
    la = _log_gamma_draw(rng, a)
    lb = _log_gamma_draw(rng, b)
    top = max(la, lb)
    lse = top + math.log(math.exp(la - top) + math.exp(lb - top))
    return la - lse, lb - lse


@njit(cache=True)
def _descending(weights: NDArray[np.float64], order: NDArray[np.int64]) -> None:
    """Indices of weights, largest first (insertion sort: K is small)."""
    for i in range(weights.shape[0]):
        order[i] = i
        j = i
        while j > 0 and weights[order[j - 1]] < weights[order[j]]:
            order[j - 1], order[j] = order[j], order[j - 1]
            j -= 1


@njit(cache=True)
def _categorical_each(rng, total, weights, out, order):  # type: ignore[no-untyped-def]
    """Multinomial as `total` categorical draws: cheaper than binomials for small counts."""
    for _ in range(total):
        u = rng.random()
        i = 0
        cumulative = weights[order[0]]
        while u > cumulative and i < order.shape[0] - 1:
            i += 1
            cumulative += weights[order[i]]
        out[order[i]] += 1


@njit(cache=True)
def _multinomial(
    rng: np.random.Generator,
    total: int,
    weights: NDArray[np.float64],
    out: NDArray[np.int64],
    order: NDArray[np.int64],
) -> None:
    """Multinomial(total, weights) into out, by conditional binomials.

    The classes are visited largest weight first, which is exact for any order and lets
    the remaining count reach zero after few draws (binomial draws dominate the sweep).
    """
    _descending(weights, order)
    out[:] = 0
    if total <= SMALL_MULTINOMIAL:
        _categorical_each(rng, total, weights, out, order)
        return
    remaining = total
    mass = 1.0
    for i in range(weights.shape[0] - 1):
        k = order[i]
        if remaining == 0:
            return
        p = min(1.0, max(0.0, weights[k] / mass))
        out[k] = rng.binomial(remaining, p)
        remaining -= out[k]
        mass -= weights[k]
    out[order[weights.shape[0] - 1]] = remaining


@njit(cache=True)
def _normalise_log(log_w: NDArray[np.float64], out: NDArray[np.float64]) -> None:
    top = log_w.max()
    total = 0.0
    for k in range(log_w.shape[0]):
        out[k] = math.exp(log_w[k] - top)
        total += out[k]
    for k in range(log_w.shape[0]):
        out[k] /= total


@njit(cache=True)
def _observed_classes(rng, x, f, log_lam, log_1m_lam, log_pi, c):  # type: ignore[no-untyped-def]
    # Products in linear space (one exp per parameter, not per pattern); a weight that
    # underflows belongs to a class that would get no one anyway.
    m_patterns, n_lists = x.shape
    n_classes = log_pi.shape[0]
    lam = np.exp(log_lam)
    lam_1m = np.exp(log_1m_lam)
    pi = np.exp(log_pi - log_pi.max())
    w = np.empty(n_classes)
    order = np.empty(n_classes, dtype=np.int64)
    for m in range(m_patterns):
        total = 0.0
        for k in range(n_classes):
            s = pi[k]
            for j in range(n_lists):
                s *= lam[j, k] if x[m, j] == 1 else lam_1m[j, k]
            w[k] = s
            total += s
        w /= total
        _multinomial(rng, f[m], w, c[m], order)


@njit(cache=True)
def _inclusion_probs(rng, x, c, c0, log_lam, log_1m_lam):  # type: ignore[no-untyped-def]
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
            log_lam[j, k], log_1m_lam[j, k] = _log_beta_draw(rng, 1.0 + a1, 1.0 + a0)


@njit(cache=True)
def _stick_weights(rng, c, c0, alpha, log_pi):  # type: ignore[no-untyped-def]
    n_classes = c0.shape[0]
    sizes = c.sum(axis=0) + c0
    tail = sizes.sum()
    log_rest = 0.0
    for k in range(n_classes - 1):
        tail -= sizes[k]
        log_v, log_1m_v = _log_beta_draw(rng, 1.0 + sizes[k], alpha + tail)
        log_pi[k] = log_v + log_rest
        log_rest += log_1m_v
    log_pi[n_classes - 1] = log_rest


@njit(cache=True)
def _unseen(rng, n, log_1m_lam, log_pi, c0, u):  # type: ignore[no-untyped-def]
    """Draw n₀ and the classes of the unseen; returns (n₀, redraws past the cap)."""
    n_classes = log_1m_lam.shape[1]
    log_u = np.empty(n_classes)
    for k in range(n_classes):
        log_u[k] = log_pi[k] + log_1m_lam[:, k].sum()
    top = log_u.max()
    p0 = 0.0
    for k in range(n_classes):
        p0 += math.exp(log_u[k] - top)
    p0 = min(math.exp(top + math.log(p0)), 1.0 - 1e-12)
    redraws = 0
    n0 = rng.negative_binomial(n, 1.0 - p0)
    while n0 > N0_CAP_FACTOR * n:
        redraws += 1
        n0 = rng.negative_binomial(n, 1.0 - p0)
    if n0 == 0:
        c0[:] = 0
    else:
        _normalise_log(log_u, u)
        _multinomial(rng, n0, u, c0, np.empty(n_classes, dtype=np.int64))
    return n0, redraws


@njit(cache=True)
def _sweep(rng, x, f, n, state_lam, state_1m, log_pi, c, c0, u, alpha):  # type: ignore[no-untyped-def]
    _observed_classes(rng, x, f, state_lam, state_1m, log_pi, c)
    _inclusion_probs(rng, x, c, c0, state_lam, state_1m)
    _stick_weights(rng, c, c0, alpha, log_pi)
    return _unseen(rng, n, state_1m, log_pi, c0, u)


@njit(cache=True)
def _alpha_draw(rng, a_alpha, b_alpha, log_pi):  # type: ignore[no-untyped-def]
    n_classes = log_pi.shape[0]
    rate = b_alpha - log_pi[n_classes - 1]
    return rng.gamma(a_alpha + n_classes - 1, 1.0 / rate)


@njit(cache=True)
def _sort_classes(log_pi, log_lam, log_1m_lam, c0):  # type: ignore[no-untyped-def]
    order = np.argsort(-log_pi)
    log_pi[:] = log_pi[order].copy()
    log_lam[:, :] = log_lam[:, order].copy()
    log_1m_lam[:, :] = log_1m_lam[:, order].copy()
    c0[:] = c0[order].copy()


@njit(cache=True, nogil=True)
def run_chain(  # type: ignore[no-untyped-def]
    rng, x, f, n_classes, a_alpha, b_alpha, burnin, samples, thinning
):
    """One chain: warm-up with α fixed, sort classes, burn-in, then thinned draws of N.

    Returns (N draws, α draws, redraws past the N ≤ 21·n cap).
    """
    m_patterns, n_lists = x.shape
    n = f.sum()
    log_lam = np.empty((n_lists, n_classes))
    log_1m_lam = np.empty((n_lists, n_classes))
    for j in range(n_lists):
        share = (x[:, j] * f).sum() / n
        log_lam[j, :] = math.log(share)
        log_1m_lam[j, :] = math.log(max(1.0 - share, 1e-12))
    log_pi = np.empty(n_classes)
    log_rest = 0.0
    for k in range(n_classes - 1):
        log_v, log_1m_v = _log_beta_draw(rng, 1.0, 1.0)
        log_pi[k] = log_v + log_rest
        log_rest += log_1m_v
    log_pi[n_classes - 1] = log_rest
    alpha = 0.3 / n_classes
    c = np.zeros((m_patterns, n_classes), dtype=np.int64)
    c0 = np.zeros(n_classes, dtype=np.int64)
    u = np.empty(n_classes)
    for _ in range(WARMUP_SWEEPS):
        _sweep(rng, x, f, n, log_lam, log_1m_lam, log_pi, c, c0, u, alpha)
    _sort_classes(log_pi, log_lam, log_1m_lam, c0)
    draws = np.empty(samples, dtype=np.int64)
    alphas = np.empty(samples)
    redraws = 0
    for sweep in range(burnin + samples * thinning):
        n0, extra = _sweep(rng, x, f, n, log_lam, log_1m_lam, log_pi, c, c0, u, alpha)
        alpha = _alpha_draw(rng, a_alpha, b_alpha, log_pi)
        redraws += extra
        kept = sweep - burnin + 1
        if kept > 0 and kept % thinning == 0:
            draws[kept // thinning - 1] = n + n0
            alphas[kept // thinning - 1] = alpha
    return draws, alphas, redraws
