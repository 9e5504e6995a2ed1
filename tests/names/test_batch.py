"""The compiled batch path gives the same numbers as the one-pair function."""

from __future__ import annotations

import random

import numpy as np

from yokuryu import names
from yokuryu.names.batch import NameTable, similarity_pairs
from yokuryu.names.evaluate import MECHANISMS, people_sample

_FIXED = [
    "Сато Хироси",
    "佐藤 博",
    "Сото Киросе",
    "СатоХироси",
    "Хироси Сато",
    "サト ヒロシ",
    "Satō Hiroshi",
    "John Smith",
    "",
    "Сато",
    "佐藤博",
    "Сато Хироси Таро",
    "김철수",
]


def _sample_names() -> list[str]:
    rng = random.Random(21)
    out = list(_FIXED)
    for fk, fr, gk, gr in people_sample(60, 4):
        out.append(f"{fk} {gk}")
        out.append(rng.choice(list(MECHANISMS.values()))(fr, gr, rng))
    return out


def test_batch_equals_scalar_on_realistic_names() -> None:
    texts = _sample_names()
    table = NameTable()
    ids = [table.add(t) for t in texts]
    rng = np.random.default_rng(5)
    left, right = rng.choice(ids, 400), rng.choice(ids, 400)
    batch = table.similarity(left, right)
    scalar = [names.similarity(texts[a], texts[b]) for a, b in zip(left, right, strict=True)]
    assert np.allclose(batch, scalar, atol=1e-5)


def test_similarity_pairs_convenience() -> None:
    scores = similarity_pairs(["Сато Хироси", "Танака"], ["佐藤 博", "佐藤 博"])
    assert scores[0] == 1.0
    assert scores[1] < 0.7


def test_table_grows_after_scoring() -> None:
    table = NameTable()
    a = table.add("Сато Хироси")
    b = table.add("佐藤 博")
    assert table.similarity([a], [b])[0] == 1.0
    c = table.add("サト ヒロシ")
    assert table.similarity([a, b], [c, c]).tolist() == [1.0, 1.0]
    assert len(table) == 3
