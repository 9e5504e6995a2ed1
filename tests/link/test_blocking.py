"""Capped blocking keys: which pairs of records meet, computed in DuckDB once per record."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from yokuryu.link import blocking

_COLUMNS: dict[str, pa.DataType] = {
    "unique_id": pa.int64(),
    "fam_c": pa.string(),
    "giv_c": pa.string(),
    "fam_c_all": pa.list_(pa.string()),
    "giv_c_all": pa.list_(pa.string()),
    "fam_k_all": pa.list_(pa.string()),
    "giv_k_all": pa.list_(pa.string()),
    "fa_c": pa.string(),
    "birth_year": pa.int64(),
    "birth_date": pa.date32(),
    "unit": pa.string(),
    "death_lo": pa.int64(),
    "death_place": pa.string(),
    "home_day": pa.int64(),
}


def _records(*names: tuple[str | None, str | None]) -> pa.Table:
    """Records with only their coarse name keys known (no year, unit or father)."""
    rows: list[dict[str, Any]] = [
        {"unique_id": i + 1, "fam_c": fam, "giv_c": giv,
         "fam_c_all": [fam] if fam else None, "giv_c_all": [giv] if giv else None}
        for i, (fam, giv) in enumerate(names)
    ]  # fmt: skip
    return pa.Table.from_pylist(rows, schema=pa.schema(_COLUMNS))


def _one_edit_keys(table: pa.Table, cap: int = blocking.MAX_BLOCK) -> list[set[int]]:
    keyed = blocking.with_block_keys(table, cap)
    return [set(keys or []) for keys in keyed.column("bk_one_edit").to_pylist()]


def _meet(keys: list[set[int]], a: int, b: int) -> bool:
    return bool(keys[a] & keys[b])


def test_one_letter_miswritten_in_one_part_meets() -> None:
    keys = _one_edit_keys(_records(("yamata", "kiyasi"), ("yarata", "kiyasi")))
    assert _meet(keys, 0, 1)


def test_a_letter_lost_or_added_meets() -> None:
    keys = _one_edit_keys(_records(("kitamura", "sahura"), ("kitamra", "sahura")))
    assert _meet(keys, 0, 1)


def test_swapped_parts_with_one_letter_miswritten_meet() -> None:
    keys = _one_edit_keys(_records(("inae", "hasimu"), ("hasiru", "inae")))
    assert _meet(keys, 0, 1)


def test_two_letters_apart_or_both_parts_miswritten_do_not_meet_by_this_rule() -> None:
    keys = _one_edit_keys(
        _records(("yamata", "kiyasi"), ("yarasa", "kiyasi"), ("yarata", "kiyosi"))
    )
    assert not _meet(keys, 0, 1)
    assert not _meet(keys, 0, 2)


def test_a_missing_part_gives_no_key() -> None:
    keys = _one_edit_keys(_records(("yamata", None), ("yamata", None)))
    assert keys == [set(), set()]


def test_a_key_shared_by_more_records_than_the_cap_blocks_nothing() -> None:
    table = _records(("sata", "kiyasi"), ("sata", "kiyasi"), ("sata", "kiyasu"))
    assert _meet(_one_edit_keys(table), 0, 2)
    capped = _one_edit_keys(table, cap=2)
    assert _meet(capped, 0, 1)  # "sata|kiyasi": two records
    assert not _meet(capped, 0, 2)  # "sata|kiyas": three, above the cap


def test_blocked_sql_agrees_with_the_keys() -> None:
    import duckdb

    keyed = blocking.with_block_keys(_records(("yamata", "kiyasi"), ("yarata", "kiyasi")))
    con = duckdb.connect()
    con.register("recs", keyed)
    blocked = con.execute(
        f"SELECT {blocking.blocked_sql()} FROM recs l JOIN recs r "
        "ON l.unique_id = 1 AND r.unique_id = 2"
    ).fetchone()
    assert blocked == (True,)


def _folded_keys(*names: tuple[list[str], list[str]]) -> list[set[int]]:
    rows = [{"unique_id": i + 1, "fam_k_all": fam, "giv_k_all": giv}
            for i, (fam, giv) in enumerate(names)]  # fmt: skip
    keyed = blocking.with_block_keys(pa.Table.from_pylist(rows, schema=pa.schema(_COLUMNS)))
    return [set(keys or []) for keys in keyed.column("bk_folded_pairs").to_pylist()]


def test_both_parts_misread_meet_on_their_folded_keys() -> None:
    from yokuryu.link.cursive import fold

    card = ([fold("Сугал")], [fold("Шаики")])
    kanji = ([fold("Сугаи"), fold("Канъи")], [fold("Таики"), fold("Мотоки")])
    other = ([fold("Сугаи")], [fold("Харуо")])
    keys = _folded_keys(card, kanji, other)
    assert _meet(keys, 0, 1)
    assert not _meet(keys, 0, 2)


def test_swapped_parts_meet_on_their_folded_keys() -> None:
    keys = _folded_keys((["сугаи"], ["иаики"]), (["иаики"], ["сугаи"]))
    assert _meet(keys, 0, 1)


def test_a_common_folded_name_still_meets_within_its_birth_years() -> None:
    rows = [{"unique_id": i + 1, "fam_k_all": ["саие"], "giv_k_all": ["киеии"], "birth_year": year}
            for i, year in enumerate((1920, 1921, 1935, 1950))]  # fmt: skip
    keyed = blocking.with_block_keys(pa.Table.from_pylist(rows, schema=pa.schema(_COLUMNS)), cap=2)
    pairs = [set(keys or []) for keys in keyed.column("bk_folded_pairs").to_pylist()]
    assert pairs == [set()] * 4  # four records share it: above the cap
    banded = [set(a or []) | set(b or []) for a, b in zip(
        keyed.column("bk_folded_y0").to_pylist(), keyed.column("bk_folded_y1").to_pylist(),
        strict=True)]  # fmt: skip
    assert _meet(banded, 0, 1)
    assert not _meet(banded, 0, 2)


def test_a_card_and_the_landing_of_its_voyage_meet_on_one_name_part() -> None:
    # A card closed "repatriated" two days before the landing, its given name garbled
    # beyond the fuzzy keys; 200 namesakes (same surname) went home in other months.
    rows = [{"unique_id": 1, "fam_c": "sata", "giv_c": "hirasi", "fam_c_all": ["sata"],
             "giv_c_all": ["hirasi"], "home_day": 54_000},
            {"unique_id": 2, "fam_c": "sata", "giv_c": "kuxuru", "fam_c_all": ["sata"],
             "giv_c_all": ["kuxuru"], "home_day": 53_998}]  # fmt: skip
    rows += [{"unique_id": 3 + i, "fam_c": "sata", "giv_c": f"g{i}", "fam_c_all": ["sata"],
              "giv_c_all": [f"g{i}"], "home_day": 52_000 + 30 * i} for i in range(200)]  # fmt: skip
    keyed = blocking.with_block_keys(pa.Table.from_pylist(rows, schema=pa.schema(_COLUMNS)))
    voyage = [
        set(keyed.column(f"bk_voyage_{b}").to_pylist()[i] or []) for b in "01" for i in (0, 1)
    ]
    assert (voyage[0] & voyage[1]) or (voyage[2] & voyage[3])
    # Men who went home in other months are not in the block.
    others = set().union(*(keyed.column("bk_voyage_0").to_pylist()[2:]))
    assert not voyage[0] & others
