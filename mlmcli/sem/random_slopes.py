"""Gaussian equations sharing random intercepts and slopes at one level (gsem's
``(y <- x M1[g] c.x#S[g]) (x <- w M2[g])``), by maximum likelihood.

Row i of cluster c, equation k: y_ik = x_ik b_k + z_ik u_c + e_ik, with z_ik[j] = 1 for a
random intercept j of equation k, the observed value of v for a slope ``c.v#L_j[g]`` of
equation k, and 0 otherwise; u_c ~ N(0, Sigma), e_ik ~ N(0, s2_k) independent.  A regressor
or slope variable may be an earlier equation's response: given the observed values the map
e -> y is triangular with unit Jacobian, so the density of the cluster's stacked responses is
the normal density with mean X b and covariance Z Sigma Z' + D (dense, n_c m square),
computed for all clusters of one size at once.  The parameters, their transformation and the
maximiser are random_intercepts' (this data object supplies the cluster log likelihood).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.sem import random_intercepts as ri


@dataclass(frozen=True)
class RandomSlopeData:
    """The estimation sample sorted by cluster; ``Z``: n x m x q loadings of the rows."""

    Y: np.ndarray
    X: tuple
    Z: np.ndarray
    starts: np.ndarray
    sizes: np.ndarray
    independent: bool = False
    by_size: dict = field(default_factory=dict)  # size -> row indices (clusters x size)

    n_coef = ri.RandomInterceptData.n_coef
    pairs = ri.RandomInterceptData.pairs

    @property
    def q(self) -> int:
        return self.Z.shape[2]

    @property
    def m(self) -> int:
        return self.Y.shape[1]

    def cluster_loglik(self, phi) -> np.ndarray:
        """Each cluster's log likelihood (complex phi allowed: complex-step derivatives)."""
        betas, Sigma, s2 = ri.unpack(phi, self)
        R = np.column_stack([self.Y[:, k] - ri.real_times(self.X[k], betas[k]) for k in range(self.m)])
        out = np.empty(len(self.sizes), dtype=R.dtype)
        m, q = self.m, self.q
        for size, (clusters, rows) in self.by_size.items():
            Zg = self.Z[rows].reshape(len(clusters), size * m, q)
            V = Zg @ Sigma @ np.swapaxes(Zg, 1, 2)
            d = np.tile(s2, size)
            V = V + np.einsum("ij,j->ij", np.eye(size * m), d)[None, :, :]
            r = R[rows].reshape(len(clusters), size * m)
            quad = np.einsum("ci,ci->c", r, np.linalg.solve(V, r[:, :, None])[:, :, 0])
            out[clusters] = -0.5 * (size * m * ri.LOG_2PI + np.log(np.linalg.det(V)) + quad)
        return out


def sort_by_cluster(Y, X, Z, groups, independent: bool = False):
    """RandomSlopeData over rows sorted by group code, and the sort order."""
    order = np.argsort(groups, kind="stable")
    g = groups[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    sizes = np.diff(np.r_[starts, len(g)])
    by_size = {}
    for size in np.unique(sizes):
        clusters = np.flatnonzero(sizes == size)
        by_size[int(size)] = (clusters, (starts[clusters][:, None] + np.arange(size)[None, :]).ravel())
    data = RandomSlopeData(Y[order], tuple(x[order] for x in X), np.asarray(Z, float)[order], starts, sizes,
                           independent, by_size)
    return data, order
