"""The Breusch-Pagan LM statistic of cross-sectional independence in a fixed-effects panel
model (Greene 2000, p. 601) that ``xttest2`` (Baum's SSC command, xttest2.ado 1.0.5) computes.

The residuals are laid out one column per panel, one row per time value; only the time values
at which every panel has a residual are used (``mat accum ..., dev noc`` drops the others).
With C the matrix of cross products of the columns' deviations from their means on those rows
and R = corr(C): LM = (trace(R R') - N) * T_min / 2 on N (N - 1) / 2 degrees of freedom, N
the model's panels and T_min its smallest panel (e(N_g), e(g_min) -- not the rows used).  No
complete row is "too few common observations" (r(2000)); |det C| < 1e-37 is a singular
matrix (r(131)) -- always so when the panels outnumber the complete time values."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class CrossSectionLM:
    panels: tuple[float, ...]   # the panel ids, sorted (the columns of corr)
    corr: np.ndarray            # N x N
    lm: float
    df: int
    p: float
    n_complete: int             # time values used


def breusch_pagan_lm(resid, panel, time, n_groups: int, g_min: int) -> CrossSectionLM:
    from scipy import stats

    resid, panel, time = (np.asarray(a, float) for a in (resid, panel, time))
    ids, col = np.unique(panel, return_inverse=True)
    times, row = np.unique(time, return_inverse=True)
    wide = np.full((len(times), len(ids)), np.nan)
    wide[row, col] = resid
    complete = wide[~np.isnan(wide).any(axis=1)]
    if complete.shape[0] == 0:
        raise StataError("\nError: too few common observations across panel.", 2000)
    dev = complete - complete.mean(axis=0)
    cross = dev.T @ dev
    if abs(np.linalg.det(cross)) < 1.0e-37:
        raise StataError("\nCorrelation matrix of residuals is singular.", 131)
    sd = np.sqrt(np.diag(cross))
    corr = cross / np.outer(sd, sd)
    df = n_groups * (n_groups - 1) // 2
    lm = float((np.trace(corr @ corr.T) - n_groups) * g_min / 2)
    return CrossSectionLM(tuple(ids), corr, lm, df, float(stats.chi2.sf(lm, df)), complete.shape[0])
