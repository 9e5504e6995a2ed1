"""`yokuryu link`: standardise, score, cluster, check, persist, go live.

Every run has an id and a folder ``<archive>/runs/<id>/`` holding the standardised
records, the trained model (Splink JSON), the scored pairs, the clusters, the metrics and
Splink's match-weight and waterfall charts. It goes live only when its checks pass.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from yokuryu.link import decisions, queue, runs
from yokuryu.link.clusters import (
    ATTACH_THRESHOLD,
    DEFAULT_THRESHOLD,
    cluster,
    lowest_link,
    split_oversized,
)
from yokuryu.link.errors import NoRecords, UnknownSource
from yokuryu.link.persons import assign_ids, person_rows
from yokuryu.link.samples import draw_samples
from yokuryu.link.scoring import Scored, score
from yokuryu.link.standardise import standardise_records
from yokuryu.link.standardise_pool import standardise_all
from yokuryu.link.vetoes import chain_vetoes
from yokuryu.store import open_existing, transaction
from yokuryu.store.audit import now_utc, write_audit

# Kinds of list that name a man at most once (he landed once, a roster lists a soldier
# once, the Soviet death register writes one death): two records of one such list are
# never one person. Soviet cards (one per camp) and the ministry's death list (which
# repeats men) are not among them.
ONCE_PER_MAN_KINDS = frozenset({"jp_landing", "jp_roster", "soviet_death"})
# One man has at most a dozen or so records (several Soviet cards, death lists, landing).
MAX_CLUSTER = 20
# Share of persons that may be split for being oversized before the run is rejected (a
# model that chains namesakes everywhere is broken; one chain in 600,000 is not).
MAX_SPLIT_SHARE = 0.001
Progress = Callable[[str], None]


@dataclass
class LinkOptions:
    engine: str = "duckdb"
    threshold: float = DEFAULT_THRESHOLD
    # A record left alone joins a person on a link this likely (see clusters.cluster).
    attach: float = ATTACH_THRESHOLD
    max_cluster: int = MAX_CLUSTER
    samples: int = 0
    new_source: str | None = None
    trained: dict[str, Any] | None = None
    charts: bool = True
    seed: int = 0


@dataclass
class LinkResult:
    run_id: str
    status: str
    metrics: dict[str, Any]
    checks: dict[str, Any]
    folder: Path
    samples: list[Path] = field(default_factory=list)


def _quiet(_: str) -> None:
    return None


def _records_table(
    conn: sqlite3.Connection, archive: Path, opts: LinkOptions
) -> tuple[pa.Table, pa.Table | None, dict[str, Any] | None]:
    """(standardised records, the live run's pairs to keep, the model to reuse)."""
    if opts.new_source is None:
        return standardise_all(conn), None, opts.trained
    row = conn.execute("SELECT id FROM source WHERE name = ?", (opts.new_source,)).fetchone()
    if row is None:
        raise UnknownSource(
            f"The archive has no list named {opts.new_source!r}; see `yokuryu status`."
        )
    live = runs.require_live(conn)
    folder = runs.run_folder(conn, archive, live)
    old = pq.read_table(folder / "records.parquet")
    known = set(old.column("unique_id").to_pylist())
    new = standardise_records(conn, "WHERE r.source_id = ?", (row[0],))
    new = new.filter(
        pc.invert(pc.is_in(new.column("unique_id"), pa.array(sorted(known), pa.int64())))
    )
    table = pa.concat_tables([
        old.append_column("is_new", pa.array([False] * old.num_rows)),
        new.append_column("is_new", pa.array([True] * new.num_rows)),
    ])  # fmt: skip
    trained = opts.trained or json.loads((folder / "model.json").read_text(encoding="utf-8"))
    return table, pq.read_table(folder / "pairs.parquet"), trained


def _pairs_kept(scored: Scored, old_pairs: pa.Table | None) -> pa.Table:
    pairs = scored.pairs
    if old_pairs is None:
        return pairs
    common = [c for c in old_pairs.column_names if c in pairs.column_names]
    return pa.concat_tables(
        [old_pairs.select(common), pairs.select(common)], promote_options="permissive"
    )


def once_lists(table: pa.Table) -> dict[int, str]:
    """Record → its list, for the records of lists that name a man at most once."""
    cols = (table.column(c).to_pylist() for c in ("unique_id", "kind", "source"))
    return {r: s for r, k, s in zip(*cols, strict=True) if k in ONCE_PER_MAN_KINDS}


def _links(pairs: pa.Table) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The scored pairs as arrays: left ids, right ids, match probabilities."""
    return (
        np.asarray(pairs.column("unique_id_l"), np.int64),
        np.asarray(pairs.column("unique_id_r"), np.int64),
        np.asarray(pairs.column("match_probability"), np.float64),
    )


def _cluster(
    conn: sqlite3.Connection, table: pa.Table, pairs: pa.Table, opts: LinkOptions
) -> tuple[dict[int, int], list[int]]:
    """Records → clusters, with any oversized cluster split (and the split ones' labels)."""
    must, cannot = decisions.constraints(conn)
    once = once_lists(table)
    links = _links(pairs)
    cannot = [*cannot, *chain_vetoes(table, *links, lowest_link(opts.threshold, opts.attach))]
    clusters = cluster(table.column("unique_id").to_pylist(), *links, opts.threshold, must,
                       cannot, once, opts.attach)  # fmt: skip
    return split_oversized(clusters, links, opts.max_cluster, must, cannot, once)


def run_checks(
    conn: sqlite3.Connection,
    clusters: dict[int, int],
    records: list[int],
    max_cluster: int,
    split: list[int],
) -> dict[str, Any]:
    """The checks a run must pass before it goes live. A few persons of more records than
    one man has (chains of namesakes) are split at stricter thresholds and listed; more
    than ``MAX_SPLIT_SHARE`` of them, or one that cannot be split, rejects the run."""
    sizes = Counter(clusters.values())
    oversized = sorted(c for c, n in sizes.items() if n > max_cluster)
    _, cannot = decisions.constraints(conn)
    broken = [p for p in cannot if p[0] in clusters and clusters[p[0]] == clusters.get(p[1])]
    checks = {
        "every_record_once": len(clusters) == len(records) == len(set(records)),
        "largest_cluster": max(sizes.values()) if sizes else 0,
        "oversized_clusters": oversized[:50],
        "oversized_count": len(oversized),
        "split_clusters": split[:50],
        "split_count": len(split),
        "max_cluster": max_cluster,
        "non_match_decisions_broken": broken[:50],
    }
    too_many_split = len(split) > MAX_SPLIT_SHARE * len(sizes)
    checks["passed"] = bool(
        checks["every_record_once"] and not oversized and not too_many_split and not broken
    )
    return checks


def _write_artefacts(folder: Path, table: pa.Table, scored: Scored, pairs: pa.Table,
                     clusters: dict[int, int]) -> None:  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "charts").mkdir(exist_ok=True)
    pq.write_table(table.drop_columns([c for c in ("is_new",) if c in table.column_names]),
                   folder / "records.parquet")  # fmt: skip
    pq.write_table(pairs, folder / "pairs.parquet")
    (folder / "model.json").write_text(json.dumps(scored.model, indent=1), encoding="utf-8")
    for name, html in scored.charts.items():
        (folder / "charts" / f"{name}.html").write_text(html, encoding="utf-8")
    ids = sorted(clusters)
    pq.write_table(pa.table({"record_id": pa.array(ids, pa.int64()),
                             "cluster": pa.array([clusters[i] for i in ids], pa.int64())}),
                   folder / "clusters.parquet")  # fmt: skip


def go_live(
    conn: sqlite3.Connection, run_id: str, clusters: dict[int, int], pairs: pa.Table,
    metrics: dict[str, Any], checks: dict[str, Any], actor: str,
) -> dict[int, str]:  # fmt: skip
    """Replace the live persons by this run's in one transaction; returns record → person."""
    persons = assign_ids(clusters, runs.old_assignment(conn), runs.ids_ever_used(conn))
    prob = _link_probability(pairs, persons.of_record)
    rows = person_rows(conn, persons.of_record, run_id)
    decided = set(decisions.in_force(conn))
    threshold = runs.run_threshold(conn, run_id)
    review = queue.queue_rows(
        pairs,
        persons.of_record,
        decided,
        run_id,
        prob,
        queue.REVIEW_LOW if threshold is None else threshold,
    )
    with transaction(conn):
        conn.execute("UPDATE link_run SET status = 'superseded' WHERE status = 'live'")
        conn.execute("DELETE FROM person_record")
        conn.execute("DELETE FROM person")
        conn.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany(
            "INSERT INTO person_record (record_id, person_id, run_id, match_probability) "
            "VALUES (?, ?, ?, ?)",
            [(r, p, run_id, prob.get(r)) for r, p in persons.of_record.items()],
        )
        conn.executemany(
            "INSERT INTO person_id_history (old_id, new_id, run_id, reason, at) "
            "VALUES (?, ?, ?, ?, ?)",
            [(o, n, run_id, why, now_utc()) for o, n, why in persons.history],
        )
        queue.fill_queue(conn, review)
        conn.execute(
            "UPDATE link_run SET status = 'live', finished_at = ?, metrics_json = ?, "
            "checks_json = ? WHERE id = ?",
            (now_utc(), json.dumps(metrics), json.dumps(checks), run_id),
        )
        write_audit(conn, actor, "link.live", run_id, {"persons": len(rows)})
    return persons.of_record


def _link_probability(pairs: pa.Table, person_of: dict[int, str]) -> dict[int, float]:
    """Each record's strongest link to another record of its person."""
    best: dict[int, float] = {}
    rows = zip(pairs.column("unique_id_l").to_pylist(), pairs.column("unique_id_r").to_pylist(),
               pairs.column("match_probability").to_pylist(), strict=True)  # fmt: skip
    for left, right, p in rows:
        if person_of.get(left) == person_of.get(right):
            for r in (left, right):
                best[r] = max(best.get(r, 0.0), p)
    return best


def run_link(archive: Path, actor: str, opts: LinkOptions | None = None,
             progress: Progress = _quiet) -> LinkResult:  # fmt: skip
    """Link every record of the archive (or a new list against the live persons).

    Raises:
        NoRecords: the archive holds no records.
        UnknownSource, RunNotFound: ``new_source`` is not a list, or no run is live.
    """
    opts = opts or LinkOptions()
    conn = open_existing(archive)
    try:
        return _run(conn, archive, actor, opts, progress)
    finally:
        conn.close()


def _run(conn: sqlite3.Connection, archive: Path, actor: str, opts: LinkOptions,
         progress: Progress) -> LinkResult:  # fmt: skip
    if conn.execute("SELECT count(*) FROM record").fetchone()[0] == 0:
        raise NoRecords(
            "The archive holds no records to link; load lists with `yokuryu ingest` first."
        )
    run_id = runs.new_run_id()
    settings = {"threshold": opts.threshold, "attach": opts.attach,
                "new_source": opts.new_source, "engine": opts.engine,
                "max_cluster": opts.max_cluster, "samples": opts.samples}  # fmt: skip
    runs.start_run(conn, run_id, opts.engine, opts.threshold, settings, actor)
    try:
        return _stages(conn, archive, run_id, actor, opts, progress)
    except BaseException:
        runs.finish_run(conn, run_id, "failed")
        raise
    finally:
        gc.unfreeze()


def _stages(conn: sqlite3.Connection, archive: Path, run_id: str, actor: str, opts: LinkOptions,
            progress: Progress) -> LinkResult:  # fmt: skip
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        timings[name] = round(time.perf_counter() - clock, 2)
        clock = time.perf_counter()
        progress(name)

    table, old_pairs, trained = _records_table(conn, archive, opts)
    lap("standardise")
    labels = decisions.labels_table(conn)
    scored = score(table, opts.engine, labels, trained, only_new=opts.new_source is not None,
                   charts=opts.charts)  # fmt: skip
    pairs = _pairs_kept(scored, old_pairs)
    lap("score")
    timings |= {f"score.{k}": v for k, v in scored.timings.items()}
    # Clustering and persisting make millions of small objects; the millions alive now
    # (the name engine's caches) are left out of garbage collection until the run ends,
    # or every full collection walks them again (a third of the clustering's time). The
    # scoring's own cycles (Splink's linker, holding DuckDB's tables) are collected first.
    gc.collect()
    gc.freeze()
    records = table.column("unique_id").to_pylist()
    clusters, split = _cluster(conn, table, pairs, opts)
    lap("cluster")
    folder = runs.artefacts_dir(archive, run_id)
    _write_artefacts(folder, table, scored, pairs, clusters)
    checks = run_checks(conn, clusters, records, opts.max_cluster, split)
    probability = np.asarray(pairs.column("match_probability"))
    metrics = {"records": len(records), "comparisons": scored.comparisons,
               "pairs_kept": pairs.num_rows, "persons": len(set(clusters.values())),
               "links_at_threshold": int(np.sum(probability >= opts.threshold)),
               "timings_s": timings}  # fmt: skip
    (folder / "metrics.json").write_text(json.dumps({**metrics, "checks": checks}, indent=1))
    status = "rejected"
    if checks["passed"]:
        go_live(conn, run_id, clusters, pairs, metrics, checks, actor)
        status = "live"
    else:
        runs.finish_run(conn, run_id, "rejected", metrics, checks)
    lap("persist")
    sample_paths = _samples(conn, folder, table, pairs, opts) if opts.samples else []
    return LinkResult(run_id, status, metrics, checks, folder, sample_paths)


def _samples(conn: sqlite3.Connection, folder: Path, table: pa.Table, pairs: pa.Table,
             opts: LinkOptions) -> list[Path]:  # fmt: skip
    must, cannot = decisions.constraints(conn)
    records = table.column("unique_id").to_pylist()
    # Any kept link may be drawn: contradictions two links apart through any of them.
    cannot = [*cannot, *chain_vetoes(table, *_links(pairs), 0.0)]
    return draw_samples(folder, records, pairs, opts.samples, must, cannot, opts.seed,
                        once_lists(table), opts.attach)  # fmt: skip
