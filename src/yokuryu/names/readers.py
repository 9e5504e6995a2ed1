"""Weighted kana readings of one name part, whatever script it is written in.

Every path ends in the same place: a short list of (hiragana reading, weight) with the
weights summing to 1. Cyrillic and romaji are parsed into readings without long vowels
(Сато → さと), lengthened where a vowel may have been long (さとう, さとお), then ranked
by how common each reading is as a surname or given name. Kanji are looked up in the
reading index; kana are taken as written, plus the forms a 1945 spelling or a list made
from Cyrillic would hide.
"""

from __future__ import annotations

import heapq
import math
import re
from functools import lru_cache

from yokuryu.names import chars, cyrillic, priors
from yokuryu.names.index import load_index
from yokuryu.names.kana import is_reading, morae, normalise_kana, vowel_of
from yokuryu.names.memo import remember
from yokuryu.names.romaji import is_japanese_romaji, romaji_to_kana
from yokuryu.names.script import CYRILLIC, HIRAGANA, KANJI, KATAKANA, LATIN

Weighted = list[tuple[str, float]]
_LENGTHENERS = {
    "o": (("う", 0.5), ("お", 0.25)),
    "u": (("う", 0.35),),
    "e": (("い", 0.3),),
    "a": (("あ", 0.05),),
    "i": (("い", 0.08),),
}
# Spellings of 1945 documents (NAMES.md §1): kept as extra candidates, never replacing.
_HISTORICAL = [
    ("くわう", "こう"),
    ("かう", "こう"),
    ("かふ", "こう"),
    ("こふ", "こう"),
    ("やう", "よう"),
    ("えう", "よう"),
    ("えふ", "よう"),
    ("さう", "そう"),
    ("たう", "とう"),
    ("はう", "ほう"),
    ("らう", "ろう"),
    ("おほ", "おお"),
]


def _normalised(weighted: Weighted, limit: int) -> Weighted:
    best = heapq.nlargest(limit, weighted, key=lambda kw: kw[1])
    total = sum(w for _, w in best) or 1.0
    return [(k, w / total) for k, w in best]


def lengthen(hira: str, limit: int = 32) -> Weighted:
    """Readings a spelling without long vowels may stand for: さと → さと, さとう, さとお…"""
    beam: list[tuple[float, str]] = [(1.0, "")]
    parts = morae(hira)
    for i, mora in enumerate(parts):
        grown = [(w, text + mora) for w, text in beam]
        factor = _lengthen_factor(parts, i)
        for extra, weight in _LENGTHENERS.get(vowel_of(mora), ()) if factor else ():
            grown.extend((w * weight * factor, text + mora + extra) for w, text in beam)
        beam = heapq.nlargest(limit, grown)
    return [(text, w) for w, text in beam]


def _lengthen_factor(parts: tuple[str, ...], i: int) -> float:
    """A vowel right after another vowel is not lengthened; one before a vowel seldom is."""
    if parts[i] in ("ん", "っ") or (i and parts[i] in _BARE_VOWELS and vowel_of(parts[i - 1])):
        return 0.0
    nxt = parts[i + 1] if i + 1 < len(parts) else ""
    return 0.4 if nxt in _BARE_VOWELS else 1.0


_BARE_VOWELS = frozenset("あいうえお")


SKELETON_FLOOR = 1e-3
MAX_SKELETONS = 16
LENGTHENED = 16  # long-vowel variants kept per skeleton


_LENGTHENED: dict[str, tuple[tuple[str, float], ...]] = {}


def _lengthened(skeleton: str) -> tuple[tuple[str, float], ...]:
    """lengthen(skeleton, LENGTHENED), cached: Сато, Sato and サト share the skeleton さと."""
    found = _LENGTHENED.get(skeleton)
    if found is None:
        found = remember(_LENGTHENED, skeleton, tuple(lengthen(skeleton, LENGTHENED)), 100_000)
    return found


def _rank(skeletons: Weighted, role: str, limit: int) -> Weighted:
    scored: dict[str, float] = {}
    top_weight = max((w for _, w in skeletons), default=0.0)
    # Skeletons a thousand times less likely than the best never reach the top readings.
    kept = [(k, w) for k, w in skeletons if w >= SKELETON_FLOOR * top_weight][:MAX_SKELETONS]
    for skeleton, weight in kept:
        for kana, lw in _lengthened(skeleton):
            score = math.log(weight * lw) + priors.kana_log_prior(kana, role)
            if score > scored.get(kana, -math.inf):
                scored[kana] = score
    top = max(scored.values(), default=0.0)
    return _normalised([(k, math.exp(s - top)) for k, s in scored.items()], limit)


@lru_cache(maxsize=200_000)
def cyrillic_readings(text: str, role: str = priors.ANY, limit: int = 10) -> Weighted:
    """Сато → [(さとう, …), (さと, …), …]."""
    return _rank(list(cyrillic.parse(text.lower())), role, limit)


def _romaji_skeletons(text: str) -> Weighted:
    lowered = text.lower()
    found = {romaji_to_kana(lowered): 1.0}
    # Jun'ichi is often written Junichi: n before a vowel may be ん.
    for match in re.finditer(r"n(?=[aiueo])", lowered):
        split = lowered[: match.end()] + "'" + lowered[match.end() :]
        found.setdefault(romaji_to_kana(split), 0.5)
    # Ōno and Ohno are おおの as often as おうの.
    doubled = re.sub(r"ō|ô|oh(?![aiueoy])", "oo", lowered)
    if doubled != lowered:
        found.setdefault(romaji_to_kana(doubled), 0.8)
    return list(found.items())


@lru_cache(maxsize=200_000)
def romaji_readings(text: str, role: str = priors.ANY, limit: int = 10) -> Weighted:
    """Sato, Satō, Satoh, Satou → さとう first; nothing for non-Japanese names (Smith)."""
    if not is_japanese_romaji(text):
        return []
    skeletons = [(k, w) for k, w in _romaji_skeletons(text) if k]
    return _rank(skeletons, role, limit) if skeletons else []


def _historical(hira: str) -> list[str]:
    out = []
    for old, new in _HISTORICAL:
        if old in hira:
            out.append(hira.replace(old, new))
    return out


@lru_cache(maxsize=200_000)
def kana_readings(text: str, role: str = priors.ANY, limit: int = 10) -> Weighted:
    """As written first; katakana lists made from Cyrillic also get their long vowels back."""
    hira = normalise_kana(text)
    if not is_reading(hira):
        return []
    found: Weighted = [(hira, 1.0)] + [(h, 0.3) for h in _historical(hira)]
    katakana = any(0x30A0 <= ord(c) <= 0x30FF for c in text)
    for kana, share in _rank([(hira, 1.0)], role, limit):
        if kana != hira:
            found.append((kana, share * (0.6 if katakana else 0.1)))
    return _normalised(found, limit)


def _index_readings(written: str, role: str) -> Weighted:
    pairs = load_index().kanji.get(written, ())
    return [(kana, priors.kanji_log_prior(written, kana, bits, role)) for kana, bits in pairs]


@lru_cache(maxsize=200_000)
def kanji_readings(text: str, role: str = priors.ANY, limit: int = 10) -> Weighted:
    """Readings of a kanji name part from the index; unknown parts are read piece by piece."""
    scored = _index_readings(text, role)
    if not scored and text.translate(_VARIANTS) != text:
        return kanji_readings(text.translate(_VARIANTS), role, limit)
    if not scored:
        scored = _compose(text, role)
    scored = _with_look_alikes(text, role, scored)
    if not scored:
        return []
    top = max(s for _, s in scored)
    return _normalised([(k, math.exp(s - top)) for k, s in scored], limit)


# Characters a copying clerk wrote for a look-alike common in given names (三良 for 三郎,
# 美推 for 美雄, 正冶 for 正治). Pairs where both are common name characters read
# differently (大/太) are left out: there the written one is as likely right.
_LOOK_ALIKES = str.maketrans(
    {"良": "郎", "推": "雄", "冶": "治", "土": "士", "巳": "己", "未": "末"}
)
# Log-prior handicap of a reading through a look-alike against one of the written text.
LOOK_ALIKE_LOG = math.log(0.3)


def _with_look_alikes(text: str, role: str, scored: Weighted) -> Weighted:
    """The readings plus, when a look-alike gives a listed name, that name's readings."""
    alike = text.translate(_LOOK_ALIKES)
    extra = _index_readings(alike, role) if alike != text else []
    if not extra:
        return scored
    best = dict(scored)
    for kana, score in extra:
        best[kana] = max(best.get(kana, -math.inf), score + LOOK_ALIKE_LOG)
    return list(best.items())


# Variant forms common in names that Unicode normalisation leaves alone.
_VARIANTS = str.maketrans(
    {
        "𠮷": "吉",
        "髙": "高",
        "﨑": "崎",
        "嵜": "崎",
        "邉": "辺",
        "邊": "辺",
        "濵": "浜",
        "濱": "浜",
        "德": "徳",
        "櫻": "桜",
        "廣": "広",
        "澤": "沢",
        "齋": "斎",
        "齊": "斉",
        "國": "国",
        "藏": "蔵",
        "實": "実",
    }
)


def _compose(text: str, role: str) -> Weighted:
    """Read an unlisted kanji part as two listed pieces (e.g. 新之助 as 新 + 之助)."""
    out: dict[str, float] = {}
    for cut in range(1, len(text)):
        heads = kanji_readings(text[:cut], priors.ANY, 4)
        tails = kanji_readings(text[cut:], role, 4)
        for head, hw in heads:
            for tail, tw in tails:
                score = math.log(hw * tw) - 2.0
                out[head + tail] = max(out.get(head + tail, -math.inf), score)
    if not out:  # no listed pieces at all: read character by character
        return [(k, s - 4.0) for k, s in chars.compose(text, load_index().chars)]
    return list(out.items())


def part_readings(text: str, script: str, role: str = priors.ANY, limit: int = 10) -> Weighted:
    """Dispatch on the script of one part."""
    if script == CYRILLIC:
        return cyrillic_readings(text, role, limit)
    if script == LATIN:
        return romaji_readings(text, role, limit)
    if script in (HIRAGANA, KATAKANA):
        return kana_readings(text, role, limit)
    if script == KANJI:
        return kanji_readings(text, role, limit)
    return []
