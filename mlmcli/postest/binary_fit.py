"""Classification, goodness of fit and ROC curves of a binary-outcome model's predicted
probabilities (Stata 13's ``estat classification``/``lstat``, ``estat gof``/``lfit``, ``lroc``
and ``lsens``; [R] logistic postestimation, Methods and formulas).

Every function takes, over the observations used, the outcome ``y`` (D means y != 0), the
predicted probability ``p`` and frequency weights ``w``.

- classification at cutoff c: a = sum w [D, p >= c], b = sum w [~D, p >= c], c' = [D, p < c],
  d = [~D, p < c]; sensitivity a/(a+c'), specificity d/(b+d) ... (lstat.ado's nine percentages);
- Pearson goodness of fit: over covariate patterns j (M_j = sum w, y_j = sum w [D], e_j = sum w p),
  chi2 = sum (y_j - e_j)^2 / (e_j (1 - e_j / M_j)) over patterns with 0 < e_j < M_j,
  df = J - k (k = coefficients, the constant included; ``outsample``: df = J);
- Hosmer-Lemeshow: the same sum over g groups of the sorted probabilities, cut where the
  cumulative weight reaches each g-th of the total (lfit.ado's Quantile: a distinct probability is
  never split, so ties can leave fewer groups), df = groups - 2 (``outsample``: groups);
- the ROC points (lsens_x.ado): at each distinct probability p_k the cutoff is the next larger
  one (1 after the largest); sensitivity and 1 - specificity are the weighted shares of D and ~D
  at or above it, plus two points (1, 1) at cutoffs p_1 and 0. Stata keeps them in float; the
  area is the trapezoid sum over the points sorted by 1 - specificity, then sensitivity.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.sorted_codes import matrix_row_codes


@dataclass(frozen=True)
class Classification:
    a: float  # D classified +
    b: float  # ~D classified +
    c: float  # D classified -
    d: float  # ~D classified -

    def percentages(self) -> dict[str, float]:
        """lstat.ado's r() percentages (NaN where a denominator is 0)."""
        a, b, c, d = self.a, self.b, self.c, self.d

        def pct(num, den):
            return num / den * 100 if den else float("nan")
        return {"P_corr": pct(a + d, a + b + c + d), "P_p1": pct(a, a + c), "P_n0": pct(d, b + d),
                "P_p0": pct(b, b + d), "P_n1": pct(c, a + c), "P_1p": pct(a, a + b), "P_0n": pct(d, c + d),
                "P_0p": pct(b, a + b), "P_1n": pct(c, c + d)}


def classify(y, p, w, cutoff: float) -> Classification:
    y, p, w = (np.asarray(v, float) for v in (y, p, w))
    pos, plus = y != 0, p >= cutoff
    return Classification(*(float(round(w[m].sum())) for m in (pos & plus, ~pos & plus, pos & ~plus, ~pos & ~plus)))


@dataclass(frozen=True)
class FitGroup:
    number: int       # the group (Hosmer-Lemeshow) or pattern number
    prob: float       # its (upper quantile) probability
    observed: float   # weighted count of D
    expected: float   # sum of w p
    total: float      # sum of w


@dataclass(frozen=True)
class GoodnessOfFit:
    groups: tuple[FitGroup, ...]
    chi2: float
    df: int


def _chi2(groups) -> float:
    total = 0.0
    for g in groups:
        if 0 < g.expected < g.total:
            total += (g.observed - g.expected) ** 2 / (g.expected * (1 - g.expected / g.total))
    return total


def pearson_fit(y, p, w, patterns: np.ndarray, n_coef: int, outsample: bool) -> GoodnessOfFit:
    """``patterns``: one row of covariate values per observation; groups numbered by ascending p."""
    y, p, w = (np.asarray(v, float) for v in (y, p, w))
    keys = np.asarray(patterns, float).reshape(len(y), -1)
    if keys.shape[1] == 0:
        keys = np.zeros((len(y), 1))
    code = matrix_row_codes(keys)
    k = int(code.max()) + 1 if code.size else 0
    total = np.bincount(code, weights=w, minlength=k)
    observed = np.bincount(code, weights=w * (y != 0), minlength=k)
    expected = np.bincount(code, weights=w * p, minlength=k)
    last = np.zeros(k, int)
    last[code] = np.arange(code.size)
    prob = p[last]
    keep = [j for j in np.argsort(prob, kind="stable") if total[j] > 0]
    groups = tuple(FitGroup(i + 1, float(prob[j]), float(observed[j]), float(expected[j]), float(total[j]))
                   for i, j in enumerate(keep))
    return GoodnessOfFit(groups, _chi2(groups), len(groups) if outsample else len(groups) - n_coef)


def hosmer_lemeshow(y, p, w, n_groups: int, outsample: bool) -> GoodnessOfFit:
    """lfit.ado's HosLem/Quantile/Qportion (see the module docstring); groups keep the number of
    the quantile they end at, so ties leave gaps (1 3 4 ...) as Stata lists them."""
    y, p, w = (np.asarray(v, float) for v in (y, p, w))
    order = np.argsort(p, kind="stable")
    values, start = np.unique(p[order], return_index=True)
    cum_w = np.cumsum(w[order])
    cum_y = np.cumsum((w * (y != 0))[order])
    cum_e = np.cumsum((w * p)[order])
    end = np.r_[start[1:], len(order)] - 1  # each distinct value's last row
    W, Y, E = cum_w[end], cum_y[end], cum_e[end]
    N = W[-1]
    J = len(values)
    g = n_groups
    eps = g * 1e-8
    q = g * W / N
    r = np.round(q)
    quantile_prob = values.copy()
    k = np.empty(J, float)
    for j in range(J):
        tie = False
        if j < J - 1 and abs(q[j] - r[j]) < eps:
            qp = q[j + 1]
            tie = (q[j] <= r[j] and qp - r[j] >= eps) or (q[j] >= r[j] and (r[j] - qp >= eps or j == 0))
        if tie:
            quantile_prob[j] = (values[j] + values[j + 1]) / 2
        k[j] = r[j] if (tie or j == J - 1) else np.floor(q[j])
    ends: list[tuple[int, int]] = []  # (group number, last distinct-value index)
    for j in range(J):
        if (j == 0 or k[j] != k[j - 1]) and k[j] != 0:
            ends.append((int(k[j]), j))
    groups = []
    previous = -1
    for number, j in ends[:g]:
        lo = (W[previous], Y[previous], E[previous]) if previous >= 0 else (0.0, 0.0, 0.0)
        groups.append(FitGroup(number, float(quantile_prob[j]), float(Y[j] - lo[1]), float(E[j] - lo[2]),
                               float(W[j] - lo[0])))
        previous = j
    groups = tuple(gr for gr in groups if gr.total > 0)
    return GoodnessOfFit(groups, _chi2(groups), len(groups) if outsample else len(groups) - 2)


@dataclass(frozen=True)
class RocPoints:
    cutoff: np.ndarray            # probability cutoff of each point
    sensitivity: np.ndarray       # float-rounded as Stata stores them
    one_minus_spec: np.ndarray
    source: np.ndarray | None = None  # the sample row holding each point but the last two (lsens_x's
    #                                   last row of its probability, in ``sort touse p``)

    @property
    def specificity(self) -> np.ndarray:
        return (1 - self.one_minus_spec).astype(np.float32).astype(float)

    def area(self) -> float:
        x, s = self.one_minus_spec, self.sensitivity
        return float(np.sum((x[1:] - x[:-1]) * (s[1:] + s[:-1])) / 2)


def roc_points(y, p, w) -> RocPoints:
    """The points of lsens_x.ado in its order (1 - specificity ascending, then sensitivity:
    cutoffs descending), ending with the two (1, 1) points at p_1 and 0."""
    y, p, w = (np.asarray(v, float) for v in (y, p, w))
    order = np.argsort(p, kind="stable")
    values, start = np.unique(p[order], return_index=True)
    end = np.r_[start[1:], len(order)] - 1
    neg = np.cumsum((w * (y == 0))[order])
    pos = np.cumsum((w * (y != 0))[order])
    with np.errstate(divide="ignore", invalid="ignore"):
        one_minus_spec = (1 - neg[end] / neg[-1]).astype(np.float32).astype(float)
        sens = (1 - pos[end] / pos[-1]).astype(np.float32).astype(float)
    cutoff = np.r_[values[1:], 1.0]
    rows = np.lexsort((sens, one_minus_spec))
    return RocPoints(np.r_[cutoff[rows], values[0], 0.0], np.r_[sens[rows], 1.0, 1.0],
                     np.r_[one_minus_spec[rows], 1.0, 1.0], order[end[rows]])
