"""Tetrachoric correlations of 0/1 variables, as tetrachoric.ado computes them:
maximum likelihood (Brown 1977 with Stata's changes: thresholds from the margins, Newton-Raphson
on Phi2(z1, z2, rho) = a/n from Edwards' estimate, Plackett's derivative; Brown's asymptotic
standard error), or Edwards and Edwards' (1984) estimator; p-values are Fisher's exact test of
the 2 x 2 table; zeroadjust's half-count adjustment; the positive-semidefinite adjustment of the
matrix (negative eigenvalues set to 0, rescaled to a correlation matrix)."""
from __future__ import annotations

import math

import numpy as np


def binormal(h: float, k: float, rho: float) -> float:
    """P(X <= h, Y <= k) for a standard bivariate normal with correlation rho (Owen's T)."""
    from scipy.special import owens_t
    from scipy.stats import norm

    if rho >= 1:
        return float(norm.cdf(min(h, k)))
    if rho <= -1:
        return float(max(0.0, norm.cdf(h) - norm.cdf(-k)))
    if h == 0 and k == 0:
        return 0.25 + math.asin(rho) / (2 * math.pi)
    s = math.sqrt(1 - rho * rho)

    def owen(x: float, y: float) -> float:
        if x == 0:
            return 0.25 if y - rho * x >= 0 else -0.25
        return float(owens_t(x, (y - rho * x) / (x * s)))

    beta = 0.0 if (h * k > 0 or (h * k == 0 and h + k >= 0)) else 0.5
    return float(0.5 * norm.cdf(h) + 0.5 * norm.cdf(k) - owen(h, k) - owen(k, h) - beta)


def _density(z1: float, z2: float, rho: float) -> float:
    return math.exp(-(z1 * z1 - 2 * rho * z1 * z2 + z2 * z2) / (2 * (1 - rho * rho))) / (
        2 * math.pi * math.sqrt(1 - rho * rho))


def tetrachoric_ml(a: float, b: float, c: float, d: float) -> tuple[float, float]:
    """(rho, se) of the table [[a, b], [c, d]]; se NaN at |rho| = 1; (NaN, NaN) if no convergence."""
    from scipy.stats import norm

    nan = float("nan")
    n = a + b + c + d
    z1 = float(norm.ppf((a + c) / n))
    z2 = float(norm.ppf((a + b) / n))
    if 0 in (a, b, c, d):
        if a == 0 and d == 0:
            return -1.0, nan
        if b == 0 and c == 0:
            return 1.0, nan
        if abs(binormal(z1, z2, 1.0) - a / n) < 1e-7:
            return 1.0, nan
        if abs(binormal(z1, z2, -1.0) - a / n) < 1e-7:
            return -1.0, nan
    if b == 0 or c == 0:
        rho = 0.95
    elif a == 0 or d == 0:
        rho = -0.95
    else:
        alpha = ((a * d) / (b * c)) ** (math.pi / 4)
        rho = (alpha - 1) / (alpha + 1)
    converged = False
    for _ in range(100):
        previous = rho
        p = binormal(z1, z2, rho) - a / n
        dp = _density(z1, z2, rho)
        step = 1.0
        while abs(rho - step * p / dp) > 1:
            step /= 2
        rho = rho - step * p / dp
        if abs(rho - previous) < 1e-8 and abs(p) < 1e-6:
            converged = True
            break
    if not converged:
        return nan, nan
    if abs(rho) == 1:
        return rho, nan
    r = math.sqrt(1 - rho * rho)
    Z1 = float(norm.cdf((z1 - rho * z2) / r)) - 0.5
    Z2 = float(norm.cdf((z2 - rho * z1) / r)) - 0.5
    dp = _density(z1, z2, rho)
    v = (0.25 * (a + d) * (b + c) + (a + c) * (b + d) * Z2 ** 2 + (a + b) * (c + d) * Z1 ** 2
         + 2 * (a * d - b * c) * Z1 * Z2 - (a * b - c * d) * Z2 - (a * c - b * d) * Z1)
    return rho, math.sqrt(max(0.0, v)) / (n ** 1.5 * dp)


def tetrachoric_edwards(a: float, b: float, c: float, d: float) -> tuple[float, float]:
    nan = float("nan")
    if b == 0 or c == 0:
        return 1.0, nan
    if a == 0 or d == 0:
        return -1.0, nan
    alpha = ((a * d) / (b * c)) ** (math.pi / 4)
    h = 1 / a + 1 / b + 1 / c + 1 / d
    return (alpha - 1) / (alpha + 1), math.sqrt(h) * (math.pi / 2) * (alpha / (alpha + 1) ** 2)


def zero_adjusted(f: np.ndarray) -> np.ndarray:
    """zeroadjust: with exactly one empty cell, half a count moved so that it is not empty."""
    f = np.asarray(f, float)
    if int((f == 0).sum()) != 1:
        return f
    d = 1.0 if (f[0, 0] == 0 or f[1, 1] == 0) else -1.0
    return f + (d / 2) * np.array([[1.0, -1.0], [-1.0, 1.0]])


def positive_semidefinite(R: np.ndarray) -> tuple[int, float, np.ndarray | None]:
    """(number of negative eigenvalues, max |R - adjusted|, adjusted matrix or None)."""
    values, vectors = np.linalg.eigh(R)
    tol = -1e-12 * float(np.abs(values).sum())
    nneg = int((values < tol).sum())
    if nneg == 0:
        return 0, float("nan"), None
    covariance = vectors @ np.diag(np.maximum(values, 0)) @ vectors.T
    sd = np.sqrt(np.diag(covariance))
    adjusted = covariance / np.outer(sd, sd)
    lower = np.tril_indices(len(R), -1)
    return nneg, float(np.max(np.abs(R[lower] - adjusted[lower]))), adjusted
