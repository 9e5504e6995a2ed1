"""Person ids stay stable across runs; merges and splits leave a history."""

from __future__ import annotations

from yokuryu.link.persons import assign_ids


def test_the_same_clusters_keep_the_same_ids() -> None:
    old = {1: "P00000001", 2: "P00000001", 3: "P00000003"}
    got = assign_ids({1: 1, 2: 1, 3: 3}, old, set(old.values()))
    assert got.of_record == old and got.history == []


def test_ids_survive_a_relabelled_cluster() -> None:
    old = {1: "PX", 2: "PX", 3: "PY"}
    got = assign_ids({1: 10, 2: 10, 3: 30}, old, {"PX", "PY"})
    assert got.of_record == old


def test_a_merge_keeps_the_larger_id_and_records_the_other() -> None:
    old = {1: "PA", 2: "PA", 3: "PB"}
    got = assign_ids({1: 1, 2: 1, 3: 1}, old, {"PA", "PB"})
    assert set(got.of_record.values()) == {"PA"}
    assert got.history == [("PB", "PA", "merged")]


def test_a_split_gives_the_smaller_part_a_new_id() -> None:
    old = {1: "PA", 2: "PA", 3: "PA"}
    got = assign_ids({1: 1, 2: 1, 3: 3}, old, {"PA"})
    assert got.of_record[1] == got.of_record[2] == "PA"
    assert got.of_record[3] not in {"PA"} and got.history == []


def test_new_ids_never_reuse_a_retired_one() -> None:
    got = assign_ids({8: 8}, {}, {"P00000008"})
    assert got.of_record[8] != "P00000008"
