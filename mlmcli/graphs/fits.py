"""The numbers behind ``twoway lfit``/``lfitci`` and ``qfit``/``qfitci``: an OLS line
(or parabola) and its bands.

For ``y = a + b x`` fitted by OLS on n pairs,

    b = Sxy / Sxx,  a = ybar - b xbar,  s^2 = RSS / (n - 2)
    stdp(x0) = s * sqrt(1/n + (x0 - xbar)^2 / Sxx)     (SE of the mean prediction)
    stdf(x0) = sqrt(s^2 + stdp(x0)^2)                   (SE of a forecast)
    stdr(x0) = sqrt(s^2 - stdp(x0)^2)                   (SE of the residual)

and the band is ``fit ± t(n-2, (1+level/100)/2) * se``, as Stata's ``lfitci``
computes it (``regress`` then ``predict, stdp``).  When x does not vary,
``regress`` omits it and the fit is the mean of y with ``stdp = s / sqrt(n)``.

With weights (``[aw=w]``, ``[fw=w]``, ``[pw=w]``) the fits are ``regress``'s weighted least
squares: sums above become weighted sums, aweights (and pweights) are first scaled to sum to
n, fweights count observations (n = sum of w), and s^2 = sum w e^2 / (n - k).

``qfit`` regresses y on x and x^2 (``polynomial_fit`` with degree 2): with
X0 = (1, x0, x0^2), stdp(x0) = sqrt(X0 (X'X)^-1 X0' s^2), s^2 = RSS/(n - k), and the
same stdf/stdr and t(n - k) band; a power that is collinear with the others is
omitted, as ``regress`` omits it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.ols import depvar_scale


@dataclass(frozen=True)
class LineFit:
    """Fitted values (and band, when asked) at the evaluation points ``x``."""

    x: np.ndarray
    fit: np.ndarray
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    intercept: float = float("nan")
    slope: float = float("nan")


def band(fit: np.ndarray, s2: float, var_p: np.ndarray, se: str, level: float, df: int
         ) -> tuple[np.ndarray, np.ndarray]:
    """fit -/+ t(df, (1+level/100)/2) * se, with se from ``stdp`` (sqrt(var_p)), ``stdf``
    (sqrt(s2 + var_p)) or ``stdr`` (sqrt(s2 - var_p))."""
    if se == "stdp":
        width = np.sqrt(var_p)
    elif se == "stdf":
        width = np.sqrt(s2 + var_p)
    elif se == "stdr":
        width = np.sqrt(np.maximum(s2 - var_p, 0.0))
    else:  # pragma: no cover - callers pass one of the three
        raise ValueError(se)
    from mlmcli.distributions import t as student_t

    q = float(student_t.ppf(0.5 + level / 200.0, df))
    return fit - q * width, fit + q * width


def eval_points(x: np.ndarray, n: int, span: tuple[float, float] | None = None,
                atobs: bool = False) -> np.ndarray:
    """Where the line is evaluated: ``n`` equally spaced points over the range of x
    (or over ``range(# #)``; a missing bound keeps the data's), or the observed x (sorted)."""
    if atobs:
        return np.sort(x)
    lo, hi = float(np.min(x)), float(np.max(x))
    if span is not None:
        lo = lo if np.isnan(span[0]) else span[0]
        hi = hi if np.isnan(span[1]) else span[1]
    return np.linspace(lo, hi, max(int(n), 2))


def _weighted(y: np.ndarray, x: np.ndarray, w: np.ndarray | None, frequency: bool
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(y, x, weights, n) of the usable rows: weights scaled to sum to n unless they are
    frequencies (then n is their sum); no weights are weights of 1."""
    ok = np.isfinite(y) & np.isfinite(x)
    if w is not None:
        ok &= np.isfinite(w)
    y, x = y[ok], x[ok]
    if len(y) == 0:
        raise StataError("no observations", 2000)
    if w is None:
        return y, x, np.ones(len(y)), float(len(y))
    w = np.asarray(w, float)[ok]
    if frequency:
        return y, x, w, float(w.sum())
    return y, x, w * (len(y) / w.sum()), float(len(y))


def _finite_scales(y: np.ndarray, x: np.ndarray) -> tuple[float, float]:
    """(y's, x's) power of two past 2^480 (``depvar_scale``), 1 below: the fits are equivariant,
    so values near Stata's largest double are fitted divided by it (exact) and scaled back --
    their sums and cross-products would pass the largest double."""
    return depvar_scale(np.asarray(y, float)), depvar_scale(np.asarray(x, float))


def _scaled_back(inner: LineFit, at: np.ndarray, ys: float, xs: float) -> LineFit:
    """A fit of y/ys on x/xs at at/xs in the user's units (past the largest double: inf)."""
    with np.errstate(over="ignore", invalid="ignore"):
        def big(v):
            return None if v is None else v * ys

        return LineFit(np.asarray(at, float), big(inner.fit), big(inner.lower), big(inner.upper),
                       inner.intercept * ys, inner.slope * ys / xs)


def linear_fit(y: np.ndarray, x: np.ndarray, at: np.ndarray, se: str | None = None,
               level: float = 95.0, *, w: np.ndarray | None = None, frequency: bool = False) -> LineFit:
    """OLS (weighted: WLS) of y on x evaluated at ``at``; with ``se`` in {stdp, stdf, stdr},
    the band too.  ``w``: weights, ``frequency``: they are fweights.

    Rows with a missing y, x or weight are dropped.  No observations raise ``no
    observations`` r(2000), as ``regress`` does.
    """
    ys, xs = _finite_scales(y, x)
    if ys != 1.0 or xs != 1.0:
        at = np.asarray(at, float)
        inner = linear_fit(np.asarray(y, float) / ys, np.asarray(x, float) / xs, at / xs, se, level,
                           w=w, frequency=frequency)
        return _scaled_back(inner, at, ys, xs)
    y, x, w, n = _weighted(y, x, w, frequency)
    xbar, ybar = float(w @ x / w.sum()), float(w @ y / w.sum())
    sxx = float(w @ (x - xbar) ** 2)
    # regress omits an x that does not vary (relative to its scale)
    varies = sxx > 1e-13 * max(1.0, float(w @ (x * x)))
    if varies:
        slope = float(w @ ((x - xbar) * (y - ybar)) / sxx)
        intercept = float(ybar - slope * xbar)
        k = 2
    else:
        slope, intercept, k = 0.0, float(ybar), 1
    fit = intercept + slope * at
    if se is None:
        return LineFit(at, fit, intercept=intercept, slope=slope)
    df = n - k
    if df <= 0:
        nan = np.full_like(fit, np.nan)
        return LineFit(at, fit, nan, nan.copy(), intercept, slope)
    resid = y - (intercept + slope * x)
    s2 = float(w @ resid ** 2 / df)
    leverage = 1.0 / float(w.sum()) + ((at - xbar) ** 2 / sxx if varies else 0.0)
    lower, upper = band(fit, s2, s2 * leverage, se, level, df)
    return LineFit(at, fit, lower, upper, intercept, slope)


@dataclass(frozen=True)
class PowerColumns:
    """The regressors of a polynomial fit: the powers ``keep`` of (x - center)/scale (0: the
    constant), those not collinear with the earlier ones (``regress`` omits the rest)."""

    center: float
    scale: float
    degree: int
    keep: tuple[int, ...]

    def design(self, values: np.ndarray) -> np.ndarray:
        powers = np.vander((values - self.center) / self.scale, self.degree + 1, increasing=True)
        return powers[:, list(self.keep)]


def power_columns(x: np.ndarray, degree: int, constant: bool = True) -> PowerColumns:
    """Which powers of x (centred and scaled when there is a constant) a fit of degree
    ``degree`` keeps."""
    center = float(x.mean()) if constant else 0.0
    scale = float(np.abs(x - center).max()) or 1.0
    powers = np.vander((x - center) / scale, degree + 1, increasing=True)
    keep: list[int] = []
    for j in range(0 if constant else 1, degree + 1):
        trial = powers[:, keep + [j]]
        if np.linalg.matrix_rank(trial, tol=1e-9 * max(1.0, np.abs(trial).max()) * len(x)) == len(keep) + 1:
            keep.append(j)
    return PowerColumns(center, scale, degree, tuple(keep))


def polynomial_fit(y: np.ndarray, x: np.ndarray, at: np.ndarray, degree: int = 2,
                   se: str | None = None, level: float = 95.0, *, w: np.ndarray | None = None,
                   frequency: bool = False, constant: bool = True) -> LineFit:
    """OLS (weighted: WLS) of y on 1, x, ..., x^degree evaluated at ``at`` (band and
    weights as in ``linear_fit``); ``constant`` False: without the 1 (``regress``'s
    ``noconstant``, the powers of x itself, not centred); y or x near the largest double are
    fitted scaled (``_finite_scales``)."""
    ys, xs = _finite_scales(y, x)
    if ys != 1.0 or xs != 1.0:
        at = np.asarray(at, float)
        inner = polynomial_fit(np.asarray(y, float) / ys, np.asarray(x, float) / xs, at / xs, degree, se, level,
                               w=w, frequency=frequency, constant=constant)
        return _scaled_back(inner, at, ys, xs)
    y, x, w, n = _weighted(y, x, w, frequency)
    columns = power_columns(x, degree, constant)
    keep = columns.keep
    X = columns.design(x)
    xtx_inv = np.linalg.inv(X.T @ (w[:, None] * X))
    beta = xtx_inv @ (X.T @ (w * y))
    at_powers = columns.design(np.asarray(at, float))
    fit = at_powers @ beta
    if se is None:
        return LineFit(np.asarray(at, float), fit)
    df = n - len(keep)
    if df <= 0:
        nan = np.full_like(fit, np.nan)
        return LineFit(np.asarray(at, float), fit, nan, nan.copy())
    resid = y - X @ beta
    s2 = float(w @ resid ** 2) / df
    var_p = s2 * np.einsum("ij,jk,ik->i", at_powers, xtx_inv, at_powers)
    lower, upper = band(fit, s2, var_p, se, level, df)
    return LineFit(np.asarray(at, float), fit, lower, upper)
