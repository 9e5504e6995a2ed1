"""The calibration report: simulated figures beside the published ones they were
calibrated to, each with its source and the tolerance it met.

Simulated counts are scaled back to real people (÷ N/held). A count's tolerance is 2 %
of the target plus the rounding of quotas at this N (2 simulated people); a share's is
four binomial standard errors plus three people; a camp's allows one battalion; a
published range is widened by three sampling errors of the simulated count. ``required``
figures are what the scenario is calibrated to; the others are comparisons with published
figures the scenario need not meet (for example the MHLW list size under Nimmo's
assumptions).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from yokuryu.simulate import tables
from yokuryu.simulate.fates import (
    DEAD,
    MISSING,
    RETURNED,
    SENT_BACK,
    TO_PRC,
    death_month_weights,
    quota,
    scale,
)
from yokuryu.simulate.timeline import day, years_of
from yokuryu.simulate.world import World
from yokuryu.simulate.writer import Written


@dataclass
class Metric:
    id: str
    label: str
    simulated: float
    published: float
    low: float
    high: float
    source: str
    required: bool = True

    @property
    def ok(self) -> bool:
        return self.low <= self.simulated <= self.high

    def as_dict(self) -> dict[str, Any]:
        numbers = {k: float(getattr(self, k)) for k in ("simulated", "published", "low", "high")}
        return {
            **asdict(self),
            **numbers,
            "ok": bool(self.ok),
            "tolerance": float(self.high - self.low) / 2,
        }


def _count_metric(
    mid: str,
    label: str,
    simulated: int,
    target: float,
    factor: float,
    source: str,
    required: bool = True,
) -> Metric:
    slack = 0.02 * target + 2 / factor
    return Metric(
        mid, label, simulated / factor, target, target - slack, target + slack, source, required
    )


def _share_metric(
    mid: str, label: str, hits: int, size: int, target: float, source: str, required: bool = True
) -> Metric:
    # Four binomial standard errors, plus three people for the small counts of a small N.
    n = max(size, 1)
    slack = (4 * math.sqrt(n * target * (1 - target)) + 3) / n + 0.005
    share = hits / n
    return Metric(mid, label, share, target, target - slack, target + slack, source, required)


def _totals(world: World, factor: float) -> list[Metric]:
    sc, fate = world.scenario, world.fates.fate
    held = sc.figure("population.held")
    out = [_count_metric("total_held", "Total held", fate.size, held.value, factor, held.source)]
    for code, key in (
        (DEAD, "dead"),
        (MISSING, "missing"),
        (SENT_BACK, "sent_back"),
        (TO_PRC, "to_prc"),
    ):
        fig = sc.figure(f"fates.{key}")
        out.append(
            _count_metric(
                f"total_{key}",
                f"Total {key.replace('_', ' ')}",
                int((fate == code).sum()),
                fig.value,
                factor,
                fig.source,
            )
        )
    returned = held.value - sum(
        sc.figure(f"fates.{k}").value for k in ("dead", "missing", "sent_back", "to_prc")
    )
    out.append(
        _count_metric(
            "total_returned",
            "Total returned",
            int((fate == RETURNED).sum()),
            returned,
            factor,
            f"derived: held − the other fates ({held.source})",
        )
    )
    for key in ("held", "dead"):
        fig = sc.figure(f"mongolia.{key}")
        hits = world.fates.mongolia & ((fate == DEAD) if key == "dead" else True)
        out.append(
            _count_metric(
                f"mongolia_{key}",
                f"Mongolia: {key}",
                int(hits.sum()),
                fig.value,
                factor,
                fig.source,
            )
        )
    return out


def _repatriation(world: World, factor: float) -> list[Metric]:
    sc, home = world.scenario, world.home
    late = sc.get("repatriation.late_groups")
    landed = years_of(home.landing[home.landing > 0])
    # The published side, in real people: the scenario's returned total less the late
    # groups, shared out by the per-year weights (independent of the simulated counts).
    returned = sc.value("population.held") - sum(
        sc.value(f"fates.{k}") for k in ("dead", "missing", "sent_back", "to_prc")
    )
    weights = {int(y): float(w) for y, w in sc.value("repatriation.by_year").items()}
    mass = returned - sum(g["count"] for g in late)
    targets = {y: w / sum(weights.values()) * mass for y, w in weights.items()}
    for group in late:
        year = int(str(group["date"])[:4])
        targets[year] = targets.get(year, 0) + group["count"]
    source = sc.source("repatriation.by_year")
    return [
        _count_metric(
            f"repatriated_{y}",
            f"Repatriated in {y}",
            int((landed == y).sum()),
            t,
            factor,
            source
            if y <= 1950
            else "late groups: "
            + "; ".join(g["source"] for g in late if str(g["date"])[:4] == str(y)),
        )
        for y, t in sorted(targets.items())
    ]


def _death_timing(world: World) -> list[Metric]:
    sc, fates = world.scenario, world.fates
    dead = fates.event[fates.fate == DEAD]
    winter_end = day(str(sc.get("deaths.first_winter")[1]))
    fig = sc.figure("deaths.first_winter_share")
    out = [
        _share_metric(
            "first_winter_share",
            "Share of deaths by the end of the first winter",
            int((dead <= winter_end).sum()),
            dead.size,
            fig.value,
            fig.source,
        )
    ]
    starts, weights = death_month_weights(sc)
    month_years = years_of(starts[:-1])
    died = years_of(dead)
    source = f"{fig.source}; later deaths halve every {sc.value('deaths.later_half_life_months')}"
    for year in range(int(month_years.min()), int(month_years.max()) + 1):
        expected = float(weights[month_years == year].sum() / weights.sum())
        out.append(
            _share_metric(
                f"deaths_{year}",
                f"Share of deaths in {year}",
                int((died == year).sum()),
                dead.size,
                expected,
                source + " months (model)",
            )
        )
    return out


def _range_metric(
    mid: str,
    label: str,
    count: int,
    factor: float,
    published: tuple[float, float, float],
    source: str,
    required: bool = True,
) -> Metric:
    """A count of simulated rows against a published range, widened by three sampling
    standard errors at this N (a small run cannot pin a range of real people)."""
    value, low, high = published
    slack = (3 * math.sqrt(max(count, 1)) + 2) / factor
    return Metric(mid, label, count / factor, value, low - slack, high + slack, source, required)


def _camps(world: World) -> list[Metric]:
    camps, paths = world.camps, world.paths
    # Placed by battalion: everyone but the Mongolia group and the officers' camp.
    pool = ~world.fates.mongolia & ~camps.officers[paths.first_camp]
    counts = np.bincount(paths.first_camp[pool], minlength=len(camps))
    open_camps = ~camps.officers & (np.arange(len(camps)) != camps.mongolia)
    share = camps.size / camps.size[open_camps].sum()
    battalion = max(
        5, quota(world.scenario.value("capture.unit_size"), scale(world.scenario, world.size))
    )
    out = []
    for i in (int(x) for x in np.flatnonzero(open_camps)):
        target = share[i] * pool.sum()
        slack = battalion + 0.02 * target
        out.append(
            Metric(
                f"camp_{camps.town_en[i]}",
                f"Camp {camps.label_ru(i)} ({camps.town_en[i]}): share of first placements",
                counts[i] / pool.sum(),
                share[i],
                (target - slack) / pool.sum(),
                (target + slack) / pool.sum(),
                camps.source[i] + (" [assumed]" if camps.assumed[i] else ""),
            )
        )
    return out


def _rows(written: list[Written], name: str) -> Written:
    return next(w for w in written if w.table.name == name)


def _records(world: World, written: list[Written], factor: float) -> list[Metric]:
    def rows(name: str) -> int:
        return _rows(written, name).table.rows

    register = _rows(written, "soviet_deaths").table
    early = int((world.fates.event[register.person] < day("1949-03-01")).sum())
    return [
        _range_metric(
            "soviet_cards",
            "Soviet registration cards",
            rows("soviet_cards"),
            factor,
            (730000, 700000 * 0.95, 760000 * 1.05),
            "MHLW 2009: ~700,000 cards, Sankei ~760,000 (A/B); range ±5 %",
        ),
        _range_metric(
            "soviet_register",
            "Deaths in the Soviet registers",
            rows("soviet_deaths"),
            factor,
            (60000, 41000, 62068),
            "~41,000 names provided by Russia (MHLW) to 62,068 (Birstein); ~60,000 certified",
        ),
        _range_metric(
            "register_by_1949",
            "Deaths in the Soviet registers before March 1949",
            early,
            factor,
            (52165, 41000, 62068),
            "MVD tally of early 1949: 52,165 dead (via Sokolov, A/B)",
            required=False,
        ),
        _range_metric(
            "mhlw_list",
            "Entries in the MHLW death list",
            rows("mhlw_deaths"),
            factor,
            (44600, 37000, 51455),
            "MHLW: 44,600 names online 2007; 51,455 entries incl. duplicates 2019 (A)",
            required=False,
        ),
        _range_metric(
            "maizuru_landings",
            "Maizuru landing records",
            rows("maizuru_landings"),
            factor,
            (453849, 400000, 470000),
            "Maizuru bureau: 453,849 landed from the USSR (A/B)",
            required=False,
        ),
    ]


def _composition(world: World) -> list[Metric]:
    groups = np.array([r.group for r in tables.RANKS])[world.people.rank]
    officers = int(np.isin(groups, ["officer", "general"]).sum())
    fig = world.scenario.figure("population.officer_share")
    target = fig.value + world.scenario.value("population.general_share")
    return [
        _share_metric(
            "officer_share", "Officers and generals", officers, world.size, target, fig.source
        )
    ]


def calibrate(world: World, written: list[Written]) -> dict[str, Any]:
    """Every calibration figure of a run, as a JSON-ready dictionary."""
    factor = scale(world.scenario, world.size)
    metrics = (
        _totals(world, factor)
        + _repatriation(world, factor)
        + _death_timing(world)
        + _composition(world)
        + _records(world, written, factor)
        + _camps(world)
    )
    return {
        "scenario": world.scenario.name,
        "persons": world.size,
        "seed": world.seed,
        "noise": world.noise.name,
        "scale": factor,
        "rows": {w.file_name: w.table.rows for w in written},
        "records_per_person": {w.file_name: w.table.rows / world.size for w in written},
        "metrics": [m.as_dict() for m in metrics],
        "all_required_ok": bool(all(m.ok for m in metrics if m.required)),
    }


def _fmt(value: float) -> str:
    return f"{value:.3f}" if abs(value) < 10 else f"{value:,.0f}"


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        f"# Calibration: scenario {report['scenario']}, {report['persons']:,} people, "
        f"seed {report['seed']}, noise {report['noise']}",
        "",
        f"Simulated counts are scaled to real people (× {1 / report['scale']:,.2f}).",
        "",
        "| figure | simulated | published | tolerance | met | source |",
        "|---|---:|---:|---|---|---|",
    ]
    for m in report["metrics"]:
        met = "yes" if m["ok"] else ("NO" if m["required"] else "no (comparison)")
        lines.append(
            f"| {m['label']} | {_fmt(m['simulated'])} | {_fmt(m['published'])} | "
            f"{_fmt(m['low'])} – {_fmt(m['high'])} | {met} | {m['source']} |"
        )
    lines += ["", "| file | rows | rows per person |", "|---|---:|---:|"]
    for name, rows in report["rows"].items():
        lines.append(f"| {name} | {rows:,} | {report['records_per_person'][name]:.3f} |")
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, Any], folder: Path) -> None:
    (folder / "calibration.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (folder / "calibration.md").write_text(to_markdown(report), encoding="utf-8")
