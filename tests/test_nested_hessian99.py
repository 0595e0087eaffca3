"""The final Hessian (the SEs) of a nested-level quadrature fit: central differences of the
analytic gradient (``nested_quadrature_gradient`` through ``Objective.accurate_hessian`` /
``numdiff.settled_jacobian_of_gradient``), no likelihood differences, and the fit's SEs equal to
the Richardson limit of those differences at shrinking steps -- for ``mvaghermite`` and
``mcaghermite``, with and without sampling weights (the far-right file's weighted
``melogit ... [pweight] || region: || election:`` form), and three levels.  Nested quadrature
fits take the Richardson extrapolate of the settling check's two steps (branch hs99: J(h)'s
truncation had left variance SEs up to 8e-7 off that limit, the 7th printed digit); one-level
fits keep pf98's J(h)."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mlmcli.glm.spec import GLMSpec
from mlmcli.glmm import numdiff, optimize
from mlmcli.glmm.derivatives import model_gradient
from mlmcli.glmm.estimate import estimate_glmm
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.spec import CoefLabel, RandomTerm


def _spec(method, pweight=False, three=False, seed=7, G=8, m=4, r=6, Q=5):
    rng = np.random.default_rng(seed)
    n = G * m * r
    top, inner = np.repeat(np.arange(G), m * r), np.repeat(np.arange(G * m), r)
    x = rng.normal(size=n)
    eta = -0.2 + 0.6 * x + rng.normal(0, 0.8, G)[top] + rng.normal(0, 0.6, G * m)[inner]
    if three:
        eta += rng.normal(0, 1.5, n // 3)[np.arange(n) // 3]
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    X = np.column_stack([x, np.ones(n)])
    fixed = GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), "bernoulli", "logit",
                    pweight=rng.uniform(0.5, 2.0, n) if pweight else None)
    one = np.ones((n, 1))
    terms = [RandomTerm("s", top, one, ("_cons",), "identity", G),
             RandomTerm("c", inner, one, ("_cons",), "identity", G * m)]
    if three:
        terms.append(RandomTerm("d", np.arange(n) // 3, one, ("_cons",), "identity", n // 3))
    return GLMMSpec(fixed, tuple(terms), method, Q)


@pytest.fixture
def counted_hessians(monkeypatch):
    """(likelihood values, analytic gradients) evaluated inside each ``accurate_hessian`` call."""
    calls = []
    accurate = optimize.Objective.accurate_hessian

    def counted(self, x, se, f0=None):
        grads = []
        grad_fn = self.grad_fn
        self.grad_fn = lambda y: (grads.append(1), grad_fn(y))[1]
        before = self.evaluations
        try:
            return accurate(self, x, se, f0)
        finally:
            self.grad_fn = grad_fn
            calls.append((self.evaluations - before, len(grads)))
    monkeypatch.setattr(optimize.Objective, "accurate_hessian", counted)
    return calls


def _limit_se(model, theta, se):
    """SEs of the Richardson extrapolate of central differences of the analytic gradient at
    1e-3 and 5e-4 SE (independent of the fit's own steps, 2e-3 SE)."""
    H = numdiff.jacobian_of_gradient(model_gradient(model), theta, 1e-3 * se, richardson=True)
    return np.sqrt(np.diag(np.linalg.inv(-H)))


@pytest.mark.parametrize("method,pweight,three", [("mvaghermite", False, False),
                                                  ("mvaghermite", True, False),
                                                  ("mcaghermite", True, False),
                                                  ("mcaghermite", False, True)])
def test_final_hessian_from_gradient_differences(counted_hessians, method, pweight, three):
    out = estimate_glmm(_spec(method, pweight, three, seed=2 if three else 7, Q=3 if three else 5))
    model, theta = out["model"], np.asarray(out["theta"], float)
    assert len(model.structure.levels) == (3 if three else 2)
    assert out["robust"] == pweight
    # every accurate Hessian of the fit: gradients only (2 per parameter and a few for the
    # settling check), not a single likelihood value
    assert counted_hessians
    k = len(theta)
    for values, gradients in counted_hessians:
        assert values == 0
        assert 2 * k <= gradients <= 2 * k + 4 * k
    V = out["V_model"] if pweight else out["V"]
    se = np.sqrt(np.diag(np.asarray(V, float)))
    assert np.all(np.isfinite(se)) and np.all(se > 0)
    lim = _limit_se(model, theta, se)
    np.testing.assert_allclose(se, lim, rtol=1e-6)
    if pweight:  # the sandwich's bread is that Hessian; the sandwich itself differs
        assert not np.allclose(np.sqrt(np.diag(out["V"])), se, rtol=1e-3)


def test_settled_extrapolate_removes_the_steps_truncation():
    """On a smooth non-quadratic log likelihood whose J(h) and J(h/2) agree to the settling
    rule's 1e-6: ``extrapolate=False`` returns J(h) bit for bit (pf98's rule, one-level fits),
    ``extrapolate=True`` their Richardson extrapolate, exact to the differences' rounding."""
    A = np.array([[2.0, 0.3, 0.1], [0.3, 1.5, -0.2], [0.1, -0.2, 1.0]])
    x = np.array([0.4, -0.7, 1.1])

    def grad(y):  # of -sum cosh(y) - y'Ay/2
        return -np.sinh(y) - A @ y
    exact = -np.diag(np.cosh(x)) - A
    h = np.full(3, 1e-3)
    plain = numdiff.settled_jacobian_of_gradient(grad, x, h, check=(1, 2))
    assert np.array_equal(plain, numdiff.jacobian_of_gradient(grad, x, h))
    assert np.max(np.abs(plain - exact) / np.abs(exact).max()) > 1e-8  # O(h^2) truncation
    extrapolated = numdiff.settled_jacobian_of_gradient(grad, x, h, check=(1, 2), extrapolate=True)
    # the checked columns (and, by symmetry, rows) extrapolated; the unchecked block is J(h)'s
    np.testing.assert_allclose(extrapolated[1:, 1:], exact[1:, 1:], rtol=0, atol=1e-9)
    assert extrapolated[0, 0] == plain[0, 0]
    assert np.max(np.abs(extrapolated[1:, 1:] - exact[1:, 1:])) < 1e-2 * np.max(np.abs(plain[1:, 1:] - exact[1:, 1:]))


@pytest.mark.parametrize("levels,method,expected", [(2, "mvaghermite", True), (2, "mcaghermite", True),
                                                     (1, "mvaghermite", False), (1, "mcaghermite", False)])
def test_extrapolated_settled_hessian_for_nested_quadrature_only(monkeypatch, levels, method, expected):
    """Nested quadrature fits take the extrapolate; one-level fits keep J(h) (their printed
    output, the shared references', unchanged)."""
    seen = []
    settled = numdiff.settled_jacobian_of_gradient

    def record(*a, **k):
        seen.append(k.get("extrapolate", False))
        return settled(*a, **k)
    monkeypatch.setattr(numdiff, "settled_jacobian_of_gradient", record)
    spec = _spec(method)
    if levels == 1:
        spec = dataclasses.replace(spec, terms=spec.terms[:1])
    estimate_glmm(spec)
    assert seen and all(s == expected for s in seen)
