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

import math
import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import stata_double


def _midpoint(a: float, b: float) -> float:
    """(a + b) / 2, halved first when the sum passes the largest double (values near 8.9e307)."""
    with np.errstate(over="ignore"):
        total = float(a) + float(b)
    return total / 2 if math.isfinite(total) else float(a) / 2 + float(b) / 2


def weighted_percentile(sorted_x: np.ndarray, sorted_w: np.ndarray, p: float) -> float:
    """Stata's weighted percentile: with W_i the running sum of weights and P = W*p/100,
    the first x_i with W_i > P, or the mean of x_i and x_{i+1} when W_i = P exactly."""
    if sorted_x.size == 0:
        return np.nan
    cum = np.cumsum(sorted_w)
    P = cum[-1] * p / 100.0
    i = int(np.searchsorted(cum, P, side="left"))
    if i < sorted_x.size and abs(cum[i] - P) <= 1e-12 * max(1.0, abs(P)) and i + 1 < sorted_x.size:
        return _midpoint(sorted_x[i], sorted_x[i + 1])
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
    with np.errstate(over="ignore", invalid="ignore"):  # an overflowing sum is missing
        total = _finite(float((w * x).sum())) if n else 0.0
    out = {"N": int(round(raw_sum)) if kind == "fweight" else n, "sum_w": raw_sum, "sum": total}
    if n == 0 or raw_sum == 0:
        out.update(mean=np.nan, Var=np.nan, sd=np.nan, min=np.nan, max=np.nan, skewness=np.nan, kurtosis=np.nan)
        return out
    ww = w * n / raw_sum if kind == "aweight" else w
    V = float(ww.sum())
    top = _scale(x)
    mean = _finite(float((ww * (x / top)).sum() / V) * top)
    dev, factor = _deviations(x, mean)
    out.update(mean=mean, min=float(x.min()), max=float(x.max()), **_spread(dev, ww, V, V - 1, factor))
    return out


def normal_moments(values: np.ndarray, w, n: float) -> tuple[float, float]:
    """The mean and sd (variance times n / (n - 1)) of the normal curve histogram and kdensity
    draw, on values scaled by a power of two (exact): values near 1e307 have sums past the
    double range; a moment that is past it too is missing."""
    top = _scale(values)
    scaled = values / top
    mean = float(np.average(scaled, weights=w))
    sd = float(np.sqrt(np.average((scaled - mean) ** 2, weights=w) * n / (n - 1))) if n > 1 else float("nan")
    with np.errstate(over="ignore"):
        return _finite(mean * top), _finite(sd * top)


def _scale(values: np.ndarray) -> float:
    """A power of two at or above the largest absolute value (1 for zeros): sums of
    values / scale cannot overflow, and scaling by a power of two is exact, so the
    results are the same bits as without it wherever that does not overflow."""
    top = float(np.max(np.abs(values))) if values.size else 0.0
    return math.ldexp(1.0, min(math.frexp(top)[1], 1023)) if np.isfinite(top) and top > 0 else 1.0  # 2^1024 is inf


def _finite(value: float) -> float:
    """A result beyond Stata's largest double is missing, as in Stata (never inf or an error)."""
    return stata_double(value)


def _deviations(x: np.ndarray, mean: float) -> tuple[np.ndarray, float]:
    """x - mean as (d, f) with x - mean = d * f: halved when the difference itself passes the
    largest double (values of both signs near 8.9e307)."""
    with np.errstate(over="ignore", invalid="ignore"):
        dev = x - mean
    if np.all(np.isfinite(dev)):
        return dev, 1.0
    return x / 2 - mean / 2, 2.0


def _spread(dev: np.ndarray, w, total: float, divisor: float, factor: float = 1.0, shape: bool = True) -> dict:
    """Var = sum w dev^2 / divisor, sd, skewness m3 / m2^1.5, kurtosis m4 / m2^2, computed
    on dev / max|dev| so that values near 1e125 (dev^4 ~ 1e500) do not overflow; the
    deviations are dev * factor (_deviations).  ``shape=False``: no skewness and kurtosis
    (z**3 and z**4 are most of the cost: summarize without detail shows neither)."""
    top = _scale(dev) * factor
    z = dev / (top / factor)
    m2z = float((w * z ** 2).sum() / total)
    with np.errstate(over="ignore"):  # a variance beyond the largest double is missing
        var = _finite(float((w * z ** 2).sum() / divisor) * top * top) if divisor > 0 else np.nan
    sd = np.nan
    if divisor > 0:  # the sd of values near 1e307 is finite though their variance is not
        sd = float(np.sqrt(var)) if var == var else _finite(float(np.sqrt((w * z ** 2).sum() / divisor)) * top)
    out = {"Var": var, "sd": sd}
    if not shape:
        return out
    if m2z > 0:
        out["skewness"] = float((w * z ** 3).sum() / total / m2z ** 1.5)
        out["kurtosis"] = float((w * z ** 4).sum() / total / m2z ** 2)
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
        return _midpoint(sorted_x[k - 1], sorted_x[k])
    if abs(P - round(P)) < 1e-9 and k >= n:
        return float(sorted_x[-1])
    return float(sorted_x[min(k, n - 1)])


def moments(x: np.ndarray, spread: str = "all") -> dict:
    """N, sum, mean, Var (n-1), sd, min, max, skewness, kurtosis of the non-missing values;
    ``spread="sd"`` leaves out skewness and kurtosis, ``"none"`` Var and sd too (summarize's
    meanonly), each computed as with "all"."""
    missing = np.isnan(x)
    if missing.any():
        x = x[~missing]
    n = x.size
    with np.errstate(over="ignore"):  # an overflowing sum is missing
        out = {"N": n, "sum": _finite(float(x.sum())) if n else 0.0}
    if n == 0:
        out.update(mean=np.nan, Var=np.nan, sd=np.nan, min=np.nan, max=np.nan, skewness=np.nan, kurtosis=np.nan)
        return out
    top = _scale(x)
    mean = _finite(float((x / top).mean()) * top)
    if x.min() == x.max():  # a constant: exactly no spread (rounding in the mean must not show)
        mean = float(x[0])
    out.update(mean=mean, min=float(x.min()), max=float(x.max()))
    if spread != "none":
        dev, factor = _deviations(x, mean)
        out.update(_spread(dev, 1.0, n, n - 1, factor, shape=spread == "all"))
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
        with np.errstate(over="ignore"):  # an overflowing sum is missing
            return _finite(float(x.sum()))
    if n == 0:
        return np.nan
    if name == "mean":
        return moments(x)["mean"]  # scaled: values near 1e307 have a finite mean
    if name in ("sd", "variance", "var", "semean", "cv"):
        if n < 2:
            return np.nan
        both = moments(x)
        var, sd = both["Var"], both["sd"]
        if name in ("variance", "var"):
            return var
        if name == "sd":
            return sd
        if name == "semean":
            return float(np.sqrt(var / n)) if var == var else _finite(sd / math.sqrt(n))
        return _finite(sd / both["mean"]) if both["mean"] != 0 else np.nan
    if name == "min":
        return float(x.min())
    if name == "max":
        return float(x.max())
    if name == "range":
        with np.errstate(over="ignore"):  # beyond the largest double: missing
            return _finite(float(x.max() - x.min()))
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


def weighted_statistic(name: str, x: np.ndarray, w: np.ndarray, kind: str) -> float:
    """``statistic`` under aweights or fweights, as summarize (, detail) gives it with the
    weight: N the observations (aweights) or the sum of the weights (fweights), mean, sd and
    the moments from ``weighted_moments``, weighted percentiles."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    keep = ~np.isnan(x)
    x, w = x[keep], w[keep]
    m = weighted_moments(x, w, kind)
    if name in ("n", "count"):
        return float(m["N"])
    if name == "sum":
        return m["sum"]
    if x.size == 0:
        return np.nan
    if name in ("mean", "min", "max", "skewness", "kurtosis"):
        return m[name]
    if name in ("sd", "variance", "var", "semean", "cv"):
        if m["N"] < 2:
            return np.nan
        if name in ("variance", "var"):
            return m["Var"]
        if name == "sd":
            return m["sd"]
        if name == "semean":
            return _finite(m["sd"] / math.sqrt(m["N"]))
        return _finite(m["sd"] / m["mean"]) if m["mean"] != 0 else np.nan
    if name == "range":
        return _finite(float(x.max() - x.min()))
    order = np.argsort(x, kind="stable")
    sx, sw = x[order], w[order]
    if name in ("median", "p50"):
        return weighted_percentile(sx, sw, 50)
    if name == "iqr":
        return weighted_percentile(sx, sw, 75) - weighted_percentile(sx, sw, 25)
    pm = _PCT_RE.match(name)
    if pm and 1 <= int(pm.group(1)) <= 99:
        return weighted_percentile(sx, sw, int(pm.group(1)))
    raise StataError(f"{name} invalid statistic", 198)


def pearson_chi2(counts: np.ndarray) -> tuple[float, int, float]:
    """Pearson's X2 = sum (O - E)^2 / E with E = row total * column total / N, on
    (rows - 1)(columns - 1) degrees of freedom (rows/columns with zero totals dropped)."""
    from mlmcli.distributions import chi2 as chi2_dist
    c = np.asarray(counts, dtype=float)
    c = c[c.sum(axis=1) > 0][:, c.sum(axis=0) > 0]
    n = c.sum()
    expected = np.outer(c.sum(axis=1), c.sum(axis=0)) / n
    x2 = float(((c - expected) ** 2 / expected).sum())
    df = (c.shape[0] - 1) * (c.shape[1] - 1)
    p = float(chi2_dist.sf(x2, df)) if df > 0 else np.nan
    return x2, df, p


def likelihood_ratio_chi2(counts: np.ndarray) -> tuple[float, int, float]:
    """tabulate's ``lrchi2``: G2 = 2 sum O ln(O / E) over the cells with O > 0, on Pearson's
    degrees of freedom (rows/columns with zero totals dropped)."""
    from mlmcli.distributions import chi2 as chi2_dist
    c = np.asarray(counts, dtype=float)
    c = c[c.sum(axis=1) > 0][:, c.sum(axis=0) > 0]
    expected = np.outer(c.sum(axis=1), c.sum(axis=0)) / c.sum()
    seen = c > 0
    g2 = float(2 * (c[seen] * np.log(c[seen] / expected[seen])).sum())
    df = (c.shape[0] - 1) * (c.shape[1] - 1)
    return g2, df, (float(chi2_dist.sf(g2, df)) if df > 0 else np.nan)


def cramers_v(counts: np.ndarray) -> float:
    """tabulate's ``V`` ([R] tabulate twoway, methods): signed (n11 n22 - n12 n21) /
    sqrt(n1. n2. n.1 n.2) for a 2 x 2 table, else sqrt(X2 / N / min(r - 1, c - 1))."""
    c = np.asarray(counts, dtype=float)
    c = c[c.sum(axis=1) > 0][:, c.sum(axis=0) > 0]
    if c.shape == (2, 2):
        den = np.sqrt(np.prod(c.sum(axis=1)) * np.prod(c.sum(axis=0)))
        return float((c[0, 0] * c[1, 1] - c[0, 1] * c[1, 0]) / den)
    k = min(c.shape) - 1
    return float(np.sqrt(pearson_chi2(c)[0] / c.sum() / k)) if k > 0 else np.nan


def value_units(x: np.ndarray) -> float:
    """codebook's ``units``: the largest power of ten of which every non-missing value is a
    whole multiple (1 for integers, .01 for values with two decimals, 10 for 1760, 4840)."""
    x = x[np.isfinite(x)]
    if x.size == 0:
        return np.nan
    nonzero = np.abs(x[x != 0])
    if nonzero.size == 0:
        return 1.0
    for k in range(int(np.floor(np.log10(nonzero.max()))), -13, -1):
        unit = 10.0 ** k
        q = x / unit
        if np.all(np.abs(q - np.round(q)) <= 1e-6):
            return unit
    return 10.0 ** -12


def spaced_examples(sorted_values: list, k: int = 4) -> list:
    """codebook's examples: of n sorted values, those at positions floor(j*n/(k+1)),
    j = 1..k (1-based), e.g. the 14th, 29th, 44th and 59th of 74."""
    n = len(sorted_values)
    return [sorted_values[max(j * n // (k + 1), 1) - 1] for j in range(1, k + 1)] if n else []


def quantile_cutpoints(x: np.ndarray, w: np.ndarray | None, nq: int, altdef: bool = False) -> np.ndarray:
    """The nq - 1 cut points of ``pctile``/``xtile`` ([D] pctile): the (100 k / nq)th
    percentiles, k = 1 .. nq - 1, with summarize's definition (weighted: the weighted one);
    ``altdef``: the interpolated definition, x(h) with h = (n + 1) p / 100 between order
    statistics (no weights)."""
    keep = np.isfinite(x) if w is None else np.isfinite(x) & np.isfinite(w)
    x = x[keep]
    order = np.argsort(x, kind="stable")
    sx = x[order]
    out = np.empty(max(nq - 1, 0))
    for k in range(1, nq):
        p = 100.0 * k / nq
        if altdef:
            out[k - 1] = altdef_percentile(sx, p)
        elif w is None:
            out[k - 1] = stata_percentile(sx, p)
        else:
            out[k - 1] = weighted_percentile(sx, w[keep][order], p)
    return out


def altdef_percentile(sx: np.ndarray, p: float) -> float:
    """The interpolated pth percentile of sorted ``sx`` (pctile's altdef, centile's and
    mkspline's fcentile): x_(R) + (R - r)(x_(r+1) - x_(r)), R = (n + 1) p / 100, r = int(R),
    held at the first and last; missing without observations (centile's ``nobs == 0``)."""
    n = sx.size
    if n == 0:
        return np.nan
    h = (n + 1) * p / 100.0
    lo = int(np.floor(h))
    if lo < 1:
        return float(sx[0])
    if lo >= n:
        return float(sx[-1])
    return float(sx[lo - 1] + (h - lo) * (sx[lo] - sx[lo - 1]))
