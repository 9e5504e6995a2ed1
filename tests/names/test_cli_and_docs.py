"""The names command and its documentation."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from yokuryu import names
from yokuryu.names.cli import names_command
from yokuryu.names.lexicon import given_name_table, surname_table

DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "names.md"


def test_cli_compares_two_names() -> None:
    result = CliRunner().invoke(names_command, ["Сато Хироси", "佐藤 博"])
    assert result.exit_code == 0, result.output
    assert "similarity 1.000" in result.output
    assert "さとう" in result.output and "hirosi" in result.output


def test_cli_json() -> None:
    result = CliRunner().invoke(names_command, ["Сото Киросе", "佐藤博", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["names"][0]["script"] == "cyrillic"
    assert 0.7 < data["comparison"]["score"] < 1.0
    ops = {s["op"] for p in data["comparison"]["parts"] for s in p["steps"]}
    assert "substitute" in ops


def test_cli_one_name_and_bad_input() -> None:
    result = CliRunner().invoke(names_command, ["1945"])
    assert result.exit_code == 0
    assert "unknown" in result.output


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(names_command, ["--help"])
    assert "Example" in result.output


def test_every_public_function_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in names.__all__:
        assert re.search(rf"\b{name}\b", text), f"docs/names.md does not mention {name}"
    for extra in ("surname_table", "given_name_table", "NameTable", "yokuryu names"):
        assert extra in text


def test_lexicon_tables_are_weighted_and_real() -> None:
    surnames, given = surname_table(), given_name_table()
    assert surnames[0][:2] == ("佐藤", "さとう") and len(surnames) > 1900
    assert all(w > 0 for _, _, w in surnames[:100])
    assert len(given) > 3000
    assert {"博", "清"} & {k for k, _, _ in given}
