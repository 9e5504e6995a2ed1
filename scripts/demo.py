"""`make demo`: build a demo archive from the bundled lists with the real commands, and show it.

Each step prints the command it runs, so the demo doubles as a walk-through of the CLI.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YOKURYU = [sys.executable, "-m", "yokuryu"]


def step(title: str, *args: str) -> None:
    print(f"\n== {title}\n$ yokuryu {shlex.join(args)}", flush=True)
    subprocess.run([*YOKURYU, *args], check=True, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--archive", default="demo-archive", help="Folder for the demo archive.")
    parser.add_argument("--keep", action="store_true", help="Keep an existing demo archive.")
    options = parser.parse_args()
    archive = Path(options.archive)
    if archive.exists() and not options.keep:
        shutil.rmtree(archive)
    step("Create the archive", "init", "--archive", str(archive))
    step(
        "Ingest the bundled sample lists (six lists, six encodings, three scripts)",
        "ingest",
        "--manifest",
        str(ROOT / "samples" / "manifest.json"),
        "--archive",
        str(archive),
    )
    step("What the archive holds", "status", "--archive", str(archive))
    step("Find a camp by number, in Russian", "places", "лагерь № 7", "--archive", str(archive))
    quarantine = archive / "quarantine.csv"
    step(
        "Every rejected row, with its reasons",
        "export",
        "--what",
        "quarantine",
        "--format",
        "csv",
        "--out",
        str(quarantine),
        "--archive",
        str(archive),
    )
    print(f"\nDemo archive ready in {archive}/ (registry.db; quarantine in {quarantine}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
