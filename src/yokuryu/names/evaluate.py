"""Accuracy of the name engine against real data: the figures of `make bench` and the tests.

The name tokens (Wikidata Russian spellings of Japanese name tokens) are split once by a
fixed hash of the token: 80 % development, 20 % held out and never tuned on. JMnedict
"person" entries (full names of real people, absent from the reading index) test reading
kanji names from their parts.
"""

from __future__ import annotations

import csv
import hashlib
import random
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from yokuryu import names
from yokuryu.names.index import jamdict_db_path
from yokuryu.names.kana import is_reading, normalise_kana
from yokuryu.names.script import KANJI, detect

DEV, HELD_OUT = "dev", "held-out"


@dataclass(frozen=True)
class Token:
    romaji: str
    cyrillic: str
    count: int
    kana: tuple[str, ...]
    types: tuple[str, ...]


def split_of(key: str) -> str:
    """The fixed 80/20 split: a hash of the token, never of anything tuned."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return HELD_OUT if digest[0] % 5 == 0 else DEV


def load_tokens(path: Path) -> list[Token]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Token(
            r["romaji"],
            r["cyrillic"],
            int(r["count"]),
            tuple(normalise_kana(k) for k in r["kana_candidates"].split("|")),
            tuple(r["jmnedict_types"].split("|")),
        )
        for r in rows
    ]


def halves(tokens: Sequence[Token]) -> dict[str, list[Token]]:
    out: dict[str, list[Token]] = {DEV: [], HELD_OUT: []}
    for token in tokens:
        out[split_of(token.romaji)].append(token)
    return out


def share(hits: Iterable[bool]) -> float:
    values = list(hits)
    return sum(values) / len(values) if values else 0.0


def kana_to_cyrillic_hit(token: Token) -> bool:
    target = token.cyrillic.lower()
    return any(target == c.lower() for k in token.kana for c in names.to_cyrillic(k))


def reading_rank(token: Token) -> int:
    """1-based rank of the first true reading among readings(cyrillic); 0 if absent."""
    found = [r.kana for r in names.readings(token.cyrillic, limit=10)]
    truth = set(token.kana)
    return next((i + 1 for i, k in enumerate(found) if k in truth), 0)


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """ROC AUC by the Mann-Whitney statistic (ties count half)."""
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2
        rank_sum += mid * sum(label for _, label in ranked[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def threshold_for_precision(
    positives: Sequence[float], negatives: Sequence[float], precision: float = 0.99
) -> tuple[float, float]:
    """Lowest threshold whose precision (equal numbers of true and random pairs) reaches the
    target, and the recall there."""
    for threshold in sorted(set(positives) | set(negatives)):
        tp = sum(s >= threshold for s in positives)
        fp = sum(s >= threshold for s in negatives)
        if tp and tp / (tp + fp) >= precision:
            return threshold, tp / len(positives)
    return 1.0, 0.0


def matching_scores(tokens: Sequence[Token], seed: int = 3) -> tuple[list[float], list[float]]:
    """similarity(cyrillic, kana) for true pairs and for as many random pairs of tokens."""
    rng = random.Random(seed)
    positives = [names.similarity(t.cyrillic, t.kana[0]) for t in tokens]
    negatives = []
    for token in tokens:
        other = tokens[rng.randrange(len(tokens))]
        while other.romaji == token.romaji:
            other = tokens[rng.randrange(len(tokens))]
        negatives.append(names.similarity(token.cyrillic, other.kana[0]))
    return positives, negatives


@dataclass(frozen=True)
class TokenReport:
    n: int
    kana_to_cyrillic: float
    top1: float
    top3: float
    top5: float
    auc: float
    threshold: float
    recall: float


def token_report(tokens: Sequence[Token]) -> TokenReport:
    ranks = [reading_rank(t) for t in tokens]
    positives, negatives = matching_scores(tokens)
    threshold, recall = threshold_for_precision(positives, negatives)
    return TokenReport(
        n=len(tokens),
        kana_to_cyrillic=share(kana_to_cyrillic_hit(t) for t in tokens),
        top1=share(r == 1 for r in ranks),
        top3=share(0 < r <= 3 for r in ranks),
        top5=share(0 < r <= 5 for r in ranks),
        auc=auc(positives, negatives),
        threshold=threshold,
        recall=recall,
    )


# ---- kanji full names: JMnedict "person" entries ------------------------------------------

_PERSON_SQL = """
SELECT k.text, n.text FROM NETransType ty
JOIN NETranslation tr ON tr.ID = ty.tid
JOIN NEKanji k ON k.idseq = tr.idseq
JOIN NEKana n ON n.idseq = tr.idseq
WHERE ty.text = 'person'
"""


def person_names(db_path: Path | None = None) -> list[tuple[str, str]]:
    """(kanji full name, reading) of JMnedict person entries written wholly in kanji."""
    con = sqlite3.connect(f"file:{db_path or jamdict_db_path()}?mode=ro", uri=True)
    try:
        rows = con.execute(_PERSON_SQL).fetchall()
    finally:
        con.close()
    seen: dict[str, set[str]] = {}
    for written, kana in rows:
        hira = normalise_kana(kana)
        if (
            len(written) >= 3
            and detect(written) == KANJI
            and _all_kanji(written)
            and is_reading(hira)
        ):
            seen.setdefault(written, set()).add(hira)
    return sorted((w, "|".join(sorted(k))) for w, k in seen.items())


def _all_kanji(text: str) -> bool:
    return all(0x4E00 <= ord(c) <= 0x9FFF or c == "々" for c in text)


def kanji_top5(sample: Sequence[tuple[str, str]]) -> tuple[float, float]:
    """Share of full names whose true reading is top 1 / in the top 5 of readings(kanji)."""
    top1, top5 = [], []
    for written, truth in sample:
        found = [r.kana.replace(" ", "") for r in names.readings(written, limit=5)]
        true = set(truth.split("|"))
        top1.append(bool(found) and found[0] in true)
        top5.append(any(f in true for f in found))
    return share(top1), share(top5)


def sample_people(people: Sequence[tuple[str, str]], size: int, part: str) -> list[tuple[str, str]]:
    chosen = [p for p in people if split_of(p[0]) == part]
    return random.Random(11).sample(chosen, min(size, len(chosen)))


Mechanism = Callable[[str, random.Random], str]


# ---- documented distortions (NAMES.md §3) --------------------------------------------------

_CURSIVE = {
    "и": "н",
    "н": "и",
    "п": "н",
    "л": "п",
    "м": "т",
    "ш": "и",
    "т": "м",
    "е": "о",
    "о": "е",
    "к": "н",
}
_A_O: dict[str, str] = dict(
    {
        "あ": "お",
        "お": "あ",
        "か": "こ",
        "こ": "か",
        "さ": "そ",
        "そ": "さ",
        "た": "と",
        "と": "た",
        "な": "の",
        "の": "な",
        "ま": "も",
        "も": "ま",
        "ら": "ろ",
        "ろ": "ら",
        "は": "ほ",
        "ほ": "は",
        "が": "ご",
        "ご": "が",
    }
)
_H_K = {
    "は": "か",
    "ひ": "き",
    "へ": "け",
    "ほ": "こ",
    "か": "は",
    "き": "ひ",
    "け": "へ",
    "こ": "ほ",
}
_VOICING = {
    "か": "が",
    "き": "ぎ",
    "く": "ぐ",
    "け": "げ",
    "こ": "ご",
    "た": "だ",
    "て": "で",
    "と": "ど",
    "さ": "ざ",
    "す": "ず",
    "そ": "ぞ",
    "が": "か",
    "ぎ": "き",
    "ご": "こ",
    "だ": "た",
    "ど": "と",
    "ざ": "さ",
    "じ": "し",
}


def _swap_one(kana: str, table: dict[str, str], rng: random.Random) -> str:
    spots = [i for i, c in enumerate(kana) if c in table]
    if not spots:
        return kana
    i = rng.choice(spots)
    return kana[:i] + table[kana[i]] + kana[i + 1 :]


def _card(family: str, given: str) -> str:
    return f"{names.to_cyrillic(family)[0]} {names.to_cyrillic(given)[0]}"


def _cursive(text: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(text) if c in _CURSIVE and i > 0]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + _CURSIVE[text[i]] + text[i + 1 :]


def _cursive_one_part(card: str, rng: random.Random) -> str:
    words = card.split()
    i = rng.randrange(len(words))
    words[i] = _cursive(words[i], rng)
    return " ".join(words)


def _clerk_variant(family: str, given: str, rng: random.Random) -> str:
    def pick(kana: str) -> str:
        forms = [c for c in names.to_cyrillic(kana) if any(x in c.lower() for x in "шчжзе")]
        return rng.choice(forms) if forms else names.to_cyrillic(kana)[0]

    return f"{pick(family)} {pick(given)}"


def _no_long(kana: str) -> str:
    return names.cyrillic_to_katakana(names.to_cyrillic(kana)[0])


# Each mechanism takes (family kana, given kana, rng) and returns the distorted name.
MECHANISMS: dict[str, Callable[[str, str, random.Random], str]] = {
    "katakana from Cyrillic, long vowels lost": lambda f, g, r: _no_long(f) + " " + _no_long(g),
    "a/o swapped": lambda f, g, r: _card(_swap_one(f, _A_O, r), g),
    "h/k swapped": lambda f, g, r: (
        _card(f, _swap_one(g, _H_K, r))
        if any(c in _H_K for c in g)
        else _card(_swap_one(f, _H_K, r), g)
    ),
    "cursive look-alike letter": lambda f, g, r: _cursive_one_part(_card(f, g), r),
    "clerk's non-Polivanov spelling": _clerk_variant,
    "voicing confused": lambda f, g, r: _card(_swap_one(f, _VOICING, r), g),
    "family and given swapped": lambda f, g, r: _card(g, f),
    "word boundary lost": lambda f, g, r: _card(f, g).replace(" ", ""),
}


def people_sample(n: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(family kanji, family kana, given kanji, given kana), drawn by lexicon weights."""
    from yokuryu.names.lexicon import given_name_table, surname_table

    rng = random.Random(seed)
    surnames, given = surname_table(), given_name_table()
    fam = rng.choices(surnames, weights=[e.weight for e in surnames], k=n)
    giv = rng.choices(given, weights=[e.weight for e in given], k=n)
    return [(f.kanji, f.kana, g.kanji, g.kana) for f, g in zip(fam, giv, strict=True)]


def distortion_report(
    threshold: float, n: int = 300, seed: int = 5, only: str | None = None
) -> dict[str, tuple[float, float]]:
    """Per mechanism: share of distorted true names scoring ≥ threshold against the kanji
    original, and share of unrelated names of similar length (distorted the same way) that do."""
    people = people_sample(n * 2, seed)
    rng = random.Random(seed)
    out = {}
    for name, mechanism in MECHANISMS.items():
        if only is not None and name != only:
            continue
        hits, false = [], []
        for i in range(n):
            fk, fr, gk, gr = people[i]
            original = f"{fk} {gk}"
            hits.append(names.similarity(mechanism(fr, gr, rng), original) >= threshold)
            other = _similar_length(people, fr + gr, i, rng)
            false.append(
                names.similarity(mechanism(other[1], other[3], rng), original) >= threshold
            )
        out[name] = (share(hits), share(false))
    return out


def _similar_length(
    people: Sequence[tuple[str, str, str, str]], kana: str, i: int, rng: random.Random
) -> tuple[str, str, str, str]:
    for _ in range(200):
        other = people[rng.randrange(len(people))]
        if (
            other[1] != people[i][1]
            and other[3] != people[i][3]
            and abs(len(other[1] + other[3]) - len(kana)) <= 1
        ):
            return other
    return people[(i + 1) % len(people)]
