"""`make bench simulate`: 600,000 people with all six archives, time and peak memory.

Each scenario runs in a child process so its peak resident memory is measured alone
(ru_maxrss of the children). Target (issue 4): ≤ 3 minutes and ≤ 4 GB on 2 cores.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PERSONS = 600_000
SEED = 1
SCENARIOS = ("mhlw",)
CHILD = (
    "import sys; from yokuryu.simulate import simulate; "
    "simulate(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], 'typical', True)"
)


def _run_child(persons: int, scenario: str, out: Path) -> tuple[float, float]:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CHILD, str(persons), str(SEED), scenario, str(out)], check=True
    )
    seconds = time.perf_counter() - start
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    return seconds, peak_gb


def _summary(out: Path) -> None:
    report = json.loads((out / "calibration.json").read_text("utf-8"))
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1024**2
    print(
        f"  files: {size:,.0f} MiB; rows: "
        + ", ".join(f"{name} {rows:,}" for name, rows in report["rows"].items())
    )
    met = sum(m["ok"] for m in report["metrics"] if m["required"])
    required = sum(m["required"] for m in report["metrics"])
    print(f"  calibration: {met}/{required} required figures within tolerance")
    for metric in report["metrics"]:
        if metric["id"] in (
            "total_dead",
            "total_returned",
            "repatriated_1948",
            "first_winter_share",
            "soviet_cards",
            "soviet_register",
            "mhlw_list",
        ):
            print(
                f"    {metric['label']}: {metric['simulated']:,.3f} "
                f"(published {metric['published']:,.3f}, {metric['low']:,.3f}–"
                f"{metric['high']:,.3f}) {'ok' if metric['ok'] else 'NOT MET'}"
            )


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-simulate-") as folder:
        for scenario in SCENARIOS:
            out = Path(folder) / scenario
            seconds, peak_gb = _run_child(PERSONS, scenario, out)
            verdict = "ok" if seconds <= 180 and peak_gb <= 4 else "OVER TARGET"
            print(
                f"simulate {PERSONS:,} people, scenario {scenario}, noise typical, with "
                f"report: {seconds:,.1f} s, peak RSS {peak_gb:.2f} GB ({verdict}; target "
                "≤ 180 s, ≤ 4 GB)"
            )
            _summary(out)


if __name__ == "__main__":
    run()
