"""MCMC diagnostics across chains: split R-hat and effective sample size.

Split R-hat and the autocorrelation ESS follow Gelman et al., *Bayesian Data Analysis*
(3rd ed., §11.4–11.5); the autocorrelation sum stops at Geyer's initial positive
sequence.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

RHAT_WARN = 1.05


def _split(chains: NDArray[np.float64]) -> NDArray[np.float64]:
    half = chains.shape[1] // 2
    return np.concatenate([chains[:, :half], chains[:, half : 2 * half]], axis=0)


def split_rhat(chains: NDArray[np.float64]) -> float:
    """Potential scale reduction of chains (rows = chains, columns = draws)."""
    split = _split(np.asarray(chains, dtype=float))
    n = split.shape[1]
    within = split.var(axis=1, ddof=1).mean()
    between = n * split.mean(axis=1).var(ddof=1)
    if within == 0:
        return 1.0 if between == 0 else float("inf")
    pooled = (n - 1) / n * within + between / n
    return float(np.sqrt(pooled / within))


def _autocorrelation(x: NDArray[np.float64]) -> NDArray[np.float64]:
    centred = x - x.mean()
    size = 2 ** int(np.ceil(np.log2(2 * len(x))))
    spectrum = np.fft.rfft(centred, size)
    acov = np.fft.irfft(spectrum * np.conj(spectrum))[: len(x)]
    return acov / acov[0] if acov[0] > 0 else np.zeros(len(x))


def effective_sample_size(chains: NDArray[np.float64]) -> float:
    """ESS of the pooled draws: chains × draws / τ, with τ = −1 + 2 Σ_k (ρ_2k + ρ_2k+1)."""
    chains = np.asarray(chains, dtype=float)
    m, n = chains.shape
    if np.all(chains.var(axis=1) == 0):
        return float(m * n)
    rho = np.mean([_autocorrelation(c) for c in chains], axis=0)
    tau = -1.0
    for t in range(0, n - 1, 2):
        pair = rho[t] + rho[t + 1]
        if pair < 0:
            break
        tau += 2.0 * pair
    return float(m * n / max(tau, 1e-12))
