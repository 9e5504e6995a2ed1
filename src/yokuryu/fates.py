"""What a list says happened to a man, from its status column, in Russian, Japanese or English.

Soviet cards end with a reason for leaving the camp ("умер", "репатриирован", "передан
КНР"); Japanese rosters with a last status ("ソ連抑留中死亡", "復員", "未帰還"). Only some
lists have a date-of-death column, so a death is often known only from these words; the
date the card closes ("Выбыл") is then the date of death.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

Fate = Literal["died", "returned", "handed_over", "sent_back", "transferred", "escaped", "missing"]

# Order matters: the first fate whose words appear wins ("死亡" before "帰還" in
# "帰還途中死亡", died on the way home; "未帰還", not returned, before "帰還").
_FATE_WORDS: tuple[tuple[Fate, tuple[str, ...]], ...] = (
    (
        "died",
        (
            "умер",
            "скончал",
            "погиб",
            "смерт",
            "died",
            "dead",
            "deceased",
            "death",
            "死亡",
            "死去",
            "戦病死",
            "病死",
            "戦死",
            "死没",
            "殉職",
        ),
    ),
    (
        "handed_over",
        ("передан кнр", "передан китаю", "кнр", "handed over", "prc", "中国に引渡", "中共"),
    ),
    # the sick sent back to Manchuria and Korea (MHLW: some 47,000)
    ("sent_back", ("маньчжур", "в корею", "sent back", "満州へ送還", "朝鮮へ送還", "満州送還")),
    ("escaped", ("бежал", "побег", "escaped", "逃亡")),
    ("missing", ("неизвестн", "missing", "unknown", "不明", "未帰還", "消息不明")),
    (
        "returned",
        (
            "репатриир",
            "возвращ",
            "освобожд",
            "returned",
            "repatriated",
            "復員",
            "帰還",
            "引揚",
            "帰国",
        ),
    ),
    (
        "transferred",
        ("переведен", "убыл в", "этапирован", "transferred", "転属", "転出", "移送", "送還"),
    ),
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


# Cached: a list repeats a few dozen status texts over hundreds of thousands of rows.
@lru_cache(maxsize=65536)
def fate_of(status: str | None) -> Fate | None:
    """The fate a status text states, or None when it states none we know.

    >>> fate_of("умер 12.01.1946"), fate_of("ソ連抑留中死亡"), fate_of("復員")
    ('died', 'died', 'returned')
    """
    if not status:
        return None
    folded = _fold(status)
    for fate, words in _FATE_WORDS:
        if any(word in folded for word in words):
            return fate
    return None


def stated_fate(status: str | None, notes: str | None) -> Fate | None:
    """The fate a record states: its status column, else its notes (some lists write the
    reason a card was closed in a remarks column)."""
    return fate_of(status) or fate_of(notes)


def records_death(fate: Fate | None, death_date: str | None) -> bool:
    """Does the record say the man died, by a date of death or by its stated fate?

    >>> records_death(stated_fate(None, "умер"), None), records_death("returned", None)
    (True, False)
    """
    return bool(death_date) or fate == "died"


def date_of_death(death_date: str | None, fate: Fate | None, left_date: str | None) -> str | None:
    """The date of death, where a card gives it only as the date it was closed.

    ``fate`` is the record's stated fate (:func:`stated_fate` of its status and notes).
    """
    if death_date:
        return death_date
    return left_date if fate == "died" else None
