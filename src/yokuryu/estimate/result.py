"""What every estimator returns: median and 95 % interval of N, never one without the other."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

LEVEL = 0.95


@dataclass
class Estimate:
    """An estimator's answer for one table.

    ``draws`` are (posterior or approximate) draws of N, kept for pooling over linkage
    samples and for summing strata; they are not written to JSON.
    """

    estimator: str
    observed_n: int
    median: float
    lower: float
    upper: float
    draws: NDArray[np.float64] | None = None
    diagnostics: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "estimator": self.estimator,
            "observed_n": self.observed_n,
            "median": self.median,
            "lower": self.lower,
            "upper": self.upper,
            "level": LEVEL,
            "diagnostics": self.diagnostics,
            "warnings": self.warnings,
        }


def interval(draws: NDArray[Any]) -> tuple[float, float, float]:
    """Median and the central 95 % interval of draws."""
    tail = (1 - LEVEL) / 2 * 100
    low, mid, high = np.percentile(np.asarray(draws, dtype=float), [tail, 50, 100 - tail])
    return float(mid), float(low), float(high)


def from_draws(
    estimator: str, observed_n: int, draws: NDArray[Any], **diagnostics: Any
) -> Estimate:
    mid, low, high = interval(draws)
    return Estimate(estimator, observed_n, mid, low, high, np.asarray(draws, float), diagnostics)
