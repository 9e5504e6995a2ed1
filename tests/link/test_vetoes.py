"""Chain vetoes: two namesakes' cards linked to one landing record stay two men."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from yokuryu.link.clusters import cluster
from yokuryu.link.vetoes import COLUMNS, chain_vetoes

_SCHEMA = pa.schema([("unique_id", pa.int64())] + [
    (c, pa.bool_() if c == "repatriated" else pa.int32()) for c in COLUMNS
])  # fmt: skip


def _records(*rows: dict[str, Any]) -> pa.Table:
    return pa.Table.from_pylist([{"unique_id": i + 1, **r} for i, r in enumerate(rows)],
                                schema=_SCHEMA)  # fmt: skip


def _links(*pairs: tuple[int, int, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    left, right, p = zip(*pairs, strict=True)
    return np.array(left), np.array(right), np.array(p)


def test_cards_in_two_camps_at_once_are_kept_apart_through_a_landing() -> None:
    records = _records(
        {"stay_in": 53_300, "stay_out": 54_000},  # card of one Satō Hiroshi
        {"stay_in": 53_500, "stay_out": 53_990},  # his namesake's card, months overlapping
        {"home_day": 54_002, "repatriated": True},  # a landing both cards link to
    )
    links = _links((1, 3, 0.9), (2, 3, 0.6))
    assert chain_vetoes(records, *links, threshold=0.5) == [(1, 2)]
    persons = cluster([1, 2, 3], *links, 0.5, cannot=[(1, 2)])
    assert persons[1] == persons[3] != persons[2]
    assert len(set(cluster([1, 2, 3], *links, 0.5).values())) == 1  # without the veto


def test_two_cards_of_one_stay_or_one_after_the_other_are_not_vetoed() -> None:
    records = _records(
        {"stay_in": 53_300, "stay_out": 54_000},
        {"stay_in": 53_301, "stay_out": 54_000},  # a second card of the same stay
        {"stay_in": 54_000, "stay_out": 54_300},  # the next camp
        {"home_day": 54_302, "repatriated": True},
    )
    links = _links((1, 4, 0.9), (2, 4, 0.9), (3, 4, 0.9))
    assert chain_vetoes(records, *links, threshold=0.5) == []


def test_a_death_and_a_homecoming_linked_to_one_card_are_vetoed() -> None:
    records = _records(
        {"stay_in": 53_300, "stay_out": 53_600, "alive_lo": 53_600},  # the card
        {"death_lo": 53_400, "death_hi": 53_400},  # a death register line
        {"home_day": 54_500, "alive_lo": 54_500, "repatriated": True},  # a landing
    )
    links = _links((1, 2, 0.8), (1, 3, 0.7))
    assert chain_vetoes(records, *links, threshold=0.5) == [(2, 3)]
    assert chain_vetoes(records, *links, threshold=0.75) == []  # 1–3 is no link there
