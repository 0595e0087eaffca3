"""Which design columns are linearly independent, in order -- mlm's _rmcoll.

A column is dropped when its residual sum of squares on the columns kept before it is
below ``COLLINEAR_TOL`` of its own (centred, with a constant) sum of squares; the sweep runs on
the cross-product matrix, so wide designs on many rows cost one BLAS product
(``factor_variables.build_design``, ``glm.separation``, ``lazydata.nested_sums``).  Large factor
interactions (i.country#i.year: thousands of indicator columns) are a sparse product and a
blocked Cholesky (``independent_columns``); bench/bench_factor_interactions.py times them.
"""
from __future__ import annotations

import numpy as np

COLLINEAR_TOL = 1e-9
BLOCK = 128  # columns decided per block of independent_columns
SPARSE_SHARE = 0.1  # a column non-zero on at most this share of rows is multiplied as sparse
SCALE_LIMIT = 128  # columns with |values| beyond 2^+-128 are scaled (squares stay far from overflow)


def power_of_two_column_scales(X: np.ndarray) -> np.ndarray:
    """Per column, 1 where its largest |value| is within 2^+-128, else the power of two that
    brings it near 1.  Multiplying by a power of two is exact, so ordinary columns are the
    same bits and the cross-products of huge or tiny ones stay finite."""
    k = X.shape[1]
    if X.shape[0] == 0 or k == 0:
        return np.ones(k)
    with np.errstate(invalid="ignore"):
        top = np.max(np.abs(X), axis=0)
    exponent = np.frexp(np.where(np.isfinite(top) & (top > 0), top, 1.0))[1]
    scale = np.ldexp(1.0, -exponent)
    return np.where(np.abs(exponent) > SCALE_LIMIT, scale, 1.0)


def independent_candidates(C: np.ndarray, constant: bool) -> np.ndarray:
    """Which columns of C to keep, in order (constant first, when present) -- mlm's _rmcoll: see
    ``independent_columns``, on the cross-products of the (centred, with a constant)
    columns (huge or tiny columns scaled by a power of two, which changes no rank decision).
    Forming C'C is one BLAS product, so wide designs on many rows stay fast; the columns of a
    large factor interaction, mostly zeros, are multiplied as a sparse matrix."""
    K = C.shape[1]
    if K == 0 or C.shape[0] == 0:
        return np.zeros(K, dtype=bool)
    if K < BLOCK:
        return independent_columns(_dense_cross_products(C, constant))
    from mlmcli.mixed.blas_threads import single_threaded_blas

    with single_threaded_blas():  # OpenBLAS's threads slow a busy 2-core machine (blas_threads)
        return independent_columns(cross_products(C, constant))


def cross_products(C: np.ndarray, constant: bool) -> np.ndarray:
    """C'C of the columns (centred when ``constant``), the sparse columns -- at most
    ``SPARSE_SHARE`` of rows non-zero, values within 2^+-100 -- through a sparse product: their
    centred cross-products are S'S - n m m' (for indicators: counts, exact) and S'D with the
    centred others; the other columns as ``_dense_cross_products``."""
    n, K = C.shape
    with np.errstate(invalid="ignore"):
        top = np.maximum(np.abs(np.max(C, axis=0)), np.abs(np.min(C, axis=0)))
    sparse = ((np.count_nonzero(C, axis=0) <= SPARSE_SHARE * n)
              & (top < 2.0 ** 100) & (top > 2.0 ** -100))  # their scale is 1, centred or not
    if np.count_nonzero(sparse) < BLOCK:
        return _dense_cross_products(C, constant)
    from scipy.sparse import csc_matrix

    sp, dense = np.flatnonzero(sparse), np.flatnonzero(~sparse)
    S = csc_matrix(C[:, sp] if dense.size else C)
    SS = (S.T @ S).toarray()
    if constant:
        mean = np.asarray(S.sum(axis=0)).ravel() / n
        for rows in range(0, sp.size, BLOCK):  # in place: no second K x K array
            SS[rows:rows + BLOCK] -= n * np.outer(mean[rows:rows + BLOCK], mean)
    if not dense.size:
        return SS
    G = np.empty((K, K))
    G[np.ix_(sp, sp)] = SS
    del SS
    D = _scaled_columns(C[:, dense], constant)
    SD = np.asarray(S.T @ D)
    if constant:  # D's columns sum to zero but for rounding: S'D is then centred on both sides
        SD -= np.outer(mean, D.sum(axis=0))
    G[np.ix_(sp, dense)] = SD
    G[np.ix_(dense, sp)] = SD.T
    G[np.ix_(dense, dense)] = D.T @ D
    return G


def _dense_cross_products(C: np.ndarray, constant: bool) -> np.ndarray:
    Cc = _scaled_columns(C, constant)
    return Cc.T @ Cc


def _scaled_columns(C: np.ndarray, constant: bool) -> np.ndarray:
    """The columns, centred when ``constant``, huge or tiny ones scaled by a power of two."""
    with np.errstate(over="ignore", invalid="ignore"):
        Cc = C - C.mean(axis=0) if constant else C
    if not np.all(np.isfinite(Cc)) and np.all(np.isfinite(C)):  # columns near 1e307: their sums overflow
        C = C * power_of_two_column_scales(C)
        Cc = C - C.mean(axis=0) if constant else C
    scale = power_of_two_column_scales(Cc)  # huge or tiny columns: C'C stays finite
    if np.any(scale != 1.0):
        Cc = Cc * scale
    return Cc


def independent_columns(G: np.ndarray) -> np.ndarray:
    """Sweep the cross-product matrix G of the candidate columns (centred when the model
    has a constant): column j is kept when its residual sum of squares on the kept columns,
    G_jj - g_j' G_kk^-1 g_j, exceeds ``COLLINEAR_TOL`` times G_jj.

    A left-looking blocked Cholesky over the kept columns, left to right: a block of
    ``BLOCK`` columns is brought up to date with the kept columns before it in one matrix
    product, its columns are decided one by one on the (small) block, and the rows below it
    follow from one triangular solve -- the same residuals as one solve per column, with the
    work in BLAS-3 (an 80x80 interaction has ~2,400 candidate columns)."""
    from scipy.linalg.blas import dtrsm

    G = np.asarray(G, dtype=float)
    K = G.shape[0]
    keep = np.zeros(K, dtype=bool)
    own = np.diagonal(G)
    L = np.zeros((K, K))  # column t: the t-th kept column's Cholesky factor (rows: candidates)
    r = 0  # kept so far
    for start in range(0, K, BLOCK):
        stop = min(start + BLOCK, K)
        A = G[start:, start:stop].copy()  # the block's columns, rows from the block down
        if r:
            A -= L[start:, :r] @ L[start:stop, :r].T
        square = A[:stop - start]
        kept: list[int] = []
        for c in range(stop - start):
            gjj = float(own[start + c])
            if gjj <= 0.0:
                continue
            rss = float(square[c, c])
            if rss <= COLLINEAR_TOL * gjj:
                continue
            col = square[c:, c] / np.sqrt(rss)
            square[c + 1:, c + 1:] -= np.outer(col[1:], col[1:])
            L[start + c:stop, r + len(kept)] = col
            kept.append(c)
        if not kept:
            continue
        keep[start + np.asarray(kept)] = True
        if stop < K:  # rows below: L_below L_block' = A_below on the block's kept columns
            L_block = L[start:stop, r:r + len(kept)][kept]
            L[stop:, r:r + len(kept)] = dtrsm(1.0, L_block, A[stop - start:, kept], side=1, lower=1, trans_a=1)
        r += len(kept)
    return keep


def independent_by_qr(X: np.ndarray, tol: float = COLLINEAR_TOL) -> np.ndarray:
    """Which columns of X (no constant added) are independent, in order, from a QR decomposition
    of the columns rather than their cross-products: column j is dropped when its squared
    distance from the kept columns before it is at most ``tol`` of its own sum of squares.  The
    cross-products square the condition number: transformed wave dummies whose dependence has
    weights near rho^-T left a residual of 1e-8 of the column's own sum of squares there, which
    is rounding, and the sweep kept the column.  Repeated after each drop, so an arbitrary
    direction of a dependent column never carries a later one."""
    X = np.asarray(X, float)
    keep = np.ones(X.shape[1], dtype=bool)
    own = np.einsum("ij,ij->j", X, X)
    keep &= own > 0
    while keep.any():
        idx = np.flatnonzero(keep)
        R = np.linalg.qr(X[:, idx] / np.sqrt(own[idx]), mode="r")
        small = np.abs(np.diag(R)) ** 2 <= tol
        if not small.any():
            break
        keep[idx[np.argmax(small)]] = False
    return keep
