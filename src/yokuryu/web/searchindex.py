"""The search index: every person's name keys, rebuilt from the registry when persons change.

Three derived tables (see docs/web.md): ``person_search_key`` (key, person, part),
``person_search_pair`` (a family and a given name's readings joined, per person) and
``search_text_key`` (every name part's keys, so ranking never asks the engine again).

A build reads one snapshot, person by person: the engine is asked once per distinct name
text (and not at all for a text whose keys the previous index stored under the same
engine), each text's rows are made once, and a person's rows are the union of their
records' texts' rows, so what the records share is staged once. Rows are staged in
temporary tables (writers are not blocked meanwhile) and sorted into the registry at the
swap, the only step that holds its write lock.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from itertools import groupby

from yokuryu.store import transaction
from yokuryu.store.audit import now_utc
from yokuryu.web.namekeys import TextKeys, name_parts, spelling_key, text_keys

NAME_COLUMNS = ("family_name", "given_name", "full_name", "name_reading")
# Bumped when the index's layout or keys change, so an older index is rebuilt at start.
INDEX_VERSION = "4"
# The web's own derived table (rebuilt from the registry at will, like the key table): one
# row per reading of a (family, given) pair on a record, so a two-part name is one lookup.
PAIR_TABLE = (
    "CREATE TABLE IF NOT EXISTS person_search_pair (key TEXT NOT NULL, "
    "person_id TEXT NOT NULL, PRIMARY KEY (key, person_id)) WITHOUT ROWID"
)
# And every name part's keys (TextKeys.encode), so ranking and reasons read them instead
# of asking the name engine about each candidate's names again.
TEXT_TABLE = (
    "CREATE TABLE IF NOT EXISTS search_text_key (text TEXT PRIMARY KEY, keys TEXT NOT NULL) "
    "WITHOUT ROWID"
)
_STAGING = (
    "CREATE TEMP TABLE IF NOT EXISTS staged_key (key, person_id, part)",
    "CREATE TEMP TABLE IF NOT EXISTS staged_pair (key, person_id)",
    "CREATE TEMP TABLE IF NOT EXISTS staged_text (text, keys)",
)


def record_names(row: sqlite3.Row | dict) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A record's name forms — (part, text) for each family, given and full name written on
    it — and its (family, given) pairs: its columns, then its whole-name fields."""
    forms: list[tuple[str, str]] = []
    pairs: list[tuple[str, str]] = []
    family, given = row["family_name"], row["given_name"]
    if family:
        forms.append(("family", family))
    if given:
        forms.append(("given", given))
    for text in (row["full_name"], row["name_reading"]):
        parts = name_parts(text) if text else ()
        if len(parts) >= 2:
            forms.append(("family", parts[0]))
            forms += [("given", p) for p in parts[1:]]
            pairs += [(parts[0], p) for p in parts[1:]]
        if parts:
            forms.append(("full", " ".join(parts)))
    if family and given:
        forms.append(("full", f"{family} {given}"))
        pairs.append((family, given))
    return forms, pairs


def record_name_forms(row: sqlite3.Row | dict) -> list[tuple[str, str]]:
    """(part, text) for each name part written on a record: family, given and full."""
    return record_names(row)[0]


def record_name_pairs(row: sqlite3.Row | dict) -> set[tuple[str, str]]:
    """(family, given) pairs written on a record: its columns, then its whole-name fields."""
    return set(record_names(row)[1])


class TextRows:
    """Each distinct name text's keys and index rows, made once per build.

    ``stored``: text → encoded keys from the previous index, valid when it was built by
    the same name engine (its fingerprint's engine stamp); other texts go to the engine.
    """

    def __init__(self, stored: dict[str, str]) -> None:
        self.stored = stored
        self.keys: dict[str, TextKeys] = {}
        self._forms: dict[tuple[str, str], frozenset[tuple[str, str]]] = {}
        self._sounds: dict[str, tuple[str, ...]] = {}

    def text(self, text: str) -> TextKeys:
        found = self.keys.get(text)
        if found is None:
            encoded = self.stored.get(text)
            found = TextKeys.decode(encoded) if encoded is not None else text_keys(text)
            self.keys[text] = found
        return found

    def person_rows(self, forms: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """(key, part) rows of a person's forms: a name part's every key (made once per
        text), a whole name's spelling (whole names are nearly all distinct: not kept)."""
        found: set[tuple[str, str]] = set()
        for part, text in forms:
            if part == "full":
                key = spelling_key(text)
                if key:
                    found.add((key, part))
            else:
                found |= self._forms.get((part, text)) or self._part_rows(part, text)
        return found

    def _part_rows(self, part: str, text: str) -> frozenset[tuple[str, str]]:
        found = self._forms[(part, text)] = frozenset((k, part) for k in self.text(text).every)
        return found

    def pair(self, family: str, given: str) -> list[str]:
        """Every reading of the family name joined to every reading of the given name (not
        kept: the pairs of a large archive are nearly all distinct)."""
        return [f"{f}|{g}" for f in self._sound(family) for g in self._sound(given)]

    def _sound(self, text: str) -> tuple[str, ...]:
        found = self._sounds.get(text)
        if found is None:
            found = self._sounds[text] = tuple(k for k in self.text(text).every if k[0] == "~")
        return found


def _records_by_person(conn: sqlite3.Connection) -> Iterator[tuple[str, list[sqlite3.Row]]]:
    columns = ", ".join(f"r.{c}" for c in NAME_COLUMNS)
    rows = conn.execute(
        f"SELECT pr.person_id, {columns} FROM person_record pr "
        "JOIN record r ON r.id = pr.record_id ORDER BY pr.person_id"
    )
    for person_id, records in groupby(rows, key=lambda row: row["person_id"]):
        yield person_id, list(records)


def _stage_persons(conn: sqlite3.Connection, rows: TextRows) -> None:
    """Each person's key and pair rows, without the duplicates their records share."""
    keys: list[tuple[str, str, str]] = []
    pairs: list[tuple[str, str]] = []
    for person_id, records in _records_by_person(conn):
        forms: set[tuple[str, str]] = set()
        names: set[tuple[str, str]] = set()
        for record in records:
            record_forms, record_pairs = record_names(record)
            forms.update(record_forms)
            names.update(record_pairs)
        keys += [(key, person_id, part) for key, part in rows.person_rows(forms)]
        person_pairs = frozenset().union(*[rows.pair(family, given) for family, given in names])
        pairs += [(key, person_id) for key in person_pairs]
        if len(keys) > 200_000:
            _flush(conn, keys, pairs)
    _flush(conn, keys, pairs)
    conn.executemany("INSERT INTO staged_key VALUES (?, ?, 'full')", _display_spellings(conn))


def _display_spellings(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    for person_id, display in conn.execute(
        "SELECT id, display_name FROM person WHERE display_name IS NOT NULL"
    ):
        key = spelling_key(display)
        if key:
            yield key, person_id


def _flush(
    conn: sqlite3.Connection, keys: list[tuple[str, str, str]], pairs: list[tuple[str, str]]
) -> None:
    conn.executemany("INSERT INTO staged_key VALUES (?, ?, ?)", keys)
    conn.executemany("INSERT INTO staged_pair VALUES (?, ?)", pairs)
    keys.clear()
    pairs.clear()


def _stage_texts(conn: sqlite3.Connection, rows: TextRows) -> None:
    conn.executemany(
        "INSERT INTO staged_text VALUES (?, ?)",
        ((text, keys.encode()) for text, keys in rows.keys.items()),
    )


# Names whose keys stand for the engine's behaviour: when a new version of the name engine
# keys them differently, the stored keys are stale and the index is rebuilt (and a build
# takes no stored text keys from the old index). Long parts too, which are keyed whole.
_PROBES = ("佐藤", "博", "章吉", "高橋", "Сато", "Хироси", "Такахаси", "さとう", "ショウタロウ",
           "Takahashi", "Shotaro", "齋藤", "源太郎", "佐々木", "喜代志", "なかにし",
           "Кэнъитиро")  # fmt: skip


def engine_stamp() -> str:
    """A short digest of the name engine's keys for a few names."""
    text = "|".join(text_keys(probe).encode() for probe in _PROBES)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _engine_part(stamp: str) -> str:
    return f"v{INDEX_VERSION}|{stamp}|"


def index_fingerprint(conn: sqlite3.Connection) -> str:
    runs = ",".join(r[0] for r in conn.execute("SELECT DISTINCT run_id FROM person ORDER BY 1"))
    counts = conn.execute("SELECT count(*), coalesce(max(rowid), 0) FROM person_record").fetchone()
    persons = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    return f"{_engine_part(engine_stamp())}{runs}|{counts[0]}|{counts[1]}|{persons}"


def _stored_fingerprint(conn: sqlite3.Connection) -> str | None:
    state = conn.execute("SELECT fingerprint FROM search_index_state").fetchone()
    return None if state is None else str(state[0])


def stored_text_keys(conn: sqlite3.Connection, fingerprint: str) -> dict[str, str]:
    """The previous index's text keys, if the same index version and engine made them."""
    previous = _stored_fingerprint(conn) or ""
    engine = "|".join(fingerprint.split("|")[:2]) + "|"
    if not previous.startswith(engine):
        return {}
    return dict(conn.execute("SELECT text, keys FROM search_text_key").fetchall())


def _swap_in(conn: sqlite3.Connection, fingerprint: str) -> int:
    """Replace the keys by the staged ones, in key order (far faster into WITHOUT ROWID)."""
    conn.execute("DELETE FROM person_search_key")
    conn.execute("DELETE FROM person_search_pair")
    conn.execute("DELETE FROM search_text_key")
    conn.execute(
        "INSERT OR IGNORE INTO person_search_key (key, person_id, part) "
        "SELECT key, person_id, part FROM staged_key ORDER BY key, person_id, part"
    )
    conn.execute(
        "INSERT OR IGNORE INTO search_text_key (text, keys) "
        "SELECT text, keys FROM staged_text ORDER BY text"
    )
    conn.execute(
        "INSERT OR IGNORE INTO person_search_pair (key, person_id) "
        "SELECT key, person_id FROM staged_pair ORDER BY key, person_id"
    )
    keys = int(conn.execute("SELECT count(*) FROM person_search_key").fetchone()[0])
    conn.execute(
        "INSERT OR REPLACE INTO search_index_state (id, fingerprint, built_at, keys) "
        "VALUES (1, ?, ?, ?)",
        (fingerprint, now_utc(), keys),
    )
    return keys


def _clear_staging(conn: sqlite3.Connection) -> None:
    for table in ("staged_key", "staged_pair", "staged_text"):
        conn.execute(f"DELETE FROM {table}")


def _execute_all(conn: sqlite3.Connection, statements: Iterable[str]) -> None:
    for statement in statements:
        conn.execute(statement)


def build_index(conn: sqlite3.Connection, force: bool = False) -> int | None:
    """(Re)build the search keys when persons changed; returns keys written, None if fresh.

    The keys are computed from one read snapshot into temporary tables (writers are not
    blocked meanwhile); only the swap holds the registry's write lock.
    """
    _execute_all(conn, (PAIR_TABLE, TEXT_TABLE, *_STAGING))
    try:
        with transaction(conn, immediate=False):
            fingerprint = index_fingerprint(conn)
            if _stored_fingerprint(conn) == fingerprint and not force:
                return None
            _clear_staging(conn)
            rows = TextRows(stored_text_keys(conn, fingerprint))
            _stage_persons(conn, rows)
            _stage_texts(conn, rows)
        with transaction(conn):
            if _stored_fingerprint(conn) == fingerprint and not force:
                return None  # another process built the same keys meanwhile
            return _swap_in(conn, fingerprint)
    finally:
        _clear_staging(conn)
