"""The public file for Datasette holds only what an anonymous visitor may see."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from yokuryu.cli import main
from yokuryu.store import connect, registry_path
from yokuryu.web.privacy import ANONYMOUS, visible_sql
from yokuryu.web.publish import METADATA_FILE, PUBLIC_FILE, publish

PUBLIC = {"P-SATO", "P-TANAKA", "P-TAKAHASHI", "P-TAKAHASHI2"}  # dead, or born ≤ 1915
PRIVATE_TEXT = ("鈴木", "Судзуки", "山本", "宮城県仙台市", "Sato Fumiko", "留守宅")


def _published(site, tmp_path):  # type: ignore[no-untyped-def]
    conn = connect(registry_path(site))
    done = publish(conn, tmp_path / "public", years=110)
    return conn, done


def test_only_visible_persons_and_their_records(site, tmp_path):
    conn, done = _published(site, tmp_path)
    visible, params = visible_sql(ANONYMOUS, 110)
    expected = {r[0] for r in conn.execute(f"SELECT p.id FROM person p WHERE {visible}", params)}
    assert expected == PUBLIC  # the oracle agrees with the privacy layer
    out = sqlite3.connect(done.database)
    assert {r[0] for r in out.execute("SELECT id FROM person")} == PUBLIC
    records = {r[0] for r in out.execute("SELECT id FROM record")}
    assert records == {1, 2, 3, 4, 5, 8, 9}
    assert (done.persons, done.records) == (4, 7)
    assert out.execute("SELECT records FROM person WHERE id = 'P-SATO'").fetchone()[0] == 4


def test_no_private_column_or_text_anywhere_in_the_file(site, tmp_path):
    _, done = _published(site, tmp_path)
    out = sqlite3.connect(done.database)
    columns = {r[1] for r in out.execute("PRAGMA table_info(record)")}
    assert not columns & {"notes", "raw_json", "problems_json"}
    raw = done.database.read_bytes()
    for text in PRIVATE_TEXT:
        assert text.encode() not in raw, text


def test_keys_places_and_metadata_for_datasette(site, tmp_path):
    _, done = _published(site, tmp_path)
    out = sqlite3.connect(done.database)
    assert out.execute("PRAGMA foreign_key_check").fetchall() == []
    targets = {r[2] for r in out.execute("PRAGMA foreign_key_list(record)")}
    assert targets == {"person", "source", "place"}
    assert {"latitude", "longitude"} <= {r[1] for r in out.execute("PRAGMA table_info(place)")}
    taishet = out.execute(
        "SELECT p.name_en FROM record r JOIN place p ON p.id = r.place_id WHERE r.id = 2"
    ).fetchone()
    assert taishet == ("Taishet",)
    meta = json.loads(done.metadata.read_text(encoding="utf-8"))
    assert meta["title"] and meta["license"] == "CC-BY-4.0" and meta["source"]
    assert set(meta["databases"]["yokuryu-public"]["tables"]) == {
        "person",
        "record",
        "source",
        "place",
    }


def test_publish_command(site, tmp_path):
    out = tmp_path / "pub"
    result = CliRunner().invoke(
        main, ["publish", "--archive", str(site), "--out", str(out), "--licence", "CC0-1.0"]
    )
    assert result.exit_code == 0, result.output
    assert "4 persons" in result.output
    assert json.loads((out / METADATA_FILE).read_text())["license"] == "CC0-1.0"
    again = CliRunner().invoke(main, ["publish", "--archive", str(site), "--out", str(out)])
    assert again.exit_code == 0 and (out / PUBLIC_FILE).exists()
    (tmp_path / "file").write_text("x")
    refused = CliRunner().invoke(
        main, ["publish", "--archive", str(site), "--out", str(tmp_path / "file")]
    )
    assert refused.exit_code != 0 and "is a file" in refused.output
