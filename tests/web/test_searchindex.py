"""The search index build: the same rows as the plain per-record definition, and the
previous index's text keys reused only when the same name engine made them."""

from __future__ import annotations

from yokuryu.store import connect, registry_path
from yokuryu.web import searchindex
from yokuryu.web.namekeys import all_keys, pair_keys, spelling_key, text_keys


def _expected(conn):  # type: ignore[no-untyped-def]
    """Every (key, person, part) and pair row, record by record, as docs/web.md defines."""
    keys, pairs = set(), set()
    columns = ", ".join(f"r.{c}" for c in searchindex.NAME_COLUMNS)
    sql = (
        f"SELECT pr.person_id, {columns} FROM person_record pr JOIN record r ON r.id = pr.record_id"
    )
    for row in conn.execute(sql):
        for part, text in searchindex.record_name_forms(row):
            found = [spelling_key(text)] if part == "full" else all_keys(text)
            keys.update((key, row["person_id"], part) for key in found if key)
        for family, given in searchindex.record_name_pairs(row):
            pairs.update((key, row["person_id"]) for key in pair_keys(family, given))
    for pid, name in conn.execute("SELECT id, display_name FROM person"):
        if name and spelling_key(name):
            keys.add((spelling_key(name), pid, "full"))
    return keys, pairs


def test_the_index_holds_every_persons_keys(site):
    conn = connect(registry_path(site))
    assert searchindex.build_index(conn, force=True)
    keys, pairs = _expected(conn)
    assert (
        set(map(tuple, conn.execute("SELECT key, person_id, part FROM person_search_key"))) == keys
    )
    assert set(map(tuple, conn.execute("SELECT key, person_id FROM person_search_pair"))) == pairs
    assert keys and pairs


def test_stored_text_keys_are_reused_only_by_the_same_engine(site, monkeypatch):
    conn = connect(registry_path(site))
    stale = "~stale\t"
    conn.execute("UPDATE search_text_key SET keys = ? WHERE text = '博'", (stale,))
    searchindex.build_index(conn, force=True)
    stored = conn.execute("SELECT keys FROM search_text_key WHERE text = '博'").fetchone()[0]
    assert stored == stale, "the same engine's keys are taken from the previous index"
    monkeypatch.setattr(searchindex, "engine_stamp", lambda: "another-engine")
    searchindex.build_index(conn)
    stored = conn.execute("SELECT keys FROM search_text_key WHERE text = '博'").fetchone()[0]
    assert stored == text_keys("博").encode(), "another engine's keys are computed afresh"
