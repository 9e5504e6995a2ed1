"""Similarity of many name pairs at once, on candidates compiled once per name.

Linkage compares each record with many others; parsing and reading a name again for every
pair would waste most of the time. ``NameTable.add`` compiles a name once (its parts'
candidate mora sequences and Cyrillic forms, as small integer arrays);
``NameTable.similarity`` then scores index pairs in a compiled loop (numba), giving the
same numbers as ``yokuryu.names.similarity``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from yokuryu.names import align, compare, phonetic
from yokuryu.names.kana import SYLLABLES, mora_code
from yokuryu.names.model import NamePart, ParsedName
from yokuryu.names.parsing import parse
from yokuryu.names.script import CYRILLIC

MAX_LEN = 24
_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def _mora_vocabulary() -> list[str]:
    codes = sorted({mora_code(k) for k in SYLLABLES} | {"N", "Q"})
    return codes


class _Vocabulary:
    """Symbols → ids, with the cost matrices of the two alignment levels."""

    def __init__(self) -> None:
        self.morae = {c: i for i, c in enumerate(_mora_vocabulary())}
        self.letters = {c: i for i, c in enumerate(_LETTERS + "?")}
        m = list(self.morae)
        self.mora_sub = np.array([[phonetic.substitution(a, b) for b in m] for a in m], np.float64)
        self.mora_ins = np.array([phonetic.insertion(a) for a in m], np.float64)
        ls = list(self.letters)
        self.letter_sub = np.array(
            [[align.letter_substitution(a, b) for b in ls] for a in ls], np.float64
        )
        self.letter_ins = np.array([align.letter_insertion(a) for a in ls], np.float64)

    def mora_ids(self, codes: Sequence[str]) -> list[int]:
        return [self.morae[c] for c in codes if c in self.morae][:MAX_LEN]

    def letter_ids(self, text: str) -> list[int]:
        unknown = self.letters["?"]
        return [self.letters.get(c, unknown) for c in text][:MAX_LEN]


class _Sequences:
    """Interned integer sequences in one padded array."""

    def __init__(self) -> None:
        self.ids: dict[tuple[int, ...], int] = {}
        self.rows: list[tuple[int, ...]] = []

    def add(self, seq: Sequence[int]) -> int:
        key = tuple(seq)
        if key not in self.ids:
            self.ids[key] = len(self.rows)
            self.rows.append(key)
        return self.ids[key]

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        data = np.zeros((max(1, len(self.rows)), MAX_LEN), np.int32)
        lengths = np.zeros(max(1, len(self.rows)), np.int32)
        for i, row in enumerate(self.rows):
            data[i, : len(row)] = row
            lengths[i] = len(row)
        return data, lengths


# Candidates of one part: (sequence id, penalty) for morae and for Cyrillic letters, whether
# the part was written in Cyrillic and whether it has readings at all.
Slot = tuple[list[tuple[int, float]], list[tuple[int, float]], bool, bool]
# Part slots per name: 0 and 1 are the core parts, 2 the merged whole.
SLOTS = 3


class NameTable:
    """Compiled names; add them once, then score pairs of their indices in bulk."""

    def __init__(self) -> None:
        self.vocab = _Vocabulary()
        self.morae = _Sequences()
        self.letters = _Sequences()
        self.n_parts: list[int] = []
        self.slots: list[list[Slot]] = []
        self._frozen: tuple[np.ndarray, ...] | None = None
        self._slot_cache: dict[tuple[str, str, str], Slot] = {}

    def __len__(self) -> int:
        return len(self.n_parts)

    def add(self, text: str) -> int:
        """Compile one name; returns its index."""
        return self.add_parsed(parse(text))

    def add_parsed(self, parsed: ParsedName) -> int:
        core = compare.core_parts(parsed)
        merged = compare.merged_part(parsed)
        slots = [self._slot(p) for p in core[:2]]
        slots += [self._empty()] * (2 - len(slots))
        slots.append(self._slot(merged) if merged is not None else self._empty())
        self.n_parts.append(min(len(core), 2))
        self.slots.append(slots)
        self._frozen = None
        return len(self.n_parts) - 1

    def _empty(self) -> Slot:
        return [], [], False, False

    def _slot(self, part: NamePart) -> Slot:
        key = (part.text, part.role, part.script)
        if key not in self._slot_cache:
            self._slot_cache[key] = self._compile_slot(part)
        return self._slot_cache[key]

    def _compile_slot(self, part: NamePart) -> Slot:
        morae, forms = compare.comparable(part)
        mora_ids = [(self.morae.add(self.vocab.mora_ids(c)), p) for c, p in morae]
        letter_ids = [(self.letters.add(self.vocab.letter_ids(f)), p) for f, p in forms]
        return mora_ids, letter_ids, part.script == CYRILLIC, bool(part.readings)

    def _freeze(self) -> tuple[np.ndarray, ...]:
        if self._frozen is None:
            self._frozen = (
                *self._flat(0),
                *self._flat(1),
                *self.morae.arrays(),
                *self.letters.arrays(),
                np.array(self.n_parts, np.int32),
            )
        return self._frozen

    def _flat(self, which: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Candidate ids and penalties flattened, offsets [name, slot, (start, end)], flags."""
        ids: list[int] = []
        penalties: list[float] = []
        offsets = np.zeros((len(self.slots), SLOTS, 2), np.int64)
        flags = np.zeros((len(self.slots), SLOTS, 2), np.bool_)
        for i, slots in enumerate(self.slots):
            for s, slot in enumerate(slots):
                offsets[i, s, 0] = len(ids)
                for seq, cost in slot[0] if which == 0 else slot[1]:
                    ids.append(seq)
                    penalties.append(cost)
                offsets[i, s, 1] = len(ids)
                flags[i, s] = (slot[2], slot[3])
        return (
            np.array(ids or [0], np.int32),
            np.array(penalties or [0.0], np.float64),
            offsets,
            flags,
        )

    def similarity(
        self, left: Sequence[int] | np.ndarray, right: Sequence[int] | np.ndarray
    ) -> np.ndarray:
        """Similarity of names left[k] and right[k] for every k, as float64 in [0, 1]."""
        from yokuryu.names import _kernel

        (
            mora_flat,
            mora_pen,
            mora_off,
            flags,
            letter_flat,
            letter_pen,
            letter_off,
            _,
            mseq,
            mlen,
            lseq,
            llen,
            nparts,
        ) = self._freeze()
        v = self.vocab
        return _kernel.score_pairs(
            np.asarray(left, np.int64),
            np.asarray(right, np.int64),
            nparts,
            flags,
            mora_flat,
            mora_pen,
            mora_off,
            mseq,
            mlen,
            v.mora_sub,
            v.mora_ins,
            letter_flat,
            letter_pen,
            letter_off,
            lseq,
            llen,
            v.letter_sub,
            v.letter_ins,
            compare.SWAP_PENALTY,
            compare.MERGE_PENALTY,
            compare.PARTIAL_FACTOR,
            compare.LETTER_GATE,
        )


def similarity_pairs(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """similarity(a[k], b[k]) for every k, compiled and scored in bulk."""
    table = NameTable()
    left = [table.add(t) for t in a]
    right = [table.add(t) for t in b]
    return table.similarity(left, right)
