"""Linkage averaging and totals: pooling draws of N.

Linkage averaging (Sadinle 2018): run each estimator on every sampled linkage and pool
the posterior draws as an equal mixture. The law of total variance splits the pooled
variance into the mean within-sample variance (sampling: which people the lists happened
to catch) and the variance of the sample means (linkage: who is whom).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from yokuryu.estimate.result import Estimate, from_draws


def _equal_length(draws: list[NDArray[np.float64]], rng: np.random.Generator) -> NDArray:
    size = min(len(d) for d in draws)
    return np.array([rng.permutation(d)[:size] for d in draws])


def variance_split(per_sample: NDArray[np.float64]) -> dict[str, float]:
    """Share of the pooled variance from linkage (between samples) and sampling (within)."""
    within = float(per_sample.var(axis=1).mean())
    between = float(per_sample.mean(axis=1).var())
    total = within + between
    return {
        "linkage_share_of_variance": between / total if total else 0.0,
        "sampling_share_of_variance": within / total if total else 0.0,
    }


def _width(draws: NDArray[np.float64]) -> float:
    low, high = np.percentile(draws, [2.5, 97.5])
    return float(high - low)


def pool_over_linkages(estimates: list[Estimate], seed: int = 0) -> Estimate:
    """One estimator's answers on R linkage samples → the linkage-averaged answer."""
    rng = np.random.default_rng(seed)
    per_sample = _equal_length([e.draws for e in estimates if e.draws is not None], rng)
    pooled = from_draws(
        estimates[0].estimator,
        int(np.median([e.observed_n for e in estimates])),
        per_sample.ravel(),
        linkage_samples=len(estimates),
        **variance_split(per_sample),
        interval_width_pooled=_width(per_sample.ravel()),
        interval_width_within_mean=float(np.mean([_width(d) for d in per_sample])),
        sample_medians=[float(np.median(d)) for d in per_sample],
        observed_n_range=[
            min(e.observed_n for e in estimates),
            max(e.observed_n for e in estimates),
        ],
    )
    pooled.warnings = sorted({w for e in estimates for w in e.warnings})
    return pooled


def sum_strata(estimates: list[Estimate], fixed: int = 0, seed: int = 0) -> Estimate:
    """Total over independent strata: sums of randomly paired draws, plus a fixed count."""
    rng = np.random.default_rng(seed)
    stacked = _equal_length([e.draws for e in estimates if e.draws is not None], rng)
    return from_draws(
        estimates[0].estimator,
        sum(e.observed_n for e in estimates) + fixed,
        stacked.sum(axis=0) + fixed,
        strata=len(estimates),
    )
