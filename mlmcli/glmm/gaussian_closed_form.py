"""ln L_j of a linear Gaussian one-level model in closed form (``SingleLevelModel.exact_gaussian``):
the value adaptive quadrature reproduces at any number of points, without the nodes."""
from __future__ import annotations

import numpy as np

from .quadrature import LOG_2PI


def gaussian_logliks(eng, beta, anc, Sigma) -> np.ndarray:
    """ln L_j of y_j ~ N(X_j beta, Z_j Sigma Z_j' + s2 I) by Woodbury:
    M = s2 Sigma^-1 + Z'Z, ln det V = n ln s2 + ln det Sigma + ln det M - q ln s2,
    r'V^-1 r = (r'r - r'Z M^-1 Z'r) / s2."""
    q = eng.q
    s2 = float(np.exp(2.0 * anc[0]))
    r = eng.family.y - eng.eta0(beta)
    rr = eng.gsum(r * r)
    Zr = eng.gsum(eng.Z0 * r[:, None])  # (G, q)
    M = s2 * np.linalg.inv(Sigma)[None, :, :] + eng.group_ztz()
    Lm = np.sqrt(M) if q == 1 else np.linalg.cholesky(M)  # M is positive definite
    sol = np.linalg.solve(M, Zr[:, :, None])[:, :, 0]
    quad = (rr - np.einsum("ga,ga->g", Zr, sol)) / s2
    logdet_m = np.log(Lm.diagonal(axis1=-2, axis2=-1)).sum(axis=-1)
    logdet_v = (eng.counts - q) * np.log(s2) + float(np.linalg.slogdet(Sigma)[1]) + 2.0 * logdet_m
    return -0.5 * (eng.counts * LOG_2PI + logdet_v + quad)
