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
        assert max(len(self.morae), len(self.letters)) < 128  # sequences are stored as int8

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
        # Both alphabets have fewer than 128 symbols: one byte each keeps the rows that
        # random pairs touch in the processor's caches.
        data = np.zeros((max(1, len(self.rows)), MAX_LEN), np.int8)
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
EMPTY = 0  # the slot id of a missing part


class _Candidates:
    """Each distinct slot's candidates (sequence ids, penalties) flattened into one list."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.penalties: list[float] = []
        self.ranges: list[tuple[int, int]] = []

    def add(self, candidates: list[tuple[int, float]]) -> None:
        start = len(self.ids)
        self.ids.extend(seq for seq, _ in candidates)
        self.penalties.extend(cost for _, cost in candidates)
        self.ranges.append((start, len(self.ids)))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (
            np.array(self.ids or [0], np.int32),
            np.array(self.penalties or [0.0], np.float64),
            np.array(self.ranges, np.int64),
        )


class NameTable:
    """Compiled names; add them once, then score pairs of their indices in bulk."""

    def __init__(self) -> None:
        self.vocab = _Vocabulary()
        self.morae = _Sequences()
        self.letters = _Sequences()
        self.n_parts: list[int] = []
        self.name_slots: list[tuple[int, int, int]] = []
        self._slot_ids: dict[tuple[str, str, str], int] = {}
        self._mora_candidates = _Candidates()
        self._letter_candidates = _Candidates()
        self._flags: list[tuple[bool, bool]] = []
        self._frozen: tuple[np.ndarray, ...] | None = None
        self._register(([], [], False, False))  # EMPTY

    def __len__(self) -> int:
        return len(self.n_parts)

    def add(self, text: str) -> int:
        """Compile one name; returns its index."""
        return self.add_parsed(parse(text))

    def add_parsed(self, parsed: ParsedName) -> int:
        core = compare.core_parts(parsed)
        merged = compare.merged_part(parsed)
        ids = [self._slot(p) for p in core[:2]] + [EMPTY] * (2 - min(len(core), 2))
        ids.append(self._slot(merged) if merged is not None else EMPTY)
        self.n_parts.append(min(len(core), 2))
        self.name_slots.append((ids[0], ids[1], ids[2]))
        self._frozen = None
        return len(self.n_parts) - 1

    def _slot(self, part: NamePart) -> int:
        """The id of a part's compiled candidates (one per text, role and script)."""
        key = (part.text, part.role, part.script)
        found = self._slot_ids.get(key)
        if found is None:
            found = self._slot_ids[key] = self._register(self._compile_slot(part))
        return found

    def _register(self, slot: Slot) -> int:
        self._mora_candidates.add(slot[0])
        self._letter_candidates.add(slot[1])
        self._flags.append((slot[2], slot[3]))
        return len(self._flags) - 1

    def _compile_slot(self, part: NamePart) -> Slot:
        morae, forms = compare.comparable(part)
        mora_ids = [(self.morae.add(self.vocab.mora_ids(c)), p) for c, p in morae]
        letter_ids = [(self.letters.add(self.vocab.letter_ids(f)), p) for f, p in forms]
        return mora_ids, letter_ids, part.script == CYRILLIC, bool(part.readings)

    def _freeze(self) -> tuple[np.ndarray, ...]:
        if self._frozen is None:
            self._frozen = (
                np.array(self.name_slots or [(EMPTY, EMPTY, EMPTY)], np.int64),
                np.array(self.n_parts or [0], np.int32),
                np.array(self._flags, np.bool_),
                *self._mora_candidates.arrays(),
                *self.morae.arrays(),
                *self._letter_candidates.arrays(),
                *self.letters.arrays(),
            )
        return self._frozen

    def similarity(
        self, left: Sequence[int] | np.ndarray, right: Sequence[int] | np.ndarray
    ) -> np.ndarray:
        """Similarity of names left[k] and right[k] for every k, as float64 in [0, 1]."""
        from yokuryu.names import _kernel

        left_ids, right_ids = np.asarray(left, np.int64), np.asarray(right, np.int64)
        v = self.vocab
        (slots, nparts, flags, mflat, mpen, moff, mseq, mlen, lflat, lpen, loff, lseq, llen) = (
            self._freeze()
        )
        return _kernel.score_pairs(
            left_ids,
            right_ids,
            slots,
            nparts,
            flags,
            (mflat, mpen, moff, mseq, mlen, v.mora_sub, v.mora_ins),
            (lflat, lpen, loff, lseq, llen, v.letter_sub, v.letter_ins),
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
