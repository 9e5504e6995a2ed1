"""The review queue: the uncertain band, and the weak links that alone hold a record."""

from __future__ import annotations

import pyarrow as pa

from yokuryu.link.queue import queue_rows

# Person A holds 1 and 2 on a strong link and 3 on a weak one (3 attached alone); 1–3 is
# a weaker link inside A; 4 and 5 are two persons with a weak link between them; 6–7 is
# in the uncertain band.
PAIRS = pa.table({
    "unique_id_l": [1, 2, 1, 4, 6],
    "unique_id_r": [2, 3, 3, 5, 7],
    "match_probability": [0.99, 0.05, 0.03, 0.05, 0.6],
    "match_weight": [10.0, -4.0, -5.0, -4.0, 0.5],
    "mw_fam": [5.0, 1.0, 1.0, 1.0, 2.0],
})  # fmt: skip
PERSON_OF = {1: "A", 2: "A", 3: "A", 4: "B", 5: "C", 6: "D", 7: "D"}
HELD_BY = {1: 0.99, 2: 0.99, 3: 0.05, 6: 0.6, 7: 0.6}


def _queued(rows: list[tuple[object, ...]]) -> set[tuple[object, object]]:
    return {(r[1], r[2]) for r in rows}


def test_the_weak_link_that_holds_an_attached_record_is_queued() -> None:
    rows = queue_rows(PAIRS, PERSON_OF, set(), "run", HELD_BY)
    assert _queued(rows) == {(6, 7), (2, 3)}
    # An attachment is a coin flip (see queue.ATTACHED_CHANCE): its priority is the size
    # of the person it made, 3, not the pair's 0.05 uncertainty times 3.
    priority = {(r[1], r[2]): r[6] for r in rows}
    assert priority[(2, 3)] == 3.0 and priority[(6, 7)] == 1.6
    # Without the records' strongest links, only the band.
    assert _queued(queue_rows(PAIRS, PERSON_OF, set(), "run")) == {(6, 7)}


def test_only_links_under_the_runs_threshold_count_as_attaching() -> None:
    # At threshold 0.04 the 0.05 link joined 3 as any link does: not an attachment, and
    # under the band.
    rows = queue_rows(PAIRS, PERSON_OF, set(), "run", HELD_BY, threshold=0.04)
    assert _queued(rows) == {(6, 7)}


def test_a_decided_attaching_link_is_not_queued_again() -> None:
    rows = queue_rows(PAIRS, PERSON_OF, {(2, 3)}, "run", HELD_BY)
    assert _queued(rows) == {(6, 7)}
