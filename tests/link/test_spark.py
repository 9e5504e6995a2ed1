"""The Spark engine, for real in local mode: the same model scores the same pairs."""

from __future__ import annotations

import json

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from tests.link.conftest import Linked
from yokuryu.link.scoring import score

pytest.importorskip("pyspark")
pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _probabilities(table: object) -> dict[tuple[int, int], float]:
    cols = [
        table.column(c).to_pylist() for c in ("unique_id_l", "unique_id_r", "match_probability")
    ]  # type: ignore[attr-defined]
    return {(a, b): p for a, b, p in zip(*cols, strict=True)}


def test_spark_scores_the_same_pairs_as_duckdb(linked: Linked) -> None:
    folder = linked.first.folder
    model = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    records = pq.read_table(folder / "records.parquet")
    small = records.filter(pc.less_equal(records.column("unique_id"), 600))
    duck = score(small, "duckdb", trained=model, charts=False)
    spark = score(small, "spark", trained=model, charts=False)
    a, b = _probabilities(duck.pairs), _probabilities(spark.pairs)
    assert len(a) > 50 and set(a) == set(b)
    assert max(abs(a[k] - b[k]) for k in a) < 1e-6
    assert duck.comparisons == spark.comparisons
