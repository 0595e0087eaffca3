"""Panel-data two-stage least squares, ``xtivreg`` (xtivreg.ado 1.9.0, read for its formulas).

Every estimator is one 2SLS fit (``mlmcli.instrumental.estimators.fit_kclass``) on transformed
data, with regress's small-sample variance: V = rss/(N-K) (Xhat'Xhat)^-1, or the cluster
sandwich times (N-1)/(N-K) G/(G-1) (K: the columns of the transformed regression, its
constant included).  Y: endogenous, X: included exogenous, Z: excluded instruments, k = the
columns of [Y X].

- fe: every variable v becomes v - vbar_i + vbar (within plus the grand mean), a constant added
  (solved on v - vbar_i, the grand means put back in _cons: ``centred_fit``).
  Conventional V times (N-k-1)/(N-k-n); df_r = N-k-n; clustered: the sandwich as is,
  df_r = N - kreg - n + 1 (kreg = 1 + the regressors that vary within some panel).  The Wald
  chi2 tests every coefficient, _cons included (the ado's ``test `coefs_ts'``); the header says
  chi2(df_b) with df_b = k (conventional) or k+1 (clustered).  F test that all u_i = 0:
  ((rss_pooled - rss_within)/rss) (df_r/(n-1)), both OLS fits of y on [Yhat, X] with Yhat the
  first-stage fixed-effects fit x b + u_i.
- fd: 2SLS of D.y on D.[Y X] with instruments D.[X Z] and a constant (unless noconstant).
- be: 2SLS of ybar_i on [Ybar Xbar] with instruments [Xbar Zbar], one row a panel.
- re: theta_i = 1 - sqrt(s_e^2/(T_i s_u^2 + s_e^2)); v* = v - theta_i vbar_i, the constant
  1 - theta_i; G2SLS instruments [X* Z* 1-theta], EC2SLS (``ec2sls``) [Ztilde Zbar Xtilde
  Xbar 1-theta] (tilde: within plus the grand mean).  s_e^2 and s_u^2 from the within and
  between 2SLS fits: balanced, s_e^2 = rss_w/df_w and s_u^2 = rmse_b^2 - s_e^2/T; unbalanced,
  s_e^2 = rss_w/(N - n - q - 1) (q: the included exogenous terms -- the ado's K counts them
  alone) and s_u^2 = (ubPub - (n-k-1) s_e^2)/(N - tr), ubPub = sum_i T_i e_i^2 (between
  residuals), tr = trace((sum T_i x_i x_i')^-1 sum T_i^2 x_i x_i') over the panel means x_i of
  [Y X 1]; ``nosa``: s_e^2 = rss_w/(N-n), s_u^2 = (ubPub - n s_e^2)/N.  s_u^2 is at least 0.
R-squared within, between and overall are squared correlations of x b (original data) with y.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli import distributions as stats
from mlmcli.errors import StataError
from mlmcli.instrumental.estimators import IVData, fit_kclass
from mlmcli.panel.goodness_of_fit import correlation, squared_correlation
from mlmcli.panel.centred_fit import centred_within, shift_constant
from mlmcli.panel.groups import Panels


@dataclass
class TwoStage:
    """A regress-style 2SLS fit: b (regressors, the constant last), V, rss, tss, N, K, G."""

    b: np.ndarray
    V: np.ndarray
    rss: float
    tss: float
    N: int
    K: int
    n_clusters: int = 0
    resid: np.ndarray = field(default_factory=lambda: np.zeros(0))
    keep: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # regressors estimated

    def wald(self, idx) -> float:
        return wald(self.b, self.V, idx)


def wald(b: np.ndarray, V: np.ndarray, idx) -> float:
    """b' V^- b over ``idx``, as ``test`` computes it: a restriction whose variance row depends
    on earlier ones is dropped (its generalized inverse)."""
    from mlmcli.collinear_columns import independent_columns

    idx = list(idx)
    if not idx:
        return float("nan")
    Vs = V[np.ix_(idx, idx)]
    keep = independent_columns(Vs) if np.all(np.isfinite(Vs)) else np.zeros(len(idx), bool)
    if not keep.any():
        return float("nan")
    sel = [i for i, k in zip(idx, keep) if k]
    bs = b[sel]
    return float(bs @ np.linalg.solve(V[np.ix_(sel, sel)], bs))


def two_stage(y, regressors, instruments, *, constant: bool, cluster=None) -> TwoStage:
    """2SLS of y on ``regressors`` with the full instrument list ``instruments`` (the included
    exogenous among them; ``constant`` adds a column of ones to both) and regress's V (see the
    module docstring).  Every regressor goes in as instrumented: an included exogenous column
    is its own projection on a list that holds it."""
    y = np.asarray(y, float)
    N = len(y)
    keep = _independent(regressors, constant)
    regressors = regressors[:, keep]
    instruments = instruments[:, _independent(instruments, constant)]
    if constant:
        regressors = np.column_stack([regressors, np.ones(N)])
        instruments = np.column_stack([instruments, np.ones(N)])
    K = regressors.shape[1]
    if N <= K:
        raise StataError("insufficient observations", 2001)
    d = IVData(y=y, Y=regressors, X1=np.empty((N, 0)), Z1=instruments, w=np.ones(N), cluster=cluster,
               constant=False)
    est = fit_kclass(d, "2sls", "unadjusted" if cluster is None else "cluster")
    u = y - regressors @ est.b
    rss = float(u @ u)
    tss = float(np.sum((y - y.mean()) ** 2)) if constant else float(y @ y)
    if cluster is None:
        V = est.V * N / (N - K)
    else:
        G = est.N_clust
        V = est.V * (N - 1) / (N - K) * G / (G - 1) if G > 1 else est.V * np.nan
    return TwoStage(est.b, V, rss, tss, N, K, est.N_clust, u, keep)


def _within_two_stage(d: PanelIVData, cluster) -> TwoStage:
    """``two_stage`` on the tilde data v - vbar_i + vbar, computed on the centred columns
    v - vbar_i (time-invariant ones exact zeros) and the grand means put back in _cons
    (``panel.centred_fit``: with them in the cross-products a near-collinear column loses its
    digits, and a column near 1e9 looks constant)."""
    pn = d.panels
    Rw, gR = centred_within(d.R, pn)
    fit = two_stage(pn.within(d.y), Rw, centred_within(np.column_stack([d.X, d.Z]), pn)[0], constant=True,
                    cluster=cluster)
    fit.b, fit.V = shift_constant(fit.b, fit.V, gR[fit.keep], float(np.mean(d.y)))
    return fit


def _independent(M: np.ndarray, constant: bool) -> np.ndarray:
    """Columns not collinear with earlier ones (nor with the constant, when ``constant``): a
    column whose centred sum of squares is below 1e-12 of its raw one is a constant (a
    time-invariant variable after the within transform plus the grand mean)."""
    from mlmcli.collinear_columns import independent_columns

    if M.shape[1] == 0:
        return np.zeros(0, bool)
    T = M - M.mean(axis=0) if constant else np.array(M, float)
    own = np.einsum("ij,ij->j", T, T)
    raw = np.einsum("ij,ij->j", M, M)
    T[:, own <= 1e-12 * np.maximum(raw, 1e-300)] = 0.0
    return independent_columns(T.T @ T)


def _ols_rss(y, X) -> float:
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    r = y - X @ beta
    return float(r @ r)


def _fit_stats(y, xb, panels: Panels) -> dict:
    """R2 within/between/overall of the prediction xb (original data)."""
    return {"r2_o": squared_correlation(y, xb),
            "r2_b": squared_correlation(panels.means(xb), panels.means(y)) if panels.n > 1 else float("nan"),
            "r2_w": squared_correlation(panels.within(xb), panels.within(y))}


def _sigma_u_corr(y, xb, panels: Panels) -> tuple[float, float]:
    u = panels.means(y) - panels.means(xb)
    sigma_u = float(np.std(u, ddof=1)) if panels.n > 1 else float("nan")
    return sigma_u, correlation(xb, panels.expand(u))


def _tilde(v: np.ndarray, panels: Panels) -> np.ndarray:
    return panels.within(v) + np.mean(v, axis=0)


def _varies_within(M: np.ndarray, panels: Panels) -> int:
    if M.shape[1] == 0:
        return 0
    W = panels.within(M)
    return int(np.sum(np.sqrt(np.sum(W * W, axis=0)) > 1e-12 * np.maximum(1.0, np.abs(M).max(axis=0))))


@dataclass
class PanelIVData:
    y: np.ndarray
    Y: np.ndarray  # endogenous (N x p)
    X: np.ndarray  # included exogenous (N x q)
    Z: np.ndarray  # excluded instruments (N x m)
    panels: Panels
    cluster: np.ndarray | None = None  # cluster codes (vce(robust): the panels)
    q_terms: int = 0  # the included exogenous as the ado counts them (re's unbalanced s_e^2)

    @property
    def R(self) -> np.ndarray:
        return np.column_stack([self.Y, self.X])


def within_iv_coefficients(d: PanelIVData) -> np.ndarray:
    """The within 2SLS coefficients alone (a bootstrap replicate); NaN when a column the full
    sample estimates is collinear here."""
    pn = d.panels
    (yw, gy), (Rw, gR) = centred_within(d.y, pn), centred_within(d.R, pn)
    b = _coefficients(yw, Rw, centred_within(np.column_stack([d.X, d.Z]), pn)[0])
    b[-1] += gy - float(gR @ b[:-1])
    return b


def between_iv_coefficients(d: PanelIVData) -> np.ndarray:
    pn = d.panels
    return _coefficients(pn.means(d.y), pn.means(d.R), pn.means(np.column_stack([d.X, d.Z])))


def _coefficients(y, R, I) -> np.ndarray:
    """2SLS coefficients from the cross-products (a constant added to both lists); NaN when
    the replicate's columns are collinear."""
    ones = np.ones((len(y), 1))
    X, Z = np.hstack([R, ones]), np.hstack([I, ones])
    ZZ, ZX, Zy = Z.T @ Z, Z.T @ X, Z.T @ y
    try:
        P = np.linalg.solve(ZZ, np.column_stack([ZX, Zy]))
        A = ZX.T @ P[:, :-1]
        if np.linalg.cond(A) > 1e13:
            raise np.linalg.LinAlgError
        return np.linalg.solve(A, ZX.T @ P[:, -1])
    except np.linalg.LinAlgError:
        return np.full(X.shape[1], np.nan)


def fit_within_iv(d: PanelIVData, small: bool) -> dict:
    pn = d.panels
    N, n, k = len(d.y), pn.n, d.R.shape[1]
    fit = _within_two_stage(d, d.cluster)
    k, Rk = int(fit.keep.sum()), d.R[:, fit.keep]
    clustered = d.cluster is not None
    out = {"keep": fit.keep, "b": fit.b, "N": float(N), "N_g": float(n), "rss": fit.rss, "df_a": float(n - 1)}
    if not clustered:
        df_r = fit.N - fit.K - n + 1
        if df_r <= 0:
            raise StataError("insufficient observations", 2001)
        V = fit.V * (fit.N - fit.K) / df_r
        df_m = k
    else:
        V = fit.V
        df_r = N - (_varies_within(Rk, pn) + 1) - n + 1
        df_m = k + 1
        out["N_clust"] = float(fit.n_clusters)
    out.update(V=V, df_r=float(df_r), df_b=float(df_m))
    chi2 = TwoStage(fit.b, V, 0, 0, N, fit.K).wald(range(k + 1))  # the ado tests _cons too
    slopes_F = TwoStage(fit.b, V, 0, 0, N, fit.K).wald(range(k)) / k if k else float("nan")
    if small:
        out["F"] = slopes_F
        out["p"] = float(stats.f.sf(slopes_F, k, df_r)) if np.isfinite(slopes_F) else float("nan")
        out["df_b"] = float(k)
    else:
        out["chi2"] = chi2
        out["p"] = float(stats.chi2.sf(chi2, k + 1 if not clustered else df_m)) if np.isfinite(chi2) else float("nan")
    r2 = 1 - fit.rss / fit.tss if fit.tss > 0 else float("nan")
    xb = Rk @ fit.b[:k] + fit.b[k]
    out.update(_fit_stats(d.y, xb, pn))
    out["r2_w"] = r2 if 0 <= r2 <= 1 else float("nan")
    sigma_u, corr = _sigma_u_corr(d.y, xb, pn)
    sigma_e = float(np.sqrt(fit.rss / df_r))
    out.update(sigma_u=sigma_u, sigma_e=sigma_e, corr=corr, sigma=float(np.hypot(sigma_u, sigma_e)),
               rho=sigma_u ** 2 / (sigma_u ** 2 + sigma_e ** 2), df_m=float(n + df_m))
    if not clustered:
        out.update(_fe_test(d, fit.rss, df_r))
    return out


def _fe_test(d: PanelIVData, rss: float, df_r: float) -> dict:
    """F test that all u_i = 0: the first stages' fixed-effects fits x b + u_i (Yhat), then
    OLS of y on [Yhat X] pooled and within."""
    pn = d.panels
    N = len(d.y)
    inst = np.column_stack([d.X, d.Z])
    fitted = []
    for j in range(d.Y.shape[1]):
        yj = d.Y[:, j]
        W = pn.within(inst)
        beta, *_ = np.linalg.lstsq(W, pn.within(yj), rcond=None)
        fitted.append(yj - (pn.within(yj) - W @ beta))  # x b + cons + u_i = y - e_it
    Yhat = np.column_stack(fitted) if fitted else np.empty((N, 0))
    R = np.column_stack([Yhat, d.X])
    # the pooled fits on centred columns (a constant in both): a column near 1e9 keeps its variation
    rss_pooled = _ols_rss(d.y, np.column_stack([R - R.mean(axis=0), np.ones(N)]))
    rss_within = _ols_rss(pn.within(d.y), pn.within(R))
    df_a = pn.n - 1
    F_f = (rss_pooled - rss_within) / rss * (df_r / df_a) if df_a > 0 else float("nan")
    out = {"F_f": F_f, "F_fp": float(stats.f.sf(F_f, df_a, df_r)) if np.isfinite(F_f) else float("nan")}
    # lm: the pooled 2SLS residuals r, then N (r'r - e'e)/r'r with e the within residuals of r
    # on [Yhat X] (xtreg, fe's predict e), chi2 on n-1
    pooled = two_stage(d.y, d.R - d.R.mean(axis=0), inst - inst.mean(axis=0), constant=True)
    r = pooled.resid
    e_rss = _ols_rss(pn.within(r), pn.within(R))
    lm = N * (pooled.rss - e_rss) / pooled.rss
    out.update(lm_u=lm, lm_up=float(stats.chi2.sf(lm, df_a)) if df_a > 0 else float("nan"))
    return out


def fit_first_differences(y, R, I, level_y, codes, last_ok, *, constant: bool, cluster, small: bool) -> dict:
    """2SLS on first differences: y, R = D.[Y X], I = D.[X Z] on the rows where every
    difference exists, sorted by panel and time; ``level_y``: y itself on those rows; ``codes``
    their panels; ``last_ok``: whether the row's panel ends on such a row.  R2s, sigma_u and
    corr follow the ado: levels of y against the fitted differences, panels not ending on a
    differenced row left out of sigma_u, corr and R2 within, R2 between the correlation of the
    panels' running means (its ``sum()``s)."""
    fit = two_stage(y, R, I, constant=constant, cluster=cluster)
    k, R = int(fit.keep.sum()), R[:, fit.keep]
    # the ado's df_r is _regress's e(df_r): N-K, or G-1 under clusters (sigma_e's too)
    df_r = fit.N - fit.K if cluster is None else fit.n_clusters - 1
    out = {"keep": fit.keep, "b": fit.b, "V": fit.V, "N": float(fit.N), "rss": fit.rss, "df_r": float(df_r),
           "df_b": float(k), "df_m": float(k)}
    if cluster is not None:
        out["N_clust"] = float(fit.n_clusters)
    chi2 = fit.wald(range(k))
    if small:
        F = chi2 / k if k else float("nan")
        out.update(F=F, p=float(stats.f.sf(F, k, df_r)) if np.isfinite(F) else float("nan"))
    else:
        out.update(chi2=chi2, p=float(stats.chi2.sf(chi2, k)) if np.isfinite(chi2) else float("nan"))
    xb = R @ fit.b[:k] + (fit.b[k] if constant else 0.0)
    pn = Panels(codes)
    T = pn.expand(pn.sizes)
    ok = np.asarray(last_ok, bool)
    u_row = pn.expand(pn.means(level_y) - pn.means(xb))
    first = np.r_[True, codes[1:] != codes[:-1]]
    per_panel = ok & np.r_[codes[1:] != codes[:-1], True]  # one row a complete panel
    u = u_row[per_panel]
    sigma_u = float(np.std(u, ddof=1)) if u.size > 1 else float("nan")
    out["corr"] = correlation(xb[ok], u_row[ok])
    out["r2_o"] = squared_correlation(level_y, xb)
    run_y, run_xb = _running_sums(level_y / T, first), _running_sums(xb / T, first)
    out["r2_b"] = squared_correlation(run_y, run_xb)
    out["r2_w"] = squared_correlation((xb - pn.expand(pn.means(xb)))[ok], (level_y - pn.expand(pn.means(level_y)))[ok])
    sigma_e = float(np.sqrt(fit.rss / df_r))
    out.update(sigma_u=sigma_u, sigma_e=sigma_e, sigma=float(np.hypot(sigma_u, sigma_e)),
               rho=sigma_u ** 2 / (sigma_u ** 2 + sigma_e ** 2))
    return out


def _running_sums(values: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Cumulative sums restarting at each ``first`` row."""
    total = np.cumsum(values)
    starts = np.flatnonzero(first)
    offset = np.repeat(np.r_[0.0, total[starts[1:] - 1]], np.diff(np.r_[starts, len(values)]))
    return total - offset


def _between(d: PanelIVData, cluster_groups) -> TwoStage:
    pn = d.panels
    yb = pn.means(d.y)
    Rb, gR = _centred_means(d.R, pn)
    fit = two_stage(yb, Rb, _centred_means(np.column_stack([d.X, d.Z]), pn)[0], constant=True,
                    cluster=cluster_groups)
    fit.b, fit.V = shift_constant(fit.b, fit.V, gR[fit.keep])
    return fit


def _centred_means(M: np.ndarray, pn: Panels) -> tuple[np.ndarray, np.ndarray]:
    """(panel means - their mean, their mean): the between regression on centred columns (the
    means back in _cons), a column whose centred sum of squares is below 1e-12 of the variable's
    own row-level centred one set to zeros -- a wave dummy's mean in a balanced panel is 1/T in
    every panel, while a variable near 1e9 with between variation is not a constant (the check
    against its raw sum of squares omitted it)."""
    means = pn.means(M)
    if M.shape[1] == 0:
        return means, np.zeros(0)
    grand = means.mean(axis=0)
    C = means - grand
    own = np.einsum("ij,ij->j", C, C)
    rows = M - M.mean(axis=0)
    ref = np.einsum("ij,ij->j", rows, rows)
    C[:, own <= 1e-12 * np.maximum(ref, 1e-300)] = 0.0
    return C, grand


def _panel_clusters(d: PanelIVData):
    """Each panel's cluster code (panels are nested in clusters)."""
    if d.cluster is None:
        return None
    first = np.zeros(d.panels.n, dtype=np.int64)
    first[d.panels.codes[::-1]] = d.cluster[::-1]
    return first


def fit_between_iv(d: PanelIVData, small: bool) -> dict:
    pn = d.panels
    fit = _between(d, _panel_clusters(d))
    k, Rk = int(fit.keep.sum()), d.R[:, fit.keep]
    out = {"keep": fit.keep, "b": fit.b, "V": fit.V, "N": float(len(d.y)), "N_g": float(pn.n), "df_m": float(k),
           "df_r": float(fit.N - fit.K if d.cluster is None else fit.n_clusters - 1),
           "rmse": float(np.sqrt(fit.rss / (fit.N - fit.K))),
           "rss": fit.rss, "mss": fit.tss - fit.rss}
    if d.cluster is not None:
        out["N_clust"] = float(fit.n_clusters)
    r2 = 1 - fit.rss / fit.tss if fit.tss > 0 else float("nan")
    chi2 = fit.wald(range(k))
    if small and d.cluster is None:
        F = chi2 / k if k else float("nan")
        out.update(F=F, p=float(stats.f.sf(F, k, fit.N - fit.K)) if np.isfinite(F) else float("nan"))
    else:
        out.update(chi2=chi2, p=float(stats.chi2.sf(chi2, k)) if np.isfinite(chi2) else float("nan"))
    xb = Rk @ fit.b[:k] + fit.b[k]
    out.update(_fit_stats(d.y, xb, pn))
    out["r2_b"] = r2 if 0 <= r2 <= 1 else float("nan")
    return out


def _variance_components(d: PanelIVData, nosa: bool) -> tuple[float, float]:
    pn = d.panels
    N, n = len(d.y), pn.n
    within = _within_two_stage(d, None)
    if d.cluster is None:
        df_w = within.N - within.K - n + 1
    else:
        df_w = N - (_varies_within(d.R[:, within.keep], pn) + 1) - n + 1
    between = _between(d, None)
    k = int(between.keep.sum())
    xbar = np.column_stack([pn.means(d.R[:, between.keep]), np.ones(n)])
    e_b = pn.means(d.y) - xbar @ between.b
    ubPub = float(np.sum(pn.sizes * e_b * e_b))
    if nosa:
        se2 = within.rss / (N - n)
        su2 = (ubPub - n * se2) / N
    elif pn.balanced:
        se2 = within.rss / df_w
        rmse_b2 = between.rss / (between.N - between.K)
        su2 = rmse_b2 - se2 / float(pn.sizes[0])
    else:
        se2 = within.rss / (N - n - d.q_terms - 1)
        A = (xbar * pn.sizes[:, None]).T @ xbar
        B = (xbar * (pn.sizes ** 2)[:, None]).T @ xbar
        tr = float(np.trace(np.linalg.pinv(A) @ B))
        su2 = (ubPub - (n - k - 1) * se2) / (N - tr)
    return se2, max(0.0, su2)


def _ols_no_constant(y, X, vce: str, cluster) -> dict:
    """regress y X, noconstant: b, V (conventional; robust with N/(N-K); cluster with
    (N-1)/(N-K) G/(G-1)), N, K, rss and the uncentred mss."""
    N, K = X.shape
    XXi = np.linalg.pinv(X.T @ X)
    b = XXi @ X.T @ y
    u = y - X @ b
    rss = float(u @ u)
    if vce == "conventional":
        V = rss / (N - K) * XXi
    else:  # robust N/(N-K) = N/(N-1) (N-1)/(N-K); cluster G/(G-1) (N-1)/(N-K)
        from mlmcli.robust.cluster_sandwich import cluster_sandwich

        V = cluster_sandwich(XXi, X * u[:, None], cluster if vce == "cluster" else None, extra=(N - 1) / (N - K),
                             n_clusters=N if vce == "robust" else None)
    G = int(cluster.max()) + 1 if cluster is not None and cluster.size else 0
    return {"b": b, "V": V, "N": N, "K": K, "rss": rss, "mss": float(y @ y) - rss, "N_clust": G}


def fit_random_effects_iv(d: PanelIVData, *, ec2sls: bool, nosa: bool, small: bool,
                          first_vce: str | None = None) -> dict:
    pn = d.panels
    N = len(d.y)
    se2, su2 = _variance_components(d, nosa)
    theta_p = 1 - np.sqrt(se2 / (pn.sizes * su2 + se2))
    theta = pn.expand(theta_p)

    def gls(v):
        return v - (theta[:, None] if v.ndim == 2 else theta) * pn.expand(pn.means(v))

    cons = 1 - theta
    # on the centred columns (the grand means back in _cons below): the transform is linear, so
    # gls(v) = gls(v - vbar) + (1 - theta) vbar, and a regressor near 1e9 is not nearly the
    # constant's multiple (the sweep dropped the constant and b lost its last element)
    grand_R = d.R.mean(axis=0) if N else np.zeros(d.R.shape[1])
    regressors = np.column_stack([gls(d.R - grand_R), cons])
    if ec2sls:
        # the tilde and mean columns hold vbar times 1, in the span only when 1 - theta is constant
        if pn.balanced:  # a time-invariant column's within part exact zeros, not rounding
            instruments = np.column_stack([centred_within(d.Z, pn)[0], pn.expand(pn.means(d.Z - d.Z.mean(axis=0))),
                                           centred_within(d.X, pn)[0], pn.expand(pn.means(d.X - d.X.mean(axis=0))),
                                           cons])
        else:
            instruments = np.column_stack([_tilde(d.Z, pn), pn.expand(pn.means(d.Z)), _tilde(d.X, pn),
                                           pn.expand(pn.means(d.X)), cons])
    else:
        instruments = np.column_stack([gls(d.X - d.X.mean(axis=0)), gls(d.Z - d.Z.mean(axis=0)), cons])
    fit = two_stage(gls(d.y), regressors, instruments, constant=False, cluster=d.cluster)
    if not fit.keep[-1]:
        raise StataError("the transformed constant is collinear with the regressors", 459)
    fit.b, fit.V = shift_constant(fit.b, fit.V, grand_R[fit.keep[:-1]])
    if first_vce is not None:  # each endogenous variable on the instrument list (G2SLS: robust is HC1)
        kind = "cluster" if first_vce == "robust" and ec2sls else first_vce
        raw = (np.column_stack([_tilde(d.Z, pn), pn.expand(pn.means(d.Z)), _tilde(d.X, pn), pn.expand(pn.means(d.X)),
                                cons]) if ec2sls else np.column_stack([gls(d.X), gls(d.Z), cons]))
        kept = raw[:, _independent(raw, False)]  # the first stage's table is on the raw instruments
        endog = gls(d.Y)
        out_first = [_ols_no_constant(endog[:, j], kept, kind, d.cluster) for j in range(endog.shape[1])]
    keep = fit.keep[:-1]
    k, Rk = int(keep.sum()), d.R[:, keep]
    chi2 = fit.wald(range(k))
    out = {"keep": keep, "b": fit.b, "V": fit.V, "N": float(N), "N_g": float(pn.n), "df_m": float(k),
           "df_r": float(N - k if d.cluster is None else fit.n_clusters), "sigma_u": float(np.sqrt(su2)), "sigma_e": float(np.sqrt(se2)),
           "sigma": float(np.sqrt(su2 + se2)), "rho": su2 / (su2 + se2), "Tcon": float(pn.balanced)}
    out["N_clust"] = float(fit.n_clusters) if d.cluster is not None else float(pn.n)
    if first_vce is not None:
        out["first"] = out_first
    if small:
        F = chi2 / k if k else float("nan")
        out.update(F=F, p=float(stats.f.sf(F, k, out["df_r"])) if np.isfinite(F) else float("nan"))
    else:
        out.update(chi2=chi2, p=float(stats.chi2.sf(chi2, k)) if np.isfinite(chi2) else float("nan"))
    xb = Rk @ fit.b[:k] + fit.b[k]
    out.update(_fit_stats(d.y, xb, pn))
    from mlmcli.summary_statistics import stata_percentile

    if pn.balanced:
        out["theta"] = float(theta_p[0])
    else:
        st = np.sort(theta)
        out["theta_quantiles"] = (float(st[0]), stata_percentile(st, 5), stata_percentile(st, 50),
                                  stata_percentile(st, 95), float(st[-1]))
    return out
