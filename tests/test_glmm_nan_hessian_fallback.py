"""The me optimizer's fallback where curvature is missing (``glmm.optimize``, ``glmm.adaptive_nodes``).

- A rough Hessian that is not finite (measured beside points whose ln L is -inf) gives a
  steepest-ascent step, as ml's: before, its NaN Newton step made every trial NaN -- 40 halvings
  per iteration and a fresh rough Hessian each time (2,680 evaluations for a 3-parameter
  quadratic) -- and the quasi-Newton updates start from a scaled identity after it.
- The modes left by a far trial point (a line search's, at absurd parameters: finite but ~1e4
  and beyond) no longer stick the next mode search: a search that ends below h(0) is repeated
  from zero, so ln L at a sensible point is the same number whatever was evaluated before (an
  xtologit/meologit's ln L was -inf there from then on and the fit ended r(430)).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.glmm import optimize
from mlmcli.glmm.optimize import Objective

A = np.array([[-2.0, 0.3, 0.1], [0.3, -1.0, 0.2], [0.1, 0.2, -0.5]])
C = np.array([1.0, -2.0, 0.5])


def _quadratic():
    return Objective(lambda x: float(0.5 * x @ A @ x + C @ x), 3, lambda x: A @ x + C, log_sd=(2,))


def test_a_nan_rough_hessian_falls_back_to_steepest_ascent():
    obj = _quadratic()
    rough = []

    def nan_hessian(x, f0=None, g0=None):
        rough.append(1)
        return np.full((3, 3), np.nan)

    obj.rough_hessian = nan_hessian
    obj.refreshed_hessian = lambda x, f, g, H: np.full((3, 3), np.nan)
    res = optimize.maximize(obj, np.zeros(3), iterate=200)
    assert res.converged
    assert res.steps[0].note == "(not concave)"  # steepest ascent: no curvature to judge by
    assert len(rough) == 1 and obj.evaluations < 100  # no NaN trials, no re-measuring
    x, f, H = optimize.polish(obj, res.x, res.f, res.hessian)
    np.testing.assert_allclose(x, np.linalg.solve(-A, C), rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(H, A, rtol=1e-6, atol=1e-9)


def test_a_finite_hessian_takes_the_same_steps_as_before():
    """The fallback leaves finite curvature alone: the direction is ``newton_direction``'s, bit for bit."""
    g = np.array([0.5, -1.0, 2.0])
    for H in (A, -A):  # concave, and not (the modified Newton step)
        d, concave = optimize._ascent(optimize.newton_direction, g, H)
        d0, concave0 = optimize.newton_direction(g, H)
        assert np.array_equal(d, d0) and concave == concave0
    d, concave = optimize._ascent(optimize.newton_direction, g, np.full((3, 3), np.inf))
    assert not concave and np.array_equal(d, g / 2.0)


def _ordinal_data(seed=3, groups=30, size=8):
    rng = np.random.default_rng(seed)
    rows = []
    for g in range(groups):
        u, z = rng.normal(), rng.normal()
        for _ in range(size):
            x = rng.normal()
            latent = 0.3 + 0.8 * x + 0.5 * z + u + rng.logistic()
            rows.append((g, z, x, float(np.digitize(latent, [-0.5, 1.0]))))
    return pd.DataFrame(rows, columns=["id", "z", "x", "y"])


@pytest.mark.parametrize("left", [1e4, 1e17, -1e17])
def test_far_last_modes_leave_the_ordinal_likelihood_unchanged(do, left):
    rc, out, s = do("quietly meologit y x z || id:", df=_ordinal_data())
    assert rc == 0, out
    fit = s.e.model
    model, theta = fit.model, np.asarray(fit.theta, float)
    eng = model.engine
    eng.clear_adaptive_cache()
    before = model.loglik(theta)
    assert np.isfinite(before)
    np.testing.assert_allclose(before, s.e.scalars["ll"], rtol=1e-10)
    eng.last_modes = np.full((eng.G, eng.q), left)  # as a far line-search trial leaves them
    eng.clear_adaptive_cache()  # the trial's nodes failed too: the next evaluation searches modes
    after = model.loglik(theta)
    np.testing.assert_allclose(after, before, rtol=1e-11)
    assert np.all(np.abs(eng.last_modes) < 10)  # the search's modes, from zero


def test_modes_from_a_sensible_start_are_unchanged(do):
    """The check costs one evaluation at zero; where the search from the last modes reaches
    the modes (every point of a sensible path), its result is kept bit for bit."""
    rc, out, s = do("quietly meologit y x z || id:", df=_ordinal_data(seed=4))
    assert rc == 0, out
    fit = s.e.model
    model, theta = fit.model, np.asarray(fit.theta, float)
    eng = model.engine
    model.loglik(theta)
    start = eng.last_modes.copy()
    beta, anc, phi = model.split(theta)
    eta0 = eng.eta0(beta)
    Sinv, logdet_S = eng.prior(model.sigmas(phi)[0], "mvaghermite", None)
    searched = eng.mode_search(eta0, anc, Sinv, logdet_S, start)
    kept = eng.modes(eta0, anc, Sinv, logdet_S, start)
    for a, b in zip(searched, kept):
        assert np.array_equal(a, b)
