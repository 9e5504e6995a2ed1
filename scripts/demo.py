"""`make demo`: simulate an archive, ingest it, link it, estimate from it, and serve it.

Each step prints the command it runs, so the demo doubles as a walk-through of the CLI.
The archive is simulated (the truth is kept in ARCHIVE/simulated/truth), so the figures
the demo shows can be checked against what really happened in the model.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YOKURYU = [sys.executable, "-m", "yokuryu"]


def step(title: str, *args: str, stdin: str | None = None) -> None:
    print(f"\n== {title}\n$ yokuryu {shlex.join(args)}", flush=True)
    subprocess.run([*YOKURYU, *args], check=True, cwd=ROOT, input=stdin, text=True)


def build(archive: Path, persons: int, seed: int) -> str:
    """Every stage in turn; returns the demo archivist's password."""
    simulated = archive / "simulated"
    where = ("--archive", str(archive))
    step(
        f"Simulate {persons:,} people and the archives they left (scenario: mhlw)",
        "simulate",
        "--persons",
        str(persons),
        "--seed",
        str(seed),
        "--scenario",
        "mhlw",
        "--out",
        str(simulated),
        "--report",
    )
    step("Create the archive", "init", *where)
    step(
        "Ingest every simulated list",
        "ingest",
        "--manifest",
        str(simulated / "manifest.json"),
        *where,
    )
    step("What the archive holds", "status", *where)
    step(
        "Link records into persons (Splink on DuckDB), with 10 linkage samples",
        "link",
        "--samples",
        "10",
        *where,
    )
    step(
        "How many died, per year of death, three estimators",
        "estimate",
        "--quantity",
        "deaths",
        "--by",
        "period",
        "--figure",
        str(archive / "deaths-by-period.svg"),
        *where,
    )
    step(
        "How many died in all, averaged over 5 linkage samples (default chains, 250 draws each)",
        "estimate",
        "--quantity",
        "deaths",
        "--linkage-samples",
        "--max-samples",
        "5",
        "--draws",
        "250",
        *where,
    )
    password = secrets.token_urlsafe(12)
    step(
        "An archivist account for the review queue",
        "user",
        "add",
        "archivist",
        "--role",
        "archivist",
        "--password-stdin",
        *where,
        stdin=password + "\n",
    )
    return password


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--archive", default="demo-archive", help="Folder for the demo archive.")
    parser.add_argument("--persons", type=int, default=int(os.environ.get("DEMO_PERSONS", "10000")))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", default=os.environ.get("DEMO_PORT", "8000"))
    parser.add_argument("--no-serve", action="store_true", help="Build the archive, do not serve.")
    options = parser.parse_args()
    archive = Path(options.archive)
    if archive.exists():
        shutil.rmtree(archive)
    password = build(archive, options.persons, options.seed)
    truth = archive / "simulated" / "calibration.md"
    print(f"\nThe simulation's calibration report: {truth}")
    print(f"Review queue login: archivist / {password}")
    if options.no_serve:
        return 0
    print(f"\nServing on http://127.0.0.1:{options.port}/  (Ctrl-C to stop)", flush=True)
    step("Serve the archive", "serve", "--archive", str(archive), "--port", str(options.port))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
