"""`yokuryu simulate`: run the camp-system model and write its archives and truth."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from yokuryu.errors import YokuryuError
from yokuryu.simulate.noise import LEVELS
from yokuryu.simulate.run import DEFAULT_PERSONS, SimulationResult, simulate
from yokuryu.simulate.scenario import available_scenarios


def _summary(result: SimulationResult) -> list[str]:
    lines = [
        f"Simulated {result.persons:,} people (scenario {result.scenario}, seed "
        f"{result.seed}, noise {result.noise}) into {result.out_dir}"
    ]
    for name, rows in result.rows.items():
        lines.append(f"  {name:<22} {rows:>10,} rows  {result.malformed[name]:>6,} malformed")
    lines.append(f"Load them with: yokuryu ingest --manifest {result.manifest_path}")
    if result.report is not None:
        failed = [m["label"] for m in result.report["metrics"] if m["required"] and not m["ok"]]
        verdict = "all calibration figures met" if not failed else f"NOT met: {failed}"
        lines.append(f"Calibration report: {result.out_dir / 'calibration.md'} ({verdict})")
    return lines


@click.command("simulate")
@click.option(
    "--persons",
    type=int,
    default=DEFAULT_PERSONS,
    show_default=True,
    help="How many people to simulate (at least 1,000).",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed.")
@click.option(
    "--scenario",
    default="mhlw",
    show_default=True,
    help=f"A shipped scenario ({', '.join(available_scenarios())}) or a YAML file "
    "that extends base.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the archives, manifest and truth into.",
)
@click.option(
    "--noise",
    type=click.Choice(list(LEVELS)),
    default="typical",
    show_default=True,
    help="Transcription noise and share of malformed rows.",
)
@click.option(
    "--malformed",
    type=click.FloatRange(0, 0.2),
    default=None,
    help="Share of rows made malformed on purpose (default: the noise level's).",
)
@click.option("--report", is_flag=True, help="Also write calibration.md and calibration.json.")
def simulate_command(
    persons: int,
    seed: int,
    scenario: str,
    out_dir: Path,
    noise: str,
    malformed: float | None,
    report: bool,
) -> None:
    """Simulate the camp system and the archives it left, with the truth kept.

    Example: yokuryu simulate --persons 20000 --seed 7 --scenario mhlw --out sim --report
    """
    level = LEVELS[noise]
    if malformed is not None:
        level = dataclasses.replace(level, malformed=malformed)
    try:
        result = simulate(persons, seed, scenario, out_dir, level, report)
    except YokuryuError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in _summary(result):
        click.echo(line)
