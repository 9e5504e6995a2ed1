"""End to end on a small simulated archive: simulate → ingest → link → estimate, with
coverage of the true number of deaths reported (not required: at this size it is
a check that the pipeline runs and says what it found)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from yokuryu.estimate.endtoend import EndToEnd, Truth, end_to_end, linkage_check
from yokuryu.estimate.lcmcr import LcmcrSettings
from yokuryu.estimate.run import RunSettings
from yokuryu.estimate.scope import RecordFacts
from yokuryu.store import open_existing

QUICK = RunSettings(lcmcr=LcmcrSettings(burnin=1_000, samples=200, thinning=5, chains=2))


def _cli(*args: str) -> None:
    yokuryu = Path(sys.executable).parent / "yokuryu"
    done = subprocess.run([str(yokuryu), *args], capture_output=True, text=True)
    # exit 3: the link run failed its checks; its samples are still written
    assert done.returncode in (0, 3), done.stderr[-2000:]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> EndToEnd:
    folder = tmp_path_factory.mktemp("e2e")
    sim, archive = folder / "sim", folder / "archive"
    _cli("simulate", "--persons", "1000", "--seed", "3", "--scenario", "soviet-records",
         "--noise", "clean", "--out", str(sim))  # fmt: skip
    _cli("init", "--archive", str(archive))
    _cli("ingest", "--manifest", str(sim / "manifest.json"), "--archive", str(archive))
    _cli("link", "--archive", str(archive), "--samples", "2")
    return end_to_end(open_existing(archive), archive, sim, QUICK)


@pytest.mark.slow
def test_every_estimator_reports_whether_it_covers_the_true_deaths(report: EndToEnd) -> None:
    assert report.truth.deaths > 0
    labels = {c.linkage for c in report.coverage}
    assert {"truth", "truth, copies apart", "linkage samples"} <= labels
    for label in labels:
        rows = [c for c in report.coverage if c.linkage == label]
        assert {c.estimator for c in rows} == {"lcmcr", "dga", "loglinear_aic"}
    for c in report.coverage:
        assert c.truth == report.truth.deaths
        assert c.lower <= c.median <= c.upper
        assert c.covers == (c.lower <= c.truth <= c.upper)
        assert c.observed_n <= c.upper


@pytest.mark.slow
def test_the_truths_linkage_is_its_own_oracle(report: EndToEnd) -> None:
    truth = next(check for check in report.linkage if check.linkage == "truth")
    assert truth.merged == 0 and truth.split == 0
    observed = {c.observed_n for c in report.coverage if c.linkage == "truth"}
    assert observed == {truth.persons}
    assert truth.persons <= report.truth.deaths


@pytest.mark.slow
def test_scope_counts_every_register_death_and_no_landing(report: EndToEnd) -> None:
    registers = [s for name, s in report.scope.items() if name.endswith("soviet_deaths")]
    landings = [s for name, s in report.scope.items() if name.endswith("maizuru_landings")]
    assert registers and set(registers[0]) == {"in scope, dead"}
    assert landings and all(key.startswith("out of scope") for key in landings[0])


def _fact(record_id: int, source: str = "deaths") -> RecordFacts:
    return RecordFacts(record_id, source, "soviet_death", "1946-01-01", "Тайшет")


def test_linkage_check_counts_false_merges_and_missed_links() -> None:
    truth = Truth(3, frozenset({"a", "b", "c"}), {1: "a", 2: "a", 3: "b", 4: "c"})
    facts = [_fact(i) for i in (1, 2, 3, 4)]
    # record 2 split off a's person; b and c merged into one
    check = linkage_check("x", facts, {1: "p", 2: "q", 3: "r", 4: "r"}, truth)
    assert (check.persons, check.merged, check.split) == (3, 1, 1)
    exact = linkage_check("truth", facts, truth.linkage, truth)
    assert (exact.persons, exact.merged, exact.split) == (3, 0, 0)
