"""`make bench`: run every benchmark module and print its figures (not pass/fail).

Each module in this folder named ``bench_*.py`` has a ``run() -> None`` that prints
its own figures; they run in name order.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    selected = set(sys.argv[1:])
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        if selected and info.name.removeprefix("bench_") not in selected:
            continue
        print(f"\n== {info.name} ==", flush=True)
        importlib.import_module(f"benchmarks.{info.name}").run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
