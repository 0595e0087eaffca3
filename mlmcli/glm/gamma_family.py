"""The gamma family's conditional log density (``meglm ..., family(gamma) link(log)``).

Stata's parameterisation ([ME] meglm, [SEM] gsem): mean mu = e^eta, scale s with
ancillary parameter ``logs`` = ln s; y ~ Gamma(shape 1/s, scale s mu), so
E(y) = mu and Var(y) = s mu^2.  With k = 1/s:

    logf = -lnG(k) + k ln k - k eta + (k - 1) ln y - k y e^-eta

    d logf/d eta    = k (y/mu - 1)
    d2 logf/d eta2  = -k y/mu
    d3 logf/d eta3  =  k y/mu
    d logf/d ln s   = -k (ln k + 1 - psi(k) - eta + ln y - y/mu)   (dk/d ln s = -k)

(R's ``Gamma`` family has the same density with dispersion phi = s; lme4's
``sigma()`` of a Gamma fit is sqrt(phi).)
"""
from __future__ import annotations

import numpy as np
from scipy import special as sps


def gamma_logf(y, eta, logs):
    k = np.exp(-logs)
    return -sps.gammaln(k) + k * np.log(k) - k * eta + (k - 1) * np.log(y) - k * y * np.exp(-eta)


def gamma_derivs(y, eta, logs, order):
    k = np.exp(-logs)
    r = y * np.exp(-np.maximum(eta, -700.0))  # y / mu
    return tuple([k * (r - 1), -k * r, k * r][:order])


def gamma_dlogf_dlogs(y, eta, logs):
    k = np.exp(-logs)
    r = y * np.exp(-eta)
    return -k * (np.log(k) + 1 - sps.digamma(k) - eta + np.log(y) - r)


def gamma_logs_start(y, w) -> float:
    """Moment start: s = Var(y)/E(y)^2 (the squared coefficient of variation)."""
    m = np.average(y, weights=w)
    v = np.average((y - m) ** 2, weights=w)
    return float(np.log(max(v / (m * m), 1e-6))) if m > 0 else 0.0
