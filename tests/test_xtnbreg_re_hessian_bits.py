"""xtnbreg re's Hessian (panel/negative_binomial.re_derivatives) differences the analytic
gradient without its log likelihood and, for ln r and ln s, with the observations' lambda and
psi differences of the point itself (they depend on b alone).  That must give the same bits as
differencing re_loglik_gradient at every point, as it was computed before."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.panel import negative_binomial as nb


def _differenced_gradients(X, y, codes, theta, offset=None):
    ll, g = nb.re_loglik_gradient(X, y, codes, theta, offset)
    p = len(theta)
    H = np.empty((p, p))
    for j in range(p):
        h = 1e-5 * max(1.0, abs(theta[j]))
        up, dn = theta.copy(), theta.copy()
        up[j] += h
        dn[j] -= h
        H[:, j] = (nb.re_loglik_gradient(X, y, codes, up, offset)[1]
                   - nb.re_loglik_gradient(X, y, codes, dn, offset)[1]) / (2 * h)
    return ll, g, (H + H.T) / 2


def _panel(seed, groups=40, size=6, k=3):
    rng = np.random.default_rng(seed)
    codes = np.repeat(np.arange(groups), size)
    X = np.column_stack([rng.normal(size=codes.size) for _ in range(k - 1)] + [np.ones(codes.size)])
    u = rng.gamma(2.0, 0.5, groups)[codes]
    y = rng.poisson(np.exp(X @ np.linspace(0.4, -0.3, k)) * u).astype(float)
    return X, y, codes


@pytest.mark.parametrize("seed, ln_rs, offset", [
    (1, (1.0, 1.0), False),
    (2, (0.3, 2.5), True),
    (3, (9.0, 12.0), False),   # r, s past gamma_differences' LARGE: the Stirling branch
    (4, (-2.0, 0.5), True),
])
def test_the_same_bits_as_differencing_the_full_gradient(seed, ln_rs, offset):
    X, y, codes = _panel(seed)
    theta = np.r_[np.linspace(0.35, -0.25, X.shape[1]), ln_rs]
    off = np.random.default_rng(seed + 10).normal(0, 0.2, len(y)) if offset else None
    ll, g, H = nb.re_derivatives(X, y, codes, theta, off)
    ll0, g0, H0 = _differenced_gradients(X, y, codes, theta, off)
    assert ll == ll0
    assert np.array_equal(g, g0)
    assert np.array_equal(H, H0)
    assert np.all(np.isfinite(H))
