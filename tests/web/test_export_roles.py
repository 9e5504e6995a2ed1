"""`yokuryu export --role`: the command line's exports through the web's privacy layer."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from yokuryu.cli import main

PUBLIC_RECORDS = {1, 2, 3, 4, 5, 8, 9}  # of P-SATO, P-TANAKA, P-TAKAHASHI, P-TAKAHASHI2
ALL_RECORDS = PUBLIC_RECORDS | {6, 7}  # P-SUZUKI is restricted, P-YAMAMOTO may be alive


def _export(site, tmp_path, *args: str):  # type: ignore[no-untyped-def]
    out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}.csv"
    result = CliRunner().invoke(main, ["export", "--archive", str(site), "--out", str(out), *args])
    return result, out


def _rows(path) -> list[dict]:  # type: ignore[no-untyped-def]
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_local_operator_exports_everything_as_before(site, tmp_path):
    result, out = _export(site, tmp_path)
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert {int(r["record_id"]) for r in rows} == ALL_RECORDS
    assert any("Sato Fumiko" in r["notes"] for r in rows)


@pytest.mark.parametrize("role", ["public", "researcher"])
def test_a_lower_role_gets_what_the_web_shows_it(site, tmp_path, role):
    everything = _rows(_export(site, tmp_path)[1])
    result, out = _export(site, tmp_path, "--role", role)
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert {int(r["record_id"]) for r in rows} == PUBLIC_RECORDS
    assert set(rows[0]) == set(everything[0]) - {"notes", "problems_json"}
    text = out.read_text(encoding="utf-8")
    for private in ("Sato Fumiko", "宮城県仙台市", "留守宅", "鈴木", "山本"):
        assert private not in text, private
    raw = {int(r["record_id"]): json.loads(r["raw_json"]) for r in rows}
    if role == "public":
        assert all(value == {} for value in raw.values())
    else:
        assert raw[1]["unit_note"] == "第12大隊", "a researcher keeps the raw row's other columns"


@pytest.mark.parametrize("what", ["quarantine", "decisions", "links"])
def test_archivists_material_is_refused_for_lower_roles(site, tmp_path, what):
    result, out = _export(site, tmp_path, "--role", "public", "--what", what)
    assert result.exit_code != 0 and "for archivists" in result.output
    assert not out.exists()


def test_parquet_for_a_lower_role(site, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "public.parquet"
    result = CliRunner().invoke(main, ["export", "--archive", str(site), "--role", "public",
                                       "--format", "parquet", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert set(pq.read_table(out).column("record_id").to_pylist()) == PUBLIC_RECORDS
