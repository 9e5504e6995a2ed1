"""Places and units in one form across scripts.

The ministry's lists write Soviet place names in katakana made from the Cyrillic
(Известковый → イズウェストコイイ), so both are keyed by the name engine's phonetic key.
Units are written 第百三十四師団 in Japanese lists and 134 пд on Soviet cards: both become
a (kind, number) code such as ``division:134``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from yokuryu.names import keys

_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
# Kinds of unit, by the words that name them on either side; the first match wins.
_UNIT_KINDS = (
    ("kwantung", ("関東軍", "квантунск")),
    ("front", ("方面軍", "фронт")),
    ("division", ("師団", "пд", "сд", "дивизи")),
    ("brigade", ("旅団", "бригад", "пбр", "омбр")),
    # Civilians: the Manchurian railway (ЮМЖД on Soviet cards), telephone operators.
    ("railway", ("鉄道", "жд")),
    ("telephone", ("電信電話", "телефон")),
    ("army", ("軍", "армия", "армии")),
)


@lru_cache(maxsize=65536)
def place_key(text: str | None) -> str | None:
    """The phonetic key of a place name in Cyrillic, kana or romaji (None when unreadable)."""
    if not text or not text.strip():
        return None
    try:
        key = "".join(k.exact for k in keys(text))
    except ValueError:
        return None
    return key or unicodedata.normalize("NFKC", text).lower().strip()


def _kanji_number(text: str) -> int | None:
    total, current = 0, 0
    for ch in text:
        if ch in _KANJI_DIGITS:
            current = _KANJI_DIGITS[ch]
        elif ch in _KANJI_UNITS:
            total += (current or 1) * _KANJI_UNITS[ch]
            current = 0
    value = total + current
    return value or None


def _unit_number(text: str) -> int | None:
    arabic = re.search(r"\d+", text)
    if arabic:
        return int(arabic.group())
    kanji = re.search(r"[〇一二三四五六七八九十百千]+", text)
    return _kanji_number(kanji.group()) if kanji else None


@lru_cache(maxsize=16384)
def unit_code(text: str | None) -> str | None:
    """A unit as ``kind:number`` (``division:134``) in either script, else its plain text."""
    if not text or not text.strip():
        return None
    plain = unicodedata.normalize("NFKC", text).lower().strip()
    kind = next((k for k, words in _UNIT_KINDS if any(w in plain for w in words)), None)
    if kind is None:
        return plain
    number = _unit_number(plain)
    return f"{kind}:{number}" if number is not None else kind
