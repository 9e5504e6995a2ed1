"""Standardise a large archive on every core: the records split into ranges of ids, one
range in this process and one in each worker process, each opening the registry itself.

Standardising is Python per record (the name engine's caches, dates, units), so on a
large archive it is the longest stage before Splink starts; ranges of ids are
independent, and the tables come back in id order.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from pathlib import Path

import pyarrow as pa

from yokuryu.link.standardise import standardise_records

# Below this many records one process is quicker than starting others.
MIN_PARALLEL_RECORDS = 100_000


def _range(path: str, low: int, high: int) -> pa.Table:
    """The standardised records with ``low <= id < high`` (in a worker process)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return standardise_records(conn, "WHERE r.id >= ? AND r.id < ?", (low, high))
    finally:
        conn.close()


def _bounds(conn: sqlite3.Connection, parts: int) -> list[int]:
    """Record ids splitting the archive into ``parts`` ranges of about equal size."""
    (count,) = conn.execute("SELECT count(*) FROM record").fetchone()
    cuts = [
        conn.execute("SELECT id FROM record ORDER BY id LIMIT 1 OFFSET ?", (count * i // parts,))
        for i in range(1, parts)
    ]
    (last,) = conn.execute("SELECT max(id) FROM record").fetchone()
    return [0, *(int(c.fetchone()[0]) for c in cuts), int(last) + 1]


def _registry_path(conn: sqlite3.Connection) -> str:
    return next(str(row[2]) for row in conn.execute("PRAGMA database_list") if row[1] == "main")


def _context() -> mp.context.BaseContext:
    """Fork where there is fork: a spawned worker imports the caller's main module again,
    and a script that calls ``run_link`` without an ``if __name__ == "__main__"`` guard
    would run again in it. The forked worker only reads SQLite and runs Python."""
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def standardise_all(conn: sqlite3.Connection, workers: int | None = None) -> pa.Table:
    """Every record of the archive standardised (as ``standardise_records(conn)``), on
    ``workers`` processes in all (default: one per core)."""
    workers = workers or os.cpu_count() or 1
    (count,) = conn.execute("SELECT count(*) FROM record").fetchone()
    path = _registry_path(conn)
    if workers < 2 or count < MIN_PARALLEL_RECORDS or not Path(path).is_file():
        return standardise_records(conn)
    bounds = _bounds(conn, workers)
    ranges = list(pairwise(bounds))
    with ProcessPoolExecutor(workers - 1, mp_context=_context()) as pool:
        others = [pool.submit(_range, path, low, high) for low, high in ranges[1:]]
        first = standardise_records(conn, "WHERE r.id >= ? AND r.id < ?", ranges[0])
        return pa.concat_tables([first, *(f.result() for f in others)])
