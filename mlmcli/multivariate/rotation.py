"""Varimax and promax rotations of a loading matrix, with Stata's rotatemat conventions.

Varimax maximizes the varimax criterion over orthogonal T (Kaiser's algorithm by successive
SVDs, as R's stats::varimax); ``normalize`` applies Kaiser's row normalization first.
Promax(power) follows Hendrickson and White as R's stats::promax does: varimax, then the
least-squares fit of the loadings to the target L |L|^(power-1), with columns scaled so the
factors have unit variance.  Stata's _rotate_mat is built in; that it computes promax the
same way (target from the varimax loadings without row normalization) is the assumption
checked against R in the tests.  Finally rotatemat's Order: columns signed to a positive
sum and put in decreasing order of their sums of squares (L1 norm when those are all equal).
"""
from __future__ import annotations

import numpy as np


def _varimax(A: np.ndarray, normalize: bool, tol: float = 1e-10, iterations: int = 1000):
    p, k = A.shape
    if k < 2:
        return A.copy(), np.eye(k)
    scale = np.sqrt((A ** 2).sum(axis=1)) if normalize else np.ones(p)
    X = A / scale[:, None]
    T = np.eye(k)
    d = 0.0
    for _ in range(iterations):
        Z = X @ T
        B = X.T @ (Z ** 3 - Z @ np.diag((Z ** 2).sum(axis=0)) / p)
        U, s, Vt = np.linalg.svd(B)
        T = U @ Vt
        d_old, d = d, s.sum()
        if d < d_old * (1 + tol):
            break
    return (X @ T) * scale[:, None], T


def _order(AT: np.ndarray, T: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    signs = np.where(AT.sum(axis=0) < 0, -1.0, 1.0)
    AT, T = AT * signs, T * signs
    norms = (AT ** 2).sum(axis=0)
    if np.all(np.abs(norms - norms[0]) <= 1e-8 * np.maximum(np.abs(norms[0]), 1.0)):
        norms = np.abs(AT).sum(axis=0)
    order = np.argsort(-norms, kind="stable")
    return AT[:, order], T[:, order]


def varimax(A: np.ndarray, normalize: bool) -> tuple[np.ndarray, np.ndarray]:
    """(rotated loadings AT = A T, orthogonal T), in rotatemat's order and signs."""
    AT, T = _varimax(A, normalize)
    return _order(AT, T)


def promax(A: np.ndarray, power: float, normalize: bool) -> tuple[np.ndarray, np.ndarray]:
    """(rotated loadings AT, T with AT = A inv(T')), rotatemat's T = (A'A) inv(AT'A)."""
    V, _ = _varimax(A, normalize)
    target = V * np.abs(V) ** (power - 1)
    U = np.linalg.lstsq(V, target, rcond=None)[0]
    U = U @ np.diag(np.sqrt(np.diag(np.linalg.inv(U.T @ U))))
    AT = V @ U
    T = (A.T @ A) @ np.linalg.inv(AT.T @ A)
    return _order(AT, T)
