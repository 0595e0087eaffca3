"""The tnormal frontier's batched likelihood (glm/truncated_frontier.loglik_rows): a cross-section
is n panels of one row, so the panel sums go through a sparse G x n indicator (a dense one is
n^2 doubles: 3.3 GB and 80 s for a 20,000-row `frontier, distribution(tnormal)`), and each row of
a batch is the likelihood at that theta alone."""
from __future__ import annotations

import numpy as np
from scipy import sparse

from mlmcli.glm.truncated_frontier import PanelFrontierData, conditional_moments, loglik, loglik_rows


def _cross_section(n: int) -> PanelFrontierData:
    rng = np.random.default_rng(8)
    x = rng.normal(size=n)
    y = 1 + x + rng.normal(size=n) - np.abs(rng.normal(size=n))
    return PanelFrontierData(y, np.column_stack([x, np.ones(n)]), np.arange(n), 1)


def test_a_cross_section_sums_through_a_sparse_indicator():
    d = _cross_section(30_000)
    assert sparse.issparse(d.panels) and d.panels.shape == (30_000, 30_000) and d.panels.nnz == 30_000
    theta = np.array([1.0, 1.0, 0.1, 0.2, 0.3])
    mu_star, s_star, T, see, denom = conditional_moments(d, theta)
    assert T.shape == (30_000,) and np.all(T == 1)
    e = d.y - d.X @ theta[:2]
    assert np.allclose(see, e * e, rtol=1e-15, atol=0)


def test_each_row_of_a_batch_is_the_likelihood_at_that_theta():
    rng = np.random.default_rng(3)
    n = 60
    groups = np.repeat(np.arange(12), 5)
    x = rng.normal(size=n)
    d = PanelFrontierData(1 + x + rng.normal(size=n), np.column_stack([x, np.ones(n)]), groups, -1,
                          time=np.tile(np.arange(-4.0, 1.0), 12))
    thetas = np.column_stack([1 + 0.1 * rng.normal(size=7), np.ones(7), 0.1 * rng.normal(size=7),
                              0.05 * rng.normal(size=7), rng.normal(size=7), 0.1 * rng.normal(size=7)])
    batch = loglik_rows(d, thetas)
    assert np.allclose(batch, [loglik(d, t) for t in thetas], rtol=1e-13, atol=0)
    assert np.all(np.isfinite(batch))
