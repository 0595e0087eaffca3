"""meta esize's effect sizes and their standard errors ([META] meta esize, Methods and formulas).

Continuous outcomes from (n1, mean1, sd1, n2, mean2, sd2): Hedges's g (the bias correction J
approximate, 1 - 3/(4(n1+n2) - 9), or exact by the gamma function), Cohen's d, Glass's delta
(standardised by the control group's sd, or the treatment group's) and the raw mean difference
(pooled variance, or unequal variances).  Binary outcomes from the 2x2 cells (a, b treatment
successes and failures; c, d control): log odds ratio, log risk ratio, risk difference and Peto's
log odds ratio, with a continuity correction added to the cells of studies with a zero cell.
"""
from __future__ import annotations

import numpy as np
from scipy.special import gammaln

CONTINUOUS = ("hedgesg", "cohend", "glassdelta", "mdiff")
BINARY = ("lnoratio", "lnrratio", "rdiff", "lnorpeto")
LABELS = {"hedgesg": "Hedges's g", "cohend": "Cohen's d", "glassdelta": "Glass's Delta",
          "mdiff": "Mean Diff.", "lnoratio": "Log Odds-Ratio", "lnrratio": "Log Risk-Ratio",
          "rdiff": "Risk Diff.", "lnorpeto": "Log Peto's OR"}
TYPES = {"hedgesg": "Hedges's g", "cohend": "Cohen's d", "glassdelta": "Glass's Delta",
         "mdiff": "Mean Difference", "lnoratio": "Log Odds-Ratio", "lnrratio": "Log Risk-Ratio",
         "rdiff": "Risk Difference", "lnorpeto": "Log Peto's Odds-Ratio"}


def hedges_correction(m: np.ndarray, exact: bool) -> np.ndarray:
    """J(m), m = n1 + n2 - 2: Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2)), or 1 - 3/(4m - 1)."""
    if exact:
        return np.exp(gammaln(m / 2) - 0.5 * np.log(m / 2) - gammaln((m - 1) / 2))
    return 1 - 3 / (4 * m - 1)


def continuous(kind: str, n1, m1, s1, n2, m2, s2, *, exact: bool = False, holkinse: bool = False,
               unequal: bool = False, glass_group: str = "control") -> tuple[np.ndarray, np.ndarray]:
    n1, m1, s1, n2, m2, s2 = (np.asarray(a, float) for a in (n1, m1, s1, n2, m2, s2))
    diff = m1 - m2
    pooled = np.sqrt(((n1 - 1) * s1 ** 2 + (n2 - 1) * s2 ** 2) / (n1 + n2 - 2))
    base = (n1 + n2) / (n1 * n2)
    if kind == "mdiff":
        se = np.sqrt(s1 ** 2 / n1 + s2 ** 2 / n2) if unequal else pooled * np.sqrt(base)
        return diff, se
    if kind == "glassdelta":
        sd, n = (s2, n2) if glass_group == "control" else (s1, n1)
        delta = diff / sd
        return delta, np.sqrt(base + delta ** 2 / (2 * (n - 1)))
    d = diff / pooled
    if kind == "cohend":
        denom = 2 * (n1 + n2 - 3.94) if holkinse else 2 * (n1 + n2)
        return d, np.sqrt(base + d ** 2 / denom)
    g = hedges_correction(n1 + n2 - 2, exact) * d
    denom = 2 * (n1 + n2 - 3.94) if holkinse else 2 * (n1 + n2)
    return g, np.sqrt(base + g ** 2 / denom)


def corrected_cells(a, b, c, d, value: float = 0.5, which: str = "only0"):
    """The cells with ``value`` added: to every cell of the studies with a zero cell (only0), to
    every study when any study has one (allif0), or to none (value 0)."""
    cells = [np.asarray(x, float).copy() for x in (a, b, c, d)]
    zero = np.zeros(len(cells[0]), bool)
    for x in cells:
        zero |= x == 0
    if value == 0 or not zero.any():
        return cells, zero
    add = np.ones_like(zero) if which == "allif0" else zero
    return [x + value * add for x in cells], zero


def binary(kind: str, a, b, c, d, *, zero_value: float = 0.5, zero_which: str = "only0"):
    """(effect, se, studies that had a zero cell)."""
    if kind == "lnorpeto":
        a, b, c, d = (np.asarray(x, float) for x in (a, b, c, d))
        n1, n2, m1, m2 = a + b, c + d, a + c, b + d
        N = n1 + n2
        E = n1 * m1 / N
        V = n1 * n2 * m1 * m2 / (N ** 2 * (N - 1))
        zero = (a == 0) | (b == 0) | (c == 0) | (d == 0)
        return (a - E) / V, 1 / np.sqrt(V), zero
    (a, b, c, d), zero = corrected_cells(a, b, c, d, zero_value, zero_which)
    n1, n2 = a + b, c + d
    if kind == "lnoratio":
        return np.log(a * d / (b * c)), np.sqrt(1 / a + 1 / b + 1 / c + 1 / d), zero
    if kind == "lnrratio":
        return np.log((a / n1) / (c / n2)), np.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2), zero
    p1, p2 = a / n1, c / n2
    return p1 - p2, np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2), zero
