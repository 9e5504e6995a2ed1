"""A simulated archive goes through `yokuryu ingest --manifest`: every valid row becomes a
record, and only the deliberately malformed rows are quarantined, each with its reason."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from yokuryu.archive import init_archive
from yokuryu.cli import main
from yokuryu.simulate import LEVELS, SimulationResult, simulate
from yokuryu.simulate.noise import TYPICAL_KINDS

# What the ingest says for each kind of malformed row the simulator makes.
EXPECTED_REASON = {
    "ragged_row": "fields, the header has",
    "no_name": "no name",
    "duplicate_ref": "duplicate ref",
    "missing_required:death_date": "death_date",
    "missing_required:repatriation_date": "repatriation_date",
    "undecodable": "not valid",
}
# Undecodable bytes are left out here: see test_undecodable_rows_are_quarantined.
WITHOUT_UNDECODABLE = dataclasses.replace(LEVELS["harsh"], malformed_kinds=TYPICAL_KINDS)


def _ingest(result: SimulationResult, archive: Path) -> None:
    init_archive(archive, actor="tester")
    outcome = CliRunner().invoke(
        main, ["ingest", "--manifest", str(result.manifest_path), "--archive", str(archive)]
    )
    assert outcome.exit_code == 0, outcome.output


def _quarantined(archive: Path) -> dict[tuple[str, int], str]:
    with sqlite3.connect(archive / "registry.db") as conn:
        rows = conn.execute(
            "SELECT s.name, q.row_number, q.reasons_json FROM quarantine q "
            "JOIN source s ON s.id = q.source_id"
        ).fetchall()
    return {
        (name, row): " ".join(r["reason"] for r in json.loads(reasons))
        for name, row, reasons in rows
    }


def _malformed(result: SimulationResult) -> dict[tuple[str, int], str]:
    truth = pq.read_table(result.truth_dir / "records.parquet").to_pylist()
    return {(t["source"], t["row_number"]): t["malformed"] for t in truth if t["malformed"]}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[SimulationResult, Path]:
    folder = tmp_path_factory.mktemp("roundtrip")
    result = simulate(4000, 3, "mhlw", folder / "sim", WITHOUT_UNDECODABLE)
    archive = folder / "archive"
    _ingest(result, archive)
    return result, archive


def test_only_the_malformed_rows_are_quarantined(ingested: tuple[SimulationResult, Path]) -> None:
    result, archive = ingested
    quarantined, malformed = _quarantined(archive), _malformed(result)
    assert len(malformed) >= 20
    assert set(quarantined) == set(malformed)
    for key, kind in malformed.items():
        assert EXPECTED_REASON[kind] in quarantined[key], (key, kind, quarantined[key])


def test_a_default_run_loads_whole(tmp_path: Path) -> None:
    result = simulate(2000, 9, "soviet-records", tmp_path / "sim")
    _ingest(result, tmp_path / "archive")
    assert set(_quarantined(tmp_path / "archive")) == set(_malformed(result))


def test_every_other_row_is_a_record(ingested: tuple[SimulationResult, Path]) -> None:
    result, archive = ingested
    with sqlite3.connect(archive / "registry.db") as conn:
        records = conn.execute("SELECT count(*) FROM record").fetchone()[0]
        emptied = conn.execute(
            "SELECT s.kind, count(*) FROM record r JOIN source s ON s.id = r.source_id "
            "WHERE r.problems_json IS NOT NULL AND r.problems_json NOT IN ('', '[]') "
            "GROUP BY s.kind"
        ).fetchall()
    assert records == sum(result.rows.values()) - sum(result.malformed.values())
    # Only the families' vague birth years ("c. 1921") may be left unread.
    assert {kind for kind, _ in emptied} <= {"inquiry"}


def test_dates_are_read_in_every_native_form(ingested: tuple[SimulationResult, Path]) -> None:
    _, archive = ingested
    with sqlite3.connect(archive / "registry.db") as conn:
        deaths = conn.execute(
            "SELECT count(*), count(death_date) FROM record r JOIN source s "
            "ON s.id = r.source_id WHERE s.kind IN ('soviet_death', 'mhlw_death')"
        ).fetchone()
        landings = conn.execute(
            "SELECT count(birth_date), count(*) FROM record r JOIN source s "
            "ON s.id = r.source_id WHERE s.kind = 'jp_landing'"
        ).fetchone()
    assert deaths[0] == deaths[1] > 0
    assert landings[0] > 0.8 * landings[1]


def test_undecodable_rows_are_quarantined(tmp_path: Path) -> None:
    result = simulate(2000, 3, "mhlw", tmp_path / "sim", "harsh")
    _ingest(result, tmp_path / "archive")
    assert set(_quarantined(tmp_path / "archive")) == set(_malformed(result))
