"""One suite proving no restricted person or relatives' detail leaks through any surface."""

from __future__ import annotations

import json

import pytest
from sample_archive import populate
from web_helpers import assert_error, login

from yokuryu.store import connect, registry_path
from yokuryu.web import WebSettings, create_app
from yokuryu.web.accounts import grant_person
from yokuryu.web.privacy import ANONYMOUS, Viewer, cutoff_year

HIDDEN = ("P-SUZUKI", "P-YAMAMOTO")  # restricted; possibly alive (born 1927, no death)
HIDDEN_TEXT = ("鈴木 次郎", "Судзуки Дзиро", "山本 三郎", "1947-01-05")  # queries are partial
# Surfaces whose request names the id (errors and extend rows repeat what was asked).
ECHOES = {"search-id", "api-person", "page-person", "extend", "preview"}


def _taishet(client) -> int:
    features = client.get("/api/places").json()["features"]
    return next(f["id"] for f in features if f["properties"]["name_en"] == "Taishet")


def _surfaces(client) -> dict[str, str]:
    """Every surface an outsider can reach, as text."""
    camp = _taishet(client)
    batch = {f"q{i}": {"query": q} for i, q in enumerate(("Судзуки", "P-SUZUKI", "山本"))}
    return {
        "search": client.get("/api/search", params={"q": "Судзуки"}).text,
        "search-id": client.get("/api/search", params={"q": "P-SUZUKI"}).text,
        "search-camp": client.get("/api/search", params={"camp": camp}).text,
        "search-page": client.get("/", params={"q": "山本"}).text,
        "fragment": client.get("/search/results", params={"q": "Судзуки"}).text,
        "api-person": client.get("/api/persons/P-SUZUKI").text,
        "page-person": client.get("/person/P-YAMAMOTO").text,
        "api-camp": client.get(f"/api/places/{camp}").text,
        "page-camp": client.get(f"/camp/{camp}").text,
        "reconcile": client.post("/reconcile", data={"queries": json.dumps(batch)}).text,
        "suggest": client.get("/reconcile/suggest/entity", params={"prefix": "Суд"}).text,
        "extend": client.post(
            "/reconcile",
            data={"extend": json.dumps({"ids": list(HIDDEN), "properties": [{"id": "fate"}]})},
        ).text,
        "preview": client.get("/reconcile/preview", params={"id": "P-SUZUKI"}).text,
        "export": client.get("/api/export/persons.csv").text,
    }


def test_hidden_persons_are_invisible_to_an_anonymous_visitor_everywhere(client):
    for surface, text in _surfaces(client).items():
        for secret in HIDDEN_TEXT:
            assert secret not in text, f"{secret} leaked through {surface}"
        if surface not in ECHOES:
            for pid in HIDDEN:
                assert pid not in text, f"{pid} leaked through {surface}"


def test_hidden_and_missing_persons_answer_alike(client):
    hidden = assert_error(client.get("/api/persons/P-SUZUKI"), 404)
    missing = assert_error(client.get("/api/persons/P-NOBODY"), 404)
    assert hidden["error"].replace("SUZUKI", "X") == missing["error"].replace("NOBODY", "X")


def test_extend_gives_nothing_for_hidden_ids(client):
    body = client.post(
        "/reconcile",
        data={"extend": json.dumps({"ids": ["P-SUZUKI"], "properties": [{"id": "fate"}]})},
    ).json()
    assert body["rows"]["P-SUZUKI"] == {"fate": []}


def test_an_archivist_sees_them_on_the_same_surfaces(archivist):
    surfaces = _surfaces(archivist)
    assert "P-SUZUKI" in surfaces["search"]
    assert "鈴木" in surfaces["api-person"] and "山本" in surfaces["page-person"]
    assert "P-SUZUKI" in surfaces["api-camp"] and "P-SUZUKI" in surfaces["reconcile"]
    assert "P-SUZUKI" in surfaces["export"] and "P-YAMAMOTO" in surfaces["export"]


def test_counts_differ_by_audience(site):
    from fastapi.testclient import TestClient

    app = create_app(site, WebSettings(host="127.0.0.1"))
    with TestClient(app) as anonymous, TestClient(app) as staff:
        login(staff, "archie")
        camp = _taishet(anonymous)
        seen = anonymous.get(f"/api/places/{camp}").json()
        everything = staff.get(f"/api/places/{camp}").json()
    assert (seen["persons"], seen["deaths"]) == (1, 1)  # 佐藤 only; 鈴木 is restricted
    assert (everything["persons"], everything["deaths"]) == (2, 2)


def test_public_rule_is_evidence_of_death_or_age(client):
    exported = client.get("/api/export/persons.csv").text.splitlines()
    ids = {line.split(",")[0] for line in exported[1:]}
    # dead (佐藤), born 1910 (田中), 1915 ≤ cutoff (高橋); not 1927 without death, not restricted
    assert {"P-SATO", "P-TANAKA"} <= ids
    assert ("P-TAKAHASHI" in ids) == (cutoff_year(110) >= 1915)
    assert not ids & set(HIDDEN)


def test_relatives_details_are_never_public(client):
    record = client.get("/api/persons/P-SATO").json()["records"][0]
    assert record["raw"] == {} and "notes" not in record
    text = client.get("/person/P-SATO").text
    assert "仙台" not in text and "sister" not in text


def test_researcher_sees_the_raw_row_without_relatives(site):
    from fastapi.testclient import TestClient

    with TestClient(create_app(site, WebSettings(host="127.0.0.1"))) as c:
        login(c, "rita")
        records = c.get("/api/persons/P-SATO").json()["records"]
    roster = next(r for r in records if r["ref"] == "M-1")
    assert roster["raw"]["unit_note"] == "第12大隊"
    assert "留守宅住所" not in roster["raw"]
    assert all("notes" not in r for r in records)
    # the file's column behind the notes field is as private as the field itself
    assert all("Sato Fumiko" not in json.dumps(r["raw"], ensure_ascii=False) for r in records)
    assert any(r["raw"].get("full_name") == "Sato Hiroshi" for r in records), "the rest stays"


def test_family_grant_opens_one_person_with_relatives(site):
    from fastapi.testclient import TestClient

    conn = connect(registry_path(site))
    grant_person(conn, "fumiko", "P-SUZUKI", "tester")
    with TestClient(create_app(site, WebSettings(host="127.0.0.1"))) as c:
        login(c, "fumiko")
        assert c.get("/api/persons/P-SUZUKI").status_code == 200
        assert c.get("/api/persons/P-YAMAMOTO").status_code == 404
        sato = c.get("/api/persons/P-SATO").json()["records"]
    assert all("notes" not in r for r in sato), "a grant opens only the granted person"


@pytest.mark.parametrize("role", ["public", "researcher", "family"])
def test_viewers_below_archivist_never_see_restricted(role, archive):
    populate(archive)
    conn = connect(registry_path(archive))
    from yokuryu.web.search import Filters, build_index, search

    build_index(conn)

    def found(who: Viewer) -> set[str]:
        hits = search(conn, who, "鈴木 次郎", Filters(), 110)
        hits += search(conn, who, "Судзуки", Filters(), 110)
        return {h.person_id for h in hits}

    assert "P-SUZUKI" in found(Viewer("keeper", "archivist", 98))
    for who in (Viewer("someone", role, 99), ANONYMOUS):
        assert "P-SUZUKI" not in found(who)
