"""Accuracy of a linkage against a known truth (the simulator's truth/records.parquet).

Pairwise precision/recall/F1 count record pairs put in one person; B-cubed precision and
recall average, over records, how much of a record's predicted person is its true person
and vice versa (Bagga & Baldwin 1998); persons found is compared with true persons.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq


@dataclass(frozen=True)
class Accuracy:
    pair_precision: float
    pair_recall: float
    pair_f1: float
    bcubed_precision: float
    bcubed_recall: float
    persons_found: int
    persons_true: int
    records: int

    def as_dict(self) -> dict[str, float | int]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def truth_of_records(conn: sqlite3.Connection, truth_records: Path) -> dict[int, int]:
    """Record id → true person id, joining the truth on (source name, ref)."""
    truth = pq.read_table(truth_records, columns=["source", "ref", "person_id"]).to_pylist()
    key = {(t["source"], t["ref"]): int(t["person_id"]) for t in truth}
    rows = conn.execute(
        "SELECT r.id, s.name, r.ref FROM record r JOIN source s ON s.id = r.source_id"
    )
    return {int(rid): key[(src, ref)] for rid, src, ref in rows if (src, ref) in key}


def _pairs(counts: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def accuracy(predicted: Mapping[int, object], truth: Mapping[int, object]) -> Accuracy:
    """Compare two assignments of the same records (record → cluster label)."""
    records = [r for r in predicted if r in truth]
    joint = Counter((predicted[r], truth[r]) for r in records)
    pred = Counter(predicted[r] for r in records)
    true = Counter(truth[r] for r in records)
    tp, pp, tt = _pairs(joint), _pairs(pred), _pairs(true)
    precision = tp / pp if pp else 1.0
    recall = tp / tt if tt else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(records) or 1
    b_p = sum(k * k / pred[p] for (p, _), k in joint.items()) / n
    b_r = sum(k * k / true[t] for (_, t), k in joint.items()) / n
    return Accuracy(precision, recall, f1, b_p, b_r, len(pred), len(true), len(records))


def live_accuracy(conn: sqlite3.Connection, truth_records: Path) -> Accuracy:
    """Accuracy of the live run's persons against the truth."""
    predicted = {
        int(r): p for r, p in conn.execute("SELECT record_id, person_id FROM person_record")
    }
    return accuracy(predicted, truth_of_records(conn, truth_records))
