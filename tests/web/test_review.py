"""Review: the queue, decisions appended with who and when, undo, audit, permissions."""

from __future__ import annotations

import pytest
from web_helpers import assert_error, login

from yokuryu.store import connect, registry_path


def _csrf(c) -> str:
    return c.get("/api/session").json()["csrf"]


def test_queue_shows_both_records_and_weights(archivist):
    pair = archivist.get("/api/review/queue").json()["pairs"][0]
    assert (pair["left"]["id"], pair["right"]["id"]) == (8, 9)
    assert pair["left"]["family_name"] == "高橋" and pair["right"]["full_name"] == "Такахаси Киёси"
    assert pair["features"]["full_name"] == 3.1 and pair["match_probability"] == 0.62


def test_decide_then_undo_appends_and_audits(archivist, site):
    csrf = _csrf(archivist)
    decided = archivist.post("/api/review/decisions", headers={"X-CSRF-Token": csrf},
                             json={"record_id_l": 9, "record_id_r": 8, "verdict": "match",
                                   "reason": "same man"})  # fmt: skip
    decision_id = decided.json()["decision_id"]
    assert archivist.get("/api/review/queue").json()["pairs"] == []
    undone = archivist.post(f"/api/review/decisions/{decision_id}/undo",
                            headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert undone.status_code == 200
    assert archivist.get("/api/review/queue").json()["pairs"][0]["id"] == 1
    conn = connect(registry_path(site))
    rows = [tuple(r) for r in conn.execute(
        "SELECT record_id_l, record_id_r, verdict, actor, supersedes FROM decision ORDER BY id")]  # fmt: skip
    assert rows == [(8, 9, "match", "archie", None), (8, 9, "undo", "archie", decision_id)]
    actions = [r[0] for r in conn.execute("SELECT action FROM audit WHERE actor = 'archie'")]
    assert actions.count("review.decide") == 1 and actions.count("review.undo") == 1
    again = archivist.post(
        f"/api/review/decisions/{decision_id}/undo", headers={"X-CSRF-Token": csrf}
    )
    assert "no longer in force" in assert_error(again, 400)["error"]


def test_a_new_verdict_supersedes_and_undo_restores_it(archivist, site):
    csrf = {"X-CSRF-Token": _csrf(archivist)}
    pair = {"record_id_l": 8, "record_id_r": 9}
    first = archivist.post(
        "/api/review/decisions", headers=csrf, json={**pair, "verdict": "unsure"}
    )
    second = archivist.post(
        "/api/review/decisions", headers=csrf, json={**pair, "verdict": "non_match"}
    )
    archivist.post(f"/api/review/decisions/{second.json()['decision_id']}/undo", headers=csrf)
    from yokuryu.web.review import effective

    current = effective(connect(registry_path(site)), 8, 9)
    assert current is not None and current["id"] == first.json()["decision_id"]


def test_html_review_form_decides_and_undoes(archivist):
    page = archivist.get("/review")
    assert "高橋" in page.text and "Такахаси Киёси" in page.text
    assert '<th>name_frequency</th><td></td><td></td><td class="weight">0.7</td>' in page.text
    csrf = _csrf(archivist)
    archivist.post("/review/decide", data={"left": 8, "right": 9, "verdict": "match", "csrf": csrf})
    after = archivist.get("/review").text
    assert 'id="queue-empty"' in after and 'class="verdict">match' in after
    decision = archivist.get("/api/review/decisions").json()["decisions"][0]
    archivist.post("/review/undo", data={"decision_id": decision["id"], "csrf": csrf})
    assert 'id="pair"' in archivist.get("/review").text


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"record_id_l": 8, "record_id_r": 9, "verdict": "maybe"}, 400, "Unknown verdict"),
        ({"record_id_l": 8, "record_id_r": 8, "verdict": "match"}, 400, "itself"),
        ({"record_id_l": 8, "record_id_r": 999, "verdict": "match"}, 400, "Unknown record"),
        ({"record_id_l": "x", "record_id_r": 9, "verdict": "match"}, 422, "invalid"),
    ],
    ids=["verdict", "same-record", "unknown-record", "not-a-number"],
)
def test_bad_decisions_are_refused(archivist, body, status, words):
    response = archivist.post("/api/review/decisions", json=body,
                              headers={"X-CSRF-Token": _csrf(archivist)})  # fmt: skip
    assert words in assert_error(response, status)["error"]


def test_writes_need_csrf_and_an_archivist(client, site):
    body = {"record_id_l": 8, "record_id_r": 9, "verdict": "match"}
    assert_error(client.post("/api/review/decisions", json=body), 403)
    login(client, "rita")
    response = client.post("/api/review/decisions", json=body, headers={"X-CSRF-Token": "forged"})
    assert "expired" in assert_error(response, 403)["error"]
    response = client.post(
        "/api/review/decisions", json=body, headers={"X-CSRF-Token": _csrf(client)}
    )
    assert "Only archivists" in assert_error(response, 403)["error"]
    assert client.get("/review").status_code == 403
    conn = connect(registry_path(site))
    assert conn.execute("SELECT count(*) FROM decision").fetchone()[0] == 0
