"""The compiled loop of NameTable.similarity (numba; mirrors compare.py step for step)."""

# mypy: ignore-errors
# (numba functions are typed by numba at compile time.)

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, inline="always")
def _distance(a, la, b, lb, sub, ins, prev, cur, limit):
    """Weighted edit distance, or any value above limit as soon as it must exceed it."""
    prev[0] = 0.0
    for j in range(1, lb + 1):
        prev[j] = prev[j - 1] + ins[b[j - 1]]
    for i in range(1, la + 1):
        cur[0] = prev[0] + ins[a[i - 1]]
        row_min = cur[0]
        for j in range(1, lb + 1):
            best = prev[j - 1] + sub[a[i - 1], b[j - 1]]
            up = prev[j] + ins[a[i - 1]]
            if up < best:
                best = up
            left = cur[j - 1] + ins[b[j - 1]]
            if left < best:
                best = left
            cur[j] = best
            if best < row_min:
                row_min = best
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
    cost = _distance(seqs[x], la, seqs[y], lb, sub, ins, prev, cur, (1.0 - floor) * longest)
    return max(0.0, 1.0 - cost / longest)


@njit(cache=True, inline="always")
def _best_pair(flat, pen, off, a, sa, b, sb, seqs, lens, sub, ins, min_ins, prev, cur, best):
    """Best penalised similarity over two slots' candidates (sorted by penalty)."""
    for i in range(off[a, sa, 0], off[a, sa, 1]):
        pa = pen[i]
        if 1.0 - pa <= best:
            break
        for j in range(off[b, sb, 0], off[b, sb, 1]):
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
def _part(
    a,
    sa,
    b,
    sb,
    floor,
    flags,
    mflat,
    mpen,
    moff,
    mseq,
    mlen,
    msub,
    mins,
    lflat,
    lpen,
    loff,
    lseq,
    llen,
    lsub,
    lins,
    mmin,
    lmin,
    prev,
    cur,
    letter_gate,
):
    """Part similarity, or floor when it cannot beat floor (callers pass what must be beaten)."""
    best = _best_pair(
        mflat, mpen, moff, a, sa, b, sb, mseq, mlen, msub, mins, mmin, prev, cur, floor
    )
    either_cyr = flags[a, sa, 0] or flags[b, sb, 0]
    if not (either_cyr and flags[a, sa, 1] and flags[b, sb, 1]):
        return best
    actual = best
    if best <= floor and floor >= letter_gate:  # the gate needs the true reading score
        actual = _best_pair(
            mflat, mpen, moff, a, sa, b, sb, mseq, mlen, msub, mins, mmin, prev, cur, 0.0
        )
    if letter_gate <= actual < 1.0:
        best = _best_pair(
            lflat, lpen, loff, a, sa, b, sb, lseq, llen, lsub, lins, lmin, prev, cur, best
        )
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
    nparts,
    flags,
    mflat,
    mpen,
    moff,
    mseq,
    mlen,
    msub,
    mins,
    lflat,
    lpen,
    loff,
    lseq,
    llen,
    lsub,
    lins,
    swap_penalty,
    merge_penalty,
    partial_factor,
    letter_gate,
):
    out = np.zeros(left.shape[0])
    prev = np.empty(mseq.shape[1] + lseq.shape[1] + 2)
    cur = np.empty(mseq.shape[1] + lseq.shape[1] + 2)
    mmin, lmin = mins.min(), lins.min()
    args = (
        flags,
        mflat,
        mpen,
        moff,
        mseq,
        mlen,
        msub,
        mins,
        lflat,
        lpen,
        loff,
        lseq,
        llen,
        lsub,
        lins,
        mmin,
        lmin,
        prev,
        cur,
        letter_gate,
    )
    for k in range(left.shape[0]):
        a, b = left[k], right[k]
        na, nb = nparts[a], nparts[b]
        if na == 0 or nb == 0:
            continue
        if na == 1 and nb == 1:
            out[k] = _part(a, 0, b, 0, 0.0, *args)
            continue
        if na == 1 or nb == 1:
            single, other, n_other = (a, b, nb) if na == 1 else (b, a, na)
            best = 0.0
            for p in range(n_other):
                s = partial_factor * _part(single, 0, other, p, best / partial_factor, *args)
                if s > best:
                    best = s
            if n_other == 2:
                best = max(best, _part(single, 0, other, 2, best, *args))
            out[k] = best
            continue
        best = _combine(_part(a, 0, b, 0, 0.0, *args), _part(a, 1, b, 1, 0.0, *args))
        # Swapped and merged readings carry a penalty; each step is skipped, or given the
        # score it must beat, when it cannot change the result (same numbers as compare.py).
        if best < 1.0 - swap_penalty:
            first = _part(a, 0, b, 1, 0.0, *args)
            need = best + swap_penalty
            if 0.75 * first + 0.25 > need:
                second = _part(a, 1, b, 0, _needed(first, need), *args)
                best = max(best, _combine(first, second) - swap_penalty)
        if best < 1.0 - merge_penalty:
            best = max(best, _part(a, 2, b, 2, best + merge_penalty, *args) - merge_penalty)
        out[k] = max(0.0, min(1.0, best))
    return out
