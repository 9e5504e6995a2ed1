"""A record's name fields into keys: one field alone is one name part."""

from __future__ import annotations

from typing import Any

from yokuryu.link.standardise import father_keys, name_keys


def _row(family: str | None = None, given: str | None = None, full: str | None = None) -> Any:
    return {"family_name": family, "given_name": given, "full_name": full, "name_reading": None}


def test_a_family_name_alone_is_not_cut_in_two() -> None:
    family, given = name_keys(_row(family="佐々木"))
    assert family.exact == "sasaki"
    assert given.exact is None


def test_a_given_name_alone_is_a_given_name() -> None:
    family, given = name_keys(_row(given="喜代志"))
    assert family.exact is None
    assert given.exact == "kiyosi"


def test_an_unspaced_full_name_is_still_cut() -> None:
    family, given = name_keys(_row(full="佐藤博"))
    assert (family.exact, given.exact) == ("sato", "hirosi")


def test_a_fathers_name_in_kanji_is_one_name() -> None:
    assert father_keys("喜代志").exact == "kiyosi"
    assert father_keys("Хироси").exact == "hirosi"
