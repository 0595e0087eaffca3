"""Errors-in-variables regression (Stata's ``eivreg``, [R] eivreg "Methods and formulas").

With X the regressors and the constant, w the weights (aweights scaled to sum to N, fweights
as given, else 1), N = sum w and r_j the assumed reliability of regressor j (1 when not given),

    A = X'WX - S,   S diagonal, S_jj = (1 - r_j) sum w (x_j - xbar_j)^2
    b = A^-1 X'Wy
    s^2 = (y'Wy - b'Ab) / (N - k)
    V = s^2 A^-1 (X'WX) A^-1

the variance Stata 13 reports (Stata 16's eivreg replaced it by a sandwich and kept this one
as ``oldstderrors``).  R-squared = (b'Ab - N ybar^2) / (y'Wy - N ybar^2).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class EivFit:
    b: np.ndarray
    V: np.ndarray
    sigma2: float
    r2: float
    N: float
    df_r: float


def fit_eiv(X: np.ndarray, y: np.ndarray, w: np.ndarray, reliab: np.ndarray) -> EivFit:
    """The fit of y on the columns of X (the last one the constant) with reliabilities ``reliab``."""
    N = float(w.sum())
    with np.errstate(over="ignore", invalid="ignore"):
        XX = X.T @ (X * w[:, None])
        Xy = X.T @ (w * y)
        yy = float(y @ (w * y))
    if not (np.all(np.isfinite(XX)) and np.all(np.isfinite(Xy)) and np.isfinite(yy)):
        # cross-products past the largest double: mat accum's missing values make the ado's R2
        # missing, and ``r2 >= 1`` holds for missing
        raise StataError("reliability r() too small", 399)
    A = XX.copy()
    for j, r in enumerate(reliab):
        if r < 1:
            centred = XX[j, j] - (X[:, j] @ w) ** 2 / N
            A[j, j] -= (1 - r) * centred
    try:
        Ainv = np.linalg.inv(A)
    except np.linalg.LinAlgError:
        raise StataError("reliability r() too small", 399) from None
    k = X.shape[1]
    df_r = N - k
    with np.errstate(over="ignore", invalid="ignore"):
        b = Ainv @ Xy
        explained = float(b @ A @ b)
        sigma2 = (yy - explained) / df_r
        ym2 = float(y @ w) ** 2 / N
        total = yy - ym2
        # a constant depvar: R-squared is 0/0, Stata's missing, and eivreg.ado's ``r2 >= 1`` holds for it
        r2 = (explained - ym2) / total if total != 0 else float("nan")
        V = sigma2 * Ainv @ XX @ Ainv
        V = (V + V.T) / 2
    if np.any(np.diag(V) <= 0) or not r2 < 1:
        raise StataError("reliability r() too small", 399)
    if not np.all(np.isfinite(V)):  # regressors near 1e-150: the ado's vv overflows, est post refuses it
        raise StataError("matrix has missing values", 504)
    return EivFit(b=b, V=V, sigma2=sigma2, r2=r2, N=N, df_r=df_r)
