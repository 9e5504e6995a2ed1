"""Calibration: every required figure met, and the figures recomputed from the truth files
agree with the scenario (an oracle independent of the report's own code)."""

from __future__ import annotations

import datetime as dt

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from yokuryu.simulate import SimulationResult, load_scenario


def test_every_required_figure_is_met(run: SimulationResult) -> None:
    assert run.report is not None
    failed = [m["label"] for m in run.report["metrics"] if m["required"] and not m["ok"]]
    assert failed == []
    assert run.report["all_required_ok"] is True


def test_report_files_carry_sources_and_tolerances(run: SimulationResult) -> None:
    markdown = (run.out_dir / "calibration.md").read_text("utf-8")
    assert "| figure | simulated | published | tolerance | met | source |" in markdown
    assert run.report is not None
    for metric in run.report["metrics"]:
        assert metric["source"], metric["label"]
        assert metric["low"] <= metric["published"] <= metric["high"], metric["label"]


def _fates(run: SimulationResult) -> dict[str, int]:
    persons = pq.read_table(run.truth_dir / "persons.parquet", columns=["fate"])
    counts = pc.value_counts(persons["fate"]).to_pylist()
    return {c["values"]: c["counts"] for c in counts}


def test_fate_totals_from_truth_match_the_scenario(run: SimulationResult) -> None:
    scenario = load_scenario(run.scenario)
    factor = run.persons / scenario.value("population.held")
    fates = _fates(run)
    assert sum(fates.values()) == run.persons
    for fate in ("dead", "missing", "sent_back", "to_prc"):
        expected = scenario.value(f"fates.{fate}") * factor
        assert abs(fates.get(fate, 0) - expected) <= 1, fate


def test_first_winter_is_the_worst(run: SimulationResult) -> None:
    persons = pq.read_table(run.truth_dir / "persons.parquet", columns=["fate", "fate_date"])
    dead = persons.filter(pc.equal(persons["fate"], "dead"))["fate_date"].to_pylist()
    winter = sum(d <= dt.date(1946, 5, 31) for d in dead)
    assert winter / len(dead) == pytest.approx(0.8, abs=0.04)
    years = [d.year for d in dead]
    assert years.count(1946) > years.count(1947) > years.count(1949)


def test_last_group_lands_on_26_december_1956(run: SimulationResult) -> None:
    persons = pq.read_table(
        run.truth_dir / "persons.parquet", columns=["repatriation_date", "ship", "convicted"]
    )
    last = persons.filter(pc.equal(persons["repatriation_date"], dt.date(1956, 12, 26)))
    scale = run.persons / load_scenario(run.scenario).value("population.held")
    assert last.num_rows == round(1025 * scale)
    assert set(last["ship"].to_pylist()) == {"興安丸"}
    assert all(last["convicted"].to_pylist())


def test_no_sailing_while_nakhodka_is_frozen(run: SimulationResult) -> None:
    persons = pq.read_table(run.truth_dir / "persons.parquet", columns=["repatriation_date"])
    dates = [d for d in persons["repatriation_date"].to_pylist() if d is not None]
    frozen = [d for d in dates if dt.date(1947, 12, 6) <= d <= dt.date(1948, 4, 30)]
    assert frozen == []
