"""Lists are shown by a readable title; their id stays beside it for citation."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_helpers import SETTINGS

from yokuryu.store import connect, registry_path
from yokuryu.web import create_app
from yokuryu.web.i18n import translator
from yokuryu.web.sources import simulated_parts, source_label

SIM = "sim:mhlw:10000:7:soviet_cards"


@pytest.mark.parametrize(
    ("name", "expected"),
    [(SIM, ("mhlw", 10000, 7)), ("sim:a:b:7:t", None), ("GUPVI cards", None),
     ("sim:mhlw:10000:7", None), ("", None)],
)  # fmt: skip
def test_simulated_parts(name, expected):
    assert simulated_parts(name) == expected


def test_labels_in_each_language():
    assert source_label(SIM, "soviet_card") == (
        "Soviet registration cards · simulated: mhlw, 10,000 persons, seed 7"
    )
    assert source_label(SIM, "mhlw_death", translator("ja")).startswith("厚生労働省の死亡者名簿")
    assert source_label(SIM, None, translator("ru")).startswith("Другой список")
    assert source_label("GUPVI cards", "soviet_card") == "GUPVI cards"


def test_pages_show_the_title_and_cite_the_id(site):
    conn = connect(registry_path(site))
    conn.execute("UPDATE source SET name = ? WHERE id = 2", (SIM,))
    conn.close()
    with TestClient(create_app(site, SETTINGS)) as client:
        page = client.get("/person/P-SATO").text
        assert "Soviet registration cards · simulated: mhlw, 10,000 persons, seed 7" in page
        assert f'<cite class="source-id">{SIM}</cite>' in page
        assert "<strong>Family inquiries</strong> (Family inquiries)" in page, "named lists: kind"
        assert '<cite class="source-id">Family inquiries</cite>' not in page, "no doubled name"
        ja = client.get("/person/P-SATO", params={"lang": "ja"}).text
        assert "ソ連の登録カード" in ja and SIM in ja
        sources = client.get("/api/persons/P-SATO").json()["sources"]
        cards = next(s for s in sources if s["name"] == SIM)
        assert cards["label"].startswith("Soviet registration cards")
        listed = client.get("/api/sources").json()["sources"]
        assert {s["name"]: s["label"] for s in listed}[SIM] == cards["label"]
        assert "Soviet registration cards · simulated" in client.get("/").text
