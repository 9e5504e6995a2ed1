"""Family/given split of names written without a space, and order of romaji names.

Kanji and kana: every cut is scored by how well the left side reads as a surname and the
right side as a given name (JMnedict types and surname populations); the best cut wins.
Romaji: either order occurs, so both are scored the same way.
"""

from __future__ import annotations

import math
from functools import lru_cache

from yokuryu.names import priors
from yokuryu.names.index import FEM, GIVEN, MASC, SURNAME, load_index
from yokuryu.names.kana import morae

MISSING = -6.0
TWO_CHAR_BONUS = 2.0  # most surnames are written with two characters
# Log-prior by which a cut must beat a one-field name read whole. Full names cut at
# 13-18 and one-part surnames at most at their whole reading's 4-10 plus a few (五十嵐,
# 東海林, 大久保, 佐々木 at +3 to +6 over their whole fit, 吉田茂吉 at +27).
WHOLE_MARGIN = 6.0


def _kanji_fit(written: str, role: str) -> float:
    wanted = SURNAME if role == priors.FAMILY else GIVEN | MASC | FEM
    scores = [
        priors.kanji_log_prior(written, kana, bits, role)
        for kana, bits in load_index().kanji.get(written, [])
        if bits & wanted
    ]
    return max(scores, default=MISSING - len(written))


def _scored_cuts(text: str) -> list[tuple[int, float]]:
    scored = []
    for cut in range(1, len(text)):
        score = _kanji_fit(text[:cut], priors.FAMILY) + _kanji_fit(text[cut:], priors.GIVEN_ROLE)
        scored.append((cut, score + (TWO_CHAR_BONUS if cut == 2 else 0.0)))
    return scored


@lru_cache(maxsize=100_000)
def kanji_cuts(text: str, limit: int = 3) -> tuple[tuple[int, float], ...]:
    """Best cut positions of an unspaced kanji name with their normalised weights."""
    if len(text) < 2:
        return ()
    return _softmax(_scored_cuts(text), limit)


@lru_cache(maxsize=100_000)
def one_field_cut(text: str) -> int:
    """Where a record's only name field (kanji) holds a full name, or 0 when it is one part:
    a cut must fit better than the whole field read as a surname or a given name by
    ``WHOLE_MARGIN`` (佐々木 and 喜代志 stay whole; 吉田茂吉 is 吉田 | 茂吉)."""
    if len(text) < 3:
        return 0
    whole = max(_kanji_fit(text, priors.FAMILY), _kanji_fit(text, priors.GIVEN_ROLE))
    cut, best = max(_scored_cuts(text), key=lambda cs: cs[1])
    return cut if best > whole + WHOLE_MARGIN else 0


def _softmax(scored: list[tuple[int, float]], limit: int) -> tuple[tuple[int, float], ...]:
    top = max(s for _, s in scored)
    weights = sorted(((c, math.exp(s - top)) for c, s in scored), key=lambda cw: -cw[1])[:limit]
    total = sum(w for _, w in weights)
    return tuple((c, w / total) for c, w in weights)


@lru_cache(maxsize=100_000)
def kana_cut(hira: str, margin: float = 2.0) -> int:
    """Where an unspaced kana full name splits, or 0 to keep it whole (a cut must beat the
    whole read as one part by ``margin`` in log-prior)."""
    parts = morae(hira)
    whole = max(
        priors.kana_log_prior(hira, priors.FAMILY), priors.kana_log_prior(hira, priors.GIVEN_ROLE)
    )
    best, best_score = 0, whole + margin
    for i in range(2, len(parts) - 1):
        left, right = "".join(parts[:i]), "".join(parts[i:])
        score = priors.kana_log_prior(left, priors.FAMILY) + priors.kana_log_prior(
            right, priors.GIVEN_ROLE
        )
        if score > best_score:
            best, best_score = len(left), score
    return best


def role_fit(kana: str) -> tuple[float, float]:
    """Log-priors of a reading as a family name and as a given name."""
    return priors.kana_log_prior(kana, priors.FAMILY), priors.kana_log_prior(
        kana, priors.GIVEN_ROLE
    )


def given_first_fit(
    first: tuple[float, float], second: tuple[float, float], margin: float = 0.5
) -> bool:
    """For two parts' readings (their role_fit): is the first the given name (Hiroshi
    Sato)? True when that order fits better by more than ``margin`` in log-prior."""
    straight = first[0] + second[1]
    swapped = first[1] + second[0]
    return swapped > straight + margin
