"""Fates: who died, went missing, was sent back, handed to the PRC, held as a convict, or
went home — as exact quotas of the scenario's figures scaled to N, drawn at random.

Quotas rather than independent draws, so that a run reproduces the published totals it
is calibrated to up to rounding, and the calibration report can check it did.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yokuryu.simulate import tables
from yokuryu.simulate.people import People
from yokuryu.simulate.scenario import Scenario
from yokuryu.simulate.timeline import day, days_in_months, month_starts, rng

RETURNED, DEAD, MISSING, SENT_BACK, TO_PRC = range(5)
FATE_NAMES = ("returned", "dead", "missing", "sent_back", "to_prc")


@dataclass
class Fates:
    fate: np.ndarray  # index into FATE_NAMES
    mongolia: np.ndarray  # held in Mongolia
    convicted: np.ndarray  # held as a convict after 1950 (to the PRC or a late group)
    late_group: np.ndarray  # index into repatriation.late_groups, -1 if none
    event: np.ndarray  # day of death, last sight, sending back or handing over; 0 if returned


def scale(scenario: Scenario, n: int) -> float:
    """Simulated people per real person."""
    return n / float(scenario.value("population.held"))


def quota(figure: float, factor: float) -> int:
    return round(figure * factor)


def pick(
    gen: np.random.Generator, eligible: np.ndarray, k: int, weight: np.ndarray | None = None
) -> np.ndarray:
    """A mask of ``k`` people drawn without replacement among ``eligible`` (weighted by
    ``weight``: Efraimidis-Spirakis keys, so the draw is one vectorised sort)."""
    key = np.log(gen.random(eligible.size) + 1e-300)
    if weight is not None:
        key = key / weight
    key = np.where(eligible, key, -np.inf)
    chosen = np.zeros(eligible.size, dtype=bool)
    k = min(k, int(eligible.sum()))
    if k > 0:
        chosen[np.argpartition(-key, k - 1)[:k]] = True
    return chosen


def death_month_weights(scenario: Scenario) -> tuple[np.ndarray, np.ndarray]:
    """First day of each month from capture to the last death, and each month's share of
    deaths: the first winter gets its share, later months decay by half-life."""
    start = scenario.date("capture.start").replace(day=1)
    winter_start = scenario.date("deaths.first_winter.0")
    last = scenario.date("deaths.last_date")
    months = (last.year - start.year) * 12 + last.month - start.month + 1
    share = scenario.value("deaths.first_winter_share")
    winter = np.asarray(scenario.get("deaths.first_winter_months"), dtype=float)
    winter = winter / winter.sum() * share
    offset = (winter_start.year - start.year) * 12 + winter_start.month - start.month
    later_n = months - offset - winter.size
    decay = 0.5 ** (np.arange(later_n) / scenario.value("deaths.later_half_life_months"))
    later = decay / decay.sum() * (1 - share)
    return month_starts(start, months), np.concatenate([np.zeros(offset), winter, later])


def death_days(gen: np.random.Generator, scenario: Scenario, size: int) -> np.ndarray:
    """Days of death drawn from the monthly shares."""
    starts, weights = death_month_weights(scenario)
    month = np.searchsorted(np.cumsum(weights), gen.random(size) * weights.sum(), side="right")
    return days_in_months(gen, starts, np.minimum(month, weights.size - 1))


def _convict_weight(people: People) -> np.ndarray:
    group = np.array([r.group for r in tables.RANKS])[people.rank]
    # Officers, generals and the military police were tried far more often (GK).
    return np.select([group == "general", group == "officer"], [20.0, 6.0], 1.0)


def _late_groups(
    gen: np.random.Generator,
    scenario: Scenario,
    convicted: np.ndarray,
    prc: np.ndarray,
    factor: float,
) -> np.ndarray:
    groups = scenario.get("repatriation.late_groups")
    counts = [quota(g["count"], factor) for g in groups]
    members = np.flatnonzero(convicted & ~prc)
    members = members[gen.permutation(members.size)]
    late = np.full(convicted.size, -1, dtype=np.int64)
    bounds = np.cumsum([0, *counts])
    for g in range(len(groups)):
        late[members[bounds[g] : bounds[g + 1]]] = g
    return late


def assign_fates(scenario: Scenario, people: People, seed: int) -> Fates:
    """Draw each person's fate and the day it happened (repatriation days come later)."""
    gen = rng(seed, "fates")
    n, factor = people.size, scale(scenario, people.size)
    everyone = np.ones(n, dtype=bool)
    manchuria = people.region == tables.REGIONS.index("manchuria")
    mongolia = pick(gen, manchuria, quota(scenario.value("mongolia.held"), factor))
    late_counts = [quota(g["count"], factor) for g in scenario.get("repatriation.late_groups")]
    k_prc = quota(scenario.value("fates.to_prc"), factor)
    k_convicts = k_prc + sum(late_counts)
    convicted = pick(gen, ~mongolia, k_convicts, _convict_weight(people))
    prc = pick(gen, convicted, k_prc)
    k_dead = quota(scenario.value("fates.dead"), factor)
    k_mongolia_dead = min(quota(scenario.value("mongolia.dead"), factor), k_dead)
    dead = pick(gen, mongolia, k_mongolia_dead)
    dead |= pick(gen, ~mongolia & ~convicted, k_dead - k_mongolia_dead)
    free = everyone & ~mongolia & ~convicted & ~dead
    missing = pick(gen, free, quota(scenario.value("fates.missing"), factor))
    sent_back = pick(gen, free & ~missing, quota(scenario.value("fates.sent_back"), factor))
    fate = np.select([dead, missing, sent_back, prc], [DEAD, MISSING, SENT_BACK, TO_PRC], RETURNED)
    return Fates(
        fate=fate,
        mongolia=mongolia,
        convicted=convicted,
        late_group=_late_groups(gen, scenario, convicted, prc, factor),
        event=_event_days(gen, scenario, fate, people),
    )


def _event_days(
    gen: np.random.Generator, scenario: Scenario, fate: np.ndarray, people: People
) -> np.ndarray:
    event = np.zeros(fate.size, dtype=np.int64)
    lost = (fate == DEAD) | (fate == MISSING)
    event[lost] = death_days(gen, scenario, int(lost.sum()))
    event[lost] = np.maximum(event[lost], people.capture_date[lost] + 2)
    first, last = (day(str(d)) for d in scenario.get("repatriation.sent_back_window"))
    back = fate == SENT_BACK
    event[back] = gen.integers(first, last + 1, size=int(back.sum()))
    event[fate == TO_PRC] = day(str(scenario.get("repatriation.prc_date")))
    return event
