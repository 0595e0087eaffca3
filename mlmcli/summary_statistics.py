"""Summary statistics over one variable's values, with Stata's definitions.

Percentiles (Stata's [R] summarize, Methods and formulas): unweighted, with
P = n p / 100, the mean of x[P] and x[P+1] when P is an integer, else
x[floor(P)+1]; weighted, with W_i the running sum of weights and P = W p / 100,
the first x_i with W_i > P, or the mean of x_i and x_{i+1} when W_i = P.
Moments: mean, variance with divisor n - 1 (sum of weights - 1 with weights;
aweights rescaled to sum to n), skewness m3 / m2^1.5 and kurtosis m4 / m2^2.
Used by ``summarize``, ``tabstat``, ``collapse`` and ``egen``.  Pure numbers:
no data set, no Session.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError


def weighted_percentile(sorted_x: np.ndarray, sorted_w: np.ndarray, p: float) -> float:
    """Stata's weighted percentile: with W_i the running sum of weights and P = W*p/100,
    the first x_i with W_i > P, or the mean of x_i and x_{i+1} when W_i = P exactly."""
    if sorted_x.size == 0:
        return np.nan
    cum = np.cumsum(sorted_w)
    P = cum[-1] * p / 100.0
    i = int(np.searchsorted(cum, P, side="left"))
    if i < sorted_x.size and abs(cum[i] - P) <= 1e-12 * max(1.0, abs(P)) and i + 1 < sorted_x.size:
        return float((sorted_x[i] + sorted_x[i + 1]) / 2)
    i = int(np.searchsorted(cum, P, side="right"))
    return float(sorted_x[min(i, sorted_x.size - 1)])


def weighted_moments(x: np.ndarray, w: np.ndarray, kind: str) -> dict:
    """summarize's figures with weights.  aweights are rescaled to sum to N; the variance
    divides by (sum of weights - 1), i.e. N - 1 for aweights; Obs is the sum of the
    weights for fweights, else the number of observations."""
    keep = ~np.isnan(x)
    x, w = x[keep], w[keep]
    n = x.size
    raw_sum = float(w.sum())
    out = {"N": int(round(raw_sum)) if kind == "fweight" else n, "sum_w": raw_sum,
           "sum": float((w * x).sum()) if n else 0.0}
    if n == 0 or raw_sum == 0:
        out.update(mean=np.nan, Var=np.nan, sd=np.nan, min=np.nan, max=np.nan, skewness=np.nan, kurtosis=np.nan)
        return out
    ww = w * n / raw_sum if kind == "aweight" else w
    V = float(ww.sum())
    mean = float((ww * x).sum() / V)
    dev = x - mean
    var = float((ww * dev ** 2).sum() / (V - 1)) if V > 1 else np.nan
    m2 = float((ww * dev ** 2).sum() / V)
    out.update(mean=mean, Var=var, sd=float(np.sqrt(var)) if V > 1 else np.nan, min=float(x.min()),
               max=float(x.max()))
    if m2 > 0:
        out["skewness"] = float((ww * dev ** 3).sum() / V / m2 ** 1.5)
        out["kurtosis"] = float((ww * dev ** 4).sum() / V / m2 ** 2)
    else:
        out["skewness"] = out["kurtosis"] = np.nan
    return out


def stata_percentile(sorted_x: np.ndarray, p: float) -> float:
    """Stata's (unweighted) percentile: with P = n*p/100, the mean of x[P] and x[P+1]
    when P is an integer, else x[floor(P)+1] (1-based)."""
    n = sorted_x.size
    if n == 0:
        return np.nan
    P = n * p / 100.0
    k = int(np.floor(P + 1e-9))
    if abs(P - round(P)) < 1e-9 and 1 <= k < n:
        return float((sorted_x[k - 1] + sorted_x[k]) / 2)
    if abs(P - round(P)) < 1e-9 and k >= n:
        return float(sorted_x[-1])
    return float(sorted_x[min(k, n - 1)])


def moments(x: np.ndarray) -> dict:
    """N, sum, mean, Var (n-1), sd, min, max, skewness, kurtosis of the non-missing values."""
    x = x[~np.isnan(x)]
    n = x.size
    out = {"N": n, "sum": float(x.sum()) if n else 0.0}
    if n == 0:
        out.update(mean=np.nan, Var=np.nan, sd=np.nan, min=np.nan, max=np.nan, skewness=np.nan, kurtosis=np.nan)
        return out
    mean = float(x.mean())
    if x.min() == x.max():  # a constant: exactly no spread (rounding in the mean must not show)
        mean = float(x[0])
    dev = x - mean
    m2 = float((dev ** 2).mean())
    var = float((dev ** 2).sum() / (n - 1)) if n > 1 else np.nan
    out.update(mean=mean, Var=var, sd=float(np.sqrt(var)) if n > 1 else np.nan,
               min=float(x.min()), max=float(x.max()))
    if m2 > 0:
        out["skewness"] = float((dev ** 3).mean() / m2 ** 1.5)
        out["kurtosis"] = float((dev ** 4).mean() / m2 ** 2)
    else:
        out["skewness"] = out["kurtosis"] = np.nan
    return out


_PCT_RE = re.compile(r"^p(\d{1,2})$")


def statistic(name: str, x: np.ndarray) -> float:
    """One summary statistic of the non-missing values of x, as ``tabstat``/``collapse`` name it."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    n = x.size
    if name in ("n", "count"):
        return float(n)
    if name in ("sum", "rawsum"):
        return float(x.sum())
    if n == 0:
        return np.nan
    if name == "mean":
        return float(x[0]) if x.min() == x.max() else float(x.mean())
    if name in ("sd", "variance", "var", "semean", "cv"):
        if n < 2:
            return np.nan
        var = 0.0 if x.min() == x.max() else float(((x - x.mean()) ** 2).sum() / (n - 1))
        if name in ("variance", "var"):
            return var
        if name == "sd":
            return float(np.sqrt(var))
        if name == "semean":
            return float(np.sqrt(var / n))
        return float(np.sqrt(var) / x.mean()) if x.mean() != 0 else np.nan
    if name == "min":
        return float(x.min())
    if name == "max":
        return float(x.max())
    if name == "range":
        return float(x.max() - x.min())
    if name in ("skewness", "kurtosis"):
        return moments(x)[name]
    sx = np.sort(x)
    if name in ("median", "p50"):
        return stata_percentile(sx, 50)
    if name == "iqr":
        return stata_percentile(sx, 75) - stata_percentile(sx, 25)
    m = _PCT_RE.match(name)
    if m and 1 <= int(m.group(1)) <= 99:
        return stata_percentile(sx, int(m.group(1)))
    raise StataError(f"{name} invalid statistic", 198)


def pearson_chi2(counts: np.ndarray) -> tuple[float, int, float]:
    """Pearson's X2 = sum (O - E)^2 / E with E = row total * column total / N, on
    (rows - 1)(columns - 1) degrees of freedom (rows/columns with zero totals dropped)."""
    from scipy.stats import chi2 as chi2_dist
    c = np.asarray(counts, dtype=float)
    c = c[c.sum(axis=1) > 0][:, c.sum(axis=0) > 0]
    n = c.sum()
    expected = np.outer(c.sum(axis=1), c.sum(axis=0)) / n
    x2 = float(((c - expected) ** 2 / expected).sum())
    df = (c.shape[0] - 1) * (c.shape[1] - 1)
    p = float(chi2_dist.sf(x2, df)) if df > 0 else np.nan
    return x2, df, p
