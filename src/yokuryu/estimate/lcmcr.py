"""LCMCR: Bayesian latent-class multiple-recapture (Manrique-Vallier 2016).

Several chains with different seeds, run side by side in threads (the compiled sweep
releases the GIL), then compared: split R-hat, effective sample size, and a warning when
they disagree, because LCMCR chains can stick in a low mode on sparse strata (MSE_SPEC
§3.2.8). Defaults follow the package examples: K = 10, a_α = b_α = 0.25, burn-in 10,000,
1,000 draws thinned by 100 per chain.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

import numpy as np

from yokuryu.estimate.diagnostics import RHAT_WARN, effective_sample_size, split_rhat
from yokuryu.estimate.fastrand import seed_state
from yokuryu.estimate.lcmcr_kernel import N0_CAP_FACTOR, WARMUP_SWEEPS, run_chain
from yokuryu.estimate.result import Estimate, from_draws
from yokuryu.estimate.table import Table, require_lists


@dataclass(frozen=True)
class LcmcrSettings:
    classes: int = 10
    a_alpha: float = 0.25
    b_alpha: float = 0.25
    burnin: int = 10_000
    samples: int = 1_000
    thinning: int = 100
    chains: int = 4
    seed: int = 0
    threads: int = 2

    @property
    def sweeps_per_chain(self) -> int:
        return WARMUP_SWEEPS + self.burnin + self.samples * self.thinning


def _one_chain(table: Table, s: LcmcrSettings, chain: int) -> tuple[np.ndarray, int]:
    state = seed_state(np.random.default_rng([s.seed, chain]))
    draws, _alphas, redraws = run_chain(
        state, table.patterns, table.counts, s.classes, s.a_alpha, s.b_alpha,
        s.burnin, s.samples, s.thinning,
    )  # fmt: skip
    return draws, int(redraws)


def _warnings(table: Table, rhat: float, redraws: int, medians: list[float]) -> list[str]:
    notes = []
    if rhat > RHAT_WARN:
        notes.append(
            f"LCMCR chains disagree (R-hat {rhat:.3f} > {RHAT_WARN}; chain medians "
            f"{', '.join(f'{m:,.0f}' for m in medians)}): run longer chains and compare seeds."
        )
    if redraws:
        notes.append(
            f"The cap N ≤ {N0_CAP_FACTOR + 1}·n = {(N0_CAP_FACTOR + 1) * table.n:,} bound "
            f"({redraws:,} redraws of n₀): the lists may cover under 5 % of the population, "
            "and the upper end of the interval is truncated."
        )
    return notes


def lcmcr(table: Table, settings: LcmcrSettings | None = None) -> Estimate:
    """Posterior of N under LCMCR, pooled over chains, with diagnostics."""
    s = settings or LcmcrSettings()
    require_lists(table, "LCMCR")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, s.threads)) as pool:
        runs = list(pool.map(lambda c: _one_chain(table, s, c), range(s.chains)))
    seconds = time.perf_counter() - started
    chains = np.array([draws for draws, _ in runs], dtype=float)
    redraws = sum(r for _, r in runs)
    rhat = split_rhat(chains) if s.samples >= 4 else float("nan")
    medians = [float(np.median(c)) for c in chains]
    estimate = from_draws(
        "lcmcr",
        table.n,
        chains.ravel(),
        rhat=rhat,
        ess=effective_sample_size(chains) if s.samples >= 4 else float("nan"),
        chain_medians=medians,
        cap_redraws=redraws,
        sweeps_per_second=s.chains * s.sweeps_per_chain / seconds,
        seconds=seconds,
        settings=asdict(s),
    )
    estimate.warnings = _warnings(table, rhat, redraws, medians)
    return estimate


def compile_sampler() -> None:
    """Compile (or load from numba's cache) the sweep before timing anything."""
    tiny = Table.build(["a", "b", "c"], [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], [3, 3, 3, 1])
    state = seed_state(np.random.default_rng(0))
    run_chain(state, tiny.patterns, tiny.counts, 2, 0.25, 0.25, 1, 2, 1)
