"""Principal components of a correlation or covariance matrix (Stata's pcamat.ado), the
Kaiser-Meyer-Olkin measure, squared multiple correlations and component scores.

Eigenvalues below 1e-8 of the largest are set to zero; components are retained up to
components() and while their eigenvalue is at least mineigen() (default 1e-5).  The
unexplained variance of each variable is diag(C - L diag(ev) L') over the retained
components, values below 1e-6 in absolute value shown as 0 (Stata's chop).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.multivariate.eigen import symmetric_eigen


@dataclass(frozen=True)
class Components:
    C: np.ndarray
    eigenvalues: np.ndarray      # all, decreasing
    vectors: np.ndarray          # retained columns, each with a positive sum
    trace: float
    rho: float
    unexplained: np.ndarray
    lndet: float
    cond: float


def _chop(x: np.ndarray, tol: float) -> np.ndarray:
    return np.where(np.abs(x) < tol, 0.0, x)


def principal_components(C: np.ndarray, retain: int, mineigen: float) -> Components:
    values, vectors = symmetric_eigen(C)
    values = np.where(values / values[0] < 1e-8, 0.0, values)
    trace = float(values.sum())
    if abs(trace - round(trace)) < abs(trace) * 1e-6:  # pcamat: the trace as an integer when close
        trace = float(round(trace))
    with np.errstate(divide="ignore"):
        lndet = float(np.sum(np.log(values)))
        cond = float(np.sqrt(values[0] / values[-1])) if values[-1] > 0 else float("inf")
    nf = retain
    while nf > 0 and values[nf - 1] < mineigen:
        nf -= 1
    L = vectors[:, :nf]
    unexplained = _chop(np.diag(C - L @ np.diag(values[:nf]) @ L.T), 1e-6)
    rho = float(values[:nf].sum() / trace) if nf else 0.0
    return Components(C, values, L, trace, rho, unexplained, lndet, cond)


def kaiser_meyer_olkin(C: np.ndarray) -> tuple[np.ndarray, float]:
    """(each variable's KMO, the overall KMO) as corr_kmo.ado computes them from e(C): the
    partial correlations p from the inverse of C's correlation matrix, the squared off-diagonal
    elements of C itself (so after a covariance PCA covariances are summed, as Stata does):
    sum c^2 / (sum c^2 + sum p^2)."""
    sd = np.sqrt(np.diag(C))
    Rinv = np.linalg.inv(C / np.outer(sd, sd))
    d = np.sqrt(np.diag(Rinv))
    partial = Rinv / np.outer(d, d)
    off = ~np.eye(len(C), dtype=bool)
    c2 = np.where(off, C ** 2, 0.0)
    p2 = np.where(off, partial ** 2, 0.0)
    return c2.sum(axis=0) / (c2.sum(axis=0) + p2.sum(axis=0)), float(c2.sum() / (c2.sum() + p2.sum()))


def scoring_coefficients(loadings: np.ndarray) -> np.ndarray:
    """pca_p's scoring matrix Z = L (L'L)^-1 (the least-squares scores of U = A L')."""
    return loadings @ np.linalg.pinv(loadings.T @ loadings)
