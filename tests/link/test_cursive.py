"""Cursive-folded Cyrillic keys: a card misread letter by letter meets the Japanese name."""

from __future__ import annotations

import pytest

from yokuryu.link.cursive import fold, part_keys
from yokuryu.names import standardise


@pytest.mark.parametrize(
    ("card", "polivanov"),
    [("Ялада", "Ямада"), ("Сугал", "Сугаи"), ("Шаики", "Таики"), ("Хадзилу", "Хадзиму"),
     ("Клтамура", "Китамура"), ("Синъитнро", "Синитиро"), ("Сатё", "Сато")],
)  # fmt: skip
def test_look_alike_letters_fold_together(card: str, polivanov: str) -> None:
    assert fold(card) == fold(polivanov)


@pytest.mark.parametrize(("a", "b"), [("Сато", "Като"), ("Ямада", "Ясуда"), ("Ито", "Ута")])
def test_letters_of_different_strokes_stay_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def _keys(name: str) -> list[tuple[str, ...]]:
    parsed, _ = standardise(name)
    return [part_keys(part) for part in parsed.parts]


def test_a_misread_card_shares_both_keys_with_the_kanji_name() -> None:
    card, kanji = _keys("Сугал Шаики"), _keys("菅井 太樹")
    assert set(card[0]) & set(kanji[0])
    assert set(card[1]) & set(kanji[1])


def test_a_cyrillic_part_gives_its_own_letters_folded() -> None:
    assert _keys("Ялада Киёси") == [(fold("Ялада"),), (fold("Киёси"),)]


def test_a_kana_part_gives_the_renderings_of_its_readings() -> None:
    (family,) = _keys("やまだ")[:1]
    assert fold("Ямада") in family
