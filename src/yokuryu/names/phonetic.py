"""Readings as sequences of mora codes, ASCII keys, and the cost of turning one mora into another.

Costs follow the documented confusions of NAMES.md §3: long vowels are dropped before
comparing (length is free), voicing, a/o and h/k are cheap, letters that Cyrillic cursive
makes look alike are cheaper than arbitrary substitutions.
"""

from __future__ import annotations

from functools import lru_cache

from yokuryu.names.kana import mora_code, morae, vowel_of

_LENGTHENING = {("a", "a"), ("i", "i"), ("u", "u"), ("e", "e"), ("o", "o"), ("o", "u"), ("e", "i")}
_VOICE = {"g": "k", "z": "s", "d": "t", "b": "h", "p": "h", "f": "h", "v": "h"}


@lru_cache(maxsize=300_000)
def codes(hira: str) -> tuple[str, ...]:
    """Mora codes with long vowels collapsed: さとう → ('sa', 'to'), きょうこ → ('kyo', 'ko')."""
    out: list[str] = []
    previous = ""
    for mora in morae(hira):
        code = mora_code(mora)
        if code in ("a", "i", "u", "e", "o") and (previous, code) in _LENGTHENING:
            continue
        out.append(code)
        previous = vowel_of(mora)
    return tuple(c for c in out if c != "?")


def _ascii(seq: tuple[str, ...]) -> str:
    out: list[str] = []
    for i, code in enumerate(seq):
        if code == "Q":
            out.append(seq[i + 1][0] if i + 1 < len(seq) and seq[i + 1][0] not in "aiueoNQ" else "")
        elif code == "N":
            out.append("n")
        else:
            out.append(code)
    return "".join(out)


@lru_cache(maxsize=300_000)
def exact_key(hira: str) -> str:
    """ASCII key: long vowels collapsed, si/shi, tu/tsu, zi/ji/di, n/m before labials one.

    >>> exact_key("さとう"), exact_key("さと"), exact_key("じゅんいち"), exact_key("はっとり")
    ('sato', 'sato', 'zyuniti', 'hattori')
    """
    return _ascii(codes(hira))


def _coarse_code(code: str) -> str:
    if code in ("N", "Q"):
        return "n" if code == "N" else ""
    onset, vowel = code[:-1], code[-1]
    if onset[:1] in _VOICE:
        onset = _VOICE[onset[0]] + onset[1:]
    return onset + ("a" if vowel == "o" else vowel)


@lru_cache(maxsize=300_000)
def coarse_key(hira: str) -> str:
    """Blocking key: also folds voicing (g→k, z→s, d→t, b/p→h), o→a and drops っ.

    >>> coarse_key("ごとう"), coarse_key("こと"), coarse_key("おおその"), coarse_key("おおそな")
    ('kata', 'kata', 'asana', 'asana')
    """
    return "".join(_coarse_code(c) for c in codes(hira))


# ---- costs -------------------------------------------------------------------------------


def _pair(a: str, b: str, table: dict[frozenset[str], float], default: float) -> float:
    return 0.0 if a == b else table.get(frozenset((a, b)), default)


_CONSONANT_COST: dict[frozenset[str], float] = {}
for _group, _cost in [
    (("k", "g"), 0.3),
    (("s", "z"), 0.3),
    (("t", "d"), 0.3),
    (("h", "b"), 0.3),
    (("h", "p"), 0.3),
    (("b", "p"), 0.3),
    (("h", "f"), 0.1),
    (("z", "d"), 0.3),
    (("h", "k"), 0.35),
    (("n", "m"), 0.4),
    (("w", "b"), 0.5),
    (("", "y"), 0.4),
    (("", "w"), 0.4),
    (("t", "s"), 0.5),
    (("z", "y"), 0.6),
    # Cyrillic cursive: и/н/п/л/м/ш/т are built from the same strokes, and к/н.
    (("n", "p"), 0.5),
    (("n", "r"), 0.5),
    (("n", "t"), 0.5),
    (("p", "t"), 0.5),
    (("m", "t"), 0.5),
    (("m", "p"), 0.5),
    (("r", "m"), 0.5),
    (("s", "t"), 0.5),
    (("k", "n"), 0.5),
    (("r", "p"), 0.5),
]:
    _CONSONANT_COST[frozenset(_group)] = _cost
_VOWEL_COST = {
    frozenset(p): c
    for p, c in [
        (("a", "o"), 0.3),
        (("e", "i"), 0.5),
        (("o", "u"), 0.4),
        (("e", "o"), 0.4),
        (("a", "e"), 0.6),
        (("i", "u"), 0.7),
        (("a", "i"), 0.8),
        (("a", "u"), 0.8),
        (("i", "o"), 0.8),
        (("e", "u"), 0.8),
    ]
}
INSERT_COST = {"Q": 0.25, "N": 0.45}
BARE_VOWEL_INSERT = 0.5
DEFAULT_INSERT = 0.9


def _split(code: str) -> tuple[str, bool, str]:
    vowel = code[-1]
    onset = code[:-1]
    glide = len(onset) >= 1 and onset.endswith("y") and onset != "y"
    return (onset[:-1] if glide else onset), glide, vowel


@lru_cache(maxsize=100_000)
def substitution(a: str, b: str) -> float:
    """Cost of reading mora code a as b, in [0, 1]."""
    if a == b:
        return 0.0
    if a in ("N", "Q") or b in ("N", "Q"):
        return 0.7
    (ca, ga, va), (cb, gb, vb) = _split(a), _split(b)
    cost = _pair(ca, cb, _CONSONANT_COST, 0.9 if ca and cb else 0.6)
    cost += _pair(va, vb, _VOWEL_COST, 0.8) + (0.3 if ga != gb else 0.0)
    return min(1.0, cost)


def insertion(code: str) -> float:
    """Cost of a mora present on one side only."""
    if code in INSERT_COST:
        return INSERT_COST[code]
    return BARE_VOWEL_INSERT if code in ("a", "i", "u", "e", "o") else DEFAULT_INSERT
