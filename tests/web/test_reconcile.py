"""OpenRefine reconciliation (W3C Reconciliation Service API 0.2): shapes and ranking."""

from __future__ import annotations

import json

import pytest
from web_helpers import assert_error


def assert_manifest(body: dict) -> None:
    assert body["versions"] == ["0.2"]
    for key in ("name", "identifierSpace", "schemaSpace"):
        assert isinstance(body[key], str) and body[key]
    assert {"id": "person", "name": "Person"} in body["defaultTypes"]
    assert "{{id}}" in body["view"]["url"] and "{{id}}" in body["preview"]["url"]
    assert body["preview"]["width"] > 0 and body["preview"]["height"] > 0
    for kind in ("entity", "property", "type"):
        assert body["suggest"][kind]["service_path"].startswith("/reconcile")
    assert body["extend"]["propose_properties"]["service_path"] == "/reconcile/propose"


def assert_candidates(result: dict) -> list[dict]:
    """The 0.2 shape of one query's answer: result list of scored candidates, sorted."""
    assert set(result) == {"result"}
    candidates = result["result"]
    for c in candidates:
        assert isinstance(c["id"], str) and isinstance(c["name"], str)
        assert isinstance(c["score"], int | float) and isinstance(c["match"], bool)
        assert all(set(t) == {"id", "name"} for t in c["type"])
        assert all(isinstance(f["id"], str) and isinstance(f["value"], int | float)
                   for f in c["features"])  # fmt: skip
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)
    return candidates


def test_manifest(client):
    response = client.get("/reconcile")
    assert response.headers["access-control-allow-origin"] == "*"
    assert_manifest(response.json())


@pytest.mark.parametrize("method", ["post", "get"])
def test_exact_name_and_person_id_come_first_with_match(client, method):
    batch = {"q0": {"query": "Сато Хироси", "type": "person", "limit": 5},
             "q1": {"query": "P-SATO"}, "q2": {"query": "佐藤 博"},
             "q3": {"query": "Nobody Atall"}}  # fmt: skip
    if method == "post":
        response = client.post("/reconcile", data={"queries": json.dumps(batch)})
    else:
        response = client.get("/reconcile", params={"queries": json.dumps(batch)})
    body = response.json()
    assert set(body) == set(batch)
    for key in ("q0", "q1", "q2"):
        top = assert_candidates(body[key])[0]
        assert top["id"] == "P-SATO" and top["match"] is True and top["score"] == 100
    assert assert_candidates(body["q3"]) == []


def test_partial_name_is_not_an_automatic_match(client):
    body = client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "Сато"}})})
    top = assert_candidates(body.json()["q"])[0]
    assert top["id"] == "P-SATO" and top["match"] is False and top["score"] < 95


def test_two_close_candidates_are_not_a_match(client):
    batch = {"q": {"query": "Такахаси Киёси"}}
    candidates = assert_candidates(
        client.post("/reconcile", data={"queries": json.dumps(batch)}).json()["q"]
    )
    assert {c["id"] for c in candidates} == {"P-TAKAHASHI", "P-TAKAHASHI2"}
    assert not any(c["match"] for c in candidates[1:])


def test_birth_year_property_moves_the_score(client):
    near = {"q": {"query": "Сато", "properties": [{"pid": "birth_year", "v": 1921}]}}
    far = {"q": {"query": "Сато", "properties": [{"pid": "birth_year", "v": 1935}]}}

    def score(batch: dict) -> dict:
        return client.post("/reconcile", data={"queries": json.dumps(batch)}).json()["q"]["result"][
            0
        ]

    assert score(near)["score"] > score(far)["score"]
    assert {"id": "birth_year_difference", "value": 14} in score(far)["features"]


def test_camp_type_reconciles_against_the_gazetteer(client):
    batch = {"q": {"query": "Тайшет", "type": "camp"}}
    top = assert_candidates(
        client.post("/reconcile", data={"queries": json.dumps(batch)}).json()["q"]
    )[0]
    assert top["name"] == "Taishet" and top["match"] is True


def test_suggest_preview_extend_propose(client):
    suggest = client.get("/reconcile/suggest/entity", params={"prefix": "Сато"}).json()
    assert suggest["result"][0]["id"] == "P-SATO"
    assert (
        client.get("/reconcile/suggest/type", params={"prefix": "Per"}).json()["result"][0]["id"]
        == "person"
    )
    assert client.get("/reconcile/suggest/property", params={"prefix": "Birth"}).json()["result"]
    preview = client.get("/reconcile/preview", params={"id": "P-SATO"})
    assert preview.status_code == 200 and "佐藤 博" in preview.text
    propose = client.get("/reconcile/propose", params={"type": "person"}).json()
    assert {"id": "birth_year", "name": "Birth year"} in propose["properties"]
    request = {"ids": ["P-SATO", "P-NOBODY"],
               "properties": [{"id": "birth_year"}, {"id": "death_date"}, {"id": "camps"}]}  # fmt: skip
    body = client.post("/reconcile", data={"extend": json.dumps(request)}).json()
    assert [m["id"] for m in body["meta"]] == ["birth_year", "death_date", "camps"]
    assert body["rows"]["P-SATO"]["birth_year"] == [{"int": 1921}]
    assert body["rows"]["P-SATO"]["death_date"] == [{"date": "1946-02-11"}]
    assert {"str": "Taishet"} in body["rows"]["P-SATO"]["camps"]
    assert body["rows"]["P-NOBODY"] == {"birth_year": [], "death_date": [], "camps": []}


def test_cors_on_every_reconciliation_endpoint(client):
    for path in ("/reconcile", "/reconcile/suggest/entity?prefix=a", "/reconcile/propose",
                 "/reconcile/preview?id=P-SATO"):  # fmt: skip
        assert client.get(path).headers["access-control-allow-origin"] == "*"
    preflight = client.options("/reconcile", headers={"Origin": "http://127.0.0.1:3333",
                                                      "Access-Control-Request-Method": "POST"})  # fmt: skip
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["access-control-allow-methods"]


@pytest.mark.parametrize(
    "payload",
    [{"queries": "{not json"}, {"queries": "[1, 2]"}, {"queries": json.dumps({"q": "text"})},
     {"extend": "nope"}, {}, {"queries": json.dumps({f"q{i}": {"query": "a"} for i in range(60)})},
     {"queries": json.dumps({"q": {"query": "佐" * 10_000}})}],
    ids=["bad-json", "list", "not-object-query", "bad-extend", "empty", "too-many", "huge"],
)  # fmt: skip
def test_bad_batches_use_the_error_envelope(client, payload):
    assert_error(client.post("/reconcile", data=payload), 422)
