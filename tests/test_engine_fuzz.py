"""Random small models never crash the engine: a fit, its tables, e(), BLUPs and
fitted values either work or raise StataError, and emit no Python warnings."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from mlmcli.errors import StataError
from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm

COVS = ["identity", "independent", "exchangeable", "unstructured"]


def random_spec(seed: int) -> MixedSpec:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 60))
    g1 = np.unique(rng.integers(0, int(rng.integers(1, 8)), n), return_inverse=True)[1].ravel()
    G1 = int(g1.max()) + 1
    x = rng.normal(size=n) * rng.choice([1, 100, 0.01])
    y = rng.normal(size=n) + (rng.normal(size=G1)[g1] if rng.random() < 0.7 else 0) + x * rng.random()
    if rng.random() < 0.05:
        y = np.round(y)
    if rng.random() < 0.8:
        X, labels = np.column_stack([x, np.ones(n)]), (CoefLabel("x"), CoefLabel("_cons"))
    else:
        X, labels = np.ones((n, 1)), (CoefLabel("_cons"),)
    if rng.random() < 0.5:
        Z, names = np.ones((n, 1)), ("_cons",)
    else:
        Z, names = np.column_stack([x, np.ones(n)]), ("x", "_cons")
    terms = [RandomTerm("a", g1, Z, names, str(rng.choice(COVS)), G1)]
    kind = rng.integers(0, 3)
    if kind == 1:
        g2 = np.unique(g1 * 3 + rng.integers(0, 3, n), return_inverse=True)[1].ravel()
        terms.append(RandomTerm("b", g2, np.ones((n, 1)), ("_cons",), "identity", int(g2.max()) + 1))
    elif kind == 2:
        g2 = np.unique(rng.integers(0, 4, n), return_inverse=True)[1].ravel()
        terms = [RandomTerm("_all", g1, np.ones((n, 1)), ("R.a",), "identity", G1),
                 RandomTerm("_all", g2, np.ones((n, 1)), ("R.b",), "identity", int(g2.max()) + 1)]
    method = str(rng.choice(["ML", "REML"]))
    kw = {}
    r = rng.random()
    if r < 0.2:
        kw = dict(fweight=rng.integers(1, 4, n).astype(float))
    elif r < 0.35 and method == "ML":
        kw = dict(pweight=rng.uniform(0.5, 3, n), pwscale=str(rng.choice(["size", "effective", "gk"])))
    elif r < 0.45 and method == "ML":
        kw = dict(vce="robust")
    return MixedSpec("y", y, X, labels, tuple(terms), method=method, **kw)


@pytest.mark.parametrize("block", range(4))
def test_random_models_work_or_raise_stata_errors(block):
    for seed in range(block * 15, block * 15 + 15):
        spec = random_spec(seed)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                fit = fit_mixed(spec)
            except StataError:
                continue
            res = fit.result()
            fit.e_matrices()
            fit.scalars()
            preds = fit.blups()
            assert len(preds) == len(spec.terms)
            assert fit.fitted().shape == spec.y.shape
            assert np.isfinite(res.loglik)
