"""Populations with known size for coverage checks (Manrique-Vallier 2016 designs).

Each design is a list of latent classes: (size, capture probability on each list).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from yokuryu.estimate.result import Estimate
from yokuryu.estimate.table import Table, tabulate

Design = tuple[tuple[int, tuple[float, ...]], ...]

# Manrique-Vallier (2016): reference LCMCR covered 0.95 of 40 replicates.
MANRIQUE_VALLIER: Design = (
    (1800, (0.033, 0.033, 0.099, 0.132, 0.033)),
    (200, (0.660, 0.825, 0.759, 0.990, 0.693)),
)
# A large rarely-listed class: reference LCMCR covered only 0.72 (MSE_SPEC §3.2.8).
RARELY_LISTED: Design = (
    (1600, (0.1, 0.05, 0.15, 0.2, 0.1)),
    (200, (0.5, 0.4, 0.6, 0.4, 0.5)),
    (200, (0.8, 0.9, 0.6, 0.7, 0.7)),
)


def population_size(design: Design) -> int:
    return sum(size for size, _ in design)


def simulate_table(design: Design, seed: int) -> Table:
    """Capture every member independently given their class; the unseen are dropped."""
    rng = np.random.default_rng(seed)
    rows = np.concatenate(
        [rng.random((size, len(probs))) < np.array(probs) for size, probs in design]
    ).astype(int)
    seen = rows[rows.any(axis=1)]
    return tabulate([f"list{j + 1}" for j in range(rows.shape[1])], seen.tolist())


@dataclass(frozen=True)
class Coverage:
    replicates: int
    covered: int
    median_of_medians: float
    mean_width: float

    @property
    def share(self) -> float:
        return self.covered / self.replicates


def coverage(
    design: Design, estimator: Callable[[Table], Estimate], replicates: int, seed: int = 0
) -> Coverage:
    """How often the 95 % interval holds the true N over simulated replicates."""
    truth = population_size(design)
    answers = [estimator(simulate_table(design, seed + r)) for r in range(replicates)]
    return Coverage(
        replicates,
        sum(a.lower <= truth <= a.upper for a in answers),
        float(np.median([a.median for a in answers])),
        float(np.mean([a.upper - a.lower for a in answers])),
    )
