"""``estat sd, post``: e(b) and e(V) with the variance components as standard deviations
and correlations (Stata 15's ``_xtme_estatsd.ado``: equation = level variable, names
``sd(x)``, ``corr(x,z)``; ``Residual:sd(e)``; ``R.`` becomes ``R_`` in names).

For b = (beta, phi) with phi the estimation metric (ln sd, atanh corr, ln sigma_e), the
posted vector is (beta, g(phi)), g = exp on the ln sd's and tanh on the atanh's, each
parameter mapped on its own; V_new = J V J' with J = diag(1, ..., exp(phi_i) or
1 - tanh(phi_i)^2, ...) (the delta method).
"""
from __future__ import annotations

import numpy as np


def sd_metric_names(eqs: list[str], labels: list[str]) -> list[str]:
    return [f"{eq.replace('R.', 'R_')}:{lab.replace('R.', 'R_')}" for eq, lab in zip(eqs, labels)]


def to_sd_metric(b: np.ndarray, V: np.ndarray, kinds: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``kinds`` per element of b: ``fixed`` (unchanged), ``lns`` (exp) or ``atr`` (tanh)."""
    b = np.asarray(b, float)
    d = np.ones(len(b))
    out = b.copy()
    for i, k in enumerate(kinds):
        if k == "lns":
            out[i] = np.exp(b[i])
            d[i] = out[i]
        elif k == "atr":
            out[i] = np.tanh(b[i])
            d[i] = 1 - out[i] ** 2
    J = np.diag(d)
    return out, J @ np.asarray(V, float) @ J.T
