"""A person's fate: the linkage's word, else what the records state (yokuryu.fates)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_helpers import SETTINGS

from yokuryu.store import connect, registry_path
from yokuryu.web import create_app
from yokuryu.web.fate import person_fate


def _record(**fields: str) -> dict:
    return {"death_date": None, "repatriation_date": None, "status": None, "notes": None,
            **fields}  # fmt: skip


@pytest.mark.parametrize(
    ("fate", "records", "expected"),
    [
        ("died", [_record(status="репатриирован")], "died"),
        ("unknown", [_record(status="умер 12.01.1946")], "died"),
        (None, [_record(status="ソ連抑留中死亡")], "died"),
        ("unknown", [_record(notes="передан КНР")], "handed_over"),
        ("unknown", [_record(status="復員")], "repatriated"),
        ("unknown", [_record(repatriation_date="1947-05-01")], "repatriated"),
        ("unknown", [_record(status="переведен в л/о 8"), _record(status="умер")], "died"),
        ("unknown", [_record(status="переведен в л/о 8"), _record(status="復員")], "repatriated"),
        ("unknown", [_record(death_date="1946-02-11")], "died"),
        ("unknown", [_record(status="здоров")], "unknown"),
        (None, [], None),
    ],
)  # fmt: skip
def test_person_fate(fate, records, expected):
    assert person_fate(fate, records) == expected


def test_pages_and_api_show_the_fate_the_records_state(site):
    conn = connect(registry_path(site))
    conn.execute("UPDATE record SET status = 'передан КНР' WHERE id = 9")  # P-TAKAHASHI2
    conn.close()
    with TestClient(create_app(site, SETTINGS)) as client:
        assert client.get("/api/persons/P-TAKAHASHI2").json()["fate"] == "handed_over"
        hits = client.get("/api/search", params={"q": "Такахаси Киёси"}).json()["results"]
        assert {h["person_id"]: h["fate"] for h in hits}["P-TAKAHASHI2"] == "handed_over"
        by_id = client.get("/api/search", params={"q": "P-TAKAHASHI2"}).json()["results"]
        assert by_id[0]["fate"] == "handed_over"
        irkutsk = next(
            f["id"] for f in client.get("/api/places").json()["features"]
            if f["properties"]["name_en"] == "Irkutsk"
        )  # fmt: skip
        people = client.get(f"/api/places/{irkutsk}").json()["people"]
        assert {p["id"]: p["fate"] for p in people}["P-TAKAHASHI2"] == "handed_over"


def test_csv_export_shows_the_stated_fate(site):
    conn = connect(registry_path(site))
    conn.execute("UPDATE record SET status = 'передан КНР' WHERE id = 9")
    conn.close()
    with TestClient(create_app(site, SETTINGS)) as client:
        lines = client.get("/api/export/persons.csv").text.splitlines()
    assert "P-TAKAHASHI2,Такахаси Киёси,1915,handed_over," in lines
    assert "P-SATO,佐藤 博,1921,died,1946-02-11" in lines
