"""Any Unicode text in a name field survives ingest → export unchanged, in every format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yokuryu.archive import init_archive
from yokuryu.ingest import export_table, import_file, mapping_from_dict
from yokuryu.store import open_existing

MAPPING = mapping_from_dict(
    {"source": "names", "kind": "other", "columns": {"ref": "ref", "name": "full_name"}}
)
# Any text a name cell can hold: not only whitespace (that is an empty cell), no NUL
# (CSV cannot carry it), no lone surrogates (not encodable as UTF-8).
names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


def _write_csv(path: Path, values: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ref", "name"])
        writer.writerows([str(i), v] for i, v in enumerate(values))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(names, min_size=1, max_size=5))
def test_any_name_survives_ingest_and_export(tmp_path_factory, values: list[str]) -> None:
    folder = tmp_path_factory.mktemp("rt")
    init_archive(folder / "a", actor="t")
    conn = open_existing(folder / "a")
    _write_csv(folder / "names.csv", values)
    summary = import_file(conn, folder / "names.csv", MAPPING, "t")
    assert summary.records == len(values), summary.reasons
    export_table(conn, "records", "csv", folder / "out.csv")
    export_table(conn, "records", "jsonl", folder / "out.jsonl")
    export_table(conn, "records", "parquet", folder / "out.parquet")
    with open(folder / "out.csv", encoding="utf-8", newline="") as handle:
        assert [row["full_name"] for row in csv.DictReader(handle)] == values
    # JSON lines are split on "\n" only: str.splitlines() would also split on U+0085 and U+2028.
    lines = (folder / "out.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
    assert [json.loads(line)["full_name"] for line in lines] == values
    assert pq.read_table(folder / "out.parquet").column("full_name").to_pylist() == values
