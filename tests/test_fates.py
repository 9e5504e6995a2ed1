"""Fate words of the status columns, in the three languages the lists use."""

from __future__ import annotations

import pytest

from yokuryu.fates import date_of_death, fate_of, records_death, stated_fate


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
    assert date_of_death(None, "died", "1946-01-12") == "1946-01-12"
    assert date_of_death(None, "returned", "1947-06-25") is None
    assert date_of_death(None, None, "1947-06-25") is None
    assert date_of_death("1946-02-03", "died", "1946-01-12") == "1946-02-03"


def test_death_is_recorded_by_date_or_by_fate() -> None:
    assert records_death(None, "1946-01-12")
    assert records_death("died", None)
    assert not records_death("returned", None)
    assert not records_death(None, None)


@pytest.mark.parametrize(
    ("status", "notes", "fate"),
    [
        ("умер", None, "died"),
        (None, "умер", "died"),
        ("", "Выбыл: умер", "died"),
        ("в лагере", "умер", "died"),
        ("репатриирован", "умер", "returned"),
        ("復員", None, "returned"),
        (None, None, None),
    ],
)
def test_the_stated_fate_is_the_status_words_else_the_notes(status, notes, fate) -> None:
    assert stated_fate(status, notes) == fate


def test_a_death_written_only_in_the_notes_dates_the_card_by_its_closing() -> None:
    fate = stated_fate("", "умер")
    assert records_death(fate, None)
    assert date_of_death(None, fate, "1946-01-12") == "1946-01-12"
