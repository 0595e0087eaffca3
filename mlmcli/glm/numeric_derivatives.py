"""Numerical first and second derivatives for ``ml``'s derivative-free methods (lf, lf0, d0;
lf1 and d1 difference their analytic gradient with ``difference_steps``).

Central differences: first derivatives with the step 1e-5 (|x| + 1), second derivatives with
1e-4 (|x| + 1) -- near the optimal steps eps^(1/3) and eps^(1/4) for double precision, so
the gradient is right to about 1e-10 and the Hessian to about 1e-8 relative (ml's own steps
differ; the printed digits do not).  Steps are rounded so that x + h - x == h exactly.

``linear_form_derivatives``: the lf method's derivatives of each observation's log
likelihood with respect to its linear predictors theta_1 ... theta_K (N x K and N x K x K), from
which the chain rule gives g = sum_i w_i d_ik x_i and H.  ``vector_derivatives``: a function of
the parameter vector b returning one value per observation (lf0) or a single value (d0), its
Jacobian and the Hessian of its sum.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

FIRST_STEP = 1e-5
SECOND_STEP = 1e-4


def difference_steps(x: np.ndarray, scale: float) -> np.ndarray:
    h = scale * (np.abs(x) + 1.0)
    return (x + h) - x


def linear_form_derivatives(ll_obs: Callable[[np.ndarray], np.ndarray], thetas: np.ndarray):
    """(l, d1, d2) of ``ll_obs`` (N x K thetas -> N values) at ``thetas``: l (N), d1 (N x K),
    d2 (N x K x K).  Values are NaN where the evaluator returned missing."""
    thetas = np.asarray(thetas, float)
    n, k = thetas.shape
    l0 = ll_obs(thetas)
    d1 = np.empty((n, k))
    d2 = np.empty((n, k, k))
    h1 = difference_steps(thetas, FIRST_STEP)
    h2 = difference_steps(thetas, SECOND_STEP)

    def at(shifts):
        t = thetas.copy()
        for j, h in shifts:
            t[:, j] += h
        return ll_obs(t)

    with np.errstate(over="ignore", invalid="ignore"):  # steps near 1e300 square past the range: nan
        return _linear_form_differences(at, l0, d1, d2, h1, h2, k)


def _linear_form_differences(at, l0, d1, d2, h1, h2, k):
    for j in range(k):
        d1[:, j] = (at([(j, h1[:, j])]) - at([(j, -h1[:, j])])) / (2 * h1[:, j])
        d2[:, j, j] = (at([(j, h2[:, j])]) - 2 * l0 + at([(j, -h2[:, j])])) / h2[:, j] ** 2
    for j in range(k):
        for m in range(j + 1, k):
            a, c = h2[:, j], h2[:, m]
            cross = (at([(j, a), (m, c)]) - at([(j, a), (m, -c)]) - at([(j, -a), (m, c)])
                     + at([(j, -a), (m, -c)])) / (4 * a * c)
            d2[:, j, m] = d2[:, m, j] = cross
    return l0, d1, d2


def vector_derivatives(f: Callable[[np.ndarray], np.ndarray], b: np.ndarray):
    """(f0, J, H) of ``f`` (b -> N values, N >= 1) at ``b``: f0 (N), J (N x p) the Jacobian,
    H (p x p) the Hessian of sum(f)."""
    b = np.asarray(b, float)
    p = b.size
    f0 = np.atleast_1d(np.asarray(f(b), float))
    J = np.empty((f0.size, p))
    H = np.empty((p, p))
    h1 = difference_steps(b, FIRST_STEP)
    h2 = difference_steps(b, SECOND_STEP)

    def at(shifts):
        x = b.copy()
        for j, h in shifts:
            x[j] += h
        return np.atleast_1d(np.asarray(f(x), float))

    with np.errstate(invalid="ignore", over="ignore"):  # a missing neighbour: nan, the caller's to judge
        return _vector_differences(at, f0, J, H, h1, h2, p)


def _vector_differences(at, f0, J, H, h1, h2, p):
    total = float(np.sum(f0))
    for j in range(p):
        J[:, j] = (at([(j, h1[j])]) - at([(j, -h1[j])])) / (2 * h1[j])
        H[j, j] = (np.sum(at([(j, h2[j])])) - 2 * total + np.sum(at([(j, -h2[j])]))) / h2[j] ** 2
    for j in range(p):
        for m in range(j + 1, p):
            a, c = h2[j], h2[m]
            H[j, m] = H[m, j] = (np.sum(at([(j, a), (m, c)])) - np.sum(at([(j, a), (m, -c)]))
                                 - np.sum(at([(j, -a), (m, c)])) + np.sum(at([(j, -a), (m, -c)]))) / (4 * a * c)
    return f0, J, H
