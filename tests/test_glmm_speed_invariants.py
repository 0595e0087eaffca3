"""The mode search of the one-level GLMM engine (``SingleLevelModel.modes``) made cheaper
without moving a bit (docs/glmm_slowest_fits_speed.md):

- a step-halving trial re-evaluates the log density only on the rows of the groups whose step
  was halved (``_obs_eval_groups``); every other row keeps the bits of the full evaluation;
- a Newton step that is not finite (impossible cut points: ln f = -inf at every b) ends the
  search at once instead of after 40 halvings that could only fail.

Each test compares with the old behaviour (the full evaluation at every trial) and checks
that the new path was taken."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glm.family import Family
from mlmcli.glmm.single_level import SingleLevelModel


def _full_trials(monkeypatch):
    """The old behaviour: every halving trial evaluates all rows."""
    monkeypatch.setattr(SingleLevelModel, "_obs_eval_groups",
                        lambda self, eta0, b, anc, groups, previous: self.obs_eval(self.eta_at(eta0, b), anc, 2))


def _counting(monkeypatch):
    calls = []
    original = SingleLevelModel._obs_eval_groups

    def counted(self, eta0, b, anc, groups, previous):
        calls.append(int(groups.sum()))
        return original(self, eta0, b, anc, groups, previous)

    monkeypatch.setattr(SingleLevelModel, "_obs_eval_groups", counted)
    return calls


def _logit_model(q, seed=3, G=40, per=12, weights=False):
    rng = np.random.default_rng(seed)
    n = G * per
    g = rng.permutation(np.repeat(np.arange(G), per))  # unsorted: the engine sorts by group
    x = rng.normal(size=n)
    Z = np.ones((n, 1)) if q == 1 else np.column_stack([np.ones(n), x])
    u = rng.normal(0.0, 2.0, size=(G, q))
    eta = 0.5 * x + np.sum(Z * u[g], axis=1)
    y = (eta + rng.logistic(size=n) > 0).astype(float)
    w = rng.integers(1, 4, size=n).astype(float) if weights else None
    eng = SingleLevelModel(Family("bernoulli", "logit", y), x[:, None], np.zeros(n), w, g, G, Z, None)
    return eng, rng


@pytest.mark.parametrize("q,weights", [(1, False), (2, False), (2, True)])
def test_halving_trials_keep_every_bit(monkeypatch, q, weights):
    eng, rng = _logit_model(q, weights=weights)
    eta0 = eng.eta0(np.array([0.5]))
    Sinv = np.linalg.inv(np.diag(np.full(q, 4.0)))
    logdet = float(np.linalg.slogdet(np.diag(np.full(q, 4.0)))[1])
    b0 = rng.normal(0.0, 15.0, size=(eng.G, q))  # far out: Newton overshoots and halves
    with monkeypatch.context() as mp:
        calls = _counting(mp)
        new = eng.modes(eta0, (), Sinv, logdet, b0)
    assert calls and min(calls) < eng.G  # halvings happened, on part of the groups
    with monkeypatch.context() as mp:
        _full_trials(mp)
        old = eng.modes(eta0, (), Sinv, logdet, b0)
    for a, b in zip(new, old):
        np.testing.assert_array_equal(a, b)


def _ordinal_model(seed=5, G=6, per=30):
    rng = np.random.default_rng(seed)
    n = G * per
    g = np.repeat(np.arange(G), per)
    y = rng.integers(1, 5, size=n).astype(float)
    fam = Family("ordinal", "logit", y, ncat=4)
    x = rng.normal(size=n)
    return SingleLevelModel(fam, x[:, None], np.zeros(n), None, g, G, np.ones((n, 1)), None), rng


def test_impossible_cut_points_end_the_search_at_once(monkeypatch):
    """Descending cut points (a line-search trial of meologit): ln f is -inf or nan at
    every b, the Newton step is not finite, and the search returns its start after one
    evaluation of the log density (41 before, with the same result)."""
    eng, rng = _ordinal_model()
    b0 = rng.normal(0.0, 1e-6, size=(eng.G, 1))
    evaluations = []
    original = SingleLevelModel.obs_eval

    def counted(self, eta, anc, order):
        evaluations.append(order)
        return original(self, eta, anc, order)

    monkeypatch.setattr(SingleLevelModel, "obs_eval", counted)
    cuts = np.array([270.0, 257.0, 236.0])
    eta0 = eng.eta0(np.array([0.3]))
    Sinv = np.array([[1.8e7]])
    with np.errstate(all="ignore"):  # as the likelihood's callers evaluate it
        mode, negH, h = eng.modes(eta0, cuts, Sinv, float(np.log(1 / 1.8e7)), b0)
    assert len(evaluations) == 1
    np.testing.assert_array_equal(mode, b0)
    assert not np.all(np.isfinite(h))
    # sensible cut points: the search still runs to the mode
    evaluations.clear()
    mode, negH, h = eng.modes(eta0, np.array([-1.0, 0.0, 1.0]), np.array([[1.0]]), 0.0, b0)
    assert len(evaluations) > 1 and np.all(np.isfinite(h))
    grad = eng._grad_negH(mode, *eng.obs_eval(eng.eta_at(eta0, mode), np.array([-1.0, 0.0, 1.0]), 2)[1:],
                          np.array([[1.0]]))[0]
    assert np.max(np.abs(grad)) < 1e-8


def test_melogit_fit_unchanged_by_the_partial_trials(do, monkeypatch):
    """A whole melogit fit with a large variance (some groups' mode searches halve, others
    not): e(b), e(V) and e(ll) bit for bit those of the full evaluation at every trial."""
    import pandas as pd

    rng = np.random.default_rng(7)
    G, per = 30, 8
    g = np.repeat(np.arange(G), per)
    x = rng.normal(size=G * per)
    eta = 0.7 * x + rng.normal(0.0, 3.0, G)[g]
    rng.logistic(size=eta.size)  # keeps the draws of the design this was found with
    y = (eta + rng.logistic(size=eta.size) > 0).astype(float)
    df = pd.DataFrame({"y": y, "x": x, "c": g + 1.0})
    results = {}
    for label in ("new", "old"):
        with monkeypatch.context() as mp:
            if label == "old":
                _full_trials(mp)
            else:
                calls = _counting(mp)
            rc, text, s = do("quietly melogit y x || c:", df=df)
            assert rc == 0, text
            results[label] = (np.asarray(s.e.matrices["b"].values, float),
                              np.asarray(s.e.matrices["V"].values, float), float(s.e.scalars["ll"]))
    assert calls and min(calls) < G  # partial trials were taken
    for a, b in zip(results["new"], results["old"]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("link", ["logit", "probit", "cloglog"])
def test_ordinal_logf_derivs_one_logf_same_bits(link):
    """``Family.logf_derivs`` of an ordinal family computes ln f once and hands exp(ln f) to
    the derivatives: the values are ``logf`` and ``derivs`` evaluated apart, bit for bit."""
    rng = np.random.default_rng(2)
    y = rng.integers(1, 5, size=300).astype(float)
    fam = Family("ordinal", link, y, ncat=4)
    eta = rng.normal(0.0, 1.0, size=300)  # P > 0 in every category under all three links
    cuts = np.array([-1.5, 0.2, 1.1])
    for order in (1, 2, 3):
        fused = fam.logf_derivs(eta, cuts, order)
        apart = [fam.logf(eta, cuts)] + list(fam.derivs(eta, cuts, order))
        assert len(fused) == order + 1
        for a, b in zip(fused, apart):
            np.testing.assert_array_equal(a, b)
    nodes = eta[:, None] + rng.normal(0.0, 0.5, size=(300, 7))  # (n, K) at quadrature nodes
    for a, b in zip(fam.logf_derivs(nodes, cuts, 2), [fam.logf(nodes, cuts)] + list(fam.derivs(nodes, cuts, 2))):
        np.testing.assert_array_equal(a, b)
