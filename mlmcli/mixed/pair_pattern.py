"""The pairs matrix of a crossed design (``schur_complement``): for block 1's groups g
(q_1 columns each) and block 2's columns i >= j,

    pairs[(i, j), (g, c, d)] = C_21[i, (g, c)] C_21[j, (g, d)],

so that the lower triangle of C_21 blockdiag(F) C_12 is ``pairs @ vec(F)`` and the per-group
sums N_g = C_21[:, g]' Omega C_21[:, g] are ``pairs.rmatvec(w)`` (w: Omega's lower triangle on
the rows, its diagonal halved).  The rows are the *cells*, the distinct entries (i, j) met,
numbered in the order of their positions i * Q_2 + j.  Built once per model from the pattern
of C_21; D (50,000 x 2,000 levels, 1M rows) has 10.9 million pairs on 2 million cells.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

PAIR_CHUNK = 250_000  # pairs generated at once while building ``pairs`` (~20 MB of temporaries)
COMPACT_PAIRS = 4_000_000  # above this many pairs, values that are counts are stored as such
DIRECT_ROWS = 4000  # up to this Q_2 the cells are numbered through a table of Q_2^2 entries


def build_pairs(C21: sp.spmatrix, G1: int, q1: int,
                extra: np.ndarray | None = None) -> tuple[sp.csc_matrix, np.ndarray]:
    """(pairs, cells): ``pairs`` as in the module docstring (compressed by column (g, c, d))
    with one row per *cell* -- a distinct entry (i, j), i >= j, of the lower triangle met by
    a pair or listed in ``extra`` (positions i * Q_2 + j) --, ``cells`` their positions
    i * Q_2 + j in increasing order.  On InstEval the pairs meet 129,000 of the 636,000
    entries of the lower triangle: every dense-sized pass of an evaluation runs over the
    cells instead.

    Pairs are generated group by group: with q_1 = 1 and the rows of each column sorted,
    the partners of a group's k-th entry are its entries 0..k (i >= j by construction)."""
    Q2 = C21.shape[0]
    wide = Q2 * Q2 >= 2 ** 31 - 1
    csc = sp.csc_matrix(C21)
    csc.sort_indices()
    indptr, data = csc.indptr.astype(np.int64), csc.data
    rows = csc.indices.astype(np.int64 if wide else np.int32)
    del csc
    starts = indptr[::q1]
    n_g = np.diff(starts)
    grp = np.repeat(np.arange(G1, dtype=np.int32), n_g)
    comp = np.repeat(np.arange(G1 * q1), np.diff(indptr)) % q1 if q1 > 1 else None
    if q1 == 1:  # the partners of an entry: its group's entries up to itself
        reps = np.arange(1, len(rows) + 1) - starts[grp]
    else:
        reps = n_g[grp]
    cum = np.cumsum(reps)
    prow_parts, pcol_parts, pval_parts = [], [], []
    # q_1 = 1 keeps every generated pair: the arrays are filled in place, so the peak is
    # the pattern plus one chunk (not the chunks and their concatenation, twice the pattern)
    total = int(cum[-1]) if q1 == 1 and len(cum) else None
    if total is not None:
        prow_all = np.empty(total, np.int64 if wide else np.int32)
        pval_all = np.empty(total, _pair_value_type(data, total))
    e0 = 0
    while e0 < len(rows):
        e1 = int(np.searchsorted(cum, (cum[e0 - 1] if e0 else 0) + PAIR_CHUNK, side="right"))
        e1 = min(max(e1, e0 + 1), len(rows))
        e = np.arange(e0, e1)
        r = reps[e]
        first = np.repeat(e, r)
        second = np.repeat(starts[grp[e]], r) + (np.arange(len(first)) - np.repeat(np.cumsum(r) - r, r))
        if q1 > 1:
            keep = rows[first] >= rows[second]
            first, second = first[keep], second[keep]
        prow = rows[first] * Q2 + rows[second]
        if total is not None:  # q_1 = 1: the column of a pair is its group, in generation order
            at = int(cum[e0 - 1]) if e0 else 0
            prow_all[at:at + len(prow)] = prow
            np.multiply(data[first], data[second], out=pval_all[at:at + len(prow)],
                        casting="unsafe")  # (exact: see _pair_value_type)
        else:
            prow_parts.append(prow if wide else prow.astype(np.int32))
            pcol_parts.append(grp[first].astype(np.int64) * (q1 * q1) + comp[first] * q1 + comp[second])
            pval_parts.append(data[first] * data[second])
        del first, second, prow
        e0 = e1
    del rows, data, grp, reps, cum  # (C_21-sized: freed before the pattern is sorted by cell)
    if total is not None:
        prow, pval = prow_all, pval_all
        del prow_all, pval_all
    else:
        prow = np.concatenate(prow_parts) if prow_parts else np.zeros(0, np.int64)
        del prow_parts
        pval = np.concatenate(pval_parts) if pval_parts else np.zeros(0)
        del pval_parts
    n_cols = G1 * q1 * q1
    col_ptr = np.zeros(n_cols + 1, np.int64)
    if q1 > 1:  # (g, c, d) in column order
        pcol = np.concatenate(pcol_parts) if pcol_parts else np.zeros(0, np.int64)
        order = np.argsort(pcol, kind="stable")
        prow, pval = prow[order], pval[order]
        np.cumsum(np.bincount(pcol, minlength=n_cols), out=col_ptr[1:])
        del pcol, order
    else:
        np.cumsum(n_g * (n_g + 1) // 2, out=col_ptr[1:])
    extra = np.zeros(0, np.int64) if extra is None else np.asarray(extra, np.int64)
    cells, prow = _cell_numbers(prow, extra, Q2)
    n_rows = len(cells)
    itype = np.int32 if max(n_rows, len(pval)) < 2 ** 31 - 1 else np.int64
    by_column = sp.csc_matrix((pval, prow.astype(itype, copy=False), col_ptr.astype(itype)),
                              shape=(n_rows, n_cols))
    del prow, pval
    if by_column.nnz <= COMPACT_PAIRS:
        return PairMatrix(by_column), cells
    by_cell = by_column.tocsr()
    del by_column
    values, cols, cell_ptr = by_cell.data, by_cell.indices, by_cell.indptr
    del by_cell
    if n_cols <= 65536:  # (D: 50,000 groups) two bytes a column number
        cols = cols.astype(np.uint16)
    return PairMatrix(None, values, cols, cell_ptr, (n_rows, n_cols)), cells


def _pair_value_type(data: np.ndarray, total: int):
    """The narrowest type holding every product of two entries of C_21 exactly: with
    unweighted indicator columns the entries are counts, and the products of small counts
    fit in one or two bytes (D: 10.9 million pairs in 10 MB instead of 83 MB).  Only for
    more than COMPACT_PAIRS pairs: below, float64 and scipy's product are faster."""
    if total <= COMPACT_PAIRS or not len(data) or not np.all(data == np.rint(data)) or data.min() < 0:
        return np.float64
    top = float(data.max()) ** 2
    return np.uint8 if top <= 255 else np.uint16 if top <= 65535 else np.float64


class PairMatrix:
    """``pairs`` (cells x G_1 q_1^2) with ``@`` (pairs f) and ``rmatvec`` (pairs' w).  Up to
    COMPACT_PAIRS pairs a scipy matrix compressed by column; beyond, compressed by cell
    (row) with values as ``_pair_value_type`` stores them, multiplied by chunks of about
    4 PAIR_CHUNK pairs, each widened to float64 only while it is used: on D (10.9 million
    pairs, 2 million cells) faster than the float64 matrix by column, whose products
    scatter over all cells (pairs f gathers from f and writes each cell once)."""

    def __init__(self, by_column: sp.csc_matrix | None, values=None, cols=None, cell_ptr=None,
                 shape=None):
        """Either the float64 matrix by column, or by cell: values, column numbers, the
        cells' run pointers and the shape."""
        self._csc = by_column
        if by_column is not None:
            self.shape, self.nnz = by_column.shape, by_column.nnz
            self._csr_t = by_column.T
            return
        self.shape, self.nnz = shape, len(values)
        self.values, self.cols, self.cell_ptr = values, cols, cell_ptr
        bounds = np.searchsorted(cell_ptr, np.arange(0, self.nnz, 4 * PAIR_CHUNK), side="right") - 1
        self.chunks = np.unique(np.append(np.maximum(bounds, 0), shape[0]))

    def _pieces(self):
        """(first cell, last cell + 1, float64 scipy matrix of those cells' rows)."""
        for r0, r1 in zip(self.chunks[:-1], self.chunks[1:]):
            p0, p1 = self.cell_ptr[r0], self.cell_ptr[r1]
            yield r0, r1, sp.csr_matrix(
                (self.values[p0:p1].astype(np.float64), self.cols[p0:p1].astype(np.int32),
                 self.cell_ptr[r0:r1 + 1] - p0),
                shape=(r1 - r0, self.shape[1]))

    def __matmul__(self, f: np.ndarray) -> np.ndarray:
        if self._csc is not None:
            return self._csc @ f
        out = np.empty(self.shape[0])
        for r0, r1, piece in self._pieces():
            out[r0:r1] = piece @ f
        return out

    def rmatvec(self, w: np.ndarray) -> np.ndarray:
        """pairs' w."""
        if self._csc is not None:
            return self._csr_t @ w
        out = np.zeros(self.shape[1])
        for r0, r1, piece in self._pieces():
            out += piece.T @ w[r0:r1]
        return out


def _cell_numbers(prow: np.ndarray, extra: np.ndarray, Q2: int) -> tuple[np.ndarray, np.ndarray]:
    """(cells, numbers): the distinct positions among ``prow`` and ``extra`` in increasing
    order, and each of ``prow``'s number among them (in ``prow``'s array when it can hold
    them).  Up to DIRECT_ROWS through a position -> number table of Q_2^2 entries (only the
    pages of the cells are touched), beyond by sorting."""
    if Q2 > DIRECT_ROWS:
        cells, numbers = np.unique(np.concatenate([prow, extra]), return_inverse=True)
        return cells, numbers[:len(prow)]
    seen = np.zeros(Q2 * Q2, bool)
    seen[prow] = True
    seen[extra] = True
    cells = np.flatnonzero(seen)
    del seen
    table = np.empty(Q2 * Q2, prow.dtype)
    table[cells] = np.arange(len(cells), dtype=prow.dtype)
    step = 4 * PAIR_CHUNK
    for a in range(0, len(prow), step):  # in place, by chunks (no copy of the pattern)
        prow[a:a + step] = table[prow[a:a + step]]
    return cells.astype(prow.dtype), prow
