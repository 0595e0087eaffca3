"""Varimax, promax and gradient-projection (oblimin, quartimin, quartimax) rotations of a
loading matrix, with Stata's rotatemat conventions.

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


# ---------------------------------------------------------------------- gradient projection
def _oblimin(L: np.ndarray, gamma: float):
    """Oblimin criterion and gradient (rotatemat's Oblimin; gamma 0 = quartimin)."""
    p, k = L.shape
    L2 = L ** 2
    X = (np.eye(p) - gamma * np.ones((p, p)) / p) @ L2 @ (np.ones((k, k)) - np.eye(k))
    return float(np.sum(L2 * X) / 4.0), L * X


def _quartimax(L: np.ndarray, gamma: float = 0.0):
    return float(-np.sum(L ** 4) / 4.0), -L ** 3


CRITERIA = {"oblimin": _oblimin, "quartimin": _oblimin, "quartimax": _quartimax}


def gradient_projection(A: np.ndarray, criterion: str, gamma: float, oblique: bool, normalize: bool,
                        tol: float = 1e-9, iterations: int = 10000) -> tuple[np.ndarray, np.ndarray, bool]:
    """Bernaards and Jennrich's GPF (rotatemat's GPFortho/GPFoblique) from T = I:
    (AT, T, converged) with AT = A T (orthogonal) or A inv(T') (oblique), in rotatemat's order.
    Iterates to a projected gradient below ``tol`` (tighter than rotatemat's 1e-6, so that the
    solution is the criterion's minimum to print precision), or until no step improves it."""
    crit = CRITERIA[criterion]
    scale = np.sqrt((A ** 2).sum(axis=1)) if normalize else np.ones(A.shape[0])
    X0 = A / scale[:, None]
    k = A.shape[1]
    T = np.eye(k)
    if oblique:
        L = X0 @ np.linalg.inv(T).T
        f, Gq = crit(L, gamma)
        G = -(L.T @ Gq @ np.linalg.inv(T)).T
    else:
        L = X0 @ T
        f, Gq = crit(L, gamma)
        G = X0.T @ Gq
    step, converged = 1.0, False
    for _ in range(iterations):
        if oblique:
            Gp = G - T @ np.diag((T * G).sum(axis=0))
        else:
            M = T.T @ G
            Gp = G - T @ ((M + M.T) / 2)
        s = np.linalg.norm(Gp)
        if s < tol:
            converged = True
            break
        step *= 2
        improved = False
        for _ in range(40):
            Y = T - step * Gp
            if oblique:
                Tt = Y / np.sqrt((Y ** 2).sum(axis=0))
                L = X0 @ np.linalg.inv(Tt).T
            else:
                U, _, Vt = np.linalg.svd(Y)
                Tt = U @ Vt
                L = X0 @ Tt
            ft, Gq = crit(L, gamma)
            if ft < f - 0.5 * s * s * step:
                improved = True
                break
            step /= 2
        if not improved:  # no productive step left: converged as far as the arithmetic allows
            converged = s < 1e-6  # rotatemat's gtolerance
            break
        T, f = Tt, ft
        G = -(L.T @ Gq @ np.linalg.inv(Tt)).T if oblique else X0.T @ Gq
    AT = L * scale[:, None]
    AT, T = _order(AT, T)
    return AT, T, converged
