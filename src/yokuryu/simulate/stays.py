"""Camp stays: units of ~1,000 sent to camps weighted by camp size, transfers, convict
camps after 1950, and the burial (cemetery, grave number) of the dead.

The first camp is allocated by filling: battalions in random order (those captured on
the Kurils first, for the Kuril camp) fill the camps in turn up to each camp's share, so
the simulated camp sizes match the scenario's within one battalion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yokuryu.simulate import tables
from yokuryu.simulate.camps import Camps
from yokuryu.simulate.fates import DEAD, Fates, pick, quota, scale
from yokuryu.simulate.people import People
from yokuryu.simulate.repatriation import DAYS_AT_SEA, Homecoming
from yokuryu.simulate.scenario import Scenario
from yokuryu.simulate.timeline import day, rng

CONVICT_CAMPS = ("16", "48")  # MVD order 00642 of 20 Oct 1950 (bystrov/2690, /2697, A)
CONVICT_FROM = "1950-10-20"


@dataclass
class Stays:
    """One row per camp stay, sorted by person then start day."""

    person: np.ndarray
    camp: np.ndarray
    start: np.ndarray
    end: np.ndarray


@dataclass
class Paths:
    battalion: np.ndarray
    first_camp: np.ndarray
    arrival: np.ndarray
    leave: np.ndarray  # last day in a camp
    stays: Stays
    death_camp: np.ndarray  # -1 unless dead
    grave: np.ndarray  # grave number in the camp cemetery, 0 unless dead


def _battalions(
    gen: np.random.Generator, people: People, pool: np.ndarray, size: int
) -> np.ndarray:
    """Battalion number of each person in ``pool`` (-1 outside): same region and unit."""
    members = np.flatnonzero(pool)
    order = np.lexsort((gen.random(members.size), people.unit[members], people.region[members]))
    battalion = np.full(pool.size, -1, dtype=np.int64)
    battalion[members[order]] = np.arange(members.size) // size
    return battalion


def _fill_camps(
    gen: np.random.Generator,
    camps: Camps,
    battalion: np.ndarray,
    kurils: np.ndarray,
    open_camps: np.ndarray,
) -> np.ndarray:
    """Camp of each battalion, filling camps in turn up to their share of the pool."""
    count = np.bincount(battalion[battalion >= 0])
    kuril_battalion = np.zeros(count.size, dtype=bool)
    kuril_battalion[battalion[kurils & (battalion >= 0)]] = True
    order = np.lexsort((gen.random(count.size), ~kuril_battalion))
    camp_order = np.concatenate(
        [
            np.flatnonzero(open_camps & camps.kurils),
            gen.permutation(np.flatnonzero(open_camps & ~camps.kurils)),
        ]
    )
    target = camps.size[camp_order] / camps.size[camp_order].sum() * count.sum()
    middle = np.cumsum(count[order]) - count[order] / 2
    slot = np.minimum(np.searchsorted(np.cumsum(target), middle), camp_order.size - 1)
    camp_of = np.empty(count.size, dtype=np.int64)
    camp_of[order] = camp_order[slot]
    return camp_of


def _first_camps(
    gen: np.random.Generator, scenario: Scenario, people: People, fates: Fates, camps: Camps
) -> tuple[np.ndarray, np.ndarray]:
    factor = scale(scenario, people.size)
    groups = np.array([r.group for r in tables.RANKS])[people.rank]
    officer = np.isin(groups, ["officer", "general"])
    officer_camp = np.full(people.size, -1, dtype=np.int64)  # Elabuga: officers only
    for c in np.flatnonzero(camps.officers):
        free = officer & ~fates.mongolia & (officer_camp < 0)
        officer_camp[pick(gen, free, quota(camps.size[c], factor))] = c
    pool = ~fates.mongolia & (officer_camp < 0)
    size = max(5, quota(scenario.value("capture.unit_size"), factor))
    battalion = _battalions(gen, people, pool, size)
    open_camps = ~camps.officers & (np.arange(len(camps)) != camps.mongolia)
    kurils = people.region == tables.REGIONS.index("kurils")
    camp_of = _fill_camps(gen, camps, battalion, kurils, open_camps)
    first = np.where(pool, camp_of[np.maximum(battalion, 0)], camps.mongolia)
    return battalion, np.where(officer_camp >= 0, officer_camp, first)


def _arrivals(
    gen: np.random.Generator,
    scenario: Scenario,
    people: People,
    battalion: np.ndarray,
    fates: Fates,
) -> np.ndarray:
    first, last = (
        day(str(scenario.get("capture.arrival_start"))),
        day(str(scenario.get("capture.arrival_end"))),
    )
    per_battalion = gen.integers(first, last + 1, size=int(battalion.max()) + 2)
    arrival = per_battalion[battalion]  # battalion -1 takes the extra last draw
    arrival = np.maximum(arrival, people.capture_date + 7)
    died = fates.event > 0
    return np.where(
        died, np.minimum(arrival, np.maximum(fates.event - 1, people.capture_date + 1)), arrival
    )


def _leave_days(fates: Fates, home: Homecoming) -> np.ndarray:
    return np.where(home.landing > 0, home.landing - DAYS_AT_SEA, fates.event)


def _transfers(
    gen: np.random.Generator,
    scenario: Scenario,
    camps: Camps,
    arrival: np.ndarray,
    until: np.ndarray,
    movable: np.ndarray,
) -> Stays:
    years = np.maximum(until - arrival, 0) / 365.25
    rate = scenario.value("transfers.extra_stays_per_year")
    extra = np.minimum(gen.poisson(rate * years), int(scenario.value("transfers.max_stays")) - 1)
    extra = np.where(movable, extra, 0)
    person = np.repeat(np.arange(arrival.size), extra)
    moved = arrival[person] + (gen.random(person.size) * (until - arrival)[person]).astype(np.int64)
    open_camps = np.flatnonzero(~camps.officers & (np.arange(len(camps)) != camps.mongolia))
    weights = np.cumsum(camps.size[open_camps])
    camp = open_camps[np.searchsorted(weights, gen.random(person.size) * weights[-1], "right")]
    return Stays(person, camp, moved, moved)


def _assemble(first: np.ndarray, arrival: np.ndarray, until: np.ndarray, moves: Stays) -> Stays:
    n = first.size
    person = np.concatenate([np.arange(n), moves.person])
    camp = np.concatenate([first, moves.camp])
    start = np.concatenate([arrival, moves.start])
    order = np.lexsort((start, person))
    person, camp, start = person[order], camp[order], start[order]
    last = np.append(person[1:] != person[:-1], True)
    end = np.where(last, until[person], np.append(start[1:], 0))
    return Stays(person, camp, start, end)


def _convict_stays(fates: Fates, camps: Camps, leave: np.ndarray, general: np.ndarray) -> Stays:
    person = np.flatnonzero(fates.convicted & (leave > day(CONVICT_FROM)))
    number = np.where(general[person], CONVICT_CAMPS[1], CONVICT_CAMPS[0])
    index = {num: camps.number.index(num) for num in CONVICT_CAMPS if num in camps.number}
    camp = np.array([index.get(x, 0) for x in number], dtype=np.int64)
    start = np.full(person.size, day(CONVICT_FROM), dtype=np.int64)
    return Stays(person, camp, start, leave[person])


def _concat(a: Stays, b: Stays) -> Stays:
    order = np.lexsort((np.concatenate([a.start, b.start]), np.concatenate([a.person, b.person])))
    return Stays(
        *(
            np.concatenate([getattr(a, f), getattr(b, f)])[order]
            for f in ("person", "camp", "start", "end")
        )
    )


def _graves(fates: Fates, stays: Stays, n: int) -> tuple[np.ndarray, np.ndarray]:
    last = np.append(stays.person[1:] != stays.person[:-1], True)
    death_camp = np.full(n, -1, dtype=np.int64)
    dead = fates.fate == DEAD
    last_camp = np.empty(n, dtype=np.int64)
    last_camp[stays.person[last]] = stays.camp[last]
    death_camp[dead] = last_camp[dead]
    who = np.flatnonzero(dead)
    order = who[np.lexsort((who, fates.event[who], death_camp[who]))]
    camp_sorted = death_camp[order]
    new_camp = np.append(True, camp_sorted[1:] != camp_sorted[:-1])
    group_start = np.maximum.accumulate(np.where(new_camp, np.arange(order.size), 0))
    grave = np.zeros(n, dtype=np.int64)
    grave[order] = np.arange(order.size) - group_start + 1
    return death_camp, grave


def make_paths(
    scenario: Scenario, people: People, fates: Fates, home: Homecoming, camps: Camps, seed: int
) -> Paths:
    """Every person's camps and dates, from capture to the day they left the camps."""
    gen = rng(seed, "camps")
    battalion, first = _first_camps(gen, scenario, people, fates, camps)
    arrival = _arrivals(gen, scenario, people, battalion, fates)
    leave = np.maximum(_leave_days(fates, home), arrival)
    until = np.where(fates.convicted, np.minimum(leave, day(CONVICT_FROM)), leave)
    movable = ~fates.mongolia
    moves = _transfers(rng(seed, "transfers"), scenario, camps, arrival, until, movable)
    stays = _assemble(first, arrival, until, moves)
    general = np.array([r.group for r in tables.RANKS])[people.rank] == "general"
    stays = _concat(stays, _convict_stays(fates, camps, leave, general))
    death_camp, grave = _graves(fates, stays, people.size)
    return Paths(battalion, first, arrival, leave, stays, death_camp, grave)
