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
fracpoly's ``noscaling`` keeps the shift and divides by 1: the powers of x itself (with a
constant, or with the terms centred, the same fitted curve; without either, a log term's
fit depends on the scale, and so does the search).

With the fitted X (n x k, k = 3), b = (X'X)^-1 X'y, s^2 = RSS / (n - k), the standard error of
the fit at x0 with terms X0 is stdp = sqrt(s^2 X0 (X'X)^-1 X0'); ``graphs.fits.band`` makes the
band (stdp, stdf, stdr) with t(n - k).

fracpoly's ``noconstant`` (frac_154): every candidate regression is fitted without a constant on
the terms of the scaled x, and the final model on the terms centred as fracpoly's default
``center(mean)`` centres them (fracgen's adjust: each term minus its value at the mean of x; at
the lower value when x takes two values) -- with a constant the centring changes no fitted value,
without one it does.  ``for(x)`` predictions (fracpred) are the centred terms times their
coefficients.  Weights (aweights, fweights, pweights) make the search and the fit weighted least
squares (aweights and pweights scaled to sum to n, as regress does).
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
    constant: bool = True
    center: tuple[float, ...] = ()  # each term at the centring value of x

    def centred_terms(self, x: np.ndarray) -> np.ndarray:
        """The FP terms at x minus their centring values (fracpred's for(x) design)."""
        z = (np.asarray(x, float) + self.shift) / self.scale
        return np.column_stack(fp_terms(z, self.powers)) - np.asarray(self.center)

    def terms(self, x: np.ndarray) -> np.ndarray:
        """The design at x: 1 and the FP terms of (x + shift) / scale; without a constant,
        the centred terms."""
        if not self.constant:
            return self.centred_terms(x)
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


def shift_and_scale(x: np.ndarray, scaling: bool = True) -> tuple[float, float]:
    """fracpoly's preliminary transformation of x: (shift, scale); ``scaling`` False: noscaling's
    scale 1."""
    x = np.asarray(x, float)
    shift = 0.0
    if x.min() <= 0:
        distinct = np.unique(x)
        gaps = np.diff(distinct)
        rounding = float(gaps.min()) if gaps.size else 1.0
        shift = -float(x.min()) + rounding
    if not scaling:
        return shift, 1.0
    span = float((x + shift).max() - (x + shift).min()) or float(abs((x + shift).max())) or 1.0
    scale = 10.0 ** np.floor(np.log10(span))
    return shift, float(scale)


def _least_squares(X: np.ndarray, y: np.ndarray, w: np.ndarray):
    xtx = X.T @ (X * w[:, None])
    try:
        xtx_inv = np.linalg.inv(xtx)
    except np.linalg.LinAlgError:
        return None
    beta = xtx_inv @ (X.T @ (w * y))
    resid = y - X @ beta
    return beta, float(w @ (resid * resid)), xtx_inv


def best_fp(y: np.ndarray, x: np.ndarray, degree: int = 2, constant: bool = True,
            w: np.ndarray | None = None, frequency: bool = False, powers: tuple | None = None,
            center="mean", scaling: bool = True, criterion=None, allowed=None) -> FractionalPolynomial:
    """The best-fitting FP of ``degree`` by (weighted) residual sum of squares over the
    ``powers`` (default S); ``constant`` False: fracpoly's noconstant (module docstring);
    ``w``: weights, ``frequency``: they are fweights; ``center``: ``mean`` (fracpoly's
    default), ``no`` or a value of x; ``scaling`` False: fracpoly's noscaling.  ``criterion``:
    another model's deviance, ``criterion(X) -> -2 ll`` (None: no fit) of a candidate design
    (the constant first), the smallest winning (``graphs.fpfit_models``); the returned
    least-squares coefficients are then not that model's.  ``allowed``: the power tuples that
    may compete (None: all), the others skipped as fits that failed."""
    ok = np.isfinite(y) & np.isfinite(x)
    if w is not None:
        ok &= np.isfinite(w) & (np.asarray(w, float) != 0)
    y, x = np.asarray(y, float)[ok], np.asarray(x, float)[ok]
    n = y.size
    if w is None:
        w, count = np.ones(n), float(n)
    else:
        w = np.asarray(w, float)[ok]
        count = float(w.sum()) if frequency else float(n)
        w = w if frequency else w * (n / w.sum())
    k = degree + (1 if constant else 0)
    if n <= k:
        raise StataError("insufficient observations", 2001)
    shift, scale = shift_and_scale(x, scaling)
    z = (x + shift) / scale
    ones = [np.ones(n)] if constant else []
    best = None
    for candidate in combinations_with_replacement(sorted(set(powers or POWERS)), degree):
        if allowed is not None and candidate not in allowed:
            continue
        X = np.column_stack(ones + fp_terms(z, candidate))
        if not np.all(np.isfinite(X)):
            continue
        if criterion is not None:
            rss = criterion(X)
            if rss is None:
                continue
        else:
            fitted = _least_squares(X, y, w)
            if fitted is None:
                continue
            rss = fitted[1]
        if best is None or rss < best[1] - 1e-12 * max(abs(best[1]), 1.0):
            best = (candidate, rss)
    if best is None:
        raise StataError("could not fit a fractional polynomial", 430)
    powers = tuple(best[0])
    distinct = np.unique(z)
    if center == "no":
        centre_values = tuple(0.0 for _ in powers)
    else:
        at = (float(center) + shift) / scale if center != "mean" else (
            distinct[0] if distinct.size <= 2 else float(np.mean(z)))  # fracpoly's default centring
        centre_values = tuple(float(t[0]) for t in fp_terms(np.array([at]), powers))
    center = centre_values
    model = FractionalPolynomial(powers, shift, scale, np.zeros(0), 0.0, np.zeros((0, 0)), 0, 0.0,
                                 constant, center)
    beta, rss, xtx_inv = _least_squares(model.terms(x), y, w)
    df = int(round(count)) - k
    return FractionalPolynomial(powers, shift, scale, beta, rss / df if df > 0 else float("nan"), xtx_inv,
                                df, rss, constant, center)
