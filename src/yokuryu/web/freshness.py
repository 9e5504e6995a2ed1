"""A running server notices a new linkage run and rebuilds its search index itself.

`yokuryu link` replaces the live persons while the server runs. Every few seconds (at
most, and only when requests come) the server reads a cheap stamp of the live data —
the live run's id and the highest person and person_record rowids, all index lookups —
and when it changed, rebuilds the search keys in a background thread. Until the new
keys are committed, searches read the previous ones (SQLite's WAL keeps them whole).
With several worker processes, a file lock beside the registry lets one of them build.
"""

from __future__ import annotations

import fcntl
import gc
import threading
import time
from collections.abc import Callable
from pathlib import Path

from yokuryu.store.db import connect, registry_path
from yokuryu.web.searchindex import build_index

LOCK_FILE = ".search-index.lock"


def settle_memory() -> None:
    """After building an index (or starting): collect once, then exempt what survives
    (the name engine's tables, key caches) from later garbage collections, which would
    otherwise walk millions of long-lived objects in the middle of requests."""
    gc.collect()
    gc.freeze()


def live_stamp(conn: object) -> str:
    """The live run(s) and the newest person rows: changes whenever persons are replaced."""
    row = conn.execute(  # type: ignore[attr-defined]
        "SELECT (SELECT group_concat(id) FROM link_run WHERE status = 'live'), "
        "(SELECT max(rowid) FROM person), (SELECT max(rowid) FROM person_record)"
    ).fetchone()
    return repr(tuple(row))


class IndexWatcher:
    """Checks the live stamp at most every ``interval`` seconds; rebuilds when it moved."""

    def __init__(
        self,
        archive: Path,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.archive = Path(archive)
        self.interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._checked_at = clock()
        self._stamp: str | None = None
        self._builder: threading.Thread | None = None
        self.rebuilds = 0

    def prime(self, conn: object) -> None:
        """Remember the stamp the server started with (its index was built for it)."""
        self._stamp = live_stamp(conn)

    def poll(self, conn: object) -> bool:
        """Called per request; True when this call started a rebuild."""
        now = self._clock()
        with self._lock:
            if now - self._checked_at < self.interval:
                return False
            self._checked_at = now
            stamp = live_stamp(conn)
            if stamp == self._stamp or self.building:
                return False
            self._stamp = stamp
            self._builder = threading.Thread(target=self._rebuild, daemon=True, name="index")
            self._builder.start()
            return True

    @property
    def building(self) -> bool:
        return self._builder is not None and self._builder.is_alive()

    def join(self, timeout: float | None = None) -> None:
        """Wait for a rebuild in progress (tests, shutdown)."""
        if self._builder is not None:
            self._builder.join(timeout)

    def _rebuild(self) -> None:
        with open(self.archive / LOCK_FILE, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # another worker process is building the same keys
            conn = connect(registry_path(self.archive))
            try:
                if build_index(conn) is not None:
                    self.rebuilds += 1
                    settle_memory()
            finally:
                conn.close()
                fcntl.flock(handle, fcntl.LOCK_UN)
