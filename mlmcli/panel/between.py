"""The between estimator, ``xtreg, be`` ([XT] xtreg, Methods and formulas): OLS of the
panel means ybar_i on xbar_i (one observation per panel), or with ``wls`` and unequal
panel sizes weighted least squares with analytic weights T_i.  The regression's own
statistics are reported (F on (K, n-K-1), R2 = R2 between, root MSE = the standard
deviation of u_i + avg(e_i.)); R2 within and overall are squared correlations of
x b with y (``goodness_of_fit``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.panel.centred_fit import fit_centred_ols
from mlmcli.panel.goodness_of_fit import squared_correlation
from mlmcli.panel.groups import Panels


def fit_between(y: np.ndarray, X: np.ndarray, panels: Panels, *, wls: bool = False,
                level: float = 95.0) -> dict:
    """Between fit of y on X (estimable columns of the means, no constant column)."""
    if panels.n <= X.shape[1] + 1:
        from mlmcli.errors import StataError

        raise StataError("insufficient observations", 2001)
    ybar = panels.means(y)
    Xbar = panels.means(X) if X.shape[1] else np.empty((panels.n, 0))
    weighted = wls and not panels.balanced
    w = panels.sizes if weighted else None
    # on the centred means, the grand means put back in _cons (centred_fit: a regressor near 1e9)
    grand_y = float(np.average(ybar, weights=w))
    grand_X = np.average(Xbar, axis=0, weights=w) if X.shape[1] else np.zeros(0)
    ols = fit_centred_ols(ybar - grand_y, Xbar - grand_X, grand_y, grand_X, weight=w,
                          weight_kind="aweight" if weighted else None, level=level)
    K = X.shape[1]
    b = ols.b
    xb = X @ b[:K] + b[K] if K else np.full(len(y), b[0])
    r2_w = squared_correlation(panels.within(xb), panels.within(y))
    out = {
        "b": b, "V": ols.V, "N": float(len(y)), "N_g": float(panels.n), "mss": ols.mss, "rss": ols.rss,
        "df_m": float(ols.df_m), "df_r": float(ols.df_r), "ll": ols.ll, "ll_0": ols.ll_0, "r2": ols.r2,
        "r2_a": ols.r2_a, "F": ols.F, "p": ols.p_F, "rmse": ols.rmse, "r2_b": ols.r2,
        "r2_w": r2_w, "r2_o": squared_correlation(xb, y),
    }
    return out
