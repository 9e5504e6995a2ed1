"""Fate words of the status columns, in the three languages the lists use."""

from __future__ import annotations

import pytest

from yokuryu.fates import date_of_death, fate_of, records_death


@pytest.mark.parametrize(
    ("status", "fate"),
    [
        ("умер", "died"),
        ("Умер в госпитале № 1074", "died"),
        ("погиб на работе", "died"),
        ("репатриирован", "returned"),
        ("передан КНР", "handed_over"),
        ("передан в Маньчжурию/Корею", "sent_back"),
        ("ソ連抑留中死亡", "died"),
        ("帰還途中死亡", "died"),
        ("復員", "returned"),
        ("未帰還", "missing"),
        ("消息不明", "missing"),
        ("Died in Taishet", "died"),
        ("escaped 1947", "escaped"),
        ("", None),
        (None, None),
        ("в лагере", None),
    ],
    ids=lambda v: str(v),
)
def test_status_words_give_the_fate(status, fate) -> None:
    assert fate_of(status) == fate


def test_a_card_closed_with_a_death_gives_its_closing_date_as_the_date_of_death() -> None:
    assert date_of_death(None, "умер", "1946-01-12") == "1946-01-12"
    assert date_of_death(None, "репатриирован", "1947-06-25") is None
    assert date_of_death("1946-02-03", "умер", "1946-01-12") == "1946-02-03"


def test_death_is_recorded_by_date_or_by_words() -> None:
    assert records_death(None, "1946-01-12")
    assert records_death("死亡", None)
    assert not records_death("復員", None)
