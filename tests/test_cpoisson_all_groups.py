"""xtpoisson, fe's conditional likelihood over every group at once (cpoisson_derivatives) equals
the per-group sum it replaced (written out here) for groups of any size, counts and scales."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.special import gammaln

from mlmcli.conditional_likelihood import cpoisson_derivatives, group_index


def per_group(X, y, groups, b):
    eta = X @ b
    ll, score, hess = 0.0, np.zeros(X.shape[1]), np.zeros((X.shape[1],) * 2)
    for s, e in zip(groups.starts[:-1], groups.starts[1:]):
        rows = groups.order[s:e]
        Xg, yg, eg = X[rows], y[rows], eta[rows]
        Y = yg.sum()
        pw = np.exp(eg - eg.max())
        p = pw / pw.sum()
        ll += float(gammaln(Y + 1) - gammaln(yg + 1).sum() + yg @ np.log(p))
        xbar = p @ Xg
        score += yg @ Xg - Y * xbar
        D = Xg - xbar
        hess -= Y * (D.T @ (D * p[:, None]))
    return ll, score, hess


@pytest.mark.parametrize("p, scale, n_groups", [(1, 1.0, 1), (2, 1.0, 50), (4, 0.01, 120), (3, 12.0, 80)])
def test_all_groups_at_once_as_the_per_group_sum(p, scale, n_groups):
    rng = np.random.default_rng(p * 7 + n_groups)
    codes = rng.integers(0, n_groups, size=n_groups * 6)
    codes[:n_groups] = np.arange(n_groups)  # every group present, rows scattered
    X = rng.normal(scale=scale, size=(codes.size, p))
    b = rng.normal(size=p) / max(scale, 1.0)
    y = rng.poisson(2.0, size=codes.size).astype(float)
    y[:n_groups] += 1.0  # each group's total above zero, as the estimation sample keeps them
    groups = group_index(codes)
    got, want = cpoisson_derivatives(X, y, groups, b), per_group(X, y, groups, b)
    np.testing.assert_allclose(got[0], want[0], rtol=1e-12)
    np.testing.assert_allclose(got[1], want[1], rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(got[2], want[2], rtol=1e-10, atol=1e-10)
