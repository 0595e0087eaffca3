"""ML random effects, ``xtreg, mle``: the Gaussian one-way error-components likelihood
in the parameters (b, sigma_u, sigma_e) ([XT] xtreg, Methods and formulas).  With
e_it = y_it - x_it b, v = sigma_e^2, w = sigma_u^2 and lambda_i = T_i w + v,

    l_i = -1/2 [ T_i ln(2 pi) + (T_i - 1) ln v + ln lambda_i + W_i / v + B_i / lambda_i ]

where W_i = sum_t (e_it - ebar_i)^2 and B_i = T_i ebar_i^2 (the eigen-decomposition of
v I + w J).  Gradient and Hessian are analytic; the observed information -H gives the
OIM variance, the per-panel scores the cluster sandwich
G/(G-1) H^-1 (sum_g s_g s_g') H^-1.

The maximum is found by Newton-Raphson from Stata's starting values (OLS b; sigma_u^2 =
max(0, (mean_i(T_i ebar_i^2) - s^2)/(Tbar - 1)) with s^2 the OLS residual variance,
sigma_e^2 = s^2 - sigma_u^2), halving steps that lower the likelihood; should that
fail, by maximising the profile likelihood in gamma = w/v, whose b and v are the GLS
fit for theta_i = 1 - (1 + T_i gamma)^-1/2.  Typed tolerances (``MLRule``: ml's
tolerance(), ltolerance(), nrtolerance()) end the iteration log where ml's rule -- relative
parameter change <= tolerance or relative ll change <= ltolerance, and g'(-H)^-1 g <=
nrtolerance -- first holds; the steps go on unlogged to the optimum (as ``glm.newton``
polishes).  technique(bhhh): V = (sum_i s_i s_i')^-1 of the panels' scores (ml's vce(opg)).

iweights (constant within a panel, ``weight``): ln L = sum_i w_i l_i, every panel term of the
gradient and Hessian weighted alike; the starting values, the profile fallback and the pooled
regression of the LR test are the weighted ones (sums of weights for N).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.depvar_scaling import LIKELIHOOD_BOUND, depvar_scale, in_depvar_units, log_density_shift, scaled_back
from mlmcli.ols import fit_ols
from mlmcli.panel.groups import Panels
from mlmcli.postest.coefficient_rows import safe_rank
from mlmcli.missing import stata_ratio

LOG2PI = float(np.log(2 * np.pi))


@dataclass(frozen=True)
class PanelData:
    """y, X and their per-panel pieces (X with the constant column when there is one)."""

    y: np.ndarray
    X: np.ndarray
    panels: Panels
    panel_weight: np.ndarray | None = None  # iweights, one per panel

    @property
    def T(self) -> np.ndarray:
        return self.panels.sizes

    @property
    def a(self) -> np.ndarray:
        """The panels' weights (ones without weights)."""
        return np.ones(self.panels.n) if self.panel_weight is None else self.panel_weight

    @property
    def row_weight(self) -> np.ndarray:
        return self.panels.expand(self.a)


def loglik(d: PanelData, b: np.ndarray, su: float, se: float) -> float:
    e = d.y - d.X @ b
    v, w = se * se, su * su
    if v <= 0:
        return float("-inf")
    T = d.T
    S1 = d.panels.sums(e)
    B = S1 ** 2 / T
    W = d.panels.sums(e * e) - B
    lam = T * w + v
    return float(-0.5 * (d.a @ (T * LOG2PI + (T - 1) * np.log(v) + np.log(lam) + W / v + B / lam)))


def derivatives(d: PanelData, b: np.ndarray, su: float, se: float, scores: bool = False):
    """(gradient, Hessian) in (b, sigma_u, sigma_e); with ``scores`` also the n x p
    per-panel scores."""
    X, T, P = d.X, d.T, d.panels
    e = d.y - X @ b
    v, w = se * se, su * su
    lam = T * w + v
    S1 = P.sums(e)
    ebar = S1 / T
    B = S1 * ebar
    W = P.sums(e * e) - B
    Xs = P.sums(X)  # T_i xbar_i
    Xe = P.sums(X * e[:, None])  # X_i' e_i
    Xw = Xe - Xs * ebar[:, None]  # X_i' M e_i
    Xp = Xs * ebar[:, None]  # X_i' P e_i
    sb = Xw / v + Xp / lam[:, None]
    dv = -0.5 * ((T - 1) / v + 1 / lam - W / v ** 2 - B / lam ** 2)
    dw = -0.5 * (T / lam - T * B / lam ** 2)
    dvv = -0.5 * (-(T - 1) / v ** 2 - 1 / lam ** 2 + 2 * W / v ** 3 + 2 * B / lam ** 3)
    dww = -0.5 * (-T ** 2 / lam ** 2 + 2 * T ** 2 * B / lam ** 3)
    dvw = -0.5 * (-T / lam ** 2 + 2 * T * B / lam ** 3)
    a = d.a  # the panels' weights
    XtX = X.T @ (X * d.row_weight[:, None])
    XPX = Xs.T @ (Xs * (a / T)[:, None])
    Hbb = -(XtX - XPX) / v - Xs.T @ (Xs * (a / (T * lam))[:, None])
    Hbv = -(a @ Xw) / v ** 2 - (a / lam ** 2) @ Xp
    Hbw = -(a * T / lam ** 2) @ Xp
    gv, gw = a @ dv, a @ dw
    # chain rule to sigma_u (w = su^2) and sigma_e (v = se^2)
    k = X.shape[1]
    g = np.concatenate([a @ sb, [2 * su * gw, 2 * se * gv]])
    H = np.zeros((k + 2, k + 2))
    H[:k, :k] = Hbb
    H[:k, k] = H[k, :k] = 2 * su * Hbw
    H[:k, k + 1] = H[k + 1, :k] = 2 * se * Hbv
    H[k, k] = 2 * gw + 4 * w * (a @ dww)
    H[k + 1, k + 1] = 2 * gv + 4 * v * (a @ dvv)
    H[k, k + 1] = H[k + 1, k] = 4 * su * se * (a @ dvw)
    if not scores:
        return g, H
    S = np.column_stack([sb, 2 * su * dw, 2 * se * dv])
    return g, H, S


def starting_values(d: PanelData) -> tuple[np.ndarray, float, float]:
    """Stata's: OLS b, then sigma_u^2 from the panel sums of the OLS residuals."""
    if d.panel_weight is not None:  # the iweighted regression and weighted panel means
        return _weighted_starting_values(d)
    ols = fit_ols(d.y, d.X, constant=False)
    # s^2 past the double range (a depvar near 8.98e307) is missing in Stata, so is sigma_e's start
    s2 = ols.rmse ** 2 if ols.rmse < 1e154 else float("nan")
    e = d.y - d.X @ ols.b
    S1 = d.panels.sums(e)
    with np.errstate(over="ignore", invalid="ignore"):
        su2 = max(0.0, (np.mean(S1 ** 2 / d.T) - s2) / (np.mean(d.T) - 1)) if np.mean(d.T) > 1 else 0.0
    return ols.b, float(np.sqrt(su2)), float(np.sqrt(max(0.0, s2 - su2)))


def _weighted_least_squares(y, X, w):
    """(b, rss) of y on X with weights w."""
    r = np.sqrt(w)
    b = np.linalg.lstsq(X * r[:, None], y * r, rcond=None)[0]
    e = y - X @ b
    return b, float(w @ (e * e))


def _weighted_starting_values(d: PanelData):
    wr, a = d.row_weight, d.a
    b, rss = _weighted_least_squares(d.y, d.X, wr)
    s2 = rss / max(wr.sum() - d.X.shape[1], 1e-300)
    S1 = d.panels.sums(d.y - d.X @ b)
    Tbar = float(a @ d.T / a.sum())
    su2 = max(0.0, (float(a @ (S1 ** 2 / d.T)) / a.sum() - s2) / (Tbar - 1)) if Tbar > 1 else 0.0
    return b, float(np.sqrt(su2)), float(np.sqrt(max(0.0, s2 - su2)))


@dataclass(frozen=True)
class MLRule:
    """ml's convergence rule as typed: tolerance(), ltolerance(), nrtolerance() (inf: nonrtolerance)."""

    tolerance: float = 1e-6
    ltolerance: float = 1e-7
    nrtolerance: float = 1e-5

    def met(self, old: np.ndarray, new: np.ndarray, ll_old: float, ll_new: float, nr: float) -> bool:
        dx = float(np.max(np.abs(new - old) / (np.abs(old) + 1)))
        df = abs(ll_new - ll_old) / (abs(ll_old) + 1)
        return (dx <= self.tolerance or df <= self.ltolerance) and nr <= self.nrtolerance


def newton(d: PanelData, b: np.ndarray, su: float, se: float, max_iter: int = 100, stop_at_limit: bool = False,
           rule: MLRule | None = None):
    """Newton-Raphson with step halving.  Returns (b, su, se, log of (ll, note), converged)
    or None when it does not converge (non-concave region it cannot leave, or max_iter).
    ``stop_at_limit`` (ml's iterate(#)): max_iter reached returns where it stopped, not
    converged, the log ending at iteration max_iter.  ``rule``: the log ends where it first
    holds (module docstring)."""
    result = _newton(d, b, su, se, max_iter, stop_at_limit, rule)
    if result is None or result[5] is None:
        return result if result is None else result[:5]
    return result[:3] + (result[3][:result[5]], result[4])


def _newton(d, b, su, se, max_iter, stop_at_limit, rule):
    log = []
    logged = None  # the log's length where ``rule`` first held
    theta = np.concatenate([b, [su, se]])
    k = len(b)
    ll = loglik(d, theta[:k], theta[k], theta[k + 1])
    for it in range(max_iter + 1):
        g, H = derivatives(d, theta[:k], theta[k], theta[k + 1])
        try:
            eig = np.linalg.eigvalsh(-H)
            concave = eig.min() > 0
            step = np.linalg.solve(-H, g) if concave else None
        except np.linalg.LinAlgError:
            concave, step = False, None
        if step is None:  # steepest ascent scaled by the diagonal
            diag = np.abs(np.diag(H))
            step = g / np.where(diag > 0, diag, 1.0)
        crit = float(g @ step) if concave else float("inf")
        log.append((ll, "" if concave else "(not concave)"))
        if concave and crit < 1e-12:
            return theta[:k], float(theta[k]), float(theta[k + 1]), log, True, logged
        if it == max_iter:
            break
        t = 1.0
        for _ in range(60):
            cand = theta + t * step
            if cand[k + 1] > 0:
                ll_new = loglik(d, cand[:k], abs(cand[k]), cand[k + 1])
                if ll_new >= ll - 1e-12 * abs(ll):
                    break
            t /= 2
        else:
            return None
        if rule is not None and logged is None and concave and rule.met(theta, cand, ll, ll_new, crit):
            logged = len(log) + 1  # the log ends with the next iteration's line
        theta = cand
        theta[k] = abs(theta[k])
        if abs(ll_new - ll) <= 1e-15 * abs(ll) and concave:
            ll = ll_new
            log.append((ll, ""))
            return theta[:k], float(theta[k]), float(theta[k + 1]), log, True, logged
        ll = ll_new
    if logged is not None:  # ml's rule held: converged where the log ends
        return theta[:k], float(theta[k]), float(theta[k + 1]), log, True, logged
    if stop_at_limit:
        return theta[:k], float(theta[k]), float(theta[k + 1]), log, False, None
    return None


def profile_fit(d: PanelData) -> tuple[np.ndarray, float, float]:
    """Maximise the profile likelihood over log gamma (bounded Brent), gamma = 0 included."""
    from scipy.optimize import minimize_scalar

    def gls(gamma):
        theta = 1 - 1 / np.sqrt(1 + d.T * gamma)
        th = d.panels.expand(theta)
        ys = d.y - th * d.panels.expand(d.panels.means(d.y))
        Xs = d.X - th[:, None] * d.panels.expand(d.panels.means(d.X))
        if d.panel_weight is not None:
            return _weighted_least_squares(ys, Xs, d.row_weight)
        fit = fit_ols(ys, Xs, constant=False)
        return fit.b, fit.rss

    N = float(d.row_weight.sum())

    def neg(t):
        gamma = np.exp(t)
        _, rss = gls(gamma)
        return 0.5 * (N * np.log(rss / N) + d.a @ np.log(1 + d.T * gamma))

    res = minimize_scalar(neg, bounds=(-30.0, 15.0), method="bounded", options={"xatol": 1e-12})
    gamma = float(np.exp(res.x))
    b0, rss0 = gls(0.0)
    if 0.5 * N * np.log(rss0 / N) <= res.fun:
        gamma = 0.0
    b, rss = gls(gamma)
    v = rss / N
    return b, float(np.sqrt(gamma * v)), float(np.sqrt(v))


def check_feasible_start(se0: float) -> None:
    """xtreg_ml.ado starts ml at sigma_e = sqrt(max(0, s^2 - sigma_u^2)); 0 (a depvar the
    regressors fit exactly, or no regressors and a depvar constant within panels) is a missing
    log likelihood there: ml's ``initial values not feasible`` r(1400)."""
    if not (se0 > 0 and np.isfinite(se0)):
        from mlmcli.errors import StataError
        raise StataError("initial values not feasible", 1400)


def maximise(d: PanelData, iterate: int | None = None, rule: MLRule | None = None,
             start: np.ndarray | None = None):
    """(b, sigma_u, sigma_e, iteration log, converged); ``iterate`` (typed iterate(#)):
    at most that many Newton steps, the estimates where they stop; ``rule``: the typed
    tolerances (module docstring); ``start`` (from()): (b, sigma_u, sigma_e) to start from,
    nan where Stata's starting value stays."""
    b0, su0, se0 = starting_values(d)
    if start is None:
        check_feasible_start(se0)
    if start is not None:
        given = np.where(np.isnan(start), np.concatenate([b0, [su0, se0]]), start)
        b0, su0, se0 = given[:-2], abs(float(given[-2])), abs(float(given[-1]))
        with np.errstate(all="ignore"):
            feasible = np.isfinite(loglik(d, b0, su0, se0))
        if not feasible:  # ml: ln L missing at the values given
            from mlmcli.errors import StataError
            raise StataError("initial values not feasible", 1400)
    if iterate is None:
        out = newton(d, b0, su0, se0, rule=rule)
    else:
        out = newton(d, b0, su0, se0, max_iter=iterate, stop_at_limit=True, rule=rule)
    if out is not None:
        return out
    b, su, se = profile_fit(d)
    return b, su, se, [(loglik(d, b, su, se), "")], True


def fit_ml(y: np.ndarray, X: np.ndarray, panels: Panels, *, constant: bool = True, start: np.ndarray | None = None,
           **options) -> dict:
    """``_fit_ml``; a design with a regressor near 1e9 (or scaled beyond 2^+-20) is fitted on
    centred, power-of-two-scaled columns and b, V mapped back (x b + c is the same index, so the
    likelihood, its log and the tests are unchanged) -- in the user's columns the Newton steps
    stopped with missing SEs and an LR chi2 of -281."""
    from mlmcli.panel.centred_fit import centring, needs_centring

    y = np.asarray(y, float)
    s = depvar_scale(y, LIKELIHOOD_BOUND, both_ways=True)  # sigma^6 and sigma^-6 in the Hessian
    if s != 1.0:
        return _scaled_back(fit_ml(y / s, X, panels, constant=constant,
                                   start=None if start is None else np.asarray(start, float) / s, **options),
                            s, float(np.sum(options["weight"])) if options.get("weight") is not None else len(y))
    X = np.asarray(X, float)
    N = X.shape[0]
    full = np.column_stack([X, np.ones(N)]) if constant else X
    if not needs_centring(full, constant):
        return _fit_ml(y, X, panels, constant=constant, start=start, **options)
    rescaling = centring(full, constant)
    Xs = rescaling.apply(full)
    p = full.shape[1]
    T = rescaling.parameter_map(2)
    start_s = None if start is None else np.linalg.solve(T, np.asarray(start, float))
    out = _fit_ml(y, Xs[:, :-1] if constant else Xs, panels, constant=constant, start=start_s, **options)
    out["full_b"] = T @ out["full_b"]
    out["full_V"] = T @ out["full_V"] @ T.T
    out["b"], out["V"] = out["full_b"][:p], out["full_V"][:p, :p]
    out["rank"] = float(safe_rank(out["full_V"]))
    return out


def _scaled_back(out: dict, s: float, n: float) -> dict:
    """``_fit_ml``'s results for y / s in y's units (``depvar_scaling.scaled_back``): b, sigma_u,
    sigma_e times s, V times s^2, ln L (and each iteration's) less n ln s; the LR statistics,
    rho and rank as they are."""
    out = scaled_back(out, s, n, linear=("b", "full_b", "sigma_u", "sigma_e"), quadratic=("V", "full_V"),
                      log_density=("ll", "ll_0", "ll_c"))
    shift = log_density_shift(n, s)
    out["logs"] = {name: [(ll - shift, note) for ll, note in log] for name, log in out["logs"].items()}
    out["ancillary"] = [row if row[0] == "rho" else (row[0],) + tuple(in_depvar_units(v, s) for v in row[1:])
                        for row in out["ancillary"]]
    return out


def _fit_ml(y: np.ndarray, X: np.ndarray, panels: Panels, *, constant: bool = True, vce: str = "oim",
            cluster: np.ndarray | None = None, level: float = 95.0, iterate: int | None = None,
            rule: MLRule | None = None, start: np.ndarray | None = None, weight: np.ndarray | None = None) -> dict:
    """ML random-effects fit of y on X (estimable slopes; the constant column is added
    unless ``constant`` is False).  Returns what ``xtreg, mle`` stores and prints.  ``vce``:
    oim, opg (technique(bhhh)), robust or cluster; ``rule``: the typed tolerances.
    ``start`` (from()): the full fit starts there and, as xtreg_ml.ado's ``skip``, the
    constant-only fit is not run, so the model test is the Wald chi2 b_s' V_ss^-1 b_s of
    the slopes."""
    from mlmcli import distributions as stats

    N, K = X.shape
    Xc = np.column_stack([X, np.ones(N)]) if constant else X
    a = None
    if weight is not None:  # iweights, constant within each panel: the panel's value
        a = np.zeros(panels.n)
        a[panels.codes] = np.asarray(weight, float)
    d = PanelData(y, Xc, panels, a)
    b, su, se, log, converged = maximise(d, iterate, rule, start)
    ll = loglik(d, b, su, se)
    if weight is None:
        ll_c = fit_ols(y, Xc, constant=constant).ll
    else:  # the iweighted regression's ln L, N the sum of the weights
        _, rss = _weighted_least_squares(y, Xc, d.row_weight)
        Nw = float(d.row_weight.sum())
        ll_c = -0.5 * Nw * (LOG2PI + np.log(rss / Nw) + 1)
    logs = {"full": log}
    ll_0 = float("nan")
    if constant and K and start is None:
        d0 = PanelData(y, np.ones((N, 1)), panels, a)
        b0, su0, se0, log0, _ = maximise(d0, iterate, rule)
        ll_0 = loglik(d0, b0, su0, se0)
        logs["constant"] = log0
    g, H, S = derivatives(d, b, su, se, scores=True)
    p = Xc.shape[1]
    information = S.T @ S if vce == "opg" else -H
    try:
        Vinv = np.linalg.inv(information)
    except np.linalg.LinAlgError:
        Vinv = np.linalg.pinv(information)
    robust = vce in ("robust", "cluster")
    n_clusters = None
    if robust:
        from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

        # cluster of each panel (panels are nested in clusters)
        panel_cluster = np.zeros(panels.n, np.int64)
        panel_cluster[panels.codes] = cluster_index(cluster)[0]
        G = int(panel_cluster.max()) + 1
        V = cluster_sandwich(Vinv, S, panel_cluster, n_clusters=G)
        n_clusters = G
    else:
        V = Vinv
    slopes = slice(0, K)
    if robust or not (constant and K) or start is not None:
        bb, VV = b[slopes], V[slopes, slopes]
        chi2 = float(bb @ np.linalg.solve(VV, bb)) if K and safe_rank(VV) == K else (
            0.0 if not K else float("nan"))
        chi2type = "Wald"
    else:
        chi2 = 2 * (ll - ll_0)
        chi2type = "LR"
    se_all = np.sqrt(np.clip(np.diag(V), 0, None))
    rho = stata_ratio(su ** 2, su ** 2 + se ** 2)  # a constant depvar: 0/0 is missing
    ancillary = ancillary_rows(su, se, V[p:, p:], level)
    out = {
        "b": b[:p], "V": V[:p, :p], "full_b": np.concatenate([b, [su, se]]), "full_V": V,
        "N": float(N), "N_g": float(panels.n), "df_m": float(K), "ll": ll, "ll_0": ll_0,
        "chi2": chi2, "chi2type": chi2type, "sigma_u": su, "sigma_e": se, "rho": rho,
        "ancillary": ancillary, "logs": logs, "rank": float(safe_rank(V)), "converged": float(converged),
    }
    out["p_model"] = float(stats.chi2.sf(chi2, K)) if K and np.isfinite(chi2) else float("nan")
    if robust:
        out["N_clust"] = float(n_clusters)
        out["chi2_c"] = (su / se_all[p]) ** 2 if se_all[p] > 0 else float("nan")
        out["chi2_ct"] = "Wald"
    else:
        out["ll_c"] = ll_c
        out["chi2_c"] = 0.0 if su < 1e-5 else abs(-2 * (ll_c - ll))
        out["chi2_ct"] = "LR"
    out["p"] = float(stats.chi2.sf(out["chi2_c"], 1)) if np.isfinite(out["chi2_c"]) else float("nan")
    return out


def ancillary_rows(su: float, se: float, V_sigma: np.ndarray, level: float, df_r: float | None = None) -> list:
    """The /sigma_u, /sigma_e and rho rows (label, estimate, se, lo, hi) from the 2 x 2 variance
    of (sigma_u, sigma_e): _diparm's ci(log) and ci(probit), rho's se by the delta method;
    the quantile t(df_r) when e(df_r) is set (jackknife), else the normal's."""
    from mlmcli import distributions as stats

    q = 0.5 + level / 200.0
    z = float(stats.t.ppf(q, df_r)) if df_r else float(stats.norm.ppf(q))
    se_s = np.sqrt(np.clip(np.diag(V_sigma), 0, None))
    rho = stata_ratio(su ** 2, su ** 2 + se ** 2)  # a constant depvar: 0/0 is missing
    gr = np.array([2 * su * se ** 2, -2 * se * su ** 2]) / (su ** 2 + se ** 2) ** 2
    se_rho = float(np.sqrt(max(gr @ V_sigma @ gr, 0.0)))
    return [("/sigma_u", su, se_s[0]) + _log_ci(su, se_s[0], z),
            ("/sigma_e", se, se_s[1]) + _log_ci(se, se_s[1], z),
            ("rho", rho, se_rho) + _probit_ci(rho, se_rho, z)]


def _log_ci(est: float, se: float, z: float) -> tuple[float, float]:
    """Stata's ci(log): exp(ln est -+ z se/est)."""
    if not (est > 0 and np.isfinite(se)):
        return float("nan"), float("nan")
    from mlmcli.missing import stata_exp  # a bound beyond the double range is missing

    h = z * se / est
    return est * stata_exp(-h), est * stata_exp(h)


def _probit_ci(est: float, se: float, z: float) -> tuple[float, float]:
    """Stata's ci(probit): Phi(Phi^-1(est) -+ z se / phi(Phi^-1(est)))."""
    from mlmcli import distributions as stats

    if not (0 < est < 1 and np.isfinite(se)):
        return float("nan"), float("nan")
    q = stats.norm.ppf(est)
    h = z * se / stats.norm.pdf(q)
    return float(stats.norm.cdf(q - h)), float(stats.norm.cdf(q + h))
