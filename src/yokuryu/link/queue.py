"""The review queue: pairs in the uncertain band, ranked by what a decision would change.

A pair whose records sit in different persons would, if accepted, join two persons of
sizes a and b (a·b new record links); a pair inside one person would, if rejected, split
it. The priority is that impact times the model's uncertainty (1 at p = 0.5, 0 at 0 or 1).
A link under the run's threshold that alone holds a record in its person (a record left
alone by the clustering and attached on a weak link, see clusters.cluster) is queued too: it made
the person, and it is the least certain link that did. Its pair's probability is low
(0.076 on average at 600,000 persons, seed 21), but as an attachment it is a coin flip:
half of those links were true there (a third at 0.01–0.03, two thirds at 0.1–0.2). So its
priority takes the uncertainty of a 50/50 call, ``ATTACHED_CHANCE``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Mapping

import numpy as np
import pyarrow as pa

REVIEW_LOW = 0.2
REVIEW_HIGH = 0.95
MAX_QUEUE = 5000
# How likely an attaching link is true, for its priority (measured: 0.50, see above).
ATTACHED_CHANCE = 0.5
# Which comparison's weight to show beside which record field (the web shows these).
FIELD_WEIGHTS = {
    "full_name": "mw_fam", "family_name": "mw_fam", "given_name": "mw_giv",
    "name_reading": "mw_giv", "father_name": "mw_fa", "birth_date": "mw_birth",
    "birth_year": "mw_birth", "rank": "mw_rank", "unit": "mw_unit", "camp": "mw_camp",
    "prefecture": "mw_prefecture", "death_place": "mw_death_place",
    "death_date": "mw_events", "repatriation_date": "mw_events", "arrival_date": "mw_stay",
}  # fmt: skip


def _features(row: Mapping[str, object]) -> dict[str, float]:
    out = {}
    for field, col in FIELD_WEIGHTS.items():
        value = row.get(col)
        if isinstance(value, (int, float)):
            out[field] = round(float(value), 2)
    tf = sum(v for c in ("mw_tf_adj_fam", "mw_tf_adj_giv") if isinstance(v := row.get(c), float))
    if tf:
        out["name_frequency"] = round(tf, 2)
    return out


def _attaching(
    pairs: pa.Table,
    p: np.ndarray,
    person_of: Mapping[int, str],
    held_by: Mapping[int, float],
    threshold: float,
) -> np.ndarray:
    """Links under the run's ``threshold`` inside one person that are one of their
    records' strongest link there (``held_by``: record → that link's probability): what
    attached a record left alone (see clusters.cluster). A loop over those links only:
    at 600,000 persons 1.3 s, where mapping every record to arrays first took 3.7 s."""
    low = np.nonzero(p < threshold)[0]
    lefts = pairs.column("unique_id_l").take(low).to_pylist()
    rights = pairs.column("unique_id_r").take(low).to_pylist()
    mask = np.zeros(len(p), dtype=bool)
    for i, left, right in zip(low.tolist(), lefts, rights, strict=True):
        person = person_of.get(left)
        if person is not None and person == person_of.get(right):
            mask[i] = p[i] >= min(held_by.get(left, 1.0), held_by.get(right, 1.0))
    return mask


def queue_rows(
    pairs: pa.Table,
    person_of: Mapping[int, str],
    decided: set[tuple[int, int]],
    run_id: str,
    held_by: Mapping[int, float] | None = None,
    threshold: float = REVIEW_LOW,
) -> list[tuple[object, ...]]:
    """review_pair rows for the undecided pairs in the uncertain band, and, given
    ``held_by`` (record → its strongest link within its person), the links under the run's
    ``threshold`` that alone hold a record in its person, best first."""
    p = np.asarray(pairs.column("match_probability"))
    attaching = np.zeros(len(p), dtype=bool)
    if held_by and person_of:
        attaching = _attaching(pairs, p, person_of, held_by, threshold)
    band = np.nonzero(((p >= REVIEW_LOW) & (p <= REVIEW_HIGH)) | attaching)[0]
    chance = np.where(attaching, ATTACHED_CHANCE, p)[band].tolist()
    sizes = Counter(person_of.values())
    keep = [c for c in pairs.column_names if c.startswith("mw") or c.startswith("unique_id")]
    rows = pairs.select([*keep, "match_probability", "match_weight"]).take(band).to_pylist()
    out: list[tuple[object, ...]] = []
    for row, likely in zip(rows, chance, strict=True):
        left, right = sorted((int(row["unique_id_l"]), int(row["unique_id_r"])))
        if (left, right) in decided:
            continue
        pl, pr = person_of.get(left, str(left)), person_of.get(right, str(right))
        impact = sizes[pl] * sizes[pr] if pl != pr else sizes[pl]
        prob = float(row["match_probability"])
        priority = (1 - abs(2 * likely - 1)) * impact
        out.append((run_id, left, right, prob, row["match_weight"],
                    json.dumps(_features(row)), round(priority, 6)))  # fmt: skip
    out.sort(key=lambda r: (-float(str(r[6])), str(r[1]), str(r[2])))
    return out[:MAX_QUEUE]


def fill_queue(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO review_pair (run_id, record_id_l, record_id_r, match_probability, "
        "match_weight, features_json, priority) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
