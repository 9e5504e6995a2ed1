"""The compiled loop of NameTable.similarity (numba; mirrors compare.py step for step)."""

# mypy: ignore-errors
# (numba functions are typed by numba at compile time.)

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def _distance(a, la, b, lb, sub, ins, prev, cur):
    prev[0] = 0.0
    for j in range(1, lb + 1):
        prev[j] = prev[j - 1] + ins[b[j - 1]]
    for i in range(1, la + 1):
        cur[0] = prev[0] + ins[a[i - 1]]
        for j in range(1, lb + 1):
            best = prev[j - 1] + sub[a[i - 1], b[j - 1]]
            up = prev[j] + ins[a[i - 1]]
            if up < best:
                best = up
            left = cur[j - 1] + ins[b[j - 1]]
            if left < best:
                best = left
            cur[j] = best
        prev, cur = cur, prev
    return prev[lb]


@njit(cache=True)
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
    cost = _distance(seqs[x], la, seqs[y], lb, sub, ins, prev, cur)
    return max(0.0, 1.0 - cost / longest)


@njit(cache=True)
def _part(
    a,
    sa,
    b,
    sb,
    flags,
    mflat,
    moff,
    mseq,
    mlen,
    msub,
    mins,
    lflat,
    loff,
    lseq,
    llen,
    lsub,
    lins,
    mmin,
    lmin,
    prev,
    cur,
):
    best = 0.0
    for i in range(moff[a, sa, 0], moff[a, sa, 1]):
        for j in range(moff[b, sb, 0], moff[b, sb, 1]):
            s = _seq_similarity(mflat[i], mflat[j], mseq, mlen, msub, mins, best, mmin, prev, cur)
            if s > best:
                best = s
            if best == 1.0:
                return best
    either_cyr = flags[a, sa, 0] or flags[b, sb, 0]
    if either_cyr and flags[a, sa, 1] and flags[b, sb, 1]:
        for i in range(loff[a, sa, 0], loff[a, sa, 1]):
            for j in range(loff[b, sb, 0], loff[b, sb, 1]):
                s = _seq_similarity(
                    lflat[i], lflat[j], lseq, llen, lsub, lins, best, lmin, prev, cur
                )
                if s > best:
                    best = s
    return best


@njit(cache=True)
def _combine(x, y):
    return 0.75 * min(x, y) + 0.25 * max(x, y)


@njit(cache=True)
def score_pairs(
    left,
    right,
    nparts,
    flags,
    mflat,
    moff,
    mseq,
    mlen,
    msub,
    mins,
    lflat,
    loff,
    lseq,
    llen,
    lsub,
    lins,
    swap_penalty,
    merge_penalty,
    partial_factor,
):
    out = np.zeros(left.shape[0])
    prev = np.empty(mseq.shape[1] + lseq.shape[1] + 2)
    cur = np.empty(mseq.shape[1] + lseq.shape[1] + 2)
    mmin, lmin = mins.min(), lins.min()
    for k in range(left.shape[0]):
        a, b = left[k], right[k]
        na, nb = nparts[a], nparts[b]
        if na == 0 or nb == 0:
            continue
        args = (
            flags,
            mflat,
            moff,
            mseq,
            mlen,
            msub,
            mins,
            lflat,
            loff,
            lseq,
            llen,
            lsub,
            lins,
            mmin,
            lmin,
            prev,
            cur,
        )
        if na == 1 and nb == 1:
            out[k] = _part(a, 0, b, 0, *args)
            continue
        if na == 1 or nb == 1:
            single, other, n_other = (a, b, nb) if na == 1 else (b, a, na)
            best = 0.0
            for p in range(n_other):
                s = partial_factor * _part(single, 0, other, p, *args)
                if s > best:
                    best = s
            if n_other == 2:
                s = _part(single, 0, other, 2, *args)
                if s > best:
                    best = s
            out[k] = best
            continue
        best = _combine(_part(a, 0, b, 0, *args), _part(a, 1, b, 1, *args))
        # A swapped or merged reading can score at most 1 - its penalty: skip it when it
        # cannot win (the result is the same as computing it).
        if best < 1.0 - swap_penalty:
            swapped = _combine(_part(a, 0, b, 1, *args), _part(a, 1, b, 0, *args))
            best = max(best, swapped - swap_penalty)
        if best < 1.0 - merge_penalty:
            best = max(best, _part(a, 2, b, 2, *args) - merge_penalty)
        out[k] = max(0.0, min(1.0, best))
    return out
