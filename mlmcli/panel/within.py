"""The within (fixed-effects) estimator, ``xtreg, fe`` ([XT] xtreg, Methods and formulas):
OLS on

    y_it - ybar_i + ybar  =  alpha + (x_it - xbar_i + xbar) b + error

(ybar, xbar: grand means; with weights, constant within panels, every mean weighted).
With K estimable slopes, n panels and N observations:

    V      = s^2 (X~'X~)^-1,  s^2 = RSS / (N - n - K)   (the n - 1 absorbed means counted)
    V      robust / cluster: the regression's sandwich on the transformed data,
           G/(G-1) (N-1)/(N-K-1) (X~'X~)^-1 (sum_g u_g u_g') (X~'X~)^-1 (vce(robust) =
           clusters at the panels; panels must be nested in the clusters)
    F      = (MSS/K) / s^2 on (K, N-n-K)  (robust: the Wald F on (K, G-1))
    u_i    = ybar_i - xbar_i b - alpha;  sigma_u = sd(u_i) over panels;  sigma_e = s
    rho    = sigma_u^2 / (sigma_u^2 + sigma_e^2);  corr(u_i, Xb) over observations
    F_f    = ((R2 - R2c)/(n-1)) / ((1 - R2)/(N-n-K)),  R2 = 1 - RSS/TSS (dummy-variable
           regression), R2c = R2 of pooled OLS of y on the regressors that vary within
           some panel (the test that all u_i = 0)
    R2 within is the transformed regression's R2; between and overall are squared
    correlations (``goodness_of_fit``).
The transformed regression is solved on the centred columns y - ybar_i, x - xbar_i (QR, the
columns scaled by powers of two) and the grand means put back in _cons (``centred_fit``): with
them in X'X a regressor nearly collinear with the panel and time effects lost its digits.
"""
from __future__ import annotations

import numpy as np
from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from mlmcli.errors import StataError
from mlmcli.ols import fit_ols
from mlmcli.panel.centred_fit import fit_centred_ols
from mlmcli.panel.goodness_of_fit import correlation, squared_correlation
from mlmcli.panel.groups import Panels
from mlmcli.missing import stata_ratio


def fit_within(y: np.ndarray, X: np.ndarray, panels: Panels, *, varying: np.ndarray,
               weight: np.ndarray | None = None, weight_kind: str | None = None, vce: str = "conventional",
               cluster: np.ndarray | None = None, level: float = 95.0) -> dict:
    """The within fit of y on X (estimable slopes, no constant column: it is added).
    ``varying``: the candidate columns with within-panel variation (for R2c), on the same rows.
    Returns the numbers ``xtreg, fe`` stores (b and V with _cons last)."""
    N, K = len(y), X.shape[1]
    n = panels.n
    dfa = n - 1
    w = weight
    grand_y = np.average(y, weights=w) if w is not None else y.mean()
    grand_X = np.average(X, axis=0, weights=w) if (w is not None and K) else X.mean(axis=0)
    robust = vce in ("robust", "cluster")
    # the regression on the centred columns, the grand means put back in _cons (centred_fit)
    ols = fit_centred_ols(panels.within(y, w), panels.within(X, w) if K else X, grand_y, grand_X,
                          weight=w, weight_kind=weight_kind, vce="cluster" if robust else "ols",
                          cluster=cluster, level=level)
    dfr_ols = ols.N - K - 1
    dfe = dfr_ols - dfa
    if dfe <= 0:
        raise StataError("insufficient observations", 2001)
    s2 = ols.rss / dfe
    if robust:
        V = ols.V
        df_r = min(ols.N - 1 - K - dfa, ols.n_clusters - 1)
        F = ols.F
        df_m = K
    else:
        V = ols.V * (dfr_ols / dfe)
        df_r = dfe
        F = (ols.mss / K) / s2 if K and s2 > 0 else float("nan")
        df_m = dfa + K
    b = ols.b
    # u_i = mean(y) - mean(xb) over each panel's rows (unweighted, as Stata's xtreg_fe)
    xb = X @ b[:K] + b[K] if K else np.full(N, b[0])
    u_panel = panels.means(y) - panels.means(xb)
    sigma_u = float(np.std(u_panel, ddof=1)) if n > 1 else float("nan")
    sigma_e = float(np.sqrt(s2))
    corr = correlation(xb, panels.expand(u_panel))
    r2_o = squared_correlation(y, xb)
    r2_b = squared_correlation(panels.means(xb), panels.means(y)) if n > 1 else float("nan")
    tss = _total_ss(y, w, weight_kind)
    r2_lsdv = 1 - ols.rss / tss if tss > 0 else float("nan")
    r2c = _pooled_r2(y, varying, w, weight_kind)
    F_f = ((r2_lsdv - r2c) / dfa) / ((1 - r2_lsdv) / dfe) if dfa > 0 and r2_lsdv < 1 else float("nan")
    r2 = ols.r2
    out = {
        "b": b, "V": V,
        "N": float(ols.N), "N_g": float(n), "df_m": float(df_m), "df_r": float(df_r), "df_b": float(K),
        "df_a": float(dfa), "rss": ols.rss, "tss": tss, "mss": ols.mss, "r2": r2,
        "r2_a": 1 - (1 - r2) * (ols.N - 1) / (dfe if not robust else dfr_ols),
        "rmse": float(np.sqrt(ols.rss / (dfe if not robust else dfr_ols))),
        "ll": ols.ll, "ll_0": ols.ll_0, "F": float(F), "r2_w": r2, "r2_o": r2_o, "r2_b": r2_b,
        "sigma_u": sigma_u, "sigma_e": sigma_e, "sigma": float(np.hypot(sigma_u, sigma_e)),
        "rho": stata_ratio(sigma_u ** 2, sigma_u ** 2 + sigma_e ** 2), "corr": corr,
    }
    out["p"] = float(stats.f.sf(F, K, df_r)) if np.isfinite(F) and K else float("nan")
    if robust:
        out["N_clust"] = float(ols.n_clusters)
    else:
        out["F_f"] = float(F_f)
        out["p_f"] = float(stats.f.sf(F_f, dfa, dfe)) if np.isfinite(F_f) else float("nan")
    return out


def _total_ss(y, w, kind) -> float:
    """(N-1) Var(y) as Stata's ``summarize [weight]`` gives it."""
    if w is None:
        return float(np.sum((y - y.mean()) ** 2))
    m = np.average(y, weights=w)
    if kind == "fweight":
        return float(np.sum(w * (y - m) ** 2))
    wn = w * len(y) / w.sum()  # aweights normalised to the number of observations
    return float(np.sum(wn * (y - m) ** 2))


def _pooled_r2(y, Z, w, kind) -> float:
    """R2 of pooled OLS of y on Z (collinear columns dropped) and a constant."""
    from mlmcli.panel.design import estimable

    if Z.shape[1] == 0:
        return 0.0
    keep = estimable(Z, Z, constant=True)
    if not keep.any():
        return 0.0
    Zk = Z[:, keep]  # centred (R2 is the same; a column near 1e9 keeps its variation)
    fit = fit_ols(y, np.column_stack([Zk - Zk.mean(axis=0), np.ones(len(y))]), constant=True, weight=w,
                  weight_kind=kind, qr=True)
    return fit.r2

