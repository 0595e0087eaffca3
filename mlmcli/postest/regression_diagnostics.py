"""predict's statistics after ``regress`` built on the residual and the leverage ([R] regress
postestimation; Stata's regres_p).  At a row with design x0, outcome y0 and leverage
h = x0 (X'X)^-1 x0' (the unweighted fit's):

    residuals = score = r = y0 - x0 b
    rstandard = r / (s sqrt(1 - h))
    rstudent  = r / (s_(i) sqrt(1 - h)),   s_(i)^2 = ((N - k) s^2 - r^2 / (1 - h)) / (N - k - 1)
    cooksd    = r^2 h / (k s^2 (1 - h)^2)
    dfits     = rstudent sqrt(h / (1 - h))
    welsch    = dfits sqrt((N - 1) / (1 - h))
    covratio  = ((N - df_m - t^2 - 1) / (N - df_m - 2))^(df_m + 1) / (1 - h),  t = rstandard
    dfbeta(x) = rstudent u / sqrt((1 - h) sum u^2), u the residuals of the regression of the
                coefficient's variable on the other regressors (and a constant) over the points
                where rstudent is not missing

with s = e(rmse), k the number of coefficients, N = e(N), df_m = e(df_m).  After a weighted
regress the leverage is Stata's h = x0 (X'WX)^-1 x0' = x0 V x0' / s^2, W the weights as regress
uses them (aweights rescaled to sum to N; ``weighted_leverage``), without the factor w_i of R's
weighted hat values: Stata 13's vce(hc2) output is reproduced by this h (``mlmcli.ols``).  The
other statistics are the formulas above with that h and the raw residual r, for every weight
type: with fweights each is that of one copy of the observation in the regression on the rows
repeated (N = e(N) the sum of the weights); with aweights and iweights that of an observation of
(rescaled) weight one at (x0, y0).  Stata's built-in _predict, which computes rstandard,
rstudent and cooksd (and regres_p.ado dfits and welsch from its hat and rstudent), documents
nothing about weights; this is mlm's reading, from what _predict has (e(b), e(V), e(rmse),
e(N)) and from regres_p.ado's own covratio, which standardises the residual as
r / (e(rmse) sqrt(1 - hat)) with no weight (tests/graphs_reference/aweight_diagnostics.R: at
rows of rescaled weight one these are R's rstandard/rstudent/cooks.distance/dffits of the
weighted lm).  dfbeta() after any weights is regres_p's r(398).  And y's truncated normal
moments (regre_p2), alpha = (a - xb)/s, beta = (b - xb)/s (a missing a or b: -/+ inf):

    pr(a,b)    = Phi(beta) - Phi(alpha)
    e(a,b)     = xb - s (phi(beta) - phi(alpha)) / (Phi(beta) - Phi(alpha))
    ystar(a,b) = a Phi(alpha) + b (1 - Phi(beta)) + (Phi(beta) - Phi(alpha)) xb - s (phi(beta) - phi(alpha))
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

# computed only in e(sample) (regres_p: "restricted to e(sample)")
SAMPLE_ONLY = ("dfbeta", "covratio", "dfits", "welsch")
def check_weighted(name: str, weight_kind: str | None) -> None:
    """dfbeta() after a weighted regress is regres_p's r(398); every other statistic is
    computed (module docstring)."""
    if weight_kind and name == "dfbeta":
        raise StataError("not possible after weighted regression", 398)


def weighted_leverage(X0: np.ndarray, X: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """h = x0 (X'WX)^-1 x0' at the rows of X0 (X: the estimation sample's design, w: the
    weights as regress uses them, ``mlmcli.ols.regress_weights``; None: unweighted)."""
    from mlmcli.collinear_columns import power_of_two_column_scales
    from mlmcli.postest.linear_prediction import quadratic_form_rows

    # h is free of the columns' scales: huge or tiny regressors (near 1e307) are scaled by a power
    # of two first (exact) so that X'WX stays finite
    scale = power_of_two_column_scales(np.asarray(X, float))
    X, X0 = np.asarray(X, float) * scale, np.asarray(X0, float) * scale
    XtWX = X.T @ X if w is None else X.T @ (X * np.asarray(w, float)[:, None])
    return quadratic_form_rows(X0, np.linalg.inv(XtWX))


def standard_error_statistic(name: str, var_p: np.ndarray, s2: float) -> np.ndarray:
    """stdp = sqrt(x V x'), stdf = sqrt(s^2 + x V x'), stdr = sqrt(s^2 - x V x') from the rows'
    ``var_p`` = x V x' and s^2 = e(rmse)^2."""
    if name == "stdp":
        return np.sqrt(np.maximum(var_p, 0.0))
    if name == "stdf":
        return np.sqrt(s2 + var_p)
    if name == "stdr":
        return np.sqrt(np.maximum(s2 - var_p, 0.0))
    raise ValueError(name)


def outcome_statistic(name: str, *, residual: np.ndarray, leverage: np.ndarray, in_sample: np.ndarray,
                      s: float, N: float, k: int, df_m: int, dfbeta_columns: tuple | None = None
                      ) -> np.ndarray:
    """The statistic ``name`` at each point (module docstring).  ``dfbeta_columns``: (the
    coefficient's variable at the points, the other regressors at the points) for dfbeta."""
    r, h = np.asarray(residual, float), np.asarray(leverage, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if name in ("residuals", "score"):
            out = r
        elif name == "rstandard":
            out = r / (s * np.sqrt(1.0 - h))
        elif name == "cooksd":
            out = r * r * h / (k * s * s * (1.0 - h) ** 2)
        elif name == "covratio":
            t = r / (s * np.sqrt(1.0 - h))
            out = ((N - df_m - t * t - 1.0) / (N - df_m - 2.0)) ** (df_m + 1) / (1.0 - h)
        else:
            # s_i^2 = ((N-k) s^2 - r^2/(1-h)) / (N-k-1), in units of s so that residuals near
            # 1e307 do not square past the double range
            s_i = s * np.sqrt(((N - k) - (r / s) ** 2 / (1.0 - h)) / (N - k - 1.0))
            rstudent = r / (s_i * np.sqrt(1.0 - h))
            if name == "rstudent":
                out = rstudent
            elif name == "dfits":
                out = rstudent * np.sqrt(h / (1.0 - h))
            elif name == "welsch":
                out = rstudent * np.sqrt(h / (1.0 - h)) * np.sqrt((N - 1.0) / (1.0 - h))
            elif name == "dfbeta":
                out = _dfbeta(np.where(in_sample, rstudent, np.nan), h, dfbeta_columns)
            else:  # pragma: no cover - read_prediction passes only the names above
                raise ValueError(name)
    out = np.where(np.isfinite(out), out, np.nan)
    if name in SAMPLE_ONLY:
        out = np.where(in_sample, out, np.nan)
    return out


def _dfbeta(rstudent: np.ndarray, h: np.ndarray, columns) -> np.ndarray:
    """regres_p's DFbeta: the coefficient's variable regressed (with a constant) on the other
    regressors over the points with a rstudent; its residuals u; rstudent u / sqrt((1-h) sum u^2)."""
    target, others = columns
    ok = np.isfinite(rstudent)
    out = np.full_like(rstudent, np.nan)
    if not ok.any():
        return out
    Z = np.column_stack([np.asarray(others, float)[ok].reshape(int(ok.sum()), -1), np.ones(int(ok.sum()))])
    coef = np.linalg.lstsq(Z, np.asarray(target, float)[ok], rcond=None)[0]
    u = np.asarray(target, float)[ok] - Z @ coef
    out[ok] = rstudent[ok] * u / np.sqrt((1.0 - h[ok]) * float(u @ u))
    return out


def truncated_statistic(name: str, xb: np.ndarray, s: float, lo, hi) -> np.ndarray:
    """pr(a,b), e(a,b) or ystar(a,b) at each row (module docstring); ``lo``/``hi``: numbers or
    arrays, nan for an unbounded side."""
    from mlmcli.distributions import norm

    lo, hi = np.broadcast_to(lo, xb.shape), np.broadcast_to(hi, xb.shape)
    with np.errstate(invalid="ignore"):
        alpha = np.where(np.isnan(lo), -np.inf, (lo - xb) / s)
        beta = np.where(np.isnan(hi), np.inf, (hi - xb) / s)
    big_a, big_b = norm.cdf(alpha), norm.cdf(beta)
    # Phi(b) - Phi(a) from the tail that keeps its digits (far in the upper tail both cdfs are 1)
    prob = np.where(alpha > 0, norm.sf(alpha) - norm.sf(beta), big_b - big_a)
    if name == "pr":
        return prob
    if name == "e":  # xb + s (phi(a) - phi(b))/P, the ratios taken in logs (P may underflow)
        from mlmcli.glm.censored_gaussian import log_interval_probability

        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            log_p = log_interval_probability(alpha, beta)
            ratio_a = np.where(np.isfinite(alpha), np.exp(-0.5 * np.nan_to_num(alpha) ** 2 - 0.5 * np.log(2 * np.pi)
                                                          - log_p), 0.0)
            ratio_b = np.where(np.isfinite(beta), np.exp(-0.5 * np.nan_to_num(beta) ** 2 - 0.5 * np.log(2 * np.pi)
                                                         - log_p), 0.0)
            return np.where(np.isnan(xb), np.nan, xb + s * (ratio_a - ratio_b))
    small_a = np.where(np.isfinite(alpha), norm.pdf(np.where(np.isfinite(alpha), alpha, 0.0)), 0.0)
    small_b = np.where(np.isfinite(beta), norm.pdf(np.where(np.isfinite(beta), beta, 0.0)), 0.0)
    # ystar: y censored at a and b; an unbounded side adds nothing
    below = np.where(np.isnan(lo), 0.0, np.nan_to_num(lo) * big_a)
    above = np.where(np.isnan(hi), 0.0, np.nan_to_num(hi) * norm.sf(beta))
    return below + above + prob * xb - s * (small_b - small_a)
