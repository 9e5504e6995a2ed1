"""The checks a merged scenario must pass: one rule per key, each problem named by key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

Checker = Callable[[Any], str | None]


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _unwrap(value: Any) -> Any:
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


def count(value: Any) -> str | None:
    value = _unwrap(value)
    if not _number(value) or value < 0 or int(value) != value:
        return f"must be a whole number ≥ 0, got {value!r}"
    return None


def share(value: Any) -> str | None:
    value = _unwrap(value)
    if not _number(value) or not 0 <= value <= 1:
        return f"must be a share between 0 and 1, got {value!r}"
    return None


def positive(value: Any) -> str | None:
    value = _unwrap(value)
    if not _number(value) or value <= 0:
        return f"must be a number > 0, got {value!r}"
    return None


def date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return f"must be a date YYYY-MM-DD, got {value!r}"
    return None


def date_pair(value: Any) -> str | None:
    if not isinstance(value, list) or len(value) != 2:
        return f"must be [first date, last date], got {value!r}"
    problem = date(value[0]) or date(value[1])
    if problem:
        return problem
    if str(value[0]) > str(value[1]):
        return f"first date {value[0]} is after last date {value[1]}"
    return None


def text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be non-empty text"


def encoding(value: Any) -> str | None:
    import codecs

    try:
        codecs.lookup(str(value))
    except LookupError:
        return f"unknown encoding {value!r}"
    return None


def weights(value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return "must be a non-empty list of numbers ≥ 0"
    if not all(_number(v) and v >= 0 for v in value) or sum(value) <= 0:
        return f"must be numbers ≥ 0 with a positive sum, got {value!r}"
    return None


def year_map(checker: Checker) -> Checker:
    def check(value: Any) -> str | None:
        value = _unwrap(value)
        if not isinstance(value, dict) or not value:
            return "must map years to values"
        for year, item in value.items():
            if not isinstance(year, int) or not 1945 <= year <= 1956:
                return f"year {year!r} must be a year 1945-1956"
            problem = checker(item)
            if problem:
                return f"{year}: {problem}"
        return None

    return check


def names(value: Any) -> str | None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return "must be a non-empty list of names"
    return None


def region_shares(value: Any) -> str | None:
    expected = {"manchuria", "korea", "sakhalin", "kurils"}
    if not isinstance(value, dict) or set(value) != expected:
        return f"must give a share for each of {sorted(expected)}"
    problems = [share(v) for v in value.values()]
    if any(problems):
        return next(p for p in problems if p)
    if abs(sum(value.values()) - 1) > 0.01:
        return f"shares must add up to 1, they add up to {sum(value.values()):.3f}"
    return None


def late_groups(value: Any) -> str | None:
    if not isinstance(value, list):
        return "must be a list of {date, count, ship, source}"
    for i, group in enumerate(value):
        if not isinstance(group, dict) or {"date", "count", "ship"} - set(group):
            return f"item {i} must have date, count and ship"
        problem = date(group["date"]) or count(group["count"])
        if problem:
            return f"item {i}: {problem}"
    return None


def camps(value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return "must be a non-empty list of camps"
    for i, camp in enumerate(value):
        if not isinstance(camp, dict) or {"town", "size", "source"} - set(camp):
            return f"item {i} must have town, size and source"
        if not _number(camp["size"]) or camp["size"] < 0:
            return f"item {i} ({camp['town']}): size must be a number ≥ 0"
    if sum(c["size"] for c in value if not c.get("mongolia")) <= 0:
        return "the camps must have a positive total size"
    return None


def birth_shape(value: Any) -> str | None:
    if not isinstance(value, dict) or set(value) != {"peak", "spread"}:
        return "must be {peak: year, spread: years}"
    return positive(value["spread"]) or positive(value["peak"])


def year_range(value: Any) -> str | None:
    ok = isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)
    if not ok or not 1850 <= value[0] <= value[1] <= 1935:
        return f"must be [first year, last year] within 1850-1935, got {value!r}"
    return None


RULES: dict[str, Checker] = {
    "name": text,
    "population.held": positive,
    "population.officer_share": share,
    "population.general_share": share,
    "population.civilian_share": share,
    "population.female_share_of_civilians": share,
    "population.korean_share": share,
    "population.birth_years": year_range,
    "population.birth_year_shape": birth_shape,
    "population.capture_regions": region_shares,
    "fates.dead": count,
    "fates.missing": count,
    "fates.sent_back": count,
    "fates.to_prc": count,
    "mongolia.held": count,
    "mongolia.dead": count,
    "mongolia.return_window": date_pair,
    "capture.start": date,
    "capture.end": date,
    "capture.arrival_start": date,
    "capture.arrival_end": date,
    "capture.unit_size": positive,
    "deaths.first_winter_share": share,
    "deaths.first_winter": date_pair,
    "deaths.first_winter_months": weights,
    "deaths.later_half_life_months": positive,
    "deaths.last_date": date,
    "transfers.extra_stays_per_year": positive,
    "transfers.max_stays": positive,
    "repatriation.by_year": year_map(count),
    "repatriation.season": year_map(date_pair),
    "repatriation.late_groups": late_groups,
    "repatriation.hakodate_share": year_map(share),
    "repatriation.ships.maizuru": year_map(names),
    "repatriation.ships.hakodate": year_map(names),
    "repatriation.ship_capacity": positive,
    "repatriation.sent_back_window": date_pair,
    "repatriation.prc_date": date,
    "archives.soviet_cards.coverage": share,
    "archives.soviet_cards.coverage_died_before_registration": share,
    "archives.soviet_cards.registration_start": date,
    "archives.soviet_cards.duplicate_share": share,
    "archives.soviet_cards.age_stated_share": share,
    "archives.soviet_deaths.coverage_first_winter": share,
    "archives.soviet_deaths.coverage_later": share,
    "archives.mhlw_deaths.coverage_of_register": share,
    "archives.mhlw_deaths.duplicate_share": share,
    "archives.mhlw_deaths.identified_share": share,
    "archives.maizuru_landings.coverage": share,
    "archives.maizuru_landings.reading_share": share,
    "archives.unit_rosters.coverage_military": share,
    "archives.unit_rosters.coverage_civilian": share,
    "archives.inquiries.dead": share,
    "archives.inquiries.missing": share,
    "archives.inquiries.sent_back": share,
    "archives.inquiries.to_prc": share,
    "archives.inquiries.returned": share,
    "camps": camps,
}
ENCODED = (
    "soviet_cards",
    "soviet_deaths",
    "mhlw_deaths",
    "maizuru_landings",
    "unit_rosters",
    "inquiries",
)


def _lookup(raw: dict[str, Any], path: str) -> tuple[bool, Any]:
    node: Any = raw
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _figure_source(path: str, value: Any) -> str | None:
    if isinstance(value, dict) and "value" in value and not isinstance(value.get("source"), str):
        return f"{path}.source: a figure must say where it comes from"
    return None


def _consistency(raw: dict[str, Any]) -> list[str]:
    held = _unwrap(raw["population"]["held"])
    fates = {k: _unwrap(v) for k, v in raw["fates"].items()}
    problems = []
    if sum(fates.values()) >= held:
        problems.append(
            f"fates: dead + missing + sent_back + to_prc ({sum(fates.values()):,}) "
            f"must be below population.held ({held:,})"
        )
    if _unwrap(raw["mongolia"]["dead"]) > min(_unwrap(raw["mongolia"]["held"]), fates["dead"]):
        problems.append("mongolia.dead: must not exceed mongolia.held nor fates.dead")
    years = set(_unwrap(raw["repatriation"]["by_year"]))
    if lacking := sorted(years - set(raw["repatriation"]["season"])):
        problems.append(
            f"repatriation.season: needs a season for each year of "
            f"repatriation.by_year, missing {lacking}"
        )
    if len(raw["deaths"]["first_winter_months"]) != 9:
        problems.append("deaths.first_winter_months: must give 9 weights, September to May")
    return problems


def check_scenario(raw: dict[str, Any]) -> list[str]:
    """Every problem of a merged scenario as ``key: problem``."""
    problems = []
    for path, checker in RULES.items():
        found, value = _lookup(raw, path)
        problem = checker(value) if found else "missing"
        if problem:
            problems.append(f"{path}: {problem}")
        elif source_problem := _figure_source(path, value):
            problems.append(source_problem)
    for archive in ENCODED:
        found, value = _lookup(raw, f"archives.{archive}.encoding")
        if found and (problem := encoding(value)):
            problems.append(f"archives.{archive}.encoding: {problem}")
    return problems or _consistency(raw)
