"""Multiple systems estimation: sampler speed, the published answers, and coverage.

1. LCMCR sweeps per second on the Kosovo table (the R package's C++ does ~110,000 sweeps
   in ~1.4 s, i.e. ~78,000 sweeps/s): one chain, then four chains on two threads.
2. Every reproduced figure beside its published or reference value.
3. Coverage of the 95 % interval over simulated populations of known size (N = 2,000,
   five lists): the Manrique-Vallier (2016) design, where the reference LCMCR covered
   0.95, and the rarely-listed design, a known failure (reference 0.72).

4. End to end: simulated archives (``soviet-records`` and ``nimmo`` scenarios) simulated,
   ingested and linked by ``yokuryu link --samples``; does each estimator's interval hold
   the true number of deaths — with the truth's linkage, the live link run, and averaged
   over the linkage samples, each with the copied list (MHLW's) counted with the Soviet
   registers and apart? With how scoping sorted each list's records and how the linkage
   differs from the truth (false merges, missed links): yokuryu.estimate.endtoend.

Set ``YOKURYU_BENCH_REPLICATES`` to change the number of coverage replicates (40),
``YOKURYU_BENCH_E2E_PERSONS`` the simulated population (5,000, a few minutes per scenario;
0 skips part 4).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from yokuryu.estimate.dga import DgaSettings, dga, negative_binomial_prior
from yokuryu.estimate.endtoend import EndToEnd, end_to_end
from yokuryu.estimate.lcmcr import LcmcrSettings, compile_sampler, lcmcr
from yokuryu.estimate.loglinear import Model, fit_model, loglinear
from yokuryu.estimate.registry import linked_records, registry_strata
from yokuryu.estimate.run import (
    RunSettings,
    StratumResult,
    average_over_linkages,
    estimate_strata,
    with_seed,
)
from yokuryu.estimate.simulation import MANRIQUE_VALLIER, RARELY_LISTED, coverage
from yokuryu.estimate.table import read_table
from yokuryu.store import open_existing

DATA = Path(__file__).parent.parent / "tests" / "data" / "mse"
REPLICATES = int(os.environ.get("YOKURYU_BENCH_REPLICATES", "40"))
LOGLINEAR_REPLICATES = max(1, REPLICATES // 4)  # 1,024 models per five-list table: slow
REFERENCE = LcmcrSettings(classes=10, burnin=10_000, samples=1_000, thinning=100)
COVERAGE_LCMCR = LcmcrSettings(classes=10, burnin=10_000, samples=1_000, thinning=20, chains=1)
E2E_PERSONS = int(os.environ.get("YOKURYU_BENCH_E2E_PERSONS", "5000"))
E2E_SAMPLES = 10
E2E_SETTINGS = RunSettings(lcmcr=LcmcrSettings(burnin=5_000, samples=500, thinning=20, chains=2))


def _speed() -> None:
    kosovo = read_table(DATA / "kosovo_4lists.csv")
    started = time.perf_counter()
    compile_sampler()
    print(f"numba compile or cache load: {time.perf_counter() - started:.1f} s")
    for chains, threads in ((1, 1), (4, 2)):
        cpu = time.process_time()
        e = lcmcr(kosovo, LcmcrSettings(chains=chains, threads=threads, seed=11))
        cpu = time.process_time() - cpu
        sweeps = chains * REFERENCE.sweeps_per_chain
        # The machine is shared: CPU seconds say what one core does, wall what we waited.
        print(
            f"LCMCR Kosovo, {chains} chain(s) on {threads} thread(s): {sweeps:,} sweeps in "
            f"{e.diagnostics['seconds']:.2f} s wall = {e.diagnostics['sweeps_per_second']:,.0f}"
            f" sweeps/s; {cpu:.2f} s CPU = {sweeps / cpu:,.0f} sweeps per CPU-second; "
            f"median {e.median:,.0f} [{e.lower:,.0f}, {e.upper:,.0f}], "
            f"R-hat {e.diagnostics['rhat']:.3f}"
        )


def _figures() -> None:
    kosovo = read_table(DATA / "kosovo_4lists.csv")
    spina = read_table(DATA / "madigan_york_3lists.csv")
    five = read_table(DATA / "madigan_york_5lists.csv")
    grid = np.arange(1, 301)
    rows = []
    e = dga(spina, DgaSettings(delta=1, prior=negative_binomial_prior(13.14, 55.17), grid=grid))
    probs = "/".join(f"{m['probability']:.3f}" for m in e.diagnostics["models"][:4])
    rows.append(("spina bifida dga δ=1, NB prior: 2.5/50/97.5 %", "682/731/797",
                 f"{e.lower:.0f}/{e.median:.0f}/{e.upper:.0f}"))  # fmt: skip
    rows.append(("  model probabilities", "0.374/0.310/0.282/0.035", probs))
    rows.append(("  averaged Bayes est., mode, mean", "731.1, 728, 733.5",
                 f"{e.diagnostics['bayes_estimate']:.1f}, {e.diagnostics['mode']:.0f}, "
                 f"{e.diagnostics['mean']:.1f}"))  # fmt: skip
    e = dga(spina, DgaSettings(delta=1 / 8, grid=grid))
    rows.append(
        (
            "spina bifida dga δ=1/8, 1/N",
            "694/731/786",
            f"{e.lower:.0f}/{e.median:.0f}/{e.upper:.0f}",
        )
    )
    e = dga(five, DgaSettings(delta=0.5, grid=grid))
    top = e.diagnostics["models"][0]["probability"]
    rows.append(("five lists dga δ=0.5: quantiles, mean, mode, top p",
                 "588/616/655, 617.8, 614, 0.217",
                 f"{e.lower:.0f}/{e.median:.0f}/{e.upper:.0f}, {e.diagnostics['mean']:.1f}, "
                 f"{e.diagnostics['mode']:.0f}, {top:.3f}"))  # fmt: skip
    e = dga(kosovo, DgaSettings(delta=1 / 16, grid=np.arange(0, 40_001, 10)))
    rows.append(("Kosovo dga δ=1/16: quantiles, top p", "9830/12590/16540, 0.986",
                 f"{e.lower:.0f}/{e.median:.0f}/{e.upper:.0f}, "
                 f"{e.diagnostics['models'][0]['probability']:.3f}"))  # fmt: skip
    main = fit_model(kosovo, Model())
    best = loglinear(kosovo)
    assert main is not None
    rows.append(("Kosovo log-linear main effects N̂", "7,393–7,395", f"{main.n_hat:,.1f}"))
    rows.append(("Kosovo log-linear AIC best N̂, AIC", "14,341.66, 161.3176",
                 f"{best.median:,.2f}, {best.diagnostics['aic']:.4f}"))  # fmt: skip
    d12 = fit_model(spina, Model(((0, 1),)))
    assert d12 is not None
    rows.append(("spina bifida log-linear d1×d2 N̂", "730.93", f"{d12.n_hat:.2f}"))
    for seed in (1, 2, 3):
        e = lcmcr(kosovo, LcmcrSettings(chains=1, seed=seed))
        rows.append((f"Kosovo LCMCR seed {seed}: median, 2.5 %, 97.5 %",
                     "[10,150–10,650], [8,350–9,300], 13,100–15,800",
                     f"{e.median:,.0f}, {e.lower:,.0f}, {e.upper:,.0f}"))  # fmt: skip
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'published/reference':<34}  this code")
    for name, published, ours in rows:
        print(f"{name:<{width}}  {published:<34}  {ours}")


def _coverage() -> None:
    estimators = [
        ("LCMCR", lambda t: lcmcr(t, COVERAGE_LCMCR), REPLICATES),
        ("dga", dga, REPLICATES),
        ("log-linear AIC", loglinear, LOGLINEAR_REPLICATES),
    ]
    for label, design, reference in (
        ("Manrique-Vallier design", MANRIQUE_VALLIER, "reference LCMCR 0.95"),
        ("rarely-listed design (KNOWN FAILURE MODE)", RARELY_LISTED, "reference LCMCR 0.72"),
    ):
        for name, estimator, replicates in estimators:
            started = time.perf_counter()
            c = coverage(design, estimator, replicates, seed=1000)
            print(
                f"coverage, {label}, {name}: {c.covered}/{c.replicates} = {c.share:.2f} "
                f"({reference}); median of medians {c.median_of_medians:,.0f} (true 2,000), "
                f"mean width {c.mean_width:,.0f}; {time.perf_counter() - started:.0f} s"
            )


def _cli(*args: str, allowed: tuple[int, ...] = (0,)) -> None:
    yokuryu = Path(sys.executable).parent / "yokuryu"
    done = subprocess.run([str(yokuryu), *args], capture_output=True)
    if done.returncode not in allowed:
        raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)


def _report(label: str, result: StratumResult, deaths: int) -> None:
    for e in result.estimates:
        verdict = "covers" if e.lower <= deaths <= e.upper else "MISSES"
        share = e.diagnostics.get("linkage_share_of_variance")
        extra = f", linkage {share:.0%} of variance" if share is not None else ""
        print(f"  {label:<34} n={result.observed_n:>6,}  {e.estimator:<14} {e.median:>9,.0f} "
              f"[{e.lower:>9,.0f}, {e.upper:>9,.0f}]  {verdict} {deaths:,}{extra}")  # fmt: skip


def _missed_links(facts: list, truth: dict[int, str], share: float) -> StratumResult:
    """Linkage averaging over E2E_SAMPLES linkages that each miss a share of the links:
    a record split off its person (the error the cross-script lists make most)."""
    runs = []
    for i in range(E2E_SAMPLES):
        rng = np.random.default_rng([99, i])
        split = {r: (f"split-{r}" if rng.random() < share else p) for r, p in truth.items()}
        strata = registry_strata(facts, split, "deaths", "all", {})
        runs.append(estimate_strata(strata, with_seed(E2E_SETTINGS, i)))
    return average_over_linkages(runs)[0]


def _print_end_to_end(report: EndToEnd) -> None:
    for c in report.coverage:
        verdict = "covers" if c.covers else "MISSES"
        print(f"  {c.linkage:<34} n={c.observed_n:>6,}  {c.estimator:<14} {c.median:>9,.0f} "
              f"[{c.lower:>9,.0f}, {c.upper:>9,.0f}]  {verdict} {c.truth:,}")  # fmt: skip
    for source, counts in report.scope.items():
        print(f"  scope {source.split(':')[-1]:<20} " +
              ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))  # fmt: skip
    for check in report.linkage:
        print(
            f"  linkage {check.linkage:<18} persons counted {check.persons:,}; joining more "
            f"than one true person {check.merged:,}; true dead split {check.split:,}"
        )
    for note in report.notes:
        print(f"  note: {note}")


def _end_to_end(scenario: str, folder: Path) -> None:
    sim, archive = folder / "sim", folder / "archive"
    started = time.perf_counter()
    _cli("simulate", "--persons", str(E2E_PERSONS), "--seed", "7", "--scenario", scenario,
         "--noise", "clean", "--out", str(sim))  # fmt: skip
    _cli("init", "--archive", str(archive))
    _cli("ingest", "--manifest", str(sim / "manifest.json"), "--archive", str(archive))
    # Exit 3: the run's checks failed; it is not live, but its samples are written.
    _cli("link", "--archive", str(archive), "--samples", str(E2E_SAMPLES), allowed=(0, 3))
    prepared = time.perf_counter() - started
    conn = open_existing(archive)
    started = time.perf_counter()
    report = end_to_end(conn, archive, sim, E2E_SETTINGS)
    print(f"{scenario}: {E2E_PERSONS:,} persons, true deaths {report.truth.deaths:,}, link run "
          f"{report.link_status} (simulate+ingest+link {prepared:.0f} s, estimates "
          f"{time.perf_counter() - started:.0f} s)")  # fmt: skip
    _print_end_to_end(report)
    facts, _ = linked_records(conn, None)
    missed = _missed_links(facts, report.truth.linkage, 0.05)
    _report("truth, 5 % links missed ×10", missed, report.truth.deaths)


def run() -> None:
    _speed()
    _figures()
    _coverage()
    if E2E_PERSONS:
        for scenario in ("soviet-records", "nimmo"):
            with tempfile.TemporaryDirectory() as folder:
                try:
                    _end_to_end(scenario, Path(folder))
                except subprocess.CalledProcessError as exc:
                    print(f"{scenario}: end to end failed at {exc.cmd[0]}: "
                          f"{exc.stderr.decode(errors='replace')[-300:]}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MiB")
