"""Ingest speed and peak memory on generated Soviet card lists of growing size.

Each size runs in a fresh process so its peak resident memory (ru_maxrss) is its own;
memory should stay flat as the file grows, since every reader streams.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = (100_000, 300_000, 1_000_000)
FAMILY = [
    "Сато",
    "Танака",
    "Судзуки",
    "Такахаси",
    "Ватанабэ",
    "Ито",
    "Ямамото",
    "Накамура",
    "Кобаяси",
    "Като",
]
GIVEN = ["Хироси", "Итиро", "Масао", "Киёси", "Сабуро", "Сигэру", "Такэо", "Исаму", "Ёсио", "Хисао"]
DATES = ["{d}.{m:02d}.1946", "{d}/III-1946", "{d} марта 1946 г.", "1946-{m:02d}-{d:02d}", ""]
HEADER = [
    "Номер карточки",
    "Фамилия",
    "Имя",
    "Отчество",
    "Год рождения",
    "Лагерь",
    "Дата смерти",
    "Примечание",
]
MAPPING = {
    "source": "benchmark cards",
    "kind": "soviet_card",
    "encoding": "cp1251",
    "columns": {
        "Номер карточки": "ref",
        "Фамилия": "family_name",
        "Имя": "given_name",
        "Отчество": "father_name",
        "Год рождения": "birth_year",
        "Лагерь": "camp",
        "Дата смерти": "death_date",
    },
}
CHILD = """
import json, resource, sys, time
from pathlib import Path
from yokuryu.archive import init_archive
from yokuryu.ingest import import_file, mapping_from_dict
from yokuryu.store import open_existing
archive, path, mapping = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
init_archive(archive, "bench")
conn = open_existing(archive)
start = time.perf_counter()
summary = import_file(conn, path, mapping_from_dict(mapping), "bench")
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "records": summary.records,
                  "quarantined": summary.quarantined, "problems": summary.field_problems}))
"""


def write_cards(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="cp1251", newline="") as handle:
        handle.write(";".join(HEADER) + "\r\n")
        for i in range(rows):
            date = rng.choice(DATES).format(d=rng.randint(1, 28), m=rng.randint(1, 12))
            handle.write(
                f"{i};{rng.choice(FAMILY)};{rng.choice(GIVEN)};{rng.choice(GIVEN)};"
                f"{rng.randint(1900, 1928)};№ {rng.randint(1, 60)};{date};\r\n"
            )


def run() -> None:
    print(
        f"{'rows':>10} {'file MB':>8} {'seconds':>8} {'rows/s':>9} {'peak MiB':>9}  kept / quarantined"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            path = Path(tmp) / f"cards-{size}.csv"
            write_cards(path, size)
            archive = Path(tmp) / f"archive-{size}"
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(archive), str(path), json.dumps(MAPPING)],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(out.stdout)
            print(
                f"{size:>10,} {path.stat().st_size / 1e6:>8.1f} {result['seconds']:>8.1f} "
                f"{size / result['seconds']:>9,.0f} {result['peak_mib']:>9.0f}  "
                f"{result['records']:,} / {result['quarantined']:,}"
            )
