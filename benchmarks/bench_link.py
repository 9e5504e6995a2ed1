"""Linkage benchmark: time, peak memory and accuracy on simulated archives with their truth.

For each noise level (clean, typical, harsh) a fresh archive of PERSONS people (seed 21,
held out: the model was tuned on seed 3) is simulated, ingested and linked in a child
process (so its peak memory is its own). Reported: stage timings, peak RSS, comparisons,
blocking recall (true pairs the blocking rules generate, and those reachable through
blocked true pairs), pairwise precision/recall/F1, B-cubed precision/recall, persons found
against true persons, and cross-script pair recall (a Cyrillic list against a Japanese
one) — beside a careful generic baseline: Splink with standard comparisons on names
romanised by text-unidecode (Cyrillic) and pykakasi (kana/kanji, one reading each).

Environment: YOKURYU_BENCH_LINK_PERSONS (default 100000), YOKURYU_BENCH_LINK_LEVELS
(default "clean,typical,harsh"), YOKURYU_BENCH_LINK_BASELINE ("0" leaves the baseline
out: its name blocks grow with the square of the archive, 15 minutes at 20,000 persons).
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing as mp
import os
import resource
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

SEED = 21
FULL_SIZE = 600_000
CYRILLIC_KINDS = {"soviet_card", "soviet_death"}


def _simulate_and_ingest(persons: int, noise: str, folder: Path) -> tuple[Path, Path, float]:
    from click.testing import CliRunner

    from yokuryu.archive import init_archive
    from yokuryu.cli import main
    from yokuryu.simulate import LEVELS, simulate

    level = LEVELS[noise]
    level = dataclasses.replace(
        level, malformed_kinds=tuple(k for k in level.malformed_kinds if k != "undecodable")
    )
    result = simulate(persons, SEED, "mhlw", folder / "sim", level)
    archive = folder / "archive"
    init_archive(archive, actor="bench")
    start = time.perf_counter()
    out = CliRunner().invoke(main, ["ingest", "--manifest", str(result.manifest_path),
                                    "--archive", str(archive)])  # fmt: skip
    assert out.exit_code == 0, out.output
    return archive, result.truth_dir / "records.parquet", time.perf_counter() - start


def _true_pairs(truth: dict[int, int]) -> set[tuple[int, int]]:
    by_person: dict[int, list[int]] = {}
    for record, person in truth.items():
        by_person.setdefault(person, []).append(record)
    return {
        (a, b)
        for rs in by_person.values()
        for i, a in enumerate(sorted(rs))
        for b in sorted(rs)[i + 1 :]
    }


def _losses(
    folder: Path, truth: dict[int, int], predicted: dict[int, int], threshold: float
) -> dict[str, Any]:
    """Blocking recall, and where the true pairs the run missed were lost: not blocked,
    blocked but scored below the threshold, or scored above it but kept apart by the
    clustering (a once-per-list conflict, a decision) — by kind of list pair."""
    import duckdb
    import networkx as nx

    from yokuryu.link import blocking

    con = duckdb.connect()
    con.register("recs", blocking.with_block_keys(pq.read_table(folder / "records.parquet")))
    con.execute(f"CREATE VIEW pairs AS SELECT * FROM '{folder / 'pairs.parquet'}'")
    con.execute("CREATE TABLE truth (id BIGINT, p BIGINT, c BIGINT)")
    con.executemany("INSERT INTO truth VALUES (?, ?, ?)",
                    [(r, p, predicted[r]) for r, p in truth.items() if r in predicted])  # fmt: skip
    # Join on the true person first (an equi-join), then test the rules on those pairs
    # only: OR-ed rules as a join condition would compare every pair of records.
    con.execute(
        "CREATE TABLE tp AS SELECT a.id AS a, b.id AS b, a.c = b.c AS found, "
        f"least(l.kind, r.kind) || '/' || greatest(l.kind, r.kind) AS kinds, "
        f"{blocking.blocked_sql()} AS blocked, coalesce(s.match_probability, 0) AS prob "
        "FROM truth a JOIN truth b ON a.p = b.p AND a.id < b.id "
        "JOIN recs l ON l.unique_id = a.id JOIN recs r ON r.unique_id = b.id "
        "LEFT JOIN pairs s ON s.unique_id_l = a.id AND s.unique_id_r = b.id"
    )
    total, blocked = con.execute("SELECT count(*), sum(blocked::INT) FROM tp").fetchone()
    graph = nx.Graph(con.execute("SELECT a, b FROM tp WHERE blocked").fetchall())
    component = {n: i for i, c in enumerate(nx.connected_components(graph)) for n in c}
    reach = sum(1 for a, b in _true_pairs(truth) if component.get(a, -1) == component.get(b))
    stage = (
        f"CASE WHEN NOT blocked THEN 'blocking' WHEN prob < {threshold} THEN 'scoring' "
        "ELSE 'clustering' END"
    )
    lost = con.execute(
        f"SELECT kinds, {stage} AS stage, count(*) FROM tp WHERE NOT found GROUP BY ALL "
        "ORDER BY 3 DESC LIMIT 12"
    ).fetchall()
    return {
        "pair_recall": round(blocked / total, 4) if total else 1.0,
        "reachable_recall": round(reach / total, 4) if total else 1.0,
        "true_pairs": total,
        "lost": [{"kinds": k, "stage": st, "pairs": n} for k, st, n in lost],
    }


def _cross_script_recall(
    conn: sqlite3.Connection, predicted: dict[int, Any], truth: dict[int, int]
) -> float:
    kinds = dict(
        conn.execute("SELECT r.id, s.kind FROM record r JOIN source s ON s.id = r.source_id")
    )
    pairs = [(a, b) for a, b in _true_pairs(truth)
             if (kinds[a] in CYRILLIC_KINDS) != (kinds[b] in CYRILLIC_KINDS)]  # fmt: skip
    found = sum(1 for a, b in pairs if predicted.get(a) == predicted.get(b))
    return round(found / len(pairs), 4) if pairs else 1.0


def _romanise(text: str | None, kakasi: Any) -> str | None:
    from text_unidecode import unidecode

    if not text or not text.strip():
        return None
    if any("\u3040" <= ch <= "\u9fff" for ch in text):
        return "".join(part["hepburn"] for part in kakasi.convert(text)).lower().strip() or None
    return unidecode(text).lower().strip() or None


def _baseline_pairs(table: Any) -> Any:
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from yokuryu.link.engine import duckdb_connection

    comparisons = [
        cl.JaroWinklerAtThresholds("fam"),
        cl.JaroWinklerAtThresholds("giv"),
        cl.ExactMatch("birth_year"),
    ]
    rules = [block_on("fam", "birth_year"), block_on("giv", "birth_year"), block_on("fam", "giv")]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=rules,
    )
    # Its name blocks spill gigabytes: into the run's spill folder, not the working directory.
    api = DuckDBAPI(duckdb_connection())
    linker = Linker(api.register(table), settings, log_level=logging.ERROR)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("fam", "giv", "birth_year")], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=1)
    training.estimate_parameters_using_expectation_maximisation(block_on("fam", "giv"))
    training.estimate_parameters_using_expectation_maximisation(block_on("birth_year"))
    return linker.inference.predict(threshold_match_probability=0.01).as_pyarrow_table()


def _baseline(conn: sqlite3.Connection, truth: dict[int, int]) -> dict[str, Any]:
    """What a careful generic user builds: romanise, then Splink's standard comparisons."""
    import numpy as np
    import pyarrow as pa
    import pykakasi

    from yokuryu.link import accuracy, cluster

    kakasi = pykakasi.kakasi()
    rows = []
    for rid, full, fam, giv, year in conn.execute(
        "SELECT id, full_name, family_name, given_name, birth_year FROM record"
    ):
        name = " ".join(p for p in (fam, giv) if p) or full or ""
        parts = name.replace("\u3000", " ").split()
        family = _romanise(parts[0] if parts else None, kakasi)
        given = _romanise(" ".join(parts[1:]) or None, kakasi)
        rows.append({"unique_id": rid, "fam": family, "giv": given, "birth_year": year})
    start = time.perf_counter()
    pairs = _baseline_pairs(pa.Table.from_pylist(rows))
    got = cluster(
        [r["unique_id"] for r in rows],
        np.asarray(pairs["unique_id_l"]),
        np.asarray(pairs["unique_id_r"]),
        np.asarray(pairs["match_probability"]),
        0.5,
    )
    acc = accuracy(got, truth).as_dict()
    return {**acc, "cross_script_recall": _cross_script_recall(conn, got, truth),
            "seconds": round(time.perf_counter() - start, 1)}  # fmt: skip


def _one(persons: int, noise: str, queue: Any) -> None:
    from yokuryu.link import LinkOptions, accuracy, run_link
    from yokuryu.link.evaluate import truth_of_records

    with tempfile.TemporaryDirectory() as tmp:
        archive, truth_file, ingest_s = _simulate_and_ingest(persons, noise, Path(tmp))
        start = time.perf_counter()
        result = run_link(archive, "bench", LinkOptions(samples=0))
        link_s = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        conn = sqlite3.connect(archive / "registry.db")
        truth = truth_of_records(conn, truth_file)
        # The run's own clusters: a run its checks reject has no live persons to read.
        clusters = pq.read_table(result.folder / "clusters.parquet").to_pylist()
        predicted = {c["record_id"]: c["cluster"] for c in clusters}
        out = {
            "noise": noise, "simulated": persons, "status": result.status, "ingest_s": round(ingest_s, 1),
            "link_s": round(link_s, 1), "peak_rss_mb": round(peak_mb), **result.metrics,
            "accuracy": accuracy(predicted, truth).as_dict(),
            "cross_script_recall": _cross_script_recall(conn, predicted, truth),
        }  # fmt: skip
        print(f"   (linked, before baseline) {json.dumps(out)}", flush=True)
        out |= {
            "blocking": _losses(result.folder, truth, predicted, LinkOptions().threshold),
            "baseline": _baseline(conn, truth) if _with_baseline() else None,
        }  # fmt: skip
        queue.put(out)


def _with_baseline() -> bool:
    return os.environ.get("YOKURYU_BENCH_LINK_BASELINE", "1") != "0"


def run() -> None:
    persons = int(os.environ.get("YOKURYU_BENCH_LINK_PERSONS", "100000"))
    levels = os.environ.get("YOKURYU_BENCH_LINK_LEVELS", "clean,typical,harsh").split(",")
    ctx = mp.get_context("spawn")
    for noise in levels:
        queue = ctx.Queue()
        child = ctx.Process(target=_one, args=(persons, noise, queue))
        child.start()
        out = queue.get()
        child.join()
        _report(out)


def _report(out: dict[str, Any]) -> None:
    acc, base = out["accuracy"], out["baseline"]
    print(
        f"-- noise {out['noise']}: {out['simulated']:,} simulated, {out['records']:,} records, "
        f"run {out['status']}"
    )
    print(
        f"   link {out['link_s']} s (stages {out['timings_s']}), peak RSS {out['peak_rss_mb']} MB, "
        f"ingest {out['ingest_s']} s"
    )
    print(
        f"   comparisons {out['comparisons']:,}; blocking recall of true pairs "
        f"{out['blocking']['pair_recall']}, reachable {out['blocking']['reachable_recall']}"
    )
    lost = ", ".join(f"{x['kinds']} {x['stage']} {x['pairs']}" for x in out["blocking"]["lost"])
    print(f"   true pairs missed, by lists and stage: {lost}")
    print(
        f"   pairwise P/R/F1 {acc['pair_precision']}/{acc['pair_recall']}/{acc['pair_f1']}, "
        f"B-cubed P/R {acc['bcubed_precision']}/{acc['bcubed_recall']}, persons "
        f"{acc['persons_found']:,} vs true {acc['persons_true']:,}, cross-script recall "
        f"{out['cross_script_recall']}"
    )
    if base is None:
        print("   baseline left out (YOKURYU_BENCH_LINK_BASELINE=0)")
    else:
        print(
            f"   baseline (unidecode + pykakasi, standard Splink): pairwise P/R/F1 "
            f"{base['pair_precision']}/{base['pair_recall']}/{base['pair_f1']}, persons "
            f"{base['persons_found']:,}, cross-script recall {base['cross_script_recall']}"
        )
    scale = FULL_SIZE / out["simulated"]
    minutes = out["link_s"] * scale / 60
    print(f"   600,000 persons, scaled linearly from this run: link ≈ {minutes:.0f} min")
    print("   " + json.dumps(out, ensure_ascii=False))
