"""kill -9 in the middle of an import leaves the registry consistent and the batch absent."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ingest.lists import RUSSIAN_HEADER, count, russian_mapping
from yokuryu.ingest import import_file
from yokuryu.store import open_existing, registry_path

IMPORT_SCRIPT = """
import sys
from pathlib import Path
from yokuryu.ingest import import_file, mapping_from_dict
from yokuryu.store import open_existing
from tests.ingest.lists import RUSSIAN_COLUMNS
mapping = mapping_from_dict({"source": "cards", "kind": "soviet_card", "columns": RUSSIAN_COLUMNS})
import_file(open_existing(Path(sys.argv[1])), Path(sys.argv[2]), mapping, "crash-test")
"""


def _big_list(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(";".join(RUSSIAN_HEADER) + "\r\n")
        for i in range(rows):
            handle.write(f"7-{i};Сато;Хироси;Кэнтаро;{1900 + i % 28};{1 + i % 28}.03.1946\r\n")


@pytest.mark.slow
def test_kill_during_import_leaves_no_batch(archive: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    _big_list(big, 300_000)
    wal = Path(str(registry_path(archive)) + "-wal")
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", IMPORT_SCRIPT, str(archive), str(big)], cwd=root
    )
    deadline = time.monotonic() + 120
    while (not wal.exists() or wal.stat().st_size < 4_000_000) and child.poll() is None:
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL, "the import finished before it could be killed"
    conn = open_existing(archive)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert (count(conn, "import_batch"), count(conn, "record"), count(conn, "quarantine")) == (
        0,
        0,
        0,
    )
    assert count(conn, "source") == 0
    small = tmp_path / "small.csv"
    _big_list(small, 10)
    assert import_file(conn, small, russian_mapping(), "t").records == 10
