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
        cache[per] = _blocks_of(eng, np.arange(eng.G[0]), per)
    return cache[per]


def active_blocks(eng, total: int, tops: np.ndarray) -> tuple[list[np.ndarray], list[RowBlock]]:
    """The top-level groups ``tops`` (ascending) alone: per level the groups under them
    (ascending), and their rows in blocks as ``row_blocks``'.  A group's rows are the same
    rows in the same order as in any other block, so its sums are the same bits."""
    per = max(1, int(NESTED_BLOCK_ELEMENTS // max(total, 1)))
    return members(eng, tops), _blocks_of(eng, tops, per)


def members(eng, tops: np.ndarray) -> list[np.ndarray]:
    """Per level, the groups (ascending) under the top-level groups ``tops``."""
    keep = np.zeros(eng.G[0], bool)
    keep[tops] = True
    return [np.flatnonzero(keep if l == 0 else keep[eng.anc[l][0]]) for l in range(eng.L)]


def _blocks_of(eng, tops: np.ndarray, per: int) -> list[RowBlock]:
    """The rows of the top-level groups ``tops`` (ascending) in blocks of consecutive
    groups of about ``per`` rows."""
    counts = np.bincount(eng.g[0], minlength=eng.G[0])[tops]
    # the block of a top group: where its first row falls among blocks of ``per`` rows
    _, block = np.unique((np.cumsum(counts) - counts) // per, return_inverse=True)
    nb = int(block.max()) + 1 if len(block) else 0
    block_of_top = np.full(eng.G[0], nb)  # nb: not among ``tops``
    block_of_top[tops] = block
    rows = _split(block_of_top[eng.g[0]], nb + 1)
    groups = [_split(block_of_top if l == 0 else block_of_top[eng.anc[l][0]], nb + 1) for l in range(eng.L)]
    blocks = []
    for k in range(nb):
        r = rows[k]
        S = [indicator(np.searchsorted(groups[l][k], eng.g[l][r]), len(groups[l][k])) for l in range(eng.L)]
        blocks.append(RowBlock(r, len(r), [groups[l][k] for l in range(eng.L)], S, eng.family.subset(r)))
    return blocks


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
