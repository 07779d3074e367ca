"""Nearest neighbours by cosine similarity, with matrix products in blocks.

Vectors are unit length, so a dot product is the cosine. The similarity
matrix is never held whole: rows are taken `BLOCK` at a time, multiplied by
all vectors (one BLAS call), and only the entries above the threshold are
kept, at most `k` per row. No Python loop runs over pairs; the loops are
over blocks and over the (few) pairs that pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: Rows per block: a 1,024 x N float32 slab (40 MB for N = 10,000).
BLOCK = 1024
#: Neighbours kept per rule: enough for real specs, bounded for repetitive ones.
MAX_NEIGHBOURS = 8


def neighbour_pairs(vectors: "np.ndarray", threshold: float, k: int = MAX_NEIGHBOURS, block: int = BLOCK):
    """Pairs (i, j, similarity) with i < j and similarity >= threshold, where j is
    among i's `k` nearest or i among j's. Returns three arrays, sorted by (i, j)."""
    import numpy as np

    n = len(vectors)
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    if n < 2:
        return empty
    k = max(1, min(k, n - 1))
    rows_out, cols_out, sims_out = [], [], []
    for start in range(0, n, block):
        stop = min(n, start + block)
        sims = vectors[start:stop] @ vectors.T  # (b, n): one BLAS call
        local = np.arange(stop - start)
        sims[local, local + start] = -2.0  # not its own neighbour
        hits = sims >= threshold
        crowded = hits.sum(axis=1) > k
        if crowded.any():
            # rows with more than k neighbours above the threshold keep their k nearest
            busy = np.nonzero(crowded)[0]
            top = np.argpartition(sims[busy], n - k, axis=1)[:, n - k :]
            best = np.take_along_axis(sims[busy], top, axis=1)
            r, c = np.nonzero(best >= threshold)
            rows_out.append(busy[r] + start)
            cols_out.append(top[r, c])
            sims_out.append(best[r, c])
            hits[busy] = False
        r, c = np.nonzero(hits)
        if len(r):
            rows_out.append(r + start)
            cols_out.append(c)
            sims_out.append(sims[r, c])
    if not rows_out:
        return empty
    r = np.concatenate(rows_out).astype(np.int64)
    c = np.concatenate(cols_out).astype(np.int64)
    s = np.concatenate(sims_out)
    lo, hi = np.minimum(r, c), np.maximum(r, c)
    unique, index = np.unique(lo * n + hi, return_index=True)
    return unique // n, unique % n, s[index]


def best_match(queries: "np.ndarray", targets: "np.ndarray", block: int = BLOCK):
    """For each query row, the index of its most similar target and that similarity."""
    import numpy as np

    if not len(queries) or not len(targets):
        return np.zeros(len(queries), dtype=np.int64), np.full(len(queries), -1.0, dtype=np.float32)
    best = np.empty(len(queries), dtype=np.int64)
    score = np.empty(len(queries), dtype=np.float32)
    for start in range(0, len(queries), block):
        sims = queries[start : start + block] @ targets.T
        best[start : start + block] = sims.argmax(axis=1)
        score[start : start + block] = sims.max(axis=1)
    return best, score


def row_similarity(a: "np.ndarray", b: "np.ndarray") -> "np.ndarray":
    """The similarity of a[i] and b[i] for every i."""
    import numpy as np

    if not len(a):
        return np.zeros(0, dtype=np.float32)
    return np.einsum("ij,ij->i", a, b)
