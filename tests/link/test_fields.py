"""Standard forms of ranks, units, places and dates across scripts."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from yokuryu.link.fields import day_range, rank_code
from yokuryu.link.places import place_key, unit_code


@pytest.mark.parametrize(
    ("ja", "ru"),
    [("第百三十四師団", "134 пд"), ("関東軍司令部", "штаб Квантунской армии"), ("第四軍", "4 армия"),
     ("第三方面軍", "штаб 3 фронта"), ("独立混成第百二十九旅団", "129 омбр"),
     ("満洲国鉄道", "ЮМЖД"), ("満洲電信電話", "телефонная станция")],
    ids=["division", "kwantung-army", "army", "front", "brigade", "railway", "telephone"],
)  # fmt: skip
def test_a_unit_has_one_code_in_both_scripts(ja: str, ru: str) -> None:
    assert unit_code(ja) == unit_code(ru) is not None


def test_different_divisions_differ() -> None:
    assert unit_code("第八十八師団") != unit_code("第八十九師団")


@pytest.mark.parametrize(
    ("ja", "ru"), [("上等兵", "ефрейтор"), ("一等兵", "рядовой"), ("中尉", "лейтенант")]
)
def test_a_rank_maps_to_the_soviet_wording(ja: str, ru: str) -> None:
    assert rank_code(ja) == rank_code(ru) == ru


@pytest.mark.parametrize(
    ("ru", "kana"), [("Известковый", "イズウェストコイイ"), ("Биробиджан", "ビロビジャン")]
)
def test_a_soviet_place_and_the_ministry_katakana_have_near_keys(ru: str, kana: str) -> None:
    """Near enough for the place comparison's Jaro–Winkler level (≥ 0.85)."""
    a, b = place_key(ru) or "", place_key(kana) or ""
    assert a and SequenceMatcher(None, a, b).ratio() >= 0.9, (a, b)


@pytest.mark.parametrize(
    ("iso", "width"),
    [("1946-03-12", 0), ("1946-03", 32), ("1946", 366)],
    ids=["day", "month", "year"],
)
def test_a_partial_date_is_a_range_as_wide_as_its_precision(iso: str, width: int) -> None:
    lo, hi = day_range(iso) or (0, -1)
    assert hi - lo == width


def test_an_unreadable_date_has_no_range() -> None:
    assert day_range("1946-13") is None and day_range(None) is None
