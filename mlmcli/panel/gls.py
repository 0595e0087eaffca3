"""GLS random effects, ``xtreg, re`` ([XT] xtreg, Methods and formulas).

Variance components (Swamy-Arora):

    sigma_e^2 = RSS_w / (N - n - K_w)       RSS_w from the within regression, K_w its
                                             estimable slopes
    sigma_u^2 = max(0, SSR_b/(n - K_b) - sigma_e^2 / T-bar)        (default)
              T-bar = n / sum(1/T_i), SSR_b and K_b (slopes + 1) from OLS of the panel
              means ybar_i on xbar_i
    sigma_u^2 = max(0, (SSR*_b - (n - K_b) sigma_e^2) / (N - tr))   (``sa``, unbalanced)
              SSR*_b = sum_i T_i (ybar_i - a_b - xbar_i b_b)^2,
              tr = trace((X'PX)^-1 X'ZZ'X),  X'PX = sum_i T_i xbar_i xbar_i',
              X'ZZ'X = sum_i T_i^2 xbar_i xbar_i' (xbar_i with the constant)

Then theta_i = 1 - sigma_e / sqrt(T_i sigma_u^2 + sigma_e^2) and the estimates are OLS of
y_it - theta_i ybar_i on x_it - theta_i xbar_i and 1 - theta_i (the constant):
V = s^2 (X*'X*)^-1 with s^2 = RSS*/(N - K - 1) (e(rmse) = s), or the regression's
cluster sandwich (vce(robust) = clusters at the panels).  The model test is the Wald
chi2 of the slopes, b' V^-1 b.
"""
from __future__ import annotations

import numpy as np
from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from mlmcli.errors import StataError
from mlmcli.depvar_scaling import depvar_scale, scaled_back
from mlmcli.ols import fit_ols
from mlmcli.panel.centred_fit import fit_centred_ols, shift_constant
from mlmcli.panel.design import estimable
from mlmcli.panel.goodness_of_fit import panel_r_squared
from mlmcli.panel.groups import Panels
from mlmcli.postest.coefficient_rows import safe_rank
from mlmcli.summary_statistics import stata_percentile
from mlmcli.missing import stata_ratio


def within_sigma_e(y: np.ndarray, X: np.ndarray, panels: Panels) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """(sigma_e, keep, b_w, V_w): the within regression's residual SD (df N - n - K_w), the
    columns it estimates and its coefficients/VCE (_cons last; xtreg's e(bf), e(VCEf))."""
    N = len(y)
    Wx = panels.within(X) if X.shape[1] else X
    keep = estimable(Wx, X, constant=False) if X.shape[1] else np.zeros(0, bool)
    K = int(keep.sum())
    # the regression on the centred columns, the grand means put back in _cons (centred_fit)
    fit = fit_centred_ols(panels.within(y), Wx[:, keep], float(y.mean()), X[:, keep].mean(axis=0))
    dfe = N - panels.n - K
    if dfe <= 0:
        raise StataError("insufficient observations", 2001)
    s2 = fit.rss / dfe
    V = fit.V * ((N - K - 1) / dfe)
    return float(np.sqrt(s2)), keep, fit.b, V


def fit_gls(y: np.ndarray, X: np.ndarray, panels: Panels, **kwargs) -> dict:
    """Random-effects GLS of y on X (estimable columns, no constant column).  A depvar near
    Stata's largest double is fitted as y / 2^j (exact) and the results in y's units scaled back,
    as fit_ols does: past the largest double they are missing (rho, theta, R2, chi2 unchanged)."""
    y = np.asarray(y, float)
    ys = depvar_scale(y)
    if ys == 1.0:
        return _fit_gls(y, X, panels, **kwargs)
    return scaled_back(_fit_gls(y / ys, X, panels, **kwargs), ys, len(y),
                       linear=("b", "sigma_u", "sigma_e", "sigma", "rmse", "bf"), quadratic=("V", "VCEf"),
                       log_density=())


def _fit_gls(y: np.ndarray, X: np.ndarray, panels: Panels, *, sa: bool = False, vce: str = "conventional",
             cluster: np.ndarray | None = None, level: float = 95.0) -> dict:
    N, K = X.shape
    sigma_e, keep_w, b_w, V_w = within_sigma_e(y, X, panels)
    # between regression on the panel means (OLS, unweighted)
    ybar = panels.means(y)
    Xbar = panels.means(X) if K else np.empty((panels.n, 0))
    keep_b = estimable(Xbar, X, constant=True)  # constant panel means: against the rows' variation if K else np.zeros(0, bool)
    Xb = Xbar[:, keep_b]  # centred: rmse and the trace below do not change, a column near 1e9 keeps its digits
    Mb = np.column_stack([Xb - Xb.mean(axis=0), np.ones(panels.n)])
    between = fit_ols(ybar, Mb, constant=True, qr=True)
    K_b = Mb.shape[1]
    n = panels.n
    Tbar = panels.harmonic_mean_size()
    if sa and not panels.balanced:
        T = panels.sizes
        resid = ybar - Mb @ between.b
        ssr_star = float(np.sum(T * resid ** 2))
        xpx = Mb.T @ (Mb * T[:, None])
        xzx = Mb.T @ (Mb * (T ** 2)[:, None])
        tr = float(np.trace(np.linalg.pinv(xpx) @ xzx))
        su2 = (ssr_star - (n - K_b) * sigma_e ** 2) / (N - tr)
    else:
        su2 = between.rmse ** 2 - sigma_e ** 2 / Tbar if n > K_b else float("nan")
    sigma_u = float(np.sqrt(su2)) if np.isfinite(su2) and su2 > 0 else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):  # a constant depvar: 0/0, theta missing as in Stata
        theta_i = 1 - sigma_e / np.sqrt(panels.sizes * sigma_u ** 2 + sigma_e ** 2)
    th = panels.expand(theta_i)
    cons = 1 - th
    # the transformed columns less cons * their grand means (y likewise): with a regressor near 1e9
    # the cross-products keep its variation; _cons = a' + ybar - xbar b afterwards (centred_fit)
    grand_X, grand_y = X.mean(axis=0) if K else np.zeros(0), float(y.mean())
    ys = y - th * panels.expand(ybar) - cons * grand_y
    Xs = X - th[:, None] * panels.expand(Xbar) - cons[:, None] * grand_X if K else X
    robust = vce in ("robust", "cluster")
    design = np.column_stack([Xs, cons])
    # sigma_e = 0 (the depvar constant within every panel): theta = 1 and the transformed
    # constant 1 - theta is all zero; xtreg_re.ado's regress omits it (b 0, variance 0)
    used = np.any(design != 0, axis=0)
    gls = fit_ols(ys, design[:, used], constant=False, vce="cluster" if robust else "ols",
                  cluster=cluster, level=level, qr=True)
    b, V = np.zeros(K + 1), np.zeros((K + 1, K + 1))
    b[used], V[np.ix_(used, used)] = gls.b, gls.V
    if used[K]:
        b, V = shift_constant(b, V, grand_X, grand_y)
    chi2 = _wald(b[:K], V[:K, :K])
    xb = X @ b[:K] + b[K]
    r2_w, r2_b, r2_o = panel_r_squared(y, xb, panels)
    out = {
        "b": b, "V": V, "N": float(N), "N_g": float(n), "df_m": float(K), "chi2": chi2,
        "p": float(stats.chi2.sf(chi2, K)) if np.isfinite(chi2) and K else float("nan"),
        "sigma_u": sigma_u, "sigma_e": sigma_e, "sigma": float(np.hypot(sigma_u, sigma_e)),
        "rho": stata_ratio(sigma_u ** 2, sigma_u ** 2 + sigma_e ** 2), "rmse": gls.rmse, "Tbar": Tbar,
        "Tcon": float(panels.balanced), "r2_w": r2_w, "r2_b": r2_b, "r2_o": r2_o,
        "bf": b_w, "VCEf": V_w, "keep_within": keep_w, "omitted": ~used,
    }
    if robust:
        out["N_clust"] = float(gls.n_clusters)
    if panels.balanced:
        out["theta"] = float(theta_i[0])
    else:
        s = np.sort(theta_i)
        out["theta_quantiles"] = (float(s[0]), stata_percentile(s, 5), stata_percentile(s, 50),
                                  stata_percentile(s, 95), float(s[-1]))
    return out


def _wald(b: np.ndarray, V: np.ndarray) -> float:
    """b' V^-1 b; missing when V is singular (Stata's 'Wald chi2(k) = .')."""
    if b.size == 0:
        return float("nan")
    if safe_rank(V) < b.size:
        return float("nan")
    d = 1.0 / np.sqrt(np.diag(V))  # on the unit-diagonal V: slopes of very different scales
    return float((b * d) @ np.linalg.solve(V * d[:, None] * d[None, :], b * d))
