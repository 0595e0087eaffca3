"""Meta-regression ([META] meta regress, Methods and formulas): weighted least squares of the
effect sizes on moderators with weights 1/(v + tau2), tau2 by the random-effects methods of
``estimators`` (0 for the fixed-effects model); the Knapp-Hartung variance (its multiplier
y'Py/(K-p)) with t and F tests; residual heterogeneity Q_res, I2_res, H2_res and R2 (the share
of the intercept-only model's tau2 the moderators explain)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.meta.estimators import cochran_q, wls, estimate_tau2


@dataclass(frozen=True)
class MetaRegression:
    b: np.ndarray
    V: np.ndarray
    tau2: float
    K: int
    p: int
    Q_res: float
    I2: float
    H2: float
    R2: float
    model: str
    method: str
    se_method: str
    iterations: int = 0
    converged: bool = True


def residual_typical_variance(v, X) -> float:
    _, _, P = wls(X, np.zeros(len(v)), 1.0 / v)
    return (X.shape[0] - X.shape[1]) / float(np.trace(P))


def meta_regress(y, v, X, model: str = "random", method: str = "reml", se_method: str = "",
                 tau2: float | None = None) -> MetaRegression:
    """X holds the moderators and, last, the constant (Stata's order)."""
    y = np.asarray(y, float)
    v = np.asarray(v, float)
    X = np.asarray(X, float)
    K, p = X.shape
    Q_res = cochran_q(y, v, X)
    iterations, converged = 0, True
    if model == "random":
        if tau2 is None:
            fit = estimate_tau2(y, v, X, method)
            tau2, iterations, converged = fit.value, fit.iterations, fit.converged
        s2 = residual_typical_variance(v, X)
        I2, H2 = 100 * tau2 / (tau2 + s2), (tau2 + s2) / s2
        has_constant = np.any(np.all(X == 1, axis=0))
        if p > 1 and has_constant:
            tau2_0 = estimate_tau2(y, v, None, method).value
            R2 = 100 * max(0.0, (tau2_0 - tau2) / tau2_0) if tau2_0 > 0 else 0.0
        else:
            R2 = float("nan")
    else:
        tau2 = 0.0
        df = K - p
        I2 = 100 * max(0.0, (Q_res - df) / Q_res) if Q_res > 0 else 0.0
        H2 = Q_res / df if df > 0 else float("nan")
        R2 = float("nan")
    w = 1.0 / (v + tau2)
    b, inv, P = wls(X, y, w)
    V = inv
    if se_method == "khartung":
        V = inv * float(y @ P @ y) / (K - p)
    return MetaRegression(b=b, V=V, tau2=float(tau2), K=K, p=p, Q_res=Q_res, I2=I2, H2=H2, R2=R2,
                          model=model, method=method, se_method=se_method, iterations=iterations,
                          converged=converged)
