"""yokuryu.names — Japanese names compared across kanji, kana, romaji and Soviet Cyrillic.

The public surface (everything else is private and may change):

- ``parse(text, hint=None) -> ParsedName`` — script, family/given(/patronymic) parts,
  weighted kana readings per part.
- ``readings(text, limit=10) -> list[Reading]`` — weighted readings of a whole name (parts
  joined by a space) in any script.
- ``kana_to_romaji(kana, system="hepburn", long="macron")``, ``romaji_to_kana(romaji)``.
- ``to_cyrillic(kana) -> list[str]`` every Polivanov rendering and popular variant, best
  first; ``to_cyrillic_weighted(kana)`` the same with weights (for simulating clerks).
- ``cyrillic_to_kana(text) -> list[Reading]`` — the weighted reverse parse.
- ``cyrillic_to_katakana(text) -> str`` — what a ministry clerk typed from a card.
- ``keys(text) -> list[PartKeys]`` — exact and coarse ASCII keys per part.
- ``similarity(a, b) -> float`` in [0, 1]; ``explain(a, b) -> Explanation``.
- ``standardise(text)`` — the batch path: parse + keys, cached (one call per record).

Example:
    >>> round(similarity("Сато Хироси", "佐藤 博"), 2)
    1.0
    >>> to_cyrillic("じゅんいち")[:2]
    ['Дзюнъити', 'Дзюнити']
"""

from __future__ import annotations

from functools import lru_cache

from yokuryu.names import compare, cyrillic, readers
from yokuryu.names.kana import normalise_kana, to_katakana
from yokuryu.names.model import (
    Explanation,
    NamePart,
    ParsedName,
    PartKeys,
    Reading,
)
from yokuryu.names.parsing import alternatives, check_text, parse, standardise
from yokuryu.names.romaji import kana_to_romaji, romaji_to_kana

__all__ = [
    "Explanation",
    "NamePart",
    "ParsedName",
    "PartKeys",
    "Reading",
    "cyrillic_to_kana",
    "cyrillic_to_katakana",
    "explain",
    "kana_to_romaji",
    "keys",
    "parse",
    "readings",
    "romaji_to_kana",
    "similarity",
    "standardise",
    "to_cyrillic",
    "to_cyrillic_weighted",
]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def to_cyrillic_weighted(kana: str, limit: int = 64) -> list[tuple[str, float]]:
    """Cyrillic renderings of a kana reading with relative weights (best = 1)."""
    check_text(kana, "kana reading")
    return [(_capital(c), w) for c, w in cyrillic.renderings(normalise_kana(kana), limit)]


def to_cyrillic(kana: str, limit: int = 64) -> list[str]:
    """Every Polivanov rendering plus popular variants of a kana reading, standard first.

    >>> to_cyrillic("さとう")[:2], to_cyrillic("ほんま")[0]
    (['Сато', 'Сатоу'], 'Хомма')
    """
    return [c for c, _ in to_cyrillic_weighted(kana, limit)]


def cyrillic_to_kana(text: str, limit: int = 10) -> list[Reading]:
    """Weighted kana readings a Cyrillic name part may stand for (long vowels restored)."""
    check_text(text)
    return [Reading(k, w) for k, w in readers.cyrillic_readings(text.lower(), limit=limit)]


def cyrillic_to_katakana(text: str) -> str:
    """Katakana as the ministry made it from a card: letter by letter, long vowels lost.

    >>> cyrillic_to_katakana("Сато Хироси")
    'サト ヒロシ'
    """
    check_text(text)
    out = []
    for token in text.split():
        parsed = cyrillic.parse(token.lower())
        out.append(to_katakana(parsed[0][0]) if parsed else "")
    return " ".join(out)


def readings(text: str, limit: int = 10) -> list[Reading]:
    """Weighted kana readings of a name in any script; parts joined by a space.

    >>> readings("Сато")[0].kana, readings("佐藤 博")[0].kana
    ('さとう', 'さとう ひろし')
    """
    merged: dict[str, float] = {}
    for parsed in alternatives(parse(text)):
        for kana, weight in _combine(parsed, limit):
            merged[kana] = merged.get(kana, 0.0) + weight * parsed.split_weight
    best = sorted(merged.items(), key=lambda kw: -kw[1])[:limit]
    total = sum(w for _, w in best) or 1.0
    return [Reading(k, w / total) for k, w in best]


@lru_cache(maxsize=100_000)
def _combine(parsed: ParsedName, limit: int) -> tuple[tuple[str, float], ...]:
    if not parsed.parts:
        return ()
    combos: list[tuple[str, float]] = [("", 1.0)]
    for part in parsed.parts:
        if not part.readings:
            return ()
        combos = [
            (f"{text} {r.kana}".strip(), w * r.weight) for text, w in combos for r in part.readings
        ]
        combos = sorted(combos, key=lambda tw: -tw[1])[: limit * 4]
    kept = combos[:limit]
    total = sum(w for _, w in kept) or 1.0
    return tuple((t, w / total) for t, w in kept)


def keys(text: str, hint: str | None = None) -> list[PartKeys]:
    """ASCII keys per part: exact phonetic key and coarse blocking key (and all candidates').

    ``hint`` as for :func:`parse`: "whole" keys one name part as one (佐々木 → sasaki,
    where the full-name parser would cut it into 佐々 and 木).

    >>> [(k.role, k.exact, k.coarse) for k in keys("Сато Хироси")]
    [('family', 'sato', 'sata'), ('given', 'hirosi', 'hirasi')]
    >>> [k.exact for k in keys("佐々木", hint="whole")]
    ['sasaki']
    """
    return standardise(text, hint)[1]


def similarity(a: str, b: str) -> float:
    """Similarity of two names in any scripts, in [0, 1] (0 when nothing can be compared)."""
    score, _ = compare.name_similarity(parse(a), parse(b))
    return round(min(1.0, max(0.0, score)), 6)


def explain(a: str, b: str) -> Explanation:
    """The best alignment of the two names' readings with the cost of each step."""
    pa, pb = parse(a), parse(b)
    score, swapped = compare.name_similarity(pa, pb)
    parts = [compare.explain_parts(x, y) for x, y in compare.pairs_for(pa, pb, swapped)]
    return Explanation(a, b, round(max(0.0, min(1.0, score)), 6), swapped, parts)
