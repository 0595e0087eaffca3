"""Intraclass correlations as ``estat icc`` reports them after ``mixed``.

For a nested random-intercept model with levels 1..L (outermost first),
intercept variances s_l^2 = exp(2 p_l) (p_l the ln-sd parameter in e(b)) and
residual variance s_e^2 = exp(2 p_e), the level-k ICC is

    icc_k = (s_1^2 + ... + s_k^2) / (s_1^2 + ... + s_L^2 + s_e^2),

the correlation of two observations sharing the level-1..k groups (Stata
labels it ``k|k-1|...|1``, e.g. ``sample|batch``).  For random-coefficient
models the same formula with the intercept variances only: the ICC
conditional on the random-effects covariates being 0.

SE by the delta method on the estimation metric: with T the denominator,
d icc_k / d p_l = 2 s_l^2 (1[l<=k] - icc_k) / T and d icc_k / d p_e =
-2 s_e^2 icc_k / T, so se = sqrt(g' V g) with V the covariance of
(p_1..p_L, p_e) from e(V).  CI from the logit transform:
logit(icc) +/- z se / (icc (1 - icc)), mapped back by invlogit.
Reference: Stata [ME] estat icc, Methods and formulas.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm


@dataclass(frozen=True)
class ICCEstimate:
    """One row of ``estat icc``: label (``region`` / ``state|region``), ICC, SE, CI."""

    label: str
    icc: float
    se: float
    ci_lo: float
    ci_hi: float


def nested_icc(labels: list[str], level_params: list[list[int]], resid_param: int,
               b: np.ndarray, V: np.ndarray, level: float = 95.0) -> list[ICCEstimate]:
    """ICCs for every nesting depth.

    ``labels``: the level variables, outermost first.  ``level_params[l]``:
    indices into ``b`` of the ln-sd parameters whose variances form level l's
    intercept variance (usually one).  ``resid_param``: index of ``lnsig_e``.
    ``b``/``V``: e(b) and e(V) (any parameters; only the ones named are used).
    Row k is labelled ``labels[k]|labels[k-1]|...|labels[0]``.
    """
    b = np.asarray(b, dtype=float)
    V = np.asarray(V, dtype=float)
    z = norm.ppf(1 - (1 - level / 100) / 2)
    var_level = [sum(np.exp(2 * b[i]) for i in idx) for idx in level_params]
    s2e = np.exp(2 * b[resid_param])
    total = sum(var_level) + s2e
    out = []
    for k in range(len(labels)):
        icc = sum(var_level[: k + 1]) / total
        grad = np.zeros(len(b))
        for lev, idx in enumerate(level_params):
            inside = 1.0 if lev <= k else 0.0
            for i in idx:
                grad[i] += 2 * np.exp(2 * b[i]) * (inside - icc) / total
        grad[resid_param] += -2 * s2e * icc / total
        se = float(np.sqrt(max(grad @ V @ grad, 0.0)))
        lo, hi = logit_interval(icc, se, z)
        label = "|".join(reversed(labels[: k + 1]))
        out.append(ICCEstimate(label, float(icc), se, lo, hi))
    return out


def logit_interval(p: float, se: float, z: float) -> tuple[float, float]:
    """invlogit(logit(p) -/+ z se / (p (1-p))): the interval Stata prints for a proportion."""
    if not (0 < p < 1) or not np.isfinite(se):
        return float("nan"), float("nan")
    centre = np.log(p / (1 - p))
    half = z * se / (p * (1 - p))
    return float(1 / (1 + np.exp(-(centre - half)))), float(1 / (1 + np.exp(-(centre + half))))
