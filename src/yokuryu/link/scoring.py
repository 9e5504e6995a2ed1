"""Train the model and score the blocked pairs with Splink, on either engine."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from yokuryu.link import model
from yokuryu.link.blocking import with_block_keys
from yokuryu.link.engine import db_api, duckdb_connection, register
from yokuryu.link.pairs import block as block_pairs

logger = logging.getLogger(__name__)
# Pairs below this probability are dropped from the scored pairs (they could not be drawn
# into a linkage sample often enough to matter).
KEEP_PROBABILITY = 0.01
MIN_LABELS = 10
U_SAMPLE_PAIRS = 2_000_000
# Fewest pairs the precise prior rule must find to be used (else the fallback rules).
MIN_PRIOR_PAIRS = 20
DIALECTS = {"duckdb": "duckdb", "spark": "spark"}


@dataclass
class Scored:
    """A trained model and the pairs it scored."""

    pairs: pa.Table
    model: dict[str, Any]
    comparisons: int
    charts: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def _linker(api: Any, engine: str, table: pa.Table, settings: Any) -> Any:
    from splink import Linker

    frame = register(api, engine, table, "records")
    return Linker(frame, settings, log_level=logging.WARNING)


def prior_rules(table: pa.Table) -> tuple[list[str], float]:
    """The deterministic rules for the prior and their recall (see model.PRIOR_RULES)."""
    con = duckdb_connection()
    try:
        con.register("t", table.select(["unique_id", "fam", "giv", "birth_date"]))
        (found,) = con.execute(
            f"SELECT count(*) FROM t l JOIN t r ON l.unique_id < r.unique_id "
            f"AND {model.PRIOR_RULES[0]}"
        ).fetchone()
    finally:
        con.close()
    if found >= MIN_PRIOR_PAIRS:
        return model.PRIOR_RULES, model.PRIOR_RECALL
    return model.FALLBACK_PRIOR_RULES, model.FALLBACK_PRIOR_RECALL


def train(
    linker: Any, engine: str, labels: pa.Table | None, prior: tuple[list[str], float],
    records: int, seed: int = 42,
) -> None:  # fmt: skip
    """Prior from deterministic rules, u by random sampling, m by EM (on a sample of its
    blocks when the archive has more than ``model.EM_SAMPLE_RECORDS`` records), then labels."""
    training = linker.training
    rules, recall = prior
    training.estimate_probability_two_random_records_match(rules, recall=recall)
    training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=seed)
    for rule in model.em_blocks(records):
        _em(training, rule)
    if labels is not None and labels.num_rows >= MIN_LABELS:
        frame = register(linker._db_api, engine, labels, "labels")
        training.estimate_m_from_pairwise_labels(frame)


def _em(training: Any, rule: Any) -> None:
    """One EM session; a session whose m estimate underflows to 0 is left out.

    EM can drive the m probability of a level seen only among non-matches to exactly 0,
    which Splink refuses; the comparisons that session trains then keep the estimates of
    the other sessions (or Splink's defaults).
    """
    try:
        training.estimate_parameters_using_expectation_maximisation(rule)
    except ValueError as exc:
        if "below the minimum" not in str(exc):
            raise
        logger.warning("EM session %s left out: %s", rule, exc)


def _charts(linker: Any, predictions: Any) -> dict[str, str]:
    charts = {"match_weights": linker.visualisations.match_weights_chart().to_html(inline=True)}
    records = predictions.as_record_list(limit=20)
    if records:
        chart = linker.visualisations.waterfall_chart(records, filter_nulls=False)
        charts["waterfall"] = chart.to_html(inline=True)
    return charts


def score(
    table: pa.Table,
    engine: str = "duckdb",
    labels: pa.Table | None = None,
    trained: dict[str, Any] | None = None,
    only_new: bool = False,
    charts: bool = True,
) -> Scored:
    """Train (unless a trained model is given) and score every blocked pair."""
    clock = _Clock()
    api = db_api(engine)
    settings: Any = model.settings(only_new)
    if trained is not None:
        settings = with_parameters(settings.create_settings_dict(DIALECTS[engine]), trained)
    linker = _linker(api, engine, with_block_keys(table), settings)
    clock.lap("block_keys")
    if trained is None:
        train(linker, engine, labels, prior_rules(table), table.num_rows)
    clock.lap("train")
    blocked = _block(linker, engine, only_new)
    counted = comparisons(blocked)
    clock.lap("block_pairs")
    saved = linker.misc.save_model_to_json()
    predictions = predict(linker)
    blocked.drop_table_from_database_and_remove_from_cache()
    pairs = _text_match_key(predictions.as_pyarrow_table())
    clock.lap("predict")
    drawn = _charts(linker, predictions) if charts else {}
    clock.lap("charts")
    return Scored(pairs, saved, counted, drawn, clock.laps)


def _text_match_key(pairs: pa.Table) -> pa.Table:
    """The blocking rule's index as text, as Splink writes it (and earlier runs kept it)."""
    index = pairs.column_names.index("match_key")
    return pairs.set_column(index, "match_key", pairs.column(index).cast(pa.string()))


def _block(linker: Any, engine: str, only_new: bool) -> Any:
    """The blocked pairs, cached in the linker for predict: made from the block keys in
    one query on DuckDB (see yokuryu.link.pairs), by Splink's own blocking on Spark."""
    if engine == "duckdb":
        return block_pairs(linker, only_new)
    return linker.inference.compute_blocked_pairs_for_predict()


def predict(linker: Any) -> Any:
    """Score the blocked pairs (already computed and cached in the linker).

    With ``retain_matching_columns`` Splink carries every column a blocking rule names
    into each compared pair: here every block-key column (some of them lists), for every
    one of the comparisons, to be dropped afterwards. The pairs are blocked by
    now, so predict runs with the rules hidden from it (a fifth less time, half the
    memory of the scored pairs); the saved model keeps them.
    """
    settings = linker._settings_obj
    rules = settings._blocking_rules_to_generate_predictions
    settings._blocking_rules_to_generate_predictions = []
    try:
        return linker.inference.predict(threshold_match_probability=KEEP_PROBABILITY)
    finally:
        settings._blocking_rules_to_generate_predictions = rules


class _Clock:
    """Seconds spent in each named step."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.start = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self.start, 2)
        self.start = now


def with_parameters(fresh: dict[str, Any], trained: dict[str, Any]) -> dict[str, Any]:
    """The settings written for this engine's SQL dialect, with a trained model's m, u and
    prior (a saved model's SQL is in the dialect it was trained in: DuckDB's double-quoted
    names would be string literals to Spark)."""
    for new, old in zip(fresh["comparisons"], trained["comparisons"], strict=True):
        for level, saved in zip(new["comparison_levels"], old["comparison_levels"], strict=True):
            for key in ("m_probability", "u_probability", "tf_minimum_u_value"):
                if key in saved:
                    level[key] = saved[key]
    fresh["probability_two_random_records_match"] = trained["probability_two_random_records_match"]
    return fresh


def comparisons(blocked: Any) -> int:
    """How many pairs the blocking rules make: the rows of the blocked-pairs table that
    predict then scores (computed once, so counting costs no second blocking pass)."""
    counted = blocked.query_sql("SELECT count(*) AS n FROM {this}")
    return int(counted.as_record_list()[0]["n"])
