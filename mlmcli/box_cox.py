"""Box-Cox regression ([R] boxcox): the likelihood of the transformed depvar regressed on the
untransformed regressors N, the transformed ones T and the constant, concentrated as
boxcox.ado's evaluator concentrates it (beta by least squares, sigma^2 = SSR/N):

    ll = -N/2 (1 + ln 2pi + ln sigma^2) + (theta - 1) sum w ln y

with y(theta) = (y^theta - 1)/theta (ln y at 0), x(lambda) likewise, w the frequency weights
(else 1) and N = sum w.  The models: lhsonly (theta; T empty), rhsonly (lambda; y not
transformed, no Jacobian), lambda (theta = lambda), theta (lambda and theta).  The parameters
are found by Newton-Raphson from 1 (boxcox.ado's ``ml ... technique(nr)`` from init 1;
``mlmcli.glm.newton``: Stata's stopping rule and iteration log) with numerical derivatives, their
variance the inverse of minus the Hessian.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STEP = 1e-4
PARAMETERS = {"lhsonly": ("theta",), "rhsonly": ("lambda",), "lambda": ("lambda",), "theta": ("lambda", "theta")}


@dataclass(frozen=True)
class BoxCoxFit:
    params: np.ndarray   # PARAMETERS[model] order
    V: np.ndarray
    ll: float
    beta: np.ndarray     # untransformed regressors, transformed ones, the constant
    sigma: float
    steps: tuple         # IterationStep records of the Newton log
    converged: bool


def transformed(v: np.ndarray, power: float) -> np.ndarray:
    return np.log(v) if power == 0 else (v ** power - 1) / power


def powers(model: str, p) -> tuple[float | None, float | None]:
    """(theta for y or None, lambda for T or None)."""
    if model == "lhsonly":
        return float(p[0]), None
    if model == "rhsonly":
        return None, float(p[0])
    if model == "lambda":
        return float(p[0]), float(p[0])
    return float(p[1]), float(p[0])


def profile(theta, lam, y, Xn, Xt, w, constant: bool = True) -> tuple[float, np.ndarray, float]:
    """(ll, beta, sigma^2) with y transformed by theta (None: not) and Xt by lam."""
    yt = y if theta is None else transformed(y, theta)
    cols = [Xn] + ([transformed(Xt, lam)] if Xt.shape[1] else []) + ([np.ones((y.size, 1))] if constant else [])
    X = np.column_stack(cols) if cols else np.zeros((y.size, 0))
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(yt))):  # a power past the double range:
        return -np.inf, np.full(X.shape[1], np.nan), np.nan  # ln L missing there (a trial step)
    if X.shape[1]:
        sw = np.sqrt(w)
        beta = np.linalg.lstsq(X * sw[:, None], yt * sw, rcond=None)[0]
        resid = yt - X @ beta
    else:
        beta, resid = np.zeros(0), yt
    N = float(w.sum())
    s2 = float((w * resid ** 2).sum()) / N
    ll = -0.5 * N * (1 + np.log(2 * np.pi) + np.log(s2))
    if theta is not None:
        ll += (theta - 1) * float((w * np.log(y)).sum())
    return ll, beta, s2


def _grad_hess(f, x):
    """Newton's derivatives by central differences (``survival.parametric_frailty``'s)."""
    from mlmcli.survival.parametric_frailty import newton_gradient_hessian

    return newton_gradient_hessian(f, np.asarray(x, float), STEP)


def fit(model: str, y, Xn, Xt, w) -> BoxCoxFit:
    from mlmcli.glm.newton import maximize

    def f(x):
        theta, lam = powers(model, x)
        with np.errstate(all="ignore"):
            value = profile(theta, lam, y, Xn, Xt, w)[0]
        return value if np.isfinite(value) else -np.inf

    start = np.ones(len(PARAMETERS[model]))
    if not np.isfinite(f(start)):  # boxcox.ado's ml init(1) search(off): a perfect fit's ln(0) is missing
        from mlmcli.errors import StataError

        raise StataError("initial values not feasible", 1400)
    res = maximize(f, lambda x: _grad_hess(f, x), start)
    theta, lam = powers(model, res.x)
    with np.errstate(all="ignore"):
        ll, beta, s2 = profile(theta, lam, y, Xn, Xt, w)
    H = _grad_hess(f, res.x)[1]
    try:
        V = np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        V = np.full(H.shape, np.nan)
    return BoxCoxFit(np.asarray(res.x, float), V, ll, beta, float(np.sqrt(s2)), tuple(res.steps),
                     bool(res.converged))
