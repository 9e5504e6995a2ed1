"""dga against the dga package's published and reference answers (MSE_SPEC §3.3.4)."""

from __future__ import annotations

import numpy as np
import pytest

from yokuryu.estimate.dga import DgaSettings, dga, negative_binomial_prior
from yokuryu.estimate.errors import GridTooNarrow, TooManyLists
from yokuryu.estimate.graphs import decomposable_graphs
from yokuryu.estimate.table import Table

SPINA_PRIOR = negative_binomial_prior(13.14, 55.17)


@pytest.mark.parametrize(("p", "count"), [(3, 8), (4, 61), (5, 822)])
def test_every_decomposable_graph_is_generated(p: int, count: int) -> None:
    assert len(decomposable_graphs(p)) == count


@pytest.mark.parametrize("p", [3, 4, 5])
def test_cliques_and_separators_form_a_junction_tree(p: int) -> None:
    # For a decomposable graph, Σ|C| − Σ|S| = p and there is one separator fewer than
    # cliques per connected component; both fail for a wrong separator set.
    for graph in decomposable_graphs(p):
        assert sum(map(len, graph.cliques)) - sum(map(len, graph.separators)) == p
        covered = {frozenset(e) for c in graph.cliques for e in _pairs(c)}
        assert covered == {frozenset(e) for e in graph.edges}


def _pairs(clique: tuple[int, ...]) -> list[tuple[int, int]]:
    return [(a, b) for a in clique for b in clique if a < b]


def test_spina_bifida_matches_dga_exactly(spina_bifida: Table) -> None:
    e = dga(spina_bifida, DgaSettings(delta=1, prior=SPINA_PRIOR, grid=np.arange(1, 301)))
    probabilities = [m["probability"] for m in e.diagnostics["models"][:4]]
    assert probabilities == pytest.approx([0.374, 0.310, 0.282, 0.035], abs=5e-4)
    assert e.diagnostics["models"][0]["cliques"] == "{d1,d2} {d3}"
    assert (e.lower, e.median, e.upper) == (682, 731, 797)
    assert e.diagnostics["bayes_estimate"] == pytest.approx(731.1, abs=0.05)
    assert e.diagnostics["mode"] == 728
    assert e.diagnostics["mean"] == pytest.approx(733.5, abs=0.05)
    assert round(e.diagnostics["top_model"]["bayes_estimate"]) == 731
    assert e.diagnostics["top_model"]["mode"] == 729


def test_spina_bifida_with_small_delta_and_inverse_n_prior(spina_bifida: Table) -> None:
    e = dga(spina_bifida, DgaSettings(delta=1 / 8, grid=np.arange(1, 301)))
    assert (e.lower, e.median, e.upper) == (694, 731, 786)


def test_five_list_example_matches_dga(five_lists: Table) -> None:
    e = dga(five_lists, DgaSettings(delta=0.5, grid=np.arange(1, 301)))
    assert (e.lower, e.median, e.upper) == (588, 616, 655)
    assert e.diagnostics["mean"] == pytest.approx(617.8, abs=0.05)
    assert e.diagnostics["mode"] == 614
    assert e.diagnostics["models"][0]["probability"] == pytest.approx(0.217, abs=5e-4)
    assert e.diagnostics["top_of_grid_mass"] == pytest.approx(2.25e-8, rel=0.01)


def test_kosovo_matches_the_reference_run(kosovo: Table) -> None:
    e = dga(kosovo, DgaSettings(delta=1 / 16, grid=np.arange(0, 40_001, 10)))
    assert (e.lower, e.median, e.upper) == (9830, 12590, 16540)
    assert e.diagnostics["mean"] == pytest.approx(12_749, abs=1)
    top = e.diagnostics["models"][0]
    assert top["cliques"] == "{EXH,ABA,OSCE} {EXH,OSCE,HRW}"
    assert top["probability"] == pytest.approx(0.986, abs=5e-4)


def test_default_grid_is_widened_until_its_top_is_empty(kosovo: Table) -> None:
    e = dga(kosovo)
    assert e.diagnostics["top_of_grid_mass"] < 1e-6
    assert 12_400 <= e.median <= 12_800


def test_a_grid_cutting_the_posterior_is_refused(kosovo: Table) -> None:
    with pytest.raises(GridTooNarrow, match="widen the grid"):
        dga(kosovo, DgaSettings(delta=1 / 16, grid=np.arange(0, 8_001, 10)))


def test_six_lists_are_refused_by_dga() -> None:
    patterns = [*np.eye(6, dtype=int).tolist(), [1] * 6]
    table = Table.build([f"l{i}" for i in range(6)], patterns, [5] * 7)
    with pytest.raises(TooManyLists, match="at most 5 lists"):
        dga(table)
