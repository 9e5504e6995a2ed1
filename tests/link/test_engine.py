"""The DuckDB engine's spill folders: one per process, a killed run's removed later."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from yokuryu.link.engine import SPILL_PREFIX, duckdb_connection, remove_stale_spills


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_a_dead_runs_spill_is_removed_and_a_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / f"{SPILL_PREFIX}{_dead_pid()}-0"
    live = tmp_path / f"{SPILL_PREFIX}{os.getpid()}-3"
    other = tmp_path / "not-ours-123"
    for folder in (dead, live, other):
        folder.mkdir()
        (folder / "duckdb_temp_storage.tmp").write_bytes(b"x" * 1024)
    assert remove_stale_spills(tmp_path) == [dead]
    assert not dead.exists() and live.is_dir() and other.is_dir()


def test_each_connection_spills_to_a_folder_of_its_own() -> None:
    first, second = duckdb_connection(), duckdb_connection()
    try:
        folders = [c.execute("SELECT current_setting('temp_directory')").fetchone()[0]
                   for c in (first, second)]  # fmt: skip
    finally:
        first.close()
        second.close()
    assert folders[0] != folders[1]
    assert all(Path(f).name.startswith(f"{SPILL_PREFIX}{os.getpid()}-") for f in folders)
