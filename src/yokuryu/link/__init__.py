"""yokuryu.link — records → persons across scripts (Splink on DuckDB, or Spark).

The public surface:

- ``run_link(archive, actor, LinkOptions(...)) -> LinkResult`` — a full or incremental
  (``new_source``) run: standardise, train, score, cluster, check, go live.
- ``standardise_records(conn) -> pyarrow.Table`` — the comparison columns, once per record.
- ``cluster(records, left, right, probability, threshold, must, cannot, once, attach)``
  — decisions override the model; ``once`` (record → list) keeps two records of a list
  that names a man once apart; a record left alone joins on a link from ``attach`` up.
- ``blocking.with_block_keys(table)`` / ``blocking.blocked_sql()`` — the capped block
  keys and the SQL that says whether a pair is compared.
- ``draw_samples(...)`` — linkage samples for estimation.
- ``decide``, ``undo_last``, ``in_force`` — append-only human decisions.
- ``export_decisions(conn, out, file_format)`` (Splink's labels format) and
  ``export_links(conn, out, file_format)`` (source, ref, record_id, person_id, run_id).
- ``accuracy(predicted, truth)``, ``live_accuracy(conn, truth_records)``.
"""

from __future__ import annotations

from yokuryu.link.clusters import cluster
from yokuryu.link.decisions import decide, export_decisions, in_force, undo_last
from yokuryu.link.evaluate import accuracy, live_accuracy
from yokuryu.link.export import export_links
from yokuryu.link.pipeline import LinkOptions, LinkResult, run_link
from yokuryu.link.samples import draw_samples
from yokuryu.link.standardise import standardise_records

__all__ = [
    "LinkOptions",
    "LinkResult",
    "accuracy",
    "cluster",
    "decide",
    "draw_samples",
    "export_decisions",
    "export_links",
    "in_force",
    "live_accuracy",
    "run_link",
    "standardise_records",
    "undo_last",
]
