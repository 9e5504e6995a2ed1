"""Names for search: every script goes through the name engine `yokuryu.names`.

This module is the web's only door to that engine. A name part gets three tiers of
keys: ``spelling`` (its folded spelling ``=…``), ``exact`` (that and the engine's best
exact phonetic key ``~…``) and
``coarse`` (that key, the other readings' keys, and the engine's blocking keys ``≈…``:
voicing, vowel length and a/o folded, for the distortions of Soviet clerks). The index
holds every key. Search lists persons with the very spelling first, fills the page
from the exact tier, and tries the coarse tier only when nobody was found (博 is read
ひろし first, ひろ or はく only if that finds no one).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import yokuryu.names as names

_SPACES = re.compile(r"[\s\u3000・･,]+")
# Katakana to hiragana, ё to е, the long-vowel mark dropped: one str.translate table.
_FOLD = {c: c - 0x60 for c in range(0x30A1, 0x30F7)} | {ord("ё"): "е", ord("ー"): None}
TIERS = ("spelling", "exact", "coarse")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Width-, case- and kana-insensitive form: 'サトウ', 'さとう' → 'さとう'."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)


def split_name(text: str) -> list[str]:
    """The parts of a name as written: split on spaces and middle dots."""
    return [part for part in _SPACES.split(text.strip()) if part]


@lru_cache(maxsize=100_000)
def name_parts(text: str) -> tuple[str, ...]:
    """Parts of a name: as spaced when spaced, else as the engine splits it (佐藤博 → 佐藤, 博)."""
    parts = split_name(text)
    if len(parts) != 1:
        return tuple(parts)
    try:
        parsed = names.parse(parts[0])
    except ValueError:
        return tuple(parts)
    split = tuple(p.text for p in parsed.parts if p.text)
    return split if len(split) > 1 else tuple(parts)


def query_readings(text: str) -> list[tuple[str, ...]]:
    """The ways to read a query's parts: as spaced, or as the engine cuts an unspaced name
    (佐藤博 → 佐藤 | 博) — and then also as one part, since 佐々木 or なかにし alone is
    more likely a family name than a family and a given name run together."""
    parts = name_parts(text)
    whole = tuple(split_name(text))
    return [parts, whole] if len(whole) == 1 and len(parts) > 1 else [parts]


@lru_cache(maxsize=200_000)
def spelling_key(text: str) -> str | None:
    """The folded-spelling key of a whole name written without spaces."""
    folded = fold(text.replace(" ", ""))
    return "=" + folded if folded.strip() else None


@lru_cache(maxsize=200_000)
def _engine_keys(token: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the engine's best exact key, every other exact and coarse key) of one name part,
    read whole: the full-name parser would cut 佐々木 into 佐々 | 木 and なかにし into
    なか | にし, keying them as names nobody bears."""
    try:
        parts = names.keys(token, hint="whole")
    except ValueError:  # the engine refuses text it cannot read as a name
        return frozenset(), frozenset()
    best = {"~" + p.exact for p in parts if p.exact}
    others = {"~" + k for p in parts for k in p.exact_all if k}
    others |= {"≈" + k for p in parts for k in p.coarse_all if k}
    return frozenset(best), frozenset(others - best)


@lru_cache(maxsize=200_000)
def token_keys(token: str, tier: str = "exact") -> frozenset[str]:
    """Search keys of one name part in one tier (see the module docstring)."""
    folded = fold(token)
    spelling = {"=" + folded} if folded.strip() else set()
    if tier == "spelling":
        return frozenset(spelling)
    best, others = _engine_keys(token)
    if tier == "coarse":
        return best | others
    return best | spelling


def all_keys(token: str) -> frozenset[str]:
    """Every key the index stores for a name part."""
    return token_keys(token, "exact") | token_keys(token, "coarse")


def best_keys(token: str) -> frozenset[str]:
    """The engine's best exact key(s) of a name part: how it is most likely read."""
    return _engine_keys(token)[0]


@lru_cache(maxsize=200_000)
def sound_keys(token: str) -> frozenset[str]:
    """Every exact phonetic key of a name part (all its readings), without spellings."""
    best, others = _engine_keys(token)
    return best | {k for k in others if k.startswith("~")}


def pair_keys(family: str, given: str, readings: str = "all") -> frozenset[str]:
    """Keys of a (family, given) pair of parts: one sound key of each, joined.

    The index stores every reading of both parts (``readings="all"``); a query looks up
    only its best readings, in both orders.
    """
    pick = sound_keys if readings == "all" else best_keys
    return frozenset(f"{f}|{g}" for f in pick(family) for g in pick(given))


@lru_cache(maxsize=50_000)
def similarity(a: str, b: str) -> float:
    """How alike two names are in [0, 1], across scripts."""
    if fold(a).replace(" ", "") == fold(b).replace(" ", ""):
        return 1.0
    try:
        return float(names.similarity(a, b))
    except ValueError:
        return 0.0


@dataclass(frozen=True)
class TextKeys:
    """A name part's keys as the index stores them: all of them, and the best reading's."""

    every: frozenset[str]
    best: frozenset[str]

    def encode(self) -> str:
        return " ".join(sorted(self.best)) + "\t" + " ".join(sorted(self.every - self.best))

    @classmethod
    def decode(cls, text: str) -> TextKeys:
        best, _, rest = text.partition("\t")
        chosen = frozenset(best.split())
        return cls(chosen | frozenset(rest.split()), chosen)


def text_keys(text: str) -> TextKeys:
    """Computed by the engine (the index stores them so searches need not)."""
    return TextKeys(all_keys(text), best_keys(text))


def warm_up() -> None:
    """Load the engine's dictionaries now rather than in the first visitor's search."""
    for token in ("佐藤", "博", "Сато", "さとう", "Sato"):
        all_keys(token)
