"""Which records count for a quantity: one closed population per estimate.

MSE assumes every list counts members of the same population. A missing-persons or
inquiry list holds people who may never have been in Soviet custody, and a landing
roster holds the living: those records are scoped out of a death estimate unless they
carry the evidence the rule asks for. The rules are declared here once and printed in
docs/estimate.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

QUANTITIES = ("deaths", "held")


@dataclass(frozen=True)
class RecordFacts:
    """The fields of a registry record that scoping and stratifying look at."""

    record_id: int
    source: str
    kind: str
    death_date: str | None
    camp: str | None
    died: bool = False  # a death stated by the list's status words, dated or not


Rule = Callable[[RecordFacts], bool]


def _always(_: RecordFacts) -> bool:
    return True


def _never(_: RecordFacts) -> bool:
    return False


def _has_death(r: RecordFacts) -> bool:
    return r.died or bool(r.death_date)


def _has_camp(r: RecordFacts) -> bool:
    return bool(r.camp)


def _died_in_a_camp(r: RecordFacts) -> bool:
    return _has_death(r) and bool(r.camp)


# quantity → record kind → (rule, why), kinds as in store.migrations.RECORD_KINDS.
SCOPE_RULES: dict[str, dict[str, tuple[Rule, str]]] = {
    "deaths": {
        "soviet_death": (_always, "a Soviet death register entry is a death in custody"),
        "mhlw_death": (_always, "the Japanese government's list of those who died in custody"),
        "soviet_card": (
            _has_death,
            "a registration card counts when it records a death (a date or its reason for "
            "leaving, e.g. умер)",
        ),
        "jp_roster": (
            _has_death,
            "a unit roster counts when it records a death (a date or its status, e.g. 死亡)",
        ),
        "inquiry": (
            _died_in_a_camp,
            "an inquiry or missing-persons entry counts only with a death date and a camp: "
            "without them the person may never have been in Soviet custody",
        ),
        "jp_landing": (_never, "a landing record is a person who came home alive"),
        "other": (_died_in_a_camp, "other lists count only with a death date and a camp"),
    },
    "held": {
        "soviet_card": (_always, "a registration card is a person held"),
        "soviet_death": (_always, "a person who died in custody was held"),
        "mhlw_death": (_always, "a person who died in custody was held"),
        "jp_landing": (_has_camp, "a landing record counts when it names a camp"),
        "jp_roster": (_has_camp, "a unit roster counts when it names a camp"),
        "inquiry": (
            _has_camp,
            "an inquiry entry counts only with a camp: otherwise the person may never "
            "have been in Soviet custody",
        ),
        "other": (_has_camp, "other lists count only when they name a camp"),
    },
}


# A list made from another list is not a separate system: it can only hold people the
# other one holds, so their overlap says nothing about who neither holds, and counting
# both pushes every estimate down towards n. kind of the copy → (kind it was made from,
# why). The copy and its original then count as one list.
COPIED_FROM: dict[str, tuple[str, str]] = {
    "mhlw_death": (
        "soviet_death",
        "the Japanese government's death list was made from the Soviet death registers "
        "it received (from 1991), so a man on it is on a Soviet register",
    ),
}


def list_systems(kinds: Mapping[str, str], merge_copies: bool = True) -> dict[str, str]:
    """Source name → the list it counts as in MSE: itself, or, for a copy (COPIED_FROM)
    and the lists it was made from, all of them joined as one ("a + b")."""
    systems = {source: source for source in kinds}
    if not merge_copies:
        return systems
    by_kind: dict[str, list[str]] = defaultdict(list)
    for source, kind in sorted(kinds.items()):
        by_kind[kind].append(source)
    for copy_kind, (original_kind, _why) in COPIED_FROM.items():
        group = by_kind[original_kind] + by_kind[copy_kind]
        if by_kind[original_kind] and by_kind[copy_kind]:
            joined = " + ".join(sorted(group))
            systems.update(dict.fromkeys(group, joined))
    return systems


def in_scope(quantity: str, record: RecordFacts) -> bool:
    rule, _why = SCOPE_RULES[quantity].get(record.kind, (_never, ""))
    return rule(record)


def describe(quantity: str) -> list[tuple[str, str]]:
    """(record kind, rule) pairs for the docs and ``--explain``."""
    return [(kind, why) for kind, (_rule, why) in SCOPE_RULES[quantity].items()]


def death_period(death_date: str | None) -> str:
    """Stratum of a death: the first winter was the deadliest (MHLW; see docs)."""
    year = (death_date or "")[:4]
    if not year.isdigit():
        return "unknown"
    return year if int(year) <= 1947 else "1948-1956"
