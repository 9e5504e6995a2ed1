"""Japanese archives: the MHLW death list (katakana made from the Soviet register), the
Maizuru landing records, and the unit rosters / missing-persons lists.

Sources: MHLW death lists (katakana converted from Russian, often misread; birth year,
date and place of death, burial place, rank; kanji name and prefecture once identified);
repatriation certificates and landing papers (port, date, ship, status); Kyodo 2014 on
prefectures — see docs/simulate.md.
"""

from __future__ import annotations

import numpy as np

from yokuryu.simulate.archives.base import (
    ArchiveTable,
    blank,
    kanji_choice,
    lookup,
    prefecture_names,
    rank_ja,
    serial_refs,
    swap_merge,
    unit_names,
)
from yokuryu.simulate.archives.soviet import DeathRegister
from yokuryu.simulate.datefmt import fmt, fmt_mixed
from yokuryu.simulate.fates import DEAD, MISSING, RETURNED, SENT_BACK, TO_PRC
from yokuryu.simulate.noise import lose_length, record_mask
from yokuryu.simulate.repatriation import MAIZURU, PORTS
from yokuryu.simulate.spelling import back_to_katakana
from yokuryu.simulate.timeline import day, rng
from yokuryu.simulate.world import World

SPACE = "\u3000"  # the full-width space Japanese lists put between family and given name
MHLW_CITATION = (
    "Simulated: 旧ソ連邦及びモンゴル抑留中死亡者名簿 (MHLW death list), katakana "
    "converted from the Soviet register; kanji and prefecture for identified men"
)
LANDING_CITATION = "Simulated: 舞鶴地方引揚援護局 上陸者名簿 (Maizuru landing records)"
ROSTER_CITATION = "Simulated: 留守名簿・未帰還者名簿 (unit rosters and missing-persons lists)"


def _katakana_of(written: np.ndarray, lose: np.ndarray) -> np.ndarray:
    """The ministry's katakana for each written Cyrillic string (per distinct string)."""
    unique, inverse = np.unique(written.astype(str), return_inverse=True)
    kata = np.array([back_to_katakana(w) if w else "" for w in unique], dtype=object)
    short = np.array([lose_length(k) for k in kata], dtype=object)
    return np.where(lose, short[inverse], kata[inverse])


ERA_YEAR_SHARE = 0.3  # 大正10年 rather than 1921


def _japanese_years(gen: np.random.Generator, years: np.ndarray) -> np.ndarray:
    """Birth years as the ministry's lists give them: 1921 or the era year 大正10年."""
    mid_year = np.array([day(f"{y}-07-01") for y in range(1850, 1960)])[years - 1850]
    era = fmt(mid_year, "ja_era_year")
    return np.where(gen.random(years.size) < ERA_YEAR_SHARE, era, years.astype(str).astype(object))


def _mhlw_rows(gen: np.random.Generator, world: World, register: DeathRegister) -> np.ndarray:
    """Rows of the register that reached the ministry's list, with some entered twice."""
    cfg = world.scenario.get("archives.mhlw_deaths")
    rows = np.flatnonzero(record_mask(gen, cfg["coverage_of_register"], register.table.rows))
    twice = rows[record_mask(gen, cfg["duplicate_share"], rows.size)]
    rows = np.concatenate([rows, twice])
    return rows[np.argsort(gen.random(rows.size), kind="stable")]


def _kanji_full(world: World, person: np.ndarray, gen: np.random.Generator) -> np.ndarray:
    names, level = world.names, world.noise
    family = names.surnames.kanji[names.family[person], kanji_choice(gen, level, person.size)]
    given = names.given_names.kanji[names.given[person], kanji_choice(gen, level, person.size)]
    return family.astype(object) + SPACE + given.astype(object)


def mhlw_deaths(world: World, register: DeathRegister) -> ArchiveTable:
    """The ministry's death list, made from the Soviet register rows it received."""
    gen = rng(world.seed, "archives", 3)
    rows = _mhlw_rows(gen, world, register)
    src = register.table.columns
    person = register.table.person[rows]
    lose = record_mask(gen, world.noise.kana_lost_length, rows.size)
    family = _katakana_of(src["Фамилия"][rows], lose)
    given = _katakana_of(src["Имя"][rows], lose)
    identified = record_mask(
        gen, world.scenario.get("archives.mhlw_deaths.identified_share"), rows.size
    )
    camp = world.paths.death_camp[person]
    town = lookup(world.camps.town_ja, camp)
    death = world.fates.event[person]
    birth = register.birth_year[rows]
    columns = {
        "整理番号": serial_refs("S", rows.size, 6),
        "氏名（カナ）": np.where(given == "", family, family + SPACE + given),
        "漢字氏名": np.where(identified, _kanji_full(world, person, gen), ""),
        "生年": blank(gen, world.noise, _japanese_years(gen, birth)),
        "死亡年月日": fmt_mixed(death, ("ja_era", "iso"), (gen.random(rows.size) < 0.5)),
        "死亡場所": town,
        "埋葬地": town + "墓地",
        "階級": blank(gen, world.noise, rank_ja(world.people.rank[person])),
        "都道府県": np.where(identified, prefecture_names(world.people.prefecture[person]), ""),
    }
    mapping = {
        "整理番号": "ref",
        "氏名（カナ）": "name_reading",
        "漢字氏名": "full_name",
        "生年": "birth_year",
        "死亡年月日": "death_date",
        "死亡場所": "death_place",
        "埋葬地": "burial_place",
        "階級": "rank",
        "都道府県": "prefecture",
    }
    return ArchiveTable(
        name="mhlw_deaths",
        kind="mhlw_death",
        language="ja",
        encoding=str(world.scenario.get("archives.mhlw_deaths.encoding")),
        citation=MHLW_CITATION,
        columns=columns,
        mapping=mapping,
        person=person,
        required=("death_date",),
        name_columns=("氏名（カナ）", "漢字氏名"),
        date_order="ymd",
        description="MHLW death list, katakana back-converted from the Soviet register",
    )


def _kanji_parts(
    gen: np.random.Generator, world: World, person: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    names, level = world.names, world.noise
    family = names.surnames.kanji[names.family[person], kanji_choice(gen, level, person.size)]
    given = names.given_names.kanji[names.given[person], kanji_choice(gen, level, person.size)]
    return swap_merge(gen, level, family.astype(object), given.astype(object))


def _reading(world: World, person: np.ndarray) -> np.ndarray:
    names = world.names
    family = names.surnames.hiragana[names.family[person]]
    return family + SPACE + names.given_names.hiragana[names.given[person]]


def maizuru_landings(world: World) -> ArchiveTable:
    """Landing records of men who came home through Maizuru."""
    gen = rng(world.seed, "archives", 4)
    home, people = world.home, world.people
    cfg = world.scenario.get("archives.maizuru_landings")
    landed = np.flatnonzero((home.port == MAIZURU) & (home.landing > 0))
    person = landed[gen.random(landed.size) < cfg["coverage"]]
    person = person[np.lexsort((person, home.landing[person]))]
    family, given = _kanji_parts(gen, world, person)
    with_reading = record_mask(gen, cfg["reading_share"], person.size)
    columns = {
        "番号": serial_refs("M", person.size, 7),
        "氏名": np.where(given == "", family, family + SPACE + given),
        "よみ": np.where(with_reading, _reading(world, person), ""),
        "本籍": blank(gen, world.noise, prefecture_names(people.prefecture[person])),
        "所属部隊": blank(gen, world.noise, unit_names(people.unit[person], "ja"), 0.05),
        "階級": blank(gen, world.noise, rank_ja(people.rank[person])),
        "生年月日": blank(
            gen,
            world.noise,
            fmt_mixed(
                people.birth[person],
                ("ja_era", "ja_era_kanji", "ja_era_letter"),
                np.minimum((gen.random(person.size) * 3).astype(int), 2),
            ),
        ),
        "船名": lookup(home.ships, home.ship[person]),
        "上陸年月日": fmt(home.landing[person], "ja_era"),
        "上陸港": lookup(PORTS, home.port[person]),
        "出港地": np.full(person.size, "ナホトカ", dtype=object),
    }
    mapping = {
        "番号": "ref",
        "氏名": "full_name",
        "よみ": "name_reading",
        "本籍": "prefecture",
        "所属部隊": "unit",
        "階級": "rank",
        "生年月日": "birth_date",
        "船名": "ship",
        "上陸年月日": "repatriation_date",
        "上陸港": "port",
    }
    return ArchiveTable(
        name="maizuru_landings",
        kind="jp_landing",
        language="ja",
        encoding=str(cfg["encoding"]),
        citation=LANDING_CITATION,
        columns=columns,
        mapping=mapping,
        person=person,
        required=("repatriation_date",),
        name_columns=("氏名", "よみ"),
        date_order="ymd",
        description="Maizuru landing records (kanji, sometimes the reading)",
    )


ROSTER_STATUS = {
    RETURNED: ("復員",),
    DEAD: ("死亡", "未帰還"),
    MISSING: ("未帰還", "生死不明"),
    SENT_BACK: ("復員", "生死不明"),
    TO_PRC: ("中共抑留",),
}


def _status(gen: np.random.Generator, fate: np.ndarray) -> np.ndarray:
    out = np.empty(fate.size, dtype=object)
    for code, options in ROSTER_STATUS.items():
        rows = np.flatnonzero(fate == code)
        out[rows] = np.array(options, dtype=object)[gen.integers(0, len(options), rows.size)]
    return out


def unit_rosters(world: World) -> ArchiveTable:
    """Rosters kept at home (留守名簿) with each man's last known status; TSV."""
    gen = rng(world.seed, "archives", 5)
    people, cfg = world.people, world.scenario.get("archives.unit_rosters")
    coverage = np.where(people.civilian, cfg["coverage_civilian"], cfg["coverage_military"])
    person = np.flatnonzero(gen.random(people.size) < coverage)
    person = person[np.lexsort((person, people.unit[person]))]
    family, given = _kanji_parts(gen, world, person)
    columns = {
        "番号": serial_refs("R", person.size, 7),
        "氏": family,
        "名": given,
        "本籍": blank(gen, world.noise, prefecture_names(people.prefecture[person])),
        "部隊": unit_names(people.unit[person], "ja"),
        "階級": blank(gen, world.noise, rank_ja(people.rank[person])),
        "生年月日": blank(gen, world.noise, fmt(people.birth[person], "ja_era_kanji")),
        "最終状況": _status(gen, world.fates.fate[person]),
    }
    mapping = {
        "番号": "ref",
        "氏": "family_name",
        "名": "given_name",
        "本籍": "prefecture",
        "部隊": "unit",
        "階級": "rank",
        "生年月日": "birth_date",
        "最終状況": "status",
    }
    return ArchiveTable(
        name="unit_rosters",
        kind="jp_roster",
        language="ja",
        encoding=str(cfg["encoding"]),
        citation=ROSTER_CITATION,
        columns=columns,
        mapping=mapping,
        person=person,
        delimiter="\t",
        name_columns=("氏", "名"),
        date_order="ymd",
        description="Unit rosters and missing-persons lists (TSV)",
    )
