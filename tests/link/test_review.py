"""The terminal review queue, decisions as append-only data, and the exports."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.link.conftest import Linked
from yokuryu.archive import init_archive
from yokuryu.cli import main
from yokuryu.link import decide, export_decisions, export_links, in_force, undo_last
from yokuryu.link.errors import ReviewError

pytestmark = pytest.mark.slow
LABEL_COLUMNS = ["source_dataset_l", "unique_id_l", "source_dataset_r", "unique_id_r",
                 "clerical_match_score"]  # fmt: skip


def _review(archive: Path, keys: str, user: str = "archivist") -> str:
    outcome = CliRunner().invoke(main, ["review", "--archive", str(archive)], input=keys,
                                 env={"YOKURYU_USER": user})  # fmt: skip
    assert outcome.exit_code == 0, outcome.output
    return outcome.output


def _decisions(archive: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(archive / "registry.db") as conn:
        return conn.execute("SELECT record_id_l, record_id_r, verdict, actor, reason, supersedes "
                            "FROM decision ORDER BY id").fetchall()  # fmt: skip


def test_review_appends_verdicts_with_who_and_why(copy_of: Path) -> None:
    output = _review(copy_of, "a same man, transfer card\ns\nr different father\nu\nq\n")
    rows = _decisions(copy_of)
    assert [r[2] for r in rows] == ["match", "non_match", "unsure"]
    assert [r[4] for r in rows] == ["same man, transfer card", "different father", None]
    assert all(r[3] == "archivist" for r in rows)
    assert "3 decision(s) recorded" in output and "std fam" in output


def test_review_shows_both_records_in_their_own_script(copy_of: Path) -> None:
    output = _review(copy_of, "q\n")
    assert "match probability" in output
    assert any(ch in output for ch in "アイウエオカキクケコ佐藤田中山") or any(
        "\u0400" <= ch <= "\u04ff" for ch in output
    )


def test_undo_brings_the_pair_back_to_the_queue(copy_of: Path) -> None:
    _review(copy_of, "a\nq\n")
    first = _decisions(copy_of)[0]
    _review(copy_of, "z\nq\n")
    rows = _decisions(copy_of)
    assert rows[-1][2] == "undo" and rows[-1][5] is not None
    with sqlite3.connect(copy_of / "registry.db") as conn:
        assert (first[0], first[1]) not in in_force(conn)
    assert f"record {first[0]} ↔ record {first[1]}" in _review(copy_of, "q\n")


def test_decisions_cannot_be_edited_or_deleted(copy_of: Path, linked: Linked) -> None:
    with sqlite3.connect(copy_of / "registry.db") as conn:
        decide(conn, 1, 2, "match", "archivist", "")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE decision SET verdict = 'non_match'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM decision")


def test_a_changed_verdict_supersedes_and_undo_restores_the_one_before(copy_of: Path) -> None:
    with sqlite3.connect(copy_of / "registry.db") as conn:
        first = decide(conn, 5, 3, "match", "a", "")
        decide(conn, 3, 5, "non_match", "a", "second look")
        assert in_force(conn)[(3, 5)].verdict == "non_match"
        undo_last(conn, "a")
        assert in_force(conn)[(3, 5)].id == first
        undo_last(conn, "a")
        assert (3, 5) not in in_force(conn)
        with pytest.raises(ReviewError):
            undo_last(conn, "a")


def test_decisions_export_in_splinks_labels_format(copy_of: Path, tmp_path: Path) -> None:
    with sqlite3.connect(copy_of / "registry.db") as conn:
        decide(conn, 1, 2, "match", "a", "same")
        decide(conn, 3, 4, "non_match", "a", "")
        decide(conn, 5, 6, "unsure", "a", "")
        count = export_decisions(conn, tmp_path / "labels.csv", "csv")
    rows = list(csv.DictReader((tmp_path / "labels.csv").open(encoding="utf-8")))
    assert count == 3 and list(rows[0])[:5] == LABEL_COLUMNS
    assert [float(r["clerical_match_score"]) for r in rows] == [1.0, 0.0, 0.5]
    assert rows[0]["source_dataset_l"].startswith("sim:") and rows[0]["unique_id_l"] == "1"


def test_links_export_names_source_ref_and_person(linked: Linked, tmp_path: Path) -> None:
    with sqlite3.connect(linked.archive / "registry.db") as conn:
        count = export_links(conn, tmp_path / "links.csv", "csv")
        records = conn.execute("SELECT count(*) FROM record").fetchone()[0]
    rows = list(csv.DictReader((tmp_path / "links.csv").open(encoding="utf-8")))
    assert count == records == len(rows)
    assert set(rows[0]) == {"source", "ref", "record_id", "person_id", "run_id"}
    assert rows[0]["run_id"] == linked.first.run_id


def test_the_link_command_on_an_empty_archive_says_what_to_do(tmp_path: Path) -> None:
    init_archive(tmp_path / "a", actor="t")
    outcome = CliRunner().invoke(main, ["link", "--archive", str(tmp_path / "a")])
    assert outcome.exit_code == 2 and "yokuryu ingest" in outcome.output


def test_review_without_a_live_run_says_what_to_do(tmp_path: Path) -> None:
    init_archive(tmp_path / "a", actor="t")
    outcome = CliRunner().invoke(main, ["review", "--archive", str(tmp_path / "a")])
    assert outcome.exit_code == 2 and "yokuryu link" in outcome.output
