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
    XX = X.T @ (X * w[:, None])
    A = XX.copy()
    for j, r in enumerate(reliab):
        if r < 1:
            centred = XX[j, j] - (X[:, j] @ w) ** 2 / N
            A[j, j] -= (1 - r) * centred
    try:
        Ainv = np.linalg.inv(A)
    except np.linalg.LinAlgError:
        raise StataError("reliability r() too small", 399) from None
    b = Ainv @ (X.T @ (w * y))
    explained = float(b @ A @ b)
    yy = float(y @ (w * y))
    k = X.shape[1]
    df_r = N - k
    sigma2 = (yy - explained) / df_r
    ym2 = float(y @ w) ** 2 / N
    r2 = (explained - ym2) / (yy - ym2)
    V = sigma2 * Ainv @ XX @ Ainv
    V = (V + V.T) / 2
    if np.any(np.diag(V) <= 0) or r2 >= 1:
        raise StataError("reliability r() too small", 399)
    return EivFit(b=b, V=V, sigma2=sigma2, r2=r2, N=N, df_r=df_r)
