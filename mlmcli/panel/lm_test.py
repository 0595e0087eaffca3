"""The Breusch and Pagan (1980) Lagrange-multiplier test for random effects, Var(u_i) = 0
(``xttest0`` after ``xtreg, re``; the unbalanced form Stata computes).  With e_it the
pooled OLS residuals of the model, N observations and panel sizes T_i:

    A  = 1 - sum_i (sum_t e_it)^2 / sum_it e_it^2
    LM = N^2 / 2 * A^2 / (sum_i T_i^2 - N)

chibar2(01): p = P(chi2(1) > LM) / 2; LM = 0 (p = 1) when the fit's sigma_u is 0.
"""
from __future__ import annotations

import numpy as np
from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from mlmcli.ols import fit_ols
from mlmcli.panel.groups import Panels


def breusch_pagan(y: np.ndarray, X: np.ndarray, panels: Panels, sigma_u: float) -> tuple[float, float]:
    """(LM, p) for y on X (X with its constant column)."""
    fit = fit_ols(y, X, constant=True)
    e = fit.residuals
    if sigma_u <= 0:
        return 0.0, 1.0
    N = float(len(y))
    A = 1 - np.sum(panels.sums(e) ** 2) / np.sum(e * e)
    M11 = float(np.sum(panels.sizes ** 2))
    lm = N * N / 2 * A * A / (M11 - N)
    return float(lm), float(stats.chi2.sf(lm, 1) / 2)
