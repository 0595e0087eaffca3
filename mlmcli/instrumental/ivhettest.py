"""``ivhettest`` (SSC; Schaffer): Pagan and Hall's (1983) heteroskedasticity tests after IV, as
ivhettest.ado 1.1.9 computes them (White's 1982 notation, sample moments over N):

    e the residuals, sigma2 = mean(e^2), mu3 = mean(e^3), mu4 = mean(e^4); psi the indicator
    variables in mean deviations (p columns, collinear ones dropped); Xh the regressors with the
    endogenous ones replaced by their fitted values on the instruments (and a constant);
    D = psi'(e^2 - sigma2)/N, G = psi'(X e)/N, Q = (Xh'Xh/N)^-1,
    B1 = (mu4 - sigma2^2) psi'psi/N (normal errors: 2 sigma2^2 psi'psi/N),
    B2 = -2 mu3 (psi'Xh/N) Q G', B3 = B2', B4 = 4 sigma2 G Q G';
    H = N D' B^-1 D with B = B1+B2+B3+B4 (Pagan-Hall), B1+B4 (symmetry), B1n+B4 (normality),
    B1 (White/Koenker nR2), B1n (Breusch-Pagan/Godfrey/Cook-Weisberg); chi2 on p df.
"""
from __future__ import annotations

import numpy as np

from mlmcli import distributions as stats


def independent_columns(A: np.ndarray, tol: float = 1e-10) -> np.ndarray:
    """_rmcoll: the columns of A (left to right) not collinear with earlier ones (constant kept
    apart: a column with no variation is dropped, as after mean deviation)."""
    keep: list[int] = []
    for j in range(A.shape[1]):
        col = A[:, j] - A[:, j].mean()
        if not np.any(np.abs(col) > tol * (1 + np.abs(A[:, j]).max())):
            continue
        trial = A[:, keep + [j]] - A[:, keep + [j]].mean(axis=0)
        if np.linalg.matrix_rank(trial, tol=tol * max(1.0, np.abs(trial).max()) * len(trial)) == len(keep) + 1:
            keep.append(j)
    return np.array(keep, dtype=int)


def pagan_hall(e: np.ndarray, X: np.ndarray, Xh: np.ndarray, psi: np.ndarray, which: tuple[str, ...]) -> dict:
    """``which`` among ph, phsym, phnorm, nr2, bpg; returns r()'s statistics and p-values and df."""
    N = len(e)
    sigma2 = float(np.mean(e * e))
    mu3, mu4 = float(np.mean(e ** 3)), float(np.mean(e ** 4))
    psi = psi - psi.mean(axis=0)
    p = psi.shape[1]
    D = psi.T @ (e * e - sigma2) / N
    pp = psi.T @ psi
    Q = N * np.linalg.pinv(Xh.T @ Xh)
    G = psi.T @ (X * e[:, None]) / N
    B4 = 4 * sigma2 * G @ Q @ G.T
    B1 = (mu4 - sigma2 ** 2) * pp / N
    B1n = 2 * sigma2 ** 2 * pp / N
    B2 = -2 * mu3 * (psi.T @ Xh / N) @ Q @ G.T
    forms = {"ph": lambda: B1 + B2 + B2.T + B4, "phsym": lambda: B1 + B4, "phnorm": lambda: B1n + B4,
             "nr2": lambda: B1, "bpg": lambda: B1n}
    out = {"df": float(p)}
    for name in which:
        H = float(N * D @ np.linalg.pinv(forms[name]()) @ D)
        out[name], out[name + "p"] = H, float(stats.chi2.sf(H, p))
    return out
