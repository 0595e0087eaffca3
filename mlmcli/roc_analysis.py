"""Nonparametric ROC analysis of a rating against a 0/1 reference (Stata's ``roctab``).

With n1 positive (D = 1) and n0 negative observations, fweights w, and ratings C:

- the area under the empirical ROC curve is the Mann-Whitney statistic
  A = sum_{i in D1, j in D0} w_i w_j psi(C_i, C_j) / (n1 n0),  psi = 1 if C_i > C_j, 1/2 if tied;
  it equals Stata's trapezoid sum over the cutpoints, for either direction of association
  (roctab.ado measures the area of higher ratings meaning D = 1, so it can fall below 0.5);
- its default standard error is DeLong, DeLong and Clarke-Pearson's (1988): with the placement
  values V10_i = (sum_j w_j psi(C_i, C_j)) / n0 of the positives and
  V01_j = (sum_i w_i psi(C_i, C_j)) / n1 of the negatives,
  Var A = S10 / n1 + S01 / n0,  S10 = sum w_i (V10_i - A)^2 / (n1 - 1), S01 likewise;
- ``hanley``: Hanley and McNeil's (1982) SE sqrt((A(1-A) + (n1-1)(Q1-A^2) + (n0-1)(Q2-A^2))/(n1 n0)),
  Q1 = A/(2-A), Q2 = 2A^2/(1+A);
- the normal interval A -/+ z se, clipped to [0, 1]; ``binomial``: the exact (Clopper-Pearson)
  interval of a proportion A of N, as roctab.ado's ``cii N A`` gives it;
- ``detail``: at each cutpoint c (the distinct ratings, ascending, then "> the largest"),
  sensitivity P(C >= c | D=1), specificity P(C < c | D=0), correctly classified, LR+ = sens/(1-spec),
  LR- = (1-sens)/spec (missing where the denominator is 0).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Cutpoint:
    value: float          # the rating (nan for the final "> largest" row)
    sensitivity: float    # percent
    specificity: float    # percent
    correct: float        # percent correctly classified
    lr_pos: float
    lr_neg: float


@dataclass(frozen=True)
class RocArea:
    n: float
    n_pos: float
    n_neg: float
    area: float
    se: float
    lb: float
    ub: float
    level: float
    se_method: str        # "delong", "hanley"
    ci_method: str        # "normal", "binomial"
    levels: np.ndarray    # distinct ratings, ascending
    cutpoints: tuple[Cutpoint, ...]
    curve_fpr: np.ndarray  # 1 - specificity, from (1, 1) to (0, 0)
    curve_tpr: np.ndarray


def check_true_status(name: str, d: np.ndarray, constant_rc: int = 2000) -> None:
    """roctab.ado's (and rocfit's, rocgold's) checks of the reference variable on the sample:
    0/1 values (r(198)) that vary ("outcome does not vary": r(2000), rocfit's r(198))."""
    from mlmcli.errors import StataError

    if np.any((d != 0) & (d != 1)):
        raise StataError(f"true status variable {name} must be 0 or 1", 198)
    if d.size == 0 or d.min() == d.max():
        raise StataError("outcome does not vary", constant_rc)


def roc_area(ref: np.ndarray, rating: np.ndarray, weight: np.ndarray | None = None, *, level: float = 95.0,
             se_method: str = "delong", ci_method: str = "normal") -> RocArea:
    """The ROC area of ``rating`` for ``ref`` (0/1) with its SE, interval and cutpoint table."""
    from scipy.stats import beta, norm

    w = np.ones(ref.size) if weight is None else np.asarray(weight, float)
    levels, code = np.unique(rating, return_inverse=True)
    pos = np.bincount(code, weights=w * (ref == 1), minlength=levels.size)
    neg = np.bincount(code, weights=w * (ref == 0), minlength=levels.size)
    n1, n0 = pos.sum(), neg.sum()
    below_neg = np.concatenate(([0.0], np.cumsum(neg)[:-1]))   # negatives rated lower than level k
    below_pos = np.concatenate(([0.0], np.cumsum(pos)[:-1]))
    v10 = (below_neg + 0.5 * neg) / n0                          # per level, for a positive there
    v01 = (n1 - below_pos - pos + 0.5 * pos) / n1               # per level, for a negative there
    area = float((pos * v10).sum() / n1)
    if se_method == "hanley":
        q1, q2 = area / (2 - area), 2 * area ** 2 / (1 + area)
        se = float(np.sqrt((area * (1 - area) + (n1 - 1) * (q1 - area ** 2) + (n0 - 1) * (q2 - area ** 2))
                           / (n1 * n0)))
    else:
        with np.errstate(divide="ignore", invalid="ignore"):  # one positive or negative: se is missing
            s10 = (pos * (v10 - area) ** 2).sum() / (n1 - 1) if n1 > 1 else np.nan
            s01 = (neg * (v01 - area) ** 2).sum() / (n0 - 1) if n0 > 1 else np.nan
            se = float(np.sqrt(s10 / n1 + s01 / n0))
    n = n1 + n0
    if ci_method == "binomial":
        k = n * area if area < 1 else n
        alpha = 1 - level / 100
        lb = float(beta.ppf(alpha / 2, k, n - k + 1)) if k > 0 else 0.0
        ub = float(beta.ppf(1 - alpha / 2, k + 1, n - k)) if k < n else 1.0
    else:
        z = float(norm.ppf(0.5 + level / 200))
        lb, ub = max(area - z * se, 0.0), min(area + z * se, 1.0)
    # cutpoint c_k: positive when rating >= c_k
    sens = np.concatenate((n1 - below_pos, [0.0])) / n1 * 100
    spec = np.concatenate((below_neg, [n0])) / n0 * 100
    rows = []
    for k in range(levels.size + 1):
        correct = (sens[k] * n1 + spec[k] * n0) / n
        lr_pos = sens[k] / (100 - spec[k]) if spec[k] < 100 else np.nan
        lr_neg = (100 - sens[k]) / spec[k] if spec[k] > 0 else np.nan
        rows.append(Cutpoint(float(levels[k]) if k < levels.size else np.nan, float(sens[k]), float(spec[k]),
                             float(correct), float(lr_pos), float(lr_neg)))
    return RocArea(float(n), float(n1), float(n0), area, se, lb, ub, level, se_method, ci_method, levels,
                   tuple(rows), 1 - spec / 100, sens / 100)
