"""The compiled loop of NameTable.similarity (numba; mirrors compare.py step for step).

Parts are given by slot ids (one per distinct text, role and script). A level is the tuple
(flat candidate ids, their penalties, each slot's (start, end) range, sequences, sequence
lengths, substitution costs, insertion costs), once for morae and once for Cyrillic
letters.
"""

# mypy: ignore-errors
# (numba functions are typed by numba at compile time.)

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, inline="always")
def _distance(seqs, x, la, y, lb, sub, ins, prev, cur, limit):
    """Weighted edit distance of sequences x and y, or any value above limit as soon as it
    must exceed it. One row at a time; the diagonal and left cells are kept in registers."""
    total = 0.0
    prev[0] = 0.0
    for j in range(lb):
        total += ins[seqs[y, j]]
        prev[j + 1] = total
    for i in range(la):
        symbol = seqs[x, i]
        cost_a = ins[symbol]
        diagonal = prev[0]
        left = diagonal + cost_a
        cur[0] = left
        row_min = left
        for j in range(lb):
            other = seqs[y, j]
            up = prev[j + 1]
            best = diagonal + sub[symbol, other]
            if up + cost_a < best:
                best = up + cost_a
            if left + ins[other] < best:
                best = left + ins[other]
            cur[j + 1] = best
            if best < row_min:
                row_min = best
            diagonal, left = up, best
        if row_min > limit:  # costs only grow down the table
            return row_min
        prev, cur = cur, prev
    return prev[lb]


@njit(cache=True, inline="always")
def _seq_similarity(x, y, seqs, lens, sub, ins, floor, min_ins, prev, cur):
    """Similarity of two interned sequences, or 0 when it cannot beat floor."""
    la, lb = lens[x], lens[y]
    longest = max(la, lb)
    if longest == 0:
        return 0.0
    if x == y:
        return 1.0
    # Each unmatched element costs at least the cheapest insertion.
    if 1.0 - abs(la - lb) * min_ins / longest <= floor:
        return 0.0
    cost = _distance(seqs, x, la, y, lb, sub, ins, prev, cur, (1.0 - floor) * longest)
    return max(0.0, 1.0 - cost / longest)


@njit(cache=True)
def _best_pair(level, x, y, min_ins, prev, cur, best):
    """Best penalised similarity over two slots' candidates (sorted by penalty)."""
    flat, pen, off, seqs, lens, sub, ins = level
    for i in range(off[x, 0], off[x, 1]):
        pa = pen[i]
        if 1.0 - pa <= best:
            break
        for j in range(off[y, 0], off[y, 1]):
            pb = pen[j]
            if 1.0 - pa - pb <= best:
                break
            floor = best + pa + pb
            s = _seq_similarity(flat[i], flat[j], seqs, lens, sub, ins, floor, min_ins, prev, cur)
            s = s - pa - pb
            if s > best:
                best = s
    return best


@njit(cache=True)
def _part(x, y, floor, flags, morae, letters, mmin, lmin, prev, cur, letter_gate):
    """Part similarity, or floor when it cannot beat floor (callers pass what must be beaten)."""
    best = _best_pair(morae, x, y, mmin, prev, cur, floor)
    either_cyr = flags[x, 0] or flags[y, 0]
    if not (either_cyr and flags[x, 1] and flags[y, 1]):
        return best
    actual = best
    if best <= floor and floor >= letter_gate:  # the gate needs the true reading score
        actual = _best_pair(morae, x, y, mmin, prev, cur, 0.0)
    if letter_gate <= actual < 1.0:
        best = _best_pair(letters, x, y, lmin, prev, cur, best)
    return best


@njit(cache=True, inline="always")
def _needed(known, need):
    """Least score y with _combine(known, y) > need."""
    if need <= known:
        return max(0.0, (need - 0.25 * known) / 0.75)
    return (need - 0.75 * known) / 0.25


@njit(cache=True, inline="always")
def _combine(x, y):
    return 0.75 * min(x, y) + 0.25 * max(x, y)


@njit(cache=True)
def score_pairs(
    left,
    right,
    slots,
    nparts,
    flags,
    morae,
    letters,
    swap_penalty,
    merge_penalty,
    partial_factor,
    letter_gate,
):
    out = np.zeros(left.shape[0])
    width = morae[3].shape[1] + letters[3].shape[1] + 2
    prev, cur = np.empty(width), np.empty(width)
    args = (flags, morae, letters, morae[6].min(), letters[6].min(), prev, cur)
    for k in range(left.shape[0]):
        a, b = left[k], right[k]
        na, nb = nparts[a], nparts[b]
        if na == 0 or nb == 0:
            continue
        sa, sb = slots[a], slots[b]
        if na == 1 and nb == 1:
            out[k] = _part(sa[0], sb[0], 0.0, *args, letter_gate)
            continue
        if na == 1 or nb == 1:
            single, other, n_other = (sa[0], sb, nb) if na == 1 else (sb[0], sa, na)
            best = 0.0
            for p in range(n_other):
                floor = best / partial_factor
                s = partial_factor * _part(single, other[p], floor, *args, letter_gate)
                if s > best:
                    best = s
            if n_other == 2:
                best = max(best, _part(single, other[2], best, *args, letter_gate))
            out[k] = best
            continue
        best = _combine(
            _part(sa[0], sb[0], 0.0, *args, letter_gate),
            _part(sa[1], sb[1], 0.0, *args, letter_gate),
        )
        # Swapped and merged readings carry a penalty; each step is skipped, or given the
        # score it must beat, when it cannot change the result (same numbers as compare.py).
        if best < 1.0 - swap_penalty:
            need = best + swap_penalty
            # _combine(first, second) <= 0.75 * first + 0.25, so first must beat this.
            floor = max(0.0, (need - 0.25) / 0.75)
            first = _part(sa[0], sb[1], floor, *args, letter_gate)
            if (first > floor or floor == 0.0) and 0.75 * first + 0.25 > need:
                floor = _needed(first, need)
                second = _part(sa[1], sb[0], floor, *args, letter_gate)
                best = max(best, _combine(first, second) - swap_penalty)
        if best < 1.0 - merge_penalty:
            floor = best + merge_penalty
            best = max(best, _part(sa[2], sb[2], floor, *args, letter_gate) - merge_penalty)
        out[k] = max(0.0, min(1.0, best))
    return out
