"""Every API route and page against a real archive; the error envelope; i18n; docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from web_helpers import assert_error

from yokuryu.web.i18n import LANGUAGES, messages

DOCS = Path(__file__).parents[2] / "docs" / "web.md"


def test_person_api_has_records_side_by_side_path_timeline_sources(client):
    body = client.get("/api/persons/P-SATO").json()
    assert body["ok"] is True and body["display_name"] == "佐藤 博"
    names = [r.get("full_name") or r.get("family_name") for r in body["records"]]
    assert {"佐藤", "Сато Хироси", "サト ヒロシ", "Sato Hiroshi"} == set(names)
    assert all("さとう ひろし" in r["standard"]["readings"] for r in body["records"])
    assert [p["name_en"] for p in body["path"]] == ["Taishet"]
    events = ["captured", "arrived", "transferred", "died"]
    assert [e["event"] for e in body["timeline"]] == events
    assert body["burial_place"] == "Taishet cemetery No. 2"
    assert {s["name"] for s in body["sources"]} >= {"GUPVI cards", "MHLW death list"}
    assert body["certainty"] == {"records": 4, "weak_links": 1, "min_match_probability": 0.85,
                                 "mean_match_probability": 0.925}  # fmt: skip
    alone = client.get("/api/persons/P-TANAKA").json()["certainty"]
    assert alone["weak_links"] == 0


def test_old_person_ids_keep_working(client):
    assert client.get("/api/persons/P-OLD").json()["id"] == "P-SATO"
    page = client.get("/person/P-OLD", follow_redirects=False)
    assert page.status_code == 301 and page.headers["location"] == "/person/P-SATO"


def test_person_page(client):
    html = client.get("/person/P-SATO").text
    for text in ("Сато Хироси", "サト ヒロシ", "Taishet cemetery No. 2", "RGVA f.1p, op.23a",
                 'id="path-data"', 'id="map"'):  # fmt: skip
        assert text in html


def test_places_are_geojson_with_longitude_first(client):
    body = client.get("/api/places").json()
    assert body["type"] == "FeatureCollection"
    taishet = next(f for f in body["features"] if f["properties"]["name_en"] == "Taishet")
    assert taishet["geometry"]["coordinates"] == [98.0, 55.94]
    assert taishet["properties"]["persons"] == 1 and taishet["properties"]["deaths"] == 1
    kinds = {f["properties"]["kind"] for f in body["features"]}
    assert "capture_region" not in kinds and {"camp_town", "port"} <= kinds


def test_camp_page_and_api(client):
    irkutsk = next(f["id"] for f in client.get("/api/places").json()["features"]
                   if f["properties"]["name_en"] == "Irkutsk")  # fmt: skip
    body = client.get(f"/api/places/{irkutsk}").json()
    assert {p["id"] for p in body["people"]} == {"P-TANAKA", "P-TAKAHASHI", "P-TAKAHASHI2"}
    assert set(body["spellings"]) == {"Irkutsk", "Иркутск"}
    assert "田中 一郎" in client.get(f"/camp/{irkutsk}").text
    assert_error(client.get("/api/places/99999"), 404)
    assert_error(client.get("/api/places/abc"), 422)


def test_sources_estimates_me_export(client):
    sources = client.get("/api/sources").json()["sources"]
    assert {s["name"]: s["records"] for s in sources}["GUPVI cards"] == 3
    estimates = client.get("/api/estimates").json()
    assert {e["estimator"] for e in estimates["estimates"]} == {"lcmcr", "loglinear"}
    assert any(c["quantity"] == "deaths_total" for c in estimates["claims"])
    assert {e["quantity"] for e in estimates["estimates"]} == {"deaths"}
    assert {"year": "1946", "kind": "mhlw_death", "event": "death", "n": 1} in estimates[
        "counts_by_year"
    ]
    assert client.get("/api/me").json()["role"] == "public"
    csv_text = client.get("/api/export/persons.csv").text
    assert csv_text.splitlines()[0] == "id,display_name,birth_year,fate,death_date"


def test_estimates_page_draws_intervals_beside_claims(client):
    html = client.get("/estimates").text
    assert html.count("<circle") == 2 and "55000–70000" in html
    claims = client.get("/api/estimates").json()["claims"]
    beside = [c for c in claims if c["quantity"] in ("deaths_total", "deaths_plus_missing")]
    assert html.count('fill="#c0392b"') == len(beside) > 0  # deaths claims drawn, no others


def test_session_route_needs_login(client):
    assert_error(client.get("/api/session"), 403)


def test_openapi_describes_every_api_route(client):
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    for path in ("/api/search", "/api/persons/{person_id}", "/api/places", "/api/estimates",
                 "/api/review/decisions", "/reconcile"):  # fmt: skip
        assert path in paths
    assert "/person/{person_id}" not in paths  # pages are not API


def test_every_api_route_is_documented(client):
    text = DOCS.read_text(encoding="utf-8")
    for path in client.get("/api/openapi.json").json()["paths"]:
        assert f"`{path}`" in text, f"{path} is missing from docs/web.md"


@pytest.mark.parametrize(
    "path", ["/api/nothing", "/api/persons/" + "x" * 5000, "/api/persons/%00", "/api/places/-1"],
    ids=["unknown-route", "huge-id", "nul-id", "negative-id"],
)  # fmt: skip
def test_unknown_things_are_404_in_the_envelope(client, path):
    assert_error(client.get(path), 404)


def test_html_errors_are_pages(client):
    page = client.get("/person/<script>alert(1)</script>")
    assert page.status_code == 404 and "<script>alert(1)" not in page.text


def test_security_headers(client):
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_pages_load_assets_from_local_versioned_paths(client):
    html = client.get("/map").text
    assert "http://" not in html.split("<body")[0] and "https://" not in html.split("<body")[0]
    manifest = Path(__file__).parents[2] / "src/yokuryu/web/static/vendor/manifest.json"
    if manifest.exists():
        assets = json.loads(manifest.read_text())
        assert f"/static/vendor/{assets['leaflet_js']}" in html
        assert "leaflet-1.9.4" in assets["leaflet_js"] and assets["htmx"].startswith("htmx-2.")
        assert client.get(f"/static/vendor/{assets['countries']}").status_code == 200


def test_every_language_has_every_message():
    english = set(messages("en"))
    for lang in LANGUAGES:
        assert set(messages(lang)) == english, lang


def test_language_switch_is_remembered(client):
    switched = client.get("/lang/ja", params={"next": "/map"}, follow_redirects=False)
    assert switched.headers["location"] == "/map" and "lang=ja" in switched.headers["set-cookie"]
    assert "収容所地図" in client.get("/map").text
    client.get("/lang/ru")
    assert "Карта лагерей" in client.get("/").text
    assert (
        client.get("/lang/xx", params={"next": "https://evil"}, follow_redirects=False).headers[
            "location"
        ]
        == "/"
    )


def test_accept_language_chooses_the_first_visit(site):
    from fastapi.testclient import TestClient

    from yokuryu.web import WebSettings, create_app

    with TestClient(create_app(site, WebSettings(host="127.0.0.1"))) as c:
        html = c.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"}).text
    assert 'lang="ru"' in html


def test_oversized_bodies_are_refused_before_reading(client):
    body = assert_error(client.post("/reconcile", content=b"x" * (3 * 1024 * 1024)), 413)
    assert "2 MiB" in body["error"]
