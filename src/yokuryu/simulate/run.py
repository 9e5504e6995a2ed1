"""One simulation run: build the world, write every archive, its mapping, the manifest,
the truth and (optionally) the calibration report."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yokuryu.errors import YokuryuError
from yokuryu.simulate.archives.base import ArchiveTable
from yokuryu.simulate.archives.inquiries import inquiries
from yokuryu.simulate.archives.japanese import maizuru_landings, mhlw_deaths, unit_rosters
from yokuryu.simulate.archives.soviet import soviet_cards, soviet_deaths
from yokuryu.simulate.noise import NoiseLevel, noise_level
from yokuryu.simulate.scenario import Scenario, load_scenario
from yokuryu.simulate.timeline import rng
from yokuryu.simulate.truth import write_truth
from yokuryu.simulate.world import World, build_world
from yokuryu.simulate.writer import Written, write_table

MIN_PERSONS = 1000
DEFAULT_PERSONS = 600_000
GENERATOR = "yokuryu.simulate 1"


class SimulationError(YokuryuError):
    """A simulation cannot be run with these settings."""


@dataclass
class SimulationResult:
    """What a run wrote: the folder, the manifest, rows per file, malformed rows per file."""

    out_dir: Path
    manifest_path: Path
    persons: int
    seed: int
    scenario: str
    noise: str
    rows: dict[str, int] = field(default_factory=dict)
    malformed: dict[str, int] = field(default_factory=dict)
    report: dict[str, Any] | None = None

    @property
    def truth_dir(self) -> Path:
        return self.out_dir / "truth"


def archive_tables(world: World) -> list[ArchiveTable]:
    """Every archive list of the world, in manifest order."""
    register = soviet_deaths(world)
    return [
        soviet_cards(world),
        register.table,
        mhlw_deaths(world, register),
        maizuru_landings(world),
        unit_rosters(world),
        inquiries(world),
    ]


def source_name(table: ArchiveTable, scenario: Scenario, seed: int, persons: int) -> str:
    return f"sim:{scenario.name}:{persons}:{seed}:{table.name}"


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def write_manifest(out_dir: Path, written: list[Written], sources: list[str], world: World) -> Path:
    files = [
        {
            "path": w.file_name,
            "mapping": w.mapping_name,
            "encoding": w.table.encoding,
            "kind": w.table.kind,
            "source": s,
            "rows": w.table.rows,
            "malformed": int((w.reasons != "").sum()),
        }
        for w, s in zip(written, sources, strict=True)
    ]
    manifest = {
        "generator": GENERATOR,
        "scenario": world.scenario.name,
        "seed": world.seed,
        "persons": world.size,
        "noise": world.noise.name,
        "files": files,
        "truth": {
            "persons": "truth/persons.parquet",
            "stays": "truth/stays.parquet",
            "records": "truth/records.parquet",
        },
        "parameters": world.scenario.raw,
    }
    path = out_dir / "manifest.json"
    text = json.dumps(manifest, ensure_ascii=False, indent=2, default=_json_default)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def simulate(
    persons: int = DEFAULT_PERSONS,
    seed: int = 1,
    scenario: str | Path = "mhlw",
    out_dir: str | Path = "simulated",
    noise: str | NoiseLevel = "typical",
    report: bool = False,
) -> SimulationResult:
    """Simulate ``persons`` people under a scenario and write their archives to ``out_dir``.

    The same persons, seed, scenario and noise give byte-identical files.

    Raises:
        SimulationError: fewer than 1,000 persons or an unknown noise level.
        ScenarioError: the scenario file is unusable (the message names the key).
    """
    if persons < MIN_PERSONS:
        raise SimulationError(f"--persons must be at least {MIN_PERSONS:,}, got {persons:,}")
    try:
        level = noise if isinstance(noise, NoiseLevel) else noise_level(noise)
    except ValueError as exc:
        raise SimulationError(str(exc)) from exc
    chosen = load_scenario(scenario)
    world = build_world(chosen, persons, seed, level)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    tables = archive_tables(world)
    sources = [source_name(t, chosen, seed, persons) for t in tables]
    gen = rng(seed, "malformed")
    written = [write_table(t, folder, s, gen, level) for t, s in zip(tables, sources, strict=True)]
    write_truth(world, written, sources, folder / "truth")
    manifest = write_manifest(folder, written, sources, world)
    result = SimulationResult(
        out_dir=folder,
        manifest_path=manifest,
        persons=persons,
        seed=seed,
        scenario=chosen.name,
        noise=level.name,
        rows={w.file_name: w.table.rows for w in written},
        malformed={w.file_name: int((w.reasons != "").sum()) for w in written},
    )
    if report:
        from yokuryu.simulate.calibration import calibrate, write_report

        result.report = calibrate(world, written)
        write_report(result.report, folder)
    return result
