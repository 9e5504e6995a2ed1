"""One 20,000-person run per scenario, shared by every simulate test (session scope)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yokuryu.simulate import SimulationResult, simulate

SCENARIOS = ("soviet-records", "mhlw", "nimmo")
PERSONS = 20_000
SEED = 11


@pytest.fixture(scope="session")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SimulationResult]:
    out = tmp_path_factory.mktemp("simulated")
    return {
        name: simulate(PERSONS, SEED, name, out / name, noise="typical", report=True)
        for name in SCENARIOS
    }


@pytest.fixture(params=SCENARIOS)
def run(request: pytest.FixtureRequest, runs: dict[str, SimulationResult]) -> SimulationResult:
    return runs[request.param]


def file_path(result: SimulationResult, name: str) -> Path:
    return result.out_dir / name
