"""Crossed designs whose second block is factored as a sparse matrix (beyond
``blocked_cholesky.DENSE_LIMIT`` columns): the same fit as the dense factor, with qdldl
when installed and scipy's SuperLU otherwise."""
from __future__ import annotations

import numpy as np
import pytest

import mlmcli.mixed.blocked_cholesky as bc
import mlmcli.mixed.schur_complement as sc
from mlmcli.errors import StataError
from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm


def _crossed(seed=4, n=900, na=150, nb=60):
    rng = np.random.default_rng(seed)
    a = rng.integers(0, na, n)
    b = (a // 3 + rng.integers(0, 4, n)) % nb  # b mostly near a: a sparse Schur complement
    x = rng.normal(size=n)
    y = 1 + 0.4 * x + 0.8 * rng.normal(size=na)[a] + 0.5 * rng.normal(size=nb)[b] + rng.normal(size=n)
    one = np.ones((n, 1))
    terms = (RandomTerm("_all", a, one, ("R.a",), "identity", na),
             RandomTerm("_all", b, one, ("R.b",), "identity", nb))
    return MixedSpec("y", y, np.column_stack([x, np.ones(n)]), (CoefLabel("x"), CoefLabel("_cons")), terms)


@pytest.mark.parametrize("backend", ["qdldl", "superlu"])
def test_sparse_schur_complement_fits_like_the_dense_one(monkeypatch, backend):
    if backend == "qdldl":
        pytest.importorskip("qdldl")
    spec = _crossed()
    dense = fit_mixed(spec)
    monkeypatch.setattr(bc, "DENSE_LIMIT", 10)
    if backend == "superlu":
        monkeypatch.setattr(sc.SparseSchur, "__init__", _without_qdldl(sc.SparseSchur.__init__))
    sparse = fit_mixed(spec)
    assert sparse.model.blocked.sparse and sparse.model.blocked.schur.sparse_schur.backend == backend
    assert sparse.loglik == pytest.approx(dense.loglik, rel=1e-10)
    np.testing.assert_allclose(sparse.beta, dense.beta, rtol=1e-5)
    np.testing.assert_allclose(sparse.phi, dense.phi, rtol=1e-4)
    np.testing.assert_allclose(np.sqrt(np.diag(sparse.V_phi)), np.sqrt(np.diag(dense.V_phi)), rtol=1e-3)
    np.testing.assert_allclose(sparse.V_beta, dense.V_beta, rtol=1e-4)


def _without_qdldl(init):
    def wrapped(self, *a, **k):
        init(self, *a, **k)
        self.backend = "superlu"
    return wrapped


def test_sparse_path_refuses_random_slopes_in_the_second_block(monkeypatch):
    rng = np.random.default_rng(1)
    n = 300
    a, b, x = rng.integers(0, 40, n), rng.integers(0, 20, n), rng.normal(size=n)
    Z = np.column_stack([x, np.ones(n)])
    terms = (RandomTerm("_all", a, np.ones((n, 1)), ("R.a",), "identity", 40),
             RandomTerm("b", b, Z, ("x", "_cons"), "independent", 20))
    spec = MixedSpec("y", rng.normal(size=n), Z.copy(), (CoefLabel("x"), CoefLabel("_cons")), terms)
    monkeypatch.setattr(bc, "DENSE_LIMIT", 5)
    with pytest.raises(StataError) as e:
        fit_mixed(spec)
    assert e.value.rc == 909
