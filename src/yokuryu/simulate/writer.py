"""Writing an archive list in its native form: deliberately malformed rows, CSV/TSV text,
the archive's own encoding, and the mapping YAML that tells the ingest how to read it.

Malformed rows are what the ingest must quarantine (ingest contract): a ragged row, a
row with no name, a repeated ref, a missing required field, bytes undecodable in the
file's encoding. Each is recorded in the truth with its reason.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from yokuryu.simulate.archives.base import ArchiveTable
from yokuryu.simulate.noise import NoiseLevel

BAD_MARK = "\x01"  # stands in the text for the undecodable bytes, swapped in after encoding
BAD_BYTES = {"cp1251": b"\x98", "cp932": b"\x85", "shift_jis": b"\x85"}
GETA = "〓"  # what Japanese systems print for a character the code page lacks


def _unencodable(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    replacement = GETA if "932" in error.encoding or "jis" in error.encoding else "?"
    return replacement * (error.end - error.start), error.end


codecs.register_error("yokuryu-simulate", _unencodable)


@dataclass
class Written:
    table: ArchiveTable
    file_name: str
    mapping_name: str
    reasons: np.ndarray  # per row: "" or why the row is malformed
    refs: np.ndarray  # the ref as written in the file


def malformed_kinds(table: ArchiveTable, level: NoiseLevel) -> tuple[str, ...]:
    """The malformations this list can get at this level, in the order they are dealt."""
    kinds: list[str] = [
        k
        for k in ("ragged_row", "no_name", "duplicate_ref", "undecodable")
        if k in level.malformed_kinds
    ]
    if "missing_required" in level.malformed_kinds:
        kinds += [f"missing_required:{f}" for f in table.required]
    return tuple(kinds)


def choose_malformed(
    gen: np.random.Generator, table: ArchiveTable, level: NoiseLevel
) -> np.ndarray:
    """Per row, the malformation applied ("" for none). Only odd rows are chosen, so the
    row before a malformed one is always sound (a repeated ref copies it)."""
    reasons = np.full(table.rows, "", dtype=object)
    kinds = np.array(malformed_kinds(table, level), dtype=object)
    if level.malformed <= 0 or kinds.size == 0:
        return reasons
    k = max(round(level.malformed * table.rows), min(kinds.size, table.rows // 2))
    candidates = np.arange(1, table.rows, 2)
    chosen = np.sort(gen.choice(candidates, size=min(k, candidates.size), replace=False))
    reasons[chosen] = kinds[np.arange(chosen.size) % kinds.size]
    return reasons


def _apply(table: ArchiveTable, reasons: np.ndarray) -> None:
    cols = table.columns
    for column in table.name_columns:
        cols[column] = np.where(reasons == "no_name", "", cols[column])
    ref = table.ref_column
    dup = np.flatnonzero(reasons == "duplicate_ref")
    cols[ref] = cols[ref].copy()
    cols[ref][dup] = cols[ref][dup - 1]
    for field in table.required:
        column = next(c for c, f in table.mapping.items() if f == field)
        cols[column] = np.where(reasons == f"missing_required:{field}", "", cols[column])
    last = list(cols)[-1]
    cols[last] = np.where(reasons == "undecodable", cols[last] + BAD_MARK + "X", cols[last])


def to_text(table: ArchiveTable, reasons: np.ndarray) -> str:
    """The table as delimited text, ragged rows given one field too many."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=table.delimiter, lineterminator="\n")
    writer.writerow(list(table.columns))
    writer.writerows(zip(*table.columns.values(), strict=True))
    lines = buffer.getvalue().split("\n")
    for row in np.flatnonzero(reasons == "ragged_row"):
        lines[row + 1] += table.delimiter + "?"
    return "\n".join(lines)


def encode(text: str, encoding: str) -> bytes:
    data = text.encode(encoding, errors="yokuryu-simulate")
    bad = BAD_BYTES.get(codecs.lookup(encoding).name, b"\xff")
    return data.replace(BAD_MARK.encode("ascii"), bad)


def mapping_document(table: ArchiveTable, source: str, file_name: str) -> dict[str, object]:
    return {
        "source": source,
        "kind": table.kind,
        "language": table.language,
        "encoding": table.encoding,
        "format": "tsv" if table.delimiter == "\t" else "csv",
        "delimiter": table.delimiter,
        "citation": table.citation,
        "date_order": table.date_order,
        "required": list(table.required),
        "columns": dict(table.mapping),
    }


def write_table(
    table: ArchiveTable, folder: Path, source: str, gen: np.random.Generator, level: NoiseLevel
) -> Written:
    """Write the list and its mapping into ``folder``; returns what was written."""
    reasons = choose_malformed(gen, table, level)
    _apply(table, reasons)
    suffix = "tsv" if table.delimiter == "\t" else "csv"
    file_name, mapping_name = f"{table.name}.{suffix}", f"{table.name}.yaml"
    (folder / file_name).write_bytes(encode(to_text(table, reasons), table.encoding))
    document = mapping_document(table, source, file_name)
    (folder / mapping_name).write_text(
        f"# {table.description}\n" + yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return Written(table, file_name, mapping_name, reasons, table.columns[table.ref_column])
