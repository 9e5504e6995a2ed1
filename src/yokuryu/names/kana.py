"""Kana: normalisation, morae and the syllable table every other converter is built on.

Internally a reading is a hiragana string. A *mora* is one kana syllable with its small
glide (きょ), a lone vowel, ん (``N``) or っ (``Q``). Each mora has a canonical
Nihon-shiki-like spelling (``si``, ``tu``, ``zi``, ``hu``, ``kyo``) used for keys and costs.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_HIRA_START, _HIRA_END = 0x3041, 0x3096
_KATA_OFFSET = 0x60
SMALL_GLIDES = frozenset("ゃゅょぁぃぅぇぉゎ")
VOWELS = "aiueo"

# (kana, nihon-shiki, hepburn, kunrei). Nihon-shiki keeps ぢ/づ apart (di, du).
_ROWS: list[tuple[str, str, str, str]] = []


def _row(kana: str, consonant: str, heps: str = "", kuns: str = "") -> None:
    hep_over = dict(zip(kana, heps.split(), strict=False)) if heps else {}
    kun_over = dict(zip(kana, kuns.split(), strict=False)) if kuns else {}
    for char, vowel in zip(kana, VOWELS, strict=False):
        if char == "_":
            continue
        nihon = consonant + vowel
        hep, kun = hep_over.get(char, nihon), kun_over.get(char, nihon)
        _ROWS.append((char, nihon, nihon if hep == "=" else hep, nihon if kun == "=" else kun))


_row("あいうえお", "")
_row("かきくけこ", "k")
_row("さしすせそ", "s", "= shi = = =")
_row("たちつてと", "t", "= chi tsu = =")
_row("なにぬねの", "n")
_row("はひふへほ", "h", "= = fu = =")
_row("まみむめも", "m")
_row("や_ゆ_よ", "y")
_row("らりるれろ", "r")
_row("わゐ_ゑを", "w", "= i = e o", "= i = e o")
_row("がぎぐげご", "g")
_row("ざじずぜぞ", "z", "= ji = = =")
_row("だぢづでど", "d", "= ji zu = =", "= zi zu = =")
_row("ばびぶべぼ", "b")
_row("ぱぴぷぺぽ", "p")
_ROWS.append(("ゔ", "vu", "vu", "vu"))

SYLLABLES: dict[str, tuple[str, str, str]] = {k: (n, h, c) for k, n, h, c in _ROWS}

_GLIDE_VOWEL = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
# Hepburn drops the y after sh/ch/j: しゃ sha, ちゃ cha, じゃ ja.
_HEP_GLIDE_STEM = {"shi": "sh", "chi": "ch", "ji": "j"}


def _glide_spellings(base: str, small: str) -> tuple[str, str, str]:
    nihon, hep, kun = SYLLABLES[base]
    vowel = _GLIDE_VOWEL[small]
    hep_stem = _HEP_GLIDE_STEM.get(hep, hep[:-1] + "y")
    return nihon[:-1] + "y" + vowel, hep_stem + vowel, kun[:-1] + "y" + vowel


for _base in "きしちにひみりぎじぢびぴ":
    for _small in "ゃゅょ":
        SYLLABLES[_base + _small] = _glide_spellings(_base, _small)
# Foreign-sound combinations found in names written after the war.
_FOREIGN_SOUNDS = {
    "ふぁ": "fa",
    "ふぃ": "fi",
    "ふぇ": "fe",
    "ふぉ": "fo",
    "てぃ": "ti",
    "でぃ": "di",
    "うぃ": "wi",
    "うぇ": "we",
    "うぉ": "wo",
    "しぇ": "she",
    "じぇ": "je",
    "ちぇ": "che",
    "つぁ": "tsa",
    "くゎ": "ka",
    "ぐゎ": "ga",
}
for _kana, _rom in _FOREIGN_SOUNDS.items():
    SYLLABLES.setdefault(_kana, (_rom, _rom, _rom))
FOREIGN = frozenset(_FOREIGN_SOUNDS)

# Old kana (ゐ ゑ を) are read as plain vowels inside names.
OLD_KANA = str.maketrans({"ゐ": "い", "ゑ": "え", "を": "お", "ゎ": "わ", "ゕ": "か", "ゖ": "け"})


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (other characters unchanged)."""
    return "".join(chr(ord(c) - _KATA_OFFSET) if 0x30A1 <= ord(c) <= 0x30F6 else c for c in text)


def to_katakana(text: str) -> str:
    """Hiragana → katakana (other characters unchanged)."""
    return "".join(
        chr(ord(c) + _KATA_OFFSET) if _HIRA_START <= ord(c) <= _HIRA_END else c for c in text
    )


def is_kana(char: str) -> bool:
    code = ord(char)
    return 0x3041 <= code <= 0x309F or 0x30A0 <= code <= 0x30FF or char == "ー"


@lru_cache(maxsize=200_000)
def normalise_kana(text: str) -> str:
    """NFKC (half-width → full width), katakana → hiragana, old kana → modern, ー → vowel.

    >>> normalise_kana("ｻﾄｳ")
    'さとう'
    >>> normalise_kana("ヰノウエ")
    'いのうえ'
    """
    hira = to_hiragana(unicodedata.normalize("NFKC", text)).translate(OLD_KANA)
    return _expand_long_marks(hira)


def _expand_long_marks(hira: str) -> str:
    out: list[str] = []
    for char in hira:
        if char in "ー〜～" and out:
            out.append(_VOWEL_KANA[vowel_of(out[-1]) or "o"])
        elif char not in "ー〜～・ 　":
            out.append(char)
    return "".join(out)


_VOWEL_KANA = {"a": "あ", "i": "い", "u": "う", "e": "え", "o": "お", "": "う"}


def vowel_of(kana: str) -> str:
    """The vowel a kana (or mora) ends in, '' for ん/っ or anything unknown."""
    if kana in _GLIDE_VOWEL:
        return _GLIDE_VOWEL[kana]
    spelled = SYLLABLES.get(kana)
    if spelled:
        return spelled[0][-1]
    if kana and kana[-1] in _GLIDE_VOWEL:
        return _GLIDE_VOWEL[kana[-1]]
    if kana and kana[-1] in "ぁぃぅぇぉ":
        return "aiueo"["ぁぃぅぇぉ".index(kana[-1])]
    return ""


@lru_cache(maxsize=200_000)
def morae(hira: str) -> tuple[str, ...]:
    """Split a hiragana reading into morae: きょうこ → (きょ, う, こ)."""
    out: list[str] = []
    for char in hira:
        if char in SMALL_GLIDES and out and (out[-1] + char) in SYLLABLES:
            out[-1] += char
        elif char in SMALL_GLIDES:
            out.append("ぁぃぅぇぉゃゅょゎ"["ぁぃぅぇぉゃゅょゎ".index(char)].translate(_BIG))
        else:
            out.append(char)
    return tuple(out)


_BIG = str.maketrans("ぁぃぅぇぉゃゅょゎ", "あいうえおやゆよわ")


def mora_code(mora: str) -> str:
    """Canonical ASCII of one mora (Nihon-shiki, ぢ/づ merged with じ/ず): ``N``, ``Q``."""
    if mora == "ん":
        return "N"
    if mora == "っ":
        return "Q"
    spelled = SYLLABLES.get(mora)
    if spelled is None:
        return "?"
    code = spelled[0]
    return {"di": "zi", "du": "zu", "dya": "zya", "dyu": "zyu", "dyo": "zyo"}.get(code, code)


def is_reading(text: str) -> bool:
    """True when every character is a hiragana syllable, glide, ん or っ."""
    return bool(text) and all(m in SYLLABLES or m in ("ん", "っ") for m in morae(text))
