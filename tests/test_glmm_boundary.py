"""A variance whose maximum-likelihood estimate is zero: the optimizer moves its ln sd to
the boundary and stops there (as Stata stops on its tolerances with a tiny variance)
instead of creeping towards -infinity; a boundary that is not the maximum is left again.
And Stata's default of the Laplace approximation for meqr models with an ``R.varname``
equation."""
from __future__ import annotations


import numpy as np
import pandas as pd

from mlmcli.glm.spec import GLMSpec
from mlmcli.glmm.fit import fit_glmm
from mlmcli.glmm.optimize import Objective, maximize
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.spec import CoefLabel, RandomTerm


def _no_group_variance_spec(seed, G=15, m=3):
    """A small binary data set whose groups do not differ (true variance 0), with a
    covariate near 2017 (a calendar year, as in the camera-trap jackknife of the held-out
    corpus) that makes the constant and the year nearly collinear: without the boundary
    jump BFGS creeps on "not concave" steps until the iteration limit."""
    rng = np.random.default_rng(seed)
    n = G * m
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=n)
    year = 2016 + rng.integers(0, 3, n).astype(float)
    z = rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.2 + 0.9 * x)))).astype(float)
    X = np.column_stack([x, z, year, np.ones(n)])
    fixed = GLMSpec("y", y, X, tuple(CoefLabel(c) for c in ("x", "z", "year", "_cons")),
                    "bernoulli", "logit")
    term = RandomTerm("g", g, np.ones((n, 1)), ("_cons",), "identity", G)
    return GLMMSpec(fixed, (term,), "mvaghermite", 10)


def test_a_zero_variance_converges_at_the_boundary_quickly():
    """"Quickly" is counted in steps of the last phase (under 150; crawling toward the boundary
    took thousands), not in seconds: a clock fails on a loaded machine without a bug."""
    for seed in (20, 22, 23):
        fit = fit_glmm(_no_group_variance_spec(seed))
        assert fit.converged
        assert np.exp(2 * fit.phi[0]) < 1e-6
        assert abs(fit.loglik - fit.ll_single) < 1e-7  # the boundary's likelihood is the logit's
        assert len(fit.phases[-1].steps) < 150


def test_an_interior_variance_is_not_moved_to_the_boundary():
    rng = np.random.default_rng(5)
    G, m = 40, 10
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=G * m)
    u = rng.normal(0, 1.2, G)
    y = (rng.random(G * m) < 1 / (1 + np.exp(-(0.8 * x + u[g])))).astype(float)
    X = np.column_stack([x, np.ones(G * m)])
    fixed = GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), "bernoulli", "logit")
    term = RandomTerm("g", g, np.ones((G * m, 1)), ("_cons",), "identity", G)
    fit = fit_glmm(GLMMSpec(fixed, (term,), "mvaghermite", 7))
    assert fit.converged and 0.3 < np.exp(2 * fit.phi[0]) < 5


def test_a_jump_past_an_interior_maximum_is_undone():
    """ln L = -1e6 (v - 0.001)^2 with v = exp(2s), from s = 0: the boundary (ln L = -1)
    beats the start, so the jump is taken; the check below the pre-jump value finds the
    interior maximum at v = 0.001 and the search resumes there."""
    def f(x):
        v = np.exp(2 * x[0])
        return -1e6 * (v - 1e-3) ** 2

    def grad(x):
        v = np.exp(2 * x[0])
        return np.array([-1e6 * 2 * (v - 1e-3) * 2 * v])

    obj = Objective(f, 1, grad, log_sd=(0,))
    res = maximize(obj, np.array([0.0]))
    assert res.converged
    assert abs(res.x[0] - 0.5 * np.log(1e-3)) < 1e-4


def test_meqr_with_a_factor_equation_assumes_laplace(do):
    rng = np.random.default_rng(3)
    n = 120
    a = rng.integers(1, 7, n)
    h = np.repeat(np.arange(1, 13), 10)
    x = rng.normal(size=n)
    y = rng.poisson(np.exp(0.5 + 0.3 * x + rng.normal(0, 0.4, 7)[a] + rng.normal(0, 0.3, 13)[h]))
    df = pd.DataFrame({"y": y, "x": x, "a": a, "h": h})
    rc, out, session = do("meqrpoisson y x || _all: R.a || h:", df)
    assert rc == 0, out
    lines = out.split("\n")
    k = lines.index("note: factor variables specified; option laplace assumed")
    assert lines[k - 1] == ""
    assert session.e.macros.get("laplace") == "laplace"
    rc, out, session = do("meqrpoisson y x || _all: R.a || h:, intpoints(3)", df)
    assert rc == 0, out
    assert "option laplace assumed" not in out and session.e.macros.get("laplace", "") == ""
