"""How likely a kana string is as a surname or a given name, from the reading index.

JMnedict counts how many kanji spellings carry each reading (ひろし: 254 given-name
spellings), and japanese-personal-name-dataset gives surname populations (佐藤 さとう:
1,887,000). Both are Zipf-shaped, so they enter as logarithms.
"""

from __future__ import annotations

import math
from functools import lru_cache

from yokuryu.names import chars
from yokuryu.names.index import FEM, GIVEN, MASC, SURNAME, UNUSED, load_index
from yokuryu.names.memo import remember

FAMILY, GIVEN_ROLE, ANY = "family", "given", "any"
# Tuned on the 80 % development half of the name tokens only.
READING_WEIGHT = 0.9
UNSEEN_PENALTY = 4.0


@lru_cache(maxsize=1)
def _population_by_kana() -> dict[str, int]:
    out: dict[str, int] = {}
    for (_, kana), count in load_index().surname_population.items():
        out[kana] = out.get(kana, 0) + count
    return out


_PRIORS: dict[str, dict[str, float]] = {FAMILY: {}, GIVEN_ROLE: {}, ANY: {}}
PRIOR_CACHE = 300_000


def kana_log_prior(kana: str, role: str = ANY) -> float:
    """Log-prior of a reading for a role; unseen readings get a fixed penalty."""
    cache = _PRIORS.get(role)
    if cache is None:
        return _kana_log_prior(kana, role)
    found = cache.get(kana)
    if found is None:
        found = remember(cache, kana, _kana_log_prior(kana, role), PRIOR_CACHE)
    return found


def _kana_log_prior(kana: str, role: str) -> float:
    counts = load_index().kana_counts.get(kana)
    if counts is None:
        return -UNSEEN_PENALTY
    surname, given, masc, fem = counts
    if role == FAMILY:
        n = surname + 0.2 * given
    elif role == GIVEN_ROLE:
        n = given + masc + 0.5 * fem + 0.2 * surname
    else:
        n = surname + given
    population = _population_by_kana().get(kana, 0) if role != GIVEN_ROLE else 0
    return READING_WEIGHT * math.log1p(n) + 0.35 * math.log1p(population / 1000)


# Weights of the kanji reading prior (tuned on the development half of the person names).
ROLE_BONUS = 2.0
POPULATION_WEIGHT = 0.8
SPELLINGS_WEIGHT = 0.3
POPULAR_GIVEN_WEIGHT = 1.5


def kanji_log_prior(written: str, kana: str, bits: int, role: str) -> float:
    """Log-prior of one (kanji, reading) pair of the index for a role."""
    index = load_index()
    score = SPELLINGS_WEIGHT * math.log1p(sum(index.kana_counts.get(kana, (0, 0, 0, 0))))
    if role in (FAMILY, ANY) and bits & SURNAME:
        population = index.surname_population.get((written, kana), 0)
        score += ROLE_BONUS + POPULATION_WEIGHT * math.log1p(population / 100)
    if role in (GIVEN_ROLE, ANY) and bits & (GIVEN | MASC | FEM):
        score += ROLE_BONUS + (0.5 if bits & MASC else 0.0)
        score += POPULAR_GIVEN_WEIGHT * index.given_popular.get((written, kana), 0)
    if bits == UNUSED:
        score -= 1.0
    return score + CHAR_WEIGHT * char_fit(written, kana)


CHAR_WEIGHT = 0.5
UNALIGNED = -9.0


@lru_cache(maxsize=300_000)
def char_fit(written: str, kana: str) -> float:
    """Log-probability of reading written as kana character by character (KANJIDIC-based)."""
    found = chars.best_alignment(written, kana, load_index().chars)
    if len(written) == 1:
        # A name of one character is often read by a whole-word nanori KANJIDIC lacks
        # (博 ひろし), so missing alignments cost less there.
        return max(found if found is not None else UNALIGNED, SINGLE_FLOOR)
    return UNALIGNED if found is None else found


SINGLE_FLOOR = -3.0
