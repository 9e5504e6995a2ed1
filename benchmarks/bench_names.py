"""Name engine: accuracy on real data (dev and held-out halves), speed, memory.

`make bench-names` (or `python -m benchmarks names`). Figures are printed, not asserted;
the held-out targets are also checked by tests/names/test_accuracy.py.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from yokuryu import names
from yokuryu.names import evaluate as ev
from yokuryu.names.batch import NameTable
from yokuryu.names.lexicon import given_name_table, surname_table

DATA = (
    Path(__file__).resolve().parent.parent
    / "tests"
    / "data"
    / "names_dev"
    / ("ja_name_tokens_ru.tsv")
)
N_STANDARDISE = 1_000_000
N_PAIRS = 1_000_000
PERSON_SAMPLE = 2000


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def accuracy() -> float:
    halves = ev.halves(ev.load_tokens(DATA))
    threshold = 0.0
    print("name tokens (Wikidata Russian spellings), fixed hash split 80/20")
    print(
        f"{'half':<9} {'n':>6} {'kana→cyr':>9} {'top1':>6} {'top3':>6} {'top5':>6} "
        f"{'AUC':>7} {'thr@P99':>8} {'recall':>7}"
    )
    for half in (ev.DEV, ev.HELD_OUT):
        start = time.perf_counter()
        r = ev.token_report(halves[half])
        threshold = r.threshold if half == ev.DEV else threshold
        print(
            f"{half:<9} {r.n:>6} {r.kana_to_cyrillic:>9.4f} {r.top1:>6.4f} {r.top3:>6.4f} "
            f"{r.top5:>6.4f} {r.auc:>7.4f} {r.threshold:>8.3f} {r.recall:>7.4f}"
            f"   ({time.perf_counter() - start:.1f} s)"
        )
    people = ev.person_names()
    print(f"kanji full names (JMnedict person entries, not in the index): {len(people)}")
    for half in (ev.DEV, ev.HELD_OUT):
        top1, top5 = ev.kanji_top5(ev.sample_people(people, PERSON_SAMPLE, half))
        print(f"  {half:<9} sample {PERSON_SAMPLE}: top1 {top1:.4f}  top5 {top5:.4f}")
    return threshold


def distortions(threshold: float) -> None:
    print(
        f"distortions of NAMES.md §3 vs the kanji original, threshold {threshold:.3f} "
        "(dev 99 % precision); 300 lexicon-drawn people each"
    )
    for name, (hit, false) in ev.distortion_report(threshold).items():
        print(f"  {name:<42} above: {hit:.3f}   unrelated above: {false:.3f}")


def zipf_names(n: int, seed: int = 7) -> list[str]:
    """Names drawn by lexicon weights, written in kanji, Cyrillic, katakana or romaji."""
    rng = random.Random(seed)
    surnames, given = surname_table(), given_name_table()
    fam = rng.choices(surnames, weights=[e.weight for e in surnames], k=n)
    giv = rng.choices(given, weights=[e.weight for e in given], k=n)
    scripts = rng.choices(["kanji", "cyrillic", "katakana", "romaji"], [4, 3, 2, 1], k=n)
    cache: dict[tuple[str, str], str] = {}
    out = []
    for f, g, script in zip(fam, giv, scripts, strict=True):
        out.append(
            _render(f.kanji, f.kana, script, cache) + " " + _render(g.kanji, g.kana, script, cache)
        )
    return out


def _render(kanji: str, kana: str, script: str, cache: dict[tuple[str, str], str]) -> str:
    key = (kanji if script == "kanji" else kana, script)
    if key not in cache:
        if script == "kanji":
            cache[key] = kanji
        elif script == "cyrillic":
            cache[key] = names.to_cyrillic(kana)[0]
        elif script == "katakana":
            cache[key] = names.cyrillic_to_katakana(names.to_cyrillic(kana)[0])
        else:
            cache[key] = names.kana_to_romaji(kana).capitalize()
    return cache[key]


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of work (the machine is shared, so CPU time is the fair one)."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def speed() -> None:
    texts = zipf_names(N_STANDARDISE)
    print(
        f"standardise (parse + readings + keys) {len(texts):,} names, "
        f"{len(set(texts)):,} distinct, mixed scripts:"
    )
    names.standardise("佐藤 博")  # load the index outside the timing
    before = _rss_mb()
    wall, cpu = _timed(lambda: [names.standardise(t) for t in texts])
    print(
        f"  {wall:.1f} s wall, {cpu:.1f} s CPU ({len(texts) / cpu:,.0f} names per CPU s); "
        f"peak RSS {_rss_mb():.0f} MB (+{_rss_mb() - before:.0f} MB while standardising)"
    )
    table = NameTable()
    ids: list[int] = []
    wall, cpu = _timed(lambda: ids.extend(table.add(t) for t in texts[:50_000]))
    print(f"  compile 50,000 names for pair scoring: {wall:.1f} s wall, {cpu:.1f} s CPU")
    rng = np.random.default_rng(3)
    left, right = rng.choice(ids, N_PAIRS), rng.choice(ids, N_PAIRS)
    table.similarity(left[:10], right[:10])  # compile the kernel outside the timing
    wall, cpu = _timed(lambda: table.similarity(left, right))
    print(
        f"  similarity of {N_PAIRS:,} pairs on compiled candidates: {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU ({N_PAIRS / cpu:,.0f} pairs per CPU s)"
    )


def run() -> None:
    threshold = accuracy()
    distortions(threshold)
    # Speed and memory in a fresh process, so the accuracy runs' caches do not count.
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_names", "--speed"], cwd=root, check=True
    )


if __name__ == "__main__":
    speed() if "--speed" in sys.argv else run()
