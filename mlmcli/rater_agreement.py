"""Intraclass correlations of ratings (``icc``): Shrout and Fleiss (1979), McGraw and Wong (1996).

n targets each rated k times.  From the ANOVA mean squares

    one-way  (targets random, a different set of raters per target):
        MS_R = k sum_i (ybar_i - ybar)^2 / (n - 1),   MS_W = sum_ij (y_ij - ybar_i)^2 / (n (k - 1))
    two-way  (targets x raters, one rating per cell):
        MS_R as above,  MS_C = n sum_j (ybar_j - ybar)^2 / (k - 1),
        MS_E = sum_ij (y_ij - ybar_i - ybar_j + ybar)^2 / ((n - 1)(k - 1))

the ICCs for an individual rating and for the mean of k ratings are

    one-way          ICC(1)   = (MS_R - MS_W) / (MS_R + (k-1) MS_W)        ICC(k)   = (MS_R - MS_W) / MS_R
    consistency      ICC(C,1) = (MS_R - MS_E) / (MS_R + (k-1) MS_E)        ICC(C,k) = (MS_R - MS_E) / MS_R
    absolute         ICC(A,1) = (MS_R - MS_E) / (MS_R + (k-1) MS_E + k (MS_C - MS_E)/n)
                     ICC(A,k) = (MS_R - MS_E) / (MS_R + (MS_C - MS_E)/n)

with F tests of ICC = 0 (F = MS_R/MS_W or MS_R/MS_E on (n-1, n(k-1)) or (n-1, (n-1)(k-1)) df) and
the exact F-based confidence limits of McGraw and Wong (Table 7; Satterthwaite's df for the
absolute-agreement ICCs of the two-way models).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class IntraclassEstimate:
    """One ICC row: the estimate, its F test of ICC = 0, and its confidence limits."""

    icc: float
    F: float
    df1: float
    df2: float
    p: float
    lb: float
    ub: float


@dataclass(frozen=True)
class RaterIntraclass:
    individual: IntraclassEstimate
    average: IntraclassEstimate
    n_targets: int
    n_raters: int


def _upper(alpha: float, d1: float, d2: float) -> float:
    return float(stats.f.isf(alpha / 2, d1, d2))


def one_way_icc(y: np.ndarray, level: float = 95.0) -> RaterIntraclass:
    """ICC(1) and ICC(k) from an n x k matrix ``y`` (row = target, k ratings per target)."""
    n, k = y.shape
    grand = y.mean()
    row = y.mean(axis=1)
    msr = k * float(np.sum((row - grand) ** 2)) / (n - 1)
    msw = float(np.sum((y - row[:, None]) ** 2)) / (n * (k - 1))
    return _variance_ratio_icc(msr, msw, n, k, n * (k - 1), level)


def _variance_ratio_icc(msr: float, ms_err: float, n: int, k: int, df_err: float, level: float) -> RaterIntraclass:
    """ICCs that are functions of F = MS_R/MS_err alone (one-way; consistency): limits from
    F_L = F / F_(1-a/2)(n-1, df_err) and F_U = F * F_(1-a/2)(df_err, n-1)."""
    d1 = n - 1
    F = msr / ms_err
    p = float(stats.f.sf(F, d1, df_err))
    alpha = 1 - level / 100
    fl = F / _upper(alpha, d1, df_err)
    fu = F * _upper(alpha, df_err, d1)
    ind = IntraclassEstimate((msr - ms_err) / (msr + (k - 1) * ms_err), F, d1, df_err, p,
                             (fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1))
    avg = IntraclassEstimate((msr - ms_err) / msr, F, d1, df_err, p, 1 - 1 / fl, 1 - 1 / fu)
    return RaterIntraclass(ind, avg, n, k)


def two_way_icc(y: np.ndarray, absolute: bool, level: float = 95.0) -> RaterIntraclass:
    """ICC(A,1)/ICC(A,k) (``absolute``) or ICC(C,1)/ICC(C,k) from an n x k matrix ``y``
    (row = target, column = rater, one rating per cell).  The point estimates and limits are
    the same for raters random (two-way random-effects) and fixed (two-way mixed-effects)."""
    n, k = y.shape
    grand = y.mean()
    row = y.mean(axis=1)
    col = y.mean(axis=0)
    msr = k * float(np.sum((row - grand) ** 2)) / (n - 1)
    msc = n * float(np.sum((col - grand) ** 2)) / (k - 1)
    mse = float(np.sum((y - row[:, None] - col[None, :] + grand) ** 2)) / ((n - 1) * (k - 1))
    d1, d2 = n - 1, (n - 1) * (k - 1)
    if not absolute:
        return _variance_ratio_icc(msr, mse, n, k, d2, level)
    F = msr / mse
    p = float(stats.f.sf(F, d1, d2))
    alpha = 1 - level / 100
    r1 = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
    rk = (msr - mse) / (msr + (msc - mse) / n)
    # Satterthwaite's df for the denominator mixture a MS_C + b MS_E (McGraw and Wong, Table 7)
    a = k * r1 / (n * (1 - r1))
    b = 1 + k * r1 * (n - 1) / (n * (1 - r1))
    v = (a * msc + b * mse) ** 2 / ((a * msc) ** 2 / (k - 1) + (b * mse) ** 2 / ((n - 1) * (k - 1)))
    fs = _upper(alpha, n - 1, v)
    ft = _upper(alpha, v, n - 1)
    lo = n * (msr - fs * mse) / (fs * (k * msc + (k * n - k - n) * mse) + n * msr)
    hi = n * (ft * msr - mse) / (k * msc + (k * n - k - n) * mse + n * ft * msr)
    ind = IntraclassEstimate(r1, F, d1, d2, p, lo, hi)
    avg = IntraclassEstimate(rk, F, d1, d2, p, k * lo / (1 + (k - 1) * lo), k * hi / (1 + (k - 1) * hi))
    return RaterIntraclass(ind, avg, n, k)
