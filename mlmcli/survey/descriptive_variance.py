"""The variance of mean, total, ratio and proportion outside svy ([R] mean, total, ratio,
proportion: Methods and formulas), from the scores of ``survey.estimators`` (the same
estimates svy: makes).

- vce(analytic), the default without pweights: the SRS variance.  For estimates j, l of one
  group (over()) with ``n`` observations and weight sum ``W``,

      V_jl = W / (n - 1) * sum_i z_ij z_il / w_i

  (z = the linearized scores); for the mean that is sum w (y - ybar)^2 / (W (n - 1)), which is
  s^2/n unweighted and, with aweights, the manual's formula with weights normalized to sum
  to n.  With fweights and iweights W takes the place of n (W / (W - 1)): frequency-weighted
  data give the expanded data's numbers.  Estimates of different groups do not covary.
- pweights, or vce(cluster): the linearized variance, n/(n-1) sum z_i z_i' over
  observations or C/(C-1) over the clusters' score totals (``survey.linearized``).
- total is the mean times the group's weight sum (n with aweights) outside svy, so its V is
  the mean's scaled by those sums (the weight sum taken as fixed, unlike svy: total).
"""
from __future__ import annotations

import numpy as np

from mlmcli.missing import MAX_DOUBLE


def srs_variance(scores: np.ndarray, w: np.ndarray, groups: list[np.ndarray], frequency: bool) -> np.ndarray:
    """V of the estimates whose scores are the columns of ``scores`` (n x k); ``groups`` the
    row mask of each column's group; ``frequency``: fweights or iweights (W replaces n)."""
    z = np.asarray(scores, float)
    w = np.asarray(w, float)
    inv = np.divide(1.0, w, out=np.zeros_like(w), where=w != 0)
    with np.errstate(over="ignore", invalid="ignore"):  # scores near 1e307: squares past the double range
        cross = z.T @ (z * inv[:, None])
    factor = np.empty(len(groups))
    for j, mask in enumerate(groups):
        W, n = float(w[mask].sum()), int(mask.sum())
        if frequency:
            factor[j] = W / (W - 1) if W > 1 else 0.0
        else:
            factor[j] = W / (n - 1) if n > 1 else np.nan
    same = np.array([[np.array_equal(a, b) for b in groups] for a in groups])
    # blocks of one group share its factor (sqrt(f * f) was f, but f * f overflows for aweights of 1e300)
    with np.errstate(over="ignore", invalid="ignore"):
        V = np.where(same, cross * factor[:, None], 0.0)
    V[~(np.abs(V) <= MAX_DOUBLE)] = np.nan  # a variance past Stata's largest double is missing
    return V


def linearized(scores: np.ndarray, clusters: np.ndarray | None) -> tuple[np.ndarray, int]:
    """(V, number of PSUs): the linearized variance over observations or ``clusters``."""
    from mlmcli.survey.linearized import design_units, linearized_variance

    z = np.asarray(scores, float)
    units = design_units(len(z), None, clusters, None, "missing")
    return linearized_variance(z, units).V, units.n_psu
