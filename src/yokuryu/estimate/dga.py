"""dga: Bayesian model averaging over decomposable graphical models (Madigan & York 1997).

Exact, no MCMC: for every decomposable graph on the lists and every candidate n₀ on a
grid, the hyper-Dirichlet marginal likelihood of the completed table (MSE_SPEC §3.3.2),
times the prior on N and a uniform prior on graphs, normalised jointly. Row sums give
the graphs' posterior probabilities, column sums the posterior of N.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
from numpy.typing import NDArray
from scipy.special import gammaln, logsumexp

from yokuryu.estimate.errors import GridTooNarrow
from yokuryu.estimate.graphs import MAX_LISTS, Decomposable, decomposable_graphs
from yokuryu.estimate.result import Estimate
from yokuryu.estimate.table import Table, require_lists

LogPrior = Callable[[NDArray[np.float64]], NDArray[np.float64]]
TOP_MASS_WARN = 1e-6  # widen the default grid until the top point holds less
TOP_MASS_LIMIT = 1e-3  # refuse above this: the interval would be cut off
GRID_POINTS = 4000
DRAWS = 4000


def inverse_n_prior(total: NDArray[np.float64]) -> NDArray[np.float64]:
    """p(N) ∝ 1/N, dga's default."""
    return -np.log(total)


def _negative_binomial(a: float, b: float, total: NDArray[np.float64]) -> NDArray[np.float64]:
    return gammaln(total + a) - gammaln(total + 1) + total * np.log(b) - (total + a) * np.log1p(b)


def negative_binomial_prior(a: float, b: float) -> LogPrior:
    """p(N) ∝ Γ(N+a)/Γ(N+1) · b^N/(1+b)^(N+a), as in dga's spina bifida example."""
    return partial(_negative_binomial, a, b)


@dataclass(frozen=True)
class DgaSettings:
    delta: float | None = None  # None: 2^−p, dga's recommendation
    prior: LogPrior = inverse_n_prior
    grid: NDArray[np.int64] | None = None  # candidate n₀; None: chosen and widened
    seed: int = 0


def _marginal_term(full: NDArray[np.int64], subset: tuple[int, ...], delta_a: float, n0):  # type: ignore[no-untyped-def]
    """ℓ(A) for every n₀: Σ_cells lgamma(Y_A + δ_A) − lgamma(δ_A), unseen cell + n₀."""
    cells = np.arange(full.size)
    index = sum(((cells >> node) & 1) << pos for pos, node in enumerate(subset))
    marginal = np.bincount(index, weights=full, minlength=2 ** len(subset))
    rest = np.sum(gammaln(marginal[1:] + delta_a) - gammaln(delta_a))
    return rest + gammaln(marginal[0] + n0 + delta_a) - gammaln(delta_a)


def _log_ml(graph: Decomposable, full, n0, delta: float, p: int, cache: dict):  # type: ignore[no-untyped-def]
    total = full.sum() + n0
    d_term = gammaln(delta * 2**p) - gammaln(total + delta * 2**p)

    def ell(subset: tuple[int, ...]) -> NDArray[np.float64]:
        if subset not in cache:
            cache[subset] = _marginal_term(full, subset, delta * 2 ** (p - len(subset)), n0)
        return cache[subset] + d_term

    return sum(ell(c) for c in graph.cliques) - sum(ell(s) for s in graph.separators)


def _log_posterior(table: Table, n0: NDArray[np.float64], s: DgaSettings) -> NDArray[np.float64]:
    """Unnormalised log p(G, n₀ | data): graphs × grid."""
    p = table.n_lists
    delta = s.delta if s.delta is not None else 2.0**-p
    full = table.full_counts().astype(float)
    total = table.n + n0
    common = gammaln(total + 1) - gammaln(full[1:] + 1).sum() - gammaln(n0 + 1) + s.prior(total)
    cache: dict = {}
    graphs = decomposable_graphs(p)
    rows = [_log_ml(g, full, n0, delta, p, cache) + common for g in graphs]
    return np.array(rows) - np.log(len(graphs))


def _grid(n: int, upper: int) -> NDArray[np.float64]:
    step = max(1, -(-upper // GRID_POINTS))
    return np.arange(0, upper + 1, step, dtype=float)


def _top_mass(log_post: NDArray[np.float64]) -> float:
    by_n = logsumexp(log_post, axis=0)
    return float(np.exp(by_n[-1] - logsumexp(by_n)))


def _fit_grid(table: Table, s: DgaSettings) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The grid and log posterior; the default grid is widened until its top holds ~0."""
    if s.grid is not None:
        grids = [np.asarray(s.grid, dtype=float)]
    else:
        grids = [_grid(table.n, table.n * factor) for factor in (4, 8, 16, 32)]
    for n0 in grids:
        log_post = _log_posterior(table, n0, s)
        if _top_mass(log_post) < TOP_MASS_WARN:
            break
    if _top_mass(log_post) > TOP_MASS_LIMIT:
        raise GridTooNarrow(
            f"dga: the posterior of N still has mass {_top_mass(log_post):.2g} at the top of "
            f"the grid (n₀ = {n0[-1]:,.0f}); widen the grid, or the lists overlap too little "
            "to bound N."
        )
    return n0, log_post


def _point_summaries(total: NDArray[np.float64], prob: NDArray[np.float64]) -> dict[str, float]:
    inverse = (prob / total).sum()
    return {
        "mean": float((prob * total).sum()),
        "mode": float(total[np.argmax(prob)]),
        # Bayes estimate under relative squared-error loss, as dga reports it.
        "bayes_estimate": float(inverse / (prob / total**2).sum()),
    }


def grid_quantiles(total: NDArray[np.float64], prob: NDArray[np.float64]) -> tuple:
    """Median and 95 % interval: the smallest N whose cumulative probability reaches q."""
    cdf = np.cumsum(prob) / prob.sum()
    low, mid, high = (float(total[np.searchsorted(cdf, q)]) for q in (0.025, 0.5, 0.975))
    return mid, low, high


def _models(table: Table, log_post: NDArray[np.float64]) -> list[dict]:
    graphs = decomposable_graphs(table.n_lists)
    weights = np.exp(logsumexp(log_post, axis=1) - logsumexp(log_post))
    order = np.argsort(-weights)[:5]
    return [
        {"cliques": graphs[i].label(table.lists), "probability": float(weights[i])} for i in order
    ]


def dga(table: Table, settings: DgaSettings | None = None) -> Estimate:
    """Model-averaged posterior of N over all decomposable graphs (≤ 5 lists)."""
    s = settings or DgaSettings()
    require_lists(table, "dga", at_most=MAX_LISTS)
    n0, log_post = _fit_grid(table, s)
    total = table.n + n0
    prob = np.exp(logsumexp(log_post, axis=0) - logsumexp(log_post))
    top = int(np.argmax(logsumexp(log_post, axis=1)))
    top_prob = np.exp(log_post[top] - logsumexp(log_post[top]))
    mid, low, high = grid_quantiles(total, prob)
    draws = np.random.default_rng(s.seed).choice(total, size=DRAWS, p=prob / prob.sum())
    top_mass = _top_mass(log_post)
    diagnostics = {
        **_point_summaries(total, prob),
        "delta": s.delta if s.delta is not None else 2.0**-table.n_lists,
        "grid": [float(n0[0]), float(n0[-1]), float(n0[1] - n0[0]) if n0.size > 1 else 1.0],
        "top_of_grid_mass": top_mass,
        "models": _models(table, log_post),
        "top_model": _point_summaries(total, top_prob),
    }
    estimate = Estimate("dga", table.n, mid, low, high, draws, diagnostics)
    if top_mass > TOP_MASS_WARN:
        estimate.warnings.append(
            f"dga: the top of the grid (n₀ = {n0[-1]:,.0f}) still holds posterior mass "
            f"{top_mass:.1g}; the upper end may be cut short."
        )
    return estimate
