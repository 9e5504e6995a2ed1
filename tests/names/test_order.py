"""Two-part names written given name first (Хироси Сато, 正男 山県): the parts are read
in the order that fits their readings, and names in the usual order are left alone."""

from __future__ import annotations

import numpy as np
import pytest

from yokuryu.names import standardise, to_cyrillic
from yokuryu.names.kana import to_katakana


def _family(text: str) -> list[str]:
    parsed, _ = standardise(text)
    return [part.text for part in parsed.parts if part.role == "family"]


@pytest.mark.parametrize(
    ("written", "family"),
    [("Хироси Сато", "Сато"), ("Соносукэ Адати", "Адати"), ("ヒロシ サトウ", "サトウ"),
     ("正男 山県", "山県"), ("一郎 小林", "小林"), ("Сато Хироси", "Сато"), ("山県 正男", "山県")],
)  # fmt: skip
def test_the_family_name_is_found_in_either_order(written: str, family: str) -> None:
    assert _family(written) == [family]


def test_a_hint_keeps_the_written_order() -> None:
    parsed = standardise("Хироси Сато", hint="family-first")[0]
    assert [p.text for p in parsed.parts if p.role == "family"] == ["Хироси"]


def _sample_names(count: int) -> list[tuple[str, str, str, str]]:
    from yokuryu.simulate.namebank import load_namebank

    bank = load_namebank()
    gen = np.random.default_rng(11)
    fam, giv = bank.surnames.draw(gen, count), bank.men.draw(gen, count)
    return [(bank.surnames.kanji[f], bank.men.kanji[g], bank.surnames.kana[f], bank.men.kana[g])
            for f, g in zip(fam.tolist(), giv.tolist(), strict=True)]  # fmt: skip


def test_names_in_the_usual_order_are_never_swapped_and_most_swapped_ones_are_put_right() -> None:
    wrong_in_order, right_swapped, total = 0, 0, 0
    for fk, gk, fr, gr in _sample_names(400):
        for family, given in ((fk, gk), (to_katakana(fr), to_katakana(gr)),
                              (to_cyrillic(fr)[0], to_cyrillic(gr)[0])):  # fmt: skip
            total += 1
            wrong_in_order += _family(f"{family} {given}") != [family]
            right_swapped += _family(f"{given} {family}") == [family]
    assert wrong_in_order == 0
    assert right_swapped / total > 0.9
