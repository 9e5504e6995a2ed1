"""Web: search latency at 1, 10 and 50 concurrent clients on loopback, and person pages.

Builds (once, cached in bench-out/) an archive of ``YOKURYU_BENCH_WEB_PERSONS`` persons
(default 600,000) with two records each — a Japanese roster line in kanji with its kana
reading and a Soviet card in Cyrillic — names drawn from the simulator's name bank with a
fixed seed; 40 % of persons have a death record (so are public). Then starts the real
`yokuryu serve` and times full names typed in five scripts, as an anonymous visitor.
The clients run on the same 2-core machine as the server, so they take CPU from it.
"""

from __future__ import annotations

import http.client
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

PERSONS = int(os.environ.get("YOKURYU_BENCH_WEB_PERSONS", "600000"))
WORKERS = int(os.environ.get("YOKURYU_BENCH_WEB_WORKERS", "2"))  # one per core, as advised
OUT = Path("bench-out") / f"web-{PERSONS}"
NOW = "2026-01-01T00:00:00+00:00"
CONCURRENCY = (1, 10, 50)
REQUESTS_PER_CLIENT = {1: 200, 10: 40, 50: 12}
SEED = 7


def _names(count: int) -> list[tuple[str, str, str, str]]:
    """(family kanji, given kanji, family kana, given kana) drawn by frequency."""
    from yokuryu.simulate.namebank import load_namebank

    bank = load_namebank()
    gen = np.random.default_rng(SEED)
    fam, giv = bank.surnames.draw(gen, count), bank.men.draw(gen, count)
    return [
        (bank.surnames.kanji[f], bank.men.kanji[g], bank.surnames.kana[f], bank.men.kana[g])
        for f, g in zip(fam.tolist(), giv.tolist(), strict=True)
    ]


def _cyrillic(family_kana: str, given_kana: str) -> str:
    from yokuryu.names import to_cyrillic

    return f"{to_cyrillic(family_kana)[0]} {to_cyrillic(given_kana)[0]}"


def _rows(names: list[tuple[str, str, str, str]]):  # type: ignore[no-untyped-def]
    gen = np.random.default_rng(SEED + 1)
    born = gen.integers(1900, 1929, len(names)).tolist()
    dead = (gen.random(len(names)) < 0.4).tolist()
    for i, (fk, gk, fr, gr) in enumerate(names):
        pid = f"P{i:07d}"
        death = "1946-02-11" if dead[i] else None
        yield (pid, f"{fk} {gk}", born[i], "died" if death else "repatriated", death,
               (2 * i + 1, 1, f"M{i}", fk, gk, None, f"{fr} {gr}", born[i], None),
               (2 * i + 2, 2, f"C{i}", None, None, _cyrillic(fr, gr), None, born[i], death))  # fmt: skip


def build_archive(folder: Path) -> float:
    from yokuryu.archive import init_archive
    from yokuryu.store import connect, registry_path, transaction

    shutil.rmtree(folder, ignore_errors=True)
    init_archive(folder, actor="bench")
    conn = connect(registry_path(folder))
    conn.execute("PRAGMA synchronous=OFF")
    started = time.perf_counter()
    with transaction(conn):
        for sid, name, kind in ((1, "roster", "jp_roster"), (2, "cards", "soviet_card")):
            conn.execute("INSERT INTO source (id, name, kind, created_at) VALUES (?, ?, ?, ?)",
                         (sid, name, kind, NOW))  # fmt: skip
            conn.execute(
                "INSERT INTO import_batch (id, source_id, file_name, sha256, size_bytes, "
                "file_format, mapping_json, started_at, imported_by) "
                "VALUES (?, ?, 'x', ?, 0, 'csv', '{}', ?, 'bench')", (sid, sid, f"s{sid}", NOW))  # fmt: skip
        conn.execute("INSERT INTO link_run (id, started_at, engine, status, started_by) "
                     "VALUES ('bench', ?, 'duckdb', 'live', 'bench')", (NOW,))  # fmt: skip
        persons, records, links = [], [], []
        for pid, display, born, fate, death, *recs in _rows(_names(PERSONS)):
            persons.append((pid, display, born, fate, death))
            for rec in recs:
                records.append((*rec, f'{{"ref": "{rec[2]}"}}'))
                links.append((rec[0], pid))
        conn.executemany("INSERT INTO person (id, run_id, display_name, birth_year, fate, "
                         "death_date, created_at) VALUES (?, 'bench', ?, ?, ?, ?, '-')", persons)  # fmt: skip
        conn.executemany(
            "INSERT INTO record (id, source_id, batch_id, row_number, ref, family_name, "
            "given_name, full_name, name_reading, birth_year, death_date, raw_json) "
            "VALUES (?, ?, 1, 0, ?, ?, ?, ?, ?, ?, ?, ?)", records)  # fmt: skip
        conn.executemany("INSERT INTO person_record (record_id, person_id, run_id, "
                         "match_probability) VALUES (?, ?, 'bench', 0.97)", links)  # fmt: skip
    conn.execute("UPDATE record SET batch_id = source_id")
    conn.close()
    return time.perf_counter() - started


SCRIPTS = ("kanji", "hiragana", "romaji", "Cyrillic", "katakana")


def _queries(folder: Path, count: int) -> tuple[list[str], list[str]]:
    """Full names in five scripts (SCRIPTS, in turn) for public persons spread over the
    archive, and their ids. (Not the lowest ids: the key index lists namesakes by id, so
    those would come first among men of the same name and flatter the hit rate.)"""
    from yokuryu.names import kana_to_romaji
    from yokuryu.names.kana import to_katakana
    from yokuryu.store import connect, registry_path

    conn = connect(registry_path(folder))
    rows = conn.execute(
        "SELECT p.id, r1.family_name, r1.given_name, r1.name_reading, r2.full_name FROM person p "
        "JOIN record r1 ON r1.id = 2 * CAST(substr(p.id, 2) AS INTEGER) + 1 "
        "JOIN record r2 ON r2.id = r1.id + 1 WHERE p.death_date IS NOT NULL "
        "ORDER BY (CAST(substr(p.id, 2) AS INTEGER) * 2654435761) % 4294967296 LIMIT ?",
        (count,)).fetchall()  # fmt: skip
    queries = []
    for i, row in enumerate(rows):
        family, given = row["name_reading"].split(" ")
        queries.append([
            f"{row['family_name']}{row['given_name']}", row["name_reading"],
            f"{kana_to_romaji(family, long='none').title()} {kana_to_romaji(given, long='none').title()}",
            row["full_name"], f"{to_katakana(family)} {to_katakana(given)}",
        ][i % 5])  # fmt: skip
    return queries, [r["id"] for r in rows]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(folder: Path) -> tuple[subprocess.Popen, int, float]:
    port = _free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "yokuryu"), "serve", "--archive", str(folder),
         "--port", str(port), "--workers", str(WORKERS)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port, time.perf_counter() - started
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"server did not start: {process.communicate()[0]}")


def _client(port: int, paths: list[str]) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for path in paths:
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        times.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise RuntimeError(f"{path} → {response.status}: {body[:300]!r}")
    conn.close()
    return times


def _load(port: int, paths: list[str], clients: int, per_client: int) -> tuple[list[float], float]:
    jobs = [[paths[(c * per_client + i) % len(paths)] for i in range(per_client)]
            for c in range(clients)]  # fmt: skip
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda job: _client(port, job), jobs))
    return [t for r in results for t in r], time.perf_counter() - started


def _report(label: str, times: list[float], seconds: float | None = None) -> None:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    rate = f", {len(times) / seconds:.0f} req/s" if seconds else ""
    print(f"{label}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
          f"({len(times)} requests{rate})")  # fmt: skip


def _peak_kib(pid: int) -> int:
    """Peak resident memory of the server and its worker processes, summed."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        proc = Path(f"/proc/{current}")
        status = (proc / "status").read_text()
        total += int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1])
        for task in (proc / "task").iterdir():
            pending += [int(c) for c in (task / "children").read_text().split()]
    return total


def _hit_rate(port: int, queries: list[str], ids: list[str]) -> dict[str, tuple[int, int, int]]:
    """Per script of SCRIPTS: (queries, the person in the top 10, a same-named person first
    — common names are shared by dozens of men; any of them is a right first answer)."""
    rates = {script: [0, 0, 0] for script in SCRIPTS}
    for i, (query, pid) in enumerate(zip(queries, ids, strict=True)):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/api/search?" + urllib.parse.urlencode({"q": query, "limit": 10}))
        hits = json.loads(conn.getresponse().read())["results"]
        conn.request("GET", f"/api/persons/{pid}")
        name = json.loads(conn.getresponse().read())["display_name"]
        rate = rates[SCRIPTS[i % len(SCRIPTS)]]
        rate[0] += 1
        rate[1] += any(h["person_id"] == pid for h in hits)
        rate[2] += bool(hits) and hits[0]["display_name"] == name
    return {script: (n, top, first) for script, (n, top, first) in rates.items()}


def _cpu_per_search(folder: Path, queries: list[str]) -> float:
    """CPU milliseconds of one search in this process (the server's work without HTTP and
    without the clients' share of the cores; steadier than latency on a busy machine)."""
    from yokuryu.store import connect, registry_path
    from yokuryu.web.privacy import ANONYMOUS
    from yokuryu.web.search import Filters, search

    conn = connect(registry_path(folder))
    for query in queries[:100]:
        search(conn, ANONYMOUS, query, Filters(), 110)
    started = time.process_time()
    for query in queries[100:]:
        search(conn, ANONYMOUS, query, Filters(), 110)
    conn.close()
    return (time.process_time() - started) * 1000 / len(queries[100:])


def _rebuild_seconds(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of a forced rebuild of the search index in this process, as a
    live server makes when a new linkage run goes live (same engine: stored text keys)."""
    from yokuryu.store import connect, registry_path
    from yokuryu.web.search import build_index

    conn = connect(registry_path(folder))
    wall, cpu = time.perf_counter(), time.process_time()
    build_index(conn, force=True)
    conn.close()
    return time.perf_counter() - wall, time.process_time() - cpu


def run() -> None:
    folder = OUT / "archive"
    if not (folder / "registry.db").exists():
        seconds = build_archive(folder)
        print(f"built {PERSONS:,} persons / {2 * PERSONS:,} records in {seconds:.0f} s")
    process, port, startup = _start(folder)
    try:
        print(f"server up with {WORKERS} workers (index built if stale) in {startup:.1f} s")
        queries, ids = _queries(folder, 500)
        paths = ["/api/search?" + urllib.parse.urlencode({"q": q}) for q in queries]
        _client(port, paths[:20])  # warm up
        rates = _hit_rate(port, queries, ids)
        total = [sum(r[i] for r in rates.values()) for i in range(3)]
        print(f"{total[0]} full names, five scripts: the person in the top 10 for "
              f"{total[1] / total[0]:.0%}, a man of that name first for {total[2] / total[0]:.0%}")  # fmt: skip
        for script, (n, top, first) in rates.items():
            print(f"  {script:>9}: top 10 {top}/{n}, that name first {first}/{n}")
        for clients in CONCURRENCY:
            times, seconds = _load(port, paths, clients, REQUESTS_PER_CLIENT[clients])
            _report(f"search, {clients:>2} concurrent clients", times, seconds)
        pages = [f"/person/{pid}" for pid in ids]
        _report("person page (HTML), 1 client", _load(port, pages, 1, 200)[0])
        api = [f"/api/persons/{pid}" for pid in ids]
        _report("person API (JSON), 1 client", _load(port, api, 1, 200)[0])
        print(f"search in-process: {_cpu_per_search(folder, queries):.1f} ms of CPU per search "
              "(400 full names the engine has not met, after 100 to warm up)")  # fmt: skip
        print(f"server peak memory {_peak_kib(process.pid) // 1024} MiB (all processes); "
              f"registry {(folder / 'registry.db').stat().st_size / 2**20:.0f} MiB; "
              f"bench process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")  # fmt: skip
        wall, cpu = _rebuild_seconds(folder)
        print(f"search index rebuilt in-process (as after a new live run): {wall:.1f} s "
              f"({cpu:.1f} s CPU)")  # fmt: skip
    except Exception:
        process.terminate()
        print(process.communicate(timeout=60)[0][-3000:])
        raise
    finally:
        process.terminate()
        process.wait(timeout=60)


if __name__ == "__main__":
    run()
