"""heckman's and zip/zinb's ln L at the step halving's trial points is computed alone (pl101):
the same bits as the value their derivatives come with, so logs and estimates are unchanged,
while the per-observation derivatives (heckman's n x 4 x 4 Hessian, zinb's digamma and trigamma)
are evaluated only where the fit asks for them."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glm import heckman_selection, zero_inflated
from mlmcli.glm.heckman_selection import HeckmanLikelihood, SelectionData
from mlmcli.glm.zero_inflated import CountData, ZeroInflatedLikelihood


def _counts(seed=3, n=400):
    rng = np.random.default_rng(seed)
    y = (rng.poisson(2.0, size=n) * (rng.uniform(size=n) < 0.7)).astype(float)
    X = np.column_stack([rng.normal(size=n), np.ones(n)])
    Z = np.column_stack([rng.normal(size=n), np.ones(n)])
    return rng, y, X, Z


@pytest.mark.parametrize("nb", [False, True])
@pytest.mark.parametrize("link", ["logit", "probit"])
@pytest.mark.parametrize("inflate", [True, False])
def test_zero_inflated_value_is_the_derivatives_value(nb, link, inflate):
    rng, y, X, Z = _counts()
    d = CountData(y, X, Z if inflate else None, np.zeros(len(y)), np.zeros(len(y)), rng.uniform(0.5, 2, len(y)))
    L = ZeroInflatedLikelihood(d, negative_binomial=nb, link=link)
    for scale in (0.1, 1.0, 10.0, 300.0):  # 300: past exp's range, -inf on both paths
        for _ in range(10):
            theta = rng.normal(scale=scale, size=L.size)
            with np.errstate(all="ignore"):
                full = float(d.w @ L.observations(theta)[0])
            assert L.loglik(theta) == (full if np.isfinite(full) else -np.inf)


def test_heckman_value_is_the_derivatives_value():
    rng = np.random.default_rng(8)
    n = 500
    s = rng.uniform(size=n) < 0.6
    X = np.where(s[:, None], np.column_stack([rng.normal(size=n), np.ones(n)]), 0.0)
    Z = np.column_stack([rng.normal(size=n), np.ones(n)])
    y = np.where(s, rng.normal(size=n), 0.0)
    d = SelectionData(s, y, X, Z, np.where(s, 0.1, 0.0), np.full(n, -0.2), rng.uniform(0.5, 2, n))
    L = HeckmanLikelihood(d)
    for scale in (0.1, 1.0, 5.0, 40.0):
        for _ in range(10):
            theta = rng.normal(scale=scale, size=6)
            full = float(d.w @ L.observations(theta)[0])
            assert L.loglik(theta) == (full if np.isfinite(full) else -np.inf)


def _count_calls(monkeypatch, module, name):
    calls = [0]
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_zinb_derivatives_only_where_the_fit_asks(monkeypatch):
    rng, y, X, Z = _counts(11, 600)
    d = CountData(y, X, Z, np.zeros(len(y)), np.zeros(len(y)), np.ones(len(y)))
    derivatives = _count_calls(monkeypatch, zero_inflated, "observation_derivatives")
    model = ZeroInflatedLikelihood(d, negative_binomial=True)
    grad_hess = _count_calls(monkeypatch, model, "grad_hess")
    values = _count_calls(monkeypatch, model, "loglik")
    start = np.array([0.0, np.log(y.mean()), 0.0, 0.0, 0.0])
    res, V = zero_inflated.maximize_with_variance(model, start, d.w, {"iterate": 300})
    assert res.converged and values[0] >= len(res.steps)
    assert derivatives[0] == grad_hess[0] <= len(res.steps) + 10  # none at the trial points


def test_heckman_derivatives_only_where_the_fit_asks(monkeypatch):
    rng = np.random.default_rng(21)
    n = 800
    x, z = rng.normal(size=n), rng.normal(size=n)
    e1, e2 = rng.multivariate_normal([0, 0], [[1, 0.5], [0.5, 1]], size=n).T
    s = 0.2 + z + 0.5 * x + e2 > 0
    X = np.where(s[:, None], np.column_stack([x, np.ones(n)]), 0.0)
    d = SelectionData(s, np.where(s, 1 + 0.5 * x + e1, 0.0), X, np.column_stack([z, np.ones(n)]),
                      np.zeros(n), np.zeros(n), np.ones(n))
    derivatives = _count_calls(monkeypatch, heckman_selection, "observation_derivatives")
    grad_hess = _count_calls(monkeypatch, HeckmanLikelihood, "grad_hess")
    values = _count_calls(monkeypatch, HeckmanLikelihood, "loglik")
    fit = heckman_selection.fit_selection(d, np.array([0.4, 1.0, 1.0, 0.2, 0.3, 0.0]))
    assert fit.converged and values[0] >= len(fit.steps)
    assert derivatives[0] == grad_hess[0]  # grad_hess's (and V's) alone, none at the trial points
