"""Maximum likelihood for a model with one level of random effects whose conditional
distribution is a ``row_families`` family (gllamm's ``thresh()`` ordinal model and its
``link(mlogit)`` on expanded data), in gllamm's parametrisation.

theta = (beta, alpha, c): fixed effects, the family's ancillary parameters, and the Cholesky
entries of the random effects' covariance Sigma = L L' (gllamm's: the diagonal of L, then with
correlated effects L[i,j] for i > j row by row; with one effect the standard deviation).
ln L(theta) is the engine's own (``single_level.SingleLevelModel.group_logliks``): ordinary
Gauss-Hermite quadrature from the prior (``ghermite``, gllamm without ``adapt``) or the
posterior mean and covariance iterated to their fixed point (``mvaghermite``, gllamm's
``adapt``); with no random effects (gllamm's ``init``) the plain sum of the log densities.

It is maximised by quasi-Newton steps (BFGS, its inverse Hessian started at the
finite-difference one) on central-difference gradients (``numdiff``), then Newton-Raphson
steps on the central-difference Hessian at BFGS's end (as ml's ``d0`` evaluator) until
g'(-H)^-1 g < 1e-10 (converged: ml's 1e-5); e(V) is the inverse of minus that Hessian, so it
is in gllamm's metric.  The reported L has a non-negative diagonal (flipping the sign of a
column of L leaves Sigma and ln L unchanged).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import numdiff


def cholesky_factor(entries: np.ndarray, q: int, correlated: bool) -> np.ndarray:
    """L from gllamm's entries (module docstring)."""
    L = np.diag(np.asarray(entries[:q], float))
    if correlated and q > 1:
        L[np.tril_indices(q, -1)] = entries[q:]
    return L


def n_cholesky(q: int, correlated: bool) -> int:
    return q + (q * (q - 1) // 2 if correlated and q > 1 else 0)


class RowFamilyModel:
    """ln L(theta) of ``family`` with fixed design X and, unless ``Z`` is None, random effects
    with design Z (n, q) in groups ``group`` (codes 0..G-1)."""

    def __init__(self, family, X: np.ndarray, Z: np.ndarray | None, group: np.ndarray | None, nip: int,
                 adapt: bool, correlated: bool, w_obs: np.ndarray | None = None):
        self.family = family
        self.w = None if w_obs is None else np.asarray(w_obs, float)  # each record's ll times w (pweights)
        self.X = np.asarray(X, float).reshape(len(X), -1)
        self.p = self.X.shape[1]
        self.m = family.n_anc
        self.q = 0 if Z is None else np.asarray(Z).reshape(len(X), -1).shape[1]
        self.correlated = correlated
        self.n_c = n_cholesky(self.q, correlated) if self.q else 0
        self.k = self.p + self.m + self.n_c
        self.method = "mvaghermite" if adapt else "ghermite"
        self.nip = int(nip)
        self.engine = None
        if self.q:
            from .single_level import SingleLevelModel

            group = np.asarray(group, np.int64)
            self.engine = SingleLevelModel(family, self.X, np.zeros(len(self.X)), self.w, group,
                                           int(group.max()) + 1, np.asarray(Z, float), None)

    def split(self, theta):
        theta = np.asarray(theta, float)
        p, m = self.p, self.m
        return theta[:p], theta[p:p + m], theta[p + m:]

    def factor(self, theta) -> np.ndarray:
        return cholesky_factor(self.split(theta)[2], self.q, self.correlated)

    def positive_diagonal(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(x with L's columns of negative diagonal negated, the signs applied to each parameter)."""
        q, off = self.q, self.p + self.m
        L = self.factor(x)
        col_sign = np.where(np.diag(L) < 0, -1.0, 1.0)
        sign = np.ones(len(x))
        sign[off:off + q] = col_sign
        if self.correlated and q > 1:
            rows, cols = np.tril_indices(q, -1)
            sign[off + q:off + self.n_c] = col_sign[cols]
        return x * sign, sign

    def group_logliks(self, theta) -> np.ndarray:
        """Each group's ln L_j (the random-effects model; -inf entries where it is not finite)."""
        beta, anc, _ = self.split(theta)
        L = self.factor(theta)
        if np.any(np.abs(np.diag(L)) < 1e-150):
            return np.full(self.engine.G, -np.inf)
        Sigma = L @ L.T
        chol = np.linalg.cholesky(Sigma) if self.q > 1 else None
        return np.asarray(self.engine.group_logliks(beta, anc, Sigma, self.method, self.nip, L=chol), float)

    def loglik(self, theta) -> float:
        beta, anc, _ = self.split(theta)
        with np.errstate(all="ignore"):
            try:
                if not self.q:
                    ll = self.family.logf(self.X @ beta, anc)
                    v = float(np.sum(ll if self.w is None else self.w * ll))
                else:
                    v = float(np.sum(self.group_logliks(theta)))
            except (np.linalg.LinAlgError, FloatingPointError, ValueError):
                return -np.inf
        return v if np.isfinite(v) else -np.inf


@dataclass(frozen=True)
class RowFamilyFit:
    theta: np.ndarray
    V: np.ndarray
    loglik: float
    converged: bool
    limit_reached: bool
    steps: tuple  # results.glmm.IterationStep of the Newton-Raphson iterations
    p: int
    m: int
    q: int
    correlated: bool

    @property
    def beta(self) -> np.ndarray:
        return self.theta[:self.p]

    @property
    def anc(self) -> np.ndarray:
        return self.theta[self.p:self.p + self.m]

    def covariance(self) -> np.ndarray:
        """The random effects' Sigma = L L' (q x q)."""
        L = cholesky_factor(self.theta[self.p + self.m:], self.q, self.correlated)
        return L @ L.T


def _steps(x: np.ndarray, scale: float) -> np.ndarray:
    return scale * np.maximum(1.0, np.abs(x))


def fit_row_family(model: RowFamilyModel, start: np.ndarray, iterate: int = 300,
                   on_iteration=None) -> RowFamilyFit:
    """BFGS from ``start`` (its inverse Hessian started at the finite-difference one), then
    Newton-Raphson steps on the Hessian at BFGS's end (module docstring).  ``on_iteration(i,
    loglik)``: each iteration of the log as it is reached."""
    from scipy.optimize import minimize

    from ..glm.newton import newton_direction
    from ..results.glmm import IterationStep

    last: dict = {}

    def f(x):  # BFGS's callback asks again for the point it has just evaluated
        key = np.asarray(x, float).tobytes()
        if key not in last:
            last.clear()
            last[key] = model.loglik(x)
        return last[key]

    # a neighbour where ln L is missing (-inf: an ordinal response's cut points out of order)
    # makes the difference nan, not a floating-point error: the callers treat it as missing
    def grad(x):
        with np.errstate(invalid="ignore"):
            return numdiff.gradient(f, x, _steps(x, 1e-6))

    def hess(x):
        with np.errstate(invalid="ignore"):
            return numdiff.hessian(f, x, _steps(x, 1e-4), richardson=False)

    def descent_gradient(v):  # BFGS's: a missing component is taken as flat (the line search backs off)
        g = grad(v)
        return np.where(np.isfinite(g), -g, 0.0)

    x = np.asarray(start, float).copy()
    f0 = f(x)
    if not np.isfinite(f0):
        raise ValueError("the log likelihood is not finite at the starting values")
    steps: list = []

    def record_value(value: float) -> None:
        steps.append(IterationStep(len(steps), value))
        if on_iteration is not None:
            on_iteration(len(steps) - 1, value)

    record_value(f0)
    limit = False
    if model.k and iterate > 0:
        options = {"maxiter": iterate, "gtol": 1e-2}  # Newton-Raphson finishes
        H0 = hess(x)
        if np.all(np.isfinite(H0)):
            try:
                inv = np.linalg.inv(-(H0 + H0.T) / 2)
                inv = (inv + inv.T) / 2
                np.linalg.cholesky(inv)  # BFGS takes only a positive definite start
                options["hess_inv0"] = inv
            except np.linalg.LinAlgError:
                pass

        def record(xk):
            record_value(f(xk))

        res = minimize(lambda v: -f(v) if np.isfinite(f(v)) else 1e300, x, jac=descent_gradient, method="BFGS",
                       callback=record, options=options)
        if np.isfinite(f(res.x)) and f(res.x) >= f0:
            x = res.x
        limit = len(steps) - 1 >= iterate
    H = hess(x) if model.k else np.zeros((0, 0))
    converged = model.k == 0
    for _ in range(0 if limit or not model.k else 10):
        g = grad(x)
        d, concave = newton_direction(g, H)
        if not concave or not np.all(np.isfinite(d)):
            break
        converged = float(g @ d) < 1e-5  # ml's nrtolerance()
        if float(g @ d) < 1e-10:  # and on to the optimum's last digits
            break
        fx, t = f(x), 1.0
        while not f(x + t * d) >= fx - 1e-12 * abs(fx) and t > 1e-6:
            t *= 0.5
        if not f(x + t * d) >= fx - 1e-12 * abs(fx):
            break
        x = x + t * d
        record_value(f(x))
    if model.q:  # a non-negative diagonal of L: flip the columns whose diagonal is negative
        x, sign = model.positive_diagonal(x)
        H = H * np.outer(sign, sign)
    if not np.all(np.isfinite(H)):  # a neighbour's ln L missing: no curvature there, SEs missing
        V = np.full_like(H, np.nan)
    else:
        try:
            V = np.linalg.inv(-H)
        except np.linalg.LinAlgError:
            V = np.linalg.pinv(-H)
    V = (V + V.T) / 2
    return RowFamilyFit(x, V, float(f(x)), converged, limit, tuple(steps), model.p, model.m, model.q,
                        model.correlated)
