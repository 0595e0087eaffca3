"""Autocorrelations, partial autocorrelations and the Ljung-Box Q as ac.ado, pac.ado and
corrgram.ado (Stata 16 tree) compute them.

``xm`` is x minus its mean over the sample (NaN outside it), ``lagged(v, k)`` is L{k}.v on the
tsset data (a gap or a row outside the sample: NaN):

    AC_k  = sum_t xm_t xm_{t-k} / sum_t xm_t^2
    PAC_k = the coefficient of L{k}.xm in the regression of xm on L(1/k).xm with a constant
            (missing when that coefficient has no standard error); yw: Durbin-Levinson on AC
    Q_k   = n (n + 2) sum_{j<=k} AC_j^2 / (n - j)
"""
from __future__ import annotations

import numpy as np


def _rescaled(xm: np.ndarray) -> np.ndarray:
    """xm over its largest magnitude: AC, PAC and the standardized residual variance are ratios
    that do not depend on the scale, and values near 1e307 would overflow their cross-products
    (regress rescales the same way)."""
    with np.errstate(all="ignore"):
        scale = float(np.nanmax(np.abs(xm))) if np.any(~np.isnan(xm)) else 0.0
    return xm / scale if np.isfinite(scale) and scale > 0 else xm


def autocorrelations(xm: np.ndarray, lagged, lags: int) -> np.ndarray:
    xm = _rescaled(xm)
    r0 = float(np.nansum(xm * xm))
    if r0 == 0:  # a constant series: Stata's division by zero, missing
        return np.full(lags, np.nan)
    return np.array([float(np.nansum(xm * lagged(xm, k))) / r0 for k in range(1, lags + 1)])


def regression_pac(xm: np.ndarray, lagged, lags: int) -> np.ndarray:
    return regression_pac_variances(xm, lagged, lags)[0]


def regression_pac_variances(xm: np.ndarray, lagged, lags: int) -> tuple[np.ndarray, np.ndarray]:
    """PAC_k and pac.ado's standardized residual variance of each regression,
    (N - 1) rmse^2 / sum xm^2 (both missing where PAC is)."""
    out, svar = np.full(lags, np.nan), np.full(lags, np.nan)
    xm = _rescaled(xm)
    r0 = float(np.nansum(xm * xm))
    columns = []
    for i in range(1, lags + 1):
        columns.append(lagged(xm, i))
        X = np.column_stack(columns + [np.ones(xm.size)])
        ok = ~np.isnan(xm) & ~np.isnan(X).any(axis=1)
        n, k = int(ok.sum()), X.shape[1]
        if n <= k:  # regress's r(2001): the lag is left missing
            continue
        Xo, yo = X[ok], xm[ok]
        XtX = Xo.T @ Xo
        if not np.all(np.isfinite(XtX)) or np.linalg.matrix_rank(XtX) < k:
            continue
        inv = np.linalg.inv(XtX)
        b = inv @ (Xo.T @ yo)
        e = yo - Xo @ b
        mse = float(e @ e) / (n - k)
        se = np.sqrt(mse * inv[i - 1, i - 1])
        if se != 0 and np.isfinite(se):
            out[i - 1] = b[i - 1]
            svar[i - 1] = (n - 1) * mse / r0 if r0 else np.nan
    return out, svar


def yule_walker_pac(ac: np.ndarray) -> np.ndarray:
    """Durbin-Levinson: phi_ss = (r_s - sum_j phi_{s-1,j} r_{s-j}) / (1 - sum_j phi_{s-1,j} r_j)."""
    lags = ac.size
    phi = np.zeros((lags, lags))
    phi[0, 0] = ac[0]
    for s in range(1, lags):
        prev = phi[s - 1, :s]
        phi[s, s] = (ac[s] - prev @ ac[s - 1::-1][:s]) / (1 - prev @ ac[:s])
        phi[s, :s] = prev - phi[s, s] * prev[::-1]
    return np.diag(phi).copy()


def ljung_box(ac: np.ndarray, n: int) -> np.ndarray:
    """Q at each lag (missing where AC is, as corrgram's ``if ac < .``)."""
    j = np.arange(1, ac.size + 1)
    return np.where(np.isnan(ac), np.nan, n * (n + 2) * np.cumsum(np.nan_to_num(ac) ** 2 / (n - j)))
