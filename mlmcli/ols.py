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
    V    = (X'WX)^-1 [sum w_i^2 e_i^2 / (1 - h_i)^p x_i x_i'] (X'WX)^-1,  p = 1 (hc2), 2 (hc3),
           (fweights: w_i e_i^2, the w_i copies' terms), h_i = x_i (X'WX)^-1 x_i' with W the
           weights as regress uses them (aweights summing to N) -- Stata's leverage, without
           the factor w_i of R's weighted hat values: Stata 13's ``regress mpg hp [aw=wt],
           vce(hc2)`` on R's mtcars gives the standard errors .0143083 and 2.155169 (estimatr's
           vignette "How Stata's hat matrix differs with weights", statsmodels issue 1209), which
           this h reproduces and R's does not; no N/(N-k) factor ([R] regress: vce(hc2), vce(hc3))
    V    = (N-1)/N sum_i (b_(i) - bbar)(b_(i) - bbar)',  df_r = N - 1       (jackknife)
           b_(i) the fit without row i (cluster(): without cluster g), bbar their mean
           ([R] jackknife; ``mse``: around b instead of bbar); fweights, pweights, aweights
           and the replicates' formulas: ``mlmcli.ols_jackknife``
    With robust/cluster/hc2/hc3/jackknife, F is the Wald statistic b'V^-1 b / df_m over the
    non-constant coefficients.
t = b/se on df_r degrees of freedom; CIs b +- t_{(1+level/100)/2, df_r} se.

Predictions on any rows (``OLSFit.predict``): xb = x b, stdp = sqrt(x V x'),
residuals = y - xb, and with the OLS VCE rstandard = e_i / (s sqrt(1 - h_i)),
leverage h_i = x_i (X'WX)^-1 x_i' = x_i V x_i' / s^2 (Stata [R] regress postestimation; with
weights Stata's leverage above).
``OLSFit`` implements ``mlmcli.estimation.interface.EstimationFit``.

A column whose values lie beyond 2^+-128 is first scaled by a power of two, D
(exact): the fit runs on X D, and b = D b_D, se = D se_D, V = D V_D D (t, p, F and
the residuals are unchanged), so cross-products of regressors near 1e160 neither
overflow nor make a regressor look collinear.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from mlmcli import distributions as stats
from mlmcli.collinear_columns import power_of_two_column_scales
from mlmcli.depvar_scaling import depvar_scale, in_depvar_units, log_density_shift
from mlmcli.errors import StataError, insufficient_replicates
from mlmcli.missing import stata_double
from mlmcli.postest.linear_prediction import linear_prediction, prediction_se, quadratic_form_rows


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
    vce: str  # ols | robust | cluster | hc2 | hc3 | jackknife
    n_clusters: int | None = None
    level: float = 95.0
    residuals: np.ndarray | None = None
    # what regress names and prints: every coefficient's label (``CoefLabel``: base and
    # omitted ones have no column in X), the dependent and the cluster variable
    coef_labels: tuple = ()
    depvar: str = ""
    cluster_var: str | None = None
    # vce(jackknife): b_(g) of each replicate (rows: observations or clusters), e(b)'s columns
    # of X; what saving() writes
    replicates: np.ndarray | None = None
    # vce(jackknife) with fweights or pweights: each replicate's __jk_multiplier (saving()'s
    # variable; fweights: the frequency keep's pseudovalues count it with), NaN if unusable
    multipliers: np.ndarray | None = None
    # regress's beta: the standardized coefficient of each shown row by name (set by the command)
    betas: dict | None = None

    def e_matrices(self):
        """e(b), e(V) over every label (base/omitted: zero), Stata's column names."""
        from mlmcli.postest.coefficient_rows import coefficient_matrices

        return coefficient_matrices(self.coef_labels, self.b, self.V)

    def coef_rows(self) -> tuple:
        """CoefRow per label (base/omitted rows carry zeros) with t statistics."""
        from mlmcli.postest.coefficient_rows import coefficient_rows

        return coefficient_rows(self.coef_labels, self.b, self.se, self.t, self.p, self.ci_lo, self.ci_hi)

    def result(self):
        """The ``RegressResult`` ``regress`` prints."""
        from mlmcli.results.regress import RegressResult

        N = int(round(self.N))
        df_r = int(round(self.df_r))  # G - 1 under vce(cluster), N - 1 under vce(jackknife)
        df_resid = int(round(self.N - self.rank))
        return RegressResult(
            depvar=self.depvar, nobs=N, ss_model=self.mss, ss_resid=self.rss, ss_total=self.tss,
            df_model=int(self.df_m), df_resid=df_r if self.vce in ("cluster", "jackknife") else df_resid,
            df_total=df_resid + int(self.df_m),
            ms_model=self.mss / self.df_m if self.df_m else float("nan"),
            ms_resid=self.rss / df_resid if df_resid > 0 else float("nan"),
            ms_total=self.tss / (df_resid + self.df_m) if df_resid + self.df_m > 0 else float("nan"),
            F=self.F, p_F=self.p_F, r2=self.r2, r2_a=self.r2_a, rmse=self.rmse,
            coefs=self.coef_rows(), level=self.level, vce=self.vce,
            cluster_var=self.cluster_var, n_clusters=self.n_clusters,
        )

    def margins_prediction(self, options: str):
        """margins' hook (``estimation.interface.MarginsFit``): x b, labelled as Stata does;
        pr(a,b), e(a,b), ystar(a,b) of y ~ N(x b, e(rmse)^2) as regres_p computes them (refused
        after a robust VCE, e(vcetype) "Robust", as regres_p refuses them)."""
        from mlmcli.margins.response import linear_prediction_for
        from mlmcli.syntax.abbreviation import resolve_choice
        from mlmcli.syntax.options import read_options

        typed = read_options(options)
        name = resolve_choice(typed[0].name, (("pr", 1), ("e", 1), ("ystar", 2))) if len(typed) == 1 else None
        if name is not None and typed[0].arg is not None:
            from mlmcli.postest.censored_prediction import FixedSigmaResponse, margins_bounds

            if self.vce in ("robust", "cluster"):
                raise StataError(f"option {name}() not allowed after robust estimation", 198)
            prediction, lo, hi = margins_bounds(name, typed[0].arg, name)
            return FixedSigmaResponse(name, lo, hi, self.rmse, prediction.label(self.depvar))
        return linear_prediction_for(options, "Linear prediction", ("xb",),
                                     ("stdp", "residuals", "rstandard", "rstudent", "stdf", "stdr", "cooksd",
                                      "leverage", "hat", "dfbeta", "dfits", "welsch", "covratio", "pr", "e",
                                      "ystar", "score"))

    def margins_influence(self, X: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, str | None]:
        """Each estimation-sample row's influence on b (vce(unconditional) of margins):
        IF_j = (X'WX)^-1 w_j x_j e_j, W = I without ``weights`` (svy: regress passes the
        sampling weights; rows in fit order, columns e(b)'s: base and omitted ones zero), and
        the cluster variable of a vce(cluster) fit (None: independent rows)."""
        if self.residuals is None or len(self.residuals) != X.shape[0]:
            raise StataError("vce(unconditional) requires the residuals of the fit", 498)
        w = np.ones(X.shape[0]) if weights is None else np.asarray(weights, float)
        IF = (X * (w * self.residuals)[:, None]) @ np.linalg.pinv(X.T @ (X * w[:, None]))
        est = [j for j, lab in enumerate(self.coef_labels) if not (lab.base or lab.omitted)]
        out = np.zeros((X.shape[0], len(self.coef_labels)))
        out[:, est] = IF
        return out, self.cluster_var

    def predict(self, statistic: str, rows) -> np.ndarray:
        """xb, stdp, residuals, rstandard (OLS VCE only) on the rows in memory."""
        X = rows.fixed_design()
        if statistic == "xb":
            return linear_prediction(X, self.b)
        if statistic == "stdp":
            return prediction_se(X, self.V)
        if statistic in ("residuals", "rstandard"):
            resid = rows.depvar() - X @ self.b
            if statistic == "residuals":
                return resid
            if self.vce == "ols":
                s2 = self.rmse ** 2
                h = quadratic_form_rows(X, self.V) / s2
                return resid / np.sqrt(s2 * (1 - h))
        raise StataError(f"option {statistic} not allowed", 198)


def leverage_vce(X: np.ndarray, e: np.ndarray, w: np.ndarray, XtWX_inv: np.ndarray, vce: str,
                 weight_kind: str | None) -> np.ndarray:
    """hc2 and hc3, the sandwiches built on each row's leverage h_i (module docstring)."""
    copies = weight_kind == "fweight"
    h = quadratic_form_rows(X, XtWX_inv)  # Stata's leverage: no factor w_i (module docstring)
    with np.errstate(divide="ignore", invalid="ignore"):
        power = 1 if vce == "hc2" else 2
        omega = (w if copies else w * w) * e * e / (1.0 - h) ** power
    meat = X.T @ (X * omega[:, None])
    return XtWX_inv @ meat @ XtWX_inv


def replicate_coefficients(y: np.ndarray, X: np.ndarray, _codes=None) -> np.ndarray:
    """b of one bootstrap replicate (``panel.bootstrap``'s estimator); a replicate whose
    regressors are collinear raises LinAlgError, which the bootstrap counts as a failed draw."""
    if np.linalg.matrix_rank(X) < X.shape[1]:
        raise np.linalg.LinAlgError("collinear replicate")
    k = depvar_scale(np.asarray(y, dtype=float))  # y near 1e307: fitted as y / 2^j (exact)
    return np.linalg.lstsq(X, y / k, rcond=None)[0] * k


def bootstrap_vce(y: np.ndarray, X: np.ndarray, reps: int, rng, progress=None,
                  on_sample=None) -> tuple[np.ndarray, np.ndarray]:
    """regress's vce(bootstrap): (V, B) -- B the ``reps`` replicates' b (observations drawn
    with replacement, ``replicate_coefficients``; a failed draw a row of NaN), V their
    covariance (``panel.bootstrap.bootstrap_variance``); ``progress(ok)`` after each draw,
    ``on_sample(y_r, X_r)`` with each draw's rows before its fit (noisily's output).
    Fewer than two usable replicates: Stata's r(2001)."""
    from mlmcli.panel.bootstrap import bootstrap_variance, panel_bootstrap

    def estimator(y_r, X_r, codes):
        if on_sample is not None:
            on_sample(y_r, X_r)
        return replicate_coefficients(y_r, X_r, codes)

    B = panel_bootstrap(estimator, y, X, np.arange(len(y)), reps, rng, progress=progress)
    V = bootstrap_variance(B)
    if V.shape != (X.shape[1], X.shape[1]) or not np.all(np.isfinite(V)):
        raise insufficient_replicates("bootstrap")
    return V, B


def sequential_sum(values: np.ndarray) -> float:
    """w_1 + w_2 + ... + w_n added one at a time in double precision, in the rows' order (a
    loop over the observations, as Stata's built-in adds a sum of weights; numpy's ``sum`` adds
    pairwise, which can land on the other side of a whole number)."""
    values = np.asarray(values, dtype=float)
    return float(np.cumsum(values)[-1]) if values.size else 0.0


def regress_weights(weight: np.ndarray | None, weight_kind: str | None, n_rows: int) -> tuple[np.ndarray, float]:
    """(the weights regress uses, N): fweights and iweights as given (N their sum; with iweights
    its integer part, which regress posts as e(N) and uses in its residual degrees of freedom:
    Statalist 2009-12 msg00380, e(N) 221 and e(rmse) from 221 for a sum of 221.5 -- the sum
    added up in double precision in the rows' order, ``sequential_sum``), aweights and pweights
    rescaled to sum to the number of rows (N the rows); no weights: ones."""
    if weight is None:
        return np.ones(n_rows), float(n_rows)
    w = np.asarray(weight, dtype=float)
    if weight_kind == "iweight":  # taken as given, not rescaled
        return w, float(np.floor(sequential_sum(w)))
    if weight_kind == "fweight":
        return w, float(w.sum())
    return w * (n_rows / w.sum()), float(n_rows)


def squares(value: float, scale: float) -> float:
    """A sum of squares of y / scale in y's units: missing past the largest double."""
    with np.errstate(over="ignore", invalid="ignore"):
        return stata_double(value * scale * scale)


def wald_F(bb: np.ndarray, Vs: np.ndarray) -> tuple[float, int]:
    """The model test b'V^-1 b / q of a robust/cluster VCE and the rank of V.  A V of
    rank below q (vce(cluster) with G - 1 < q: the scores of G clusters span at most G - 1
    dimensions) gives F missing over the rank, as Stata prints it (a published regress log
    with 12 clusters and many regressors shows "F(11, 11) = ." and "Prob > F = .")."""
    q = len(bb)
    if q == 0 or not np.all(np.isfinite(Vs)):
        return float("nan"), q
    d = np.sqrt(np.clip(np.diag(Vs), 0, None))
    scale = np.where(d > 0, d, 1.0)
    corr = Vs / scale[:, None] / scale[None, :]  # scale-free, so the tolerance is relative
    sv = np.linalg.svd(corr, compute_uv=False)
    rank = int(np.sum(sv > 1e-12 * max(sv.max(), 1e-300)))
    if rank < q:
        return float("nan"), rank
    return float(bb @ np.linalg.solve(Vs, bb) / q), q


def fit_ols(y: np.ndarray, X: np.ndarray, *args, **kwargs) -> OLSFit:
    """Least squares fit (``_fit_ols``).  A depvar near Stata's largest double (|y| past
    2^480) is fitted as y / 2^j and the results scaled back (a power of two: exact), so that
    b, se, rmse, R2, F and the log likelihood are the finite numbers they are; e(V), e(rss),
    e(mss) and e(tss) past the largest double are missing, as Stata holds them."""
    y = np.asarray(y, dtype=float)
    ys = depvar_scale(y)
    if ys == 1.0:
        return _fit_ols(y, X, *args, **kwargs)
    fit = _fit_ols(y / ys, X, *args, **kwargs)

    def big(v, power=1):  # a number or array in the user's units; missing past the largest double
        return in_depvar_units(v, ys, power)

    b, se = big(fit.b), big(fit.se)
    width = (fit.ci_hi - fit.ci_lo) / 2
    log_ys = log_density_shift(fit.N, ys)
    with np.errstate(over="ignore", invalid="ignore"):  # b -+ a half-width past the range: missing in Stata
        return replace(fit, b=b, se=se, V=big(fit.V, 2), ci_lo=b - big(width), ci_hi=b + big(width),
                       mss=big(fit.mss, 2), rss=big(fit.rss, 2), tss=big(fit.tss, 2), rmse=big(fit.rmse),
                       ll=fit.ll - log_ys, ll_0=fit.ll_0 - log_ys, residuals=None if fit.residuals is None
                       else big(fit.residuals), replicates=None if fit.replicates is None else big(fit.replicates))


def qr_solve(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((X'WX)^-1, b) from W^1/2 X = QR: b = R^-1 Q'W^1/2 y, (X'WX)^-1 = R^-1 R^-T."""
    from scipy.linalg import solve_triangular

    root = np.sqrt(w)
    Q, R = np.linalg.qr(X * root[:, None])
    R_inv = solve_triangular(R, np.eye(R.shape[0]), check_finite=False)
    return R_inv @ R_inv.T, R_inv @ (Q.T @ (root * y))


def _fit_ols(y: np.ndarray, X: np.ndarray, constant: bool = True, weight: np.ndarray | None = None,
            weight_kind: str | None = None, vce: str = "ols", cluster: np.ndarray | None = None,
            level: float = 95.0, coef_labels: tuple = (), depvar: str = "",
            cluster_var: str | None = None, mse: bool = False,
            replicate_filter: Callable[[np.ndarray], np.ndarray] | None = None,
            replicate_units: tuple[np.ndarray, int] | None = None, qr: bool = False) -> OLSFit:
    """Least squares fit (see module docstring).  X's columns must be of full rank.
    ``qr``: b and (X'WX)^-1 from the QR decomposition of W^1/2 X rather than the normal equations
    (a nearly collinear design keeps twice the digits; the within estimators ask for it).
    ``coef_labels``/``depvar``/``cluster_var``: what ``e_matrices()`` and ``result()`` name.
    ``replicate_filter`` (vce(jackknife)): the replicates (user's units) -> which are usable
    (jackknife.ado's n() and reject() checks); the others are missing, V and df_r from the rest;
    ``replicate_units``: jackknife's replicates when nodrop adds some (``ols_jackknife``)."""
    y = np.asarray(y, dtype=float)
    X = np.asarray(X, dtype=float)
    scale = power_of_two_column_scales(X)
    if np.any(scale != 1.0):
        X = X * scale
    n_rows, k = X.shape
    w, N = regress_weights(weight, weight_kind, n_rows)
    if weight_kind == "pweight" and vce == "ols":
        vce = "robust"
    if qr and k and np.all(w >= 0):
        XtWX_inv, b = qr_solve(X, y, w)
    else:
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
    n_clusters = replicates = multipliers = None
    if vce == "ols":
        V = (rmse ** 2) * XtWX_inv if df_r > 0 else np.full((k, k), np.nan)
    elif vce == "jackknife":  # mlmcli.ols_jackknife (aweights: the callers allow them with force only)
        from mlmcli.ols_jackknife import jackknife_vce

        jk = jackknife_vce(X, y, e, b, XtWX_inv, w, weight_kind, cluster, mse=mse, scale=scale,
                           clustvar=cluster_var, replicate_filter=replicate_filter, units=replicate_units)
        replicates, V, df_r, n_clusters, multipliers = jk.replicates, jk.V, jk.df_r, jk.n_clusters, jk.multipliers
    elif vce in ("hc2", "hc3"):
        V = leverage_vce(X, e, w, XtWX_inv, vce, weight_kind)
    else:
        from mlmcli.robust.cluster_sandwich import cluster_index, clustered_meat, sandwich

        scores = X * (w * e)[:, None]
        if vce == "cluster":  # G/(G-1) (N-1)/(N-k)
            inv, n_clusters = cluster_index(np.asarray(cluster))
            meat = clustered_meat(scores, inv, extra=(N - 1) / (N - k), n_clusters=n_clusters)
            df_r = n_clusters - 1
        elif N > k:  # N/(N-k) = N/(N-1) (N-1)/(N-k); fweights: w copies of each observation
            meat = clustered_meat(scores, fweight=w if weight_kind == "fweight" else None, extra=(N - 1) / (N - k),
                                  n_clusters=N)
        else:
            meat = np.full((k, k), np.nan)
        V = sandwich(XtWX_inv, meat)
    se = np.sqrt(np.clip(np.diag(V), 0, None)) if k else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(se > 0, b / se, np.nan)  # Stata's b/0 is missing, and so is its P (not 0.000)
    df_t = df_r if df_r > 0 else np.nan
    p = 2 * stats.t.sf(np.abs(t), df_t)
    q = stats.t.ppf(0.5 + level / 200.0, df_t)
    r2 = mss / tss if tss > 0 else float("nan")
    r2_a = 1 - (1 - r2) * (N - c) / (N - k) if N > k else float("nan")
    if df_m > 0:
        if vce == "ols":
            F = (mss / df_m) / (rss / (N - k)) if rss > 0 and N > k else float("nan")
        else:
            idx = slice(0, k - c)
            F, tested = wald_F(b[idx], V[idx, idx])
            df_m = min(df_m, tested)
        p_F = float(stats.f.sf(F, df_m, df_r)) if np.isfinite(F) else float("nan")
    else:
        F = p_F = float("nan")
    ll = -0.5 * N * (1 + np.log(2 * np.pi) + np.log(rss / N)) if rss > 0 else float("nan")
    ll_0 = -0.5 * N * (1 + np.log(2 * np.pi) + np.log(tss / N)) if constant and tss > 0 else float("nan")
    if np.any(scale != 1.0):  # back to the user's units: b = D b_D, se = D se_D, V = D V_D D
        with np.errstate(over="ignore", invalid="ignore"):  # a regressor near 1e-300: b past the
            b, se = b * scale, se * scale  # largest double is Stata's missing
        from mlmcli.missing import MAX_DOUBLE

        b, se = (np.where(np.abs(v) <= MAX_DOUBLE, v, np.nan) for v in (b, se))
        gone = np.isnan(b) | np.isnan(se)  # Stata's t and P of a missing coefficient are missing
        t, p = np.where(gone, np.nan, t), np.where(gone, np.nan, p)
        replicates = None if replicates is None else replicates * scale
        with np.errstate(over="ignore"):  # a variance beyond the double range is missing
            V = V * scale[:, None] * scale[None, :]
        V[~np.isfinite(V)] = np.nan
    return OLSFit(b=b, V=V, se=se, t=t, p=p, ci_lo=b - q * se, ci_hi=b + q * se, N=N, df_m=df_m,
                  df_r=float(df_r), mss=mss, rss=rss, tss=tss, F=float(F), p_F=p_F, r2=float(r2),
                  r2_a=float(r2_a), rmse=rmse, ll=float(ll), ll_0=float(ll_0), rank=k, vce=vce,
                  n_clusters=n_clusters, level=level, residuals=e, coef_labels=tuple(coef_labels),
                  depvar=depvar, cluster_var=cluster_var, replicates=replicates,
                  multipliers=multipliers)
