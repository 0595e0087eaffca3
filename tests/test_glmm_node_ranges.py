"""A single large group at many quadrature nodes (``_all:`` with several random effects) is
evaluated in ranges of nodes, so its n x K temporaries stay bounded; the blocked sums equal the
unblocked ones."""
from __future__ import annotations

import numpy as np

from mlmcli.glm.family import Family
from mlmcli.glmm import single_level
from mlmcli.glmm.single_level import CHUNK_ELEMENTS, SingleLevelModel, node_ranges


def test_node_ranges_cover_the_nodes_once():
    assert node_ranges(49, 100) == [(0, 49)]
    ranges = node_ranges(7 ** 6, 180)
    assert ranges[0][0] == 0 and ranges[-1][1] == 7 ** 6
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert max(180 * (k1 - k0) for k0, k1 in ranges) <= CHUNK_ELEMENTS


def _one_group_model(n=60, q=3, seed=1):
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(n, q))
    y = rng.poisson(2.0, size=n).astype(float)
    X = np.ones((n, 1))
    fam = Family("poisson", "log", y)
    return SingleLevelModel(fam, X, np.zeros(n), None, np.zeros(n, int), 1, Z, None), rng


def test_blocked_node_sums_equal_unblocked(monkeypatch):
    eng, rng = _one_group_model()
    K = 343
    B = rng.normal(scale=0.3, size=(1, K, eng.q))
    eta0 = np.full(eng.X.shape[0], 0.5)
    P = rng.random((1, K))
    whole_ll = eng.node_logliks(eta0, None, B)
    whole_obs, whole_z = eng.node_score_sums(eta0, None, B, [P])
    monkeypatch.setattr(single_level, "CHUNK_ELEMENTS", 256)  # 60 rows: ranges of 4 nodes
    assert len(node_ranges(K, 60)) > 1
    eng._chunks.clear()
    np.testing.assert_array_equal(eng.node_logliks(eta0, None, B), whole_ll)
    obs, z = eng.node_score_sums(eta0, None, B, [P])
    np.testing.assert_array_equal(z, whole_z)
    np.testing.assert_allclose(obs, whole_obs, rtol=1e-12)
