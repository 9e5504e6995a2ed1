"""`yokuryu simulate` on the command line: a run, and plain errors."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from yokuryu.cli import main


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["simulate", *args])
    return result.exit_code, result.output


def test_a_run_prints_files_and_the_ingest_command(tmp_path: Path) -> None:
    code, output = _run(
        "--persons",
        "1000",
        "--seed",
        "4",
        "--scenario",
        "soviet-records",
        "--out",
        str(tmp_path),
        "--noise",
        "clean",
        "--report",
    )
    assert code == 0, output
    assert "soviet_cards.csv" in output and "inquiries.csv" in output
    assert f"yokuryu ingest --manifest {tmp_path / 'manifest.json'}" in output
    assert "all calibration figures met" in output
    assert (tmp_path / "calibration.json").is_file()


def test_the_share_of_malformed_rows_can_be_set(tmp_path: Path) -> None:
    code, output = _run("--persons", "2000", "--out", str(tmp_path), "--malformed", "0.05")
    assert code == 0, output
    cards = re.search(r"soviet_cards.csv\s+([\d,]+) rows\s+([\d,]+) malformed", output)
    assert cards is not None
    rows, bad = (int(g.replace(",", "")) for g in cards.groups())
    assert bad == round(0.05 * rows)


def test_too_few_persons_is_refused() -> None:
    code, output = _run("--persons", "999", "--out", "x")
    assert code != 0
    assert "--persons must be at least 1,000, got 999" in output


def test_a_bad_scenario_file_is_refused_naming_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nmongolia:\n  dead: lots\n", encoding="utf-8")
    code, output = _run("--persons", "1000", "--scenario", str(bad), "--out", str(tmp_path))
    assert code != 0
    assert "mongolia.dead: must be a whole number" in output


def test_help_has_an_example() -> None:
    code, output = _run("--help")
    assert code == 0
    assert re.search(r"Example: yokuryu simulate --persons \d+", output)


def test_documentation_covers_every_option() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "simulate.md").read_text("utf-8")
    for option in ("--persons", "--seed", "--scenario", "--out", "--noise", "--report"):
        assert option in docs
    for name in (
        "simulate(",
        "SimulationResult",
        "soviet-records",
        "nimmo",
        "mhlw",
        "truth/persons.parquet",
        "truth/records.parquet",
        "manifest.json",
    ):
        assert name in docs
