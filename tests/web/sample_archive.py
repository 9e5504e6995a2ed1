"""A small real archive for the web tests: sources, records in four scripts, a live
linkage run with persons (public on a death record, public by age, restricted, possibly
alive), a review pair, an estimate and users. Plain SQL into a fresh registry."""

from __future__ import annotations

import json
from pathlib import Path

from yokuryu.store import connect, registry_path, transaction
from yokuryu.web.accounts import add_user

PASSWORD = "correct horse battery"
NOW = "2026-01-01T00:00:00+00:00"

SOURCES = [
    (1, "JP roster Maizuru", "jp_roster", "ja", "Maizuru Regional Repatriation Office roster"),
    (2, "GUPVI cards", "soviet_card", "ru", "RGVA f.1p, op.23a"),
    (3, "MHLW death list", "mhlw_death", "ja", "MHLW list of deceased (katakana)"),
    (4, "Family inquiries", "inquiry", "en", "Letters to the Red Cross"),
]

# (record id, source id, ref, fields)
RECORDS = [
    (
        1,
        1,
        "M-1",
        {
            "family_name": "佐藤",
            "given_name": "博",
            "name_reading": "さとう ひろし",
            "birth_year": 1921,
            "prefecture": "宮城",
            "rank": "上等兵",
            "camp": "Тайшет",
            "capture_date": "1945-08-20",
        },
    ),
    (
        2,
        2,
        "C-1",
        {
            "full_name": "Сато Хироси",
            "father_name": "Кэндзи",
            "birth_year": 1921,
            "camp": "лагерь № 7",
            "arrival_date": "1945-09-01",
            "transfer_date": "1945-11-03",
        },
    ),
    (
        3,
        3,
        "D-1",
        {
            "full_name": "サト ヒロシ",
            "birth_year": 1921,
            "camp": "Тайшет",
            "death_date": "1946-02-11",
            "death_place": "Тайшет",
            "burial_place": "Taishet cemetery No. 2",
        },
    ),
    (
        4,
        4,
        "I-1",
        {
            "full_name": "Sato Hiroshi",
            "birth_year": 1921,
            "notes": "Asked by his sister Sato Fumiko",
        },
    ),
    (
        5,
        1,
        "M-2",
        {
            "family_name": "田中",
            "given_name": "一郎",
            "birth_year": 1910,
            "prefecture": "秋田",
            "camp": "Irkutsk",
            "repatriation_date": "1948-06-01",
            "port": "Nakhodka",
        },
    ),
    (
        6,
        2,
        "C-2",
        {
            "full_name": "Судзуки Дзиро",
            "birth_year": 1922,
            "camp": "Тайшет",
            "death_date": "1947-01-05",
        },
    ),
    (
        7,
        1,
        "M-3",
        {
            "family_name": "山本",
            "given_name": "三郎",
            "birth_year": 1927,
            "camp": "Irkutsk",
            "repatriation_date": "1949-09-01",
        },
    ),
    (
        8,
        1,
        "M-4",
        {
            "family_name": "高橋",
            "given_name": "清",
            "birth_year": 1915,
            "camp": "Irkutsk",
            "repatriation_date": "1947-05-01",
        },
    ),
    (9, 2, "C-4", {"full_name": "Такахаси Киёси", "birth_year": 1915, "camp": "Иркутск"}),
]
RAW_EXTRA = {1: {"留守宅住所": "宮城県仙台市1-2-3", "unit_note": "第12大隊"}}

# person id, display name, birth year, fate, death date, restricted, record ids
PERSONS = [
    ("P-SATO", "佐藤 博", 1921, "died", "1946-02-11", 0, [1, 2, 3, 4]),
    ("P-TANAKA", "田中 一郎", 1910, "repatriated", None, 0, [5]),
    ("P-SUZUKI", "鈴木 次郎", 1922, "died", "1947-01-05", 1, [6]),
    ("P-YAMAMOTO", "山本 三郎", 1927, "repatriated", None, 0, [7]),
    ("P-TAKAHASHI", "高橋 清", 1915, "repatriated", None, 0, [8]),
    ("P-TAKAHASHI2", "Такахаси Киёси", 1915, None, None, 0, [9]),
]


def _record_row(record_id: int, source_id: int, ref: str, fields: dict) -> dict:
    raw = {**{k: str(v) for k, v in fields.items()}, **RAW_EXTRA.get(record_id, {})}
    return {"id": record_id, "source_id": source_id, "batch_id": source_id,
            "row_number": record_id, "ref": ref, **fields,
            "raw_json": json.dumps(raw, ensure_ascii=False)}  # fmt: skip


def _insert(conn, table: str, row: dict) -> None:  # type: ignore[no-untyped-def]
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def populate(archive: Path) -> None:
    conn = connect(registry_path(archive))
    with transaction(conn):
        for sid, name, kind, language, citation in SOURCES:
            _insert(conn, "source", {"id": sid, "name": name, "kind": kind,
                                     "language": language, "citation": citation,
                                     "created_at": NOW})  # fmt: skip
            _insert(conn, "import_batch", {"id": sid, "source_id": sid, "file_name": f"{sid}.csv",
                                           "sha256": f"sha{sid}", "size_bytes": 1,
                                           "file_format": "csv", "mapping_json": "{}",
                                           "started_at": NOW, "imported_by": "tester"})  # fmt: skip
        for record_id, source_id, ref, fields in RECORDS:
            _insert(conn, "record", _record_row(record_id, source_id, ref, fields))
        # Threshold 0.9: P-SATO's fourth record (0.85) is held by a weak link.
        _insert(conn, "link_run", {"id": "run-1", "started_at": NOW, "engine": "duckdb",
                                   "status": "live", "started_by": "tester",
                                   "threshold": 0.9})  # fmt: skip
        for pid, name, born, fate, died, restricted, records in PERSONS:
            _insert(conn, "person", {"id": pid, "run_id": "run-1", "display_name": name,
                                     "birth_year": born, "fate": fate, "death_date": died,
                                     "restricted": restricted, "created_at": NOW})  # fmt: skip
            for n, record_id in enumerate(records):
                _insert(conn, "person_record", {"record_id": record_id, "person_id": pid,
                                                "run_id": "run-1",
                                                "match_probability": 1.0 - 0.05 * n})  # fmt: skip
        conn.execute("INSERT INTO person_id_history VALUES ('P-OLD', 'P-SATO', 'run-1', 'merge', ?)",
                     (NOW,))  # fmt: skip
        _insert(conn, "review_pair", {"run_id": "run-1", "record_id_l": 8, "record_id_r": 9,
                                      "match_probability": 0.62, "match_weight": 1.4,
                                      "features_json": json.dumps({"full_name": 3.1,
                                                                   "birth_year": 2.0,
                                                                   "camp": -0.4, "name_frequency": 0.7}),
                                      "priority": 1.0})  # fmt: skip
        for estimator, median, lower, upper in (
            ("lcmcr", 61000, 55000, 70000),
            ("loglinear", 58000, 52000, 66000),
        ):
            _insert(conn, "estimate", {"estimate_run": "est-1", "link_run_id": "run-1",
                                       "quantity": "deaths", "stratum_by": "all",
                                       "stratum": "all", "estimator": estimator,
                                       "lists": "2,3", "observed_n": 4, "median": median,
                                       "lower": lower, "upper": upper, "created_at": NOW})  # fmt: skip
    for name, role in (("archie", "archivist"), ("rita", "researcher"), ("fumiko", "family")):
        add_user(conn, name, role, PASSWORD, "tester")
    conn.close()
