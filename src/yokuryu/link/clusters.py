"""Records → persons: connected components of the links above a threshold, where human
decisions override the model (nomenklatura's rule: a positive decision forces a merge, a
negative one blocks any merge that would put its two records in one person).

Some lists name a man at most once (a landing list, a unit roster, a death register):
two records of one such list are never one person, so a link that would join them is
skipped like a negative decision. Links are taken strongest first, so the stronger
claim on a record wins; this stops chains of weak links through common names.

Then a record still alone may join on a weaker link (down to ``ATTACH_THRESHOLD``),
strongest first, when the union is allowed. A link's probability weighs the pair against
every namesake in the archive; by then most namesakes are held by their own stronger
links, so a card left alone whose best remaining candidate is free is far likelier one man
with it than the pair's probability says (on a large archive, many Satō Kiyoshi of one
year). Only lone records join this way: two persons of several records each, already
supported by their own links, are not joined on weak evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

# Match probability at or above which a link joins two records. Tuned on seed 3 (20,000
# persons) with the once-per-list rule and the chain vetoes (yokuryu.link.vetoes): F1
# 0.9944 at 0.15-0.25, 0.9932 at 0.5; persons +0.7 % at 0.2, +1.2 % at 0.5. Without the
# vetoes 0.5 was best: they keep the weaker links from chaining namesakes.
DEFAULT_THRESHOLD = 0.2
# Match probability at or above which a record left alone after the links above joins a
# person. Tuned on seed 3 (20,000 persons; chosen before looking at larger archives): F1
# 0.9944 at 0.01 and 0.02, 0.9945 at 0.05, the same as without it (0.9943); persons found
# +0.23 %, +0.31 %, +0.47 % against +0.71 % without. The lowest the run keeps (see
# scoring.KEEP_PROBABILITY): the most persons-accurate of the equally good.
ATTACH_THRESHOLD = 0.01


class _Components:
    """Union–find over record ids that refuses unions across a cannot-link pair."""

    def __init__(
        self,
        records: Iterable[int],
        cannot: Iterable[tuple[int, int]],
        once: Mapping[int, str] | None = None,
    ) -> None:
        self.parent = {r: r for r in records}
        self.members: dict[int, set[int]] = {r: {r} for r in self.parent}
        once = once or {}
        self.lists: dict[int, set[str]] = {
            r: {once[r]} if r in once else set() for r in self.parent
        }
        self.cannot: dict[int, set[int]] = {}
        for a, b in cannot:
            self.cannot.setdefault(a, set()).add(b)
            self.cannot.setdefault(b, set()).add(a)
        self.blocked = 0

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def _conflict(self, a: int, b: int) -> bool:
        small, large = sorted((a, b), key=lambda r: len(self.members[r]))
        others = self.members[large]
        return any(self.cannot.get(m, set()) & others for m in self.members[small])

    def _refused(self, a: int, b: int) -> bool:
        """Two roots hold records of one once-per-man list, or a cannot-link pair."""
        if self.lists[a] & self.lists[b]:
            return True
        return bool(self.cannot) and self._conflict(a, b)

    def alone(self, x: int) -> bool:
        """The record's person is the record alone."""
        return len(self.members[self.find(x)]) == 1

    def union(self, x: int, y: int, forced: bool = False) -> bool:
        a, b = self.find(x), self.find(y)
        if a == b:
            return True
        if not forced and self._refused(a, b):
            self.blocked += 1
            return False
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a] |= self.members.pop(b)
        self.lists[a] |= self.lists.pop(b)
        return True


def lowest_link(threshold: float, attach: float | None) -> float:
    """The weakest link clustering may take (so the vetoes must cover down to it)."""
    return threshold if attach is None else min(attach, threshold)


def cluster(
    records: Sequence[int],
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    threshold: float,
    must: Iterable[tuple[int, int]] = (),
    cannot: Iterable[tuple[int, int]] = (),
    once: Mapping[int, str] | None = None,
    attach: float | None = None,
) -> dict[int, int]:
    """Each record id → the smallest record id of its cluster.

    Positive decisions (``must``) are applied first; then links at or above ``threshold``
    in descending probability, each skipped when it would join a cannot-link pair or two
    records of one list in ``once`` (record → list, for lists naming a man once); then,
    with ``attach`` below ``threshold``, links from ``attach`` up, strongest first, that
    join a record still alone (see the module's docstring).
    """
    comps = _Components(records, cannot, once)
    for a, b in must:
        if a in comps.parent and b in comps.parent:
            comps.union(a, b, forced=True)
    keep = probability >= lowest_link(threshold, attach)
    # Strongest first; equally likely links by record ids, so the result does not depend
    # on the order in which the engine returned the pairs.
    order = np.lexsort((right[keep], left[keep], -probability[keep]))
    links = zip(left[keep][order].tolist(), right[keep][order].tolist(),
                probability[keep][order].tolist(), strict=True)  # fmt: skip
    for a, b, p in links:
        if p >= threshold or comps.alone(a) or comps.alone(b):
            comps.union(a, b)
    smallest = {root: min(members) for root, members in comps.members.items()}
    return {r: smallest[comps.find(r)] for r in comps.parent}


def draw(rng: np.random.Generator, probability: np.ndarray) -> np.ndarray:
    """One draw of which links are true, each independently with its probability."""
    return rng.random(probability.shape[0]) < probability


# Stricter thresholds tried in turn on a person with more records than one man can have.
SPLIT_THRESHOLDS = (0.7, 0.9, 0.97, 0.99, 0.999, 0.9999)


def split_oversized(
    clusters: Mapping[int, int],
    links: tuple[np.ndarray, np.ndarray, np.ndarray],
    max_size: int,
    must: Iterable[tuple[int, int]] = (),
    cannot: Iterable[tuple[int, int]] = (),
    once: Mapping[int, str] | None = None,
) -> tuple[dict[int, int], list[int]]:
    """Clusters of more than ``max_size`` records (a chain of namesakes) clustered again on
    their own links (``links``: left, right, probability) at stricter thresholds, each
    until every part fits. Returns the new assignment and the labels that were split.

    The links and decisions are first narrowed to the oversized clusters' records (a few
    hundred of millions), so each split works on its own."""
    sizes = Counter(clusters.values())
    inside = {r: c for r, c in clusters.items() if sizes[c] > max_size}
    ids = np.fromiter(inside, np.int64, len(inside))
    near = np.isin(links[0], ids) & np.isin(links[1], ids)
    left, right, probability = (a[near] for a in links)
    must = [(a, b) for a, b in must if a in inside and b in inside]
    cannot = [(a, b) for a, b in cannot if a in inside and b in inside]
    out = dict(clusters)
    for label in sorted(set(inside.values())):
        records = [r for r, c in inside.items() if c == label]
        own = np.isin(left, records) & np.isin(right, records)
        out.update(_split_one(records, (left[own], right[own], probability[own]), max_size,
                              must, cannot, once))  # fmt: skip
    return out, sorted(set(inside.values()))


def _split_one(
    records: list[int],
    links: tuple[np.ndarray, np.ndarray, np.ndarray],
    max_size: int,
    must: list[tuple[int, int]],
    cannot: list[tuple[int, int]],
    once: Mapping[int, str] | None,
) -> dict[int, int]:
    left, right, probability = links
    parts: dict[int, int] = {}
    for threshold in SPLIT_THRESHOLDS:
        parts = cluster(records, left, right, probability, threshold, must, cannot, once)
        if max(Counter(parts.values()).values()) <= max_size:
            break
    return parts
