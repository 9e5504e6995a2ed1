"""Similarity of two names in any scripts, and the alignment that explains it.

A part is compared through its kana reading candidates (best pair of mora sequences);
when either side was written in Cyrillic, the Cyrillic letters are compared too, where
cursive look-alikes (и/н/п/ш/т, е/о, к/н) are cheap. Family and given names are compared
in order, swapped (a small penalty) and merged; the best wins.
"""

from __future__ import annotations

from collections.abc import Sequence

from yokuryu.names import align, cyrillic, phonetic
from yokuryu.names.model import FAMILY, GIVEN, NAME, PATRONYMIC, NamePart, ParsedName, Reading
from yokuryu.names.script import CYRILLIC

SWAP_PENALTY = 0.03
MERGE_PENALTY = 0.05
PARTIAL_FACTOR = 0.8
MIN_WEIGHT = 0.01
MAX_CANDIDATES = 6


def candidates(part: NamePart) -> list[Reading]:
    """The readings of a part worth comparing."""
    kept = [r for r in part.readings if r.weight >= MIN_WEIGHT][:MAX_CANDIDATES]
    return kept or list(part.readings[:1])


def _cyrillic_forms(part: NamePart) -> list[str]:
    if part.script == CYRILLIC:
        return [part.text.lower()]
    return list(dict.fromkeys(cyrillic.standard(r.kana) for r in candidates(part)))


def part_similarity(a: NamePart, b: NamePart) -> float:
    """Best similarity over the reading candidates of two parts, in [0, 1]."""
    best = 0.0
    for ra in candidates(a):
        for rb in candidates(b):
            best = max(
                best, align.mora_similarity(phonetic.codes(ra.kana), phonetic.codes(rb.kana))
            )
            if best == 1.0:
                return best
    if CYRILLIC in (a.script, b.script) and a.readings and b.readings:
        for ca in _cyrillic_forms(a):
            for cb in _cyrillic_forms(b):
                best = max(best, align.letter_similarity(ca, cb))
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


def explain_parts(a: NamePart, b: NamePart) -> dict[str, object]:
    """The best pair of readings of two parts and the cost of each step between them."""
    best: tuple[float, str, str] = (-1.0, "", "")
    for ra in candidates(a):
        for rb in candidates(b):
            score = align.mora_similarity(phonetic.codes(ra.kana), phonetic.codes(rb.kana))
            if score > best[0]:
                best = (score, ra.kana, rb.kana)
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
