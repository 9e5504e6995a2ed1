"""The truth covers every record, and the archives agree with it."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from yokuryu.simulate import SimulationResult


def _manifest(run: SimulationResult) -> dict:
    return json.loads(run.manifest_path.read_text("utf-8"))


def _rows(run: SimulationResult, entry: dict) -> list[list[str]]:
    raw = (run.out_dir / entry["path"]).read_bytes()
    text = raw.decode(entry["encoding"], errors="replace")
    delimiter = "\t" if entry["path"].endswith(".tsv") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_manifest_lists_every_file_with_mapping_and_parameters(run: SimulationResult) -> None:
    manifest = _manifest(run)
    assert manifest["seed"] == run.seed and manifest["persons"] == run.persons
    assert manifest["scenario"] == run.scenario and manifest["noise"] == "typical"
    assert manifest["parameters"]["fates"]["dead"]["value"] > 0
    kinds = {f["kind"] for f in manifest["files"]}
    assert kinds == {
        "soviet_card",
        "soviet_death",
        "mhlw_death",
        "jp_landing",
        "jp_roster",
        "inquiry",
    }
    for entry in manifest["files"]:
        assert (run.out_dir / entry["path"]).is_file()
        assert (run.out_dir / entry["mapping"]).is_file()


def test_truth_covers_every_row_of_every_file(run: SimulationResult) -> None:
    truth = pq.read_table(run.truth_dir / "records.parquet")
    for entry in _manifest(run)["files"]:
        rows = _rows(run, entry)[1:]
        mine = truth.filter(pc.equal(truth["file"], entry["path"]))
        assert mine.num_rows == len(rows) == entry["rows"]
        refs = mine["ref"].to_pylist()
        assert [r[0] for r in rows] == refs
        assert mine["row_number"].to_pylist() == list(range(2, len(rows) + 2))


def test_every_record_points_at_a_real_person(run: SimulationResult) -> None:
    truth = pq.read_table(run.truth_dir / "records.parquet", columns=["person_id"])
    ids = truth["person_id"]
    assert pc.min(ids).as_py() >= 1 and pc.max(ids).as_py() <= run.persons


def _people_of(run: SimulationResult, kind: str) -> set[int]:
    truth = pq.read_table(run.truth_dir / "records.parquet", columns=["kind", "person_id"])
    return set(truth.filter(pc.equal(truth["kind"], kind))["person_id"].to_pylist())


def _fate_of(run: SimulationResult) -> dict[int, str]:
    persons = pq.read_table(run.truth_dir / "persons.parquet", columns=["person_id", "fate"])
    return dict(zip(persons["person_id"].to_pylist(), persons["fate"].to_pylist(), strict=True))


def test_death_lists_name_only_the_dead_and_mhlw_follows_the_soviet_register(
    run: SimulationResult,
) -> None:
    fate = _fate_of(run)
    register, mhlw = _people_of(run, "soviet_death"), _people_of(run, "mhlw_death")
    assert {fate[p] for p in register} == {"dead"}
    assert mhlw <= register  # the ministry's list was made from the Soviet register
    dead = sum(1 for f in fate.values() if f == "dead")
    assert 0 < len(register) < dead


def test_landings_are_of_men_who_came_home(run: SimulationResult) -> None:
    fate = _fate_of(run)
    assert {fate[p] for p in _people_of(run, "jp_landing")} == {"returned"}


def test_several_cards_for_men_moved_between_camps(run: SimulationResult) -> None:
    truth = pq.read_table(run.truth_dir / "records.parquet", columns=["kind", "person_id"])
    cards = truth.filter(pc.equal(truth["kind"], "soviet_card"))["person_id"]
    counts = pc.value_counts(cards).field("counts").to_pylist()
    assert max(counts) >= 3
    assert 1.1 < len(cards) / len(counts) < 1.6


def test_stays_are_ordered_and_inside_each_path(run: SimulationResult) -> None:
    stays = pq.read_table(run.truth_dir / "stays.parquet").to_pylist()
    previous = None
    for stay in stays:
        assert stay["start"] <= stay["end"]
        if previous and previous["person_id"] == stay["person_id"]:
            assert previous["start"] <= stay["start"]
        previous = stay


@pytest.mark.parametrize("column", ["family_kanji", "family_kana", "given_kanji", "given_kana"])
def test_every_person_has_names(run: SimulationResult, column: str) -> None:
    persons = pq.read_table(run.truth_dir / "persons.parquet", columns=[column])
    assert pc.min(pc.utf8_length(persons[column])).as_py() >= 1


def test_the_officers_camp_holds_only_officers(run: SimulationResult) -> None:
    persons = pq.read_table(run.truth_dir / "persons.parquet", columns=["first_camp", "rank"])
    elabuga = persons.filter(pc.equal(persons["first_camp"], "Elabuga"))["rank"].to_pylist()
    officers = {"少尉", "中尉", "大尉", "少佐", "中佐", "大佐", "少将", "中将", "大将"}
    assert elabuga and set(elabuga) <= officers
