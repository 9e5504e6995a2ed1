"""Kana ↔ romaji: Hepburn, Kunrei and Nihon-shiki, with every common long-vowel style.

Long vowels are written as macrons (``Satō``), kana-literally (``Satou``), with an h
(``Satoh``), doubled (``Satoo``) or not at all (``Sato``) — all five occur on the same
man's papers.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

from yokuryu.names.kana import SYLLABLES, morae, normalise_kana, vowel_of

System = Literal["hepburn", "kunrei", "nihon"]
LongStyle = Literal["macron", "ou", "oh", "oo", "none"]
SYSTEMS: tuple[str, ...] = ("hepburn", "kunrei", "nihon")
LONG_STYLES: tuple[str, ...] = ("macron", "ou", "oh", "oo", "none")

_SYSTEM_INDEX = {"nihon": 0, "hepburn": 1, "kunrei": 2}
_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}
# Which second vowel lengthens which first vowel (えい stays "ei" in modified Hepburn).
_LENGTHENS = {("a", "あ"), ("i", "い"), ("u", "う"), ("e", "え"), ("o", "う"), ("o", "お")}


def _check(system: str, long: str) -> None:
    if system not in _SYSTEM_INDEX:
        raise ValueError(f"unknown romanisation system {system!r}; use one of {SYSTEMS}")
    if long not in LONG_STYLES:
        raise ValueError(f"unknown long-vowel style {long!r}; use one of {LONG_STYLES}")


def kana_to_romaji(kana: str, system: System = "hepburn", long: LongStyle = "macron") -> str:
    """Romanise a kana reading.

    >>> kana_to_romaji("さとう")
    'satō'
    >>> kana_to_romaji("さとう", long="oh"), kana_to_romaji("ちょうじ", "kunrei", "none")
    ('satoh', 'tyozi')
    """
    if not isinstance(kana, str):
        raise ValueError(f"kana_to_romaji expects text, not {type(kana).__name__}")
    _check(system, long)
    return _romanise(normalise_kana(kana), system, long)


@lru_cache(maxsize=100_000)
def _romanise(hira: str, system: str, long: str) -> str:
    parts = morae(hira)
    out: list[str] = []
    index = _SYSTEM_INDEX[system]
    for i, mora in enumerate(parts):
        previous = vowel_of(parts[i - 1]) if i else ""
        if (previous, mora) in _LENGTHENS and out and out[-1][-1:] == previous:
            out[-1] = out[-1][:-1] + _long_vowel(previous, mora, long)
        else:
            out.append(_mora_romaji(mora, parts[i + 1] if i + 1 < len(parts) else "", index))
    return "".join(out)


def _long_vowel(vowel: str, mora: str, long: str) -> str:
    literal = vowel + SYLLABLES[mora][0]
    if long == "macron":
        return _MACRON[vowel]
    if long == "ou":
        return literal
    if long == "oh":
        return vowel + "h" if vowel == "o" else vowel
    if long == "oo":
        return vowel + vowel
    return vowel


def _mora_romaji(mora: str, following: str, index: int) -> str:
    if mora == "ん":
        nxt = SYLLABLES.get(following, ("",))[0][:1]
        return "n'" if nxt and nxt in "aiueoy" else "n"
    if mora == "っ":
        nxt_spelled = SYLLABLES.get(following)
        if not nxt_spelled:
            return ""
        first = nxt_spelled[index][0]
        return "t" if nxt_spelled[index].startswith("ch") else first
    spelled = SYLLABLES.get(mora)
    return spelled[index] if spelled else ""


def _build_reverse() -> dict[str, str]:
    table: dict[str, str] = {}
    for kana, spellings in SYLLABLES.items():
        if kana in ("ゐ", "ゑ", "を", "くゎ", "ぐゎ", "ぢ", "づ", "ぢゃ", "ぢゅ", "ぢょ"):
            continue
        for spelled in spellings:
            table.setdefault(spelled, kana)
    extra = {
        "dzu": "ず",
        "dzi": "じ",
        "jya": "じゃ",
        "jyu": "じゅ",
        "jyo": "じょ",
        "cya": "ちゃ",
        "cyu": "ちゅ",
        "cyo": "ちょ",
        "di": "ぢ",
        "du": "づ",
        "wo": "お",
        "la": "ら",
        "li": "り",
        "lu": "る",
        "le": "れ",
        "lo": "ろ",
        "ye": "いぇ",
        "va": "ば",
        "vi": "び",
        "ve": "べ",
        "vo": "ぼ",
        "ca": "か",
        "co": "こ",
        "cu": "く",
        "qu": "く",
        "xa": "ざ",
    }
    for spelled, kana in extra.items():
        table.setdefault(spelled, kana)
    return table


ROMAJI_TO_KANA = _build_reverse()
_LONGEST = max(len(k) for k in ROMAJI_TO_KANA)
_LONG_MARKS = {
    "ā": "aa",
    "ī": "ii",
    "ū": "uu",
    "ē": "ee",
    "ō": "ou",
    "â": "aa",
    "î": "ii",
    "û": "uu",
    "ê": "ee",
    "ô": "ou",
}


def romaji_to_kana(romaji: str) -> str:
    """Read romaji in any of the three systems and five long-vowel styles as hiragana.

    Unreadable letters are skipped. ``ō`` and ``oh`` become おう.

    >>> romaji_to_kana("Satō"), romaji_to_kana("Satoh"), romaji_to_kana("Tyôzi")
    ('さとう', 'さとう', 'ちょうじ')
    >>> romaji_to_kana("Jun'ichi"), romaji_to_kana("Hattori"), romaji_to_kana("Homma")
    ('じゅんいち', 'はっとり', 'ほんま')
    """
    if not isinstance(romaji, str):
        raise ValueError(f"romaji_to_kana expects text, not {type(romaji).__name__}")
    return _read_romaji(_prepare(romaji))


def _prepare(romaji: str) -> str:
    text = unicodedata.normalize("NFC", romaji.lower())
    text = "".join(_LONG_MARKS.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if "a" <= c <= "z" or c in "'-")
    # Satoh → satou: an h closing a syllable after o marks a long vowel.
    out = []
    for i, c in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if c == "h" and i and text[i - 1] == "o" and (not nxt or nxt not in "aiueoy"):
            out.append("u")
        else:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=100_000)
def _read_romaji(text: str) -> str:
    return "".join(kana for kana, _ in _pieces(text))


def _pieces(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        step, kana = _next_piece(text, i)
        out.append((kana, text[i : i + step]))
        i += step
    return out


@lru_cache(maxsize=100_000)
def is_japanese_romaji(romaji: str) -> bool:
    """Whether every letter reads as part of a Japanese syllable (John Smith does not)."""
    text = _prepare(romaji)
    pieces = _pieces(text)
    return bool(pieces) and all(kana or letters in ("'", "-") for kana, letters in pieces)


def _next_piece(text: str, i: int) -> tuple[int, str]:
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if c in "'-":
        return 1, ""
    if c == "n" and (not nxt or nxt not in "aiueoy"):
        return (2 if nxt == "'" else 1), "ん"
    if c == "m" and nxt in ("b", "p", "m"):
        return 1, "ん"
    if (c == nxt and c not in "aiueon") or (
        c == "t" and nxt == "c" and text[i + 1 : i + 3] == "ch"
    ):
        return 1, "っ"
    for size in range(min(_LONGEST, len(text) - i), 0, -1):
        kana = ROMAJI_TO_KANA.get(text[i : i + size])
        if kana:
            return size, kana
    return 1, ""
