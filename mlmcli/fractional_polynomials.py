"""Fractional polynomials of one covariate (Royston and Altman 1994), fitted by least squares:
the numbers behind ``twoway fpfit``/``fpfitci`` (Stata 13 draws them with ``fracpoly``'s
default, the best fractional polynomial of degree 2 of ``regress``).

Powers are taken from S = {-2, -1, -.5, 0, .5, 1, 2, 3}, x^0 meaning log x.  A degree-2 model
with powers (p1, p2), p1 <= p2, has the terms x^p1 and x^p2, or, when p1 = p2 = p, x^p and
x^p log x; with a constant, y = b0 + b1 x^(p1) + b2 x^(p2) + e.  The best model of degree 2 is the
one of the 36 pairs with the smallest residual sum of squares (the largest likelihood).

x must be positive.  As fracpoly's preliminary transformation: when x has a value <= 0 it is
shifted, x + s with s = -min(x) + r, r the smallest difference between distinct sorted values of
x (its rounding interval); then x is divided by a power of 10 near its range, which changes
none of the fitted values (each term of the scaled x is a combination of the model's terms).

With the fitted X (n x k, k = 3), b = (X'X)^-1 X'y, s^2 = RSS / (n - k), the standard error of
the fit at x0 with terms X0 is stdp = sqrt(s^2 X0 (X'X)^-1 X0'); ``graphs.fits.band`` makes the
band (stdp, stdf, stdr) with t(n - k).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations_with_replacement

import numpy as np

from mlmcli.errors import StataError

POWERS = (-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0)


@dataclass(frozen=True)
class FractionalPolynomial:
    """A fitted FP: its powers, the shift and scale applied to x, coefficients (constant
    first), s^2, (X'X)^-1 and the residual degrees of freedom."""

    powers: tuple[float, ...]
    shift: float
    scale: float
    beta: np.ndarray
    s2: float
    xtx_inv: np.ndarray
    df: int
    rss: float

    def terms(self, x: np.ndarray) -> np.ndarray:
        """The design at x: 1 and the FP terms of (x + shift) / scale."""
        z = (np.asarray(x, float) + self.shift) / self.scale
        return np.column_stack([np.ones(z.size)] + fp_terms(z, self.powers))

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.terms(x) @ self.beta

    def prediction_variance(self, x: np.ndarray) -> np.ndarray:
        """s^2 X0 (X'X)^-1 X0' at each x: stdp squared."""
        design = self.terms(x)
        return self.s2 * np.einsum("ij,jk,ik->i", design, self.xtx_inv, design)


def fp_terms(z: np.ndarray, powers: tuple[float, ...]) -> list[np.ndarray]:
    """x^p (log x for p = 0) for each power; a repeated power multiplies the previous term by
    log x."""
    out: list[np.ndarray] = []
    log_z = np.log(z)
    for i, p in enumerate(powers):
        if i > 0 and p == powers[i - 1]:
            out.append(out[-1] * log_z)
        else:
            out.append(log_z if p == 0 else z ** p)
    return out


def shift_and_scale(x: np.ndarray) -> tuple[float, float]:
    """fracpoly's preliminary transformation of x: (shift, scale)."""
    x = np.asarray(x, float)
    shift = 0.0
    if x.min() <= 0:
        distinct = np.unique(x)
        gaps = np.diff(distinct)
        rounding = float(gaps.min()) if gaps.size else 1.0
        shift = -float(x.min()) + rounding
    span = float((x + shift).max() - (x + shift).min()) or float(abs((x + shift).max())) or 1.0
    scale = 10.0 ** np.floor(np.log10(span))
    return shift, float(scale)


def _least_squares(X: np.ndarray, y: np.ndarray):
    xtx = X.T @ X
    try:
        xtx_inv = np.linalg.inv(xtx)
    except np.linalg.LinAlgError:
        return None
    beta = xtx_inv @ (X.T @ y)
    resid = y - X @ beta
    return beta, float(resid @ resid), xtx_inv


def best_fp(y: np.ndarray, x: np.ndarray, degree: int = 2) -> FractionalPolynomial:
    """The best-fitting FP of ``degree`` (1 or 2) by residual sum of squares."""
    ok = np.isfinite(y) & np.isfinite(x)
    y, x = np.asarray(y, float)[ok], np.asarray(x, float)[ok]
    n = y.size
    k = degree + 1
    if n <= k:
        raise StataError("insufficient observations", 2001)
    shift, scale = shift_and_scale(x)
    z = (x + shift) / scale
    best = None
    for powers in combinations_with_replacement(POWERS, degree):
        X = np.column_stack([np.ones(n)] + fp_terms(z, powers))
        if not np.all(np.isfinite(X)):
            continue
        fitted = _least_squares(X, y)
        if fitted is None:
            continue
        beta, rss, xtx_inv = fitted
        if best is None or rss < best[1] - 1e-12 * max(abs(best[1]), 1.0):
            best = (powers, rss, beta, xtx_inv)
    if best is None:
        raise StataError("could not fit a fractional polynomial", 430)
    powers, rss, beta, xtx_inv = best
    df = n - k
    return FractionalPolynomial(tuple(powers), shift, scale, beta, rss / df, xtx_inv, df, rss)
