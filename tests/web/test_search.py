"""Search: any script finds the right person, first; filters; hostile input."""

from __future__ import annotations

import pytest
from web_helpers import assert_error

from yokuryu.web.search import part_matches


@pytest.mark.parametrize(
    "query",
    ["佐藤博", "佐藤 博", "さとう", "さとう ひろし", "Sato Hiroshi", "hiroshi sato",
     "Сато Хироси", "サト ヒロシ", "ｻﾄ ﾋﾛｼ"],
    ids=["kanji", "kanji-spaced", "hiragana-family", "hiragana-full", "romaji",
         "romaji-given-first", "cyrillic", "katakana", "half-width-katakana"],
)  # fmt: skip
def test_search_in_each_script_finds_the_person_first(client, query):
    body = client.get("/api/search", params={"q": query}).json()
    assert body["ok"] is True
    assert body["results"][0]["person_id"] == "P-SATO"
    assert body["results"][0]["reasons"], "a result says why it matched"


def test_exact_full_name_scores_one_and_partial_less(client):
    exact = client.get("/api/search", params={"q": "Сато Хироси"}).json()["results"][0]
    partial = client.get("/api/search", params={"q": "Сато"}).json()["results"][0]
    assert exact["score"] == 1.0
    assert partial["person_id"] == "P-SATO" and partial["score"] < 1.0


def test_person_id_and_old_id_find_the_person(client):
    for query in ("P-SATO", "P-OLD"):
        hit = client.get("/api/search", params={"q": query}).json()["results"][0]
        assert hit["person_id"] == "P-SATO"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Такахаси", "birth_from": 1914, "birth_to": 1916}, {"P-TAKAHASHI", "P-TAKAHASHI2"}),
        ({"q": "佐藤", "birth_from": 1930}, set()),
        ({"q": "田中", "prefecture": "秋田"}, {"P-TANAKA"}),
        ({"q": "田中", "prefecture": "宮城"}, set()),
        ({"q": "佐藤", "fate": "died"}, {"P-SATO"}),
        ({"q": "佐藤", "source": 3}, {"P-SATO"}),
        ({"q": "田中", "source": 3}, set()),
    ],
    ids=["birth-range", "birth-range-excludes", "prefecture", "prefecture-excludes",
         "fate", "source", "source-excludes"],
)  # fmt: skip
def test_filters(client, params, expected):
    got = {h["person_id"] for h in client.get("/api/search", params=params).json()["results"]}
    assert got == expected


def test_camp_filter_uses_the_gazetteer(client):
    taishet = client.get("/api/places").json()["features"]
    place = next(f for f in taishet if f["properties"]["name_en"] == "Taishet")
    body = client.get("/api/search", params={"camp": place["id"]}).json()
    assert {h["person_id"] for h in body["results"]} == {"P-SATO"}


@pytest.mark.parametrize(
    "query",
    ["' OR 1=1 --", "佐藤'; DROP TABLE person; --", "<script>alert(1)</script>",
     "%", "_", "\x00\x01", "   ", "🙂" * 50, "a" * 200],
    ids=["sql-or", "sql-drop", "script-tag", "percent", "underscore", "control-chars",
         "blank", "emoji", "at-limit"],
)  # fmt: skip
def test_hostile_queries_are_harmless(client, query):
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    page = client.get("/", params={"q": query})
    assert page.status_code == 200 and "<script>alert(1)" not in page.text
    assert client.get("/api/search", params={"q": "佐藤"}).json()["count"] == 1


def test_ten_thousand_characters_are_refused_clearly(client):
    body = assert_error(client.get("/api/search", params={"q": "Сато " * 2_000}), 422)
    assert "9999 characters" in body["error"]
    fragment = client.get("/search/results", params={"q": "x" * 10_000})
    assert fragment.status_code == 422 and "limit is 200" in fragment.text


def test_bad_filter_values_use_the_envelope(client):
    body = assert_error(client.get("/api/search", params={"birth_from": "abc"}), 422)
    assert body["errors"][0]["where"].endswith("birth_from")


def test_live_fragment_lists_persons_with_reasons(client):
    html = client.get("/search/results", params={"q": "Сато Хироси"}).text
    assert 'href="/person/P-SATO"' in html
    assert "Хироси ~ Хироси (given name, same spelling: хироси)" in html
    html = client.get("/search/results", params={"q": "Хироси"}).text
    assert "Хироси ~ Хироси (given name, same spelling: хироси)" in html


SWAPPED = [("family", "佐藤"), ("given", "博"), ("given", "Сато"), ("family", "Хироси"),
           ("family", "Сато"), ("given", "Хироси")]  # fmt: skip


@pytest.mark.parametrize(
    ("tokens", "kinds"),
    [(["Сато"], ["family"]), (["Хироси"], ["given"]), (["Сато", "Хироси"], ["family", "given"]),
     (["Хироси", "Сато"], ["given", "family"]), (["さとう"], ["family"])],
)  # fmt: skip
def test_part_kind_follows_most_records_not_a_swapped_one(tokens, kinds):
    """A clerk swapped family and given on one card: Сато is still the family name."""
    assert [m.kind for m in part_matches(tokens, SWAPPED)] == kinds


def test_part_kind_tie_follows_the_query_order():
    forms = [("given", "Сато"), ("family", "Сато")]
    assert [m.kind for m in part_matches(["Сато"], forms)] == ["family"]
    assert [m.kind for m in part_matches(["Хироси", "Сато"], forms)][-1] == "given"


def test_best_match_is_the_spelling_then_the_likeliest_reading():
    forms = [("family", "佐藤"), ("given", "博")]
    (match,) = part_matches(["ひろし"], forms)
    assert (match.text, match.key, match.quality) == ("博", "~hirosi", 0.9)
    (other,) = part_matches(["はく"], forms)  # 博 read haku: one of its other readings
    assert other.text == "博" and other.quality < match.quality
    assert part_matches(["Иванов"], forms) == []


def test_empty_form_filters_mean_no_filter(client):
    params = {"q": "佐藤", "birth_from": "", "birth_to": "", "camp": "", "source": "", "fate": ""}
    fragment = client.get("/search/results", params=params)
    assert fragment.status_code == 200 and 'data-person="P-SATO"' in fragment.text


def test_stored_name_keys_are_the_engines(site_template):
    """Ranking reads each name part's keys from the index; they must be the engine's."""
    from yokuryu.store import connect, registry_path
    from yokuryu.web import search as search_module
    from yokuryu.web.namekeys import TextKeys, text_keys

    conn = connect(registry_path(site_template))
    stored = dict(conn.execute("SELECT text, keys FROM search_text_key"))
    assert {"佐藤", "博", "Сато", "Хироси", "さとう", "ひろし"} <= stored.keys()
    for text, keys in stored.items():
        assert TextKeys.decode(keys) == text_keys(text), text
    search_module._BOOK.clear()
    assert search_module.key_book(conn, {"博", "未知"}) == {
        "博": text_keys("博"), "未知": text_keys("未知")
    }  # fmt: skip


def _add_kanji_only_persons(site):  # type: ignore[no-untyped-def]
    """Two dead men known only by a kanji roster line: 佐々木 喜代志 and 中村 亜喜良."""
    from sample_archive import NOW, _insert, _record_row

    from yokuryu.store import connect, registry_path, transaction

    conn = connect(registry_path(site))
    with transaction(conn):
        for rid, pid, family, given in ((50, "P-SASAKI", "佐々木", "喜代志"),
                                        (51, "P-NAKAMURA", "中村", "亜喜良")):  # fmt: skip
            fields = {"family_name": family, "given_name": given, "death_date": "1946-03-01"}
            _insert(conn, "record", _record_row(rid, 1, f"M-{rid}", fields))
            _insert(conn, "person", {"id": pid, "run_id": "run-1", "display_name": f"{family} {given}",
                                     "death_date": "1946-03-01", "created_at": NOW})  # fmt: skip
            _insert(conn, "person_record", {"record_id": rid, "person_id": pid, "run_id": "run-1",
                                            "match_probability": 1.0})  # fmt: skip
    return conn


@pytest.mark.parametrize(
    ("query", "found"),
    [("Sasaki Kiyoshi", "P-SASAKI"), ("ササキ キヨシ", "P-SASAKI"), ("佐々木", "P-SASAKI"),
     ("ささき", "P-SASAKI"), ("Nakamura Akira", "P-NAKAMURA")],
)  # fmt: skip
def test_a_long_name_part_is_read_whole(site, query, found):
    """佐々木 and 喜代志 are one part each: keyed sasaki and kiyosi, not cut in two (佐々 | 木,
    喜 | 代志) as the full-name parser would; and 亜喜良 (akira) is no Kiyoshi."""
    from yokuryu.web.privacy import ANONYMOUS
    from yokuryu.web.search import Filters, build_index, search

    conn = _add_kanji_only_persons(site)
    build_index(conn)
    hits = search(conn, ANONYMOUS, query, Filters(), 110)
    assert hits and hits[0].person_id == found, [(h.person_id, h.reasons) for h in hits]
    kiyoshi = search(conn, ANONYMOUS, "Nakamura Kiyoshi", Filters(), 110)
    assert "P-NAKAMURA" not in [h.person_id for h in kiyoshi if h.score >= 0.8]
