"""Standardise every record once into the columns the model compares.

The name engine turns each name, in whatever script, into ASCII phonetic keys: the best
reading's exact key, a coarse key for blocking, and the keys of every reading candidate
(kanji names have several readings, Cyrillic ones several kana parses). Dates become day
ranges, ranks the Soviet wording, units a kind and number, places a phonetic key. All
pair comparisons then run in SQL on these columns; nothing is called per pair.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from yokuryu.fates import stated_fate
from yokuryu.link import cursive
from yokuryu.link.fields import day_range, plain, rank_code
from yokuryu.link.places import place_key, unit_code
from yokuryu.names import standardise as name_standardise
from yokuryu.names.model import FAMILY, GIVEN, NAME, NamePart, PartKeys
from yokuryu.names.script import CYRILLIC

# Kinds of list whose rows record a death in captivity.
DEATH_KINDS = frozenset({"soviet_death", "mhlw_death"})
MAX_CANDIDATES = 6

SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        ("source", pa.string()),
        ("kind", pa.string()),
        ("fam", pa.string()),
        ("fam_c", pa.string()),
        ("fam_all", pa.list_(pa.string())),
        ("fam_c_all", pa.list_(pa.string())),
        ("giv", pa.string()),
        ("giv_c", pa.string()),
        ("giv_all", pa.list_(pa.string())),
        ("giv_c_all", pa.list_(pa.string())),
        ("fam_c2", pa.string()),
        ("giv_c2", pa.string()),
        ("fa", pa.string()),
        ("fa_c", pa.string()),
        ("fa_all", pa.list_(pa.string())),
        ("birth_year", pa.int32()),
        ("birth_date", pa.string()),
        ("rank", pa.string()),
        ("unit", pa.string()),
        ("camp", pa.string()),
        ("prefecture", pa.string()),
        ("death_place", pa.string()),
        ("death_lo", pa.int32()),
        ("death_hi", pa.int32()),
        ("alive_lo", pa.int32()),
        ("repatriated", pa.bool_()),
        ("home_day", pa.int32()),
        ("capture_day", pa.int32()),
        ("stay_in", pa.int32()),
        ("stay_out", pa.int32()),
        ("name_text", pa.string()),
        ("fam_k_all", pa.list_(pa.string())),
        ("giv_k_all", pa.list_(pa.string())),
        ("cyr", pa.bool_()),
    ]
)

_QUERY = """
SELECT r.id, s.name AS source, s.kind, r.full_name, r.family_name, r.given_name,
       r.father_name, r.name_reading, r.birth_year, r.birth_date, r.birth_date_precision,
       r.rank, r.unit, r.camp, r.prefecture, r.death_place, r.death_date,
       r.capture_date, r.arrival_date, r.transfer_date, r.repatriation_date, r.notes, r.status
FROM record r JOIN source s ON s.id = r.source_id
"""


@dataclass
class _Keys:
    """Keys of one name role gathered over every form of the name in a record."""

    exact: str | None = None
    coarse: str | None = None
    exact_all: list[str] = field(default_factory=list)
    coarse_all: list[str] = field(default_factory=list)
    folded_all: list[str] = field(default_factory=list)  # cursive-folded Cyrillic
    cyrillic: bool = False

    def add(self, k: PartKeys) -> None:
        if not k.exact:
            return
        self.exact = self.exact or k.exact
        self.coarse = self.coarse or k.coarse
        for value, into in ((k.exact_all or (k.exact,), self.exact_all),
                            (k.coarse_all or (k.coarse,), self.coarse_all)):  # fmt: skip
            into.extend(v for v in value[:MAX_CANDIDATES] if v and v not in into)

    def add_folded(self, part: NamePart) -> None:
        self.cyrillic = self.cyrillic or part.script == CYRILLIC
        self.folded_all.extend(k for k in cursive.part_keys(part) if k not in self.folded_all)


def _name_forms(row: sqlite3.Row) -> list[tuple[str, str | None, bool]]:
    """(text, role of a single unsplit part, whether that text is one name field) for
    every way the record writes the name. A text from one field (a family name with no
    given name) is one part unless it clearly holds the full name: the engine must not
    cut 佐々木 into 佐々 and 木, but a roster's 吉田茂吉 written in the family column is
    吉田 and 茂吉."""
    forms: list[tuple[str, str | None, bool]] = []
    fields = [p.strip() for p in (row["family_name"], row["given_name"]) if p and p.strip()]
    if fields:
        only_given = not (row["family_name"] or "").strip()
        forms.append((" ".join(fields), GIVEN if only_given else FAMILY, len(fields) == 1))
    for extra in (row["full_name"], row["name_reading"]):
        if extra and extra.strip():
            forms.append((extra, FAMILY, False))
    return forms


def _parts(text: str, hint: str | None = None) -> list[tuple[NamePart, PartKeys]]:
    try:
        parsed, keys = name_standardise(text, hint)
    except ValueError:
        return []
    return list(zip(parsed.parts, keys, strict=False))


def name_keys(row: sqlite3.Row) -> tuple[_Keys, _Keys]:
    """Family and given keys over all the record's name forms."""
    family, given = _Keys(), _Keys()
    for text, single_role, whole in _name_forms(row):
        for part, k in _parts(text, "one-field" if whole else None):
            role = single_role if k.role == NAME else k.role
            if role == FAMILY:
                family.add(k)
                family.add_folded(part)
            elif role == GIVEN:
                given.add(k)
                given.add_folded(part)
    return family, given


def father_keys(text: str | None) -> _Keys:
    out = _Keys()
    if text and text.strip():
        for _, k in _parts(text.strip().split()[0], "whole"):
            out.add(k)
    return out


def _alive_lo(row: sqlite3.Row) -> int | None:
    """The latest day the record shows the man alive (its earliest possible value)."""
    seen = [day_range(row[f]) for f in ("capture_date", "transfer_date", "repatriation_date")]
    if row["kind"] in DEATH_KINDS:
        seen = seen[:1]
    known = [r[0] for r in seen if r]
    return max(known) if known else None


def _repatriated(row: sqlite3.Row) -> bool:
    return bool(row["repatriation_date"]) or stated_fate(row["status"], row["notes"]) == "returned"


def _middle_day(iso: str | None) -> int | None:
    days = day_range(iso)
    return (days[0] + days[1]) // 2 if days else None


def _home_day(row: sqlite3.Row) -> int | None:
    """The day the man left for home: the landing (or repatriation) date, else the date a
    Soviet card closed with "repatriated" (middle day of a partial date)."""
    when = row["repatriation_date"]
    if not when and stated_fate(row["status"], row["notes"]) == "returned":
        when = row["transfer_date"]
    return _middle_day(when)


def _death(row: sqlite3.Row) -> tuple[int, int] | tuple[None, None]:
    died = day_range(row["death_date"])
    if died is None and stated_fate(row["status"], row["notes"]) == "died":
        died = day_range(row["transfer_date"])
    return died if died else (None, None)


def standardise_row(row: sqlite3.Row) -> dict[str, Any]:
    """One record's comparison columns."""
    family, given = name_keys(row)
    father = father_keys(row["father_name"])
    death_lo, death_hi = _death(row)
    day = row["birth_date"] if row["birth_date_precision"] == "day" else None
    year = row["birth_year"] or (int(row["birth_date"][:4]) if row["birth_date"] else None)
    return {
        "unique_id": row["id"], "source": row["source"], "kind": row["kind"],
        "fam": family.exact, "fam_c": family.coarse, "fam_all": family.exact_all,
        "fam_c_all": family.coarse_all, "giv": given.exact, "giv_c": given.coarse,
        "giv_all": given.exact_all, "giv_c_all": given.coarse_all,
        "fam_c2": _second(family), "giv_c2": _second(given),
        "fa": father.exact, "fa_c": father.coarse, "fa_all": father.exact_all,
        "birth_year": year, "birth_date": day, "rank": rank_code(row["rank"]),
        "unit": unit_code(row["unit"]), "camp": plain(row["camp"]),
        "prefecture": plain(row["prefecture"]), "death_place": place_key(row["death_place"]),
        "death_lo": death_lo, "death_hi": death_hi, "alive_lo": _alive_lo(row),
        "repatriated": _repatriated(row), "home_day": _home_day(row),
        "capture_day": _middle_day(row["capture_date"]),
        **_stay(row),
        "name_text": _display(row),
        "fam_k_all": family.folded_all[:MAX_CANDIDATES] or None,
        "giv_k_all": given.folded_all[:MAX_CANDIDATES] or None,
        "cyr": family.cyrillic or given.cyrillic,
    }  # fmt: skip


def _stay(row: sqlite3.Row) -> dict[str, int | None]:
    """A Soviet card's camp stay: the day he arrived and the day he left (middle days)."""
    arrived = _middle_day(row["arrival_date"])
    left = _middle_day(row["transfer_date"]) if arrived is not None else None
    return {"stay_in": arrived, "stay_out": left}


def _second(keys: _Keys) -> str | None:
    """The second reading candidate's coarse key (the first's when there is only one)."""
    return keys.coarse_all[1] if len(keys.coarse_all) > 1 else keys.coarse


def _display(row: sqlite3.Row) -> str:
    forms = _name_forms(row)
    return forms[0][0] if forms else ""


def iter_rows(
    conn: sqlite3.Connection, where: str = "", args: Iterable[Any] = ()
) -> Iterator[sqlite3.Row]:
    cursor = conn.execute(f"{_QUERY} {where} ORDER BY r.id", tuple(args))
    cursor.row_factory = sqlite3.Row
    yield from cursor


def standardise_records(
    conn: sqlite3.Connection, where: str = "", args: Iterable[Any] = (), batch: int = 50_000
) -> pa.Table:
    """The comparison table of the records matching ``where`` (all records by default)."""
    batches, rows = [], []
    for row in iter_rows(conn, where, args):
        rows.append(standardise_row(row))
        if len(rows) >= batch:
            batches.append(pa.Table.from_pylist(rows, schema=SCHEMA))
            rows = []
    batches.append(pa.Table.from_pylist(rows, schema=SCHEMA))
    return pa.concat_tables(batches)
