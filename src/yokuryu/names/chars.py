"""How each kanji is read inside names: P(reading piece | character).

KANJIDIC (on, kun and nanori readings, with rendaku voicing and っ variants) says which
pieces a character can be read as; aligning every JMnedict name with its reading counts
how often each piece is used (智 → とも far more often than あき). The counts rank the
readings of a listed name and read an unlisted one character by character.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable

from yokuryu.names.kana import normalise_kana

_VOICED = dict(
    zip(
        "かきくけこさしすせそたちつてとはひふへほ",
        "がぎぐげござじずぜぞだぢづでどばびぶべぼ",
        strict=True,
    )
)
_HALF = dict(zip("はひふへほ", "ぱぴぷぺぽ", strict=True))
_SOKUON_END = frozenset("つくちき")
_READINGS_SQL = """
SELECT c.literal, r.value FROM character c JOIN rm_group g ON g.cid = c.ID
JOIN reading r ON r.gid = g.ID WHERE r.r_type IN ('ja_on', 'ja_kun')
UNION ALL SELECT c.literal, n.value FROM character c JOIN nanori n ON n.cid = c.ID
"""
MAX_PIECE = 6

CharTable = dict[str, dict[str, int]]


def _clean(reading: str) -> list[str]:
    text = normalise_kana(reading.replace("-", ""))
    stem, _, okurigana = text.partition(".")
    return [stem, stem + okurigana] if okurigana else [stem]


def variants(piece: str) -> set[str]:
    """A piece as it may sound inside a name: rendaku voicing and a final っ."""
    out = {piece}
    if piece[:1] in _VOICED:
        out.add(_VOICED[piece[0]] + piece[1:])
    if piece[:1] in _HALF:
        out.add(_HALF[piece[0]] + piece[1:])
    if len(piece) > 1 and piece[-1] in _SOKUON_END:
        out |= {v[:-1] + "っ" for v in set(out)}
    return out


def kanjidic_readings(con: sqlite3.Connection) -> dict[str, set[str]]:
    """character → every piece KANJIDIC allows (with variants)."""
    table: dict[str, set[str]] = {}
    for literal, value in con.execute(_READINGS_SQL):
        for piece in _clean(value):
            if piece:
                table.setdefault(literal, set()).update(variants(piece))
    return table


def align(written: str, kana: str, allowed: dict[str, set[str]]) -> list[str] | None:
    """Pieces of kana, one per character of written, each allowed for it (or None)."""
    if len(written) > 6 or not kana:
        return None
    return _align(written, kana, allowed, 0, 0)


def _align(
    written: str, kana: str, allowed: dict[str, set[str]], i: int, j: int
) -> list[str] | None:
    if i == len(written):
        return [] if j == len(kana) else None
    char = "" if written[i] != "々" or i == 0 else written[i - 1]
    options = allowed.get(char or written[i], ())
    for size in range(min(MAX_PIECE, len(kana) - j), 0, -1):
        piece = kana[j : j + size]
        if piece in options:
            rest = _align(written, kana, allowed, i + 1, j + size)
            if rest is not None:
                return [piece, *rest]
    return None


def count_pieces(pairs: Iterable[tuple[str, str]], allowed: dict[str, set[str]]) -> CharTable:
    """Count how often each character is read as each piece across aligned names."""
    counts: CharTable = {char: dict.fromkeys(pieces, 0) for char, pieces in allowed.items()}
    for written, kana in pairs:
        pieces = align(written, kana, allowed)
        for char, piece in zip(written, pieces or (), strict=False):
            slot = counts.setdefault(char, {})
            slot[piece] = slot.get(piece, 0) + 1
    return {c: {p: n for p, n in pieces.items() if n} or pieces for c, pieces in counts.items()}


def piece_log_prob(table: CharTable, char: str, piece: str) -> float:
    pieces = table.get(char)
    if not pieces or piece not in pieces:
        return -12.0
    total = sum(pieces.values())
    return math.log((pieces[piece] + 0.5) / (total + 0.5 * len(pieces)))


def best_alignment(written: str, kana: str, table: CharTable) -> float | None:
    """Log-probability of the best split of kana over the characters, None if none fits.

    A dynamic programme from the right: rest[j] is the best score of reading what is left
    of the characters as kana[j:] (callers cache the result, so nothing is memoised here).
    """
    size_kana = len(kana)
    rest: list[float | None] = [None] * size_kana + [0.0]
    for i in range(len(written) - 1, -1, -1):
        char = written[i - 1] if written[i] == "々" and i else written[i]
        pieces = table.get(char, {})
        here: list[float | None] = [None] * (size_kana + 1)
        for j in range(size_kana):
            best: float | None = None
            for size in range(1, min(MAX_PIECE, size_kana - j) + 1):
                piece = kana[j : j + size]
                after = rest[j + size]
                if after is None or piece not in pieces:
                    continue
                score = piece_log_prob(table, char, piece) + after
                best = score if best is None or score > best else best
            here[j] = best
        rest = here
    return rest[0]


def compose(written: str, table: CharTable, limit: int = 10) -> list[tuple[str, float]]:
    """Read an unlisted kanji string character by character: (reading, log-prob), best first."""
    beam: list[tuple[float, str]] = [(0.0, "")]
    for i, char in enumerate(written):
        source = written[i - 1] if char == "々" and i else char
        pieces = table.get(source, {})
        options = sorted(pieces, key=lambda p: -pieces[p])[:8]
        beam = sorted(
            ((s + piece_log_prob(table, source, p), text + p) for s, text in beam for p in options),
            reverse=True,
        )[: limit * 3]
    return [(text, s) for s, text in beam[:limit] if text]
