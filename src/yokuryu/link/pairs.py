"""The blocked pairs, made from the block keys in one DuckDB query.

Splink makes the pairs of an exploded rule (``arrays_to_explode``) by unnesting a copy of
every record, with all its columns, once per list entry: on a large archive that copy is
most of the blocking's time and memory. Here every rule's keys go into one long table of
(record, rule, key) — a list key gives one row per entry — and a self-join on (rule,
key) yields the pairs, each once with the first rule that made it: the same pairs as
Splink's rules (the Spark agreement test checks it), for a table of three integers a
row. DuckDB only; Spark keeps Splink's own blocking.
"""

from __future__ import annotations

from typing import Any

from yokuryu.link.blocking import EXPLODED, RULES, key_column

# Where the pairs are kept, in the linker's DuckDB, until predict has scored them.
TABLE = "yokuryu_blocked_pairs"
# Splink looks its blocked pairs up in its table cache under this name.
SPLINK_CACHE_KEY = "__splink__blocked_id_pairs"


def _keys_sql(records: str, only_new: bool) -> str:
    """(unique_id, rule, key, is_new) for every block key of every record."""
    new = "is_new" if only_new else "FALSE"
    parts = []
    for i, rule in enumerate(RULES):
        col = key_column(rule)
        parts.append(
            f"SELECT unique_id, {i}::UTINYINT AS rule, {col} AS key, {new} AS is_new "
            f"FROM {records} WHERE {col} IS NOT NULL"
        )
    for i, rule in enumerate(EXPLODED, start=len(RULES)):
        col = key_column(rule)
        parts.append(
            f"SELECT unique_id, {i}::UTINYINT AS rule, unnest({col}) AS key, {new} AS is_new "
            f"FROM {records} WHERE {col} IS NOT NULL"
        )
    return " UNION ALL ".join(parts)


def pairs_sql(records: str, only_new: bool = False) -> str:
    """SQL of (match_key, join_key_l, join_key_r): each blocked pair once, smaller id on
    the left, with the index of the first rule that blocks it (Splink's columns; the rule
    as a one-byte integer, not Splink's text: half the bytes of a pair)."""
    new = " AND (l.is_new OR r.is_new)" if only_new else ""
    return (
        f"WITH keys AS ({_keys_sql(records, only_new)}) "
        "SELECT min(l.rule) AS match_key, l.unique_id AS join_key_l, "
        "r.unique_id AS join_key_r FROM keys l JOIN keys r "
        f"ON l.rule = r.rule AND l.key = r.key AND l.unique_id < r.unique_id{new} "
        "GROUP BY l.unique_id, r.unique_id"
    )


def block(linker: Any, only_new: bool = False) -> Any:
    """Make the blocked pairs in the linker's DuckDB and hand them to its predict.

    Returns the pairs as a Splink frame (drop it after predict). They go into Splink's
    table cache where its own blocking would have put them, so predict scores them as
    it scores its own.
    """
    api = linker._db_api
    (records,) = linker._input_tables_dict.values()
    sql = pairs_sql(records.physical_name, only_new)
    api._con.execute(f"CREATE OR REPLACE TABLE {TABLE} AS {sql}").fetchall()
    frame = api.table_to_splink_dataframe(SPLINK_CACHE_KEY, TABLE)
    frame.created_by_splink = True  # on Splink's behalf: it may drop it
    linker._intermediate_table_cache[SPLINK_CACHE_KEY] = frame
    return frame
