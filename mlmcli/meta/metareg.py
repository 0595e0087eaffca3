"""The numbers of ``metareg`` (Roger Harbord's SSC meta-regression, metareg.ado 2.6.1), from
its ado-file: the between-study variance by REML (the default; the REML log likelihood
-(sum r2/v + log v + log det X'V^-1X)/2 maximised, negative values truncated at 0), the
method of moments (its DerSimonian-Laird form (Q - df)/(sum w - tr(WX(X'WX)^-1X'W))) or
metareg's empirical Bayes iteration; weighted least squares with weights 1/(v + tau2) and
variance (X'WX)^-1, multiplied by Knapp and Hartung's max(1, q), q = sum r2/(v+tau2) / df, unless
z; Q and its df from the fixed-effect fit; I2_res = max((Q-df)/Q, 0); tau2 of the
constant-only model for the "proportion explained" when there are covariates and a constant.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.meta.estimators import cochran_q, estimate_tau2, wls


@dataclass(frozen=True)
class Metareg:
    b: np.ndarray
    V: np.ndarray
    tau2: float
    Q: float
    df_Q: int
    I2: float
    q_KH: float | None
    remll: float | None
    remll_c: float | None
    tau2_0: float | None
    converged: bool = True


def reml_loglik(y, v, X, tau2: float) -> float:
    """metareg_ll: -1/2 (sum r_i^2/v_i + log v_i + log det X'V^-1X), v_i = s_i^2 + tau2."""
    vt = np.asarray(v, float) + tau2
    w = 1.0 / vt
    if X.shape[1] == 0:
        r = y
        logdet = 0.0
    else:
        b, inv, _ = wls(X, y, w)
        r = y - X @ b
        logdet = float(np.linalg.slogdet((X.T * w) @ X)[1])
    return -0.5 * (float(np.sum(r * r / vt + np.log(vt))) + logdet)


def _empirical_bayes(y, v, X, start: float, tolerance: float, iterate: int) -> tuple[float, bool]:
    """metareg's EB loop: tau2 = sum w_i ((N/df_r) e_i^2 - v_i) / sum w_i with w = 1/(v + tau2)
    and e the residuals of the weighted regression, until the relative change < tolerance."""
    tau2, old = start, -1.0
    K, p = X.shape
    for _ in range(max(iterate, 1) * 100):
        if abs((tau2 - old) / (old + 1e-8)) < tolerance:
            return max(tau2, 0.0), True
        old = tau2
        w = 1.0 / (v + tau2)
        b, _, _ = wls(X, y, w)
        e = y - X @ b
        tau2 = float(np.sum(w * ((K / (K - p)) * e * e - v)) / np.sum(w))
    return max(tau2, 0.0), False


def metareg(y, v, X, method: str = "reml", knapp_hartung: bool = True, constant: bool = True,
            tolerance: float = 1e-6, iterate: int = 100) -> Metareg:
    """X: the covariates then, with a constant, a last column of ones."""
    y = np.asarray(y, float)
    v = np.asarray(v, float)
    X = np.asarray(X, float)
    K, p = X.shape
    Q = cochran_q(y, v, X)
    df_Q = K - p
    mm = estimate_tau2(y, v, X, "dlaird").value  # DerSimonian-Laird form, truncated at zero
    converged = True
    remll = remll_c = None
    if method == "mm":
        tau2 = mm
    elif method == "eb":
        tau2, converged = _empirical_bayes(y, v, X, mm, tolerance, iterate)
    else:
        fit = estimate_tau2(y, v, X, "reml")
        tau2, converged = fit.value, fit.converged
        remll_c = reml_loglik(y, v, X, 0.0)
        remll = reml_loglik(y, v, X, tau2) if tau2 > 0 else remll_c
    w = 1.0 / (v + tau2)
    b, inv, _ = wls(X, y, w)
    V = inv
    q_kh = None
    if knapp_hartung:
        r = y - X @ b
        q_kh = float(np.sum(r * r * w)) / df_Q
        V = inv * max(1.0, q_kh)
    tau2_0 = None
    if constant and p > 1:
        tau2_0 = metareg(y, v, np.ones((K, 1)), method, knapp_hartung, True, tolerance, iterate).tau2
    I2 = max((Q - df_Q) / Q, 0.0) if Q > 0 else 0.0
    return Metareg(b=b, V=(V + V.T) / 2, tau2=float(tau2), Q=Q, df_Q=df_Q, I2=I2, q_KH=q_kh, remll=remll,
                   remll_c=remll_c, tau2_0=tau2_0, converged=converged)
