"""Kana ↔ Cyrillic: the Polivanov system, its measured alternatives and popular variants.

``renderings(kana)`` lists every way a Russian writer spells a reading, weighted: the
standard Polivanov form first, then the measured alternatives (эи/эй, нъ/н, и/й, long
vowels written out) and the non-standard spellings clerks used (ши, чи, джи, за, е, йо).
``parse(cyrillic)`` goes back: every kana reading that could have been written so,
weighted the same way. Weights are relative (the best form of a reading weighs 1).
"""

from __future__ import annotations

import heapq
from functools import lru_cache

from yokuryu.names.kana import FOREIGN, SYLLABLES, mora_code, morae, normalise_kana, vowel_of

Weighted = list[tuple[str, float]]

_CONSONANT = {
    "": "",
    "k": "к",
    "s": "с",
    "t": "т",
    "n": "н",
    "h": "х",
    "m": "м",
    "y": "",
    "r": "р",
    "w": "в",
    "g": "г",
    "z": "дз",
    "d": "д",
    "b": "б",
    "p": "п",
    "f": "ф",
    "v": "в",
}
_VOWEL = {"a": "а", "i": "и", "u": "у", "e": "э", "o": "о", "ya": "я", "yu": "ю", "yo": "ё"}
_SPECIAL = {
    "si": "си",
    "ti": "ти",
    "tu": "цу",
    "hu": "фу",
    "zi": "дзи",
    "wo": "о",
    "wi": "ви",
    "we": "вэ",
    "vu": "ву",
    "tsa": "ца",
    "she": "сэ",
    "je": "дзэ",
    "che": "тэ",
}
# Spellings outside Polivanov that clerks and modern writers use (NAMES.md §2, §3).
_POPULAR: dict[str, list[tuple[str, float]]] = {
    "si": [("ши", 0.05)],
    "sya": [("ша", 0.05)],
    "syu": [("шу", 0.05)],
    "syo": [("шо", 0.05)],
    "ti": [("чи", 0.05)],
    "tya": [("ча", 0.05)],
    "tyu": [("чу", 0.05)],
    "tyo": [("чо", 0.05)],
    "zi": [("джи", 0.05), ("зи", 0.04)],
    "zya": [("джа", 0.05), ("дзя", 0.02)],
    "zyu": [("джу", 0.05)],
    "zyo": [("джо", 0.05)],
    "za": [("за", 0.05)],
    "zu": [("зу", 0.05)],
    "ze": [("зэ", 0.03), ("зе", 0.03)],
    "zo": [("зо", 0.05)],
    "yo": [("йо", 0.05)],
    "tu": [("тсу", 0.02)],
    "hu": [("ху", 0.05)],
    "e": [("е", 0.05)],
}


def mora_cyrillic(code: str) -> Weighted:
    """Cyrillic spellings of one mora code (``si`` → си, ши), standard first."""
    if code in _SPECIAL:
        base = _SPECIAL[code]
    elif len(code) >= 2 and code[-2] == "y" and code[-2:] in _VOWEL:
        base = _CONSONANT.get(code[:-2], "") + _VOWEL[code[-2:]]
    else:
        base = _CONSONANT.get(code[:-1], "") + _VOWEL.get(code[-1:], "")
    options = [(base, 1.0), *_POPULAR.get(code, [])]
    if base.endswith("э") and code != "e":
        options.append((base[:-1] + "е", 0.05))
    return options


def _lengthens(previous_vowel: str, mora: str) -> bool:
    return (previous_vowel, mora) in {
        ("o", "う"),
        ("u", "う"),
        ("o", "お"),
        ("a", "あ"),
        ("e", "え"),
        ("i", "い"),
    }


def _options(parts: tuple[str, ...], i: int) -> Weighted:
    """How mora i is written, given its neighbours."""
    mora = parts[i]
    previous = vowel_of(parts[i - 1]) if i else ""
    following = parts[i + 1] if i + 1 < len(parts) else ""
    if mora == "ん":
        return _n_options(following)
    if mora == "っ":
        spelled = mora_cyrillic(mora_code(following))[0][0] if following else ""
        return [(spelled[:1] if spelled[:1] not in ("ч", "ц") else "т", 1.0)]
    if previous and _lengthens(previous, mora):
        return _long_options(previous, mora)
    if mora == "い" and previous:
        return _vowel_i_options(previous)
    return mora_cyrillic(mora_code(mora))


def _n_options(following: str) -> Weighted:
    code = mora_code(following) if following else ""
    if code[:1] in ("a", "i", "u", "e", "o", "y"):
        return [("нъ", 1.0), ("н", 0.99)]  # measured about 1:1
    if code[:1] in ("b", "p", "m"):
        return [("м", 1.0), ("н", 0.02)]
    return [("н", 1.0)]


def _long_options(previous: str, mora: str) -> Weighted:
    written = _VOWEL[mora_code(mora)]
    if previous == "i":
        return [("и", 1.0), ("", 0.4)]
    if mora == "お" or previous == "a":
        return [("", 1.0), (written, 0.6)]
    return [("", 1.0), (written, 0.08)]


def _vowel_i_options(previous: str) -> Weighted:
    if previous == "e":
        return [("и", 1.0), ("й", 0.35), ("", 0.1)]
    return [("и", 1.0), ("й", 0.2)]


@lru_cache(maxsize=100_000)
def renderings(kana: str, limit: int = 64) -> tuple[tuple[str, float], ...]:
    """All Cyrillic spellings of a reading, best first, weights relative to the best.

    >>> [c for c, _ in renderings("さとう")[:2]]
    ['сато', 'сатоу']
    """
    parts = morae(normalise_kana(kana))
    beam: list[tuple[float, str]] = [(1.0, "")]
    for i in range(len(parts)):
        options = _options(parts, i)
        grown = [(w * ow, text + piece) for w, text in beam for piece, ow in options]
        beam = heapq.nlargest(limit, grown)
    best = beam[0][0] if beam and beam[0][0] > 0 else 1.0
    return tuple((text, w / best) for w, text in beam if text)


@lru_cache(maxsize=200_000)
def standard(kana: str) -> str:
    """The Polivanov spelling alone (lower case): さとう → сато."""
    parts = morae(normalise_kana(kana))
    return "".join(
        _first(parts[i - 1] if i else "", parts[i], parts[i + 1] if i + 1 < len(parts) else "")
        for i in range(len(parts))
    )


@lru_cache(maxsize=20_000)
def _first(previous: str, mora: str, following: str) -> str:
    context = tuple(m for m in (previous, mora, following) if m)
    return _options(context, 1 if previous else 0)[0][0]


# ---- Cyrillic → kana ----------------------------------------------------------------------


def _reverse_table() -> dict[str, list[tuple[str, float]]]:
    table: dict[str, dict[str, float]] = {}
    for kana in SYLLABLES:
        if kana in ("ゐ", "ゑ", "を", "ぢ", "づ", "ぢゃ", "ぢゅ", "ぢょ", "くゎ", "ぐゎ"):
            continue
        scale = 0.005 if kana in FOREIGN else 1.0
        for spelled, weight in mora_cyrillic(mora_code(kana)):
            slot = table.setdefault(spelled, {})
            slot[kana] = max(slot.get(kana, 0.0), weight * scale)
    extra = {
        "ту": ("つ", 0.2),
        "ди": ("じ", 0.1),
        "ы": ("い", 0.2),
        "ши": ("し", 0.3),
        "чи": ("ち", 0.3),
        "ху": ("ふ", 0.3),
        "йо": ("よ", 0.3),
        "йа": ("や", 0.3),
        "йу": ("ゆ", 0.3),
        "е": ("え", 0.5),
        "ла": ("ら", 0.1),
        "ли": ("り", 0.1),
        "лу": ("る", 0.1),
        "лэ": ("れ", 0.1),
        "ло": ("ろ", 0.1),
        "ва": ("わ", 1.0),
        "во": ("お", 0.1),
        "жи": ("じ", 0.05),
        "жа": ("じゃ", 0.05),
        "зя": ("じゃ", 0.05),
        "зи": ("じ", 0.1),
        "ча": ("ちゃ", 0.3),
        "ша": ("しゃ", 0.3),
    }
    for spelled, (kana, weight) in extra.items():
        slot = table.setdefault(spelled, {})
        slot[kana] = max(slot.get(kana, 0.0), weight)
    return {k: sorted(v.items(), key=lambda kv: -kv[1]) for k, v in table.items()}


_REVERSE = _reverse_table()
_MAX_PIECE = max(len(k) for k in _REVERSE)
CYR_VOWELS = frozenset("аиуэоеяюёы")
_LABIALS = frozenset("бпм")
_SKIP = frozenset("ьъ-' ")
# A consonant letter with no vowel after it: clerks dropped a final or devoted vowel.
_GEMINATES = frozenset("кстпшцчдбгфхз")
_GEMINATE_PAIRS = frozenset({("т", "ч"), ("т", "ц"), ("с", "ш"), ("д", "д"), ("д", "ж")})
_BARE = {
    "к": "く",
    "с": "す",
    "т": "と",
    "х": "ふ",
    "м": "む",
    "р": "る",
    "г": "ぐ",
    "б": "ぶ",
    "п": "ぷ",
    "ф": "ふ",
    "ш": "し",
    "ч": "ち",
    "ц": "つ",
    "з": "ず",
    "д": "ど",
    "в": "う",
    "ж": "じ",
    "л": "る",
}


def _steps(text: str, i: int) -> list[tuple[int, str, float]]:
    """Every way to read text from position i: (letters used, kana, weight)."""
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if c in _SKIP:
        return [(1, "", 1.0)]
    steps: list[tuple[int, str, float]] = []
    for size in range(min(_MAX_PIECE, len(text) - i), 0, -1):
        for kana, weight in _REVERSE.get(text[i : i + size], ()):
            steps.append((size, kana, weight))
    steps.extend(_consonant_steps(c, nxt, text[i + 1 : i + 3]))
    if c == "й":
        steps.append((1, "い", 0.9))
    if not steps:
        steps.append((1, "", 0.01))
    return steps


def _consonant_steps(c: str, nxt: str, ahead: str) -> list[tuple[int, str, float]]:
    steps: list[tuple[int, str, float]] = []
    if c == "н" and nxt == "ъ":
        steps.append((2, "ん", 1.0))
    elif c == "н":
        steps.append((1, "ん", 1.0 if nxt not in CYR_VOWELS else 0.5))
    elif c == "м" and nxt in _LABIALS:
        steps.append((1, "ん", 1.0))
    elif c == "м" and nxt not in CYR_VOWELS:
        steps.append((1, "ん", 0.1))
    if c in _GEMINATES and (
        nxt == c or (c, nxt) in _GEMINATE_PAIRS or (c == "д" and ahead == "дз")
    ):
        steps.append((1, "っ", 1.0))
    if c in _BARE and nxt not in CYR_VOWELS:
        steps.append((1, _BARE[c], 0.05))
    return steps


@lru_cache(maxsize=100_000)
def parse(cyrillic: str, limit: int = 48) -> tuple[tuple[str, float], ...]:
    """Kana readings a Cyrillic name could have been written from, best first.

    Long vowels are not restored here (see ``readings.lengthen``).

    >>> [k for k, _ in parse("хироси")[:1]], [k for k, _ in parse("дзюнъити")[:1]]
    (['ひろし'], ['じゅんいち'])
    """
    text = cyrillic.lower().replace("ё", "ё")
    best: list[list[tuple[float, str]]] = [[] for _ in range(len(text) + 1)]
    best[0] = [(1.0, "")]
    for i in range(len(text)):
        if not best[i]:
            continue
        best[i] = heapq.nlargest(limit, best[i])
        for size, kana, weight in _steps(text, i):
            best[i + size].extend((w * weight, so_far + kana) for w, so_far in best[i])
    final = _merge(best[len(text)])
    top = final[0][1] if final else 1.0
    return tuple((k, w / top) for k, w in final[:limit] if k)


def _merge(found: list[tuple[float, str]]) -> list[tuple[str, float]]:
    merged: dict[str, float] = {}
    for weight, kana in found:
        merged[kana] = max(merged.get(kana, 0.0), weight)
    return sorted(merged.items(), key=lambda kv: -kv[1])
