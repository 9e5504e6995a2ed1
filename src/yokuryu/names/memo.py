"""Plain-dict caches for the per-name and per-part steps.

``functools.lru_cache`` keeps a linked list that the cyclic garbage collector walks in
full at every full collection; with a million names that walk cost more than the work it
saved. A plain dict of strings and tuples of strings is left alone by the collector, so the
hot caches are dicts, emptied when full (names follow a Zipf law: the common ones return
at once).
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def remember(cache: dict[K, V], key: K, value: V, limit: int) -> V:
    """Store value under key (emptying the cache first when it holds limit entries)."""
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value
    return value
