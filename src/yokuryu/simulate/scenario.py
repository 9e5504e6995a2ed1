"""Scenarios: editable YAML files of assumptions, validated with errors that name the key.

A scenario file extends ``base.yaml`` (shipped beside it) and overrides the keys it
changes. The base file is the schema: a key that is not in it is unknown. Every problem
in a file is collected and reported together, each as ``key: problem``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from yokuryu.errors import YokuryuError

SCENARIO_PACKAGE = "yokuryu.simulate.scenarios"
# Maps whose keys are free (years, names), so they are not checked against base.yaml.
FREE_MAPS = (
    "repatriation.by_year.value",
    "repatriation.season",
    "repatriation.hakodate_share",
    "repatriation.ships.maizuru",
    "repatriation.ships.hakodate",
)


class ScenarioError(YokuryuError):
    """A scenario file cannot be used; the message lists each key and its problem."""


@dataclass(frozen=True)
class Figure:
    """A number with the published source it stands for."""

    value: float
    source: str


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: ``raw`` is the merged YAML; use the typed accessors."""

    name: str
    title: str
    description: str
    origin: str
    raw: dict[str, Any]

    def get(self, path: str) -> Any:
        node: Any = self.raw
        for part in path.split("."):
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def figure(self, path: str) -> Figure:
        node = self.get(path)
        if isinstance(node, dict):
            return Figure(float(node["value"]), str(node.get("source", "")))
        return Figure(float(node), "")

    def source(self, path: str) -> str:
        node = self.get(path)
        return str(node.get("source", "")) if isinstance(node, dict) else ""

    def value(self, path: str) -> Any:
        node = self.get(path)
        return node["value"] if isinstance(node, dict) and "value" in node else node

    def date(self, path: str) -> dt.date:
        return _as_date(self.get(path))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def available_scenarios() -> list[str]:
    """Names of the shipped scenarios (every YAML file but the base)."""
    folder = resources.files(SCENARIO_PACKAGE)
    names = [p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")]
    return sorted(n for n in names if n != "base")


def _read_yaml(text: str, origin: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:  # PyYAML raises ValueError for 1945-13-01
        raise ScenarioError(f"scenario {origin}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ScenarioError(f"scenario {origin}: must be a mapping of keys to values")
    return data


def _shipped_text(name: str) -> str:
    return resources.files(SCENARIO_PACKAGE).joinpath(f"{name}.yaml").read_text("utf-8")


def _source_text(name_or_path: str | Path) -> tuple[str, str]:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise ScenarioError(f"scenario file {candidate} does not exist")
        return candidate.read_text("utf-8"), str(candidate)
    name = str(name_or_path)
    if name not in available_scenarios():
        known = ", ".join(available_scenarios())
        raise ScenarioError(f"unknown scenario '{name}': use one of {known} or a YAML file")
    return _shipped_text(name), f"{name}.yaml"


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep merge: nested mappings merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = merge(base[key], value)
        else:
            merged[key] = value
    return merged


def _unknown_keys(node: Any, schema: Any, prefix: str, problems: list[str]) -> None:
    if not isinstance(node, dict) or not isinstance(schema, dict) or prefix in FREE_MAPS:
        return
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if key not in schema:
            close = difflib.get_close_matches(str(key), [str(k) for k in schema], n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(f"{path}: unknown key{hint}")
        else:
            _unknown_keys(value, schema[key], path, problems)


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load a shipped scenario by name, or a YAML file that extends ``base``.

    Raises:
        ScenarioError: naming every bad key and what is wrong with it.
    """
    text, origin = _source_text(name_or_path)
    data = _read_yaml(text, origin)
    base = _read_yaml(_shipped_text("base"), "base.yaml")
    if data.get("extends", "base") != "base":
        raise ScenarioError(f"scenario {origin}: extends: only 'base' can be extended")
    data.pop("extends", None)
    problems: list[str] = []
    _unknown_keys(data, base, "", problems)
    merged = merge(base, data)
    from yokuryu.simulate.validate import check_scenario

    problems += check_scenario(merged)
    if problems:
        raise ScenarioError(f"scenario {origin}: " + "; ".join(problems))
    return Scenario(
        name=str(merged["name"]),
        title=str(merged.get("title", "")),
        description=str(merged.get("description", "")).strip(),
        origin=origin,
        raw=merged,
    )
