"""The Hessian of the (RE)ML log likelihood in Stata's estimation metric phi (the inverse
of its negative is V(phi^)), by three routes:

- ``phi_hessian_from_theta``: from the Hessian of the profiled deviance in theta
  (Richardson-extrapolated central differences of the analytic gradient) and one reverse
  pass, mapped to phi by the exact chain rule (the default);
- ``phi_hessian``: Richardson-extrapolated central differences of the analytic phi-gradient
  (theta on or next to a bound);
- ``phi_hessian_from_values``: second differences of the log likelihood itself (no reverse
  pass: a sparse Schur complement).

``model`` is a ``likelihood.MixedModel``.
"""
from __future__ import annotations

import numpy as np

from .optimizer import hessian, hessian_from_gradient

def phi_steps(phi: np.ndarray) -> np.ndarray:
    return np.full(len(phi), 1e-3)


def theta_steps(theta: np.ndarray) -> np.ndarray:
    """Central-difference steps of the theta Hessian for the SEs: 1e-3 relative, Richardson-
    extrapolated (truncation O(h^4) ~ 1e-12, rounding ~ 1e-16 / h ~ 1e-13).  The optimizer's
    own Newton Hessian (steps 1e-5, no extrapolation) is rounding-limited at ~1e-6 relative,
    which moved printed SEs in their last digit (oxboys REML var(age): .8318268 for .8318272)."""
    return 1e-3 * np.maximum(np.abs(theta), 0.05)


def phi_hessian_from_theta(model, theta: np.ndarray, phi: np.ndarray, pf) -> np.ndarray | None:
    """Hessian of the (RE)ML log likelihood l in phi from the Hessian of the profiled deviance
    d in theta (Richardson-extrapolated central differences of the analytic theta-gradient),
    or None when theta is on or next to a bound.

    With s = ln sigma_e, l(theta, s) = -(n' (log 2 pi + 2 s) + log|L|^2 [+ log|R_X|^2]
    + r^2(theta) e^-2s) / 2 and d(theta) = -2 l(theta, s^(theta)); at s^ (e^2s = r^2 / n'):
        d2l/ds2 = -2 n',   d2l/ds dtheta = (n' / r^2) g,   g = d r^2 / d theta,
        d2l/dtheta2 = -Hess(d) / 2 - n' / (2 r^4) g g'       (Schur complement undone),
    and at the optimum (zero gradient) Hess_phi(l) = J' Hess_(theta,s)(l) J with
    J = d(theta, s) / d phi, by Richardson-extrapolated differences of the algebraic map
    ``MixedModel.theta_of_phi`` (no likelihood evaluations).  g is one reverse pass with
    the seeds d r^2 / d M~ = v v', d r^2 / d log|L|^2 = 0 (v = (-beta^, 1))."""
    if not np.all(np.isfinite(phi)):
        return None
    steps = theta_steps(theta)
    if np.any(theta - model.lower <= 2 * steps):
        return None
    if np.abs(model.theta_of_phi(phi) - theta).max() > 1e-7 * max(1.0, np.abs(theta).max()):
        return None  # another theta with the same Lambda Lambda' (a reversed column)
    Hd = hessian_from_gradient(lambda t: model.deviance_gradient(t)[1], theta, steps, richardson=True)
    v = np.append(-pf.beta, 1.0)
    pf_r, Y = model.relcov_adjoint(model.lambdas(theta), lambda _: (np.outer(v, v), 0.0))
    if Y is None or not np.all(np.isfinite(Hd)):
        return None
    g = model.theta_gradient(Y)
    dof = model.reduce_n - model.p if model.reml else model.reduce_n
    k = len(theta)
    H = np.empty((k + 1, k + 1))
    H[:k, :k] = -0.5 * Hd - (dof / (2 * pf.r2 ** 2)) * np.outer(g, g)
    H[:k, k] = H[k, :k] = (dof / pf.r2) * g
    H[k, k] = -2 * dof

    def ts(ph):
        return np.append(model.theta_of_phi(ph), ph[-1])

    def jac(h):
        cols = []
        for j in range(len(phi)):
            e = np.zeros(len(phi))
            e[j] = h
            cols.append((ts(phi + e) - ts(phi - e)) / (2 * h))
        return np.array(cols).T

    J = (4 * jac(5e-4) - jac(1e-3)) / 3
    Hphi = J.T @ H @ J
    return 0.5 * (Hphi + Hphi.T)


def phi_hessian_from_values(model, phi: np.ndarray, finite: np.ndarray,
                            loglik: float) -> np.ndarray:
    """Central second differences of the log likelihood itself, steps 5e-3 in ln sd /
    atanh corr units (no reverse pass: crossed designs with a sparse Schur complement);
    relative error ~1e-5 from truncation and rounding."""
    def f(z):
        x = phi.copy()
        x[finite] = z
        return model.loglik_phi(x)

    return hessian(f, phi[finite], np.full(len(finite), 5e-3), loglik)


def phi_hessian(model, phi: np.ndarray, finite: np.ndarray) -> np.ndarray:
    """Hessian of the (RE)ML log likelihood in the finite coordinates of phi: central
    differences of its analytic gradient, Richardson-extrapolated (steps 2e-3 and 1e-3
    in ln sd / atanh corr units: truncation O(h^4) ~ 1e-12 relative)."""
    def grad(z):
        x = phi.copy()
        x[finite] = z
        return model.loglik_phi_gradient(x)[1][finite]

    return hessian_from_gradient(grad, phi[finite], np.full(len(finite), 2e-3), richardson=True)
