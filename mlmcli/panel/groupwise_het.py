"""The modified Wald statistic for groupwise heteroskedasticity (Greene 2000, p. 598) that
``xttest3`` (Baum's SSC command, xttest3.ado 1.0.8) computes from a panel model's residuals.

With e_it the residuals on the estimation sample, T_i a panel's size, s_i = mean_t e_it^2 (the
panel's ML variance), V_i = sum_t (e_it^2 - s_i)^2 / T_i / (T_i - 1) and s^2 the variance of
all e_it with divisor N: W = sum_i (s_i - s^2)^2 / V_i over the panels whose V_i is at least
1e-12 (a panel of one row, or of two rows whose residuals mirror each other, adds nothing),
referred to chi-squared with as many degrees of freedom as the model has panels."""
from __future__ import annotations

import numpy as np


def modified_wald(resid: np.ndarray, panel: np.ndarray, df: int) -> tuple[float, float]:
    """(W, Pr(chi2(df) > W)) of the residuals ``resid`` grouped by the codes ``panel`` (both on
    the sample); ``df`` is the model's number of panels, e(N_g)."""
    from scipy import stats

    e = np.asarray(resid, float)
    _, inverse = np.unique(np.asarray(panel), return_inverse=True)
    sizes = np.bincount(inverse).astype(float)
    e2 = e * e
    s_i = np.bincount(inverse, weights=e2) / sizes
    dev = np.bincount(inverse, weights=(e2 - s_i[inverse]) ** 2) / sizes
    with np.errstate(divide="ignore", invalid="ignore"):
        v_i = dev / (sizes - 1)
    v_i[~np.isfinite(v_i) | (v_i < 1e-12)] = np.nan  # xttest3 1.0.8: a near-zero V_i is missing
    s2 = np.var(e)  # r(Var)*(N-1)/N
    terms = (s_i - s2) ** 2 / v_i
    wald = float(np.nansum(terms))
    return wald, float(stats.chi2.sf(wald, df))
