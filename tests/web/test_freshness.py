"""A running server notices a new linkage run and searches the new persons without a restart."""

from __future__ import annotations

import json
from dataclasses import replace

from fastapi.testclient import TestClient
from web_helpers import SETTINGS

from yokuryu.store import connect, registry_path, transaction
from yokuryu.web import create_app
from yokuryu.web.freshness import IndexWatcher, live_stamp

NOW = "2026-02-01T00:00:00+00:00"


def _new_live_run(archive) -> None:  # type: ignore[no-untyped-def]
    """What `yokuryu link` does: a new run goes live with a person the old one lacked."""
    conn = connect(registry_path(archive))
    with transaction(conn):
        conn.execute(
            "INSERT INTO record (id, source_id, batch_id, row_number, ref, family_name, "
            "given_name, birth_year, death_date, raw_json) VALUES (10, 1, 1, 10, 'R-10', "
            "'木村', '正', 1918, '1946-03-01', ?)",
            (json.dumps({"氏名": "木村 正"}, ensure_ascii=False),),
        )
        conn.execute("UPDATE link_run SET status = 'superseded' WHERE status = 'live'")
        conn.execute(
            "INSERT INTO link_run (id, started_at, engine, status, started_by) "
            "VALUES ('run-2', ?, 'duckdb', 'live', 'tester')",
            (NOW,),
        )
        conn.execute(
            "INSERT INTO person (id, run_id, display_name, birth_year, fate, death_date, "
            "created_at) VALUES ('P-KIMURA', 'run-2', '木村 正', 1918, 'died', '1946-03-01', ?)",
            (NOW,),
        )
        conn.execute(
            "INSERT INTO person_record (record_id, person_id, run_id, match_probability) "
            "VALUES (10, 'P-KIMURA', 'run-2', 1.0)"
        )
    conn.close()


def _found(client: TestClient, query: str) -> set[str]:
    return {
        h["person_id"] for h in client.get("/api/search", params={"q": query}).json()["results"]
    }


def test_running_server_searches_a_new_live_run_without_restart(site):
    with TestClient(create_app(site, replace(SETTINGS, refresh_seconds=0))) as client:
        assert _found(client, "木村 正") == set()
        _new_live_run(site)
        client.get("/api/me")  # any request lets the server notice
        watcher: IndexWatcher = client.app.state.watcher  # type: ignore[attr-defined]
        watcher.join(timeout=60)
        assert watcher.rebuilds == 1
        assert _found(client, "木村 正") == {"P-KIMURA"}
        assert _found(client, "佐藤 博") == {"P-SATO"}, "the old persons are still found"
        client.get("/api/me")
        watcher.join(timeout=60)
        assert watcher.rebuilds == 1, "nothing changed since: no second rebuild"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_stamp_is_read_at_most_once_per_interval(site):
    clock = FakeClock()
    watcher = IndexWatcher(site, interval=5, clock=clock)
    conn = connect(registry_path(site))
    watcher.prime(conn)
    _new_live_run(site)
    assert watcher.poll(conn) is False, "too soon after the start"
    clock.now += 5
    assert watcher.poll(conn) is True
    watcher.join(timeout=60)
    clock.now += 5
    assert watcher.poll(conn) is False, "the same live run: nothing to rebuild"
    assert watcher.rebuilds == 1


def test_stamp_moves_with_the_live_run_only(site):
    conn = connect(registry_path(site))
    before = live_stamp(conn)
    conn.execute("INSERT INTO audit (at, actor, action) VALUES (?, 'x', 'y')", (NOW,))
    assert live_stamp(conn) == before
    _new_live_run(site)
    assert live_stamp(conn) != before


def test_a_new_name_engine_rebuilds_the_index(site, monkeypatch):
    from yokuryu.web import searchindex

    conn = connect(registry_path(site))
    assert searchindex.build_index(conn) is None, "the template's index is fresh"
    monkeypatch.setattr(searchindex, "engine_stamp", lambda: "another-engine")
    assert searchindex.build_index(conn) is not None
    assert searchindex.build_index(conn) is None
