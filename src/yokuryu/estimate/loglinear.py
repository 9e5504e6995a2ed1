"""Poisson log-linear models (Rcapture's closedp family), fitted with statsmodels.

The observed cells of the 2^J table are Poisson; log μ = u₀ + main effects + chosen
two-way interactions (+ one heterogeneity column). The unseen cell's fit is exp(u₀), so
N̂ = n + exp(û₀). Models are chosen by AIC or BIC among all hierarchical models up to
two-way terms (forward stepwise when there are too many pairs to try them all), and the
chosen model gets a profile-likelihood interval (Cormack 1992, as Rcapture's closedpCI).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import statsmodels.api as sm
from numpy.typing import NDArray
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln
from scipy.stats import chi2

from yokuryu.estimate.errors import BadTable
from yokuryu.estimate.result import Estimate
from yokuryu.estimate.table import Table, require_lists

EXHAUSTIVE_MAX_PAIRS = 10  # five lists: 2^10 = 1,024 models
HETEROGENEITY = ("poisson", "darroch", "gamma")
DIVERGED_COEFFICIENT = 25.0
DRAWS = 4000
UNBOUNDED_FACTOR = 1000  # an upper bound beyond 1,000·n is no bound


@dataclass(frozen=True)
class Model:
    """Which two-way interactions (pairs of list indices) and heterogeneity column."""

    pairs: tuple[tuple[int, int], ...] = ()
    heterogeneity: str | None = None

    def label(self, lists: tuple[str, ...]) -> str:
        terms = ["main effects", *(f"{lists[a]}×{lists[b]}" for a, b in self.pairs)]
        if self.heterogeneity:
            terms.append(f"heterogeneity ({self.heterogeneity})")
        return " + ".join(terms)


@dataclass(frozen=True)
class Fit:
    model: Model
    n_hat: float
    aic: float
    bic: float
    deviance: float
    df_resid: int


def cells(n_lists: int) -> NDArray[np.int64]:
    """Every pattern of the 2^J table, row c holding the bits of c (row 0 = unseen)."""
    index = np.arange(2**n_lists)
    return (index[:, None] >> np.arange(n_lists)) & 1


def _heterogeneity(kind: str, k: NDArray[np.int64]) -> NDArray[np.floating]:
    # Rcapture internal.matrices.R: Poisson θ=2, Darroch, Gamma θ=3.5; all 0 at k = 0.
    if kind == "poisson":
        return 2.0**k - 1
    if kind == "darroch":
        return k**2 / 2.0
    return -np.log(3.5 + k) + math.log(3.5)


def design(model: Model, patterns: NDArray[np.int64]) -> NDArray[np.float64]:
    columns = [np.ones(len(patterns)), *patterns.T]
    columns += [patterns[:, a] * patterns[:, b] for a, b in model.pairs]
    if model.heterogeneity:
        columns.append(_heterogeneity(model.heterogeneity, patterns.sum(axis=1)))
    return np.column_stack(columns).astype(float)


def _glm(y: NDArray[np.float64], x: NDArray[np.float64]):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sm.GLM(y, x, family=sm.families.Poisson()).fit()


def fit_model(table: Table, model: Model) -> Fit | None:
    """Fit on the observed cells; None when the MLE does not exist (a term runs off)."""
    patterns = cells(table.n_lists)[1:]
    y = table.full_counts()[1:].astype(float)
    result = _glm(y, design(model, patterns))
    params = np.asarray(result.params)
    if not result.converged or np.any(np.abs(params[1:]) > DIVERGED_COEFFICIENT):
        return None
    k = len(params)
    llf = float(result.llf)
    return Fit(
        model,
        table.n + math.exp(params[0]),
        -2 * llf + 2 * k,
        -2 * llf + k * math.log(table.n),
        float(result.deviance),
        int(result.df_resid),
    )


def _exhaustive(table: Table) -> list[Model]:
    pairs = list(combinations(range(table.n_lists), 2))
    chosen = [
        Model(tuple(p for i, p in enumerate(pairs) if mask >> i & 1))
        for mask in range(2 ** len(pairs))
    ]
    return chosen + [Model((), kind) for kind in HETEROGENEITY]


def _stepwise(table: Table, criterion: str) -> list[Fit]:
    """Bales–Hesketh–Silverman forward selection: add the pair that most lowers the criterion."""
    current = fit_model(table, Model())
    if current is None:
        return []
    fits = [current]
    remaining = list(combinations(range(table.n_lists), 2))
    while remaining:
        tried = [
            (f, p)
            for p in remaining
            if (f := fit_model(table, Model((*current.model.pairs, p)))) is not None
        ]
        best = min(tried, key=lambda fp: getattr(fp[0], criterion), default=None)
        if best is None or getattr(best[0], criterion) >= getattr(current, criterion):
            break
        current = best[0]
        fits.append(current)
        remaining.remove(best[1])
    return fits


def candidate_fits(table: Table, criterion: str = "aic") -> list[Fit]:
    """Fitted models, best first by the criterion ('aic' or 'bic')."""
    if math.comb(table.n_lists, 2) <= EXHAUSTIVE_MAX_PAIRS:
        fits = [f for m in _exhaustive(table) if (f := fit_model(table, m)) is not None]
    else:
        fits = _stepwise(table, criterion)
        fits += [f for k in HETEROGENEITY if (f := fit_model(table, Model((), k))) is not None]
    return sorted(fits, key=lambda f: getattr(f, criterion))


def profile_loglik(table: Table, model: Model, total: float) -> float:
    """Multinomial profile log-likelihood of N: the table completed with n₀ = N − n."""
    patterns = cells(table.n_lists)
    y = table.full_counts().astype(float)
    y[0] = total - table.n
    mu = np.asarray(_glm(y, design(model, patterns)).fittedvalues)
    keep = y > 0
    return float(
        gammaln(total + 1) - gammaln(y + 1).sum() + (y[keep] * np.log(mu[keep] / total)).sum()
    )


def profile_interval(table: Table, fit: Fit, level: float = 0.95) -> tuple[float, float, float]:
    """(N̂ multinomial, lower, upper) where the profile drops χ²₁(level)/2 below its top."""
    n = float(table.n)
    f = lambda total: profile_loglik(table, fit.model, total)  # noqa: E731
    top = minimize_scalar(lambda t: -f(t), bounds=(n + 1e-6, max(1.5 * fit.n_hat, n + 2)),
                          method="bounded", options={"xatol": 0.01})  # fmt: skip
    target = -top.fun - chi2.ppf(level, 1) / 2
    lower = n if f(n + 1e-6) > target else brentq(lambda t: f(t) - target, n + 1e-6, top.x)
    upper = top.x * 2
    while f(upper) > target and upper < UNBOUNDED_FACTOR * n:
        upper *= 2
    if f(upper) > target:
        raise BadTable(
            f"The profile likelihood of N under {fit.model.label(table.lists)} does not fall "
            f"below its cut-off up to {upper:,.0f}: the lists do not bound N from above."
        )
    upper = brentq(lambda t: f(t) - target, top.x, upper, xtol=0.01)
    return float(top.x), float(lower), float(upper)


def draws_from_interval(n: int, mid: float, low: float, high: float, seed: int) -> NDArray:
    """Approximate draws of N: log(N − n) normal, matched to the median and interval.

    Used only to pool log-linear answers over linkage samples and to sum strata.
    """
    centre = math.log(max(mid - n, 1e-9))
    spans = [math.log(max(high - n, 1e-9)) - centre]
    if low > n:
        spans.append(centre - math.log(low - n))
    sigma = max(max(spans) / 1.959964, 1e-9)
    return n + np.exp(np.random.default_rng(seed).normal(centre, sigma, DRAWS))


def loglinear(table: Table, criterion: str = "aic", seed: int = 0) -> Estimate:
    """The best model by AIC/BIC with its profile-likelihood interval, and the runners-up."""
    require_lists(table, "Log-linear")
    fits = candidate_fits(table, criterion)
    if not fits:
        raise BadTable(
            f"No log-linear model has a finite maximum-likelihood estimate on lists "
            f"{', '.join(table.lists)}: the lists overlap too sparsely."
        )
    best = fits[0]
    _mle, low, high = profile_interval(table, best)
    estimate = Estimate(f"loglinear_{criterion}", table.n, best.n_hat, low, high)
    estimate.draws = draws_from_interval(table.n, best.n_hat, low, high, seed)
    estimate.diagnostics = {
        "model": best.model.label(table.lists),
        criterion: getattr(best, criterion),
        "deviance": best.deviance,
        "df_resid": best.df_resid,
        "gof_p_value": float(chi2.sf(best.deviance, best.df_resid)) if best.df_resid else None,
        "runners_up": [
            {
                "model": f.model.label(table.lists),
                "n_hat": f.n_hat,
                criterion: getattr(f, criterion),
            }
            for f in fits[1:6]
        ],
        "models_fitted": len(fits),
        "n_hat_within_2": _within_two(fits, criterion),
        "point_estimate": "Poisson MLE n + exp(u0), reported as the median",
    }
    estimate.warnings = _spread_warning(table, fits, criterion)
    return estimate


def _within_two(fits: list[Fit], criterion: str) -> list[float]:
    """N̂ of every model within 2 points of the best: the model-selection spread."""
    close = [f.n_hat for f in fits if getattr(f, criterion) - getattr(fits[0], criterion) < 2]
    return [min(close), max(close)]


def _spread_warning(table: Table, fits: list[Fit], criterion: str) -> list[str]:
    close = _within_two(fits, criterion)
    if max(close) > 1.25 * min(close):
        return [
            f"Log-linear models within 2 {criterion.upper()} points of the best give N̂ from "
            f"{min(close):,.0f} to {max(close):,.0f}: the interval of the chosen model "
            "understates the model uncertainty."
        ]
    return []
