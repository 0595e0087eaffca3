"""Robust regression as Stata's ``rreg`` computes it ([R] rreg, Methods and formulas; Li 1985,
Hamilton 1991, Street, Carroll and Ruppert 1988).

1. Screening: least squares on the sample; observations with Cook's distance
   D_i = e_i^2 h_i / (k s^2 (1 - h_i)^2) > 1 leave the sample.  rreg.ado refits with
   ``_regress `lhs' `rhs' if `touse'`` on what is left, so columns collinear there (a factor
   level only in the dropped rows) are regress's omitted columns: b and V 0 there.  The
   command rebuilds its design on the screened rows instead (``screen=False`` here), which
   also re-expands the factor levels as regress would.
2. Huber iterations from least squares: with the residuals r of the current fit and
   M = median |r_i - median(r)|, weights w_i = 1 if |r_i| <= 2M, else 2M/|r_i| (Huber's
   c = 1.345 on the scale s = M/.6745 is 1.994 M; rreg uses 2M, the constant that reproduces the
   manual's iteration log), then weighted least squares with them; until the largest change in
   a weight is below 5 tolerance().
3. Biweight iterations: u_i = r_i / (c s), c = 4.685 tune()/7, w_i = (1 - u_i^2)^2 for |u_i| < 1,
   else 0; until the largest change in a weight is below tolerance() (at least one).
   Each iteration's log line is the largest change in a weight; b is the weighted fit with
   the last weights.
4. Standard errors from pseudovalues: with the final residuals e_i, the scale s of the last
   weights, psi'(u) = (1 - u^2)(1 - 5u^2) on |u| < 1 (u = e/(c s)), a = mean psi'(u_i) and
   lambda = 1 + (k / N_w) (1 - a)/a (N_w: the observations of nonzero weight), the pseudovalues
   y~_i = x_i b + (lambda/a) w_i e_i are regressed on X by least squares; that regression's
   coefficients (b again: X'We = 0), covariance, F test, R2 and root MSE are rreg's.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import MAX_DOUBLE
from mlmcli.ols import depvar_scale, squares


@dataclass
class BiweightFit:
    """An rreg fit: b and V over X's columns, the screened sample's rows (``kept``: of the
    rows given), the final weights and the iteration log [(stage, max weight change)]."""

    b: np.ndarray
    V: np.ndarray
    kept: np.ndarray
    weights: np.ndarray
    log: list = field(default_factory=list)
    N: int = 0
    df_m: int = 0
    df_r: int = 0
    mss: float = 0.0
    rss: float = 0.0
    r2: float = 0.0
    r2_a: float = 0.0
    F: float = 0.0
    rmse: float = 0.0
    converged: bool = True


def _wls(y: np.ndarray, X: np.ndarray, w: np.ndarray) -> np.ndarray:
    root = np.sqrt(w)
    return _lstsq(X * root[:, None], y * root)


def _lstsq(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least squares with each column scaled to largest |x| = 1: lstsq's rank cut-off is relative
    to the largest singular value, so a regressor near 1e-150 beside the constant was cut as zero."""
    scale = _column_scale(X)
    return np.linalg.lstsq(X / scale, y, rcond=None)[0] / scale


def _column_scale(X: np.ndarray) -> np.ndarray:
    scale = np.abs(X).max(axis=0) if X.size else np.ones(X.shape[1])
    return np.where(scale > 0, scale, 1.0)


def cooks_distance(y: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Cook's D of the least-squares fit (scale-free in y: a depvar past 2^480 is taken as
    y / 2^j so that e'e stays finite)."""
    n, k = X.shape
    y = np.asarray(y, float) / depvar_scale(np.asarray(y, float))
    Q, _ = np.linalg.qr(X)
    h = np.einsum("ij,ij->i", Q, Q)
    e = y - X @ _lstsq(X, y)
    s2 = float(e @ e) / (n - k)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = e * e * h / (k * s2 * (1 - h) ** 2)
    return np.where(np.isfinite(d), d, 0.0)


def _mad(r: np.ndarray) -> float:
    return float(np.median(np.abs(r - np.median(r))))


def fit_biweight(y: np.ndarray, X: np.ndarray, **options) -> BiweightFit:
    """rreg of y on X (``_fit_biweight``); a depvar past 2^480 is fitted as y / 2^j (the
    weights, F and R2 do not change) and scaled back: b, V, mss and rss past the largest
    double are missing."""
    y = np.asarray(y, float)
    k = depvar_scale(y)
    if k == 1.0:
        return _fit_biweight(y, X, **options)
    fit = _fit_biweight(y / k, X, **options)
    with np.errstate(over="ignore", invalid="ignore"):
        V, b = fit.V * k * k, fit.b * k
    fit.V = np.where(np.abs(V) <= MAX_DOUBLE, V, np.nan)
    fit.b, fit.rmse = np.where(np.abs(b) <= MAX_DOUBLE, b, np.nan), fit.rmse * k  # a tiny regressor's b too
    fit.mss, fit.rss = squares(fit.mss, k), squares(fit.rss, k)
    return fit


def cooks_screen(y: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The rows rreg keeps: Cook's D <= 1 (all of them when there are no residual df)."""
    n, k = X.shape
    return cooks_distance(np.asarray(y, float), X) <= 1.0 if n > k else np.ones(n, bool)


def _fit_biweight(y: np.ndarray, X: np.ndarray, *, tune: float = 7.0, tolerance: float = 0.01,
                  iterate: int = 16000, constant: bool = True, screen: bool = True) -> BiweightFit:
    """rreg of y on X (full column rank on the whole sample; the constant, if any, last);
    ``screen=False``: the rows were screened by Cook's D already (X is the design on the rows
    left).  Columns collinear on the rows left are omitted as regress omits them."""
    kept = cooks_screen(y, X) if screen else np.ones(y.size, bool)
    ys, Xs = y[kept], X[kept]
    independent = _independent_columns(Xs, constant)
    fit = _fit_screened(ys, Xs[:, independent], tune, tolerance, iterate, constant)
    if not independent.all():  # collinear on the rows left: regress's omitted columns
        fit.b, fit.V = _widened(fit.b, fit.V, independent)
    fit.kept = kept
    return fit


def _independent_columns(X: np.ndarray, constant: bool) -> np.ndarray:
    """Which columns of X (the constant last, when there is one) regress keeps, in order."""
    from mlmcli.collinear_columns import independent_candidates

    if not (constant and X.shape[1] and np.all(X[:, -1] == 1.0)):
        return independent_candidates(X, False)
    return np.append(independent_candidates(X[:, :-1], True), True)


def _widened(b: np.ndarray, V: np.ndarray, independent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """b and V over every column: 0 where a column was omitted."""
    k = independent.size
    full_b, full_V = np.zeros(k), np.zeros((k, k))
    full_b[independent] = b
    full_V[np.ix_(independent, independent)] = V
    return full_b, full_V


def _fit_screened(ys: np.ndarray, Xs: np.ndarray, tune: float, tolerance: float, iterate: int,
                  constant: bool) -> BiweightFit:
    """Steps 2-4 on the screened rows (Xs of full column rank)."""
    k = Xs.shape[1]
    if ys.size <= k:
        raise StataError("insufficient observations", 2001)
    c = 4.685 * tune / 7.0
    w = np.ones(ys.size)
    b = _wls(ys, Xs, w)
    log: list[tuple[str, float]] = []
    stage, scale, converged = "Huber", 0.0, False
    while len(log) < iterate:
        r = ys - Xs @ b
        M = _mad(r)
        if M == 0:
            raise StataError("median absolute deviation of the residuals is zero; rreg cannot weight them", 498)
        scale = M / 0.6745
        if stage == "Huber":
            new = np.where(np.abs(r) <= 2 * M, 1.0, 2 * M / np.where(r == 0, 1.0, np.abs(r)))
        else:
            u = r / (c * scale)
            new = np.where(np.abs(u) < 1, (1 - u * u) ** 2, 0.0)
        change = float(np.max(np.abs(new - w)))
        log.append((stage, change))
        w = new
        if not (w > 0).sum() > k:
            raise StataError("insufficient observations", 2001)
        b = _wls(ys, Xs, w)
        if stage == "Huber" and change < 5 * tolerance:
            stage = "Biweight"
        elif stage == "Biweight" and change < tolerance:
            converged = True
            break
    e = ys - Xs @ b
    u = e / (c * scale)
    a = float(np.where(np.abs(u) < 1, (1 - u * u) * (1 - 5 * u * u), 0.0).mean())
    lam = 1 + (k / float((w > 0).sum())) * (1 - a) / a
    pseudo = Xs @ b + (lam / a) * w * e
    return _pseudovalue_regression(pseudo, Xs, b, np.ones(ys.size, bool), w, log, converged, constant)


def _pseudovalue_regression(pseudo, X, b, kept, w, log, converged, constant) -> BiweightFit:
    """Least squares of the pseudovalues: rreg's V, F, R2 and root MSE."""
    n, k = X.shape
    coef = _lstsq(X, pseudo)
    resid = pseudo - X @ coef
    rss = float(resid @ resid)
    df_r = n - k
    df_m = k - 1 if constant else k
    centre = pseudo.mean() if constant else 0.0
    tss = float(((pseudo - centre) ** 2).sum())
    mss = tss - rss
    s2 = rss / df_r
    V = s2 * _cross_inverse(X)
    F = (mss / df_m) / s2 if df_m > 0 and s2 > 0 else float("nan")
    r2 = mss / tss if tss > 0 else float("nan")
    r2_a = 1 - (1 - r2) * (n - (1 if constant else 0)) / df_r
    return BiweightFit(b=b, V=V, kept=kept, weights=w, log=log, N=n, df_m=df_m, df_r=df_r, mss=mss, rss=rss,
                       r2=r2, r2_a=r2_a, F=F, rmse=float(np.sqrt(s2)), converged=converged)


def _cross_inverse(X: np.ndarray) -> np.ndarray:
    """(X'X)^-1 with each column scaled to largest |x| = 1 first: a regressor near 1e-150 (its
    square near 1e-300) makes X'X underflow to singular though X has full rank; elements past
    the double range are missing."""
    scale = _column_scale(X)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        Z = X / scale
        inverse = np.linalg.inv(Z.T @ Z) / np.outer(scale, scale)
    return np.where(np.isfinite(inverse), inverse, np.nan)
