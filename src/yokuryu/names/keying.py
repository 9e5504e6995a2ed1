"""ASCII keys per name part, for exact matching and for blocking."""

from __future__ import annotations

from yokuryu.names.compare import candidates
from yokuryu.names.memo import remember
from yokuryu.names.model import NamePart, ParsedName, PartKeys
from yokuryu.names.phonetic import coarse_key, exact_key

_CACHE: dict[tuple[str, str, str], PartKeys] = {}
_CACHE_LIMIT = 300_000


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _compute(part: NamePart) -> PartKeys:
    kept = candidates(part) if part.readings else []
    exact = _unique([exact_key(r.kana) for r in kept])
    coarse = _unique([coarse_key(r.kana) for r in kept])
    return PartKeys(
        part.role, exact[0] if exact else "", coarse[0] if coarse else "", exact, coarse
    )


def part_keys(part: NamePart) -> PartKeys:
    """Keys of one part, cached on (text, role, script), which fix its readings."""
    key = (part.text, part.role, part.script)
    found = _CACHE.get(key)
    return found if found is not None else remember(_CACHE, key, _compute(part), _CACHE_LIMIT)


def name_keys(name: ParsedName) -> list[PartKeys]:
    return [part_keys(p) for p in name.parts]
