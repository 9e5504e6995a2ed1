"""The simulated men's given names: drawn by reading, so no reading takes a share no
generation of Japanese men ever had, with the period's head names at the top and read by
the name engine as the simulator writes them."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from yokuryu.names import standardise
from yokuryu.simulate.namebank import PERIOD_HEAD, load_namebank, men_by_reading


def _reading_shares() -> dict[str, float]:
    men = load_namebank().men
    shares: Counter[str] = Counter()
    for kana, weight in zip(men.kana, men.weight / men.weight.sum(), strict=True):
        shares[kana] += float(weight)
    return dict(shares)


def test_no_reading_takes_more_than_three_percent_of_men() -> None:
    shares = _reading_shares()
    assert max(shares.values()) < 0.03
    assert sum(share * share for share in shares.values()) < 0.01  # namesakes are rare


def test_the_period_head_names_lead_the_ranking() -> None:
    shares = _reading_shares()
    top = sorted(shares, key=shares.__getitem__, reverse=True)[:10]
    head_readings = {kana for _, kana in PERIOD_HEAD}
    assert shares["きよし"] == max(shares.values())
    assert len(head_readings & set(top)) >= 8


def test_a_reading_written_many_ways_is_counted_once() -> None:
    rows = [(f"漢{i}", "よしお", 1.0) for i in range(40)] + [("茂", "しげる", 0.5)]
    men = men_by_reading(rows)
    weight: Counter[str] = Counter()
    for _, kana, share in men:
        weight[kana] += share
    # Forty spellings of よしお weigh no more than its place in the ranking gives it.
    assert weight["よしお"] / weight["しげる"] < 1.5
    assert sum(kana == "よしお" for _, kana, _ in men) <= 6


def test_draws_follow_the_weights() -> None:
    men = load_namebank().men
    drawn = men.draw(np.random.default_rng(5), 200_000)
    counts = Counter(men.kana[i] for i in drawn.tolist())
    shares = _reading_shares()
    for kana in ("きよし", "しげる", "さぶろう"):
        assert counts[kana] / 200_000 == pytest.approx(shares[kana], rel=0.08)


@pytest.mark.parametrize(("kanji", "kana"), PERIOD_HEAD)
def test_the_name_engine_reads_each_head_name_as_written(kanji: str, kana: str) -> None:
    given = standardise(f"佐藤 {kanji}")[0].parts[-1]
    assert kana in [reading.kana for reading in given.readings[:5]]
