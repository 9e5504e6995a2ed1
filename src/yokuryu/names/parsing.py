"""From a raw name field to a ParsedName: script, parts and their weighted readings."""

from __future__ import annotations

from functools import lru_cache

from yokuryu.names import priors, readers, split
from yokuryu.names.kana import normalise_kana
from yokuryu.names.keying import part_keys
from yokuryu.names.memo import remember
from yokuryu.names.model import (
    FAMILY,
    GIVEN,
    NAME,
    PATRONYMIC,
    NamePart,
    ParsedName,
    PartKeys,
    Reading,
)
from yokuryu.names.script import (
    CYRILLIC,
    HANGUL,
    HIRAGANA,
    KANJI,
    KATAKANA,
    LATIN,
    UNKNOWN,
    clean,
    detect,
)

MAX_PART = 24  # characters: a longer "part" is not a name and gets no readings
MAX_PARTS = 6
JAPANESE = frozenset({KANJI, HIRAGANA, KATAKANA})
HINTS = (None, "family-first", "given-first", "whole", "one-field")
_ROLE_PRIOR = {FAMILY: priors.FAMILY, GIVEN: priors.GIVEN_ROLE}


def check_text(text: object, what: str = "name") -> str:
    if not isinstance(text, str):
        raise ValueError(f"a {what} must be text (str), not {type(text).__name__}")
    return text


def parse(text: str, hint: str | None = None) -> ParsedName:
    """Detect the script, normalise, split into family/given(/patronymic), read each part.

    ``hint``: "family-first" or "given-first" fixes the order of a romaji name; "whole"
    keeps an unspaced name as one part; "one-field" (a record's only name field) keeps
    it whole unless it clearly holds a full name (吉田茂吉).
    """
    check_text(text)
    check_hint(hint)
    layout = _layout(text, hint)
    parts = tuple([(_ENTRIES.get(s) or _entry(s))[0] for s in layout[3:]])
    return _new(ParsedName, (text, layout[0], layout[1], parts, layout[2]))


def check_hint(hint: str | None) -> None:
    if hint is not None and hint not in HINTS:
        raise ValueError(f"unknown hint {hint!r}; use one of {HINTS[1:]}")


def standardise(text: str, hint: str | None = None) -> tuple[ParsedName, list[PartKeys]]:
    """Parse and key one record's name (call once per record; cached on the name and its
    parts, so a million records cost a few seconds). ``hint`` as for :func:`parse`."""
    if not isinstance(text, str):
        check_text(text)
    if hint is None:
        layout = _LAYOUTS.get(text) or _layout(text, None)
    else:
        check_hint(hint)
        layout = _layout(text, hint)
    parts: tuple[NamePart, ...]
    if len(layout) == 5:  # two parts, nearly every record: unrolled (runs once per record)
        first = _ENTRIES.get(layout[3]) or _entry(layout[3])
        second = _ENTRIES.get(layout[4]) or _entry(layout[4])
        parts, keys = (first[0], second[0]), [first[1], second[1]]
    else:
        found = [_ENTRIES.get(s) or _entry(s) for s in layout[3:]]
        parts, keys = tuple([part for part, _ in found]), [k for _, k in found]
    return _new(ParsedName, (text, layout[0], layout[1], parts, layout[2])), keys


# A named tuple made without its Python-level __new__ (the hot path makes a million).
_new = tuple.__new__


# (text, role, script) of one part: what fixes its readings and keys.
Spec = tuple[str, str, str]
# Normalised text, field script, split weight, then one spec per part: a flat tuple of
# strings, numbers and shared specs, which the cyclic garbage collector stops tracking at
# its first pass (nested new tuples are often left tracked, and then promoted).
Layout = tuple[str, str, float, *tuple[Spec, ...]]
_SPECS: dict[Spec, Spec] = {}


_LAYOUTS: dict[str, Layout] = {}
LAYOUT_CACHE = 200_000


def _layout(text: str, hint: str | None) -> Layout:
    """The layout of one raw text (cached for names without a hint).

    The cache holds plain strings and numbers, which the cyclic garbage collector leaves
    alone: caching ParsedName objects made its full collections a quarter of the run time
    on a million names.
    """
    if hint is not None:
        return _hinted_layout(text, hint)
    found = _LAYOUTS.get(text)
    if found is None:
        if len(_LAYOUTS) >= LAYOUT_CACHE:
            _LAYOUTS.clear()
            _SPECS.clear()
        found = _LAYOUTS[text] = _make_layout(text, None)
    return found


# Layouts of texts read with a hint ("whole": one field of a record, a father's name).
_HINTED_LAYOUTS: dict[tuple[str, str], Layout] = {}


def _hinted_layout(text: str, hint: str) -> Layout:
    found = _HINTED_LAYOUTS.get((text, hint))
    if found is None:
        found = remember(_HINTED_LAYOUTS, (text, hint), _make_layout(text, hint), LAYOUT_CACHE)
    return found


# Two tokens in one script that is read in order: most names, so laid out without detours.
_IN_ORDER = frozenset({KANJI, HIRAGANA, KATAKANA, CYRILLIC})


def _make_layout(text: str, hint: str | None) -> Layout:
    normalised = clean(text)
    tokens = normalised.split(" ")[:MAX_PARTS] if normalised else []
    if len(tokens) == 2:
        first, second = _token_script(tokens[0]), _token_script(tokens[1])
        if first == second and first in _IN_ORDER:
            family, given = (tokens[0], FAMILY, first), (tokens[1], GIVEN, first)
            if hint is None and _written_given_first(tokens, [first, second]):
                family, given = (tokens[1], FAMILY, first), (tokens[0], GIVEN, first)
            intern = _SPECS.setdefault
            return normalised, first, 1.0, intern(family, family), intern(given, given)
    scripts = [_token_script(t) for t in tokens]
    script = _field_script(scripts)
    if script in (UNKNOWN, HANGUL):
        unread = tuple((t, NAME, s) for t, s in zip(tokens, scripts, strict=True))
        return normalised, script, 1.0, *_shared(unread)
    specs, weight = _assign_roles(tokens, scripts, hint)
    return normalised, script, weight, *_shared(specs)


def _shared(specs: tuple[Spec, ...]) -> tuple[Spec, ...]:
    """The one copy of each spec (parts repeat across names; old copies are untracked)."""
    return tuple([_SPECS.setdefault(spec, spec) for spec in specs])


@lru_cache(maxsize=200_000)
def _token_script(token: str) -> str:
    return UNKNOWN if len(token) > MAX_PART else detect(token)


def _field_script(scripts: list[str]) -> str:
    distinct = set(scripts)
    if not distinct or UNKNOWN in distinct:
        return UNKNOWN
    if len(distinct) == 1:
        return scripts[0]
    if distinct <= JAPANESE:
        return KANJI if KANJI in distinct else scripts[0]
    return "mixed"


def _part(text: str, role: str, script: str) -> NamePart:
    spec = (text, role, script)
    return (_ENTRIES.get(spec) or _entry(spec))[0]


_ENTRIES: dict[Spec, tuple[NamePart, PartKeys]] = {}
ENTRY_CACHE = 300_000


def _entry(spec: Spec) -> tuple[NamePart, PartKeys]:
    """One part with its readings and keys; cached, as parts repeat far more than names."""
    text, role, script = spec
    prior = _ROLE_PRIOR.get(role, priors.ANY if role != PATRONYMIC else priors.GIVEN_ROLE)
    found = readers.part_readings(text, script, prior)
    part = NamePart(text, role, script, tuple(Reading(k, w) for k, w in found))
    return remember(_ENTRIES, spec, (part, part_keys(part)), ENTRY_CACHE)


def _assign_roles(
    tokens: list[str], scripts: list[str], hint: str | None
) -> tuple[tuple[Spec, ...], float]:
    if len(tokens) == 1:
        return _single(tokens[0], scripts[0], hint)
    if len(tokens) == 2 and scripts[0] != LATIN:  # the common case, kept fast
        return ((tokens[0], FAMILY, scripts[0]), (tokens[1], GIVEN, scripts[1])), 1.0
    roles = [FAMILY, GIVEN] + [PATRONYMIC if scripts[0] == CYRILLIC else NAME] * (len(tokens) - 2)
    if scripts[0] == LATIN and len(tokens) == 2 and _given_first(tokens, hint):
        roles = [GIVEN, FAMILY]
    return tuple(zip(tokens, roles, scripts, strict=False)), 1.0


def _given_first(tokens: list[str], hint: str | None) -> bool:
    if hint in ("family-first", "given-first"):
        return hint == "given-first"
    first, second = _token_fit(tokens[0], LATIN), _token_fit(tokens[1], LATIN)
    if len(first) != 2 or len(second) != 2:  # a token that is not Japanese romaji
        return False
    return split.given_first_fit(first, second)


# Scripts whose lists put the family name first, though a clerk (and the ministry's
# katakana copy of his card) sometimes wrote Соносукэ Адати for Адати Соносукэ, and a
# Japanese list 正男 山県 for 山県 正男. The
# parts are swapped only when the other order fits the readings far better (log-priors
# of family and given names: Хироси Сато by 5.1, Дзиро Катаяма by 3.6).
SWAPPED_ORDER_SCRIPTS = frozenset({CYRILLIC, HIRAGANA, KATAKANA, KANJI})
SWAP_MARGIN = 2.0
_TOKEN_FIT: dict[tuple[str, str], tuple[float, float] | tuple[()]] = {}


def _written_given_first(tokens: list[str], scripts: list[str]) -> bool:
    if scripts[0] not in SWAPPED_ORDER_SCRIPTS or scripts[1] != scripts[0]:
        return False
    first, second = _token_fit(tokens[0], scripts[0]), _token_fit(tokens[1], scripts[1])
    if len(first) != 2 or len(second) != 2:
        return False
    return split.given_first_fit(first, second, SWAP_MARGIN)


def _token_fit(token: str, script: str) -> tuple[float, float] | tuple[()]:
    """How well a token's best reading fits as family and as given name (cached)."""
    found = _TOKEN_FIT.get((token, script))
    if found is None:
        best = readers.part_readings(token, script, limit=1)
        kana = best[0][0] if best else ""
        found = remember(
            _TOKEN_FIT, (token, script), split.role_fit(kana) if kana else (), ENTRY_CACHE
        )
    return found


def alternatives(parsed: ParsedName) -> list[ParsedName]:
    """The parse and, for an unspaced kanji name, its other plausible cuts (with weights)."""
    if parsed.script != KANJI or len(parsed.parts) != 2 or " " in parsed.normalised:
        return [parsed]
    token = parsed.normalised
    out = []
    for cut, weight in split.kanji_cuts(token):
        parts = (_part(token[:cut], FAMILY, KANJI), _part(token[cut:], GIVEN, KANJI))
        out.append(ParsedName(parsed.original, token, KANJI, parts, weight))
    return out or [parsed]


def _single(token: str, script: str, hint: str | None) -> tuple[tuple[Spec, ...], float]:
    """One token: split unspaced Japanese full names, else a part of unknown role."""
    if hint == "one-field" and script == KANJI:
        cut = split.one_field_cut(token)
        if cut:
            return ((token[:cut], FAMILY, script), (token[cut:], GIVEN, script)), 1.0
    elif hint != "whole" and script == KANJI and len(token) >= 3:
        cuts = split.kanji_cuts(token)
        if cuts:
            cut, weight = cuts[0]
            return ((token[:cut], FAMILY, script), (token[cut:], GIVEN, script)), weight
    if hint != "whole" and script in (HIRAGANA, KATAKANA):
        hira = normalise_kana(token)
        cut = split.kana_cut(hira, split.WHOLE_MARGIN if hint == "one-field" else 2.0)
        if cut:
            return ((token[:cut], FAMILY, script), (token[cut:], GIVEN, script)), 1.0
    return ((token, NAME, script),), 1.0
