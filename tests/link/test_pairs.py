"""yokuryu's blocked pairs are Splink's: the same pairs, each once, with the same rule."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from tests.link.conftest import Linked
from yokuryu.link import model
from yokuryu.link.blocking import with_block_keys
from yokuryu.link.engine import db_api
from yokuryu.link.pairs import block
from yokuryu.link.scoring import _linker

pytestmark = pytest.mark.slow


def _pairs(table: pa.Table, only_new: bool, ours: bool) -> dict[tuple[int, int], str]:
    api = db_api("duckdb")
    linker = _linker(api, "duckdb", with_block_keys(table), model.settings(only_new))
    frame = (
        block(linker, only_new) if ours else linker.inference.compute_blocked_pairs_for_predict()
    )
    rows = api._con.execute(
        f"SELECT join_key_l, join_key_r, match_key FROM {frame.physical_name}"
    ).fetchall()
    found = {(int(a), int(b)): str(k) for a, b, k in rows}
    assert len(found) == len(rows), "each pair once"
    return found


@pytest.mark.parametrize("only_new", [False, True])
def test_the_pairs_are_splinks_pairs(linked: Linked, only_new: bool) -> None:
    table = pq.read_table(linked.first.folder / "records.parquet")
    if only_new:
        middle = sorted(table.column("unique_id").to_pylist())[table.num_rows // 2]
        table = table.append_column("is_new", pc.greater(table.column("unique_id"), middle))
    ours, splinks = _pairs(table, only_new, True), _pairs(table, only_new, False)
    assert len(ours) > 1000
    assert ours == splinks
    assert all(a < b for a, b in ours)


def test_the_linker_predicts_on_the_pairs_it_was_given(linked: Linked) -> None:
    table = with_block_keys(pq.read_table(linked.first.folder / "records.parquet"))
    api = db_api("duckdb")
    linker = _linker(api, "duckdb", table, model.settings())
    frame = block(linker)
    ((given,),) = api._con.execute(f"SELECT count(*) FROM {frame.physical_name}").fetchall()
    scored = linker.inference.predict().as_pyarrow_table()
    assert scored.num_rows == given
