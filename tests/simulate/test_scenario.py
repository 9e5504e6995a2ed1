"""Scenarios: the shipped ones load, and a bad file gets an error naming each bad key."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yokuryu.simulate import ScenarioError, available_scenarios, load_scenario
from yokuryu.simulate.scenario import merge


def test_the_three_shipped_scenarios() -> None:
    assert available_scenarios() == ["mhlw", "nimmo", "soviet-records"]
    dead = {name: load_scenario(name).value("fates.dead") for name in available_scenarios()}
    assert dead == {"mhlw": 55000, "nimmo": 254000, "soviet-records": 60000}
    assert load_scenario("nimmo").value("fates.missing") == 93000
    assert load_scenario("mhlw").value("population.held") == 575000


def test_every_figure_cites_a_source() -> None:
    for name in available_scenarios():
        scenario = load_scenario(name)
        for path in (
            "population.held",
            "fates.dead",
            "fates.missing",
            "mongolia.held",
            "deaths.first_winter_share",
            "repatriation.by_year",
        ):
            assert scenario.source(path), (name, path)
        assert all(camp["source"] for camp in scenario.get("camps"))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nfates:\n  deadd: 4\n", "fates.deadd: unknown key (did you mean 'dead'?)"),
        ("name: x\nfates:\n  dead: -3\n", "fates.dead: must be a whole number ≥ 0, got -3"),
        (
            "name: x\ndeaths:\n  first_winter_share: 1.4\n",
            "deaths.first_winter_share: must be a share between 0 and 1, got 1.4",
        ),
        ("name: x\nfates:\n  dead: 600000\n", "must be below population.held"),
        ("name: x\ncapture:\n  start: 1945-13-01\n", "month must be in 1..12"),
        ("name: x\ncapture:\n  start: '13.08.1945'\n", "capture.start: must be a date"),
        (
            "name: x\narchives:\n  soviet_cards:\n    encoding: klingon\n",
            "archives.soviet_cards.encoding: unknown encoding 'klingon'",
        ),
        (
            "name: x\nrepatriation:\n  by_year:\n    value: {1947: 10, 1951: 5}\n",
            "repatriation.season: needs a season for each year",
        ),
        ("name: x\nextends: other\n", "only 'base' can be extended"),
        ("- just\n- a list\n", "must be a mapping"),
        ("name: [unclosed\n", "not valid YAML"),
    ],
    ids=[
        "unknown key",
        "negative count",
        "share above one",
        "more dead than held",
        "impossible date",
        "not iso date",
        "unknown encoding",
        "year without season",
        "wrong base",
        "not a mapping",
        "broken yaml",
    ],
)
def test_bad_scenario_file_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_write(tmp_path, text))
    assert message in str(caught.value)
    assert "mine.yaml" in str(caught.value)


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    text = "name: x\nfates:\n  dead: -1\n  missing: abc\npopulation:\n  korean_share: 2\n"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_write(tmp_path, text))
    for key in ("fates.dead", "fates.missing", "population.korean_share"):
        assert key in str(caught.value)


def test_unknown_scenario_name_lists_the_known_ones() -> None:
    with pytest.raises(ScenarioError, match="use one of mhlw, nimmo, soviet-records"):
        load_scenario("gulag")


def test_an_override_file_changes_only_its_keys(tmp_path: Path) -> None:
    scenario = load_scenario(
        _write(tmp_path, "name: mine\nfates:\n  dead:\n    value: 70000\n    source: my estimate\n")
    )
    assert scenario.figure("fates.dead").value == 70000
    assert scenario.figure("fates.dead").source == "my estimate"
    assert scenario.value("fates.sent_back") == load_scenario("mhlw").value("fates.sent_back")


SCALARS = st.one_of(st.integers(), st.floats(allow_nan=False), st.text(max_size=5))
TREES = st.recursive(
    SCALARS, lambda inner: st.dictionaries(st.text(max_size=3), inner, max_size=4), max_leaves=12
)


@given(
    st.dictionaries(st.text(max_size=3), TREES, max_size=4),
    st.dictionaries(st.text(max_size=3), TREES, max_size=4),
)
def test_merge_keeps_base_keys_and_lets_overrides_win(base: dict, override: dict) -> None:
    merged = merge(base, override)
    assert set(merged) == set(base) | set(override)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            assert merged[key] == merge(base[key], value)
        else:
            assert merged[key] == value
    assert merge(base, {}) == base
