"""The noise channel: each mechanism of NAMES.md §3, and the levels."""

from __future__ import annotations

import numpy as np
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yokuryu.names import to_cyrillic
from yokuryu.simulate import noise
from yokuryu.simulate.noise import LEVELS, kanji_variant, letter_error, lose_length

CYRILLIC = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщэюя", min_size=1, max_size=12)


@pytest.mark.parametrize(
    ("kana", "short"),
    [
        ("コウチ", "コチ"),
        ("ユウジ", "ユジ"),
        ("サトウ", "サト"),
        ("オオノ", "オノ"),
        ("タロー", "タロ"),
        ("ケイコ", "ケコ"),
        ("ヒロシ", "ヒロシ"),
    ],
)
def test_katakana_loses_long_vowels(kana: str, short: str) -> None:
    assert lose_length(kana) == short


@settings(max_examples=200, deadline=None)
@given(CYRILLIC, st.integers(0, 2**32 - 1))
def test_a_letter_error_changes_at_most_one_letter_to_a_known_confusion(
    text: str, seed: int
) -> None:
    changed = letter_error(text, np.random.default_rng(seed))
    assert len(changed) == len(text)
    diffs = [(a, b) for a, b in zip(text, changed, strict=True) if a != b]
    assert len(diffs) <= 1
    confusions = {**noise.CURSIVE, **noise.A_O, **noise.H_K, **noise.VOICING}
    for a, b in diffs:
        assert b in confusions[a] or b in "".join(
            table.get(a, "") for table, _ in noise.CYRILLIC_ERRORS
        )


def test_non_polivanov_spellings_are_the_documented_ones() -> None:
    gen = np.random.default_rng(1)
    assert noise.polivanov_variant("хироси", gen) == "хироши"
    assert noise.polivanov_variant("митио", gen) == "мичио"
    assert noise.polivanov_variant("сато", gen) == "сато"


def test_old_and_new_kanji_forms() -> None:
    gen = np.random.default_rng(1)
    assert kanji_variant("渡辺", gen) == "渡邊"
    assert kanji_variant("山田", gen) == "山田"


def test_levels_grow_from_clean_to_harsh() -> None:
    clean, typical, harsh = LEVELS["clean"], LEVELS["typical"], LEVELS["harsh"]
    for field in ("cyrillic_error", "swap_parts", "missing_field", "malformed"):
        assert getattr(clean, field) == 0
        assert getattr(clean, field) < getattr(typical, field) < getattr(harsh, field)


def test_clean_soviet_names_are_the_standard_polivanov(tmp_path) -> None:
    from yokuryu.simulate import simulate

    result = simulate(1500, 2, "mhlw", tmp_path, "clean")
    persons = pq.read_table(result.truth_dir / "persons.parquet", columns=["family_kana"])[
        "family_kana"
    ].to_pylist()
    records = pq.read_table(result.truth_dir / "records.parquet").to_pylist()
    cards = [r for r in records if r["kind"] == "soviet_card"]
    text = (tmp_path / "soviet_cards.csv").read_bytes().decode("cp1251").splitlines()[1:]
    assert result.malformed["soviet_cards.csv"] == 0
    for line, record in zip(text[:300], cards[:300], strict=False):
        family = line.split(",")[1]
        assert family == to_cyrillic(persons[record["person_id"] - 1])[0]


def test_copied_paperwork_repeats_the_first_spelling(tmp_path, monkeypatch) -> None:
    import csv
    import dataclasses
    from collections import defaultdict

    from yokuryu.simulate import simulate
    from yokuryu.simulate.archives import soviet

    level = dataclasses.replace(LEVELS["harsh"], swap_parts=0.0, merge_parts=0.0, malformed=0.0)
    monkeypatch.setattr(soviet, "COPIED_SHARE", 1.0)
    result = simulate(1500, 8, "mhlw", tmp_path, level)
    truth = pq.read_table(result.truth_dir / "records.parquet").to_pylist()
    people = [t["person_id"] for t in truth if t["kind"] == "soviet_card"]
    text = (tmp_path / "soviet_cards.csv").read_bytes().decode("cp1251")
    spellings = defaultdict(set)
    for person, row in zip(people, list(csv.reader(text.splitlines()))[1:], strict=True):
        spellings[person].add(row[1])
    assert max(len(s) for s in spellings.values()) == 1
    assert len({s for v in spellings.values() for s in v}) > 100
