"""Linkage samples: draws of the links, then lone records attached as the run does."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from yokuryu.estimate.samples import read_sample
from yokuryu.link.samples import draw_samples

# Persons {1, 2} and {5, 6} are near certain; record 3 is weakly linked to 2, and the two
# persons weakly to each other.
PAIRS = pa.table({
    "unique_id_l": pa.array([1, 5, 2, 2], pa.int64()),
    "unique_id_r": pa.array([2, 6, 3, 5], pa.int64()),
    "match_probability": pa.array([0.999, 0.999, 0.03, 0.03]),
})  # fmt: skip
RECORDS = [1, 2, 3, 5, 6]


def _together(path: Path, a: int, b: int) -> bool:
    sample = read_sample(path)
    return sample[a] == sample[b]


def test_a_lone_record_joins_its_likeliest_person_in_every_sample(tmp_path: Path) -> None:
    plain = draw_samples(tmp_path / "plain", RECORDS, PAIRS, 20)
    attached = draw_samples(tmp_path / "attached", RECORDS, PAIRS, 20, attach=0.01)
    assert sum(_together(p, 2, 3) for p in plain) < 5, "the 0.03 link is seldom drawn"
    assert all(_together(p, 2, 3) for p in attached)
    # The weak link between two persons of several records joins them only when drawn.
    assert sum(_together(p, 2, 5) for p in attached) < 5
    assert all(_together(p, 1, 2) and _together(p, 5, 6) for p in attached)
