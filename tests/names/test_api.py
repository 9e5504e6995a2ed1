"""Oracle tests of the public API against known answers from NAMES.md and JMnedict."""

from __future__ import annotations

import pytest

from yokuryu import names
from yokuryu.names import readers


@pytest.mark.parametrize(
    ("kana", "expected"),
    [
        ("さとう", "Сато"),
        ("ひろし", "Хироси"),
        ("じゅんいち", "Дзюнъити"),
        ("ほんま", "Хомма"),
        ("はっとり", "Хаттори"),
        ("しょうじ", "Сёдзи"),
        ("つちや", "Цутия"),
        ("ふくだ", "Фукуда"),
    ],
    ids=lambda v: str(v),
)
def test_to_cyrillic_polivanov_standard_first(kana: str, expected: str) -> None:
    assert names.to_cyrillic(kana)[0] == expected


def test_to_cyrillic_lists_documented_variants() -> None:
    assert {"Сэйдзи", "Сэидзи"} <= set(names.to_cyrillic("せいじ"))
    assert {"Дзюнъити", "Дзюнити"} <= set(names.to_cyrillic("じゅんいち"))
    assert {"Хироси", "Хироши"} <= set(names.to_cyrillic("ひろし"))
    assert {"Каваи", "Кавай"} <= set(names.to_cyrillic("かわい"))


@pytest.mark.parametrize(
    ("romaji", "kana"),
    [
        ("Satō", "さとう"),
        ("Satoh", "さとう"),
        ("Satou", "さとう"),
        ("Tyôzi", "ちょうじ"),
        ("Jun'ichi", "じゅんいち"),
        ("Hattori", "はっとり"),
        ("Homma", "ほんま"),
    ],
)
def test_romaji_to_kana(romaji: str, kana: str) -> None:
    assert names.romaji_to_kana(romaji) == kana


def test_kana_to_romaji_systems_and_long_vowels() -> None:
    assert names.kana_to_romaji("しょうじ") == "shōji"
    assert names.kana_to_romaji("しょうじ", "kunrei", "none") == "syozi"
    assert names.kana_to_romaji("しょうじ", "hepburn", "oh") == "shohji"
    assert names.kana_to_romaji("おおの", "hepburn", "oo") == "oono"
    with pytest.raises(ValueError, match="unknown romanisation"):
        names.kana_to_romaji("さとう", "wapuro")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Сато", "さとう"),
        ("Хироси", "ひろし"),
        ("佐藤", "さとう"),
        ("Satō", "さとう"),
        ("ヒロシ", "ひろし"),
        ("佐藤 博", "さとう ひろし"),
        ("Сато Хироши", "さとう ひろし"),
    ],
)
def test_readings_best_candidate(text: str, best: str) -> None:
    found = names.readings(text)
    assert found[0].kana == best
    assert abs(sum(r.weight for r in found) - 1.0) < 1e-6


def test_kanji_with_several_readings_lists_them() -> None:
    kana = {r.kana for r in names.readings("河野")}
    assert {"こうの", "かわの"} <= kana


def test_parse_splits_and_orders() -> None:
    parsed = names.parse("佐藤博")
    assert (parsed.family.text, parsed.given.text) == ("佐藤", "博")  # type: ignore[union-attr]
    latin = names.parse("Hiroshi Sato")
    assert latin.family.text == "Sato"  # type: ignore[union-attr]
    card = names.parse("Сато Хироси Таро")
    assert [p.role for p in card.parts] == ["family", "given", "patronymic"]


def test_keys_unify_spellings() -> None:
    for text in ("Сато Хироси", "佐藤 博", "Satō Hiroshi", "サトウ ヒロシ", "Сато Хироши"):
        assert [(k.exact, k.coarse) for k in names.keys(text)] == [
            ("sato", "sata"),
            ("hirosi", "hirasi"),
        ]


@pytest.mark.parametrize(
    ("part", "exact"),
    [("佐々木", "sasaki"), ("長谷川", "hasegawa"), ("喜代志", "kiyosi"), ("なかにし", "nakanisi")],
)
def test_keys_of_one_part_kept_whole(part: str, exact: str) -> None:
    # Without the hint the full-name parser cuts a long part in two (佐々 | 木).
    assert [k.exact for k in names.keys(part, hint="whole")] == [exact]
    assert len(names.keys(part)) == 2
    with pytest.raises(ValueError):
        names.keys(part, hint="sideways")


def test_similarity_across_scripts() -> None:
    assert names.similarity("Сато Хироси", "佐藤 博") == 1.0
    assert names.similarity("Сато Хироси", "サト ヒロシ") == 1.0
    assert names.similarity("Хироси Сато", "佐藤 博") > 0.9
    assert names.similarity("Танака Итиро", "佐藤 博") < 0.6


def test_explain_reports_each_step() -> None:
    explanation = names.explain("Сото Киросе", "佐藤 博")
    steps = [s for p in explanation.parts for s in p["steps"]]  # type: ignore[attr-defined]
    assert {"op": "substitute", "a": "ki", "b": "hi", "cost": 0.35} in steps
    assert 0.7 < explanation.score < 1.0


@pytest.mark.parametrize(
    ("field", "parts"),
    [
        ("佐々木", ["sasaki"]),
        ("五十嵐", ["igarasi"]),
        ("大久保", ["okubo"]),
        ("喜代志", ["kiyosi"]),
        ("なかにし", ["nakanisi"]),
        ("吉田茂吉", ["yosida", "sigeyosi"]),
        ("林一郎", ["hayasi", "itiro"]),
        ("かとうただし", ["kato", "tadasi"]),
    ],
)
def test_one_field_is_cut_only_when_it_holds_a_full_name(field: str, parts: list[str]) -> None:
    # A roster writes 吉田茂吉 in its family column: one field, yet family and given name.
    assert [k.exact for k in names.keys(field, hint="one-field")] == parts


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("正三良", "しょうざぶろう"),
        ("美推", "よしお"),
        ("正冶", "しょうじ"),
        ("喜一良", "きいちろう"),
    ],
)
def test_a_look_alike_character_also_reads_as_the_name_it_was_copied_from(
    written: str, meant: str
) -> None:
    # A clerk's 良 for 郎 (推 for 雄, 冶 for 治): the intended name is among the readings.
    assert meant in [kana for kana, _ in readers.kanji_readings(written, "given", 6)]


def test_a_real_name_is_not_read_through_a_look_alike() -> None:
    # 良雄 and 良一 are names of their own; 郎雄 and 郎一 are not, so nothing is added.
    assert readers.kanji_readings("良雄", "given", 1)[0][0] == "よしお"
    assert "ろういち" not in [k for k, _ in readers.kanji_readings("良一", "given", 10)]
