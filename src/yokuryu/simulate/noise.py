"""The transcription noise channel: how a clerk's pen changes a name, at three levels.

Mechanisms (design/NAMES.md §3, from Asahi 2016 and MHLW on the katakana lists):

* Soviet clerks wrote names by ear in Cyrillic, mostly Polivanov but often not
  (``ши`` for し, ``чи`` for ち, ``дж`` for じ);
* handwritten Cyrillic cursive confuses letters made of the same strokes:
  и/н/п/л/м/ш/т, е/о, к/н;
* unstressed о is heard and written а (a/o), х and к are swapped (h/k), voiced and
  unvoiced consonants are confused (к/г, т/д, с/з, п/б);
* the ministry's katakana, converted back from the Cyrillic, loses long vowels
  (コウチ → コチ) and keeps every Cyrillic error;
* Japanese clerks wrote old or new forms of a kanji (澤/沢) and, rarely, a look-alike;
* family and given names are swapped or merged into one field; fields are left blank.

Levels: ``clean`` (no errors, only the systematic effects of script conversion),
``typical`` and ``harsh``. Per-name error rates apply to a record's name; the share of
deliberately malformed rows (for the quarantine) is ``malformed``.

Text operations here work on single strings; the simulator applies them once per
distinct name to build a table of variants, and picks variants per record with numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MALFORMED_KINDS = ("ragged_row", "no_name", "duplicate_ref", "undecodable", "missing_required")
# Bytes undecodable in the file's encoding are left to `harsh`: the ingest refuses a
# whole file whose first MiB has any (see docs/simulate.md), so `typical` files load.
TYPICAL_KINDS = tuple(k for k in MALFORMED_KINDS if k != "undecodable")


@dataclass(frozen=True)
class NoiseLevel:
    """Probabilities of each kind of error, per record (names) or per row (malformed)."""

    name: str
    cyrillic_error: float  # a Soviet clerk's letter-level error in a name
    non_polivanov: float  # a clerk's non-Polivanov spelling, when the name has one
    kana_lost_length: float  # the ministry's katakana drops a long vowel
    kanji_variant: float  # old/new or look-alike kanji in a Japanese record
    romaji_error: float  # a family's romaji spelled differently
    swap_parts: float  # family and given name swapped
    merge_parts: float  # family and given name merged into one field
    missing_field: float  # an optional field left blank
    malformed: float  # row made unreadable on purpose (quarantined at ingest)
    # Which kinds of malformed row to make ("missing_required" applies to the list's
    # required fields); all of them by default.
    malformed_kinds: tuple[str, ...] = MALFORMED_KINDS


LEVELS: dict[str, NoiseLevel] = {
    "clean": NoiseLevel("clean", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    "typical": NoiseLevel(
        "typical", 0.15, 0.15, 0.9, 0.04, 0.2, 0.03, 0.01, 0.05, 0.002, TYPICAL_KINDS
    ),
    "harsh": NoiseLevel("harsh", 0.35, 0.3, 1.0, 0.1, 0.4, 0.08, 0.03, 0.15, 0.01),
}


def noise_level(name: str) -> NoiseLevel:
    if name not in LEVELS:
        raise ValueError(f"unknown noise level {name!r}; use one of {', '.join(LEVELS)}")
    return LEVELS[name]


# Letters that handwritten Cyrillic cursive makes look alike (NAMES.md §3).
CURSIVE: dict[str, str] = {
    "и": "нпл",
    "н": "ик",
    "п": "ин",
    "л": "им",
    "м": "лш",
    "ш": "ми",
    "т": "шм",
    "е": "о",
    "о": "еа",
    "к": "н",
}
VOICING: dict[str, str] = {
    "к": "г",
    "г": "к",
    "т": "д",
    "д": "т",
    "с": "з",
    "з": "с",
    "п": "б",
    "б": "п",
}
A_O: dict[str, str] = {"о": "а", "а": "о"}
H_K: dict[str, str] = {"х": "к", "к": "х"}
# Non-Polivanov spellings (NAMES.md §3: "чи for ち and ши for し appear").
NON_POLIVANOV: tuple[tuple[str, str], ...] = (
    ("си", "ши"),
    ("ти", "чи"),
    ("дзи", "джи"),
    ("ся", "ша"),
    ("сю", "шу"),
    ("сё", "шо"),
    ("тя", "ча"),
    ("тю", "чу"),
    ("тё", "чо"),
    ("дзю", "джу"),
    ("дзё", "джо"),
    ("дз", "з"),
    ("э", "е"),
    ("ё", "йо"),
)
# The kinds of letter error, with their relative weights.
CYRILLIC_ERRORS: tuple[tuple[dict[str, str], float], ...] = (
    (CURSIVE, 0.4),
    (A_O, 0.25),
    (H_K, 0.1),
    (VOICING, 0.25),
)
# New and old forms of kanji common in names (GK), and look-alikes.
KANJI_VARIANTS: dict[str, str] = {
    "沢": "澤",
    "澤": "沢",
    "辺": "邊",
    "邊": "辺",
    "斉": "齊",
    "斎": "齋",
    "浜": "濱",
    "竜": "龍",
    "広": "廣",
    "国": "國",
    "鉄": "鐵",
    "塩": "鹽",
    "桜": "櫻",
    "栄": "榮",
    "島": "嶋",
    "嶋": "島",
    "崎": "嵜",
    "高": "髙",
    "富": "冨",
    "冨": "富",
    "恵": "惠",
    "徳": "德",
    "実": "實",
    "寿": "壽",
    "豊": "豐",
    "経": "經",
    "郎": "良",
    "太": "大",
    "大": "太",
    "士": "土",
    "未": "末",
    "己": "巳",
    "治": "冶",
    "雄": "推",
}
_ROWS = {
    "ア": "アカサタナハマヤラワガザダバパャァ",
    "イ": "イキシチニヒミリギジヂビピィ",
    "ウ": "ウクスツヌフムユルグズヅブプュゥ",
    "エ": "エケセテネヘメレゲゼデベペェ",
    "オ": "オコソトノホモヨロヲゴゾドボポョォ",
}
VOWEL_OF = {kana: vowel for vowel, row in _ROWS.items() for kana in row}
# A vowel kana after a kana of the same vowel, ウ after an o-row kana and イ after an
# e-row kana write a long vowel (オオノ, コウチ, ケイコ).
LENGTHENERS = {"ア": "ア", "イ": "イエ", "ウ": "ウオ", "エ": "エ", "オ": "オ"}


def polivanov_variant(text: str, gen: np.random.Generator) -> str:
    """One non-Polivanov respelling of ``text`` (unchanged when none applies)."""
    options = [(a, b) for a, b in NON_POLIVANOV if a in text]
    if not options:
        return text
    a, b = options[int(gen.integers(len(options)))]
    return text.replace(a, b)


def letter_error(text: str, gen: np.random.Generator) -> str:
    """One letter changed by cursive, a/o, h/k or voicing confusion (or kept)."""
    weights = np.array([w for _, w in CYRILLIC_ERRORS])
    order = gen.permutation(len(CYRILLIC_ERRORS))
    order = order[np.argsort(-weights[order] * gen.random(len(order)))]
    for kind in order:
        table = CYRILLIC_ERRORS[kind][0]
        spots = [i for i, ch in enumerate(text) if ch.lower() in table]
        if spots:
            i = spots[int(gen.integers(len(spots)))]
            choices = table[text[i].lower()]
            new = choices[int(gen.integers(len(choices)))]
            return text[:i] + (new.upper() if text[i].isupper() else new) + text[i + 1 :]
    return text


def lose_length(katakana: str) -> str:
    """Drop the long vowels of a katakana name: コウチ → コチ, オオノ → オノ, ー removed."""
    out: list[str] = []
    for ch in katakana:
        if ch == "ー":
            continue
        if out and ch in LENGTHENERS and VOWEL_OF.get(out[-1], "") in LENGTHENERS[ch]:
            continue
        out.append(ch)
    return "".join(out)


def kanji_variant(text: str, gen: np.random.Generator) -> str:
    """One kanji replaced by its old/new form or a look-alike (or kept)."""
    spots = [i for i, ch in enumerate(text) if ch in KANJI_VARIANTS]
    if not spots:
        return text
    i = spots[int(gen.integers(len(spots)))]
    return text[:i] + KANJI_VARIANTS[text[i]] + text[i + 1 :]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def record_mask(gen: np.random.Generator, share: float, size: int) -> np.ndarray:
    """Rows an error of the given share applies to."""
    if share <= 0:
        return np.zeros(size, dtype=bool)
    return gen.random(size) < share
