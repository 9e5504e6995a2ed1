"""Every encoding a list comes in is detected, or, when declared wrongly, refused clearly."""

from __future__ import annotations

import pytest

from tests.ingest.lists import RUSSIAN_HEADER, RUSSIAN_ROWS, count, delimited, russian_mapping
from yokuryu.errors import UnreadableFile
from yokuryu.ingest import import_file, mapping_from_dict
from yokuryu.ingest.encoding import detect_encoding

RUSSIAN = delimited([RUSSIAN_HEADER, *RUSSIAN_ROWS])
JAPANESE = "番号,氏名,ふりがな,生年月日\r\n1,佐藤博,さとう ひろし,大正10年3月1日\r\n2,田中一郎,たなか いちろう,昭和二年五月二十日\r\n"
JAPANESE_MAPPING = {
    "source": "roster",
    "kind": "jp_roster",
    "columns": {
        "番号": "ref",
        "氏名": "full_name",
        "ふりがな": "name_reading",
        "生年月日": "birth_date",
    },
}


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("cp1251", "cp1251"),
        ("koi8_r", "koi8-r"),
    ],
    ids=["utf8", "utf8-bom", "utf16-excel", "cp1251", "koi8r"],
)
def test_russian_list_encoding_is_detected(encoding: str, expected: str) -> None:
    found = detect_encoding(RUSSIAN.encode(encoding), "cards.csv", complete=True)
    assert found.name.replace("_", "-") == expected


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("cp932", "cp932"), ("shift_jis", "cp932"), ("euc_jp", "euc-jp")],
    ids=["utf8", "cp932", "shift-jis-read-as-cp932", "euc-jp"],
)
def test_japanese_list_encoding_is_detected(encoding: str, expected: str) -> None:
    found = detect_encoding(JAPANESE.encode(encoding), "roster.csv", complete=True)
    assert found.name.replace("_", "-") == expected


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-16", "utf-8-sig"])
def test_russian_names_survive_any_encoding(conn, write_list, encoding: str) -> None:
    path = write_list(f"cards-{encoding}.csv", RUSSIAN, encoding)
    import_file(conn, path, russian_mapping(), "t")
    names = [r[0] for r in conn.execute("SELECT family_name FROM record ORDER BY row_number")]
    assert names == [row[1] for row in RUSSIAN_ROWS]


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "utf-8"])
def test_japanese_names_and_era_dates_survive_any_encoding(conn, write_list, encoding) -> None:
    path = write_list(f"roster-{encoding}.csv", JAPANESE, encoding)
    import_file(conn, path, mapping_from_dict(JAPANESE_MAPPING), "t")
    rows = conn.execute("SELECT full_name, birth_date, birth_year FROM record ORDER BY row_number")
    assert [tuple(r) for r in rows] == [
        ("佐藤博", "1921-03-01", 1921),
        ("田中一郎", "1927-05-20", 1927),
    ]


def test_cp1251_file_declared_utf8_is_refused_naming_the_right_encoding(conn, write_list) -> None:
    path = write_list("cards.csv", RUSSIAN, "cp1251")
    with pytest.raises(UnreadableFile, match=r"not valid utf-8.*looks like cp1251"):
        import_file(conn, path, russian_mapping(encoding="utf-8"), "t")
    assert count(conn, "import_batch") == 0


def test_bad_bytes_after_the_sample_quarantine_only_their_rows(
    conn, write_list, monkeypatch
) -> None:
    monkeypatch.setenv("YOKURYU_SNIFF_BYTES", "200")
    monkeypatch.setenv("YOKURYU_MAX_BAD_DECODE_SHARE", "0.5")
    good = [[f"7-{i}", "Сато", "Хироси", "", "1921", ""] for i in range(20)]
    text = delimited([RUSSIAN_HEADER, *good]).encode("utf-8") + "7-99;Ито;".encode() + b"\xff\r\n"
    path = write_list("cards.csv", text)
    summary = import_file(conn, path, russian_mapping(), "t")
    assert (summary.records, summary.quarantined) == (20, 1)
    reasons = conn.execute("SELECT reasons_json, raw_json FROM quarantine").fetchone()
    assert "not valid utf-8" in reasons[0] and "\\\\xff" in reasons[1]


def test_mostly_undecodable_file_is_refused_as_wrong_encoding(
    conn, write_list, monkeypatch
) -> None:
    monkeypatch.setenv("YOKURYU_SNIFF_BYTES", "120")
    rows = [["7-0", "Sato", "Hiroshi", "", "1921", ""]]
    rows += [[f"7-{i}", "Сато", "Хироси", "", "1921", ""] for i in range(1, 30)]
    header = delimited(
        [["Номер карточки", "Фамилия", "Имя", "Отчество", "Год рождения", "Дата смерти"]]
    )
    data = header.encode("utf-8") + delimited(rows).encode("cp1251")
    path = write_list("cards.csv", data)
    with pytest.raises(UnreadableFile, match="probably in another encoding"):
        import_file(conn, path, russian_mapping(), "t")
    assert count(conn, "record") == 0 and count(conn, "import_batch") == 0
