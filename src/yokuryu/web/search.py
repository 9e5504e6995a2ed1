"""Search for persons by a name in any script, with filters, through the privacy layer.

Names are indexed once per linkage run as keys (``person_search_key``): the folded
spelling and the name engine's phonetic keys of every name part on every record of a
person, so 佐藤 博, さとう ひろし, Sato Hiroshi and Сато Хироси meet on the same keys.
SQLite's full-text tokenizers cannot do this for Japanese (see STYLE.md). The index is
built by ``yokuryu.web.searchindex`` (``build_index`` is re-exported here).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace

from yokuryu.errors import YokuryuError
from yokuryu.web.fate import fates_of
from yokuryu.web.namekeys import (
    TIERS,
    TextKeys,
    all_keys,
    best_keys,
    pair_keys,
    query_readings,
    spelling_key,
    text_keys,
    token_keys,
)
from yokuryu.web.privacy import Viewer, visible_sql
from yokuryu.web.searchindex import NAME_COLUMNS, build_index, record_name_forms

__all__ = ["BadQuery", "Filters", "Hit", "build_index", "clean_query", "part_matches", "search"]


class BadQuery(YokuryuError):
    """A search query that cannot be run as given."""


@dataclass(frozen=True)
class Filters:
    birth_from: int | None = None
    birth_to: int | None = None
    prefecture: str | None = None
    camp_texts: tuple[str, ...] | None = None
    fate: str | None = None
    source_id: int | None = None

    @property
    def any(self) -> bool:
        return any(v not in (None, "") for v in vars(self).values())


@dataclass
class Hit:
    person_id: str
    display_name: str | None
    birth_year: int | None
    fate: str | None
    death_date: str | None
    score: float
    reasons: list[str] = field(default_factory=list)


def clean_query(query: str, max_chars: int) -> str:
    """Printable text, spaces collapsed; refuses over-long queries with a clear reason."""
    text = "".join(ch if ch.isprintable() else " " for ch in query)
    text = " ".join(text.split())
    if len(text) > max_chars:
        raise BadQuery(f"The query is {len(text)} characters long; the limit is {max_chars}.")
    return text


def _filter_sql(filters: Filters) -> tuple[str, list]:
    clauses: list[str] = []
    params: list[object] = []
    if filters.birth_from is not None:
        clauses.append("p.birth_year >= ?")
        params.append(filters.birth_from)
    if filters.birth_to is not None:
        clauses.append("p.birth_year <= ?")
        params.append(filters.birth_to)
    if filters.fate:
        clauses.append("p.fate = ?")
        params.append(filters.fate)
    record_conditions = []
    if filters.prefecture:
        record_conditions.append("f.prefecture = ?")
        params.append(filters.prefecture)
    if filters.camp_texts is not None:
        marks = ", ".join("?" for _ in filters.camp_texts) or "NULL"
        record_conditions.append(f"f.camp IN ({marks})")
        params.extend(filters.camp_texts)
    if filters.source_id is not None:
        record_conditions.append("f.source_id = ?")
        params.append(filters.source_id)
    for condition in record_conditions:
        clauses.append(
            "EXISTS (SELECT 1 FROM person_record fr JOIN record f ON f.id = fr.record_id "
            f"WHERE fr.person_id = p.id AND {condition})"
        )
    return " AND ".join(clauses) or "1", params


def _marks(values: list) -> str:
    return ", ".join("?" for _ in values)


def _rarity(conn: sqlite3.Connection, keys: list[str]) -> int:
    sql = f"SELECT count(*) FROM (SELECT 1 FROM person_search_key WHERE key IN ({_marks(keys)}) "
    return int(conn.execute(sql + "LIMIT 20000)", keys).fetchone()[0])


def _intersect_sql(conn: sqlite3.Connection, tokens: list[str], tier: str) -> tuple[str, list]:
    """Persons having every query part: start from the rarest part, then probe the others
    by (key, person) on the primary key — far cheaper than intersecting whole key lists."""
    keysets = [sorted(token_keys(token, tier)) or ["-"] for token in tokens]
    keysets.sort(key=lambda keys: _rarity(conn, keys))
    first, rest = keysets[0], keysets[1:]
    sql = f"SELECT k0.person_id FROM person_search_key k0 WHERE k0.key IN ({_marks(first)})"
    params = list(first)
    for i, keys in enumerate(rest, 1):
        sql += (
            f" AND EXISTS (SELECT 1 FROM person_search_key k{i} WHERE k{i}.key IN "
            f"({_marks(keys)}) AND k{i}.person_id = k0.person_id)"
        )
        params += keys
    return sql, params


def _query_pairs(tokens: list[str]) -> list[str]:
    """Pair keys of a two-part query, in both orders (given names are often typed first)."""
    if len(tokens) != 2:
        return []
    first, second = tokens
    return sorted(pair_keys(first, second, "best") | pair_keys(second, first, "best"))


def _token_sql(conn: sqlite3.Connection, tokens: list[str], tier: str) -> tuple[str, list]:
    """The persons a tier finds, by the cheapest lookup that answers it exactly: the whole
    spelling (one key), a two-part name's sound (one pair key per order), else the parts
    intersected."""
    if tier == "spelling" and len(tokens) > 1 and (whole := spelling_key("".join(tokens))):
        return "SELECT person_id FROM person_search_key WHERE key = ?", [whole]
    if tier == "exact" and (pairs := _query_pairs(tokens)):
        return f"SELECT person_id FROM person_search_pair WHERE key IN ({_marks(pairs)})", pairs
    return _intersect_sql(conn, tokens, tier)


def _candidates(
    conn: sqlite3.Connection,
    tokens: list[str],
    filters: Filters,
    visible: tuple[str, list],
    tier: str,
    limit: int,
) -> list[sqlite3.Row]:
    """Up to ``limit`` visible persons matching every part; driven from the key index so
    a common name stops at the limit instead of gathering thousands."""
    where, params = _filter_sql(filters)
    columns = "p.id, p.display_name, p.birth_year, p.fate, p.death_date"
    if tokens:
        token_sql, token_params = _token_sql(conn, tokens, tier)
        sql = f"SELECT DISTINCT {columns} FROM ({token_sql}) t JOIN person p ON p.id = t.person_id"
        params = [*token_params, *visible[1], *params]
    else:
        sql = f"SELECT {columns} FROM person p"
        params = [*visible[1], *params]
    sql += f" WHERE {visible[0]} AND {where} LIMIT {int(limit)}"
    return list(conn.execute(sql, params))


def _forms_of(conn: sqlite3.Connection, person_ids: list[str]) -> dict[str, list]:
    marks = ", ".join("?" for _ in person_ids)
    columns = ", ".join(f"r.{c}" for c in NAME_COLUMNS)
    forms: dict[str, list] = {pid: [] for pid in person_ids}
    rows = conn.execute(
        f"SELECT pr.person_id, {columns} FROM person_record pr "
        f"JOIN record r ON r.id = pr.record_id WHERE pr.person_id IN ({marks})",
        person_ids,
    )
    for row in rows:
        forms[row["person_id"]].extend(record_name_forms(row))
    return forms


_BOOK: dict[str, TextKeys] = {}
_BOOK_LIMIT = 500_000


def key_book(conn: sqlite3.Connection, texts: set[str]) -> dict[str, TextKeys]:
    """The keys of name parts: from memory, else the index's table, else the engine."""
    missing = sorted(texts - _BOOK.keys())
    if len(_BOOK) + len(missing) > _BOOK_LIMIT:
        _BOOK.clear()
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        try:
            rows = conn.execute(
                f"SELECT text, keys FROM search_text_key WHERE text IN ({_marks(chunk)})", chunk
            ).fetchall()
        except sqlite3.OperationalError:  # an index built before the table existed
            rows = []
        _BOOK.update((text, TextKeys.decode(keys)) for text, keys in rows)
    return {text: _BOOK.get(text) or _BOOK.setdefault(text, text_keys(text)) for text in texts}


_HOW = {"=": "same spelling", "~": "same sound", "≈": "similar sound"}
# How much a query part's match counts: same spelling, the likeliest reading of both,
# another reading, a similar sound (the blocking keys).
_QUALITY = {"=": 1.0, "best": 0.9, "~": 0.8, "≈": 0.6}


@dataclass(frozen=True)
class PartMatch:
    """How one query part met a person's names: the best form, and the part kind most of
    the person's records give the matching forms (one record may swap family and given)."""

    token: str
    text: str
    kind: str
    key: str
    quality: float

    @property
    def reason(self) -> str:
        how = _HOW[self.key[0]]
        return f"{self.token} ~ {self.text} ({self.kind} name, {how}: {self.key[1:]})"


def _best_shared(shared: frozenset[str], token_best: frozenset[str], text: TextKeys) -> str:
    """The strongest of the keys a query part shares with a name: its spelling, then the
    sound both are most likely read as, another reading, a similar sound."""
    for chosen in (
        {k for k in shared if k[0] == "="},
        shared & token_best & text.best,
        {k for k in shared if k[0] == "~"},
    ):
        if chosen:
            return min(chosen)
    return min(shared)


def _key_quality(token_best: frozenset[str], text: TextKeys, key: str) -> float:
    """A sound key counts most when it is how both the query part and the name are read."""
    if key[0] == "~" and key in token_best and key in text.best:
        return _QUALITY["best"]
    return _QUALITY[key[0]]


def _part_match(
    token: str, position: int, forms: list[tuple[str, str]], book: dict[str, TextKeys]
) -> PartMatch | None:
    keys, token_best = all_keys(token), best_keys(token)
    best: PartMatch | None = None
    votes = {"family": 0, "given": 0}
    for part, text in forms:
        if part == "full":
            continue
        shared = keys & book[text].every
        if not shared:
            continue
        votes[part] += 1
        key = _best_shared(shared, token_best, book[text])
        quality = _key_quality(token_best, book[text], key)
        if best is None or quality > best.quality:
            best = PartMatch(token, text, part, key, quality)
    if best is None:
        return None
    # Ties go to the query's own order: the first part typed is usually the family name.
    preferred = "family" if position == 0 else "given"
    kind = max(votes, key=lambda k: (votes[k], k == preferred))
    return PartMatch(best.token, best.text, kind, best.key, best.quality)


def part_matches(
    tokens: list[str], forms: list[tuple[str, str]], book: dict[str, TextKeys] | None = None
) -> list[PartMatch]:
    """How each query part met a person's name forms (``book``: their keys, if known)."""
    if book is None:
        book = {text: text_keys(text) for part, text in forms if part != "full"}
    found = (_part_match(token, i, forms, book) for i, token in enumerate(tokens))
    return [m for m in found if m is not None]


def _score(query: str, tokens: list[str], forms: list[tuple[str, str]], matches: list) -> float:
    """1.0 for the exact spelling of a whole name; else how well the parts matched, times
    how much of the name they cover (a family name alone is not the man)."""
    if not tokens:
        return 0.0
    if spelling_key(query) in {spelling_key(text) for part, text in forms if part == "full"}:
        return 1.0
    quality = sum(m.quality for m in matches) / len(tokens)
    kinds = {part for part, _ in forms if part != "full"}
    covered = len({m.kind for m in matches} & kinds) / len(kinds) if kinds else 1.0
    return round(min(0.99, quality * (0.6 + 0.4 * covered)), 4)


def _by_id(conn: sqlite3.Connection, query: str, visible: tuple[str, list]) -> list[Hit]:
    current = conn.execute(
        "SELECT new_id FROM person_id_history WHERE old_id = ? ORDER BY at DESC LIMIT 1",
        (query,),
    ).fetchone()
    target = current[0] if current else query
    row = conn.execute(
        "SELECT p.id, p.display_name, p.birth_year, p.fate, p.death_date FROM person p "
        f"WHERE p.id = ? AND {visible[0]}",
        [target, *visible[1]],
    ).fetchone()
    if row is None:
        return []
    return [_hit(row, 1.0, [f"person id {query}"])]


def _hit(row: sqlite3.Row, score: float, reasons: list[str]) -> Hit:
    return Hit(
        person_id=row["id"],
        display_name=row["display_name"],
        birth_year=row["birth_year"],
        fate=row["fate"],
        death_date=row["death_date"],
        score=score,
        reasons=reasons,
    )


def _tiered(
    conn: sqlite3.Connection,
    tokens: list[str],
    filters: Filters,
    visible: tuple[str, list],
    wanted: int,
) -> list[sqlite3.Row]:
    """Same spelling first, then same sound; similar sound only when nobody was found."""
    if not tokens:
        return _candidates(conn, tokens, filters, visible, "exact", wanted)
    found: dict[str, sqlite3.Row] = {}
    for tier in TIERS:
        if len(found) >= wanted or (tier == "coarse" and found):
            break
        for row in _candidates(conn, tokens, filters, visible, tier, wanted):
            found.setdefault(row["id"], row)
    return list(found.values())[:wanted]


def search(
    conn: sqlite3.Connection,
    viewer: Viewer,
    query: str,
    filters: Filters,
    public_after_years: int,
    limit: int = 25,
) -> list[Hit]:
    """Persons matching a name in any script (or a person id), best first, with reasons."""
    visible = visible_sql(viewer, public_after_years)
    if query and (hits := _by_id(conn, query, visible)):
        return _with_fates(conn, hits)
    readings = [list(tokens) for tokens in query_readings(query)]
    if not readings[0] and not filters.any:
        return []
    rows: dict[str, sqlite3.Row] = {}
    for tokens in readings:
        for row in _tiered(conn, tokens, filters, visible, limit * 2):
            rows.setdefault(row["id"], row)
    forms = _forms_of(conn, list(rows)) if rows else {}
    book = key_book(conn, {t for f in forms.values() for part, t in f if part != "full"})
    scored = [(*_best_reading(query, readings, forms[pid], book), row) for pid, row in rows.items()]
    scored.sort(key=lambda item: (-item[0], item[2]["display_name"] or "", item[2]["id"]))
    hits = [_hit(row, score, [m.reason for m in matches]) for score, matches, row in scored]
    return _with_fates(conn, hits[:limit])


def _best_reading(
    query: str, readings: list[list[str]], forms: list[tuple[str, str]], book: dict[str, TextKeys]
) -> tuple[float, list[PartMatch]]:
    """The score and part matches of the query's reading that fits the person best."""
    best: tuple[float, list[PartMatch]] = (-1.0, [])
    for tokens in readings:
        matches = part_matches(tokens, forms, book)
        score = _score(query, tokens, forms, matches)
        if score > best[0]:
            best = (score, matches)
    return best


def _with_fates(conn: sqlite3.Connection, hits: list[Hit]) -> list[Hit]:
    """The fate the records state where the linkage left it unknown."""
    fates = fates_of(conn, ({"id": h.person_id, "fate": h.fate} for h in hits))
    return [replace(hit, fate=fates[hit.person_id]) for hit in hits]
