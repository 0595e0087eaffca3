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
from lookalike_data import lookalike_path
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


def test_random_slopes_near_a_perfect_correlation_reach_the_interior_optimum(new_session, run):
    """Two random slopes and an intercept, unstructured, whose wealth4/wealth5 correlation is
    ~-0.995 at the optimum (the held-out leckie file's third model): the whole rough Hessian
    measured again after not-concave iterations reaches ln L -923.47499 with finite standard
    errors; re-measuring only its variance rows and columns stopped at -923.48029, the
    correlation at -1 and every standard error missing (e(rank) 0, so lrtest refused)."""
    path = lookalike_path("lemma_antenatal")
    s = new_session()
    out, rc = run(s, f'use "{path}", clear\n'
                     "xtmelogit antemed magec magecsq meduc2 meduc3 wealth2 wealth3 wealth4 wealth5 || comm: "
                     "wealth4 wealth5, covariance(unstructured) mle variance intpoints(4)\n")
    assert rc == 0, out
    assert s.e.scalars["ll"] > -923.476
    assert s.e.scalars["rank"] == 15
    assert np.all(np.isfinite(np.diag(s.e.matrices["V"].values)))
