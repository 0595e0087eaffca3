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
