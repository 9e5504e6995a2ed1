"""Reading lists row by row, whatever their format: CSV/TSV, XLSX, JSON lines.

Every reader streams: memory does not grow with the file. A row comes out as a
:class:`RawRow`, either with its values by column or with the reason it cannot be read.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from yokuryu.errors import UnreadableFile
from yokuryu.ingest.encoding import detect_encoding

_DELIMITERS = (",", ";", "\t", "|")
csv.field_size_limit(10 * 1024 * 1024)


@dataclass
class RawRow:
    """One row as read: `values` by column, or `fields` and `problem` when unreadable."""

    number: int
    values: dict[str, str] | None = None
    fields: list[str] | None = None
    problem: str | None = None


@dataclass
class Table:
    """An open list: its header, how it was read, and its rows (a one-shot iterator)."""

    format: str
    header: list[str]
    rows: Iterator[RawRow]
    encoding: str | None = None
    delimiter: str | None = None
    handle: IO[Any] | None = None
    header_as_written: list[str] | None = None

    def bytes_read(self) -> int:
        if self.handle is None:
            return 0
        raw = getattr(self.handle, "buffer", self.handle)
        try:
            return int(raw.tell())
        except (OSError, ValueError):
            return 0

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def unique_header(names: list[str]) -> list[str]:
    """Header names made unique: a repeated 'Фамилия' becomes 'Фамилия [2]'; blanks get a name."""
    result: list[str] = []
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        name = name.strip().lstrip("\ufeff") or f"column {position}"
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name} [{seen[name]}]")
    return result


def duplicated_names(names: list[str]) -> dict[str, list[int]]:
    """Header names that appear more than once, with their 1-based positions."""
    positions: dict[str, list[int]] = {}
    for position, name in enumerate(names, start=1):
        positions.setdefault(name.strip().lstrip("\ufeff"), []).append(position)
    return {name: where for name, where in positions.items() if len(where) > 1 and name}


def format_of(path: Path, declared: str | None) -> str:
    if declared:
        return declared
    suffix = path.suffix.lower().lstrip(".")
    return {"txt": "csv", "tab": "tsv", "xlsm": "xlsx", "ndjson": "jsonl", "json": "jsonl"}.get(
        suffix, suffix if suffix in ("csv", "tsv", "xlsx", "jsonl") else "csv"
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of fields."""
    lines = text.splitlines()[:50]
    best, best_score = ",", (0.0, 0)
    for delimiter in _DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) / len(counts), mode)
        if mode > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _read_sample(path: Path, size: int) -> tuple[bytes, bool]:
    with open(path, "rb") as handle:
        sample = handle.read(size)
        complete = not handle.read(1)
    if not sample:
        raise UnreadableFile(f"{path.name} is empty: there is nothing to import.")
    return sample, complete


def _escape_undecodable(value: str, encoding: str) -> str:
    return value.encode(encoding, "surrogateescape").decode(encoding, "backslashreplace")


def _undecodable(fields: list[str]) -> bool:
    try:
        "\x1f".join(fields).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _csv_rows(reader: Any, header: list[str], encoding: str) -> Iterator[RawRow]:
    width = len(header)
    line = reader.line_num
    for fields in reader:
        start, line = line + 1, reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if _undecodable(fields):
            shown = [_escape_undecodable(f, encoding) for f in fields]
            yield RawRow(start, fields=shown, problem=f"bytes that are not valid {encoding}")
        elif len(fields) == width or (len(fields) > width and not any(fields[width:])):
            yield RawRow(start, values=dict(zip(header, fields, strict=False)))
        else:
            problem = f"row has {len(fields)} fields, the header has {width}"
            yield RawRow(start, fields=fields, problem=problem)


def open_csv(
    path: Path, declared_encoding: str | None, delimiter: str | None, sniff_bytes: int, tsv: bool
) -> Table:
    sample, complete = _read_sample(path, sniff_bytes)
    encoding = detect_encoding(sample, path.name, declared_encoding, complete).name
    if delimiter is None:
        text = sample.decode(encoding, errors="replace").lstrip("\ufeff")
        delimiter = "\t" if tsv else sniff_delimiter(text)
    # Kept open for streaming; Table.close() closes it.
    handle = open(path, encoding=encoding, errors="surrogateescape", newline="")  # noqa: SIM115
    reader = csv.reader(handle, delimiter=delimiter)
    header_fields = next(reader, None)
    while header_fields is not None and not any(f.strip() for f in header_fields):
        header_fields = next(reader, None)
    if header_fields is None:
        handle.close()
        raise UnreadableFile(f"{path.name} holds only blank lines: there is nothing to import.")
    header = unique_header(header_fields)
    rows = _csv_rows(reader, header, encoding)
    return Table("csv", header, rows, encoding, delimiter, handle, header_fields)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(rows: Iterator[tuple[Any, ...]], header: list[str], first: int) -> Iterator[RawRow]:
    width = len(header)
    for number, cells in enumerate(rows, start=first):
        fields = [_cell_text(c) for c in cells]
        if not any(f.strip() for f in fields):
            continue
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            problem = f"row has values in {len(fields)} columns, the header has {width}"
            yield RawRow(number, fields=fields, problem=problem)
            continue
        fields += [""] * (width - len(fields))
        yield RawRow(number, values=dict(zip(header, fields, strict=False)))


def open_xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise UnreadableFile(f"{path.name} cannot be opened as an XLSX workbook ({exc}).") from None
    if sheet is not None and sheet not in book.sheetnames:
        raise UnreadableFile(
            f"{path.name} has no sheet '{sheet}'; it has {', '.join(book.sheetnames)}."
        )
    rows = book[sheet or book.sheetnames[0]].iter_rows(values_only=True)
    for number, cells in enumerate(rows, start=1):
        header_fields = [_cell_text(c) for c in cells]
        if any(f.strip() for f in header_fields):
            while header_fields and not header_fields[-1].strip():
                header_fields.pop()
            header = unique_header(header_fields)
            cells = _xlsx_rows(rows, header, number + 1)
            return Table("xlsx", header, cells, header_as_written=header_fields)
    raise UnreadableFile(f"{path.name} has no rows in sheet '{sheet or book.sheetnames[0]}'.")


def _json_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _jsonl_rows(handle: IO[str], encoding: str) -> Iterator[RawRow]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        if _undecodable([line]):
            text = _escape_undecodable(line.rstrip("\r\n"), encoding)
            yield RawRow(number, fields=[text], problem=f"bytes that are not valid {encoding}")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawRow(
                number, fields=[line.rstrip("\r\n")], problem=f"not valid JSON ({exc.msg})"
            )
            continue
        if not isinstance(item, dict):
            yield RawRow(number, fields=[line.rstrip("\r\n")], problem="not a JSON object")
            continue
        yield RawRow(number, values={str(k): _json_text(v) for k, v in item.items()})


def _jsonl_header(sample: bytes, encoding: str) -> list[str]:
    keys: dict[str, None] = {}
    for line in sample.decode(encoding, errors="replace").splitlines()[:1000]:
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(item, dict):
            keys.update(dict.fromkeys(str(k) for k in item))
    return list(keys)


def open_jsonl(path: Path, declared_encoding: str | None, sniff_bytes: int) -> Table:
    sample, complete = _read_sample(path, sniff_bytes)
    encoding = detect_encoding(sample, path.name, declared_encoding, complete).name
    header = _jsonl_header(sample, encoding)
    handle = open(path, encoding=encoding, errors="surrogateescape", newline="")  # noqa: SIM115
    return Table("jsonl", header, _jsonl_rows(handle, encoding), encoding, None, handle)


def open_table(
    path: Path,
    file_format: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    sniff_bytes: int = 1 << 20,
) -> Table:
    """Open a list for streaming; raises UnreadableFile when it cannot be read at all."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"{path} does not exist or is not a file.")
    kind = format_of(path, file_format)
    if kind == "xlsx":
        return open_xlsx(path, sheet)
    if kind == "jsonl":
        return open_jsonl(path, encoding, sniff_bytes)
    return open_csv(path, encoding, delimiter, sniff_bytes, tsv=kind == "tsv")
