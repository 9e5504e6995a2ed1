"""Repatriation: who went home in which year, on which voyage, ship and port.

Each year's quota is the scenario's per-year weight times the mass-repatriation total;
voyages of about ``ship_capacity`` people (scaled to N) sail evenly over the season; a
voyage lands at Hakodate with the year's Hakodate share, else at Maizuru. The Mongolia
group sails in its October 1947 window, the late groups on their documented dates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yokuryu.simulate.fates import RETURNED, Fates, quota, scale
from yokuryu.simulate.scenario import Scenario
from yokuryu.simulate.timeline import day, rng

PORTS = ("舞鶴", "函館")
PORTS_RU = ("Майдзуру", "Хакодате")
MAIZURU, HAKODATE = 0, 1
# Nakhodka to Maizuru took about two days (Koan Maru left 24 Dec, arrived 26 Dec 1956).
DAYS_AT_SEA = 2


@dataclass
class Homecoming:
    landing: np.ndarray  # day of landing in Japan, 0 if not returned
    ship: np.ndarray  # index into ``ships``, -1 if not returned
    port: np.ndarray  # index into PORTS, -1 if not returned
    ships: tuple[str, ...]


def _ship_names(scenario: Scenario) -> tuple[str, ...]:
    names: set[str] = {g["ship"] for g in scenario.get("repatriation.late_groups")}
    for port in ("maizuru", "hakodate"):
        for listed in scenario.get(f"repatriation.ships.{port}").values():
            names.update(listed)
    return tuple(sorted(names))


def year_quotas(scenario: Scenario, mass_total: int) -> dict[int, int]:
    """Returnees per year: the per-year weights scaled to ``mass_total`` (largest remainder)."""
    weights = {int(y): float(w) for y, w in scenario.value("repatriation.by_year").items()}
    exact = np.array(list(weights.values())) / sum(weights.values()) * mass_total
    counts = np.floor(exact).astype(int)
    remainder = mass_total - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:remainder]] += 1
    return dict(zip(weights, counts.tolist(), strict=True))


def _sail(
    gen: np.random.Generator,
    scenario: Scenario,
    year: int,
    members: np.ndarray,
    out: Homecoming,
    per_voyage: int,
) -> None:
    first, last = (day(str(d)) for d in scenario.get("repatriation.season")[year])
    voyages = max(1, -(-members.size // per_voyage))
    dates = np.linspace(first, last, voyages).round().astype(np.int64)
    hakodate = gen.random(voyages) < scenario.get("repatriation.hakodate_share").get(year, 0.0)
    voyage = np.arange(members.size) // per_voyage
    out.landing[members] = dates[voyage]
    out.port[members] = np.where(hakodate, HAKODATE, MAIZURU)[voyage]
    for port, key in ((MAIZURU, "maizuru"), (HAKODATE, "hakodate")):
        listed = scenario.get(f"repatriation.ships.{key}").get(year) or [out.ships[0]]
        index = np.array([out.ships.index(s) for s in listed])
        here = out.port[members] == port
        out.ship[members[here]] = index[voyage[here] % index.size]


def _mongolia(
    gen: np.random.Generator, scenario: Scenario, members: np.ndarray, out: Homecoming
) -> None:
    first, last = (day(str(d)) for d in scenario.get("mongolia.return_window"))
    out.landing[members] = gen.integers(first, last + 1, size=members.size) + DAYS_AT_SEA
    out.port[members] = MAIZURU
    listed = scenario.get("repatriation.ships.maizuru").get(1947)
    index = np.array([out.ships.index(s) for s in listed])
    out.ship[members] = index[np.arange(members.size) % index.size]


def _late(scenario: Scenario, fates: Fates, out: Homecoming) -> None:
    for g, group in enumerate(scenario.get("repatriation.late_groups")):
        members = fates.late_group == g
        out.landing[members] = day(str(group["date"]))
        out.port[members] = MAIZURU
        out.ship[members] = out.ships.index(group["ship"])


def send_home(scenario: Scenario, fates: Fates, seed: int) -> Homecoming:
    """Landing day, ship and port of everyone whose fate is to return."""
    gen = rng(seed, "repatriation")
    n = fates.fate.size
    out = Homecoming(np.zeros(n, np.int64), np.full(n, -1), np.full(n, -1), _ship_names(scenario))
    returned = fates.fate == RETURNED
    mass = returned & (fates.late_group < 0)
    mongols = np.flatnonzero(mass & fates.mongolia)
    _mongolia(gen, scenario, mongols, out)
    _late(scenario, fates, out)
    others = np.flatnonzero(mass & ~fates.mongolia)
    others = others[gen.permutation(others.size)]
    quotas = year_quotas(scenario, int(mass.sum()))
    quotas[1947] = max(0, quotas.get(1947, 0) - mongols.size)
    quotas[max(quotas)] += others.size - sum(quotas.values())
    per_voyage = max(1, quota(scenario.value("repatriation.ship_capacity"), scale(scenario, n)))
    start = 0
    for year in sorted(quotas):
        members = np.sort(others[start : start + quotas[year]])
        start += quotas[year]
        if members.size:
            _sail(gen, scenario, year, members, out, per_voyage)
    return out
