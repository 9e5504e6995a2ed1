"""Mapping files: which column of a list holds which standard field, and how to read it."""

from __future__ import annotations

import codecs
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from yokuryu.errors import MappingError
from yokuryu.ingest.fields import DEFAULT_REQUIRED, STANDARD_FIELDS
from yokuryu.store.migrations import RECORD_KINDS

FORMATS = ("csv", "tsv", "xlsx", "jsonl")
DATE_ORDERS = ("dmy", "ymd", "mdy")
_KNOWN_KEYS = {
    "source",
    "kind",
    "language",
    "encoding",
    "format",
    "delimiter",
    "sheet",
    "citation",
    "date_order",
    "required",
    "columns",
}


@dataclass(frozen=True)
class Mapping:
    """A validated mapping: `columns` maps a column name in the file to a standard field."""

    source: str
    kind: str
    columns: dict[str, str]
    language: str | None = None
    encoding: str | None = None
    format: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    citation: str | None = None
    date_order: str = "dmy"
    required: tuple[str, ...] = field(default_factory=tuple)
    path: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """What is stored with each import batch, so a batch can be understood later."""
        return {k: v for k, v in self.__dict__.items() if v not in (None, ())}


def _suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_columns(columns: Any, problems: list[str]) -> dict[str, str]:
    if not isinstance(columns, dict) or not columns:
        problems.append("'columns' must map at least one column name in the file to a field")
        return {}
    seen: dict[str, str] = {}
    for column, target in columns.items():
        target = str(target)
        if target not in STANDARD_FIELDS:
            problems.append(
                f"column '{column}' maps to unknown field '{target}'"
                f"{_suggest(target, list(STANDARD_FIELDS))}"
            )
        elif target in seen:
            problems.append(f"field '{target}' is mapped twice: '{seen[target]}' and '{column}'")
        else:
            seen[target] = str(column)
    return {str(c): str(t) for c, t in columns.items()}


def _check_choice(
    raw: dict[str, Any], key: str, choices: tuple[str, ...], problems: list[str]
) -> None:
    value = raw.get(key)
    if value is not None and value not in choices:
        problems.append(
            f"'{key}: {value}' is not one of {', '.join(choices)}{_suggest(str(value), choices)}"
        )


def _check_encoding(name: Any, problems: list[str]) -> str | None:
    if name is None:
        return None
    try:
        return codecs.lookup(str(name)).name
    except LookupError:
        problems.append(f"'encoding: {name}' is not an encoding Python knows")
        return None


def _check_required(raw: dict[str, Any], kind: str, problems: list[str]) -> tuple[str, ...]:
    required = raw.get("required", DEFAULT_REQUIRED.get(kind, ()))
    if isinstance(required, str):
        required = [required]
    unknown = [f for f in required if f not in STANDARD_FIELDS]
    for name in unknown:
        problems.append(
            f"'required' names unknown field '{name}'{_suggest(name, list(STANDARD_FIELDS))}"
        )
    return tuple(f for f in required if f in STANDARD_FIELDS)


def mapping_from_dict(raw: Any, where: str = "mapping") -> Mapping:
    """Validate a parsed mapping, collecting every problem before raising one MappingError."""
    if not isinstance(raw, dict):
        raise MappingError(f"{where} must be a YAML mapping of keys such as source, kind, columns.")
    problems: list[str] = []
    for key in raw:
        if key not in _KNOWN_KEYS:
            problems.append(f"unknown key '{key}'{_suggest(str(key), sorted(_KNOWN_KEYS))}")
    if not raw.get("source"):
        problems.append("'source' (the name of the list) is missing")
    if raw.get("kind") is None:
        problems.append(f"'kind' is missing (one of {', '.join(RECORD_KINDS)})")
    _check_choice(raw, "kind", RECORD_KINDS, problems)
    _check_choice(raw, "format", FORMATS, problems)
    _check_choice(raw, "date_order", DATE_ORDERS, problems)
    columns = _check_columns(raw.get("columns"), problems)
    encoding = _check_encoding(raw.get("encoding"), problems)
    required = _check_required(raw, str(raw.get("kind")), problems)
    if problems:
        raise MappingError(f"{where}: " + "; ".join(problems) + ".")
    return Mapping(
        source=str(raw["source"]),
        kind=str(raw["kind"]),
        columns=columns,
        language=raw.get("language"),
        encoding=encoding,
        format=raw.get("format"),
        delimiter=raw.get("delimiter"),
        sheet=raw.get("sheet"),
        citation=raw.get("citation"),
        date_order=raw.get("date_order", "dmy"),
        required=required,
        path=None,
    )


def load_mapping(path: Path) -> Mapping:
    """Read and validate a mapping YAML file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MappingError(f"Mapping file {path} does not exist.") from None
    except UnicodeDecodeError:
        raise MappingError(f"Mapping file {path} is not UTF-8 text; save it as UTF-8.") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MappingError(
            f"Mapping file {path} is not valid YAML: {exc}".rstrip(".") + "."
        ) from None
    mapping = mapping_from_dict(raw, where=f"Mapping {path}")
    return Mapping(**{**mapping.__dict__, "path": str(path)})
