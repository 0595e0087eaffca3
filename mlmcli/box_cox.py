"""Box-Cox regression of the left-hand side ([R] boxcox, model(lhsonly)): the likelihood of
y(theta) = (y^theta - 1)/theta (ln y at 0) regressed on the untransformed X, concentrated in
theta as boxcox.ado's evaluator concentrates it (beta by least squares, sigma^2 = SSR/N):

    ll(theta) = -N/2 (1 + ln 2pi + ln sigma^2(theta)) + (theta - 1) sum w ln y

with w the frequency weights (else 1) and N = sum w.  theta is found by Newton-Raphson from 1,
as boxcox.ado's ``ml ... technique(nr) init(1)`` (``mlmcli.glm.newton``: Stata's stopping rule
and its iteration log), its variance -1/ll''(theta).  The restricted fits at theta = -1, 0, 1
are the same likelihood at those values.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STEP = 1e-4


@dataclass(frozen=True)
class BoxCoxFit:
    theta: float
    var_theta: float
    ll: float
    beta: np.ndarray   # the columns of X in order
    sigma: float
    steps: tuple       # IterationStep records of the Newton log
    converged: bool


def transformed(y: np.ndarray, theta: float) -> np.ndarray:
    return np.log(y) if theta == 0 else (y ** theta - 1) / theta


def profile(theta: float, y: np.ndarray, X: np.ndarray, w: np.ndarray) -> tuple[float, np.ndarray, float]:
    """(ll, beta, sigma^2) at theta."""
    yt = transformed(y, theta)
    if X.shape[1]:
        sw = np.sqrt(w)
        beta = np.linalg.lstsq(X * sw[:, None], yt * sw, rcond=None)[0]
        resid = yt - X @ beta
    else:
        beta, resid = np.zeros(0), yt
    N = float(w.sum())
    s2 = float((w * resid ** 2).sum()) / N
    ll = -0.5 * N * (1 + np.log(2 * np.pi) + np.log(s2)) + (theta - 1) * float((w * np.log(y)).sum())
    return ll, beta, s2


def fit_lhs(y: np.ndarray, X: np.ndarray, w: np.ndarray) -> BoxCoxFit:
    from mlmcli.glm.newton import maximize

    def f(x):
        value = profile(float(x[0]), y, X, w)[0]
        return value if np.isfinite(value) else -np.inf

    def grad_hess(x):
        t = float(x[0])
        up, mid, down = f([t + STEP]), f([t]), f([t - STEP])
        return np.array([(up - down) / (2 * STEP)]), np.array([[(up - 2 * mid + down) / STEP ** 2]])

    res = maximize(f, grad_hess, np.array([1.0]))
    theta = float(res.x[0])
    ll, beta, s2 = profile(theta, y, X, w)
    H = grad_hess(res.x)[1][0, 0]
    return BoxCoxFit(theta, -1.0 / H if H < 0 else float("nan"), ll, beta, float(np.sqrt(s2)),
                     tuple(res.steps), bool(res.converged))
