"""Confidence intervals of ci and cii ([R] ci, Methods and formulas): t intervals of means,
binomial intervals (exact Clopper-Pearson, Wald, Wilson, Agresti-Coull, Jeffreys), exact
Poisson intervals, chi-squared and Bonett (2006) intervals of a variance.  Each takes the
confidence level in percent and returns plain numbers; bounds a method clips at 0 or 1 say so."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Interval:
    n: float
    estimate: float
    se: float
    lb: float
    ub: float
    clipped_low: bool = False
    clipped_high: bool = False
    one_sided: bool = False  # exact interval at k = 0 or k = n (Poisson: k = 0)


def _alpha2(level: float) -> float:
    return (100.0 - level) / 200.0


def mean_interval(n: float, mean: float, sd: float, level: float) -> Interval:
    """mean +- invt(n - 1) sd / sqrt(n)."""
    from mlmcli import distributions

    se = sd / math.sqrt(n) if n > 0 else float("nan")
    if n > 1:
        t = float(distributions.t.ppf(1 - _alpha2(level), n - 1))
        return Interval(n, mean, se, mean - t * se, mean + t * se)
    return Interval(n, mean, se, float("nan"), float("nan"))


def binomial_interval(n: int, k: int, level: float, method: str = "exact") -> Interval:
    """The interval of the proportion k/n by ``method``; se is sqrt(p(1-p)/n)."""
    from scipy import special

    from mlmcli import distributions

    p = k / n
    se = math.sqrt(p * (1 - p) / n)
    a = _alpha2(level)
    z = float(distributions.norm.ppf(1 - a))
    if method == "exact":  # Clopper-Pearson: beta quantiles (invbinomial)
        lb = 0.0 if k == 0 else float(special.betaincinv(k, n - k + 1, a))
        ub = 1.0 if k == n else float(special.betaincinv(k + 1, n - k, 1 - a))
        return Interval(n, p, se, lb, ub, one_sided=k in (0, n))
    if method == "jeffreys":
        lb = float(special.betaincinv(k + 0.5, n - k + 0.5, a)) if k > 0 else 0.0
        ub = float(special.betaincinv(k + 0.5, n - k + 0.5, 1 - a)) if k < n else 1.0
        return Interval(n, p, se, lb, ub)
    if method == "wald":
        lb, ub = p - z * se, p + z * se
    elif method == "wilson":
        centre = (k + z * z / 2) / (n + z * z)
        half = z * math.sqrt(n) / (n + z * z) * math.sqrt(p * (1 - p) + z * z / (4 * n))
        lb, ub = centre - half, centre + half
    elif method == "agresti":
        nt = n + z * z
        pt = (k + z * z / 2) / nt
        half = z * math.sqrt(pt * (1 - pt)) / math.sqrt(nt)
        lb, ub = pt - half, pt + half
    else:
        raise ValueError(method)
    return Interval(n, p, se, max(lb, 0.0), min(ub, 1.0), clipped_low=lb < 0, clipped_high=ub > 1)


def poisson_interval(exposure: float, k: int, level: float) -> Interval:
    """The exact interval of the rate k/exposure: gamma quantiles (invpoisson)."""
    from scipy import special

    a = _alpha2(level)
    lb = 0.0 if k == 0 else float(special.gammaincinv(k, a)) / exposure
    ub = float(special.gammaincinv(k + 1, 1 - a)) / exposure
    return Interval(exposure, k / exposure, math.sqrt(k) / exposure, lb, ub, one_sided=k == 0)


def variance_interval(n: float, var: float, level: float) -> Interval:
    """(n - 1) s^2 / chi2 quantiles (the normal-based interval); se unused (NaN)."""
    from mlmcli import distributions

    a = (100.0 - level) / 100.0
    lb = (n - 1) * var / float(distributions.chi2.isf(a / 2, n - 1))
    ub = (n - 1) * var / float(distributions.chi2.ppf(a / 2, n - 1))
    return Interval(n, var, float("nan"), lb, ub)


def bonett_interval(n: float, var: float, kurtosis: float, level: float) -> Interval:
    """Bonett's (2006) interval: exp(log(c s^2) -+ z c sqrt((g4 - (n-3)/n)/(n-1))), c = n/(n-z);
    ``se`` holds that standard error (r(Var_se))."""
    from mlmcli import distributions

    a = (100.0 - level) / 100.0
    z = float(distributions.norm.ppf(1 - a / 2))
    c = n / (n - z)
    se = c * math.sqrt((kurtosis - (n - 3) / n) / (n - 1))
    centre = math.log(c * var)
    return Interval(n, var, se, math.exp(centre - z * se), math.exp(centre + z * se))


def bonett_kurtosis(x: np.ndarray) -> float:
    """Bonett's kurtosis estimate: n sum (x - m)^4 / (sum (x - xbar)^2)^2, m the mean trimmed by
    1/(2 sqrt(n - 4)) at each end (his eq. 2)."""
    x = np.sort(np.asarray(x, float))
    n = len(x)
    trim = 1 / (2 * math.sqrt(n - 4))
    lo = math.floor(n * trim) + 1
    hi = n + 1 - lo
    m = float(x[lo - 1:hi].mean())
    return float(n * np.sum((x - m) ** 4) / np.sum((x - x.mean()) ** 2) ** 2)
