"""The analytic gradient of mode-curvature (``mcaghermite``) and ``ghermite`` quadrature with
several random effects (``glmm.mode_curvature_gradient``): the whole gradient against central
differences of the likelihood (nodes re-placed at every theta), its fixed-node part against
differences with the nodes held where theta0 put them; families, links, ancillary
parameters, two and three random effects, covariance structures, observation and group
weights.  And ``numdiff.settled_jacobian_of_gradient``, the accurate Hessian's steps."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glm.spec import GLMSpec
from mlmcli.glmm import numdiff
from mlmcli.glmm.derivatives import model_gradient
from mlmcli.glmm.likelihood import GLMMModel
from mlmcli.glmm.mode_curvature_gradient import _placement, fixed_node_gradient
from mlmcli.glmm.quadrature import product_rule
from mlmcli.glmm.single_level_gradient import _dfactor
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.spec import CoefLabel, RandomTerm


def _model(family, link, q, cov, method, seed=98, G=20, m=7, weights=False, Q=4):
    rng = np.random.default_rng(seed)
    n = G * m
    g = np.repeat(np.arange(G), m)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    u = rng.normal(0, [0.5, 0.4, 0.7], (G, 3))
    eta = 0.2 + 0.5 * x1 - 0.3 * x2 + u[g, 0] * x1 + u[g, 1] * x2 + u[g, 2]
    if family == "bernoulli":
        y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    elif family == "ordinal":
        y = 1.0 + (eta + rng.logistic(size=n) > -0.3) + (eta + rng.logistic(size=n) > 0.9)
    else:
        y = rng.poisson(np.exp(eta)).astype(float)
    X = np.column_stack([x1, x2] if family == "ordinal" else [x1, x2, np.ones(n)])
    names = ("x1", "x2") if family == "ordinal" else ("x1", "x2", "_cons")
    extra = dict(categories=(1.0, 2.0, 3.0)) if family == "ordinal" else {}
    fixed = GLMSpec("y", y, X, tuple(CoefLabel(c) for c in names), family, link, **extra,
                    fweight=rng.integers(1, 3, n).astype(float) if weights else None)
    Zcols = {2: [x1, np.ones(n)], 3: [x1, x2, np.ones(n)]}[q]
    znames = {2: ("x1", "_cons"), 3: ("x1", "x2", "_cons")}[q]
    term = RandomTerm("g", g, np.column_stack(Zcols), znames, cov, G,
                      fweight=np.repeat(rng.integers(1, 4, G), m).astype(float) if weights else None)
    return GLMMModel(GLMMSpec(fixed, (term,), method, Q))


def _theta(model, family):
    beta = {"ordinal": [0.45, -0.25], "poisson": [0.45, -0.25, 0.1]}.get(family, [0.45, -0.25, 0.15])
    anc = {"ordinal": [-0.4, 0.8], "nbinomial": [-1.2]}.get(family, [])
    k_phi = model.k - len(beta) - len(anc)
    phi = [-0.6, -0.8, -0.3, 0.3, -0.2, 0.4][:k_phi]
    return np.array(beta + anc + phi)


CASES = [("bernoulli", "logit", 2, "unstructured", False),
         ("bernoulli", "logit", 3, "unstructured", False),
         ("bernoulli", "probit", 3, "independent", True),
         ("bernoulli", "cloglog", 2, "exchangeable", False),
         ("poisson", "log", 3, "unstructured", True),
         ("nbinomial", "log", 2, "unstructured", False),
         ("ordinal", "logit", 2, "unstructured", False)]


def _close(ga, gn):
    return np.max(np.abs(ga - gn) / np.maximum(1.0, np.abs(gn)))


@pytest.mark.parametrize("method", ["mcaghermite", "ghermite"])
@pytest.mark.parametrize("family, link, q, cov, weights", CASES)
def test_gradient_matches_differences_of_the_likelihood(family, link, q, cov, weights, method):
    model = _model(family, link, q, cov, method, weights=weights)
    theta = _theta(model, family)
    grad = model_gradient(model)
    assert grad is not None
    ga = grad(theta)
    gn = numdiff.gradient(model.loglik, theta, 1e-5 * np.ones(len(theta)))
    assert _close(ga, gn) < 1e-6


def _frozen_loglik(model, theta0):
    """ln L(theta) with the quadrature nodes (in the whitened u) placed once, at theta0."""
    eng, level = model.engine, model.structure.levels[0]
    beta, anc, phi = model.split(theta0)
    L = level.chol(phi)
    Sinv, logdet_S = eng.prior(L @ L.T, model.method, L)
    ad, _ = _placement(eng, eng.eta0(beta), anc, model.method, Sinv, logdet_S)
    rule = product_rule(model.Q, eng.q)
    W = np.ones(eng.G) if eng.W is None else eng.W

    def f(theta):
        b, a, p = model.split(theta)
        Lp = level.chol(p)
        Si, ld = eng.prior(Lp @ Lp.T, model.method, Lp)
        return float(np.sum(W * eng.quadrature(eng.eta0(b), a, Si, ld, ad, rule)[0]))
    return f


@pytest.mark.parametrize("family, link, q, cov, weights", CASES[1:5] + CASES[6:])
def test_fixed_node_part_matches_differences_with_the_nodes_held(family, link, q, cov, weights):
    model = _model(family, link, q, cov, "mcaghermite", weights=weights)
    theta = _theta(model, family)
    eng, level = model.engine, model.structure.levels[0]
    beta, anc, phi = model.split(theta)
    ga = np.concatenate(fixed_node_gradient(eng, beta, anc, level.chol(phi), _dfactor(level, phi), model.Q,
                                            model.method))
    gn = numdiff.gradient(_frozen_loglik(model, theta), theta, 1e-5 * np.ones(len(theta)))
    assert _close(ga, gn) < 1e-6
    # the nodes' movement is a real part of the total (of the size of the quadrature error)
    total = model_gradient(model)(theta)
    assert _close(total, ga) > 1e-6


def test_settled_jacobian_keeps_a_quadratic_and_halves_on_a_ridge():
    Q = np.array([[-2.0, 0.3], [0.3, -0.5]])
    grad_q = lambda x: Q @ x  # noqa: E731
    h = np.array([0.3, 0.3])
    x0 = np.array([0.1, -0.2])
    same = numdiff.settled_jacobian_of_gradient(grad_q, x0, h)
    assert same.tobytes() == numdiff.jacobian_of_gradient(grad_q, x0, h).tobytes()

    # f = -a x^2/2 - b x^4/4 + c x^3 ... curvature -a + 6 c x - 3 b x^2: at 0 it is -a (tiny), but
    # SE-sized steps (1/sqrt(a) ~ 22) see the quartic and cubic terms
    a, b, c = 0.002, 0.5, 0.05

    def grad_r(x):
        return np.array([-a * x[0] - b * x[0] ** 3 + 3 * c * x[0] ** 2, -x[1]])
    h = np.array([0.05, 0.01])
    rough = numdiff.jacobian_of_gradient(grad_r, np.zeros(2), h)
    assert rough[0, 0] < -a * 1.5  # the rough one is off by far more than its digits
    for check in (None, [0]):  # every column, or only the ridge's
        settled = numdiff.settled_jacobian_of_gradient(grad_r, np.zeros(2), h, check)
        assert settled[0, 0] == pytest.approx(-a, rel=1e-6)
        assert settled[1, 1] == pytest.approx(-1.0, rel=1e-9)
    # checking only the well-behaved column misses the ridge: J(h) comes back as it is
    kept = numdiff.settled_jacobian_of_gradient(grad_r, np.zeros(2), h, [1])
    assert kept.tobytes() == rough.tobytes()


def _nested_model(family, link, method, seed=7, G=12, m=3, n_in=4, slope=False):
    rng = np.random.default_rng(seed)
    n = G * m * n_in
    top = np.repeat(np.arange(G), m * n_in)
    inner = np.repeat(np.arange(G * m), n_in)
    x = rng.normal(size=n)
    eta = 0.1 + 0.4 * x + rng.normal(0, 0.6, G)[top] + rng.normal(0, 0.5, G * m)[inner]
    y = ((rng.random(n) < 1 / (1 + np.exp(-eta))) if family == "bernoulli" else rng.poisson(np.exp(eta))).astype(float)
    X = np.column_stack([x, np.ones(n)])
    fixed = GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), family, link)
    Zt = X if slope else np.ones((n, 1))
    t1 = RandomTerm("s", top, Zt, ("x", "_cons") if slope else ("_cons",), "unstructured" if slope else "identity", G)
    t2 = RandomTerm("c", inner, np.ones((n, 1)), ("_cons",), "identity", G * m)
    return GLMMModel(GLMMSpec(fixed, (t1, t2), method, 3))


@pytest.mark.parametrize("family, link, slope", [("bernoulli", "logit", False), ("poisson", "log", True),
                                                 ("bernoulli", "probit", True)])
def test_nested_fixed_node_gradient_matches_differences_with_the_nodes_held(family, link, slope):
    """Nested levels: ``nested_gradient.quadrature_partial_gradient`` (the fixed-node gradient
    that steers the nested search) against differences of the nested quadrature with its
    mode-curvature nodes placed once, at theta0."""
    from mlmcli.glmm.nested_gradient import quadrature_partial_gradient
    model = _nested_model(family, link, "mcaghermite", slope=slope)
    eng = model.engine
    theta = np.array([0.35, 0.05] + ([-0.5, -0.7, 0.2] if slope else [-0.5]) + [-0.6])
    beta, anc, phi = model.split(theta)
    Sig = model.sigmas(phi)
    eta0 = eng.X @ beta + eng.offset
    b, _, D, C = eng.joint_modes(eta0, anc, [np.linalg.inv(S) for S in Sig],
                                 [float(np.linalg.slogdet(S)[1]) for S in Sig])
    params = eng.mode_curvature_params(b, D, C, model.Q)

    def frozen(th):
        be, an, ph = model.split(th)
        Ss = model.sigmas(ph)
        return float(np.sum(eng.nested_quadrature(eng.X @ be + eng.offset, an, [np.linalg.inv(S) for S in Ss],
                                                  [float(np.linalg.slogdet(S)[1]) for S in Ss], params, model.Q)[0]))
    ga = quadrature_partial_gradient(model, theta)
    gn = numdiff.gradient(frozen, theta, 1e-5 * np.ones(len(theta)))
    assert _close(ga, gn) < 1e-6
