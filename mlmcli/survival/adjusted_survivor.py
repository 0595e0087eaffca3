"""sts's adjustfor() and strata(): the covariate-adjusted survivor function ([ST] sts,
"Adjusted estimates"; sts.ado's DoAdjust).

Stata fits ``stcox adjustfor [, strata(strata)] estimate norobust`` (Breslow ties) and takes
the baseline survivor function -- the survivor function at every adjustfor() variable equal
to 0 -- and the baseline hazard contributions (``bases()``, ``basehc()``: Kalbfleisch and
Prentice's, ``cox_residuals``).  With by() one Cox model is fitted within each by() group (its
own coefficients and baseline); with strata() one model with common coefficients and a
baseline per stratum; by() and strata() may not be combined.  A group whose fit fails keeps
missing values (the ado's ``capture stcox``).  Numbers in, numbers out; engines never print.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class AdjustedBaseline:
    """One group's (by() group or stratum) baseline, record by record and as a table."""

    rows: np.ndarray        # the group's positions among the records passed in
    survival: np.ndarray    # S0(_t) on each of those records
    hazard: np.ndarray      # basehc on the failing records, NaN elsewhere

    def table(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(distinct _t, S0 there, basehc there): one row per distinct exit time (KeepDead)."""
        times, first = np.unique(t[self.rows], return_index=True)
        surv = self.survival[first]
        hazard = np.full(times.size, np.nan)
        dead = ~np.isnan(self.hazard)
        hazard[np.searchsorted(times, t[self.rows][dead])] = self.hazard[dead]
        return times, surv, hazard


def adjusted_baselines(t0, t, d, X, w=None, by_codes=None, strata_codes=None) -> list[AdjustedBaseline]:
    """The baselines in group order: one per by() code (a fit each), or one per stratum code
    (one stratified fit), or a single one."""
    from mlmcli.survival.cox import CoxData, fit_cox
    from mlmcli.survival.cox_residuals import cox_residuals
    from mlmcli.survival.cox_strata import StratifiedLikelihood, subset

    t0, t, d = (np.asarray(a, float) for a in (t0, t, d))
    X = np.asarray(X, float).reshape(len(t), -1)
    w = np.ones_like(t) if w is None else np.asarray(w, float)
    data = CoxData(t0=t0, t=t, d=(d != 0).astype(float), X=X, w=w, ties="breslow")
    if strata_codes is not None:
        codes = np.unique(strata_codes, return_inverse=True)[1]
        res = _fitted(data, codes, fit_cox, cox_residuals, StratifiedLikelihood)
        return [_group(np.flatnonzero(codes == g), res, None) for g in range(int(codes.max()) + 1)]
    codes = np.zeros(len(t), int) if by_codes is None else np.unique(by_codes, return_inverse=True)[1]
    out = []
    for g in range(int(codes.max()) + 1 if len(t) else 0):
        rows = np.flatnonzero(codes == g)
        out.append(_group(rows, _fitted(subset(data, rows), None, fit_cox, cox_residuals, StratifiedLikelihood),
                          slice(None)))
    return out


def _fitted(data, strata, fit_cox, cox_residuals, StratifiedLikelihood):
    """predict's basesurv and basehc after the fit (None when stcox fails: no failures ...)."""
    try:
        _, res, _, _ = fit_cox(data, likelihood=StratifiedLikelihood(data, strata))
        b = np.asarray(res.x, float)
        if not np.all(np.isfinite(b)):
            return None
        return cox_residuals(data, strata, b)
    except (np.linalg.LinAlgError, ValueError, FloatingPointError):
        return None


def _group(rows, res, own) -> AdjustedBaseline:
    """The group's records' values (``own``: the result holds the group alone)."""
    if res is None:
        return AdjustedBaseline(rows, np.full(rows.size, np.nan), np.full(rows.size, np.nan))
    pick = own if own is not None else rows
    return AdjustedBaseline(rows, np.asarray(res.basesurv)[pick], np.asarray(res.basehc)[pick])
