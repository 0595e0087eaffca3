"""Which design columns are linearly independent, in order -- mlm's _rmcoll.

A column is dropped when its residual sum of squares on the columns kept before it is
below ``COLLINEAR_TOL`` of its own (centred, with a constant) sum of squares; the sweep runs on
the cross-product matrix, so wide designs on many rows cost one BLAS product
(``factor_variables.build_design``, ``glm.separation``, ``lazydata.nested_sums``).
"""
from __future__ import annotations

import numpy as np

COLLINEAR_TOL = 1e-9
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
    Forming C'C is one BLAS product, so wide designs on many rows stay fast."""
    K = C.shape[1]
    if K == 0 or C.shape[0] == 0:
        return np.zeros(K, dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):
        Cc = C - C.mean(axis=0) if constant else C
    if not np.all(np.isfinite(Cc)) and np.all(np.isfinite(C)):  # columns near 1e307: their sums overflow
        C = C * power_of_two_column_scales(C)
        Cc = C - C.mean(axis=0) if constant else C
    scale = power_of_two_column_scales(Cc)  # huge or tiny columns: C'C stays finite
    if np.any(scale != 1.0):
        Cc = Cc * scale
    return independent_columns(Cc.T @ Cc)


def independent_columns(G: np.ndarray) -> np.ndarray:
    """Sweep the cross-product matrix G of the candidate columns (centred when the model
    has a constant): column j is kept when its residual sum of squares on the kept columns,
    G_jj - g_j' G_kk^-1 g_j, exceeds ``COLLINEAR_TOL`` times G_jj."""
    K = G.shape[0]
    keep = np.zeros(K, dtype=bool)
    L = np.zeros((K, K))  # Cholesky factor of G over the kept columns
    idx: list[int] = []
    for j in range(K):
        gjj = float(G[j, j])
        if gjj <= 0.0:
            continue
        if idx:
            v = _forward(L[:len(idx), :len(idx)], G[idx, j])
            rss = gjj - float(v @ v)
        else:
            v, rss = np.zeros(0), gjj
        if rss <= COLLINEAR_TOL * gjj:
            continue
        k = len(idx)
        L[k, :k] = v
        L[k, k] = np.sqrt(rss)
        idx.append(j)
        keep[j] = True
    return keep


def _forward(L: np.ndarray, b: np.ndarray) -> np.ndarray:
    from scipy.linalg import solve_triangular

    return solve_triangular(L, b, lower=True, check_finite=False)


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
