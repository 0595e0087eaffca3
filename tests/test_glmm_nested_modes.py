"""The nested engine's joint-mode search (``glmm.nested.NestedModel.joint_modes``) at an
optimizer trial where the integrand overflows: it must give up at once (the foreman
held-out do-file's xtmepoisson timed out: 100 Newton steps of 40 halvings at every
such trial) and must not carry non-finite modes into the next evaluation (they made
every later evaluation non-finite too, so the fit never finished)."""
from __future__ import annotations

import numpy as np

from mlmcli.glm.spec import GLMSpec
from mlmcli.glmm.likelihood import GLMMModel
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.spec import CoefLabel, RandomTerm


def _poisson_two_levels(method="laplace"):
    rng = np.random.default_rng(11)
    top = np.repeat(np.arange(5), 24)
    inner = np.repeat(np.arange(20), 6)  # 4 inner groups per top group
    n = len(top)
    x = rng.normal(size=n)
    y = rng.poisson(np.exp(0.5 + 0.3 * x + rng.normal(0, 0.5, 5)[top] + rng.normal(0, 0.3, 20)[inner]))
    X = np.column_stack([x, np.ones(n)])
    fixed = GLMSpec("y", y.astype(float), X, (CoefLabel("x"), CoefLabel("_cons")), "poisson", "log")
    terms = (RandomTerm("top", top, np.ones((n, 1)), ("_cons",), "identity", 5),
             RandomTerm("inner", inner, np.ones((n, 1)), ("_cons",), "identity", 20))
    return GLMMSpec(fixed, terms, method, 1)


def _counting(model):
    calls = []
    h_top = model.engine.h_top

    def counted(*args):
        calls.append(1)
        return h_top(*args)

    model.engine.h_top = counted
    return calls


def test_overflowing_trial_ends_at_once_and_leaves_no_trace():
    spec = _poisson_two_levels()
    theta = np.array([0.3, 0.5, np.log(0.5), np.log(0.3)])
    reference = GLMMModel(spec).loglik(theta)
    assert np.isfinite(reference)
    model = GLMMModel(spec)
    assert model.loglik(theta) == reference
    calls = _counting(model)
    assert model.loglik(np.array([0.3, 0.5, 800.0, np.log(0.3)])) == -np.inf  # sd = exp(800) overflows
    assert len(calls) < 10
    del calls[:]
    assert abs(model.loglik(theta) - reference) < 1e-9 * abs(reference)  # not poisoned by the failed trial
    assert len(calls) < 40


def test_modes_restart_from_zero_where_the_previous_ones_overflow():
    """A previous evaluation's modes that make h non-finite at the new parameters are
    dropped for zeros: the value is the one a fresh model computes."""
    spec = _poisson_two_levels()
    model = GLMMModel(spec)
    far = np.array([0.3, 0.5, np.log(0.5), np.log(0.3)])
    model.loglik(far)
    model.engine.last_modes = [np.full_like(b, 900.0) for b in model.engine.last_modes]
    fresh = GLMMModel(spec).loglik(far)
    assert abs(model.loglik(far) - fresh) < 1e-9 * abs(fresh)
