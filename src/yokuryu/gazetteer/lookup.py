"""Finding a place by a name in Latin, Russian or Japanese script, or by camp number."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

# "лагерь № 7", "лагерь N7", "第7収容所", "第七収容所", "camp 7", "camp No. 7", "No.7", "7"
_CAMP_PATTERNS = [
    re.compile(r"^(?:лагер[ья]|лаг\.?|camp|gupvi|гупви)?\s*(?:№|n|no\.?|nr\.?|#)?\s*(\d+)\s*$"),
    re.compile(r"^第?\s*(\d+)\s*(?:収容所|ラーゲリ|地区|番)?$"),
]
_KANJI_DIGITS = {
    "〇": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SEPARATORS = re.compile(r"[\s\-‐–—・･/()（）,.;:'\"«»]+")


@dataclass(frozen=True)
class PlaceMatch:
    place_id: int
    name_en: str
    name_ru: str | None
    name_ja: str | None
    kind: str
    camp_numbers: str | None
    latitude: float | None
    longitude: float | None
    source: str
    score: float
    why: str


def _kanji_number(text: str) -> str:
    """'第二十五収容所' → '第25収容所' (numbers up to 999 written in kanji)."""

    def convert(match: re.Match[str]) -> str:
        total, current = 0, 0
        for ch in match.group(0):
            if ch == "百":
                total += (current or 1) * 100
                current = 0
            elif ch == "十":
                total += (current or 1) * 10
                current = 0
            else:
                current = current * 10 + _KANJI_DIGITS[ch]
        return str(total + current)

    return re.sub(r"[〇一二三四五六七八九十百]+", convert, text)


def camp_number_in(query: str) -> int | None:
    """The camp number a query asks for, or None when it is a name."""
    text = _kanji_number(unicodedata.normalize("NFKC", query)).strip().casefold()
    for pattern in _CAMP_PATTERNS:
        found = pattern.match(text)
        if found:
            return int(found.group(1))
    return None


def fold(text: str) -> str:
    """Case-, width- and punctuation-insensitive form used to compare place names."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return _SEPARATORS.sub("", text)


def _name_forms(row: sqlite3.Row) -> list[str]:
    forms = []
    for column in ("name_en", "name_ru", "name_ja"):
        value = row[column]
        if value:
            forms.append(value)
            forms.extend(part for part in re.split(r"[/(),]", value) if part.strip())
    return [f for f in (fold(form) for form in forms) if f]


def _name_score(query: str, forms: list[str]) -> tuple[float, str]:
    best = (0.0, "")
    for form in forms:
        if form == query:
            return 1.0, "exact name"
        if form.startswith(query) and len(query) >= 2:
            best = max(best, (0.9, "name begins with the query"))
        elif query in form and len(query) >= 3:
            best = max(best, (0.7, "name contains the query"))
        ratio = SequenceMatcher(None, query, form).ratio()
        if ratio >= 0.8:
            best = max(best, (0.6 * ratio, f"similar spelling ({ratio:.2f})"))
    return best


def _match(row: sqlite3.Row, score: float, why: str) -> PlaceMatch:
    return PlaceMatch(
        place_id=row["id"],
        name_en=row["name_en"],
        name_ru=row["name_ru"],
        name_ja=row["name_ja"],
        kind=row["kind"],
        camp_numbers=row["camp_numbers"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        source=row["source"],
        score=score,
        why=why,
    )


def _by_camp_number(conn: sqlite3.Connection, number: int) -> list[PlaceMatch]:
    rows = conn.execute(
        "SELECT p.* FROM place p JOIN place_camp_number c ON c.place_id = p.id "
        "WHERE c.camp_number = ? ORDER BY p.kind != 'camp_town', p.id",
        (number,),
    )
    return [_match(row, 0.95, f"camp No. {number}") for row in rows]


def find_places(conn: sqlite3.Connection, query: str, limit: int = 10) -> list[PlaceMatch]:
    """Places matching a name in any script or a camp number, best first."""
    number = camp_number_in(query)
    if number is not None:
        return _by_camp_number(conn, number)[:limit]
    folded = fold(query)
    if not folded:
        return []
    matches = []
    for row in conn.execute("SELECT * FROM place ORDER BY id"):
        score, why = _name_score(folded, _name_forms(row))
        if score > 0:
            matches.append(_match(row, score, why))
    matches.sort(key=lambda m: (-m.score, m.place_id))
    return matches[:limit]
