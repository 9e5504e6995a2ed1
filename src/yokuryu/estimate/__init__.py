"""Multiple systems estimation: how many died or were held, with intervals.

Three estimators side by side on a table of inclusion patterns (which lists hold each
linked person): LCMCR (latent classes, Gibbs sampler), dga (Bayesian model averaging
over decomposable graphs, ≤ 5 lists) and Poisson log-linear models (AIC/BIC). See
docs/estimate.md.

Example:
    >>> from yokuryu.estimate import read_table, dga
    >>> estimate = dga(read_table(path))  # doctest: +SKIP
    >>> estimate.median, estimate.lower, estimate.upper  # doctest: +SKIP
"""

from yokuryu.estimate.dga import DgaSettings, dga, inverse_n_prior, negative_binomial_prior
from yokuryu.estimate.lcmcr import LcmcrSettings, lcmcr
from yokuryu.estimate.loglinear import loglinear
from yokuryu.estimate.result import Estimate
from yokuryu.estimate.table import Table, read_table, tabulate

__all__ = [
    "DgaSettings",
    "Estimate",
    "LcmcrSettings",
    "Table",
    "dga",
    "inverse_n_prior",
    "lcmcr",
    "loglinear",
    "negative_binomial_prior",
    "read_table",
    "tabulate",
]
