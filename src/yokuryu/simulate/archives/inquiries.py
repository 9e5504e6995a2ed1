"""Family inquiries and memoir mentions: a name in romaji or kana, few fields, vague dates.

Families asked after the dead and the missing far more than after men who came home
(the Japanese Red Cross and MHLW inquiry files; the 尋ね人 radio lists) — the shares per
fate are scenario settings.
"""

from __future__ import annotations

import numpy as np

from yokuryu.simulate.archives.base import (
    ArchiveTable,
    blank,
    lookup,
    prefecture_names,
    serial_refs,
)
from yokuryu.simulate.fates import FATE_NAMES
from yokuryu.simulate.noise import record_mask
from yokuryu.simulate.spelling import ROMAJI_STYLES
from yokuryu.simulate.timeline import months_of, rng, years_of
from yokuryu.simulate.world import World

CITATION = "Simulated: family inquiries (尋ね人) and memoir mentions"
RELATIONS = ("son", "daughter", "wife", "brother", "sister", "nephew", "comrade (memoir)")
SEASONS = ("winter", "spring", "summer", "autumn")


def _rows(gen: np.random.Generator, world: World) -> np.ndarray:
    shares = world.scenario.get("archives.inquiries")
    share = np.array([shares[name] for name in FATE_NAMES])[world.fates.fate]
    return np.flatnonzero(gen.random(world.size) < share)


def _name(gen: np.random.Generator, world: World, person: np.ndarray) -> np.ndarray:
    names = world.names
    style = np.where(
        record_mask(gen, world.noise.romaji_error, person.size),
        gen.integers(1, len(ROMAJI_STYLES), person.size),
        0,
    )
    family = names.surnames.romaji[names.family[person], style]
    given = names.given_names.romaji[names.given[person], style]
    kana = (
        names.surnames.hiragana[names.family[person]]
        + " "
        + names.given_names.hiragana[names.given[person]]
    )
    in_kana = gen.random(person.size) < 0.3
    return np.where(in_kana, kana, family + " " + given)


def _vague_when(gen: np.random.Generator, world: World, person: np.ndarray) -> np.ndarray:
    """'winter 1945', 'letter of 1947', or a camp town — what a family last heard."""
    last = world.paths.leave[person]
    season = lookup(SEASONS, (months_of(last) % 12) // 3)
    town = lookup(world.camps.town_en, world.paths.first_camp[person])
    year = years_of(last).astype(str).astype(object)
    choice = gen.integers(0, 3, person.size)
    return np.select(
        [choice == 0, choice == 1],
        [season + " " + year, "letter of " + year],
        "last seen at " + town,
    )


def inquiries(world: World) -> ArchiveTable:
    gen = rng(world.seed, "archives", 6)
    person = _rows(gen, world)
    person = person[gen.permutation(person.size)]
    birth_year = years_of(world.people.birth[person]).astype(str).astype(object)
    vague = gen.random(person.size) < 0.3
    columns = {
        "inquiry_no": serial_refs("INQ-", person.size, 6),
        "name": _name(gen, world, person),
        "born": blank(gen, world.noise, np.where(vague, "c. " + birth_year, birth_year), 0.2),
        "home": blank(gen, world.noise, prefecture_names(world.people.prefecture[person]), 0.2),
        "last_heard": _vague_when(gen, world, person),
        "relation": lookup(RELATIONS, gen.integers(0, len(RELATIONS), person.size)),
    }
    mapping = {
        "inquiry_no": "ref",
        "name": "full_name",
        "born": "birth_year",
        "home": "prefecture",
        "last_heard": "notes",
    }
    return ArchiveTable(
        name="inquiries",
        kind="inquiry",
        language="en",
        encoding=str(world.scenario.get("archives.inquiries.encoding")),
        citation=CITATION,
        columns=columns,
        mapping=mapping,
        person=person,
        name_columns=("name",),
        description="Family inquiries and memoir mentions (romaji or kana, vague dates)",
    )
