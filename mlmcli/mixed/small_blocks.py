"""Batched algebra on many small matrices stored group-last: an array of shape (a, b, G)
holds G matrices of a x b, entry (i, j) of all of them in the contiguous vector X[i, j].

Products are einsum contractions over the tiny matrix indices, one pass over the groups;
the Cholesky factor and triangular inverse are short Python loops over the matrix indices
whose body is one vector operation over the G groups (the closed-form formulas written
component-wise).  For the q <= 3 blocks of random-effects terms that is far cheaper than
numpy's stacked ``matmul``/``cholesky`` on (G, q, q), whose per-matrix overhead dominates
when G is large.

    bmm(X, Y)[i, j]     = sum_k X[i, k] Y[k, j]                    (per group)
    btmm(X, Y)[i, j]    = sum_k X[k, i] Y[k, j]            = X'Y   (per group)
    lmul(M, X)          = M X   with one fixed matrix M (one BLAS product)
    rmul(X, M)          = X M   with one fixed matrix M
    cholesky(A)         = L, L L' = A, lower triangular (A symmetric positive definite)
    tri_inverse(L)      = L^-1 (lower triangular)
"""
from __future__ import annotations

import numpy as np


def bmm(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Per-group product X_g Y_g of (a, k, G) and (k, b, G)."""
    return np.einsum("ikg,kjg->ijg", X, Y)


def btmm(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Per-group product X_g' Y_g of (k, a, G) and (k, b, G)."""
    return np.einsum("kig,kjg->ijg", X, Y)


def lmul(M: np.ndarray, X: np.ndarray) -> np.ndarray:
    """M X_g for every group, M (a, k) fixed, X (k, b, G)."""
    k, b, G = X.shape
    return (M @ X.reshape(k, b * G)).reshape(M.shape[0], b, G)


def rmul(X: np.ndarray, M: np.ndarray) -> np.ndarray:
    """X_g M for every group, X (a, k, G), M (k, b) fixed."""
    return np.einsum("ikg,kj->ijg", X, M)


def cholesky(A: np.ndarray) -> np.ndarray:
    """Lower Cholesky factor of each (q, q) block of A (q, q, G); NaN where a block is not
    positive definite."""
    q, _, G = A.shape
    L = np.zeros_like(A)
    for j in range(q):
        s = A[j, j].copy()
        for k in range(j):
            s -= L[j, k] * L[j, k]
        with np.errstate(invalid="ignore"):
            L[j, j] = np.sqrt(s)
        inv = 1.0 / L[j, j]
        for i in range(j + 1, q):
            s = A[i, j].copy()
            for k in range(j):
                s -= L[i, k] * L[j, k]
            L[i, j] = s * inv
    return L


def tri_inverse(L: np.ndarray) -> np.ndarray:
    """Inverse of each lower-triangular (q, q) block of L (q, q, G)."""
    q = L.shape[0]
    out = np.zeros_like(L)
    for j in range(q):
        out[j, j] = 1.0 / L[j, j]
        for i in range(j + 1, q):
            s = L[i, j] * out[j, j]
            for k in range(j + 1, i):
                s += L[i, k] * out[k, j]
            out[i, j] = -s / L[i, i]
    return out


def transpose(X: np.ndarray) -> np.ndarray:
    """Per-group transpose (a view)."""
    return np.swapaxes(X, 0, 1)


def group_sum(X: np.ndarray) -> np.ndarray:
    """sum over groups of X (a, b, G) -> (a, b)."""
    return X.sum(axis=2)


def sum_outer(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """sum_g X_g Y_g' of (a, k, G) and (b, k, G): one BLAS product."""
    a, k, G = X.shape
    b = Y.shape[0]
    return X.reshape(a, k * G) @ Y.reshape(b, k * G).T


def sum_inner(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """sum_g X_g' Y_g of (k, a, G) and (k, b, G)."""
    return np.einsum("kig,kjg->ij", X, Y)


def parent_sum(X: np.ndarray, parent: np.ndarray, n_parent: int) -> np.ndarray:
    """Sum the blocks of X (a, b, G) into their parent groups: (a, b, n_parent)."""
    a, b, G = X.shape
    out = np.empty((a, b, n_parent))
    for i in range(a):
        for j in range(b):
            out[i, j] = np.bincount(parent, weights=X[i, j], minlength=n_parent)
    return out
