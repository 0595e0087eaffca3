"""The numbers of Stata's ``tabodds``: the odds of a 0/1 outcome at each level of a
categorical exposure with their intervals (exp(+-z sqrt(1/cases + 1/controls))), the test of
homogeneity of the odds and the score test for a linear trend in the log odds over the levels'
values (tabodds.ado's formulas: the Pearson chi-squared of the 2 x k table and the
Cochran-Armitage trend statistic, each times (N - 1) / N)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from mlmcli.epitab import NAN, divide, z_value


@dataclass(frozen=True)
class OddsRow:
    level: float
    cases: float
    controls: float
    odds: float
    lb: float
    ub: float


@dataclass(frozen=True)
class OddsTable:
    rows: list[OddsRow]
    chi2_hom: float = NAN
    df_hom: int = 0
    chi2_trend: float = NAN

    @property
    def p_hom(self) -> float:
        return float(stats.chi2.sf(self.chi2_hom, self.df_hom)) if self.df_hom > 0 else NAN

    @property
    def p_trend(self) -> float:
        return float(stats.chi2.sf(self.chi2_trend, 1)) if not math.isnan(self.chi2_trend) else NAN


def odds_table(outcome: np.ndarray, exposure: np.ndarray, weight: np.ndarray, level: float) -> OddsTable:
    """``outcome`` 0/1, ``exposure`` the levels (all one value when there is none)."""
    z = z_value(level)
    rows = []
    for value in np.unique(exposure):
        inside = exposure == value
        d = float((weight[inside] * outcome[inside]).sum())
        h = float((weight[inside] * (1 - outcome[inside])).sum())
        odds = divide(d, h)
        spread = math.exp(z * math.sqrt(1 / d + 1 / h)) if d > 0 and h > 0 else NAN
        rows.append(OddsRow(float(value), d, h, odds, divide(odds, spread), odds * spread))
    d = np.array([r.cases for r in rows])
    h = np.array([r.controls for r in rows])
    x = np.array([r.level for r in rows])
    n = d + h
    nd, nh = d.sum(), h.sum()
    nt = nd + nh
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = nd * n / nt
        het = float(((d - expected) ** 2 / n).sum() * nt * (nt - 1) / (nd * nh)) if nd * nh else NAN
        mean_d, mean_h = (x * d).sum() / nd, (x * h).sum() / nh
        mean_n = (x * n).sum() / nt
        variance = ((x - mean_n) ** 2 * n).sum() / (nt - 1) * nt / (nd * nh)
        trend = float((mean_d - mean_h) ** 2 / variance) if variance > 0 else NAN
    return OddsTable(rows, het, len(rows) - 1, trend)
