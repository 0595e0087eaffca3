"""The rows of a nested model (``nested.NestedModel``) in blocks of top-level groups.

The nested quadrature evaluates ln f at every row and node combination: n x prod_l Q^q_l
values (three levels at 7 points: 343 a row, 200,000 rows are 69 million values, 550 MB an
array, and the gradient holds several).  The top-level groups' integrals are independent
and every lower-level group lies within one top-level group, so the rows are taken a block
of consecutive top-level groups at a time, each block's node arrays holding about
NESTED_BLOCK_ELEMENTS values.  A group's sums run over the same rows in the same order as
with all rows at once (the block's indicator has the same rows, ascending), so ln L per
group is the same bits; sums over all groups (the gradient's X'v) are summed block by
block.  One block (small data, or one top-level group: crossed ``_all`` effects) is the
unblocked evaluation itself.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

# node-combination values (rows x combinations) one block holds at once; tests shrink it
NESTED_BLOCK_ELEMENTS = 1 << 21


@dataclass
class RowBlock:
    """The rows of some top-level groups: ``rows`` (ascending indices, or slice(None) for
    all), ``groups[l]`` their level-l groups (ascending, or slice(None)), ``S[l]`` the
    groups x rows indicator, ``family`` the outcome's rows."""

    rows: np.ndarray | slice
    n: int
    groups: list
    S: list
    family: object

    @property
    def whole(self) -> bool:
        return isinstance(self.rows, slice)


def row_blocks(eng, total: int) -> list[RowBlock]:
    """``eng``'s rows in blocks of top-level groups of about NESTED_BLOCK_ELEMENTS // total
    rows each (a top-level group larger than that is a block of its own)."""
    n = len(eng.g[0])
    per = max(1, int(NESTED_BLOCK_ELEMENTS // max(total, 1)))
    if n <= per or eng.G[0] <= 1:
        return [whole_block(eng)]
    cache = eng.__dict__.setdefault("_row_blocks", {})
    if per not in cache:
        cache.clear()
        counts = np.bincount(eng.g[0], minlength=eng.G[0])
        # the block of a top group: where its first row falls among blocks of ``per`` rows
        block_of_top = (np.cumsum(counts) - counts) // per
        _, block_of_top = np.unique(block_of_top, return_inverse=True)
        nb = int(block_of_top.max()) + 1
        rows = _split(block_of_top[eng.g[0]], nb)
        groups = [_split(block_of_top if l == 0 else block_of_top[eng.anc[l][0]], nb) for l in range(eng.L)]
        blocks = []
        for k in range(nb):
            r = rows[k]
            S = [indicator(np.searchsorted(groups[l][k], eng.g[l][r]), len(groups[l][k])) for l in range(eng.L)]
            blocks.append(RowBlock(r, len(r), [groups[l][k] for l in range(eng.L)], S, eng.family.subset(r)))
        cache[per] = blocks
    return cache[per]


def whole_block(eng) -> RowBlock:
    """All rows as one block."""
    return RowBlock(slice(None), len(eng.g[0]), [slice(None)] * eng.L, eng.S, eng.family)


def _split(block_of: np.ndarray, nb: int) -> list[np.ndarray]:
    """Indices of each block's members, ascending."""
    order = np.argsort(block_of, kind="stable")
    return np.split(order, np.cumsum(np.bincount(block_of, minlength=nb))[:-1])


def indicator(codes: np.ndarray, G: int) -> sp.csr_matrix:
    """G x n sparse matrix summing rows by group code."""
    n = len(codes)
    return sp.csr_matrix((np.ones(n), (np.asarray(codes), np.arange(n))), shape=(G, n))
