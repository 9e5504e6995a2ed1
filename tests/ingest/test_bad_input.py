"""Bad input gets a clear, one-sentence error and loses nothing."""

from __future__ import annotations

import json

import pytest

from tests.ingest.lists import (
    RUSSIAN_COLUMNS,
    RUSSIAN_HEADER,
    RUSSIAN_ROWS,
    count,
    delimited,
    russian_mapping,
)
from yokuryu.errors import MappingError, UnreadableFile
from yokuryu.ingest import import_file, load_mapping, mapping_from_dict

GOOD = delimited([RUSSIAN_HEADER, *RUSSIAN_ROWS])


def assert_nothing_imported(conn) -> None:
    assert count(conn, "import_batch") == 0
    assert count(conn, "record") == 0
    assert count(conn, "quarantine") == 0


def test_empty_file_is_refused(conn, write_list) -> None:
    with pytest.raises(UnreadableFile, match="is empty"):
        import_file(conn, write_list("cards.csv", b""), russian_mapping(), "t")
    assert_nothing_imported(conn)


def test_header_only_file_is_refused(conn, write_list) -> None:
    path = write_list("cards.csv", delimited([RUSSIAN_HEADER]))
    with pytest.raises(UnreadableFile, match="header but no data rows"):
        import_file(conn, path, russian_mapping(), "t")
    assert_nothing_imported(conn)


def test_wrong_delimiter_is_named_in_the_error(conn, write_list) -> None:
    path = write_list("cards.csv", GOOD)
    with pytest.raises(MappingError, match=r"single column.*looks like ';'"):
        import_file(conn, path, russian_mapping(delimiter=","), "t")
    assert_nothing_imported(conn)


def test_delimiter_is_sniffed_when_not_given(conn, write_list) -> None:
    for delimiter, name in ((",", "a.csv"), ("\t", "b.csv"), ("|", "c.csv")):
        text = delimited([RUSSIAN_HEADER, *RUSSIAN_ROWS], delimiter)
        summary = import_file(conn, write_list(name, text), russian_mapping(source=name), "t")
        assert (summary.delimiter, summary.records) == (delimiter, 3)


def test_ragged_rows_are_quarantined_with_their_fields(conn, write_list) -> None:
    rows = [
        RUSSIAN_HEADER,
        *RUSSIAN_ROWS,
        ["7-4", "Ито", "Сигэру"],
        [*RUSSIAN_ROWS[0][:5], "x", "y"],
    ]
    summary = import_file(conn, write_list("cards.csv", delimited(rows)), russian_mapping(), "t")
    assert (summary.records, summary.quarantined) == (3, 2)
    quarantined = conn.execute(
        "SELECT row_number, raw_json, reasons_json FROM quarantine ORDER BY id"
    )
    first, second = quarantined.fetchall()
    assert first["row_number"] == 5
    assert json.loads(first["raw_json"]) == {"fields": ["7-4", "Ито", "Сигэру"]}
    assert "row has 3 fields, the header has 6" in first["reasons_json"]
    assert "row has 7 fields" in second["reasons_json"]


def test_trailing_empty_fields_are_not_ragged(conn, write_list) -> None:
    text = delimited([RUSSIAN_HEADER, *[[*row, ""] for row in RUSSIAN_ROWS]])
    assert import_file(conn, write_list("c.csv", text), russian_mapping(), "t").records == 3


def test_binary_junk_is_refused(conn, write_list) -> None:
    junk = bytes(range(256)) * 40
    with pytest.raises(UnreadableFile, match="binary file"):
        import_file(conn, write_list("cards.csv", junk), russian_mapping(), "t")
    assert_nothing_imported(conn)


def test_workbook_with_csv_name_is_refused_with_a_hint(conn, write_list) -> None:
    with pytest.raises(UnreadableFile, match="xlsx"):
        import_file(
            conn, write_list("cards.csv", b"PK\x03\x04" + b"\x00" * 100), russian_mapping(), "t"
        )


def test_mapping_naming_a_missing_column_lists_the_file_columns(conn, write_list) -> None:
    mapping = russian_mapping(columns={**RUSSIAN_COLUMNS, "Лагерь": "camp"})
    with pytest.raises(
        MappingError, match="not in the file: 'Лагерь'; the file has 'Номер карточки'"
    ):
        import_file(conn, write_list("cards.csv", GOOD), mapping, "t")
    assert_nothing_imported(conn)


def test_mapping_with_unknown_field_suggests_the_right_one() -> None:
    with pytest.raises(
        MappingError, match="unknown field 'birth_yaer' \\(did you mean 'birth_year'"
    ):
        mapping_from_dict({"source": "s", "kind": "soviet_card", "columns": {"Год": "birth_yaer"}})


def test_mapping_problems_are_reported_together(write_mapping) -> None:
    path = write_mapping({"kind": "soviet_crad", "colums": {}, "encoding": "klingon"})
    with pytest.raises(MappingError) as error:
        load_mapping(path)
    message = str(error.value)
    for expected in ("unknown key 'colums'", "'source'", "soviet_card", "'columns'", "klingon"):
        assert expected in message


def test_mapping_file_that_is_not_yaml_is_refused(tmp_path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("source: [unclosed", encoding="utf-8")
    with pytest.raises(MappingError, match="not valid YAML"):
        load_mapping(path)


def test_mapping_without_any_name_column_is_refused(conn, write_list) -> None:
    mapping = russian_mapping(columns={"Номер карточки": "ref", "Год рождения": "birth_year"})
    with pytest.raises(MappingError, match="maps no name column"):
        import_file(conn, write_list("cards.csv", GOOD), mapping, "t")
    assert_nothing_imported(conn)


def test_duplicate_column_names_are_kept_apart_and_ambiguity_refused(conn, write_list) -> None:
    header = [*RUSSIAN_HEADER, "Фамилия"]
    rows = [[*row, "Иная"] for row in RUSSIAN_ROWS]
    path = write_list("cards.csv", delimited([header, *rows]))
    with pytest.raises(MappingError, match=r"appear more than once.*'Фамилия' at columns 2, 7"):
        import_file(conn, path, russian_mapping(), "t")
    mapping = russian_mapping(columns={**RUSSIAN_COLUMNS, "Фамилия": "family_name"})
    columns = {k: v for k, v in RUSSIAN_COLUMNS.items() if k != "Фамилия"} | {
        "Фамилия [2]": "family_name"
    }
    import_file(conn, path, russian_mapping(columns=columns), "t")
    raw = json.loads(conn.execute("SELECT raw_json FROM record LIMIT 1").fetchone()[0])
    assert raw["Фамилия"] == "Сато" and raw["Фамилия [2]"] == "Иная"
    assert (
        mapping.columns
    )  # the ambiguous mapping was valid as a mapping, refused only on this file


def test_row_without_any_name_is_quarantined(conn, write_list) -> None:
    rows = [RUSSIAN_HEADER, *RUSSIAN_ROWS, ["7-9", " ", "", "Кэнтаро", "1921", ""]]
    summary = import_file(conn, write_list("c.csv", delimited(rows)), russian_mapping(), "t")
    assert summary.quarantined == 1
    assert "no name" in conn.execute("SELECT reasons_json FROM quarantine").fetchone()[0]


def test_duplicate_ref_is_quarantined_pointing_at_the_first(conn, write_list) -> None:
    rows = [RUSSIAN_HEADER, *RUSSIAN_ROWS, ["7-2", "Танака", "Итиро", "", "1919", ""]]
    summary = import_file(conn, write_list("c.csv", delimited(rows)), russian_mapping(), "t")
    assert (summary.records, summary.quarantined) == (3, 1)
    reason = conn.execute("SELECT reasons_json FROM quarantine").fetchone()[0]
    assert "duplicate ref" in reason and "row 3 of batch 1" in reason


def test_impossible_date_keeps_the_row_and_records_the_problem(conn, write_list) -> None:
    rows = [RUSSIAN_HEADER, ["7-1", "Миура", "Кадзуо", "", "1922", "31.02.1946"]]
    summary = import_file(conn, write_list("c.csv", delimited(rows)), russian_mapping(), "t")
    assert (summary.records, summary.field_problems) == (1, 1)
    row = conn.execute("SELECT death_date, problems_json, raw_json FROM record").fetchone()
    assert row["death_date"] is None
    assert "31 February 1946 does not exist" in row["problems_json"]
    assert json.loads(row["raw_json"])["Дата смерти"] == "31.02.1946"


def test_required_date_unreadable_quarantines_the_row(conn, write_list) -> None:
    rows = [RUSSIAN_HEADER, *RUSSIAN_ROWS[:1], ["7-2", "Ито", "Сигэру", "", "1921", "весной 1946"]]
    mapping = russian_mapping(kind="soviet_death", source="deaths")
    summary = import_file(conn, write_list("c.csv", delimited(rows)), mapping, "t")
    assert (summary.records, summary.quarantined) == (1, 1)
    assert "death_date" in conn.execute("SELECT reasons_json FROM quarantine").fetchone()[0]


def test_implausible_birth_year_is_emptied_not_guessed(conn, write_list) -> None:
    rows = [RUSSIAN_HEADER, ["7-1", "Сато", "Хироси", "", "1820", ""]]
    import_file(conn, write_list("c.csv", delimited(rows)), russian_mapping(), "t")
    row = conn.execute("SELECT birth_year, problems_json FROM record").fetchone()
    assert row["birth_year"] is None and "outside 1850–1945" in row["problems_json"]


def test_same_file_again_changes_nothing(conn, write_list) -> None:
    path = write_list("cards.csv", GOOD)
    first = import_file(conn, path, russian_mapping(), "t")
    before = (count(conn, "record"), count(conn, "import_batch"), count(conn, "audit"))
    again = import_file(conn, path, russian_mapping(), "t")
    assert again.already_imported_as == first.batch_id and again.batch_id is None
    assert (count(conn, "record"), count(conn, "import_batch"), count(conn, "audit")) == before


def test_same_source_with_another_kind_is_refused(conn, write_list) -> None:
    import_file(conn, write_list("a.csv", GOOD), russian_mapping(), "t")
    other = delimited([RUSSIAN_HEADER, ["9-1", "Ито", "Сигэру", "", "1921", "12.03.1946"]])
    with pytest.raises(MappingError, match="already holds soviet_card"):
        import_file(conn, write_list("b.csv", other), russian_mapping(kind="soviet_death"), "t")
    assert count(conn, "import_batch") == 1


def test_missing_file_is_refused(conn, tmp_path) -> None:
    with pytest.raises(UnreadableFile, match="does not exist"):
        import_file(conn, tmp_path / "nowhere.csv", russian_mapping(), "t")


def test_unreadable_mapping_encoding_is_refused(tmp_path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes("source: карточки".encode("cp1251"))
    with pytest.raises(MappingError, match="not UTF-8"):
        load_mapping(path)


def test_approximate_values_are_read_and_marked(conn, write_list) -> None:
    header = ["Номер карточки", "Фамилия", "Имя", "Год рождения", "Дата смерти"]
    rows = [header, ["7-1", "Сато", "Хироси", "около 1921 г.", "ок. 03.1946"]]
    columns = {h: RUSSIAN_COLUMNS[h] for h in header}
    summary = import_file(
        conn, write_list("c.csv", delimited(rows)), russian_mapping(columns=columns), "t"
    )
    assert (summary.records, summary.field_problems) == (1, 0)
    row = conn.execute(
        "SELECT birth_year, death_date, death_date_precision, problems_json FROM record"
    ).fetchone()
    assert (row["birth_year"], row["death_date"], row["death_date_precision"]) == (
        1921,
        "1946-03",
        "circa",
    )
    assert "approximate in the source, kept as 1921" in row["problems_json"]
