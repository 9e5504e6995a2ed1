"""The truth of a run, as Parquet: every person with their path and fate, every camp stay,
and every archive row → the person behind it (with the reason if malformed on purpose)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from yokuryu.simulate import tables
from yokuryu.simulate.archives.base import (
    lookup,
    prefecture_names,
    rank_ja,
    unit_names,
)
from yokuryu.simulate.fates import FATE_NAMES
from yokuryu.simulate.repatriation import PORTS
from yokuryu.simulate.timeline import as_datetime64
from yokuryu.simulate.world import World
from yokuryu.simulate.writer import Written


def _dates(days: np.ndarray) -> pa.Array:
    return pa.array(as_datetime64(days), type=pa.date32(), mask=days <= 0)


def _text(values: np.ndarray) -> pa.Array:
    return pa.array(values.astype(str), type=pa.string())


def _names(world: World) -> dict[str, pa.Array]:
    names = world.names
    return {
        "family_kanji": _text(names.surnames.kanji[names.family, 0]),
        "family_kana": _text(names.surnames.hiragana[names.family]),
        "given_kanji": _text(names.given_names.kanji[names.given, 0]),
        "given_kana": _text(names.given_names.hiragana[names.given]),
        "father_kanji": _text(names.given_names.kanji[names.father, 0]),
        "father_kana": _text(names.given_names.hiragana[names.father]),
    }


def persons_table(world: World) -> pa.Table:
    p, f, home, paths, camps = world.people, world.fates, world.home, world.paths, world.camps
    n_stays = np.bincount(paths.stays.person, minlength=world.size)
    dead = paths.death_camp >= 0
    return pa.table(
        {
            "person_id": pa.array(np.arange(1, world.size + 1), type=pa.int64()),
            **_names(world),
            "sex": _text(np.where(p.female, "F", "M")),
            "korean": pa.array(p.korean),
            "civilian": pa.array(p.civilian),
            "birth_date": _dates(p.birth),
            "prefecture": _text(prefecture_names(p.prefecture)),
            "rank": _text(rank_ja(p.rank)),
            "unit": _text(unit_names(p.unit, "ja")),
            "capture_region": _text(lookup(tables.REGIONS, p.region)),
            "capture_place": _text(
                lookup(tuple(c.en for c in tables.CAPTURE_PLACES), p.capture_place)
            ),
            "capture_date": _dates(p.capture_date),
            "battalion": pa.array(paths.battalion),
            "first_camp": _text(lookup(camps.town_en, paths.first_camp)),
            "arrival_date": _dates(paths.arrival),
            "stays": pa.array(n_stays),
            "mongolia": pa.array(f.mongolia),
            "convicted": pa.array(f.convicted),
            "fate": _text(lookup(FATE_NAMES, f.fate)),
            "fate_date": _dates(np.where(f.event > 0, f.event, home.landing)),
            "death_camp": _text(
                np.where(dead, lookup(camps.town_en, np.maximum(paths.death_camp, 0)), "")
            ),
            "grave_no": pa.array(np.where(dead, paths.grave, 0)),
            "left_camps": _dates(paths.leave),
            "repatriation_date": _dates(home.landing),
            "ship": _text(
                np.where(home.ship >= 0, lookup(home.ships, np.maximum(home.ship, 0)), "")
            ),
            "port": _text(np.where(home.port >= 0, lookup(PORTS, np.maximum(home.port, 0)), "")),
        }
    )


def stays_table(world: World) -> pa.Table:
    stays, camps = world.paths.stays, world.camps
    return pa.table(
        {
            "person_id": pa.array(stays.person + 1, type=pa.int64()),
            "camp_number": _text(lookup(camps.number, stays.camp)),
            "camp_town": _text(lookup(camps.town_en, stays.camp)),
            "start": _dates(stays.start),
            "end": _dates(stays.end),
        }
    )


def records_table(written: list[Written], sources: list[str]) -> pa.Table:
    parts = []
    for item, source in zip(written, sources, strict=True):
        rows = item.table.rows
        parts.append(
            pa.table(
                {
                    "source": pa.array([source] * rows, type=pa.string()),
                    "file": pa.array([item.file_name] * rows, type=pa.string()),
                    "kind": pa.array([item.table.kind] * rows, type=pa.string()),
                    # The file's line number, header = 1, as the registry counts rows.
                    "row_number": pa.array(np.arange(2, rows + 2), type=pa.int64()),
                    "ref": _text(item.refs),
                    "person_id": pa.array(item.table.person + 1, type=pa.int64()),
                    "malformed": _text(item.reasons),
                }
            )
        )
    return pa.concat_tables(parts)


def write_truth(world: World, written: list[Written], sources: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(persons_table(world), folder / "persons.parquet")
    pq.write_table(stays_table(world), folder / "stays.parquet")
    pq.write_table(records_table(written, sources), folder / "records.parquet")
