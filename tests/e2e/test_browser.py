"""The site in real Chromium: search in each script, person page with map, camp map,
review with undo, language switch, privacy; screenshots saved to test-artifacts/."""

from __future__ import annotations

import re

import pytest
from browser_helpers import shot, vendor_installed
from playwright.sync_api import Page, expect
from sample_archive import PASSWORD

pytestmark = pytest.mark.e2e
expect.set_options(timeout=30_000)  # a deadline, not a measurement: the machine is busy
needs_assets = pytest.mark.skipif(
    not vendor_installed(), reason="npm assets missing: run scripts/install-web-assets"
)


def _login(page: Page, server: str, name: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("#login-button")
    expect(page.locator("#signed-in")).to_contain_text(name)


@pytest.mark.parametrize(
    "query", ["佐藤博", "さとう ひろし", "Sato Hiroshi", "Сато Хироси", "サト ヒロシ"],
    ids=["kanji", "hiragana", "romaji", "cyrillic", "katakana"],
)  # fmt: skip
def test_live_search_in_each_script_finds_the_person(page: Page, server, query):
    page.goto(server)
    page.fill("#q", query)  # typing, no submit: htmx fetches results live
    first = page.locator(".hit").first
    expect(first).to_have_attribute("data-person", "P-SATO")
    expect(first.locator(".why")).not_to_be_empty()
    if query == "Сато Хироси":
        shot(page, "search")


@needs_assets
def test_person_page_shows_records_and_map(page: Page, server):
    page.goto(f"{server}/person/P-SATO")
    expect(page.locator("#records thead th")).to_have_count(5)
    for text in ("Сато Хироси", "サト ヒロシ", "Sato Hiroshi", "佐藤"):
        expect(page.locator("#records")).to_contain_text(text)
    expect(page.locator("#map")).to_have_attribute("data-basemap", "drawn")
    expect(page.locator("#map")).to_have_attribute("data-points", "1")
    expect(page.locator("path.path-point")).to_be_visible()
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # Natural Earth countries
    expect(page.locator("#timeline li")).to_have_count(4)  # captured, arrived, transferred, died
    expect(page.locator("#weak-links")).to_contain_text("1 record(s) joined on a weak link")
    shot(page, "person")


@needs_assets
def test_camp_map_draws_camps_and_opens_one(page: Page, server):
    page.goto(f"{server}/map")
    expect(page.locator("#map")).to_have_attribute("data-basemap", "drawn")
    expect(page.locator("#map")).to_have_attribute("data-camps", re.compile(r"^[1-9]\d+$"))
    shot(page, "map")
    camps = page.evaluate(
        "fetch('/api/places').then(r => r.json()).then(d => d.features.find("
        "f => f.properties.name_en === 'Taishet').id)"
    )
    page.locator(f"path.camp-{camps}").click(force=True)
    page.locator(".camp-link").click()
    expect(page.locator("#camp-name")).to_contain_text("Taishet")
    expect(page.locator("#camp-people")).to_contain_text("佐藤 博")
    shot(page, "camp")


def test_review_decision_is_made_undone_and_audited(page: Page, server):
    _login(page, server, "archie")
    page.goto(f"{server}/review")
    expect(page.locator("#pair")).to_contain_text("Такахаси Киёси")
    shot(page, "review")
    page.keyboard.press("a")  # accept
    expect(page.locator("#queue-empty")).to_be_visible()
    expect(page.locator("#decisions .verdict").first).to_have_text("match")
    page.keyboard.press("z")  # undo
    expect(page.locator("#pair")).to_be_visible()
    expect(page.locator("#decisions .verdict").first).to_have_text("undo")
    expect(page.locator("#decisions tr").first).to_contain_text("archie")
    decisions = page.request.get(f"{server}/api/review/decisions").json()["decisions"]
    assert [d["verdict"] for d in decisions[:2]] == ["undo", "match"]
    assert all(d["actor"] == "archie" and d["at"] for d in decisions[:2])


def test_language_switch_is_remembered(page: Page, server):
    page.goto(server)
    page.click("#lang-ja")
    expect(page.locator("h1")).to_have_text("人物を探す")
    page.goto(f"{server}/map")
    expect(page.locator("h1")).to_have_text("収容所・病院・港")
    shot(page, "search-ja")
    page.click("#lang-ru")
    expect(page.locator("h1")).to_have_text("Лагеря, госпитали и порты")
    page.goto(server)
    expect(page.locator("h1")).to_have_text("Найти человека")
    page.click("#lang-en")


def test_restricted_person_invisible_to_anonymous_and_visible_to_archivist(page: Page, server):
    page.goto(server)
    page.fill("#q", "Судзуки")
    expect(page.locator(".empty")).to_be_visible()
    response = page.goto(f"{server}/person/P-SUZUKI")
    assert response is not None and response.status == 404
    assert "鈴木" not in page.content()
    page.goto(f"{server}/map")
    page.goto(server)
    _login(page, server, "archie")
    page.goto(server)
    page.fill("#q", "Судзуки")
    expect(page.locator(".hit").first).to_have_attribute("data-person", "P-SUZUKI")
    page.goto(f"{server}/person/P-SUZUKI")
    expect(page.locator("#person-name")).to_have_text("鈴木 次郎")
    expect(page.locator(".restricted")).to_be_visible()
    shot(page, "restricted-archivist")
