"""Ordinary (weighted) least squares as Stata's ``regress`` computes it.

Pure numbers: takes y, X (estimable columns, constant last when present) and
weights; returns an ``OLSFit``.  Never prints, never sees the Session.

Formulas (W = diag(w); fweights count observations, iweights are used as given,
aweights/pweights are rescaled to sum to the number of observations,
pweights imply the robust VCE):

    b    = (X'WX)^-1 X'Wy,          e = y - Xb
    RSS  = sum w e^2,  TSS = sum w (y - ybar_w)^2  (sum w y^2 without constant)
    MSS  = TSS - RSS,  df_m = k - c,  df_r = N - k  (c = 1 with a constant)
    F    = (MSS/df_m) / (RSS/df_r),   R2 = MSS/TSS,
    adjR2 = 1 - (1 - R2)(N - c)/df_r,  rmse = sqrt(RSS/df_r)
    ll   = -N/2 (1 + ln(2 pi) + ln(RSS/N)),  ll_0 likewise with TSS (w/ constant)
    V    = rmse^2 (X'WX)^-1                                  (vce ols)
    V    = N/(N-k) (X'WX)^-1 [sum w_i^2 e_i^2 x_i x_i'] (X'WX)^-1   (robust)
    V    = G/(G-1) (N-1)/(N-k) (X'WX)^-1 [sum_g u_g u_g'] (X'WX)^-1,
           u_g = sum_{i in g} w_i e_i x_i, and df_r = G - 1     (cluster)
    With robust/cluster, F is the Wald statistic b'V^-1 b / df_m over the
    non-constant coefficients.
t = b/se on df_r degrees of freedom; CIs b +- t_{(1+level/100)/2, df_r} se.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class OLSFit:
    b: np.ndarray
    V: np.ndarray
    se: np.ndarray
    t: np.ndarray
    p: np.ndarray
    ci_lo: np.ndarray
    ci_hi: np.ndarray
    N: float  # number of observations (sum of fweights)
    df_m: int
    df_r: float
    mss: float
    rss: float
    tss: float
    F: float
    p_F: float
    r2: float
    r2_a: float
    rmse: float
    ll: float
    ll_0: float
    rank: int
    vce: str  # ols | robust | cluster
    n_clusters: int | None = None
    level: float = 95.0
    residuals: np.ndarray | None = None


def fit_ols(y: np.ndarray, X: np.ndarray, constant: bool = True, weight: np.ndarray | None = None,
            weight_kind: str | None = None, vce: str = "ols", cluster: np.ndarray | None = None,
            level: float = 95.0) -> OLSFit:
    """Least squares fit (see module docstring).  X's columns must be of full rank."""
    y = np.asarray(y, dtype=float)
    X = np.asarray(X, dtype=float)
    n_rows, k = X.shape
    if weight is None:
        w = np.ones(n_rows)
        N = float(n_rows)
    else:
        w = np.asarray(weight, dtype=float)
        if weight_kind in ("fweight", "iweight"):  # iweights: taken as given, not rescaled
            N = float(w.sum())
        else:  # aweight / pweight / iweight-like: normalise to the number of rows
            w = w * (n_rows / w.sum())
            N = float(n_rows)
    if weight_kind == "pweight" and vce == "ols":
        vce = "robust"
    XtWX = X.T @ (X * w[:, None])
    XtWy = X.T @ (w * y)
    XtWX_inv = np.linalg.inv(XtWX) if k else np.zeros((0, 0))
    b = XtWX_inv @ XtWy if k else np.zeros(0)
    e = y - X @ b
    rss = float(np.sum(w * e * e))
    c = 1 if constant else 0
    if constant:
        ybar = float(np.sum(w * y) / np.sum(w))
        tss = float(np.sum(w * (y - ybar) ** 2))
    else:
        tss = float(np.sum(w * y * y))
    mss = tss - rss
    df_m = k - c
    df_r = N - k
    rmse = float(np.sqrt(rss / df_r)) if df_r > 0 else float("nan")
    n_clusters = None
    if vce == "ols":
        V = (rmse ** 2) * XtWX_inv if df_r > 0 else np.full((k, k), np.nan)
    else:
        scores = X * (w * e)[:, None]
        if vce == "cluster":
            codes = np.asarray(cluster)
            _, inv = np.unique(codes, return_inverse=True)
            G = int(inv.max()) + 1 if inv.size else 0
            U = np.zeros((G, k))
            np.add.at(U, inv, scores)
            meat = U.T @ U
            factor = G / (G - 1) * (N - 1) / (N - k) if G > 1 else float("nan")
            n_clusters = G
            df_r = G - 1
        else:
            if weight_kind == "fweight":  # w copies of each observation
                meat = X.T @ (X * (w * e * e)[:, None])
            else:
                meat = scores.T @ scores
            factor = N / (N - k) if N > k else float("nan")
        V = factor * XtWX_inv @ meat @ XtWX_inv
    se = np.sqrt(np.clip(np.diag(V), 0, None)) if k else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = b / se
    df_t = df_r if df_r > 0 else np.nan
    p = 2 * stats.t.sf(np.abs(t), df_t)
    q = stats.t.ppf(0.5 + level / 200.0, df_t)
    r2 = mss / tss if tss > 0 else float("nan")
    r2_a = 1 - (1 - r2) * (N - c) / (N - k) if N > k else float("nan")
    if df_m > 0:
        if vce == "ols":
            F = (mss / df_m) / (rss / (N - k)) if rss > 0 else float("nan")
        else:
            idx = slice(0, k - c)
            bb = b[idx]
            try:
                F = float(bb @ np.linalg.solve(V[idx, idx], bb) / df_m)
            except np.linalg.LinAlgError:
                F = float("nan")
        p_F = float(stats.f.sf(F, df_m, df_r)) if np.isfinite(F) else float("nan")
    else:
        F = p_F = float("nan")
    ll = -0.5 * N * (1 + np.log(2 * np.pi) + np.log(rss / N)) if rss > 0 else float("nan")
    ll_0 = -0.5 * N * (1 + np.log(2 * np.pi) + np.log(tss / N)) if constant and tss > 0 else float("nan")
    return OLSFit(b=b, V=V, se=se, t=t, p=p, ci_lo=b - q * se, ci_hi=b + q * se, N=N, df_m=df_m,
                  df_r=float(df_r), mss=mss, rss=rss, tss=tss, F=float(F), p_F=p_F, r2=float(r2),
                  r2_a=float(r2_a), rmse=rmse, ll=float(ll), ll_0=float(ll_0), rank=k, vce=vce,
                  n_clusters=n_clusters, level=level, residuals=e)
