"""The simulated world: people, their names, fates, homecomings and camp paths, drawn in
a fixed order from named random streams, so the same inputs give the same world."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yokuryu.simulate.camps import Camps, load_camps
from yokuryu.simulate.fates import Fates, assign_fates
from yokuryu.simulate.namebank import NameBank, load_namebank
from yokuryu.simulate.noise import NoiseLevel
from yokuryu.simulate.people import People, make_people
from yokuryu.simulate.repatriation import Homecoming, send_home
from yokuryu.simulate.scenario import Scenario
from yokuryu.simulate.spelling import Spellings, build_spellings
from yokuryu.simulate.stays import Paths, make_paths
from yokuryu.simulate.timeline import rng


@dataclass
class Names:
    """Each person's names as rows of two spelling tables (surnames, given names)."""

    family: np.ndarray
    given: np.ndarray
    father: np.ndarray
    surnames: Spellings
    given_names: Spellings


@dataclass
class World:
    scenario: Scenario
    seed: int
    noise: NoiseLevel
    people: People
    names: Names
    fates: Fates
    home: Homecoming
    camps: Camps
    paths: Paths

    @property
    def size(self) -> int:
        return self.people.size


def _compact(indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    used, compact = np.unique(indices, return_inverse=True)
    return used, compact.reshape(indices.shape)


def draw_names(bank: NameBank, people: People, seed: int) -> Names:
    """Family, given and father's given names; spelling tables for the names in use."""
    gen = rng(seed, "names")
    n = people.size
    family = bank.surnames.draw(gen, n)
    men = bank.men.draw(gen, n)
    women = bank.women.draw(gen, n) + len(bank.men)
    given = np.where(people.female, women, men)
    father = bank.men.draw(gen, n)
    kanji = bank.men.kanji + bank.women.kanji
    kana = bank.men.kana + bank.women.kana
    used_family, family = _compact(family)
    used_given, both = _compact(np.stack([given, father]))
    spell_gen = rng(seed, "noise")
    return Names(
        family=family,
        given=both[0],
        father=both[1],
        surnames=build_spellings(
            [bank.surnames.kanji[i] for i in used_family],
            [bank.surnames.kana[i] for i in used_family],
            spell_gen,
        ),
        given_names=build_spellings(
            [kanji[i] for i in used_given], [kana[i] for i in used_given], spell_gen
        ),
    )


def build_world(scenario: Scenario, n: int, seed: int, noise: NoiseLevel) -> World:
    """Everything about every person; the archives are written from it."""
    people = make_people(scenario, n, seed)
    fates = assign_fates(scenario, people, seed)
    home = send_home(scenario, fates, seed)
    camps = load_camps(scenario)
    paths = make_paths(scenario, people, fates, home, camps, seed)
    names = draw_names(load_namebank(), people, seed)
    return World(scenario, seed, noise, people, names, fates, home, camps, paths)
