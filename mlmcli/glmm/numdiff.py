"""Finite-difference derivatives of a smooth scalar (or vector) function.

gradient: central differences, f'(x) ~ (f(x+h) - f(x-h)) / 2h (error O(h^2)).
hessian: central second differences
    H_ii ~ (f(x+h_i) - 2 f(x) + f(x-h_i)) / h_i^2,
    H_ij ~ (f(x+h_i+h_j) - f(x+h_i-h_j) - f(x-h_i+h_j) + f(x-h_i-h_j)) / (4 h_i h_j),
with one Richardson step, H = (4 H(h/2) - H(h)) / 3 (error O(h^4)), as numDeriv's
Richardson Hessian does.  ``jacobian_of_gradient``: the symmetrised central
differences of an analytic gradient (error O(h^2)), optionally Richardson-extrapolated.
``settled_jacobian_of_gradient``: the same with its steps halved until they stop mattering.
``hessian_from_gradient_rows``: rows of the gradient the caller trusts from its central
differences, the rest (a small block) from the Richardson Hessian of the values.
"""
from __future__ import annotations

import numpy as np


def gradient(f, x: np.ndarray, h: np.ndarray, f0=None) -> np.ndarray:
    x = np.asarray(x, float)
    g = []
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = h[i]
        g.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h[i]))
    return np.array(g)


def _hessian_once(f, x, h, f0):
    k = len(x)
    H = np.zeros((k, k))
    fp = np.zeros(k)
    fm = np.zeros(k)
    for i in range(k):
        e = np.zeros(k)
        e[i] = h[i]
        fp[i], fm[i] = f(x + e), f(x - e)
        H[i, i] = (fp[i] - 2 * f0 + fm[i]) / h[i] ** 2
    for i in range(k):
        for j in range(i + 1, k):
            ei = np.zeros(k)
            ej = np.zeros(k)
            ei[i] = h[i]
            ej[j] = h[j]
            v = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h[i] * h[j])
            H[i, j] = H[j, i] = v
    return H


def hessian(f, x: np.ndarray, h: np.ndarray, f0: float | None = None, richardson: bool = True) -> np.ndarray:
    x = np.asarray(x, float)
    h = np.asarray(h, float)
    f0 = f(x) if f0 is None else f0
    H1 = _hessian_once(f, x, h, f0)
    if not richardson:
        return H1
    H2 = _hessian_once(f, x, h / 2, f0)
    return (4 * H2 - H1) / 3


def forward_jacobian_of_gradient(grad, x: np.ndarray, h: np.ndarray, g0: np.ndarray) -> np.ndarray:
    """Symmetrised forward differences (g(x + h e_i) - g(x)) / h_i: k gradients, O(h) error
    (a starting Hessian for a quasi-Newton search needs no more)."""
    x = np.asarray(x, float)
    k = len(x)
    J = np.zeros((k, k))
    for i in range(k):
        e = np.zeros(k)
        e[i] = h[i]
        J[:, i] = (grad(x + e) - g0) / h[i]
    return 0.5 * (J + J.T)


def jacobian_of_gradient(grad, x: np.ndarray, h: np.ndarray, richardson: bool = False) -> np.ndarray:
    x = np.asarray(x, float)
    h = np.asarray(h, float)

    def once(hh):
        k = len(x)
        J = np.zeros((k, k))
        for i in range(k):
            e = np.zeros(k)
            e[i] = hh[i]
            J[:, i] = (grad(x + e) - grad(x - e)) / (2 * hh[i])
        return 0.5 * (J + J.T)

    J1 = once(h)
    if not richardson:
        return J1
    return (4 * once(h / 2) - J1) / 3


def _standard_errors(H: np.ndarray) -> np.ndarray | None:
    """sqrt diag (-H)^-1, or None when -H is not positive definite."""
    try:
        C = np.linalg.cholesky(-H)
    except np.linalg.LinAlgError:
        return None
    Ci = np.linalg.inv(C)
    return np.sqrt(np.sum(Ci * Ci, axis=0))


def _difference_columns(grad, x, h, cols, out):
    """out[:, i] = (grad(x + h_i e_i) - grad(x - h_i e_i)) / 2 h_i for i in ``cols``."""
    for i in cols:
        e = np.zeros(len(x))
        e[i] = h[i]
        out[:, i] = (grad(x + e) - grad(x - e)) / (2 * h[i])
    return out


def settled_jacobian_of_gradient(grad, x: np.ndarray, h: np.ndarray, check=None, rtol: float = 1e-6,
                                 halvings: int = 8, extrapolate: bool = False) -> np.ndarray:
    """``jacobian_of_gradient`` J(h) (bit for bit) when the columns ``check`` (default all)
    differenced at h/2 give the same standard errors (to ``rtol``, both negative definite).
    Otherwise those columns' steps are halved and the Richardson extrapolates
    (4 J(h/2^k) - J(h/2^(k-1))) / 3 of successive steps are compared until two give the same
    standard errors (to ``rtol``); the last is returned.  A log likelihood far from quadratic
    over SE-sized steps (a variance on a ridge towards a correlation of +/-1, where the
    curvature changes sign within the steps) makes J(h) indefinite or its SEs wrong in their
    leading digits; the variance parameters are where that happens, so only their columns
    are checked (2 gradients each).  ``rtol`` sits above the differences' rounding noise (an
    ordinal fit's J(h), J(h/2), J(h/4) differ by 1e-7-3e-7 in no order: noise, not
    truncation) and far below a ridge's disagreement.  ``extrapolate``: when J(h) and J(h/2)
    agree, return their Richardson extrapolate (4 J(h/2) - J(h)) / 3 instead of J(h) (no
    further gradients; the checked columns' O(h^2) truncation, up to ``rtol`` in the SEs, gone)."""
    x = np.asarray(x, float)
    h = np.asarray(h, float)
    k = len(x)
    cols = list(range(k)) if check is None else sorted(check)
    raw = _difference_columns(grad, x, h, range(k), np.zeros((k, k)))
    J1 = 0.5 * (raw + raw.T)
    if not cols:
        return J1
    raw2 = _difference_columns(grad, x, h / 2, cols, raw.copy())
    J2 = 0.5 * (raw2 + raw2.T)
    se1, se2 = _standard_errors(J1), _standard_errors(J2)
    R = (4 * J2 - J1) / 3
    if se1 is not None and se2 is not None and np.max(np.abs(se1 / se2 - 1.0)) < rtol:
        return R if extrapolate else J1
    se_r = _standard_errors(R)
    for j in range(2, halvings + 1):
        J1, raw2 = J2, _difference_columns(grad, x, h / 2 ** j, cols, raw2.copy())
        J2 = 0.5 * (raw2 + raw2.T)
        Rn = (4 * J2 - J1) / 3
        se_n = _standard_errors(Rn)
        if se_r is not None and se_n is not None and np.max(np.abs(se_r / se_n - 1.0)) < rtol:
            return Rn
        R, se_r = Rn, se_n
    return R


def hessian_from_gradient_rows(grad, f, x: np.ndarray, trusted: np.ndarray, h_grad: np.ndarray,
                               h_value: np.ndarray, f0: float | None = None) -> np.ndarray:
    """The Hessian where only the ``trusted`` components of ``grad`` keep their digits: those
    rows (and, by symmetry, columns) are central differences of the gradient (2k gradients), the
    block of the others the Richardson Hessian of the values in their coordinates alone --
    ~8 u^2 values for u untrusted components instead of ~8 k^2 for all k."""
    x = np.asarray(x, float)
    k = len(x)
    R = np.asarray(trusted, bool)
    U = ~R
    J = np.zeros((int(R.sum()), k))  # d grad_R / d x_j
    for j in range(k):
        e = np.zeros(k)
        e[j] = h_grad[j]
        J[:, j] = (grad(x + e)[R] - grad(x - e)[R]) / (2 * h_grad[j])
    H = np.zeros((k, k))
    H[np.ix_(R, R)] = 0.5 * (J[:, R] + J[:, R].T)
    H[np.ix_(R, U)] = J[:, U]
    H[np.ix_(U, R)] = J[:, U].T
    iu = np.flatnonzero(U)
    if len(iu):
        def f_u(y):
            z = x.copy()
            z[iu] = y
            return f(z)
        H[np.ix_(U, U)] = hessian(f_u, x[iu], np.asarray(h_value, float)[iu], f0, richardson=True)
    return H
