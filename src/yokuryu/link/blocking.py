"""Blocking keys with a cap on block size: comparisons grow with the records, not their square.

Each blocking rule is a list of key expressions over one record (phonetic name keys, a
birth-year band, the unit, …). Its key is computed once per record, in DuckDB, as a hash
of those values — and left NULL when one of them is missing or when more than
``MAX_BLOCK`` records share the value. A pair is compared when any rule's keys are equal.

Why a cap: names follow a Zipf law (one man in fifty is a Kiyoshi, one in fifty a Satō),
so a block such as "same family and given name" holds thousands of records on a large
archive and its pairs grow with the square of the archive. Agreement on a key that
thousands share is no evidence on its own: the model needs the other fields, so the more
specific rules (the same key with a birth-year band, the unit, the father's name) compare
those records. Every rule's comparisons are then at most ``MAX_BLOCK / 2`` per record.

A birth year is off by one in about a fifth of true pairs (stated ages), so years enter
as two bands, ``year // 2`` and ``(year + 1) // 2``: two years one apart share at least
one band. Family and given name enter as an unordered pair, so a record with the parts
swapped meets its twin in the same block.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from yokuryu.link.engine import duckdb_connection

# Records sharing one block key, above which the key blocks nothing.
MAX_BLOCK = 60

_NAMES = ("least(fam_c, giv_c)", "greatest(fam_c, giv_c)")
_Y0 = "birth_year // 2"
_Y1 = "(birth_year + 1) // 2"
# The day he left for home in 4-day bands, two offset by 2: days up to 2 apart share one.
_V0 = "home_day // 4"
_V1 = "(home_day + 2) // 4"

# Rule name → key expressions (SQL over one standardised record).
RULES: dict[str, tuple[str, ...]] = {
    "names": _NAMES,
    "names_y0": (*_NAMES, _Y0),
    "names_y1": (*_NAMES, _Y1),
    "names_unit": (*_NAMES, "unit"),
    "names_father": (*_NAMES, "fa_c"),
    "fam_y0": ("fam_c", _Y0),
    "fam_y1": ("fam_c", _Y1),
    "fam_unit": ("fam_c", "unit"),
    # A common surname (Satō is hundreds of men in a division at 600,000 persons) with its
    # given name garbled: narrowed by unit and birth-year band.
    "fam_y0_unit": ("fam_c", _Y0, "unit"),
    "fam_y1_unit": ("fam_c", _Y1, "unit"),
    "fam_father": ("fam_c", "fa_c"),
    "giv_y0_unit": ("giv_c", _Y0, "unit"),
    "giv_y1_unit": ("giv_c", _Y1, "unit"),
    "giv_father_y0": ("giv_c", "fa_c", _Y0),
    "giv_father_fam2": ("giv_c", "fa_c", "left(fam_c, 2)"),
    "giv_year_fam1": ("giv_c", "birth_year", "left(fam_c, 1)"),
    "giv_fam3": ("giv_c", "left(fam_c, 3)", _Y0),
    "prefix2_y0": ("left(fam_c, 2)", "left(giv_c, 2)", _Y0),
    "prefix2_y1": ("left(fam_c, 2)", "left(giv_c, 2)", _Y1),
    "suffix3_y0": ("right(fam_c, 3)", "right(giv_c, 3)", _Y0),
    "suffix3_y1": ("right(fam_c, 3)", "right(giv_c, 3)", _Y1),
    "suffix3_unit": ("right(fam_c, 3)", "right(giv_c, 3)", "unit"),
    # A card and the landing of its voyage with both name parts garbled past the keys:
    # the same unit and birth year on one voyage are a handful of men.
    "voyage_unit_0": (_V0, "unit", "birth_year"),
    "voyage_unit_1": (_V1, "unit", "birth_year"),
    "birth_date": ("birth_date",),
    "death_year": ("death_lo", "birth_year"),
    "death_place": ("death_lo", "death_place"),
}
# Keys that only bound the blocks EM trains on (see model.EM_BLOCKS); they make no pairs.
TRAINING: dict[str, tuple[str, ...]] = {
    "train_giv_year": ("giv_c", "birth_year"),
    "train_fam_year": ("fam_c", "birth_year"),
}
# Exploded rules: one key per reading candidate of either name part (kanji names have
# several readings, Cyrillic ones several kana parses; parts may be swapped), with the
# extra values; ``pairs`` keys unordered pairs of candidates instead of single ones.
_CANDIDATES = "list_distinct(list_concat(coalesce(fam_c_all, []), coalesce(giv_c_all, [])))"


def _deletions(key: str) -> str:
    """The key and every string one character shorter: two keys one substitution,
    insertion or deletion apart share one of them (symmetric-deletion neighbourhoods)."""
    shorter = f"list_transform(range(length({key})), lambda i: {key}[1:i] || {key}[i + 2:])"
    return f"list_concat([{key}], {shorter})"


def _with_other(variants: str, other: str) -> str:
    """Unordered pairs of each variant with the other part's key (swapped parts meet)."""
    return f"list_transform({variants}, lambda v: least(v, {other}) || '|' || greatest(v, {other}))"


# A Cyrillic part miswritten by one letter (Ялада for Ямада) when no birth year or unit
# is there to narrow the other rules: one part exact, the other within one edit.
_ONE_EDIT = (
    "CASE WHEN fam_c IS NOT NULL AND giv_c IS NOT NULL THEN "
    f"list_distinct(list_concat({_with_other(_deletions('fam_c'), 'giv_c')}, "
    f"{_with_other(_deletions('giv_c'), 'fam_c')})) END"
)


def _part_pairs(family: str, given: str, first: int) -> str:
    """Unordered pairs of each of the first ``first`` family keys with each given key."""
    return (
        f"flatten(list_transform({family}[1:{first}], lambda f: list_transform("
        f"{given}[1:{first}], lambda g: least(f, g) || '|' || greatest(f, g))))"
    )


# Both parts after folding cursive look-alikes (see yokuryu.link.cursive): a card whose
# two parts were both misread (Сугал Шаики for Сугаи Таики) meets the Japanese record.
_FOLDED_PAIRS = _part_pairs("fam_k_all", "giv_k_all", 2)
# Every family-name reading with every given-name reading (unordered, first four each):
# 加藤 正 is Kato Tadashi as well as Kato Akira, and a card's Като Тадаси meets it with
# the birth year where the common pair alone is capped.
_READING_PAIRS = _part_pairs("fam_c_all", "giv_c_all", 4)
# Exploded rules: rule → (list of values per record, pairs of values?, extra values).
EXPLODED: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "cand_pairs": (_CANDIDATES, True, ()),
    "cand_y0": (_CANDIDATES, False, (_Y0,)),
    "cand_y1": (_CANDIDATES, False, (_Y1,)),
    "cand_unit": (_CANDIDATES, False, ("unit",)),
    "one_edit": (_ONE_EDIT, False, ()),
    "folded_pairs": (_FOLDED_PAIRS, False, ()),
    # On a large archive the two rules above are capped for every common name (Сато
    # Киёси is hundreds of men at 600,000 persons): the same keys with a birth-year band
    # or the unit stay under the cap there.
    "one_edit_y0": (_ONE_EDIT, False, (_Y0,)),
    "one_edit_y1": (_ONE_EDIT, False, (_Y1,)),
    "folded_y0": (_FOLDED_PAIRS, False, (_Y0,)),
    "folded_y1": (_FOLDED_PAIRS, False, (_Y1,)),
    "folded_unit": (_FOLDED_PAIRS, False, ("unit",)),
    "readings_y0": (_READING_PAIRS, False, (_Y0,)),
    "readings_y1": (_READING_PAIRS, False, (_Y1,)),
    # One voyage home: a card closed "repatriated" and the landing days later (see
    # model.HOME_VOYAGE_DAYS) share a band of the day, with either name part's reading:
    # the other part may be garbled beyond the fuzzy keys, and a 4-day band holds a few
    # thousand men, a surname's share of them under the cap.
    "voyage_0": (_CANDIDATES, False, (_V0,)),
    "voyage_1": (_CANDIDATES, False, (_V1,)),
}


def key_column(rule: str) -> str:
    return f"bk_{rule}"


def _hash(values: str) -> str:
    return f"(hash({values}) >> 1)::BIGINT"


def _hash_sql(exprs: tuple[str, ...]) -> str:
    """The hash of the values, NULL when one is missing."""
    present = " AND ".join(f"({e}) IS NOT NULL" for e in exprs)
    values = ", ".join(f"({e})" for e in exprs)
    return f"CASE WHEN {present} THEN {_hash(values)} END"


def _capped_sql(column: str, cap: int) -> str:
    """The hash when at most ``cap`` records share it. Blocks are counted on the hash (the
    key the pairs are joined on), not on the values: one integer to partition, not several
    strings, which on 1.5 million records made this stage several times slower."""
    return f"CASE WHEN count(*) OVER (PARTITION BY {column}) <= {cap} THEN {column} END"


def _exploded_sql(values_sql: str, pairs: bool, extras: tuple[str, ...], cap: int) -> str:
    """(unique_id, list of capped keys) for one exploded rule."""
    named = "".join(f", ({e}) AS x{i}" for i, e in enumerate(extras))
    present = "".join(f" AND ({e}) IS NOT NULL" for e in extras)
    rows = f"SELECT unique_id, unnest({values_sql}) AS v{named} FROM records WHERE TRUE{present}"
    if pairs:
        rows = (
            f"SELECT a.unique_id, a.v || '|' || b.v AS v FROM ({rows}) a "
            f"JOIN ({rows}) b ON a.unique_id = b.unique_id AND a.v < b.v"
        )
    values = ", ".join(["v", *(f"x{i}" for i in range(len(extras)))])
    hashed = f"SELECT unique_id, {_hash(values)} AS k FROM ({rows}) WHERE v IS NOT NULL"
    keyed = f"SELECT unique_id, k, count(*) OVER (PARTITION BY k) AS n FROM ({hashed})"
    return f"SELECT unique_id, list(k) AS keys FROM ({keyed}) WHERE n <= {cap} GROUP BY unique_id"


def add_block_keys(table: pa.Table, cap: int = MAX_BLOCK) -> pa.Table:
    """One ``bk_<rule>`` column per rule (NULL or no keys: the record is not blocked)."""
    con = duckdb_connection()
    try:
        con.register("records", table)
        scalar = RULES | TRAINING
        hashes = ", ".join(f"{_hash_sql(e)} AS {key_column(r)}" for r, e in scalar.items())
        keys = ", ".join(f"{_capped_sql(key_column(r), cap)} AS {key_column(r)}" for r in scalar)
        con.execute(
            f"CREATE TEMP TABLE scalar_keys AS SELECT unique_id, {keys} "
            f"FROM (SELECT unique_id, {hashes} FROM records)"
        )
        joins, columns = [], []
        for rule, (values_sql, pairs, extras) in EXPLODED.items():
            name = key_column(rule)
            sql = _exploded_sql(values_sql, pairs, extras, cap)
            con.execute(f"CREATE TEMP TABLE {name} AS {sql}")
            joins.append(f"LEFT JOIN {name} USING (unique_id)")
            columns.append(f"{name}.keys AS {name}")
        return con.sql(
            f"SELECT scalar_keys.*, {', '.join(columns)} FROM scalar_keys {' '.join(joins)} "
            "ORDER BY unique_id"
        ).to_arrow_table()
    finally:
        con.close()


def with_block_keys(table: pa.Table, cap: int = MAX_BLOCK) -> pa.Table:
    """``table`` (sorted by ``unique_id``) with its block-key columns appended."""
    ordered = table.sort_by("unique_id")
    keys = add_block_keys(ordered, cap)
    for name in keys.column_names[1:]:
        ordered = ordered.append_column(name, keys.column(name))
    return ordered


def blocking_rules(only_new: bool = False) -> list[Any]:
    """Splink's rules: equal keys; with ``only_new`` a pair must involve a new record."""
    new = " AND (l.is_new OR r.is_new)" if only_new else ""
    rules: list[Any] = [
        {"blocking_rule": f"l.{key_column(r)} = r.{key_column(r)}{new}", "sql_dialect": "duckdb"}
        for r in RULES
    ]
    rules += [
        {
            "blocking_rule": f"l.{key_column(r)} = r.{key_column(r)}{new}",
            "sql_dialect": "duckdb",
            "arrays_to_explode": [key_column(r)],
        }
        for r in EXPLODED
    ]
    return rules


def blocked_sql() -> str:
    """SQL true when a joined pair ``l``, ``r`` (with key columns) is compared."""
    same = [f"l.{key_column(r)} = r.{key_column(r)}" for r in RULES]
    shared = [f"list_has_any(l.{key_column(r)}, r.{key_column(r)})" for r in EXPLODED]
    return " OR ".join(f"coalesce({c}, false)" for c in same + shared)
