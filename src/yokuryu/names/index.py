"""The reading index: JMnedict names (without its "person" entries) plus surname counts.

Built once from the installed ``jamdict-data`` package (a 325 MB SQLite file we never
ship) into a small pickle in the user's cache, at ``make setup`` or lazily on first use.
Full names of real people (JMnedict type "person") are left out on purpose: they are the
held-out test of reading kanji names from their parts.

Sources: JMnedict (EDRDG, CC BY-SA 4.0) via jamdict-data; japanese-personal-name-dataset
(MIT) for surname populations.
"""

from __future__ import annotations

import csv
import os
import pickle
import sqlite3
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from yokuryu.names import chars
from yokuryu.names.kana import normalise_kana

INDEX_VERSION = 5
SURNAME, GIVEN, MASC, FEM, UNCLASS = 1, 2, 4, 8, 16
UNUSED = UNCLASS  # an entry JMnedict could not classify
_TYPE_BITS = {"surname": SURNAME, "given": GIVEN, "masc": MASC, "fem": FEM, "unclass": UNCLASS}


class IndexUnavailable(RuntimeError):
    """The JMnedict index cannot be built because jamdict-data is not installed."""


@dataclass
class NameIndex:
    """kanji → readings with JMnedict type bits; kana → how many spellings per type."""

    kanji: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    kana_counts: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    surname_population: dict[tuple[str, str], int] = field(default_factory=dict)
    given_popular: dict[tuple[str, str], int] = field(default_factory=dict)
    chars: dict[str, dict[str, int]] = field(default_factory=dict)


def jamdict_db_path() -> Path:
    try:
        import jamdict_data
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise IndexUnavailable(
            "jamdict-data is not installed; run `pip install jamdict-data` (or `make setup`)"
        ) from exc
    return Path(jamdict_data.JAMDICT_DB_PATH)


def index_path() -> Path:
    """Where the built index lives: $YOKURYU_NAMES_INDEX or the user's cache folder."""
    override = os.environ.get("YOKURYU_NAMES_INDEX")
    if override:
        return Path(override)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "yokuryu" / f"names-index-v{INDEX_VERSION}.pickle"


_ENTRIES_SQL = """
SELECT tr.idseq, group_concat(DISTINCT ty.text)
FROM NETranslation tr JOIN NETransType ty ON ty.tid = tr.ID
GROUP BY tr.idseq
"""


def _entry_types(con: sqlite3.Connection) -> dict[int, int]:
    """idseq → type bits, for name entries that are not "person" entries."""
    out: dict[int, int] = {}
    for idseq, types in con.execute(_ENTRIES_SQL):
        names = set(types.split(","))
        bits = sum(bit for name, bit in _TYPE_BITS.items() if name in names)
        if bits and "person" not in names:
            out[idseq] = bits
    return out


def _spellings(con: sqlite3.Connection, table: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for idseq, text in con.execute(f"SELECT idseq, text FROM {table}"):
        out.setdefault(idseq, []).append(text)
    return out


def build_index(db_path: Path | None = None) -> NameIndex:
    """Read JMnedict names (not persons) and the surname counts into a NameIndex."""
    con = sqlite3.connect(f"file:{db_path or jamdict_db_path()}?mode=ro", uri=True)
    try:
        types = _entry_types(con)
        kanjis, kanas = _spellings(con, "NEKanji"), _spellings(con, "NEKana")
        allowed = chars.kanjidic_readings(con)
    finally:
        con.close()
    index = NameIndex()
    raw: dict[str, list[tuple[str, int]]] = {}
    for idseq, bits in types.items():
        for kana in {normalise_kana(k) for k in kanas.get(idseq, [])}:
            _count(index, kana, bits)
            for written in kanjis.get(idseq, []):
                raw.setdefault(written, []).append((kana, bits))
    index.kanji = {written: _merged(pairs) for written, pairs in raw.items()}
    pairs = ((w, k) for w, readings in index.kanji.items() for k, _ in readings)
    index.chars = chars.count_pieces(pairs, allowed)
    index.surname_population = dict(_surname_counts())
    index.given_popular = dict(_popular_given())
    return index


def _count(index: NameIndex, kana: str, bits: int) -> None:
    s, g, m, f = index.kana_counts.get(kana, (0, 0, 0, 0))
    index.kana_counts[kana] = (
        s + bool(bits & SURNAME),
        g + bool(bits & GIVEN),
        m + bool(bits & MASC),
        f + bool(bits & FEM),
    )


def _merged(pairs: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """One entry per reading with the union of its types; tuples, so that the garbage
    collector stops tracking the 290,000 of them."""
    merged: dict[str, int] = {}
    for kana, bits in pairs:
        merged[kana] = merged.get(kana, 0) | bits
    return tuple(sorted(merged.items()))


def _dataset_rows(name: str) -> list[list[str]]:
    files = resources.files("japanese_personal_name_dataset") / "dataset" / name
    with files.open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle) if row]


def _surname_counts() -> list[tuple[tuple[str, str], int]]:
    """(kanji, reading) → estimated population, from japanese-personal-name-dataset."""
    try:
        rows = _dataset_rows("last_name_org.csv")
    except ModuleNotFoundError:  # pragma: no cover - optional source
        return []
    return [((r[0], normalise_kana(r[2])), int(r[1])) for r in rows if r[1].isdigit()]


def _popular_given() -> list[tuple[tuple[str, str], int]]:
    """(kanji, reading) of masculine given names: 2 in the curated popular list, else 1."""
    try:
        full, popular = (
            _dataset_rows("first_name_man_org.csv"),
            _dataset_rows("first_name_man_opti.csv"),
        )
    except ModuleNotFoundError:  # pragma: no cover - optional source
        return []
    out: dict[tuple[str, str], int] = {}
    for rows, score in ((full, 1), (popular, 2)):
        for row in rows:
            for written in row[2:]:
                out[(written, normalise_kana(row[0]))] = score
    return list(out.items())


def save_index(index: NameIndex, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
        payload = {"version": INDEX_VERSION, **vars(index)}
        pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
    Path(handle.name).replace(path)


@lru_cache(maxsize=1)
def load_index() -> NameIndex:
    """The index, building and saving it first if it is not there yet."""
    path = index_path()
    if path.exists():
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, dict) and loaded.pop("version", None) == INDEX_VERSION:
            return NameIndex(**loaded)
    index = build_index()
    save_index(index, path)
    return index


def main() -> None:
    """`python -m yokuryu.names.index`: build the index now (used by `make setup`)."""
    path = index_path()
    if not path.exists():
        save_index(build_index(), path)


if __name__ == "__main__":
    main()
