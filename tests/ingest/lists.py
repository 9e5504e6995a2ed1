"""Sample rows and mappings shaped like the lists archivists hand over."""

from __future__ import annotations

import sqlite3
from typing import Any

from yokuryu.ingest import Mapping, mapping_from_dict

RUSSIAN_HEADER = ["Номер карточки", "Фамилия", "Имя", "Отчество", "Год рождения", "Дата смерти"]
RUSSIAN_COLUMNS = {
    "Номер карточки": "ref",
    "Фамилия": "family_name",
    "Имя": "given_name",
    "Отчество": "father_name",
    "Год рождения": "birth_year",
    "Дата смерти": "death_date",
}
RUSSIAN_ROWS = [
    ["7-1", "Сато", "Хироси", "Кэнтаро", "1921", "12.03.1946"],
    ["7-2", "Танака", "Итиро", "Дзиро", "1919", ""],
    ["7-3", "Судзуки", "Масао", "Тацуо", "1920", "5 января 1946 г."],
]


def russian_mapping(**extra: Any) -> Mapping:
    return mapping_from_dict(
        {"source": "cards", "kind": "soviet_card", "language": "ru", "columns": RUSSIAN_COLUMNS}
        | extra
    )


def delimited(rows: list[list[str]], delimiter: str = ";") -> str:
    return "".join(delimiter.join(row) + "\r\n" for row in rows)


def count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
