"""mestreg's nested quadrature fits on the analytic gradient (survival/nested_survival_gradient,
branch nq100): the gradient of the nested quadrature likelihood with streg's rows
(``SurvivalRows``' derivatives in eta and its ``anc_dense``) against central differences of the
likelihood, for every mestreg distribution and quadrature method; the fit against the old
optimizer (BFGS on value differences) and its SEs against the Richardson Hessian of the values
alone; the command takes the new optimizer for nested quadrature, the old one for laplace.

Data: tests/reference_values/mestreg_multilevel_sim.csv (mestreg_multilevel_sim.py).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.glmm import numdiff
from mlmcli.glmm.levels import build_structure
from mlmcli.mixed.spec import RandomTerm
from mlmcli.survival.mixed_survival import SurvivalRows
from mlmcli.survival.nested_survival import NestedSurvivalModel
from mlmcli.survival.parametric_distributions import DISTRIBUTIONS

CSV = Path(__file__).parent / "reference_values" / "mestreg_multilevel_sim.csv"


@pytest.fixture(scope="module")
def data():
    df = pd.read_csv(CSV)
    n = len(df)
    _, hosp = np.unique(df.hosp, return_inverse=True)
    _, doc = np.unique(df.hosp * 100 + df.doctor, return_inverse=True)
    return dict(df=df, n=n, X=np.column_stack([df.x, df.age, np.ones(n)]), hosp=hosp, doc=doc)


def _model(data, dist, aft, method, points, slope=False):
    n, df = data["n"], data["df"]
    if slope:
        outer = RandomTerm("hosp", data["hosp"], np.column_stack([df.x, np.ones(n)]), ("x", "_cons"),
                           "unstructured", int(data["hosp"].max()) + 1)
    else:
        outer = RandomTerm("hosp", data["hosp"], np.ones((n, 1)), ("_cons",), "identity", int(data["hosp"].max()) + 1)
    inner = RandomTerm("doctor", data["doc"], np.ones((n, 1)), ("_cons",), "identity", int(data["doc"].max()) + 1)
    family = SurvivalRows(DISTRIBUTIONS[dist], aft, df.time.to_numpy(float), np.zeros(n), df.fail.to_numpy(float))
    return NestedSurvivalModel(family, data["X"], build_structure([outer, inner], n), method, points)


def _theta(model, aft):
    anc = [0.2, 0.3][:model.m]
    return np.concatenate([[0.5, 0.01, 1.0 if aft else -1.0], anc, np.full(model.n_phi, -0.5)])


CASES = [("exponential", False, "mvaghermite"), ("exponential", True, "mcaghermite"),
         ("weibull", False, "mvaghermite"), ("weibull", False, "mcaghermite"), ("weibull", False, "ghermite"),
         ("weibull", True, "mvaghermite"), ("lognormal", True, "mvaghermite"), ("lognormal", True, "mcaghermite"),
         ("loglogistic", True, "mvaghermite"), ("loglogistic", True, "ghermite"), ("gamma", True, "mvaghermite")]


@pytest.mark.parametrize("dist,aft,method", CASES)
def test_gradient_equals_differences_of_the_likelihood(data, dist, aft, method):
    from mlmcli.survival.nested_survival_gradient import model_gradient

    model = _model(data, dist, aft, method, 5)
    th = _theta(model, aft)
    g = model_gradient(model)(th)
    gn = numdiff.gradient(model.loglik, th, 1e-5 * np.maximum(1.0, np.abs(th)))
    assert np.max(np.abs(g - gn) / np.maximum(1.0, np.abs(gn))) < 1e-6


def test_gradient_with_a_random_slope_above_the_nested_level(data):
    from mlmcli.survival.nested_survival_gradient import model_gradient

    model = _model(data, "weibull", False, "mvaghermite", 3, slope=True)
    th = _theta(model, False)
    th[-2] = 0.3  # the atanh correlation
    g = model_gradient(model)(th)
    gn = numdiff.gradient(model.loglik, th, 1e-5 * np.maximum(1.0, np.abs(th)))
    assert np.max(np.abs(g - gn) / np.maximum(1.0, np.abs(gn))) < 1e-6


@pytest.mark.parametrize("dist,aft", [("weibull", False), ("weibull", True), ("lognormal", True),
                                      ("loglogistic", True), ("gamma", True)])
def test_ancillary_derivatives_per_record(data, dist, aft):
    df, n = data["df"], data["n"]
    fam = SurvivalRows(DISTRIBUTIONS[dist], aft, df.time.to_numpy(float), np.zeros(n), df.fail.to_numpy(float))
    eta = np.linspace(-1.0, 1.5, n)[:, None] + np.array([[-0.3, 0.0, 0.4]])
    anc = np.array([0.2, 0.3][:fam.n_anc])
    for j, (L, D1, D2) in enumerate(fam.anc_dense(eta, anc, with_derivs=True)):
        e = np.zeros(len(anc))
        e[j] = 1e-5
        assert np.allclose(L, (fam.logf(eta, anc + e) - fam.logf(eta, anc - e)) / 2e-5, rtol=1e-6, atol=1e-7)
        d_plus, d_minus = fam.derivs(eta, anc + 100 * e, 2), fam.derivs(eta, anc - 100 * e, 2)
        assert np.allclose(D1, (d_plus[0] - d_minus[0]) / 2e-3, rtol=1e-4, atol=1e-5)
        assert np.allclose(D2, (d_plus[1] - d_minus[1]) / 2e-3, rtol=1e-4, atol=1e-5)


def test_fit_equals_the_value_optimizer_and_its_ses_the_value_hessian(data):
    """The same optimum as the old optimizer (BFGS and Newton on differences of the values);
    the SEs those of the Richardson Hessian of the values alone (the old optimizer's Hessian,
    at steps of 1e-4 without extrapolation, was off in the 5th digit: SE of var(doctor)
    .08790408 against .08790852, bench/mestreg_nested100_checks.py)."""
    from mlmcli.glmm.row_family_fit import RowFamilyModel, fit_row_family
    from mlmcli.survival.nested_survival import _start
    from mlmcli.survival.nested_survival_gradient import fit_with_gradient

    model = _model(data, "exponential", False, "mvaghermite", 7)
    fam, X = model.family, data["X"]
    start = np.array([0.0, 0.0, np.log(fam.d.sum() / fam.t.sum())])
    first = fit_row_family(RowFamilyModel(fam, X, None, None, 1, False, False), start)
    th0 = _start(model, first.theta)
    new = fit_with_gradient(model, th0, first.V)
    old = fit_row_family(model, th0)
    assert new.converged and not new.limit_reached
    se = np.sqrt(np.diag(new.V))
    assert np.max(np.abs(new.theta - old.theta) / se) < 1e-4
    assert new.loglik >= old.loglik - 1e-9
    H = numdiff.hessian(model.loglik, new.theta, 0.02 * se, richardson=True)
    se_values = np.sqrt(np.diag(np.linalg.inv(-H)))
    assert np.max(np.abs(se / se_values - 1.0)) < 1e-6
    # the gradient vanishes there (central differences of the values)
    g = numdiff.gradient(model.loglik, new.theta, 1e-3 * se)
    assert np.max(np.abs(g * se)) < 1e-6


def test_command_takes_the_gradient_for_quadrature_and_not_for_laplace(do, monkeypatch):
    import mlmcli.survival.nested_survival_gradient as NG

    calls = []
    original = NG.fit_with_gradient

    def spy(*a, **k):
        calls.append(1)
        return original(*a, **k)

    monkeypatch.setattr(NG, "fit_with_gradient", spy)
    setup = f"import delimited using {CSV}, clear\nstset time, failure(fail)\n"
    rc, out, s = do(setup + "mestreg x age || hosp: || doctor:, dist(exponential) intpoints(3)")
    assert rc == 0, out
    assert calls == [1]
    assert s.e.scalars["converged"] == 1.0
    assert "Iteration 0:" in out.split("Fitting full model:")[1]
    rc, out, s = do("mestreg x age || hosp: || doctor:, dist(exponential) intmethod(laplace) nolog", session=s)
    assert rc == 0, out
    assert calls == [1]


def test_iterate_limit_on_the_gradient_path(do):
    """iterate(#) caps the BFGS iterations as before: the log stops there, ml's warning, rc 0."""
    setup = f"import delimited using {CSV}, clear\nstset time, failure(fail)\n"
    rc, out, s = do(setup + "mestreg x age || hosp: || doctor:, dist(weibull) intpoints(3) iterate(2)")
    assert rc == 0, out
    log = out.split("Fitting full model:")[1].split("Mixed-effects")[0]
    assert "Iteration 2:" in log and "Iteration 3:" not in log
    assert log.rstrip().endswith("convergence not achieved")
    assert s.e.scalars["converged"] == 0.0 and s.e.scalars["ic"] == 2.0
