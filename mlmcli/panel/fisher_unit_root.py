"""``xtunitroot fisher``: Choi's (2001) combinations of per-panel unit-root p-values, as
_xturfisher.ado (1.0.4, Stata 16 tree) computes them.

Each panel's p-value is dfuller's (MacKinnon's approximation for Z(t); Student's t on the
regression's residual degrees of freedom with drift) or pperron's (MacKinnon's for its Z(t)),
the panel's series taken through Stata's time-series operators (a gap makes a lag missing).
p-values below c(epsdouble) are raised to it; a missing p-value drops out of every sum.  With
N the p-values present:

    P  = -2 sum ln p            chi2(2N)
    Z  = sum invnormal(p) / sqrt(N)                      normal (lower tail)
    L* = sqrt(k) sum ln(p/(1-p)), k = 3(5N+3)/(pi^2 N (5N+2))   t(5N+4) (lower tail)
    Pm = sum(-2 ln p - 2) / (2 sqrt(N))                  normal (upper tail)

The engine never prints.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.distributions import chi2, norm
from mlmcli.distributions import t as t_dist
from mlmcli.results.panel_unit_root import FisherTest

EPS_DOUBLE = 2.0 ** -52


class PanelTestError(ValueError):
    """A panel's regression cannot be run (too few observations)."""


def _lag(values: np.ndarray, time: np.ndarray, delta: float, k: int) -> np.ndarray:
    """L{k}. of ``values`` on the panel's (sorted) times: missing where time - k delta is absent."""
    where = {t: i for i, t in enumerate(time)}
    out = np.full(values.shape, np.nan)
    for i, t in enumerate(time):
        j = where.get(t - k * delta)
        if j is not None:
            out[i] = values[j]
    return out


def _ols(y: np.ndarray, X: np.ndarray):
    """(b, se, residuals, df_r, rmse) of y on X (X holds the constant)."""
    n, k = X.shape
    if n < k:
        raise PanelTestError("insufficient observations")
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    u = y - X @ b
    df = n - k
    s2 = float(u @ u) / df if df else float("nan")  # regress with no residual df: missing se
    cov = s2 * np.linalg.pinv(X.T @ X)
    return b, np.sqrt(np.diag(cov)), u, df, math.sqrt(s2)


def _rescaled(y: np.ndarray) -> np.ndarray:
    """y over its largest magnitude when that is near the largest or smallest double: the
    cross-products of 1e307s overflowed to inf (pinv's SVD never returned) and those of 1e-200s
    underflowed to 0.  Z(t) and the Phillips-Perron statistic are free of the series' scale, so
    the statistics are those of the unscaled series."""
    finite = np.abs(y[np.isfinite(y)])
    big = float(finite.max()) if finite.size else 0.0
    return y / big if big > 1e100 or 0 < big < 1e-100 else y


def _trend(time: np.ndarray, present: np.ndarray) -> np.ndarray:
    """dfuller's/pperron's trend: t - min(t) over the rows where the series is present."""
    return time - np.min(time[present])


def dfuller_p(time: np.ndarray, y: np.ndarray, sample: np.ndarray, delta: float, lags: int, trend: bool,
              drift: bool) -> float:
    """A panel's dfuller p-value: D.y on L.y, LD.y ... L{lags}D.y (trend), constant.  ``time`` and
    ``y`` hold all the panel's rows (lags reach rows outside the sample, as Stata's operators
    do); the regression uses the rows of ``sample``."""
    from mlmcli.time_series.unit_root import mackinnon_p

    y = _rescaled(y)
    if lags >= y.size:  # every lag column missing (lags(2147483648) built them one by one: a hang)
        raise PanelTestError("no observations")
    dy = y - _lag(y, time, delta, 1)
    cols = [_lag(y, time, delta, 1)] + [_lag(dy, time, delta, j) for j in range(1, lags + 1)]
    if trend:
        cols.append(_trend(time, sample))
    X = np.column_stack(cols + [np.ones(y.size)])
    rows = sample & ~np.isnan(dy) & ~np.isnan(X).any(axis=1)
    if not rows.any():
        raise PanelTestError("no observations")
    b, se, _, df, _ = _ols(dy[rows], X[rows])
    with np.errstate(invalid="ignore", divide="ignore"):
        zt = float(np.float64(b[0]) / se[0])
    if np.isnan(zt):
        return float("nan")
    if drift:
        return float(t_dist.cdf(zt, df))
    return mackinnon_p(zt, "ct" if trend else "c")


def pperron_p(time: np.ndarray, y: np.ndarray, sample: np.ndarray, delta: float, lags: int, trend: bool) -> float:
    """A panel's pperron p-value: y on L.y (trend), constant; Z(t) with Newey-West ``lags``."""
    from mlmcli.time_series.unit_root import mackinnon_p

    y = _rescaled(y)
    ly = _lag(y, time, delta, 1)
    cols = [ly] + ([_trend(time, sample)] if trend else [])
    X = np.column_stack(cols + [np.ones(y.size)])
    rows = sample & ~np.isnan(y) & ~np.isnan(X).any(axis=1)
    if not rows.any():
        raise PanelTestError("no observations")
    b, se, u_rows, _, s = _ols(y[rows], X[rows])
    T = int(rows.sum())
    u = np.full(y.size, np.nan)
    u[rows] = u_rows
    gam0 = float(np.nansum(u * u)) / T
    lam = gam0
    for j in range(1, min(lags, y.size) + 1):  # u lagged past the panel's rows is all missing: adds 0
        lam += 2 * (1 - j / (lags + 1)) * float(np.nansum(u * _lag(u, time, delta, j))) / T
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.float64(T) * se[0] / s
        zt = float((b[0] - 1) / np.float64(se[0]) * np.sqrt(np.float64(gam0) / lam)
                   - 0.5 * (lam - gam0) * z / np.sqrt(lam))
    return float("nan") if np.isnan(zt) else mackinnon_p(zt, "ct" if trend else "c")


def combine(p_values, *, n_panels: int, n_obs: int, urtest: str, trend: bool, drift: bool, lags: int,
            balanced: bool, demean: bool, varname: str) -> FisherTest:
    """The four statistics over the p-values present (NaN: a panel without one)."""
    p = np.asarray(p_values, float)
    p = p[~np.isnan(p)]
    p = np.where(p < EPS_DOUBLE, EPS_DOUBLE, p)
    n = p.size
    with np.errstate(divide="ignore", invalid="ignore"):
        P = float(0.0 - 2 * np.log(p).sum())  # no p-values: 0, not -0
        Z = float(norm.ppf(p).sum() / math.sqrt(n)) if n else float("nan")
        k = 3 * (5 * n + 3) / (math.pi ** 2 * n * (5 * n + 2)) if n else float("nan")
        L = float(math.sqrt(k) * np.log(p / (1 - p)).sum()) if n else float("nan")
        Pm = float((-2 * np.log(p) - 2).sum() / (2 * math.sqrt(n))) if n else float("nan")
    return FisherTest(n_panels=n_panels, n_periods=n_obs / n_panels, N=int(round(n_obs)), balanced=balanced,
                      urtest=urtest, trend=trend, drift=drift, lags=lags, demean=demean, varname=varname,
                      P=P, df_P=2 * n, p_P=float(chi2.sf(P, 2 * n)), Z=Z, p_Z=float(norm.cdf(Z)),
                      L=L, df_L=5 * n + 4, p_L=float(t_dist.cdf(L, 5 * n + 4)), Pm=Pm, p_Pm=float(norm.sf(Pm)))
