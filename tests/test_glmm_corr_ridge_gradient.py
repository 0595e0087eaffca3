"""Near a correlation of +-1 the optimizer's gradient comes from the likelihood's values.

meprobit y x z || g: x, cov(unstructured) intmethod(laplace) on the differential test's
design probit_slope_un_laplace_1009 ran its correlation to the boundary (atanh jumped to
~10, 1 - corr = 5e-9), where the analytic Laplace gradient -- written in b with Sigma^-1
-- was off by a factor of 5 in the ln sd components; BFGS stalled and reported
convergence at ln L = -110.093, while glmmTMB finds -109.920317 (R values in
tests/me_differential/r_values.json).  Beyond |atanh| = ``ANALYTIC_ATANH`` the ln sd and
atanh components of the gradient are central differences of the values; the others, which
keep their digits, stay analytic (``Objective.gradient``; 2u values for u variance
components instead of 2k: the policy-diffusion corpus melogit's gradients took two thirds
of its time).
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

from mlmcli.glmm.optimize import ANALYTIC_ATANH, Objective

HERE = Path(__file__).parent / "me_differential"


def test_gradient_from_values_beyond_the_analytic_range():
    f = lambda x: -float(np.sum((x - 1.0) ** 2))  # noqa: E731
    # an analytic gradient whose ln sd (1) and atanh (2) components went bad, as on the ridge
    wrong = lambda x: np.concatenate([-2 * (x[:1] - 1.0), [99.0, 99.0]])  # noqa: E731
    obj = Objective(f, 3, wrong, atanh=(2,), log_sd=(1,))
    inside = np.array([0.5, 0.5, ANALYTIC_ATANH - 0.5])
    outside = np.array([0.5, 0.5, ANALYTIC_ATANH + 2.0])
    assert obj.analytic(inside) and np.all(obj.gradient(inside)[1:] == 99.0)
    assert not obj.analytic(outside)
    before = obj.evaluations
    np.testing.assert_allclose(obj.gradient(outside), -2 * (outside - 1.0), rtol=1e-8)
    assert obj.evaluations - before == 4  # the two variance components' values only
    # no analytic gradient at all: every component from the values
    np.testing.assert_allclose(Objective(f, 3, None, atanh=(2,)).gradient(outside), -2 * (outside - 1.0), rtol=1e-8)
    # a negative correlation's ridge too
    assert not obj.analytic(np.array([0.5, 0.5, -ANALYTIC_ATANH - 1.0]))


def test_probit_slope_at_corr_one_reaches_the_optimum(do):
    spec = importlib.util.spec_from_file_location("me_differential_generate", HERE / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate
    spec.loader.exec_module(generate)
    case = next(c for c in generate.cases() if c.name == "probit_slope_un_laplace_1009")
    ref = next(c for c in json.loads((HERE / "r_values.json").read_text())["cases"] if c["name"] == case.name)
    rc, out, session = do(case.stata, generate.data(case))
    assert rc == 0, out
    assert session.e.scalars["ll"] > ref["loglik"] - 1e-6  # was 0.173 below
    b = dict(zip(session.e.matrices["b"].colnames, session.e.matrices["b"].values[0]))
    assert abs(b["var(x[g]):_cons"] - ref["est"]["var(x[g]):_cons"]) < 1e-3
    # at the optimum on the ridge the Hessian of the values has SEs (main printed "." for all,
    # from the Hessian of the broken gradient): the fixed effects' agree with glmmTMB's
    V = session.e.matrices["V"]
    se = dict(zip(V.colnames, np.sqrt(np.diag(V.values))))
    for name in ("y:x", "y:z", "y:_cons"):
        assert abs(se[name] / ref["se"][name] - 1) < 1e-3, (name, se[name], ref["se"][name])
