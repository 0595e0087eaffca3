"""Prais-Winsten and Cochrane-Orcutt AR(1) regression as prais.ado (6.4.5, Stata 16 tree) fits it.

Rows are the estimation sample in any order; ``prev[i]`` is the sample row one period before
row i in the same panel (-1: none, i.e. the series' first row or the row after a gap: prais's
``l.touse`` is then 0).  With rho,

    z*_t = z_t - rho z_{t-1}              (a previous row exists)
    z*_t = z_t sqrt(1 - rho^2)            (otherwise; Cochrane-Orcutt drops the row)

for y and every column of X (the constant too), and b is least squares of y* on X* without a
constant; with a constant in the model the total sum of squares is taken about y*'s mean
(_regress's tsscons: df_m = k - 1).  rho is re-estimated from the untransformed residuals
e = y - X b until it moves less than ``tol`` (twostep: one step):

    regress  sum e_t e_{t-1} / sum e_{t-1}^2         freg  sum e_t e_{t+1} / sum e_{t+1}^2
    tscorr   sum e_t e_{t-1} / sum e_t^2             dw    1 - DW/2
    theil    rho_tscorr (N - K) / P                  nagar (N^2 (1 - DW/2) + K^2) / (N^2 - K^2)

(_crcar1.ado; sums over the pairs present, P their number, N the rows, K the words of prais's
varlist plus the constant -- the depvar counted, as the ado counts it).  DW = sum (e_t -
e_{t-1})^2 / sum e_t^2 over the residuals present.  ssesearch: the rho in (-1, 1) minimising
the transformed regression's RSS (a golden-section search in place of _linemax).
"""
from __future__ import annotations

import math

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError

RHO_TYPES = ("regress", "freg", "tscorr", "dw", "theil", "nagar")


@dataclass
class PraisIterations:
    rho: float
    iterations: int
    converged: bool
    dw_original: float
    log: list = field(default_factory=list)  # the rho printed after each "Iteration #:"
    y_star: np.ndarray | None = None
    X_star: np.ndarray | None = None
    kept: np.ndarray | None = None  # rows in the transformed regression (Cochrane-Orcutt: not the first)


def durbin_watson(e: np.ndarray, prev: np.ndarray) -> float:
    """sum (e_t - e_{t-1})^2 over the rows present with a previous row present / sum e_t^2."""
    ok = ~np.isnan(e)
    has = (prev >= 0) & ok
    has[has] = ok[prev[has]]
    e = e / _power_of_two_above(e[ok])  # DW is free of e's scale; squares near 8.98e307 overflow
    d = e[has] - e[prev[has]]
    return float(np.sum(d * d) / np.sum(e[ok] ** 2))


def _power_of_two_above(values: np.ndarray) -> float:
    """2^k just above the largest |value| when their squares would pass the double range, else 1."""
    top = float(np.max(np.abs(values), initial=0.0))
    return math.ldexp(1.0, min(math.frexp(top)[1], 1023)) if np.isfinite(top) and top > 2.0 ** 480 else 1.0


def estimate_rho(e: np.ndarray, prev: np.ndarray, rhotype: str, k_words: int) -> float:
    """_crcar1's estimators (module docstring) from the residuals ``e`` (one per row)."""
    pair = prev >= 0
    cur, back = e[pair], e[prev[pair]]
    if rhotype == "regress":
        return float(np.sum(cur * back) / np.sum(back * back))
    if rhotype == "freg":  # the lead: each pair read the other way round
        return float(np.sum(cur * back) / np.sum(cur * cur))
    sse = float(np.sum(e * e))
    n = e.size
    if rhotype in ("dw", "nagar"):
        dw = durbin_watson(e, prev)
        if rhotype == "dw":
            return 1 - dw / 2
        return (n * n * (1 - dw / 2) + k_words ** 2) / (n * n - k_words ** 2)
    cov = float(np.sum(cur * back))
    if rhotype == "tscorr":
        return cov / sse
    return (n - k_words) * cov / (int(pair.sum()) * sse)  # theil


def transform(Z: np.ndarray, prev: np.ndarray, rho: float, corc: bool) -> tuple[np.ndarray, np.ndarray]:
    """(Z*, rows kept): the quasi-differences (module docstring) of each column of Z."""
    Z = np.asarray(Z, float)
    two_d = Z.ndim == 2
    Zm = Z if two_d else Z[:, None]
    has = prev >= 0
    out = Zm * np.sqrt(max(1 - rho * rho, 0.0))
    out[has] = Zm[has] - rho * Zm[prev[has]]
    # |rho| > 1: sqrt(1 - rho^2) is missing in Stata, so a run's first row leaves the regression
    kept = has.copy() if corc or rho * rho > 1 else np.ones(len(prev), bool)
    out = out[kept]
    return (out if two_d else out[:, 0]), kept


def _least_squares(y: np.ndarray, X: np.ndarray) -> np.ndarray:
    return np.linalg.lstsq(X, y, rcond=None)[0] if X.shape[1] else np.zeros(0)


def _rss_at(rho, y, X, prev, corc):
    ys, _ = transform(y, prev, rho, corc)
    Xs, _ = transform(X, prev, rho, corc)
    b = _least_squares(ys, Xs)
    r = ys - Xs @ b
    return float(r @ r), b


def iterate_rho(y: np.ndarray, X: np.ndarray, prev: np.ndarray, *, corc: bool, rhotype: str = "regress",
                iterate: int = 100, tol: float = 1e-6, k_words: int = 0, ssesearch: bool = False) -> PraisIterations:
    """prais's estimation loop (module docstring); X has the constant column when the model has one.

    rho and DW are free of y's scale, so they are computed on y over a power of two when its
    squares would pass the double range (a depvar near 8.98e307; the transformed y* is of y)."""
    it = _iterate_scaled(y / _power_of_two_above(y), X, prev, corc=corc, rhotype=rhotype, iterate=iterate, tol=tol, k_words=k_words,
                         ssesearch=ssesearch)
    return _finish(it, y, X, prev, corc)


def _iterate_scaled(y, X, prev, *, corc, rhotype, iterate, tol, k_words, ssesearch) -> PraisIterations:
    b = _least_squares(y, X)
    e = y - X @ b
    if np.max(np.abs(e), initial=0.0) <= 1e-12 * max(1.0, float(np.max(np.abs(y), initial=0.0))):
        raise StataError("no observations", 2000)  # a perfect fit: rho = 0/0 is missing, so is every z*
    dw0 = durbin_watson(e, prev)
    if ssesearch:
        rho, steps = _golden_section(lambda r: _rss_at(r, y, X, prev, corc)[0], tol, iterate)
        return PraisIterations(rho=rho, iterations=steps, converged=steps < iterate, dw_original=dw0)
    rho, last, count, log = 0.0, 2.0, 0, []
    while count < iterate and abs(rho - last) > tol:
        last = rho
        with np.errstate(invalid="ignore", divide="ignore"):
            rho = estimate_rho(e, prev, rhotype, k_words)
        if not np.isfinite(rho):  # residuals all zero: rho is missing, so is every transformed value
            raise StataError("no observations", 2000)
        _, b = _rss_at(rho, y, X, prev, corc)
        e = y - X @ b
        count += 1
        log.append(rho)
    converged = not (count == iterate and abs(rho - last) > tol) or iterate == 1
    return PraisIterations(rho=rho, iterations=count, converged=converged, dw_original=dw0, log=log)


def _finish(it: PraisIterations, y, X, prev, corc) -> PraisIterations:
    it.y_star, it.kept = transform(y, prev, it.rho, corc)
    it.X_star, _ = transform(X, prev, it.rho, corc)
    return it


def transformed_dw(resid_star: np.ndarray, kept: np.ndarray, prev: np.ndarray) -> float:
    """prais's DWdiff: the DW statistic of the transformed regression's residuals (a dropped
    Cochrane-Orcutt row is missing, so the pair after it is not counted)."""
    full = np.full(kept.size, np.nan)
    full[kept] = resid_star
    return durbin_watson(full, prev)


def _golden_section(f, tol: float, max_steps: int) -> tuple[float, int]:
    """The minimiser of f over (-1, 1) to within tol."""
    invphi = (np.sqrt(5) - 1) / 2
    a, b = -1 + 1e-10, 1 - 1e-10
    c, d = b - invphi * (b - a), a + invphi * (b - a)
    fc, fd = f(c), f(d)
    steps = 0
    while abs(b - a) > tol and steps < max_steps:
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - invphi * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + invphi * (b - a)
            fd = f(d)
        steps += 1
    return (a + b) / 2, steps
