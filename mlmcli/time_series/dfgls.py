"""The DF-GLS test of Elliott, Rothenberg and Stock as dfgls.ado (1.1.1, Stata 16 tree) computes it.

x is the series over its sample (n rows, consecutive periods).  With alpha = 1 + cbar/n (cbar
-13.5 with a trend, -7 without), the quasi-differenced regression (no constant)

    x_1, x_t - alpha x_{t-1}   on   1, 1 - alpha   (and  d_1, d_t - alpha d_{t-1},  d_t = t)

gives the GLS trend; dty = x - b_1 - b_2 t.  The first maxlag + 1 rows are then set aside and for
k = maxlag, ..., 1 (or 0) the regression of D.dty on L.dty and DL(1/k).dty without constant gives
the DF-GLS statistic (the t of L.dty), RMSE = sqrt(RSS/N), the p-value of the last lag's t (the
Ng-Perron sequential t: the first k from maxlag down with p < .10), SC = ln(RMSE^2) + (k+1) ln(N)/N
and MAIC = ln(RMSE^2) + 2(tau_k + k)/N, tau_k = b^2 sum (L.dty)^2 / RMSE^2 (the sum over the rows
after the first maxlag).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.distributions import t as t_dist


@dataclass
class DfglsLag:
    lag: int
    statistic: float
    rmse: float
    p_last: float
    sc: float
    maic: float
    residuals: np.ndarray


def dfgls(x: np.ndarray, maxlag: int, trend: bool) -> tuple[int, list[DfglsLag]]:
    """(N of the ADF regressions, one DfglsLag per k = maxlag .. 1, or k = 0 alone)."""
    n0 = x.size
    alpha = 1 + (-13.5 if trend else -7.0) / n0
    t = np.arange(1, n0 + 1, dtype=float)
    y = np.concatenate([[x[0]], x[1:] - alpha * x[:-1]])
    Z = [np.concatenate([[1.0], np.full(n0 - 1, 1 - alpha)])]
    if trend:
        Z.append(np.concatenate([[t[0]], t[1:] - alpha * t[:-1]]))
    Z = np.column_stack(Z)
    g = np.linalg.lstsq(Z, y, rcond=None)[0] if np.all(np.isfinite(Z)) else np.zeros(Z.shape[1])
    dty = x - g[0] - (g[1] * t if trend else 0.0)
    sldty2 = float(np.sum(dty[maxlag - 1:n0 - 1] ** 2)) if maxlag >= 1 else float(np.sum(dty[:-1] ** 2))
    d = np.diff(dty)  # d[i] = dty[i+1] - dty[i]
    rows = np.arange(maxlag + 1, n0)  # the final sample (0-based positions in x)
    N = rows.size
    out = []
    for k in (range(maxlag, 0, -1) if maxlag > 0 else [0]):
        cols = [dty[rows - 1]] + [d[rows - 1 - j] for j in range(1, k + 1)]
        X = np.column_stack(cols)
        yy = d[rows - 1]
        XtX_inv = np.linalg.pinv(X.T @ X)  # a constant series: zero columns, missing statistics
        b = XtX_inv @ (X.T @ yy)
        e = yy - X @ b
        rss = float(e @ e)
        df = N - X.shape[1]
        with np.errstate(invalid="ignore", divide="ignore"):
            se = np.sqrt(np.diag(XtX_inv) * rss / df)
            se[se == 0] = np.nan
            rmse = np.sqrt(rss / N)
            stat = float(b[0] / se[0])
            p_last = float(2 * t_dist.sf(abs(b[-1] / se[-1]), df)) if k else float("nan")
            sc = float(np.log(rmse ** 2) + (k + 1) * np.log(N) / N)
            tau = b[0] ** 2 * sldty2 / rmse ** 2
            maic = float(np.log(rmse ** 2) + 2 * (tau + k) / N)
        out.append(DfglsLag(k, stat, float(rmse), p_last, sc, maic, e))
    return N, out
