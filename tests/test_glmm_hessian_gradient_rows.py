"""numdiff.hessian_from_gradient_rows: the Hessian at a correlation of +/-1 (glmm/optimize.py's
accurate_hessian past ANALYTIC_ATANH) takes the rows of the gradient components it trusts from
their central differences and the block of the others from the values, never the untrusted
components themselves."""
from __future__ import annotations

import numpy as np

from mlmcli.glmm import numdiff


def _problem():
    rng = np.random.default_rng(7)
    A = rng.normal(size=(5, 5))
    A = -(A @ A.T) - 5 * np.eye(5)

    def f(x):  # a smooth non-quadratic function with a known Hessian
        return 0.5 * x @ A @ x + np.sum(np.sin(x)) + x[0] * x[3] ** 2

    def exact_hessian(x):
        H = A - np.diag(np.sin(x))
        H[3, 3] += 2 * x[0]
        H[0, 3] += 2 * x[3]
        H[3, 0] += 2 * x[3]
        return H

    def grad(x):  # exact, except components 3 and 4 carry garbage (as the ln sd components did)
        g = A @ x + np.cos(x)
        g[0] += x[3] ** 2
        g[3] = 1e3 * np.sin(40 * x[3]) + 7.0
        g[4] = np.nan
        return g

    return f, grad, exact_hessian


def test_rows_from_the_trusted_gradient_block_from_the_values():
    f, grad, exact = _problem()
    x = np.array([0.3, -0.2, 0.5, 0.7, -0.4])
    trusted = np.array([True, True, True, False, False])
    h = np.full(5, 1e-4)
    H = numdiff.hessian_from_gradient_rows(grad, f, x, trusted, h, np.full(5, 1e-2), f(x))
    assert np.all(np.isfinite(H)) and np.allclose(H, H.T)
    assert np.allclose(H, exact(x), rtol=0, atol=1e-6)
    # the untrusted block is the values' Richardson Hessian, entry for entry
    full = numdiff.hessian(f, x, np.full(5, 1e-2), f(x), richardson=True)
    assert np.array_equal(H[3:, 3:], full[3:, 3:])
