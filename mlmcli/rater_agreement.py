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

from mlmcli.missing import stata_ratio as ratio


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
    # no within-target variance (ms_err = 0) or none between: Stata's ratios are missing
    F = ratio(msr, ms_err)
    p = float(stats.f.sf(F, d1, df_err)) if np.isfinite(F) else float("nan")
    alpha = 1 - level / 100
    fl = ratio(F, _upper(alpha, d1, df_err))
    fu = F * _upper(alpha, df_err, d1)
    ind = IntraclassEstimate(ratio(msr - ms_err, msr + (k - 1) * ms_err), F, d1, df_err, p,
                             ratio(fl - 1, fl + k - 1), ratio(fu - 1, fu + k - 1))
    avg = IntraclassEstimate(ratio(msr - ms_err, msr), F, d1, df_err, p, 1 - ratio(1, fl), 1 - ratio(1, fu))
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


# ---------------------------------------------------------------- within-group agreement (ira)
# variances of LeBreton and Senter's (2008) non-uniform null distributions, by number of
# response options A: slight skew, moderate skew, heavy skew, triangular, normal
NULL_VARIANCES = {
    5: (1.34, .90, .44, 1.32, 1.04), 6: (1.85, 1.26, .69, 1.45, 1.25), 7: (2.90, 2.14, 1.39, 2.10, 1.40),
    8: (3.47, 2.79, 2.35, 2.81, 1.73), 9: (5.66, 4.73, 3.16, 3.00, 1.58), 10: (6.30, 5.09, 3.46, 2.89, 1.45),
    11: (7.31, 6.32, 4.02, 3.32, 1.40)}
NULL_NAMES = ("slight_skew", "mod_skew", "heavy_skew", "tri", "norm")


def _rwg_j(s2_bar: np.ndarray, null_variance: float, n_items: int) -> np.ndarray:
    """James, Demaree and Wolf's rwg(j) = J (1 - S2/s2_EU) / (J (1 - S2/s2_EU) + S2/s2_EU)."""
    ratio = s2_bar / null_variance
    return n_items * (1 - ratio) / (n_items * (1 - ratio) + ratio)


def within_group_agreement(judge: np.ndarray, rating: np.ndarray, group: np.ndarray, item: np.ndarray,
                           options: int, custom_variance: float = -1.0) -> dict[str, np.ndarray]:
    """Per group (in sorted group order) the indices of the ``ira`` package (Graf-Vlachy 2017),
    J items rated by the k judges of each group on a scale 1..A:

    S2_j (item variance, n - 1), S2 = mean_j S2_j;
      rwg(j) under null variances: uniform (A^2 - 1)/12, LeBreton and Senter's skewed,
        triangular and normal ones (A = 5..11), and ``custom_variance``
      r*wg(j) = 1 - S2/s2_unif (Lindell, Brandt and Whitney 1999, index C)
      r'wg(A..D) = 1 - s2_Y / v with s2_Y the mean over judges of the squared mean deviation of a
        judge's ratings from the item means, v = s2_unif/J, s2_unif, s2_mv/J, s2_mv, where
        s2_mv = (A - 1)^2/4 is the maximum variance (Lindell 2001)
      awg(j) = mean_j [1 - 2 S2_j / s2_max(M_j)], s2_max(M) = ((A + 1) M - M^2 - A) k/(k - 1),
        an item whose mean M_j lies outside [(k - 1 + A)/k, (A (k - 1) + 1)/k] counting as 1
        (as the ado-file computes it; Brown and Hauenstein 2005)
      ADM(j), ADMd(j): mean over items of the mean absolute deviation from the item mean / median
        (Burke, Finkelstein and Dusig 1999).
    Judges are assumed to rate every item once in their group (checked by the caller)."""
    from mlmcli.summary_statistics import stata_percentile

    groups = np.unique(group)
    items = np.unique(item)
    n_items = items.size
    s2_unif = (options ** 2 - 1) / 12.0
    s2_mv = 0.5 * (options ** 2 + 1) - (0.5 * (options + 1)) ** 2
    out: dict[str, list[float]] = {k: [] for k in (
        "s2_bar", "rstarwg", "awg", "ADM", "ADMd", "sY2", "k")}
    for g in groups:
        in_g = group == g
        s2, awg, adm, admd, ks = [], [], [], [], []
        deviation = np.empty(int(in_g.sum()))
        r_g, j_g, i_g = rating[in_g], judge[in_g], item[in_g]
        for it in np.unique(i_g):
            at = i_g == it
            x = r_g[at]
            k = x.size
            m = float(x.mean())
            med = stata_percentile(np.sort(x), 50)
            var = float(x.var(ddof=1)) if k > 1 else np.nan
            s2_max = ((options + 1) * m - m * m - options) * (k / (k - 1)) if k > 1 else np.nan
            lo, hi = (k - 1 + options) / k, (options * (k - 1) + 1) / k
            if not (lo <= m <= hi):
                s2_max = np.nan
            awg_item = 1.0 if not np.isfinite(s2_max) else 1 - 2 * var / s2_max
            s2 += [var] * k          # the ado-file averages over observations
            awg += [awg_item] * k
            adm += [float(np.abs(x - m).mean())] * k
            admd += [float(np.abs(x - med).mean())] * k
            ks += [k] * k
            deviation[at] = x - m
        judge_sq = [float(deviation[j_g == jj].mean()) ** 2 for jj in np.unique(j_g)]
        counts = [int((j_g == jj).sum()) for jj in np.unique(j_g)]
        s2_bar = float(np.nanmean(s2)) if np.isfinite(s2).any() else np.nan
        out["s2_bar"].append(s2_bar)
        out["rstarwg"].append(1 - s2_bar / s2_unif)
        finite_awg = [a for a in awg if np.isfinite(a)]
        out["awg"].append(float(np.mean(finite_awg)) if finite_awg else np.nan)
        out["ADM"].append(float(np.mean(adm)))
        out["ADMd"].append(float(np.mean(admd)))
        out["sY2"].append(float(np.average(judge_sq, weights=counts)))
        out["k"].append(float(np.mean(ks)))
    res = {k: np.asarray(v, float) for k, v in out.items()}
    res["rwg_unif"] = _rwg_j(res["s2_bar"], s2_unif, n_items)
    if options in NULL_VARIANCES:
        for name, variance in zip(NULL_NAMES, NULL_VARIANCES[options]):
            res[f"rwg_{name}"] = _rwg_j(res["s2_bar"], variance, n_items)
    res["rwg_custom"] = _rwg_j(res["s2_bar"], custom_variance, n_items)
    res["rapowgA"] = 1 - res["sY2"] / (s2_unif / n_items)
    res["rapowgB"] = 1 - res["sY2"] / s2_unif
    res["rapowgC"] = 1 - res["sY2"] / (s2_mv / n_items)
    res["rapowgD"] = 1 - res["sY2"] / s2_mv
    res["n_items"] = np.asarray(float(n_items))
    res["n_groups"] = np.asarray(float(groups.size))
    return res


def across_groups(values: np.ndarray) -> tuple[float, float, float]:
    """(mean, median, range) over the groups with a value, as ``summarize, detail`` gives them."""
    from mlmcli.summary_statistics import stata_percentile

    v = np.sort(values[np.isfinite(values)])
    if v.size == 0:
        return np.nan, np.nan, np.nan
    return float(v.mean()), stata_percentile(v, 50), float(v[-1] - v[0])
