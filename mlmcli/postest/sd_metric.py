"""``estat sd, post``: e(b) and e(V) with the variance components as standard deviations
and correlations (``estat sd, variance post``: as variances and covariances, which [ME] estat
sd allows after mixed) (Stata 15's ``_xtme_estatsd.ado``: equation = level variable, names
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


def to_variance_metric(b: np.ndarray, V: np.ndarray, kinds: list[str],
                       partners: dict[int, tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """``kinds`` as ``to_sd_metric``; a ``lns`` element becomes exp(2 phi_i) (a variance), an
    ``atr`` element i the covariance tanh(phi_i) exp(phi_j + phi_k) with (j, k) =
    ``partners[i]`` the ln sd's of its two effects; V by the delta method (J V J', J the
    Jacobian of the whole map)."""
    b = np.asarray(b, float)
    out = b.copy()
    J = np.eye(len(b))
    for i, k in enumerate(kinds):
        if k == "lns":
            out[i] = np.exp(2 * b[i])
            J[i, i] = 2 * out[i]
        elif k == "atr":
            j, m = partners[i]
            r, s = np.tanh(b[i]), np.exp(b[j] + b[m])
            out[i] = r * s
            J[i, i] = (1 - r * r) * s
            J[i, j] += r * s
            J[i, m] += r * s
    return out, J @ np.asarray(V, float) @ J.T
