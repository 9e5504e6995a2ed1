"""Soviet archives in Russian: registration cards (a new card at each camp stay) and the
death registers with burial lists.

Sources: MHLW (2009) on the ~700,000 RGVA cards for ~575,000 people, one card per camp
move, with name, birth year, birthplace and transfer history; the personal-file
questionnaire (name, patronymic, birth year, rank, unit, when and where captured); the
1991 agreement's cemetery plans with grave numbers (naukarus) — see docs/simulate.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yokuryu.simulate import tables
from yokuryu.simulate.archives.base import (
    ArchiveTable,
    blank,
    cyrillic_choice,
    lookup,
    rank_ru,
    serial_refs,
    swap_merge,
    unit_names,
)
from yokuryu.simulate.datefmt import fmt_mixed
from yokuryu.simulate.fates import DEAD, MISSING, RETURNED, SENT_BACK, TO_PRC
from yokuryu.simulate.noise import record_mask
from yokuryu.simulate.timeline import day, rng, years_of
from yokuryu.simulate.world import World

# Clerks' date forms; a few dates were written to the month only («март 1946»).
RU_DATE_STYLES = ("ru_dotted", "ru_roman", "ru_words", "ru_month")
RU_DATE_WEIGHTS = (0.68, 0.2, 0.1, 0.02)
YEAR_WITH_G_SHARE = 0.15  # «1921 г.»
CARD_CITATION = (
    "Simulated: учётные карточки военнопленных (RGVA fond 1p), one card per "
    "camp stay; see MHLW 2009, ~700,000 cards for ~575,000 people"
)
DEATH_CITATION = (
    "Simulated: книги учёта умерших и акты о захоронении (camp death registers "
    "and burial lists), as handed to Japan under the 1991 agreement"
)


@dataclass
class CyrillicNames:
    family: np.ndarray
    given: np.ndarray
    father: np.ndarray
    family_column: np.ndarray  # spelling-table column used, so later copies can follow it
    given_column: np.ndarray


# Soviet paperwork was copied from the man's file: a new card or a death record repeats
# the spelling of his first registration this often, and is written afresh otherwise.
COPIED_SHARE = 0.6


def _first_spelling(world: World) -> np.ndarray:
    """Spelling-table columns (family, given, father) of each man's first registration."""
    gen = rng(world.seed, "archives", 0)
    return np.stack([cyrillic_choice(gen, world.noise, world.size) for _ in range(3)])


def cyrillic_names(gen: np.random.Generator, world: World, person: np.ndarray) -> CyrillicNames:
    """Names as a Soviet clerk wrote them for these records: copied from the first
    registration (COPIED_SHARE) or heard anew."""
    names, level = world.names, world.noise
    first = _first_spelling(world)[:, person]
    copied = gen.random(person.size) < COPIED_SHARE
    fam_col, giv_col, father_col = (
        np.where(copied, first[i], cyrillic_choice(gen, level, person.size)) for i in range(3)
    )
    return CyrillicNames(
        family=names.surnames.cyrillic[names.family[person], fam_col],
        given=names.given_names.cyrillic[names.given[person], giv_col],
        father=names.given_names.cyrillic[names.father[person], father_col],
        family_column=fam_col,
        given_column=giv_col,
    )


def russian_dates(gen: np.random.Generator, days: np.ndarray) -> np.ndarray:
    choice = np.searchsorted(np.cumsum(RU_DATE_WEIGHTS), gen.random(days.size) * 1.0)
    return fmt_mixed(days, RU_DATE_STYLES, np.minimum(choice, len(RU_DATE_STYLES) - 1))


def stated_birth_year(
    gen: np.random.Generator, world: World, person: np.ndarray, when: np.ndarray, share: float
) -> np.ndarray:
    """Birth year as written: often the year of writing minus the age the man stated."""
    true_year = years_of(world.people.birth[person])
    age = (when - world.people.birth[person]) // 365
    stated = years_of(when) - age - (gen.random(person.size) < 0.3)
    use_age = gen.random(person.size) < share
    return np.where(use_age, stated, true_year)


def russian_years(gen: np.random.Generator, years: np.ndarray) -> np.ndarray:
    """Years as written on Soviet forms: 1921, sometimes «1921 г.»."""
    text = years.astype(str).astype(object)
    return np.where(gen.random(years.size) < YEAR_WITH_G_SHARE, text + " г.", text)


def _nationality(world: World, person: np.ndarray) -> np.ndarray:
    people = world.people
    return np.select(
        [people.korean[person], people.female[person]], ["кореец", "японка"], "японец"
    ).astype(object)


def _card_rows(gen: np.random.Generator, world: World) -> np.ndarray:
    """Indices of the stays that got a card (plus duplicate cards), in archive order."""
    cards = world.scenario.get("archives.soviet_cards")
    stays, fates = world.paths.stays, world.fates
    early = (fates.event[stays.person] > 0) & (
        fates.event[stays.person] < day(str(cards["registration_start"]))
    )
    early &= np.isin(fates.fate[stays.person], [DEAD, MISSING])
    coverage = np.where(early, cards["coverage_died_before_registration"], cards["coverage"])
    kept = np.flatnonzero(gen.random(stays.person.size) < coverage)
    twice = kept[record_mask(gen, cards["duplicate_share"], kept.size)]
    rows = np.concatenate([kept, twice])
    return rows[np.lexsort((gen.random(rows.size), stays.start[rows], stays.camp[rows]))]


def _departure_notes(world: World, stay: np.ndarray) -> np.ndarray:
    stays, fate = world.paths.stays, world.fates.fate
    person = stays.person[stay]
    last = np.append(stays.person[1:] != stays.person[:-1], True)[stay]
    outcome = lookup(
        ("репатриирован", "умер", "выбыл", "передан в Маньчжурию/Корею", "передан КНР"),
        fate[person],
    )
    return np.where(last, outcome, "переведён").astype(object)


def soviet_cards(world: World) -> ArchiveTable:
    """Registration cards: one per camp stay (and a few duplicates), cp1251 by default."""
    gen = rng(world.seed, "archives", 1)
    stays, people = world.paths.stays, world.people
    stay = _card_rows(gen, world)
    person = stays.person[stay]
    names = cyrillic_names(gen, world, person)
    family, given = swap_merge(gen, world.noise, names.family, names.given, " ")
    share = world.scenario.get("archives.soviet_cards.age_stated_share")
    camps = world.camps
    columns = {
        "Учётный №": serial_refs("К-", stay.size, 7),
        "Фамилия": family,
        "Имя": given,
        "Отчество": blank(gen, world.noise, names.father, 0.05),
        "Год рождения": blank(
            gen,
            world.noise,
            russian_years(gen, stated_birth_year(gen, world, person, stays.start[stay], share)),
        ),
        "Национальность": _nationality(world, person),
        "Воинское звание": blank(gen, world.noise, rank_ru(people.rank[person])),
        "Часть": blank(gen, world.noise, unit_names(people.unit[person], "ru"), 0.1),
        "Место пленения": blank(
            gen,
            world.noise,
            lookup(tuple(p.ru for p in tables.CAPTURE_PLACES), people.capture_place[person]),
            0.1,
        ),
        "Дата пленения": blank(
            gen, world.noise, russian_dates(gen, people.capture_date[person]), 0.1
        ),
        "Лагерь": lookup(tuple(camps.label_ru(i) for i in range(len(camps))), stays.camp[stay]),
        "Прибыл": russian_dates(gen, stays.start[stay]),
        "Выбыл": russian_dates(gen, stays.end[stay]),
        "Причина выбытия": _departure_notes(world, stay),
    }
    mapping = {
        "Учётный №": "ref",
        "Фамилия": "family_name",
        "Имя": "given_name",
        "Отчество": "father_name",
        "Год рождения": "birth_year",
        "Воинское звание": "rank",
        "Часть": "unit",
        "Место пленения": "capture_place",
        "Дата пленения": "capture_date",
        "Лагерь": "camp",
        "Прибыл": "arrival_date",
        "Выбыл": "transfer_date",
        "Причина выбытия": "status",  # the reason for leaving is the fate: умер, репатриирован
    }
    return ArchiveTable(
        name="soviet_cards",
        kind="soviet_card",
        language="ru",
        encoding=str(world.scenario.get("archives.soviet_cards.encoding")),
        citation=CARD_CITATION,
        columns=columns,
        mapping=mapping,
        person=person,
        name_columns=("Фамилия", "Имя", "Отчество"),
        description="Soviet registration cards (учётные карточки), one per camp stay",
    )


def register_rows(gen: np.random.Generator, world: World) -> np.ndarray:
    """People whose death the Soviet register recorded, in register order."""
    deaths = world.scenario.get("archives.soviet_deaths")
    fates = world.fates
    dead = np.flatnonzero(fates.fate == DEAD)
    winter_end = day(str(world.scenario.get("deaths.first_winter")[1]))
    coverage = np.where(
        fates.event[dead] <= winter_end, deaths["coverage_first_winter"], deaths["coverage_later"]
    )
    kept = dead[gen.random(dead.size) < coverage]
    return kept[np.lexsort((kept, fates.event[kept], world.paths.death_camp[kept]))]


def _burial(world: World, person: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    camps = world.camps
    cemetery = tuple(
        f"кладбище лагеря {camps.label_ru(i)}, {camps.town_ru[i]}" for i in range(len(camps))
    )
    camp = world.paths.death_camp[person]
    return lookup(cemetery, camp), world.paths.grave[person].astype(str).astype(object)


@dataclass
class DeathRegister:
    table: ArchiveTable
    names: CyrillicNames
    birth_year: np.ndarray


def soviet_deaths(world: World) -> DeathRegister:
    """Death registers with burial: date and place of death, cemetery, grave number."""
    gen = rng(world.seed, "archives", 2)
    person = register_rows(gen, world)
    people, camps = world.people, world.camps
    names = cyrillic_names(gen, world, person)
    family, given = swap_merge(gen, world.noise, names.family, names.given, " ")
    camp = world.paths.death_camp[person]
    cemetery, grave = _burial(world, person)
    birth_year = stated_birth_year(gen, world, person, world.fates.event[person], 0.8)
    cause = lookup(
        tables.DEATH_CAUSES_RU, gen.integers(0, len(tables.DEATH_CAUSES_RU), size=person.size)
    )
    columns = {
        "№ п/п": serial_refs("У-", person.size, 6),
        "Фамилия": family,
        "Имя": given,
        "Отчество": blank(gen, world.noise, names.father, 0.2),
        "Год рождения": blank(gen, world.noise, russian_years(gen, birth_year)),
        "Звание": blank(gen, world.noise, rank_ru(people.rank[person])),
        "Лагерь": lookup(tuple(camps.label_ru(i) for i in range(len(camps))), camp),
        "Место смерти": lookup(camps.town_ru, camp),
        "Дата смерти": russian_dates(gen, world.fates.event[person]),
        "Причина смерти": blank(gen, world.noise, cause, 0.1),
        "Место захоронения": cemetery,
        "№ могилы": blank(gen, world.noise, grave, 0.05),
    }
    mapping = {
        "№ п/п": "ref",
        "Фамилия": "family_name",
        "Имя": "given_name",
        "Отчество": "father_name",
        "Год рождения": "birth_year",
        "Звание": "rank",
        "Лагерь": "camp",
        "Место смерти": "death_place",
        "Дата смерти": "death_date",
        "Место захоронения": "burial_place",
        "№ могилы": "grave_no",
        "Причина смерти": "notes",
    }
    table = ArchiveTable(
        name="soviet_deaths",
        kind="soviet_death",
        language="ru",
        encoding=str(world.scenario.get("archives.soviet_deaths.encoding")),
        citation=DEATH_CITATION,
        columns=columns,
        mapping=mapping,
        person=person,
        required=("death_date",),
        name_columns=("Фамилия", "Имя", "Отчество"),
        description="Soviet death registers and burial lists",
    )
    return DeathRegister(table, names, birth_year)


__all__ = ["RETURNED", "SENT_BACK", "TO_PRC", "DeathRegister", "soviet_cards", "soviet_deaths"]
