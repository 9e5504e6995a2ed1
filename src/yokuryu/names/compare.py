"""Similarity of two names in any scripts, and the alignment that explains it.

A part is compared through its kana reading candidates (best pair of mora sequences);
when either side was written in Cyrillic, the Cyrillic letters are compared too, where
cursive look-alikes (и/н/п/ш/т, е/о, к/н) are cheap. Family and given names are compared
in order, swapped (a small penalty) and merged; the best wins.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from yokuryu.names import align, cyrillic, phonetic
from yokuryu.names.memo import remember
from yokuryu.names.model import FAMILY, GIVEN, NAME, PATRONYMIC, NamePart, ParsedName, Reading
from yokuryu.names.script import CYRILLIC

SWAP_PENALTY = 0.03
MERGE_PENALTY = 0.05
PARTIAL_FACTOR = 0.8
# Cyrillic letters are compared only when the readings already agree this much: cursive
# slips change a letter or two, not a whole name (and random pairs are spared the work).
LETTER_GATE = 0.4
KEY_MIN_WEIGHT = 0.01
KEY_MAX_CANDIDATES = 6
# Every listed reading is compared (河野 is Kōno and Kawano), a less likely one with a small
# penalty: PENALTY_PER_DECADE for each factor of ten below the best reading's weight.
MIN_WEIGHT = 1e-3
MAX_CANDIDATES = 5
PENALTY_PER_DECADE = 0.015
MAX_PENALTY = 0.1

Scored = list[tuple[tuple[str, ...], float]]
_COMPARABLE: dict[tuple[str, str, str], tuple[Scored, list[tuple[str, float]]]] = {}


def candidates(part: NamePart) -> list[Reading]:
    """The likely readings of a part (those that get keys)."""
    kept = [r for r in part.readings if r.weight >= KEY_MIN_WEIGHT][:KEY_MAX_CANDIDATES]
    return kept or list(part.readings[:1])


def penalty(weight: float, top: float) -> float:
    return min(MAX_PENALTY, PENALTY_PER_DECADE * math.log10(top / weight))


def comparable(part: NamePart) -> tuple[Scored, list[tuple[str, float]]]:
    """Mora sequences and Cyrillic forms of a part's readings with their penalties, cheapest
    first (cached on text, role and script, which fix the readings)."""
    key = (part.text, part.role, part.script)
    found = _COMPARABLE.get(key)
    return found if found is not None else remember(_COMPARABLE, key, _comparable(part), 300_000)


def _comparable(part: NamePart) -> tuple[Scored, list[tuple[str, float]]]:
    morae: dict[tuple[str, ...], float] = {}
    forms: dict[str, float] = {}
    for kana, cost in _penalised(part):
        codes, form = phonetic.codes(kana), cyrillic.standard(kana)
        morae[codes] = min(morae.get(codes, 1.0), cost)
        forms[form] = min(forms.get(form, 1.0), cost)
    if part.script == CYRILLIC:
        forms = {part.text.lower(): 0.0}
    return _cheapest_first(morae), _cheapest_first(forms)


K = TypeVar("K")


def _cheapest_first(found: dict[K, float]) -> list[tuple[K, float]]:
    return sorted(found.items(), key=lambda kv: kv[1])


def _best_pair(
    xs: Sequence[tuple[Any, float]],
    ys: Sequence[tuple[Any, float]],
    score: Callable[[Any, Any], float],
    best: float,
) -> float:
    for x, px in xs:
        if 1.0 - px <= best:
            break
        for y, py in ys:
            if 1.0 - px - py <= best:
                break
            best = max(best, score(x, y) - px - py)
    return best


def part_similarity(a: NamePart, b: NamePart) -> float:
    """Best similarity over the reading candidates of two parts, in [0, 1]."""
    (ma, fa), (mb, fb) = comparable(a), comparable(b)
    best = _best_pair(ma, mb, align.mora_similarity, 0.0)
    if LETTER_GATE <= best < 1.0 and CYRILLIC in (a.script, b.script) and a.readings and b.readings:
        best = _best_pair(fa, fb, align.letter_similarity, best)
    return best


def merged_part(name: ParsedName) -> NamePart | None:
    """The two core parts as one (for names whose word boundary was lost or added)."""
    parts = core_parts(name)
    if len(parts) < 2:
        return None
    readings = tuple(Reading("".join(p.best for p in parts), 1.0) for _ in (0,))
    return NamePart(" ".join(p.text for p in parts), NAME, "merged", readings)


def core_parts(name: ParsedName) -> list[NamePart]:
    """The first two readable parts other than the patronymic (the father's name)."""
    return [p for p in name.parts if p.role != PATRONYMIC and p.readings][:2]


def _mean(scores: Sequence[float]) -> float:
    """Both parts must agree: 3/4 of the weaker plus 1/4 of the stronger score."""
    if not scores:
        return 0.0
    return 0.75 * min(scores) + 0.25 * max(scores)


def name_similarity(a: ParsedName, b: ParsedName) -> tuple[float, bool]:
    """Similarity of two parsed names and whether the best match swapped the order."""
    pa, pb = core_parts(a), core_parts(b)
    if not pa or not pb:
        return 0.0, False
    if len(pa) == 1 and len(pb) == 1:
        return part_similarity(pa[0], pb[0]), False
    if len(pa) == 1 or len(pb) == 1:
        return _one_sided(pa, pb, a, b), False
    straight = _mean([part_similarity(pa[0], pb[0]), part_similarity(pa[1], pb[1])])
    swapped = _mean([part_similarity(pa[0], pb[1]), part_similarity(pa[1], pb[0])]) - SWAP_PENALTY
    merged = _merged_similarity(a, b)
    best = max(straight, swapped, merged)
    return max(0.0, best), best == swapped and swapped > straight


def _merged_similarity(a: ParsedName, b: ParsedName) -> float:
    ma, mb = merged_part(a), merged_part(b)
    if ma is None or mb is None:
        return 0.0
    return part_similarity(ma, mb) - MERGE_PENALTY


def _one_sided(pa: list[NamePart], pb: list[NamePart], a: ParsedName, b: ParsedName) -> float:
    """One name has a single part: compare it with the other's whole and with each part."""
    single, many = (pa[0], pb) if len(pa) == 1 else (pb[0], pa)
    whole = merged_part(b if len(pa) == 1 else a)
    scores = [PARTIAL_FACTOR * part_similarity(single, p) for p in many]
    if whole is not None:
        scores.append(part_similarity(single, whole))
    return max(scores)


def _penalised(part: NamePart) -> list[tuple[str, float]]:
    kept = [r for r in part.readings if r.weight >= MIN_WEIGHT][:MAX_CANDIDATES]
    kept = kept or list(part.readings[:1])
    return [(r.kana, penalty(r.weight, kept[0].weight)) for r in kept]


def explain_parts(a: NamePart, b: NamePart) -> dict[str, object]:
    """The best pair of readings of two parts and the cost of each step between them."""
    best: tuple[float, str, str] = (-1.0, "", "")
    for ra, pa in _penalised(a):
        for rb, pb in _penalised(b):
            score = align.mora_similarity(phonetic.codes(ra), phonetic.codes(rb)) - pa - pb
            if score > best[0]:
                best = (score, ra, rb)
    score, ka, kb = best
    _, steps = align.distance(
        phonetic.codes(ka), phonetic.codes(kb), phonetic.substitution, phonetic.insertion
    )
    return {
        "a": a.text,
        "b": b.text,
        "role_a": a.role,
        "role_b": b.role,
        "reading_a": ka,
        "reading_b": kb,
        "mora_score": round(max(score, 0.0), 4),
        "score": round(part_similarity(a, b), 4),
        "steps": [{"op": s.op, "a": s.a, "b": s.b, "cost": s.cost} for s in steps],
    }


def pairs_for(a: ParsedName, b: ParsedName, swapped: bool) -> list[tuple[NamePart, NamePart]]:
    pa, pb = core_parts(a), core_parts(b)
    if len(pa) >= 2 and len(pb) >= 2:
        return [(pa[0], pb[1]), (pa[1], pb[0])] if swapped else [(pa[0], pb[0]), (pa[1], pb[1])]
    return [(x, y) for x in pa[:1] for y in pb[:1]]


__all__ = ["FAMILY", "GIVEN", "explain_parts", "name_similarity", "part_similarity"]
