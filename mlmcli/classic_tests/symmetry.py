"""Tests of symmetry and marginal homogeneity of a square table of matched pairs ([R] symmetry,
symmetry.ado): Bowker's symmetry chi-squared, Stuart-Maxwell's marginal homogeneity, the
Bickenboller and no-diagonal statistics (mh) and the linear trend in the (log) relative risk
(trend, cc).  Pure computation on the counts n[i, j] (row level i, column level j)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.distributions import chi2 as chi2_distribution


@dataclass(frozen=True)
class SymmetryResult:
    n_pair: float
    chi2: float
    df: int
    p: float
    chi2_sm: float
    df_sm: int
    p_sm: float
    contributions: tuple[tuple[int, int, float], ...]  # (i, j, contribution), i < j, 1-based
    mh: dict = field(default_factory=dict)
    trend: dict = field(default_factory=dict)
    p_exact: float | None = None  # exact_symmetry_p, when asked for


def _p(df: int, x: float) -> float:
    return float(chi2_distribution.sf(x, df)) if df > 0 and x == x else float("nan")


def symmetry_test(n: np.ndarray, levels: np.ndarray | None = None, *, mh: bool = False,
                  trend: bool = False, cc: bool = False) -> SymmetryResult:
    n = np.asarray(n, dtype=float)
    r = n.shape[0]
    iu, ju = np.triu_indices(r, 1)
    pair = n[iu, ju] + n[ju, iu]
    with np.errstate(divide="ignore", invalid="ignore"):
        sym = np.where(pair > 0, (n[iu, ju] - n[ju, iu]) ** 2 / pair, 0.0)
    chi2 = float(sym.sum())
    df = int(r * (r - 1) // 2 - np.count_nonzero(pair == 0))
    rows, cols, diag = n.sum(axis=1), n.sum(axis=0), np.diag(n)
    d = cols - rows
    V = -(n + n.T)
    np.fill_diagonal(V, rows - diag + cols - diag)
    chi2_sm = float(d @ np.linalg.pinv(V) @ d)  # V is singular: a generalized inverse (syminv)
    extra_mh, extra_trend = {}, {}
    if mh:
        with np.errstate(divide="ignore", invalid="ignore"):
            m = (rows - cols) ** 2 / (rows + cols)
            mm = ((rows - diag) - (cols - diag)) ** 2 / ((rows - diag) + (cols - diag))
        k = int(np.count_nonzero(~np.isnan(m)))
        chi2_b = float(np.nansum(m))
        df_nd = int(np.count_nonzero((rows - diag) + (cols - diag) > 0)) - 1
        chi2_nd = (k - 1) * float(np.nansum(mm)) / k
        extra_mh = {"chi2_b": chi2_b, "df_b": k - 1, "p_b": _p(k - 1, chi2_b),
                    "chi2_nd": chi2_nd, "df_nd": df_nd, "p_nd": _p(df_nd, chi2_nd)}
    if trend:
        x = np.asarray(levels, dtype=float)
        dexp = x[iu] - x[ju]
        num = (float(((n[iu, ju] - n[ju, iu]) * dexp).sum()) - (0.5 if cc else 0.0)) ** 2
        value = num / float((pair * dexp ** 2).sum())
        extra_trend = {"chi2_t": value, "p_trend": _p(1, value)}
    return SymmetryResult(float(n.sum()), chi2, df, _p(df, chi2), chi2_sm, r - 1, _p(r - 1, chi2_sm),
                          tuple((int(i) + 1, int(j) + 1, float(s)) for i, j, s in zip(iu, ju, sym)),
                          extra_mh, extra_trend)


def exact_symmetry_p(n: np.ndarray, max_states: int = 2_000_000) -> float:
    """The exact significance probability of the symmetry test (symmetry.ado's exact): under
    symmetry each off-diagonal pair's split n[i, j] | n[i, j] + n[j, i] is Binomial(., 1/2),
    independently; p is the total probability of the tables no more probable than the one
    observed (a relative tolerance of 1e-7, as R's binom.test).  NaN when the tables are too
    many to enumerate (more than ``max_states`` distinct partial probabilities)."""
    from math import comb

    n = np.asarray(n, dtype=float)
    iu, ju = np.triu_indices(n.shape[0], 1)
    pairs = [(int(a + b), int(a)) for a, b in zip(n[iu, ju], n[ju, iu]) if a + b > 0]
    observed = 1.0
    pmfs = []
    for size, count in pairs:
        pmf = np.array([comb(size, v) for v in range(size + 1)], dtype=float) * 0.5 ** size
        observed *= pmf[count]
        pmfs.append(pmf)
    limit = observed * (1 + 1e-7)
    # products of the pairs' probabilities, largest pairs last; a partial product already
    # above the limit can still fall below it, so every distinct product is kept (merged)
    states = {1.0: 1.0}
    for pmf in sorted(pmfs, key=len):
        grown: dict[float, float] = {}
        values, counts = np.unique(pmf, return_counts=True)
        for prob, mass in states.items():
            for value, times in zip(values.tolist(), counts.tolist()):
                key = prob * value
                grown[key] = grown.get(key, 0.0) + mass * times
        if len(grown) > max_states:
            return float("nan")
        states = grown
    return float(sum(prob * mass for prob, mass in states.items() if prob <= limit))
