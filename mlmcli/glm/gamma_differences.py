"""Differences f(m + y) - f(m) of lgamma and its derivatives, accurate for any m > 0.

The negative binomial density needs lgamma(y + m) - lgamma(m) (and digamma/polygamma
differences for its derivatives) with m = 1/alpha (or mu/delta).  As the dispersion goes
to zero (Poisson-like data) m grows without bound and the direct difference loses every
digit (lgamma(4e15) is 1.4e17, whose rounding error exceeds the difference itself), so the
likelihood of a fit drifting towards alpha = 0 became garbage.  For m >= ``LARGE`` the
difference is taken term by term in Stirling's series

    lgamma(x) = (x - 1/2) ln x - x + ln(2 pi)/2 + 1/(12x) - 1/(360x^3) + 1/(1260x^5) - ...,

and its derivatives, with (x-1/2) ln x differenced through log1p(y/m) and each
1/(m+y)^k - 1/m^k as -expm1(k log1p(y/m)) / (m+y)^k, so nothing large is subtracted.  The
truncation error at m = 1e3 is below 1e-25 relative to the terms kept.
"""
from __future__ import annotations

import math

import numpy as np
import scipy.special as sps

LARGE = 1e3


def _ratios(log1p_t, s, ks):
    """{k: expm1(k log1p(y/m)) / (m + y)^k} for each k, given log1p(y/m) and m + y: q_k, where
    d_k = 1/(m+y)^k - 1/m^k = -q_k without cancellation (-q_k's bits are those of
    -expm1(..)/(m+y)^k: (-a)/b is -(a/b)).  The series fold that sign into their sums
    (x + (-a) is x - a, x - (-a) is x + a, signed zeros included): a negation less a term."""
    with np.errstate(over="ignore"):  # (m + y)^k beyond 1e308 (lambda near its supremum at infinity): the term is 0
        return {k: np.expm1(k * log1p_t) / s ** k for k in ks}


def _split(m, y):
    m, y = np.broadcast_arrays(np.asarray(m, float), np.asarray(y, float))
    big = m >= LARGE
    # placeholders keep the unused branch finite
    return m, y, big, np.where(big, m, LARGE), np.where(big, y, 0.0), np.where(big, 1.0, m)


def _polygamma(n: int, x):
    """scipy's polygamma(n, x) bit for bit without its wasted half: it computes both
    (-1)^(n+1) n! zeta(n+1, x) and digamma(x) for every n and keeps one."""
    if n == 0:
        return sps.psi(x)
    return ((-1.0) ** (n + 1) * math.factorial(n)) * sps.zeta(n + 1, x)


def _shifted_difference(f, m, y):
    """f(m + y) - f(m), f evaluated at m + y only where y is not 0 (a count of 0 is common:
    there m + y is m, and f's value there is the one already computed)."""
    base = f(m)
    moved = y != 0
    if np.ndim(base) == 0 or moved.all():
        return f(m + y) - base
    shifted = base.copy()
    shifted[moved] = f(m[moved] + y[moved])
    return shifted - base


def _one_m(m) -> float | None:
    """m as a float when it is one number for every observation (nbreg's 1/alpha) and not
    missing: the difference then takes one branch, without the per-call placeholders of
    ``_split`` -- the same values elementwise (nbreg's 16,000 iterations of a fit that cannot
    converge spend their time here)."""
    if np.ndim(m) != 0:
        return None
    m = float(m)
    return None if np.isnan(m) else m


def _lgamma_series(mb, yb):
    # yb ln(mb + yb) + (mb - 1/2) log1p(yb/mb) - yb + _d1/12 - _d3/360 + _d5/1260, with
    # log1p(yb/mb) and mb + yb computed once and _dk = -q[k] (the same values, see _ratios)
    log1p_t, s = np.log1p(yb / mb), mb + yb
    q = _ratios(log1p_t, s, (1, 3, 5))
    return yb * np.log(s) + (mb - 0.5) * log1p_t - yb - q[1] / 12 + q[3] / 360 - q[5] / 1260


def lgamma_diff(m, y):
    """lgamma(m + y) - lgamma(m)."""
    one = _one_m(m)
    if one is not None:
        y = np.asarray(y, float)
        return _lgamma_series(one, y) if one >= LARGE else _shifted_difference(sps.gammaln, one, y)
    m, y, big, mb, yb, ms = _split(m, y)
    if not big.any():  # only the direct difference is kept (np.where below)
        return np.where(big, 0.0, _shifted_difference(sps.gammaln, ms, y))
    series = _lgamma_series(mb, yb)
    direct = sps.gammaln(ms + np.where(big, 0.0, y)) - sps.gammaln(ms)
    return np.where(big, series, direct)


_SERIES_TERMS = {0: (1, 2, 4, 6), 1: (1, 2, 3, 5, 7), 2: (2, 3, 4, 6, 8)}


def polygamma_diff(n: int, m, y):
    """psi_n(m + y) - psi_n(m) for n = 0 (digamma), 1, 2."""
    if n not in _SERIES_TERMS:
        raise ValueError(n)
    one = _one_m(m)
    if one is not None:
        y = np.asarray(y, float)
        return _polygamma_series(n, one, y) if one >= LARGE else _shifted_difference(lambda x: _polygamma(n, x), one, y)
    m, y, big, mb, yb, ms = _split(m, y)
    ys = np.where(big, 0.0, y)
    direct = _shifted_difference(lambda x: _polygamma(n, x), ms, ys)
    if not big.any():  # only the direct difference is kept
        return np.where(big, 0.0, direct)
    return np.where(big, _polygamma_series(n, mb, yb), direct)


def _polygamma_series(n, mb, yb):
    # with _dk = -q[k] (_ratios): n = 0: log1p(y/m) - _d1/2 - _d2/12 + _d4/120 - _d6/252;
    # n = 1: _d1 + _d2/2 + _d3/6 - _d5/30 + _d7/42; n = 2: -_d2 - _d3 - _d4/2 + _d6/6 - _d8/6
    log1p_t = np.log1p(yb / mb)
    q = _ratios(log1p_t, mb + yb, _SERIES_TERMS[n])
    if n == 0:
        series = log1p_t + 0.5 * q[1] + q[2] / 12 - q[4] / 120 + q[6] / 252
    elif n == 1:
        series = -q[1] - 0.5 * q[2] - q[3] / 6 + q[5] / 30 - q[7] / 42
    else:
        series = q[2] + q[3] + 0.5 * q[4] - q[6] / 6 + q[8] / 6
    return series
