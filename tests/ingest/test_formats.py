"""XLSX and JSON lines read like CSV: same fields, same quarantine rules."""

from __future__ import annotations

import json
from datetime import datetime

import openpyxl

from tests.ingest.lists import count
from yokuryu.ingest import import_file, mapping_from_dict

LANDING = {
    "source": "landings",
    "kind": "jp_landing",
    "columns": {
        "上陸番号": "ref",
        "氏名": "full_name",
        "生年月日": "birth_date",
        "上陸年月日": "repatriation_date",
    },
}


def test_xlsx_cells_of_every_type_become_fields(conn, tmp_path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append(["上陸番号", "氏名", "生年月日", "上陸年月日", "備考"])
    sheet.append([101, "佐藤 博", "大正10年3月1日", datetime(1947, 6, 25), None])
    sheet.append([102, "田中 一郎", "S2.5.20", "昭和23年8月10日", "担送"])
    sheet.append([None, None, None, None, None])
    sheet.append([103, "鈴木 正雄", "T9.7.15", "", "上陸日不明"])
    sheet.append([104, "伊藤 茂", "T10.9.9", "昭和24年11月27日", "", "余分な値"])
    path = tmp_path / "landing.xlsx"
    book.save(path)
    summary = import_file(conn, path, mapping_from_dict(LANDING), "t")
    assert (summary.rows_read, summary.records, summary.quarantined) == (4, 2, 2)
    rows = conn.execute(
        "SELECT ref, birth_date, repatriation_date, row_number FROM record ORDER BY id"
    )
    assert [tuple(r) for r in rows] == [
        ("101", "1921-03-01", "1947-06-25", 3),
        ("102", "1927-05-20", "1948-08-10", 4),
    ]
    reasons = [r[0] for r in conn.execute("SELECT reasons_json FROM quarantine ORDER BY id")]
    assert "required repatriation_date is empty" in reasons[0]
    assert "values in 6 columns, the header has 5" in reasons[1]


def test_xlsx_named_sheet_is_read(conn, tmp_path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["nothing", "here"])
    other = book.create_sheet("舞鶴")
    other.append(["上陸番号", "氏名", "生年月日", "上陸年月日"])
    other.append(["1", "佐藤 博", "", "昭和22年6月25日"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    summary = import_file(conn, path, mapping_from_dict(LANDING | {"sheet": "舞鶴"}), "t")
    assert summary.records == 1


def test_json_lines_with_bad_lines_quarantined(conn, tmp_path) -> None:
    lines = [
        json.dumps({"no": "INQ-1", "name": "Sato Hiroshi", "born": 1921}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"no": "INQ-2", "name": "佐藤 博", "born": "大正10年", "extra": {"k": 1}}),
    ]
    path = tmp_path / "inquiries.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mapping = {
        "source": "inq",
        "kind": "inquiry",
        "columns": {"no": "ref", "name": "full_name", "born": "birth_year"},
    }
    summary = import_file(conn, path, mapping_from_dict(mapping), "t")
    assert (summary.records, summary.quarantined) == (2, 2)
    years = [r[0] for r in conn.execute("SELECT birth_year FROM record ORDER BY id")]
    assert years == [1921, 1921]
    raw = json.loads(conn.execute("SELECT raw_json FROM record WHERE ref='INQ-2'").fetchone()[0])
    assert raw["extra"] == '{"k": 1}'
    reasons = " ".join(r[0] for r in conn.execute("SELECT reasons_json FROM quarantine"))
    assert "not valid JSON" in reasons and "not a JSON object" in reasons
    assert count(conn, "import_batch") == 1
