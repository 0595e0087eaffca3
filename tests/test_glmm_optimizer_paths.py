"""The me optimizer's paths (``glmm.optimize``, ``glmm.nested``).

- A parameter carried back inwards from its boundary jump is interior again (``polish`` then
  moves it: left frozen, the estimates stopped ~1e-5 SE short of the optimum).
- A wild trial point of a nested fit leaves no cached mean-variance nodes behind: the
  likelihood at a sensible point is the same number before and after it (the cached nodes of an
  underflowing group made every later point -inf, and the fit stopped with r(430)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.glmm import optimize
from mlmcli.glmm.optimize import RETURN_BY, Objective
from test_me_predict_stata13_names import _data as me_names_data  # pupils in classes in schools


def test_a_jump_carried_back_is_forgotten():
    jumped, landed = {3: -2.0, 5: 2.5}, {3: (-9.0, -1.0), 5: (6.0, 1.0)}
    x = np.zeros(6)
    x[3], x[5] = -9.0 + 0.5 * RETURN_BY, 6.0  # ln sd moved back a little; corr where it landed
    optimize._drop_returned(x, jumped, landed)
    assert set(jumped) == {3, 5}
    x[3] = -9.0 + 1.5 * RETURN_BY  # moved back inwards by more than RETURN_BY
    x[5] = 6.0 - 1.5 * RETURN_BY
    optimize._drop_returned(x, jumped, landed)
    assert jumped == {} and landed == {}
    jumped, landed = {3: -2.0}, {3: (-9.0, -1.0)}
    x[3] = -12.0  # further out: still at the boundary
    optimize._drop_returned(x, jumped, landed)
    assert jumped == {3: -2.0}


def test_a_wild_trial_leaves_the_nested_likelihood_unchanged(do):
    rc, out, s = do("quietly melogit y x || h: || id:", df=me_names_data(seed=9, groups=12, size=6))
    assert rc == 0, out
    model = s.e.model.model
    x = np.array([2.5183, -2.605, -0.4059, 0.0676])  # (x, _cons, ln sd h, ln sd id) of a fit's path
    d = np.array([659.9197, -5866.6324, -1498.9131, 5583.1025])  # a modified Newton step from there
    with np.errstate(all="ignore"):
        before = model.loglik(x)
        for t in 0.5 ** np.arange(9):  # the line search's halvings, every one -inf
            model.loglik(x + t * d)
        after = model.loglik(x)
    assert np.isfinite(before) and after == before


def test_a_refresh_re_measures_only_the_variance_rows_and_columns():
    """After a run of not-concave iterations the rough Hessian is measured afresh in the ln sd
    and atanh rows and columns alone: one gradient per variance parameter, the rest of the
    quasi-Newton Hessian kept."""
    A = np.array([[-4.0, 1.0, 0.5, 0.2], [1.0, -3.0, 0.1, 0.3], [0.5, 0.1, -2.0, 0.4], [0.2, 0.3, 0.4, 0.5]])
    calls = []

    def grad(x):
        calls.append(np.array(x))
        return A @ x + np.array([1.0, -1.0, 0.5, 0.25])

    obj = Objective(lambda x: 0.5 * x @ A @ x, 4, grad, log_sd=(3,))
    x = np.array([0.3, -0.2, 0.1, -1.0])
    g = obj.gradient(x)
    calls.clear()
    H_old = np.full((4, 4), 7.0)
    H = obj.refreshed_hessian(x, obj.value(x), g, H_old)
    assert len(calls) == 1  # u gradients, not k
    np.testing.assert_allclose(H[:, 3], A[:, 3], rtol=1e-6)
    np.testing.assert_allclose(H[3, :], A[3, :], rtol=1e-6)
    assert np.all(H[:3, :3] == 7.0)  # the quasi-Newton block kept
    full = Objective(lambda x: 0.5 * x @ A @ x, 4, grad)  # no variance parameters: the whole Hessian
    calls.clear()
    np.testing.assert_allclose(full.refreshed_hessian(x, 0.0, g, H_old), A, rtol=1e-6)
    assert len(calls) == 4
