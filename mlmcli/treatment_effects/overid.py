"""tebalance overid's number (_tebalance_overid.ado and its logit evaluator, Stata 16 tree): the
over-identification test of covariate balance of Imai and Ratkovic (2014) for a logit treatment
model with two levels.  With p = P(treated | x) = invlogit(x b), t the treated indicator, X the
treatment model's columns (with its constant) and Z the balance columns (the same; bconly: no
interactions), the moment sums are

    S = [ X'(t - p),  Z'r ],  r = t/p - (1 - t)/(1 - p)            (ate)
                              r = Nt t - Nt (1 - t) p/(1 - p)       (atet, Nt = N / N_treated)

and the weight W = [[X'diag(p(1-p))X, X'diag(c)Z], [., Z'diag(v)Z]] with c = 1, v = 1/(p(1-p))
(p(1-p) floored at epsdouble) for ate, c = Nt p, v = Nt^2 p/(1-p) for atet.  J(b) = S W^-1 S'
is minimised over b from the teffects estimates (the ado maximises 1/(J + 1)); chi2 = J there
on rank(W) - rank(W11) degrees of freedom.  Numbers in, numbers out.
"""
from __future__ import annotations

import numpy as np

EPS_DOUBLE = 2.0 ** -52


class OveridError(ValueError):
    """The criterion cannot be computed or minimised."""


def _criterion(b, X, Z, t, atet: bool, nt: float):
    from scipy.special import expit

    p = expit(X @ b)
    if atet:
        r = np.where(t, nt, -nt * p / (1 - p))
        c, v = nt * p, nt * nt * p / (1 - p)
    else:
        r = np.where(t, 1 / p, -1 / (1 - p))
        c, v = np.ones_like(p), 1 / np.maximum(p * (1 - p), EPS_DOUBLE)
    S = np.concatenate([X.T @ (t - p), Z.T @ r])
    w11 = (X * (p * (1 - p))[:, None]).T @ X
    w12 = (X * c[:, None]).T @ Z
    w22 = (Z * v[:, None]).T @ Z
    W = np.block([[w11, w12], [w12.T, w22]])
    return S, W, w11


def overid_test(X: np.ndarray, Z: np.ndarray, treated: np.ndarray, b0: np.ndarray, atet: bool):
    """(chi2, df, b) of the balance test (module docstring)."""
    from scipy.optimize import minimize

    t = np.asarray(treated, bool)
    nt = t.size / t.sum() if atet else 1.0

    def J(b):
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            S, W, _ = _criterion(b, X, Z, t, atet, nt)
            value = float(S @ np.linalg.pinv(W, hermitian=True) @ S)
        return value if np.isfinite(value) else 1e300

    fit = minimize(J, np.asarray(b0, float), method="BFGS", options={"gtol": 1e-10, "maxiter": 2000})
    best = fit.x
    for _ in range(3):  # polish: BFGS from where it stopped
        again = minimize(J, best, method="BFGS", options={"gtol": 1e-12, "maxiter": 2000})
        if again.fun >= J(best) - 1e-14:
            break
        best = again.x
    chi2 = J(best)
    if not np.isfinite(chi2) or chi2 >= 1e300:
        raise OveridError("overidentification statistic cannot be computed")
    _, W, w11 = _criterion(best, X, Z, t, atet, nt)
    df = int(np.linalg.matrix_rank(W) - np.linalg.matrix_rank(w11))
    return chi2, df, best
