"""People: who was captured — birth, sex, nationality, civilian or soldier, rank, unit,
home prefecture, capture region, place and date. One numpy array per attribute."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yokuryu.simulate import tables
from yokuryu.simulate.scenario import Scenario
from yokuryu.simulate.timeline import day, from_datetime64, rng, uniform_days


@dataclass
class People:
    """Attributes of N people; row i of every array is person i (person id = i + 1)."""

    birth: np.ndarray  # day number
    female: np.ndarray
    korean: np.ndarray
    civilian: np.ndarray
    rank: np.ndarray  # index into tables.RANKS
    unit: np.ndarray  # index into tables.UNITS + tables.CIVILIAN_UNITS
    prefecture: np.ndarray  # index into prefecture names (+1 past the end: Korea)
    region: np.ndarray  # index into tables.REGIONS
    capture_place: np.ndarray  # index into tables.CAPTURE_PLACES
    capture_date: np.ndarray  # day number

    @property
    def size(self) -> int:
        return int(self.birth.size)


def _choice(gen: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """Indices drawn with the given (unnormalised) weights."""
    cumulative = np.cumsum(weights, dtype=float)
    return np.searchsorted(cumulative, gen.random(size) * cumulative[-1], side="right")


def _births(gen: np.random.Generator, scenario: Scenario, n: int) -> np.ndarray:
    first, last = scenario.get("population.birth_years")
    shape = scenario.get("population.birth_year_shape")
    years = np.arange(first, last + 1)
    weights = np.exp(-0.5 * ((years - shape["peak"]) / shape["spread"]) ** 2)
    year = years[_choice(gen, weights, n)]
    start = from_datetime64((year - 1970).astype("datetime64[Y]"))
    length = np.where((year % 4 == 0) & (year != 1900), 366, 365)
    return start + (gen.random(n) * length).astype(np.int64)


def _ranks(gen: np.random.Generator, scenario: Scenario, civilian: np.ndarray) -> np.ndarray:
    n = civilian.size
    officer = scenario.value("population.officer_share")
    general = scenario.value("population.general_share")
    nco = (1 - officer - general) * tables.NCO_SHARE_OF_MEN
    group_share = {"general": general, "officer": officer, "nco": nco}
    group_share["private"] = 1 - officer - general - nco
    weights = np.array([r.weight * group_share.get(r.group, 0.0) for r in tables.RANKS])
    rank = _choice(gen, weights, n)
    civilian_rank = next(i for i, r in enumerate(tables.RANKS) if r.group == "civilian")
    return np.where(civilian, civilian_rank, rank)


def _regional(gen: np.random.Generator, region: np.ndarray, rows: tuple, n: int) -> np.ndarray:
    """For each person, a row of ``rows`` from their capture region (uniform within it)."""
    by_region = [
        np.array([i for i, r in enumerate(rows) if r.region == name]) for name in tables.REGIONS
    ]
    counts = np.array([len(b) for b in by_region])
    pick = (gen.random(n) * counts[region]).astype(np.int64)
    table = np.full((len(by_region), counts.max()), -1)
    for i, members in enumerate(by_region):
        table[i, : members.size] = members
    return table[region, pick]


def make_people(scenario: Scenario, n: int, seed: int) -> People:
    """Draw the attributes of ``n`` people from the scenario's shares."""
    gen = rng(seed, "people")
    regions = scenario.get("population.capture_regions")
    region = _choice(gen, np.array([regions[r] for r in tables.REGIONS]), n)
    civilian = gen.random(n) < scenario.value("population.civilian_share")
    female = civilian & (gen.random(n) < scenario.value("population.female_share_of_civilians"))
    korean = ~female & (gen.random(n) < scenario.value("population.korean_share"))
    unit = _regional(gen, region, tables.UNITS, n)
    civilian_unit = len(tables.UNITS) + (gen.random(n) * 2).astype(np.int64)
    unit = np.where(civilian, np.where(female, len(tables.UNITS) + 2, civilian_unit), unit)
    names, weights = tables.prefecture_weights()
    prefecture = np.where(korean, len(names), _choice(gen, np.array(weights), n))
    start, end = day(scenario.get("capture.start")), day(scenario.get("capture.end"))
    return People(
        birth=_births(gen, scenario, n),
        female=female,
        korean=korean,
        civilian=civilian,
        rank=_ranks(gen, scenario, civilian),
        unit=unit,
        prefecture=prefecture,
        region=region,
        capture_place=_regional(gen, region, tables.CAPTURE_PLACES, n),
        capture_date=uniform_days(gen, start, end, n),
    )
