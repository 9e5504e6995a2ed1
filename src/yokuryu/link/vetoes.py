"""Contradictions that keep a chain of links from joining two records.

Two Soviet cards of namesakes can each link to one landing record (cards are not once per
man), so clustering would join the two cards through it although the model, comparing
them directly, sees that one man cannot have been in both camps at once. A contradiction
(stays overlapping by more than a month, or the events: a death before a later sign of
life, a death against a homecoming) between two records linked to a common third one
becomes a cannot-link for the clustering, as a human "different men" decision is. Only
these two-link chains are checked: they are the pairs clustering would join without a
link of their own, and few enough to compare here (DuckDB over the kept links).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from yokuryu.link.engine import duckdb_connection
from yokuryu.link.model import contradiction_sql, stays_overlap_sql

# The record columns the contradictions read.
COLUMNS = ("death_lo", "death_hi", "alive_lo", "home_day", "repatriated", "stay_in", "stay_out")


def chain_vetoes(
    records: pa.Table, left: np.ndarray, right: np.ndarray, probability: np.ndarray,
    threshold: float,
) -> list[tuple[int, int]]:  # fmt: skip
    """Pairs of records, each linked at ``threshold`` or above to a common third record,
    whose own comparison is a contradiction."""
    keep = probability >= threshold
    links = pa.table({"a": left[keep], "b": right[keep]})
    con = duckdb_connection()
    try:
        con.register("links", links)
        con.register("records", records.select(["unique_id", *COLUMNS]))
        sides = ", ".join(f"l.{c} AS {c}_l, r.{c} AS {c}_r" for c in COLUMNS)
        rows = con.execute(
            "WITH edges AS (SELECT a, b FROM links UNION ALL SELECT b, a FROM links), "
            "chains AS (SELECT DISTINCT least(e.b, f.b) AS x, greatest(e.b, f.b) AS y "
            "FROM edges e JOIN edges f ON e.a = f.a AND e.b < f.b), "
            f"pairs AS (SELECT x, y, {sides} FROM chains "
            "JOIN records l ON l.unique_id = x JOIN records r ON r.unique_id = y) "
            f"SELECT x, y FROM pairs WHERE coalesce({stays_overlap_sql()}, FALSE) "
            f"OR coalesce({contradiction_sql()}, FALSE)"
        ).fetchall()
    finally:
        con.close()
    return [(int(x), int(y)) for x, y in rows]
