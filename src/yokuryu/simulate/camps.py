"""The camp table of a scenario, with each camp town's Russian and Japanese names taken
from the shipped gazetteer (src/yokuryu/data/places.csv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

import numpy as np

from yokuryu.simulate.scenario import Scenario, ScenarioError


@dataclass(frozen=True)
class Camps:
    number: tuple[str, ...]  # "" when the camp number is not known
    town_en: tuple[str, ...]
    town_ru: tuple[str, ...]
    town_ja: tuple[str, ...]
    size: np.ndarray  # people placed there (real people); 0 for the Mongolia group
    officers: np.ndarray  # officers' camp (Elabuga)
    kurils: np.ndarray  # the Kuril camp takes the men captured on the Kurils
    source: tuple[str, ...]
    assumed: tuple[bool, ...]
    mongolia: int  # index of the Mongolia group

    def __len__(self) -> int:
        return len(self.number)

    def label_ru(self, i: int) -> str:
        """How a Soviet clerk names the camp: its number, else its town."""
        return f"№ {self.number[i]}" if self.number[i] else self.town_ru[i]


def _places() -> dict[str, dict[str, str]]:
    text = resources.files("yokuryu.data").joinpath("places.csv").read_text("utf-8")
    return {row["name_en"]: row for row in csv.DictReader(text.splitlines())}


def _japanese_name(place: dict[str, str]) -> str:
    """The town's Japanese name; else its Russian name in katakana, as a clerk would."""
    from yokuryu.simulate.spelling import back_to_katakana

    known = place["name_ja_if_known"].split(" / ")[0].split(" (")[0].strip()
    russian = place["name_ru"].split(" / ")[0].split(" (")[0].strip()
    return known or back_to_katakana(russian) or place["name_en"]


def load_camps(scenario: Scenario) -> Camps:
    """Camps of the scenario; raises ScenarioError naming a town missing from places.csv."""
    places = _places()
    rows = scenario.get("camps")
    missing = [c["town"] for c in rows if c["town"] not in places]
    if missing:
        raise ScenarioError(f"camps: town(s) {missing} not in the gazetteer places.csv")
    info = [places[c["town"]] for c in rows]
    mongolia = [i for i, c in enumerate(rows) if c.get("mongolia")]
    if len(mongolia) != 1:
        raise ScenarioError("camps: exactly one camp must be marked `mongolia: true`")
    return Camps(
        number=tuple(str(c["number"]) if c.get("number") is not None else "" for c in rows),
        town_en=tuple(c["town"] for c in rows),
        town_ru=tuple(p["name_ru"].split(" / ")[0].split(" (")[0] for p in info),
        town_ja=tuple(_japanese_name(p) for p in info),
        size=np.array([float(c["size"]) for c in rows]),
        officers=np.array([bool(c.get("officers")) for c in rows]),
        kurils=np.array([c.get("region") == "kurils" for c in rows]),
        source=tuple(str(c["source"]) for c in rows),
        assumed=tuple(c.get("basis") == "assumed" for c in rows),
        mongolia=mongolia[0],
    )
