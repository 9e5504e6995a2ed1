"""`yokuryu estimate`: the command's contract (JSON, errors, figure, registry)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from yokuryu.cli import main
from yokuryu.store import open_existing

from .conftest import DATA
from .registry_data import insert_persons, persons_from_counts
from .test_registry import COUNTS_1946, LISTS

QUICK = ["--chains", "2", "--burnin", "300", "--draws", "100", "--thinning", "2"]


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["estimate", *args])


def test_table_json_gives_each_estimator_with_its_interval() -> None:
    result = invoke("--table", str(DATA / "madigan_york_3lists.csv"), "--json", *QUICK)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    (stratum,) = out["strata"]
    assert stratum["observed_n"] == 626
    by_name = {e["estimator"]: e for e in stratum["estimates"]}
    assert set(by_name) == {"lcmcr", "dga", "loglinear_aic"}
    assert (by_name["dga"]["lower"], by_name["dga"]["upper"]) == (694, 786)
    for e in by_name.values():
        assert e["lower"] <= e["median"] <= e["upper"] and e["level"] == 0.95


def test_bad_table_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b,c,count\n1,0,0,1.5\n0,1,0,2\n0,0,1,3\n", encoding="utf-8")
    result = invoke("--table", str(path))
    assert result.exit_code == 2
    assert "row 2, column count: '1.5'" in result.output


def test_without_table_or_quantity_the_command_says_what_to_give() -> None:
    result = invoke()
    assert result.exit_code == 2
    assert "Give --table FILE, or --quantity deaths|held" in result.output


def test_registry_run_draws_estimates_beside_published_claims(
    archive: Path, tmp_path: Path
) -> None:
    insert_persons(
        open_existing(archive), persons_from_counts(LISTS, COUNTS_1946, "1946-02-10", "a")
    )
    figure = tmp_path / "deaths.svg"
    result = invoke(
        "--quantity", "deaths", "--by", "period", "--archive", str(archive),
        "--estimator", "dga", "--figure", str(figure), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["stored_rows"] == 1
    assert any("Nimmo" in c["who"] for c in out["published_claims"])
    svg = figure.read_text(encoding="utf-8")
    assert "<svg" in svg and "Nimmo" in svg and "dga (this run, 1946)" in svg


def test_human_output_shows_refusals_and_notes(archive: Path) -> None:
    persons = persons_from_counts(LISTS[:2], {(1, 0): 5, (0, 1): 4, (1, 1): 2}, "1946-01-01", "x")
    insert_persons(open_existing(archive), persons)
    result = invoke("--quantity", "deaths", "--archive", str(archive), "--estimator", "dga")
    assert result.exit_code == 2
    assert "Only 2 list(s) hold deaths records in scope" in result.output
