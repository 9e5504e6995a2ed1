"""ASCII keys per name part, for exact matching and for blocking."""

from __future__ import annotations

from yokuryu.names.compare import candidates
from yokuryu.names.model import NamePart, ParsedName, PartKeys
from yokuryu.names.phonetic import coarse_key, exact_key


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def part_keys(part: NamePart) -> PartKeys:
    kept = candidates(part) if part.readings else []
    exact = _unique([exact_key(r.kana) for r in kept])
    coarse = _unique([coarse_key(r.kana) for r in kept])
    return PartKeys(
        part.role, exact[0] if exact else "", coarse[0] if coarse else "", exact, coarse
    )


def name_keys(name: ParsedName) -> list[PartKeys]:
    return [part_keys(p) for p in name.parts]
