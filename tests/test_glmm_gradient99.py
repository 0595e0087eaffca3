"""The analytic gradient of the nested-level quadrature likelihood
(``glmm.nested_quadrature_gradient``) against central differences of the likelihood, its
nodes placed anew at every theta as the optimizer's values place them: ``mvaghermite``,
``mcaghermite`` and ``ghermite``; bernoulli logit/probit/cloglog, poisson, nbinomial
(ln alpha) and ordinal logit (cutpoints); random slopes at the outer and at the inner level;
two and three levels; observation and level frequency weights."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glm.spec import GLMSpec
from mlmcli.glmm import numdiff
from mlmcli.glmm.derivatives import model_gradient
from mlmcli.glmm.likelihood import GLMMModel
from mlmcli.glmm.nested import NestedModel
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.spec import CoefLabel, RandomTerm


def _model(family, link, method, top_slope=False, inner_slope=False, three=False, weights=False,
           seed=99, G=7, m=3, r=4, Q=3):
    rng = np.random.default_rng(seed)
    n = G * m * r
    top, inner = np.repeat(np.arange(G), m * r), np.repeat(np.arange(G * m), r)
    x = rng.normal(size=n)
    eta = 0.3 + 0.5 * x + rng.normal(0, 0.6, G)[top] + rng.normal(0, 0.5, G * m)[inner]
    if family == "bernoulli":
        y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    elif family == "ordinal":
        y = 1.0 + (eta + rng.logistic(size=n) > 0.0) + (eta + rng.logistic(size=n) > 1.2)
    else:
        y = rng.poisson(np.exp(eta)).astype(float)
    ordinal = family == "ordinal"
    X = x[:, None] if ordinal else np.column_stack([x, np.ones(n)])
    names = ("x",) if ordinal else ("x", "_cons")
    extra = dict(categories=(1.0, 2.0, 3.0)) if ordinal else {}
    fixed = GLMSpec("y", y, X, tuple(CoefLabel(c) for c in names), family, link, **extra,
                    fweight=rng.integers(1, 3, n).astype(float) if weights else None)
    XZ = np.column_stack([x, np.ones(n)])

    def term(name, codes, slope, groups, fw):
        return RandomTerm(name, codes, XZ if slope else np.ones((n, 1)), ("x", "_cons") if slope else ("_cons",),
                          "unstructured" if slope else "identity", groups, fweight=fw)
    terms = [term("s", top, top_slope, G, None),
             term("c", inner, inner_slope, G * m,
                  np.repeat(rng.integers(1, 3, G * m), r).astype(float) if weights else None)]
    if three:
        terms.append(term("d", np.arange(n) // 2, False, n // 2, None))
    return GLMMModel(GLMMSpec(fixed, tuple(terms), method, Q))


def _theta(model, family, top_slope, inner_slope, three):
    beta = [0.45] if family == "ordinal" else [0.45, 0.2]
    anc = {"ordinal": [-0.2, 1.0], "nbinomial": [-1.1]}.get(family, [])
    phi = ([-0.5, -0.3, 0.2] if top_slope else [-0.5]) + ([-0.4, -0.6, -0.1] if inner_slope else [-0.4])
    theta = np.array(beta + anc + phi + ([-0.7] if three else []))
    assert len(theta) == model.k
    return theta


@pytest.fixture
def tight_fixed_point(monkeypatch):
    """The mean-variance nodes iterated to 1e-13 (the default 1e-9 leaves noise of ~1e-6 in
    differences of the likelihood with steps of 1e-5)."""
    evaluate = NestedModel.evaluate
    monkeypatch.setattr(NestedModel, "evaluate",
                        lambda self, beta, anc, S, method, Q, tol=1e-9: evaluate(self, beta, anc, S, method, Q, 1e-13))


CASES = [("bernoulli", "logit", False, False, False, False),
         ("bernoulli", "probit", True, False, True, False),
         ("bernoulli", "cloglog", False, True, False, False),
         ("poisson", "log", True, True, False, False),
         ("nbinomial", "log", False, True, False, False),
         ("ordinal", "logit", True, False, False, False),
         ("bernoulli", "logit", False, False, False, True),
         ("poisson", "log", False, False, True, True)]


@pytest.mark.parametrize("method", ["mvaghermite", "mcaghermite", "ghermite"])
@pytest.mark.parametrize("family, link, top_slope, inner_slope, weights, three", CASES)
def test_nested_gradient_matches_differences_of_the_likelihood(family, link, top_slope, inner_slope, weights,
                                                              three, method, tight_fixed_point):
    model = _model(family, link, method, top_slope, inner_slope, three, weights)
    theta = _theta(model, family, top_slope, inner_slope, three)
    grad = model_gradient(model)
    assert grad is not None  # the optimizer's gradient (estimate.py takes model_gradient)
    ga = grad(theta)
    gn = numdiff.gradient(model.loglik, theta, 1e-5 * np.ones(len(theta)))
    assert np.max(np.abs(ga - gn) / np.maximum(1.0, np.abs(gn))) < 1e-6


def test_the_nodes_movement_is_not_negligible():
    """With 3 points the gradient with the nodes held differs from the derivative of the
    values (so a test of the full gradient can fail): the fixed-node gradient of
    ``nested_gradient`` is off by more than 1e-3 here."""
    from mlmcli.glmm.nested_gradient import quadrature_partial_gradient
    model = _model("poisson", "log", "mvaghermite", True, False, False, False)
    theta = _theta(model, "poisson", True, False, False)
    gn = numdiff.gradient(model.loglik, theta, 1e-5 * np.ones(len(theta)))
    assert np.max(np.abs(quadrature_partial_gradient(model, theta) - gn)) > 1e-3


@pytest.mark.parametrize("method", ["mvaghermite", "mcaghermite"])
def test_nested_gradient_with_an_outer_variance_near_zero(method, tight_fixed_point):
    """sd 4.5e-5 at the top level (a variance the optimizer takes towards zero): its Sigma^-1
    dwarfs the other curvature blocks, whose derivatives must not suffer for it."""
    model = _model("poisson", "log", method, False, True, Q=7)
    theta = np.array([0.45, 0.2, -10.0, -0.4, -0.6, -0.1])
    ga = model_gradient(model)(theta)
    gn = numdiff.gradient(model.loglik, theta, 1e-5 * np.ones(len(theta)))
    assert np.max(np.abs(ga - gn) / np.maximum(1.0, np.abs(gn))) < 1e-6
