"""The Shapiro-Wilk and Shapiro-Francia tests for normality (Stata's ``swilk`` and ``sfrancia``),
as Stata's swilk.ado and sfrancia.ado compute them.

swilk (Royston 1992, algorithm AS R94): with ranks r (averaged over ties; ``noties``: 1..n in
sorted order), m = invnormal((r - .375)/(n + .25)), ssq = sum m^2 and u = 1/sqrt(n), the two
outermost coefficients are polynomials in u (a_n = m_n/sqrt(ssq) + 0.221157u - 0.147981u^2 -
2.071190u^3 + 4.434685u^4 - 2.706056u^5, a_{n-1} likewise when n > 5), the rest m/sqrt(ssq)
rescaled so that the squares sum to one; n = 3 takes a = (-sqrt(.5), 0, sqrt(.5)).  W is the
squared correlation of x with a.  P: exact for n = 3; for 4 <= n <= 11 y = -log(gamma - log(1-W))
with gamma = .459n - 2.273 and mean and sd polynomials in n; for n > 11 y = log(1-W) with mean
and sd polynomials in log n; z = (y - mean)/sd, P = 1 - normal(z), V = (1-W)/exp(median of
log(1-W)).  ``lnnormal`` shifts the mean and scales the sd as swilk.ado does (its S2 is
sd - sd^2 of the data).

sfrancia (Royston 1993): W' is the squared correlation of x with m; u = log n, v = log u,
mean = -1.2725 + 1.0521(v - u), sd = 1.0308 - .26758(v + 2/u), z = (log(1-W') - mean)/sd,
V' = (1-W') exp(-mean).  ``boxcox`` (Royston 1983, Stata before 12): the Box-Cox transformation.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlmcli.distributions import norm

_NAN = float("nan")


@dataclass(frozen=True)
class NormalityW:
    n: int
    w: float
    v: float
    z: float
    p: float


def _scores(x: np.ndarray, ties: bool) -> tuple[np.ndarray, np.ndarray]:
    """(order of x ascending, normal scores m of the sorted values)."""
    from scipy.stats import rankdata

    n = x.size
    order = np.argsort(x, kind="mergesort")
    ranks = rankdata(x[order]) if ties else np.arange(1.0, n + 1)
    return order, norm.ppf((ranks - .375) / (n + .25))


def _squared_correlation(x: np.ndarray, y: np.ndarray) -> float:
    xc, yc = x - x.mean(), y - y.mean()
    denom = math.sqrt(float(xc @ xc) * float(yc @ yc))
    return float((xc @ yc) / denom) ** 2 if denom > 0 else _NAN


def _log_one_minus(w: float) -> float:
    """ln(1 - W), missing at W = 1 (a perfect fit: Stata's ln(0)) rather than math's domain error."""
    return math.log1p(-w) if w < 1 else _NAN


def _scale(num: float, den: float) -> float | None:
    """sqrt(num / den), None when it is not a positive number (tied scores: W missing)."""
    ratio = num / den if den else _NAN
    return math.sqrt(ratio) if ratio > 0 else None


def swilk_coefficients(x: np.ndarray, ties: bool = True) -> np.ndarray:
    """The Shapiro-Wilk coefficient of each value of x (in x's own order; n >= 3)."""
    n = x.size
    order, m = _scores(x, ties)
    if n == 3:
        a = math.sqrt(.5) * np.array([-1.0, 0.0, 1.0])
    else:
        ssq = float(np.sum((m - m.mean()) ** 2))
        if ssq == 0:  # a constant x: all values tied, no spread of scores (W is missing)
            return np.full(n, _NAN)
        u = 1 / math.sqrt(n)
        a1 = m[-1] / math.sqrt(ssq) + u * (0.221157 + u * (-0.147981 + u * (-2.071190 + u * (4.434685 - u * 2.706056))))
        if n > 5:
            a2 = m[-2] / math.sqrt(ssq) + u * (0.042981 + u * (-0.293762 + u * (-1.752461 + u * (5.682633 - u * 3.582633))))
            fac = _scale(ssq - 2 * m[-1] ** 2 - 2 * m[-2] ** 2, 1 - 2 * a1 ** 2 - 2 * a2 ** 2)
            if fac is None:  # the middle scores all tied (a group of two values): W is missing
                return np.full(n, _NAN)
            a = m / fac
            a[-1], a[-2], a[0], a[1] = a1, a2, -a1, -a2
        else:
            fac = _scale(ssq - 2 * m[-1] ** 2, 1 - 2 * a1 ** 2)
            if fac is None:
                return np.full(n, _NAN)
            a = m / fac
            a[-1], a[0] = a1, -a1
    out = np.empty(n)
    out[order] = a
    return out


def swilk(x: np.ndarray, ties: bool = True, lnnormal: bool = False) -> NormalityW:
    """The Shapiro-Wilk test of the non-missing values of x."""
    x = np.asarray(x, float)
    x = x[~np.isnan(x)]
    n = x.size
    if n < 3 or (lnnormal and n < 5):
        return NormalityW(n, _NAN, _NAN, _NAN, _NAN)
    w = _squared_correlation(x, swilk_coefficients(x, ties))
    if n == 3:
        sw = math.sqrt(w)
        ang = 1.5707288 + sw * (-0.2121144 + sw * (0.074261 - 0.0187293 * sw))
        ang = math.pi / 2 - ang * math.sqrt(1 - sw)
        stqr = 1.047198  # arcsin sqrt(.75), to swilk.ado's digits
        p = (6 / math.pi) * (ang - stqr)
        return NormalityW(n, w, (1 - w) / (1 - math.sin(math.pi / 12 + stqr) ** 2), float(-norm.ppf(p)), p)
    y, mean, sd, logn = _log_one_minus(w), 0.0, 1.0, math.log(n)
    if n <= 11:
        gamma = n * 0.459 - 2.273
        if y >= gamma:  # significant beyond the approximation: swilk.ado's 9.9999
            y, v = 9.9999, _NAN
        else:
            y = -math.log(gamma - y)
            mean = 0.5440 + n * (-0.39978 + n * (0.025054 - n * 0.0006714))
            sd = math.exp(1.3822 + n * (-0.77857 + n * (0.062767 - n * 0.0020322)))
            v = (1 - w) / math.exp(gamma - math.exp(-mean))
    else:
        mean = -1.5861 + logn * (-0.31082 + logn * (-0.083751 + logn * 0.0038915))
        sd = math.exp(-0.4803 + logn * (-0.082676 + logn * 0.0030302))
        v = (1 - w) / math.exp(mean)
    if lnnormal:
        s2 = float(np.std(x, ddof=1))
        s2 = s2 - s2 ** 2
        if n <= 11:
            zbar = -3.8267 + logn * (2.82415 - s2 * 0.020815 - logn * 0.63673)
            zsd = -4.9914 + logn * (-s2 * 0.013431 + 8.6724 + logn * (-4.2790 + logn * 0.70350))
        else:
            zbar = -3.7796 + logn * (2.40381 - s2 * 0.027027 + logn * (-0.66756 - s2 * 0.0019887
                                                                        + logn * (0.082863 - logn * 0.0037935)))
            zsd = 2.1924 + logn * (-1.0957 + logn * (0.33737 - s2 * 0.0053312 + logn * (-0.043201 + logn * 0.0019974)))
        mean, sd = mean + zbar * sd, sd * zsd
    z = (y - mean) / sd
    return NormalityW(n, w, v, z, float(norm.cdf(-z)))


def sfrancia(x: np.ndarray, ties: bool = True, boxcox: bool = False) -> NormalityW:
    """The Shapiro-Francia test of the non-missing values of x (n >= 10; boxcox: n >= 5)."""
    x = np.asarray(x, float)
    x = x[~np.isnan(x)]
    n = x.size
    if n < (5 if boxcox else 10):
        return NormalityW(n, _NAN, _NAN, _NAN, _NAN)
    order, m = _scores(x, ties)
    w = _squared_correlation(x[order], m)
    if boxcox:
        u = math.log(n) - 5
        lam = -0.0480157 + u * (0.01971964 - 0.0119065 * u * u)
        mean = -math.exp(1.6930674 + u * (0.1441647 + u * (-0.01849276 + u * (0.031074485 + u * 0.0055717663))))
        sd = math.exp(-0.510725 + u * (-0.1160364 + u * (-0.006702098 + u * (0.054465944 + u * 0.0087397329))))
        z = (((1 - w) ** lam - 1) / lam - mean) / sd if w < 1 else _NAN  # 0 ** lam < 0: missing
        v = (1 - w) / (lam * mean + 1) ** (1 / lam)
    else:
        u = math.log(n)
        mean = -1.2725 + 1.0521 * (math.log(u) - u)
        sd = 1.0308 - 0.26758 * (math.log(u) + 2 / u)
        z = (_log_one_minus(w) - mean) / sd
        v = (1 - w) * math.exp(-mean)
    return NormalityW(n, w, v, z, float(norm.cdf(-z)))
