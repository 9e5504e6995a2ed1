"""Which writing system a piece of text is in, and Unicode clean-up before anything else."""

from __future__ import annotations

import re
import unicodedata

KANJI, HIRAGANA, KATAKANA, LATIN, CYRILLIC, HANGUL, UNKNOWN = (
    "kanji",
    "hiragana",
    "katakana",
    "latin",
    "cyrillic",
    "hangul",
    "unknown",
)
SCRIPTS = (KANJI, HIRAGANA, KATAKANA, LATIN, CYRILLIC, HANGUL, UNKNOWN)
# Characters that may sit inside any name without saying anything about its script.
_NEUTRAL = frozenset(" -'’.・·,、　ー〜ゝゞヽヾ々〆")


def char_script(char: str) -> str:
    code = ord(char)
    if 0x3041 <= code <= 0x309F:
        return HIRAGANA
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return KATAKANA
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return KANJI
    if 0x20000 <= code <= 0x2FA1F:
        return KANJI
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return HANGUL
    if 0x0400 <= code <= 0x04FF:
        return CYRILLIC
    if (char.isascii() and char.isalpha()) or 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return LATIN
    return UNKNOWN


_SUSPECT = re.compile(
    r"[\u0000-\u001f\u007f-\u009f\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff"
    r"\u1dc0-\u1dff\u200b-\u200f\u2028-\u202e\u2060-\u206f\u20d0-\u20ff"
    r"\u3000\u3099\u309a\ufe20-\ufe2f\ufeff_,]"
)


def clean(text: str) -> str:
    """NFKC, combining marks not attached to a letter dropped, spaces folded.

    Not cached: callers cache per name (a cache of a million strings costs the cyclic
    garbage collector more than the clean-up itself).
    """
    if unicodedata.is_normalized("NFKC", text) and not _SUSPECT.search(text):
        return " ".join(text.split())
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for i, c in enumerate(text) if not _stray_mark(text, i))
    text = text.replace("\u3000", " ").replace("_", " ").replace(",", " ")
    return " ".join(text.split())


def _stray_mark(text: str, i: int) -> bool:
    if not unicodedata.combining(text[i]):
        return unicodedata.category(text[i]) in ("Cc", "Cf", "Cs", "Co")
    return i == 0 or not text[i - 1].isalpha()


def scripts_of(text: str) -> dict[str, int]:
    """How many characters of each script (neutral marks and digits not counted)."""
    counts: dict[str, int] = {}
    for char in text:
        if char in _NEUTRAL or char.isspace():
            continue
        script = char_script(char)
        counts[script] = counts.get(script, 0) + 1
    return counts


def detect(text: str) -> str:
    """The script of one name part: kana mixed into kanji counts as kanji.

    >>> detect("佐藤"), detect("さとう"), detect("サトー"), detect("Satō"), detect("Сато")
    ('kanji', 'hiragana', 'katakana', 'latin', 'cyrillic')
    >>> detect(""), detect("1945"), detect("김")
    ('unknown', 'unknown', 'hangul')
    """
    counts = scripts_of(text)
    if not counts or UNKNOWN in counts:
        return UNKNOWN
    if len(counts) == 1:
        return next(iter(counts))
    if set(counts) <= {KANJI, HIRAGANA, KATAKANA}:
        return KANJI if KANJI in counts else max(counts, key=lambda s: counts[s])
    return UNKNOWN
