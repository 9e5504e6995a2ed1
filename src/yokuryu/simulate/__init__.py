"""The internment as a model: a calibrated simulation of the camp system and the archives
it left, with the truth kept so that linkage and estimation can be measured.

Public API::

    from yokuryu.simulate import simulate
    result = simulate(persons=20_000, seed=7, scenario="mhlw", out_dir="sim", noise="typical")
    result.manifest_path   # feed to `yokuryu ingest --manifest`
    result.truth_dir       # persons.parquet, stays.parquet, records.parquet
"""

from __future__ import annotations

from yokuryu.simulate.noise import LEVELS, NoiseLevel
from yokuryu.simulate.run import SimulationError, SimulationResult, simulate
from yokuryu.simulate.scenario import Scenario, ScenarioError, available_scenarios, load_scenario

__all__ = [
    "LEVELS",
    "NoiseLevel",
    "Scenario",
    "ScenarioError",
    "SimulationError",
    "SimulationResult",
    "available_scenarios",
    "load_scenario",
    "simulate",
]
