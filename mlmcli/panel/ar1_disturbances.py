"""Linear panel models with AR(1) disturbances (xtregar: Baltagi and Wu 1999), as xtregar.ado
computes them.

rho: from the within (panel-demeaned) data -- ``onestep``: (sum e_t e_t-1 / #pairs) /
(sum e^2 / N) of the within OLS residuals; the other rhotypes as prais does (iterated
Prais-Winsten on the demeaned data without a constant, at most 100 times to |change| <= 1e-6,
once with ``twostep``; rho from the residuals by _crcar1: dw 1 - DW/2, regress
sum e e_-1 / sum e_-1^2, freg the same forward, tscorr sum e e_-1 / sum e^2, theil
(N - k) sum e e_-1 / (#pairs sum e^2), nagar (N^2 (1 - DW/2) + k^2)/(N^2 - k^2), k the
variables counting the dependent one); or fixed (rhof()).

The C_i(rho) transform (Baltagi-Wu, with d the gap to the previous observation in periods):
x*_i1 = sqrt(1 - rho^2) x_i1, x*_it = sqrt(1 - rho^2) (x_it - rho^d x_i,t-1)/sqrt(1 - rho^2d).
fe: the first observation of each panel dropped, the within regression of the transformed
data (panel means removed, the grand mean added back: solved on the centred columns, the means
put back in _cons, ``centred_fit``); V scaled by (NT - K)/(NT - N - K + 1),
_cons divided by 1 - rho.  re: the variance components from the OLS residuals of the
transformed data (sigma_w^2 = sum_i (u_i'g_i)^2/g_i'g_i, sigma_e^2 = (u'u - sigma_w^2)/
sum(T_i - 1), sigma_u^2 = (sigma_w^2 - N sigma_e^2)/sum g_i'g_i, at least 0), theta_i =
1 - sqrt(sigma_e^2/(g_i'g_i sigma_u^2 + sigma_e^2)), and OLS of x* - theta_i g_i (g_i'x*_i)/g_i'g_i.
The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.ols import qr_solve
from mlmcli.panel.centred_fit import WITHIN_ZERO_TOL, shift_constant, unit_column_scales


@dataclass(frozen=True)
class Ar1Fit:
    model: str
    b: np.ndarray
    V: np.ndarray
    keep: np.ndarray  # regressors kept (collinear ones dropped)
    rho: float
    scalars: dict = field(default_factory=dict)


def _by_panel(codes):
    starts = np.r_[True, codes[1:] != codes[:-1]]
    ends = np.r_[codes[1:] != codes[:-1], True]
    return starts, ends


def _panel_sum(v, codes, G):
    return np.bincount(codes, weights=v, minlength=G)


def _ols(y, X):
    """(b, (X'X)^-1, residuals): least squares on the columns, not pinv(X'X), whose squared
    condition number loses a near-collinear column's digits; a dependent column gets the
    minimum-norm split as pinv gave it."""
    b, _, rank, _ = np.linalg.lstsq(X, y, rcond=None)
    XtX_inv = np.linalg.pinv(X.T @ X) if rank < X.shape[1] else qr_solve(X, y, np.ones(len(y)))[0]
    return b, XtX_inv, y - X @ b


def _wald(b, V):
    """b' V^- b with V scaled to unit diagonal first (slopes of very different scales)."""
    d = np.sqrt(np.where(np.diag(V) > 0, np.diag(V), 1.0))
    return float((b / d) @ np.linalg.pinv(V / d[:, None] / d[None, :]) @ (b / d))


def _lag_pairs(codes, time):
    """For each row (sorted by panel and time), whether the row before is the previous period
    of the same panel (L. exists)."""
    prev_same = np.r_[False, codes[1:] == codes[:-1]]
    return prev_same & np.r_[False, np.diff(time) == 1]


def _rho_from_residuals(e, codes, time, rhotype, k):
    lagged = _lag_pairs(codes, time)
    e_lag = np.r_[np.nan, e[:-1]]
    sse = float(e @ e)
    if sse == 0.0 or not lagged.any():
        return float("nan")  # no residual variation or no lagged pairs: rho is missing (0/0)
    if rhotype == "freg":
        lead = np.r_[lagged[1:], False]
        e_lead = np.r_[e[1:], np.nan]
        return float(np.sum(e[lead] * e_lead[lead]) / np.sum(e_lead[lead] ** 2))
    if rhotype == "regress":
        return float(np.sum(e[lagged] * e_lag[lagged]) / np.sum(e_lag[lagged] ** 2))
    if rhotype in ("dw", "nagar"):
        dw = float(np.sum((e[lagged] - e_lag[lagged]) ** 2)) / sse
        if rhotype == "dw":
            return 1.0 - dw / 2.0
        n = len(e)
        return (n ** 2 * (1.0 - dw / 2.0) + k ** 2) / (n ** 2 - k ** 2)
    cov = float(np.sum(e[lagged] * e_lag[lagged]))
    if rhotype == "tscorr":
        return cov / sse
    return (len(e) - k) * cov / (int(lagged.sum()) * sse)  # theil


def _prais_rho(y, X, codes, time, rhotype, twostep):
    """prais's iterated rho on (y, X) without a constant."""
    lagged = _lag_pairs(codes, time)
    k = 1 + X.shape[1]
    b = _ols(y, X)[0]
    rho, last, it = 0.0, 2.0, 0
    iterate = 1 if twostep else 100
    while it < iterate and abs(rho - last) > 1e-6:
        last = rho
        rho = _rho_from_residuals(y - X @ b, codes, time, rhotype, k)
        if not np.isfinite(rho):
            return rho
        scale = np.sqrt(1.0 - rho ** 2)

        def pw(v):
            prev = np.r_[v[:1] * 0, v[:-1]] if v.ndim == 1 else np.vstack([v[:1] * 0, v[:-1]])
            return np.where(lagged if v.ndim == 1 else lagged[:, None], v - rho * prev, v * scale)

        b = _ols(pw(y), pw(X))[0]
        it += 1
    return rho


def panel_demean(v, codes, G):
    counts = np.bincount(codes, minlength=G)
    if v.ndim == 2 and v.shape[1] == 0:
        return v
    if v.ndim == 1:
        return v - (_panel_sum(v, codes, G) / counts)[codes]
    return v - np.column_stack([_panel_sum(v[:, j], codes, G) / counts for j in range(v.shape[1])])[codes]


def independent(Xw: np.ndarray) -> np.ndarray:
    from mlmcli.collinear_columns import independent_candidates

    if Xw.shape[1] == 0:
        return np.zeros(0, bool)
    return np.asarray(independent_candidates(Xw, False), bool)


def estimate_rho(y, X, codes, time, G, *, rhotype: str, twostep: bool) -> float:
    yw, Xw = panel_demean(y, codes, G), panel_demean(X, codes, G)
    if rhotype == "onestep":
        res = _ols(yw, Xw)[2]
        lagged = _lag_pairs(codes, time)
        prev = np.r_[np.nan, res[:-1]]
        top1 = float(np.sum(res[lagged] * prev[lagged]))
        return (top1 / int(lagged.sum())) / (float(res @ res) / len(res))
    return _prais_rho(yw, Xw, codes, time, rhotype, twostep)


def baltagi_wu(v, codes, time, rho):
    """The C_i(rho) transform of v (rows sorted by panel and time)."""
    starts, _ = _by_panel(codes)
    d = np.where(starts, 1.0, np.r_[1.0, np.diff(time).astype(float)])  # a panel's first row: no gap
    scale = np.sqrt(1.0 - rho ** 2)
    prev = np.vstack([v[:1] * 0, v[:-1]]) if v.ndim == 2 else np.r_[0.0, v[:-1]]
    dd = d if v.ndim == 1 else d[:, None]
    later = scale * (v - rho ** dd * prev) / np.sqrt(1.0 - rho ** (2 * dd))
    first = starts if v.ndim == 1 else starts[:, None]
    return np.where(first, scale * v, later)


def _corr(a, b):
    return float(np.corrcoef(a, b)[0, 1])


def transformed_collinear(X, codes, time, rho) -> np.ndarray:
    """Which columns of X the fe regression omits: _rmcoll on the C_i(rho)-transformed columns
    without each panel's first row, panel means removed (the regression xtregar.ado's _regress
    runs).  Wave dummies independent before the transform can be dependent after it with the
    panel effects: the transformed dummies of periods 1..T-1 and the panel's constant are T
    vectors in the T-1 later periods -- solved as they were, b came out near 1e15."""
    from mlmcli.collinear_columns import independent_by_qr

    if X.shape[1] == 0:
        return np.zeros(0, bool)
    G = int(codes.max()) + 1
    later = ~_by_panel(codes)[0]
    Xs, kc = baltagi_wu(X, codes, time, rho)[later], codes[later]
    if Xs.shape[0] == 0:
        return np.zeros(X.shape[1], bool)
    Ti = np.maximum(np.bincount(kc, minlength=G), 1)
    Xw = Xs - np.column_stack([_panel_sum(Xs[:, j], kc, G) / Ti for j in range(Xs.shape[1])])[kc]
    own = np.einsum("ij,ij->j", Xw, Xw)
    ref = np.einsum("ij,ij->j", Xs - Xs.mean(axis=0), Xs - Xs.mean(axis=0))
    Xw[:, own <= WITHIN_ZERO_TOL * np.maximum(ref, 1e-300)] = 0.0  # a time-invariant column's rounding
    return ~independent_by_qr(Xw)


def fit_fe(y, X, codes, time, rho) -> dict:
    """The fe estimator on rows sorted by panel and time (X without a constant; its columns
    independent after the transform, ``transformed_collinear``)."""
    G = int(codes.max()) + 1
    n_i = np.bincount(codes, minlength=G)
    ys, Xs, cs = baltagi_wu(y, codes, time, rho), baltagi_wu(X, codes, time, rho), baltagi_wu(np.ones(len(y)), codes, time, rho)
    starts, _ = _by_panel(codes)
    keep = ~starts
    ys, Xs, cs, kc = ys[keep], Xs[keep], cs[keep], codes[keep]
    pooled = np.column_stack([Xs, cs])  # least squares on the columns (scaled), not pinv(X'X): a
    pooled = pooled * unit_column_scales(pooled)  # column near 1e9 keeps its variation
    r_pooled = ys - pooled @ np.linalg.lstsq(pooled, ys, rcond=None)[0]
    rrss = float(r_pooled @ r_pooled)
    Ti = n_i - 1
    Gk = int((Ti > 0).sum())
    # the within regression with the grand means added back, computed on the centred columns
    # (scaled by powers of two) and the means put back in _cons (panel.centred_fit)
    yw = ys - (_panel_sum(ys, kc, G) / np.maximum(Ti, 1))[kc]
    Xw = Xs - np.column_stack([_panel_sum(Xs[:, j], kc, G) / np.maximum(Ti, 1) for j in range(Xs.shape[1])])[kc] \
        if Xs.shape[1] else Xs
    scale = np.append(unit_column_scales(Xw), 1.0)
    Z = np.column_stack([Xw, np.ones(len(yw))]) * scale
    XtX_inv, b = qr_solve(Z, yw, np.ones(len(yw)))
    e = yw - Z @ b
    NT, K = len(yw), Z.shape[1]
    rss = float(e @ e)
    tss = float(((yw - yw.mean()) ** 2).sum())
    mss = tss - rss
    df_reg = K - 1
    V = rss / (NT - K) * XtX_inv
    b, V = shift_constant(b * scale, V * scale[:, None] * scale[None, :], Xs.mean(axis=0), float(ys.mean()))
    F_reg = (mss / df_reg) / (rss / (NT - K)) if df_reg else float("nan")
    df_m = K - 1 + Gk - 1
    df_r = NT - df_m - 1
    V1 = V * (NT - K) / (NT - Gk - K + 1)
    # corr(u_i, xb), R2 between and overall on the original data of the kept rows
    xb = X[keep] @ b[:-1] + b[-1]
    yk = y[keep]
    mean_y = _panel_sum(yk, kc, G) / np.maximum(Ti, 1)
    mean_xb = _panel_sum(xb, kc, G) / np.maximum(Ti, 1)
    ui = (mean_y - mean_xb)
    present = Ti > 0
    sigma2_u = float(np.var(ui[present], ddof=1))
    sigma_e = float(np.sqrt(rss / df_r))
    r2 = mss / tss
    b_out = b.copy()
    b_out[-1] = b[-1] / (1.0 - rho)
    return dict(b=b_out, V=V1, N=NT, N_g=Gk, g_min=int(Ti[present].min()), g_max=int(Ti[present].max()),
                g_avg=float(Ti[present].mean()), Tbar=float(1.0 / np.mean(1.0 / Ti[present])),
                Tcon=float(Ti[present].min() == Ti[present].max()), df_m=df_m, df_r=df_r, df_b=K - 1,
                df_a=Gk - 1, F=F_reg * df_r / (NT - K), F_f=df_r / (Gk - 1) * (rrss - rss) / rss, rss=rss, mss=mss,
                r2_w=r2, r2_a=1.0 - ((NT - 1) / df_r) * (1.0 - r2), rmse=float(np.sqrt(rss / (NT - K))),
                ll=-0.5 * NT * (np.log(2 * np.pi) + np.log(rss / NT) + 1),
                ll_0=-0.5 * NT * (np.log(2 * np.pi) + np.log(tss / NT) + 1),
                corr=_corr(ui[kc], xb), r2_b=_corr(mean_xb[present], mean_y[present]) ** 2,
                r2_o=_corr(xb, yk) ** 2, sigma_u=float(np.sqrt(sigma2_u)), sigma_e=sigma_e,
                rho_fov=sigma2_u / (sigma_e ** 2 + sigma2_u), rho_ar=rho)


def fit_re(y, X, codes, time, rho) -> dict:
    from mlmcli.summary_statistics import stata_percentile

    G = int(codes.max()) + 1
    n_i = np.bincount(codes, minlength=G)
    Z = np.column_stack([X, np.ones(len(y))])
    # solved on the centred columns (the transform is linear: the means' part is the transformed
    # constant's multiple) and the means put back in _cons, as centred_fit does
    xbar = X.mean(axis=0) if len(y) else np.zeros(X.shape[1])
    ys, Zs = baltagi_wu(y, codes, time, rho), baltagi_wu(np.column_stack([X - xbar, np.ones(len(y))]), codes, time, rho)
    mu = _ols(ys, Zs)[2]
    starts, _ = _by_panel(codes)
    d = np.where(starts, 1.0, np.r_[1.0, np.diff(time).astype(float)])
    g = np.where(starts, 1.0, (1.0 - rho ** d) / np.sqrt(1.0 - rho ** (2 * d))) * np.sqrt(1.0 - rho ** 2)
    gg = _panel_sum(g * g, codes, G)
    sigmaw2 = float(np.sum(_panel_sum(mu * g, codes, G) ** 2 / gg))
    sigmae2 = (float(mu @ mu) - sigmaw2) / float(np.sum(n_i - 1))
    sigmau2 = max(0.0, (sigmaw2 - G * sigmae2) / float(gg.sum()))
    theta = 1.0 - np.sqrt(sigmae2 / (gg * sigmau2 + sigmae2))
    th_obs = np.sort(theta[codes])

    def gls(v):
        if v.ndim == 1:
            return v - theta[codes] * g * (_panel_sum(v * g, codes, G) / gg)[codes]
        return np.column_stack([gls(v[:, j]) for j in range(v.shape[1])])

    yg, Zg = gls(ys), gls(Zs)
    scale = unit_column_scales(Zg)
    b, XtX_inv, e = _ols(yg, Zg * scale)
    b, XtX_inv = b * scale, XtX_inv * scale[:, None] * scale[None, :]
    n, k = Zg.shape
    V = float(e @ e) / (n - k) * XtX_inv
    b, V = shift_constant(b, V, xbar)
    xb = Z @ b
    mean_y = _panel_sum(y, codes, G) / n_i
    mean_xb = _panel_sum(xb, codes, G) / n_i
    nx = X.shape[1]
    bt, Vt = b[:nx], V[:nx, :nx]
    chi2 = _wald(bt, Vt) if nx else float("nan")
    return dict(b=b, V=V, N=n, N_g=G, g_min=int(n_i.min()), g_max=int(n_i.max()), g_avg=float(n_i.mean()),
                Tbar=float(1.0 / np.mean(1.0 / n_i)), Tcon=float(n_i.min() == n_i.max()),
                df_m=int(np.linalg.matrix_rank(Zg)), chi2=chi2, r2_o=_corr(xb, y) ** 2,
                r2_b=_corr(mean_xb, mean_y) ** 2, r2_w=_corr(xb - mean_xb[codes], y - mean_y[codes]) ** 2,
                sigma_u=float(np.sqrt(sigmau2)), sigma_e=float(np.sqrt(sigmae2)),
                rho_fov=sigmau2 / (sigmae2 + sigmau2), rho_ar=rho,
                thta_min=float(th_obs[0]), thta_5=stata_percentile(th_obs, 5), thta_50=stata_percentile(th_obs, 50),
                thta_95=stata_percentile(th_obs, 95), thta_max=float(th_obs[-1]))


def lbi_statistics(y, X, codes, time) -> dict:
    """The modified Bhargava et al. Durbin-Watson d1 and Baltagi-Wu's LBI from the within
    regression's residuals (xtregar.ado's lbiw2)."""
    G = int(codes.max()) + 1
    yw, Xw = panel_demean(y, codes, G), panel_demean(X, codes, G)
    e = _ols(yw, np.column_stack([Xw, np.ones(len(y))]))[2]
    starts, ends = _by_panel(codes)
    step = np.r_[np.nan, np.diff(time).astype(float)]
    prev_ok = ~starts & (step == 1)
    next_ok = np.r_[prev_ok[1:], False]
    s = float(e @ e)
    prev = np.r_[0.0, e[:-1]]
    d1 = float(np.sum(np.where(prev_ok, e - prev, e)[~starts] ** 2)) / s
    d2 = float(np.sum((e ** 2 * (~next_ok))[~ends])) / s
    d3 = float(np.sum(e[starts] ** 2)) / s
    d4 = float(np.sum(e[ends] ** 2)) / s
    return dict(d1=d1, LBI=d1 + d2 + d3 + d4, N_LBI=len(y))
