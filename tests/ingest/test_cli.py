"""The CLI contract: init, ingest (files or manifest), status, export; exit codes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from yokuryu.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_init_honours_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("YOKURYU_ARCHIVE", str(tmp_path / "from-env"))
    code, out = run("init")
    assert code == 0 and (tmp_path / "from-env" / "registry.db").exists()
    assert "Created" in out


def test_samples_ingest_through_the_manifest_with_only_the_broken_rows_quarantined(
    tmp_path,
) -> None:
    archive = str(tmp_path / "a")
    run("init", "--archive", archive)
    code, out = run("ingest", "--manifest", str(SAMPLES / "manifest.json"), "--archive", archive)
    assert code == 0, out
    code, out = run("status", "--archive", archive, "--json")
    by_source = {row["source"]: row for row in json.loads(out)}
    cards = by_source["Registration cards, camp No. 7 Taishet (sample)"]
    # the sample cards hold four deliberately broken rows: no name, a duplicate card
    # number and a ragged row are quarantined; 31.02.1946 is kept with the date emptied
    assert (cards["records"], cards["quarantined"], cards["field_problems"]) == (21, 3, 1)
    deaths = by_source["Death register, camp No. 7 Taishet (sample)"]
    assert (deaths["records"], deaths["quarantined"]) == (10, 1)
    assert sum(row["quarantined"] for row in by_source.values()) == 4
    assert {row["batches"] for row in by_source.values()} == {1}


def test_reimport_says_so_and_changes_nothing(tmp_path) -> None:
    archive = str(tmp_path / "a")
    run("init", "--archive", archive)
    args = [
        "ingest",
        str(SAMPLES / "unit_roster.csv"),
        "--mapping",
        str(SAMPLES / "unit_roster.yaml"),
    ]
    run(*args, "--archive", archive)
    code, out = run(*args, "--archive", archive)
    assert code == 0 and "already imported as batch 1; nothing changed" in out


def test_unusable_file_exits_non_zero_with_one_sentence(tmp_path) -> None:
    archive = str(tmp_path / "a")
    run("init", "--archive", archive)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = CliRunner().invoke(
        main,
        [
            "ingest",
            str(empty),
            "--mapping",
            str(SAMPLES / "unit_roster.yaml"),
            "--archive",
            archive,
        ],
    )
    assert result.exit_code == 2
    assert "empty.csv is empty" in result.output
    assert "Traceback" not in result.output


def test_ingest_without_init_tells_what_to_run(tmp_path) -> None:
    result = CliRunner().invoke(main, ["status", "--archive", str(tmp_path / "none")])
    assert result.exit_code == 2 and "yokuryu init" in result.output


def test_encoding_flag_overrides_the_mapping(tmp_path) -> None:
    archive = str(tmp_path / "a")
    run("init", "--archive", archive)
    copy = tmp_path / "cards.csv"
    shutil.copy(SAMPLES / "soviet_cards_camp7.csv", copy)
    mapping = str(SAMPLES / "soviet_cards_camp7.yaml")
    result = CliRunner().invoke(
        main,
        ["ingest", str(copy), "--mapping", mapping, "--encoding", "utf-8", "--archive", archive],
    )
    assert result.exit_code == 2 and "looks like cp1251" in result.output


def test_export_every_format(tmp_path) -> None:
    archive = str(tmp_path / "a")
    run("init", "--archive", archive)
    run("ingest", "--manifest", str(SAMPLES / "manifest.json"), "--archive", archive)
    for fmt in ("csv", "jsonl", "parquet"):
        out = tmp_path / f"records.{fmt}"
        code, text = run(
            "export", "--what", "records", "--format", fmt, "--out", str(out), "--archive", archive
        )
        assert code == 0 and "Wrote 78 records rows" in text
    table = pq.read_table(tmp_path / "records.parquet")
    assert table.num_rows == 78 and "raw_json" in table.column_names
    out = tmp_path / "q.jsonl"
    run(
        "export",
        "--what",
        "quarantine",
        "--format",
        "jsonl",
        "--out",
        str(out),
        "--archive",
        archive,
    )
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 4
    assert all(json.loads(row["reasons_json"]) for row in rows)


def test_places_finds_by_camp_number_in_three_scripts(tmp_path) -> None:
    archive = str(tmp_path / "a")
    run("init", "--archive", archive)
    for query in ("лагерь № 7", "第7収容所", "第七収容所", "camp 7", "Camp No. 7"):
        code, out = run("places", query, "--archive", archive, "--json")
        names = [p["name_en"] for p in json.loads(out)]
        assert code == 0 and names[0] == "Taishet", query


def test_places_finds_by_name_in_any_script(tmp_path) -> None:
    archive = str(tmp_path / "a")
    run("init", "--archive", archive)
    for query in ("Находка", "ナホトカ", "nakhodka", "Nahodka"):
        _, out = run("places", query, "--archive", archive, "--json")
        assert json.loads(out)[0]["name_en"] == "Nakhodka", query


def test_a_refused_file_does_not_stop_the_others(tmp_path) -> None:
    archive = str(tmp_path / "a")
    run("init", "--archive", archive)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    roster = str(SAMPLES / "unit_roster.csv")
    result = CliRunner().invoke(
        main,
        [
            "ingest",
            str(empty),
            roster,
            str(tmp_path / "missing.csv"),
            "--mapping",
            str(SAMPLES / "unit_roster.yaml"),
            "--archive",
            archive,
        ],
    )
    assert result.exit_code == 2
    assert "empty.csv is empty" in result.output and "missing.csv does not exist" in result.output
    assert "unit_roster.csv" in result.output
    _, out = run("status", "--archive", archive, "--json")
    assert [row["records"] for row in json.loads(out)] == [21]


@pytest.mark.slow
def test_decisions_and_links_export_through_the_cli(tmp_path) -> None:
    archive = str(tmp_path / "a")
    run("init", "--archive", archive)
    run("ingest", "--manifest", str(SAMPLES / "manifest.json"), "--archive", archive)
    code, out = run("link", "--archive", archive)
    assert code == 0, out
    review = CliRunner().invoke(main, ["review", "--archive", archive], input="a same man\nq\n")
    assert review.exit_code == 0, review.output
    labels = tmp_path / "labels.csv"
    code, out = run(
        "export",
        "--what",
        "decisions",
        "--format",
        "csv",
        "--out",
        str(labels),
        "--archive",
        archive,
    )
    with open(labels, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert code == 0 and len(rows) == 1 and float(rows[0]["clerical_match_score"]) == 1.0
    links = tmp_path / "links.parquet"
    run(
        "export",
        "--what",
        "links",
        "--format",
        "parquet",
        "--out",
        str(links),
        "--archive",
        archive,
    )
    assert pq.read_table(links).num_rows == 78
