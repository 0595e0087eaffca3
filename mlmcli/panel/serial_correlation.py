"""Wooldridge's (2002, 10.4.1) test for first-order serial correlation in the idiosyncratic
errors of a linear panel model, as Drukker's (2003) ``xtserial`` computes it:

1. regress D.y on D.x (no constant), the standard errors clustered by panel; e the residuals
   (differences collinear with earlier ones omitted, as regress omits them: D. of a
   time-constant regressor is all zero);
2. regress e on L.e (no constant), clustered by panel;
3. the Wald test of the slope = -.5 (its value when e_it is serially uncorrelated):
   F(1, G - 1) = ((b + .5)/se)^2, G the clusters of the second regression.

Cluster-robust variances as Stata's regress: (X'X)^-1 (sum_g s_g s_g') (X'X)^-1 G/(G-1)
(N-1)/(N-k).  Differences and lags look one period (tsset's delta) back within the panel
(``time_series_ops.apply_operator``): a gap leaves them missing.  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich


@dataclass(frozen=True)
class SerialCorrelationTest:
    corr: float  # the slope of e on L.e
    F: float
    df: int
    df_r: int
    p: float


def _clustered_ols(y: np.ndarray, X: np.ndarray, clusters: np.ndarray):
    XtX_inv = np.linalg.inv(X.T @ X)
    b = XtX_inv @ (X.T @ y)
    u = y - X @ b
    codes, G = cluster_index(clusters)
    n, k = X.shape
    V = cluster_sandwich(XtX_inv, X * u[:, None], codes, extra=(n - 1) / (n - k), n_clusters=G)  # G/(G-1) (n-1)/(n-k)
    return b, V, u, G


def wooldridge_test(y: np.ndarray, X: np.ndarray, panel: np.ndarray, time: np.ndarray, delta: float,
                    rows: np.ndarray) -> SerialCorrelationTest:
    """``y``, ``X`` (columns), ``panel`` and ``time`` over every row of the data; ``rows`` the
    sample (marksample's: ``regress d.(varlist) if touse`` differences a sample row with the
    previous period's values whether or not that row is in the sample; the residuals exist on
    the first regression's rows only, so their lag needs the previous row there too); raises
    ValueError when a regression has no observations."""
    from mlmcli.distributions import f as f_dist
    from mlmcli.time_series_ops import apply_operator

    dy = apply_operator("D", y, panel, time, delta)
    dX = np.column_stack([apply_operator("D", X[:, j], panel, time, delta) for j in range(X.shape[1])])
    first = rows & ~np.isnan(dy) & ~np.isnan(dX).any(axis=1)
    if first.sum() < 2:
        raise ValueError("first regression")
    # regress omits collinear differences (D. of a time-constant regressor, e.g. xi's panel
    # dummies, is all zero); the residuals are those of the columns kept
    from mlmcli.collinear_columns import independent_candidates

    keep = independent_candidates(dX[first], constant=False)
    if not keep.any():
        raise ValueError("first regression")
    b, _, u, _ = _clustered_ols(dy[first], dX[first][:, keep], panel[first])
    e = np.full(len(y), np.nan)
    e[first] = u
    lag = apply_operator("L", e, panel, time, delta)
    second = first & ~np.isnan(lag)
    if second.sum() < 2:
        raise ValueError("second regression")
    c, V, _, G = _clustered_ols(e[second], lag[second][:, None], panel[second])
    F = float((c[0] + 0.5) ** 2 / V[0, 0])
    return SerialCorrelationTest(float(c[0]), F, 1, G - 1, float(f_dist.sf(F, 1, G - 1)))
