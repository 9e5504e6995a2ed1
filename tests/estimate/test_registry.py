"""The registry path: inclusion patterns of linked persons, scoping, strata, storage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yokuryu.estimate.errors import BadTable, LinkageSamplesMissing
from yokuryu.estimate.lcmcr import LcmcrSettings
from yokuryu.estimate.pipeline import RegistryQuery, estimate_registry
from yokuryu.estimate.registry import camp_regions, linked_records, registry_strata
from yokuryu.estimate.run import RunSettings
from yokuryu.estimate.samples import write_sample
from yokuryu.store import open_existing

from .registry_data import RUN, Rec, insert_persons, persons_from_counts

LISTS = ["soviet_deaths", "rosters", "cards"]
# The spina bifida counts, as deaths in 1946 (d1, d2, d3 → the three death lists).
COUNTS_1946 = {
    (1, 0, 0): 60, (0, 1, 0): 49, (1, 1, 0): 4, (0, 0, 1): 247,
    (1, 0, 1): 112, (0, 1, 1): 142, (1, 1, 1): 12,
}  # fmt: skip
COUNTS_1947 = {(1, 0, 0): 5, (0, 1, 0): 4, (1, 1, 0): 3}  # only two lists hold anyone
QUICK = RunSettings(
    estimators=("lcmcr", "dga", "loglinear"),
    lcmcr=LcmcrSettings(burnin=300, samples=100, thinning=2, chains=2),
)


def _population() -> dict[str, list[Rec]]:
    persons = persons_from_counts(LISTS, COUNTS_1946, "1946-02-10", "a")
    persons |= persons_from_counts(LISTS, COUNTS_1947, "1947-05-01", "b")
    # Out of scope for deaths: a missing person with no camp, a man who came home alive.
    persons["missing-only"] = [Rec("missing", "1946-01-01")]
    persons["came-home"] = [Rec("landings", None, "Тайшет")]
    # In scope: a card that records a death; the same person is also on the MHLW list,
    # which counts with the Soviet register it was copied from.
    persons["card-and-mhlw"] = [Rec("cards", "1946-03-01"), Rec("mhlw_deaths", "1946-03-01")]
    # A card closed "умер" (reason in notes), dated only by its closing: a 1946 death.
    persons["card-closed-died"] = [Rec("cards", None, "№ 7", "умер", "1946-04-02")]
    # A card closed on transfer is no death.
    persons["card-transferred"] = [Rec("cards", None, "№ 7", "переведен", "1946-04-02")]
    return persons


@pytest.fixture
def linked(archive: Path) -> tuple[Path, dict[int, str]]:
    conn = open_existing(archive)
    return archive, insert_persons(conn, _population())


def test_inclusion_patterns_are_read_per_stratum(linked) -> None:  # type: ignore[no-untyped-def]
    archive, _ = linked
    run = estimate_registry(
        open_existing(archive), archive, RegistryQuery("deaths", "period"), QUICK
    )
    by_name = {s.stratum: s for s in run.strata}
    assert set(by_name) == {"1946", "1947"}
    s1946 = by_name["1946"]
    # 626 from the table + two card deaths; the out-of-scope three are not counted.
    assert s1946.observed_n == 628
    assert s1946.lists == ("cards", "mhlw_deaths + soviet_deaths", "rosters")
    assert any("count as one list" in n for n in s1946.notes)
    dga = next(e for e in s1946.estimates if e.estimator == "dga")
    assert 690 <= dga.median <= 780
    assert {e.estimator for e in s1946.estimates} == {"lcmcr", "dga", "loglinear_aic"}


def test_a_stratum_with_two_lists_is_refused_with_the_reason(linked) -> None:  # type: ignore[no-untyped-def]
    archive, _ = linked
    run = estimate_registry(
        open_existing(archive), archive, RegistryQuery("deaths", "period"), QUICK
    )
    s1947 = next(s for s in run.strata if s.stratum == "1947")
    assert s1947.estimates == []
    assert s1947.refused is not None and "Only 2 list(s)" in s1947.refused
    assert any("cards hold no one in this stratum" in n for n in s1947.notes)
    assert run.total is not None
    assert run.total.observed_n == 628 + 12
    assert any("refused" in n for n in run.total.notes)


def test_estimates_are_stored_with_the_link_run(linked) -> None:  # type: ignore[no-untyped-def]
    archive, _ = linked
    conn = open_existing(archive)
    run = estimate_registry(conn, archive, RegistryQuery("deaths", "period"), QUICK)
    rows = conn.execute(
        "SELECT stratum, estimator, link_run_id, median, lower, upper, diagnostics_json "
        "FROM estimate WHERE estimate_run = ?",
        (run.run_id,),
    ).fetchall()
    assert run.stored_rows == len(rows) == 3 + 1 + 3  # 1946, refused 1947, total
    for row in rows:
        assert row["link_run_id"] == RUN
        if row["estimator"] != "refused":
            assert row["lower"] <= row["median"] <= row["upper"]
    refused = next(r for r in rows if r["estimator"] == "refused")
    assert "Only 2 list(s)" in json.loads(refused["diagnostics_json"])["refused"]


def test_held_counts_a_landing_that_names_a_camp(linked) -> None:  # type: ignore[no-untyped-def]
    archive, _ = linked
    query = RegistryQuery("held", "all", store=False)
    run = estimate_registry(open_existing(archive), archive, query, QUICK)
    # A roster counts for held only when it names a camp (these do not): the 49 + 4
    # persons on the rosters alone are out.
    assert run.strata[0].observed_n == (626 - 49) + (12 - 4) + 4
    assert "landings" in run.strata[0].lists


def test_period_strata_for_held_are_refused(linked) -> None:  # type: ignore[no-untyped-def]
    archive, _ = linked
    with pytest.raises(BadTable, match="--by period stratifies deaths"):
        estimate_registry(open_existing(archive), archive, RegistryQuery("held", "period"), QUICK)


def test_linkage_samples_are_pooled_and_their_share_reported(linked) -> None:  # type: ignore[no-untyped-def]
    archive, truth = linked
    folder = archive / "runs" / RUN / "samples"
    write_sample(folder / "sample-0001.parquet", truth)
    # Sample 2 misses links: every third record is a person of its own.
    split = {r: p for r, p in truth.items()}
    for i, record in enumerate(sorted(truth)):
        if i % 3 == 0:
            split[record] = f"split-{record}"
    write_sample(folder / "sample-0002.parquet", split)
    query = RegistryQuery("deaths", "all", linkage_samples=True, store=False)
    settings = RunSettings(estimators=("dga", "loglinear"))
    run = estimate_registry(open_existing(archive), archive, query, settings)
    assert run.linkage_samples == 2
    dga = next(e for e in run.strata[0].estimates if e.estimator == "dga")
    low, high = dga.diagnostics["observed_n_range"]
    assert low == 628 + 12 and high > low
    assert dga.diagnostics["linkage_share_of_variance"] > 0.5
    assert dga.diagnostics["interval_width_pooled"] > dga.diagnostics["interval_width_within_mean"]


def test_missing_samples_are_a_clear_error(linked) -> None:  # type: ignore[no-untyped-def]
    archive, _ = linked
    query = RegistryQuery("deaths", "all", linkage_samples=True)
    with pytest.raises(LinkageSamplesMissing, match="yokuryu link --samples"):
        estimate_registry(open_existing(archive), archive, query, QUICK)


def test_every_record_is_read_for_an_assignment_made_elsewhere(linked) -> None:  # type: ignore[no-untyped-def]
    archive, truth = linked
    conn = open_existing(archive)
    facts, assignment = linked_records(conn, None)
    assert assignment == {}
    assert sorted(f.record_id for f in facts) == sorted(truth)
    strata = registry_strata(facts, truth, "deaths", "all", {})
    assert strata[0].observed_n == 628 + 12


def test_region_strata_come_from_the_gazetteer(archive: Path) -> None:
    persons = {}
    for camp, prefix in (("Тайшет", "t"), ("лагерь № 7", "n"), ("Караганда", "k")):
        for p in persons_from_counts(
            LISTS, COUNTS_1947 | {(1, 1, 1): 2, (0, 0, 1): 3}, "1946", prefix
        ).values():
            persons[f"{prefix}{len(persons)}"] = [Rec(r.source, r.death_date, camp) for r in p]
    conn = open_existing(archive)
    insert_persons(conn, persons)
    facts, assignment = linked_records(conn, RUN)
    regions = camp_regions(conn, facts)
    assert regions["Тайшет"] == regions["лагерь № 7"] == "Irkutsk Oblast"
    strata = registry_strata(facts, assignment, "deaths", "region", regions)
    assert {s.name: s.observed_n for s in strata} == {"Irkutsk Oblast": 34, "Karaganda Oblast": 17}


def test_a_copied_list_counts_with_its_original_unless_kept_apart(linked) -> None:  # type: ignore[no-untyped-def]
    archive, _ = linked
    conn = open_existing(archive)
    dga_only = RunSettings(estimators=("dga",))
    merged = estimate_registry(conn, archive, RegistryQuery("deaths", "all"), dga_only)
    apart = estimate_registry(
        conn, archive, RegistryQuery("deaths", "all", merge_copies=False), dga_only
    )
    assert merged.strata[0].lists == ("cards", "mhlw_deaths + soviet_deaths", "rosters")
    assert apart.strata[0].lists == ("cards", "mhlw_deaths", "rosters", "soviet_deaths")
    assert merged.strata[0].observed_n == apart.strata[0].observed_n
