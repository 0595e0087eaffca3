"""streg ..., frailty(gamma|invgaussian) [shared()] constraints(), plain and inside twoway
fpfit/fpfitci estcmd(streg): ml's constrained fit of the marginal likelihood over all the
parameters, ln_the among them, against tests/survival_reference/streg_frailty_constraints.R
(.json: the likelihood maximised over the free parameters with the fixed one held), the
constraint lines and ``(constrained)`` rows, the model's Wald test, no LR test of theta
(weibullhet.ado and the others: nolrtest under constraints) and e(Cns)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run, survival_reference_session

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "streg_frailty_constraints.json").read_text())
SETUP = "stset time, failure(status)"


@pytest.fixture
def kidney():
    return survival_reference_session("kidney.csv", SETUP, ("id", "time", "status", "age", "female"))


def _b_se(s):
    return s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


def test_fixed_at_the_estimate_is_the_unconstrained_fit(kidney):
    """age fixed at the unconstrained estimate: the same coefficients and log likelihood, the
    other parameters' standard errors those of the fit with age held (R's Hessian over them)."""
    ref = REF["weibull_gamma_shared_at_estimate"]
    out, rc = run(kidney, f"constraint 1 age = {ref['value']!r}\n"
                          "streg age female, d(weibull) frailty(gamma) shared(id) constraints(1) nolog")
    assert rc == 0, out
    b, se = _b_se(kidney)
    np.testing.assert_allclose(b, ref["b_free"], rtol=2e-6, atol=1e-7)
    assert kidney.e.scalars["ll"] == pytest.approx(ref["ll_free"], rel=1e-10)
    assert se[0] == 0
    np.testing.assert_allclose(se[1:], ref["se"][1:], rtol=1e-4)
    assert kidney.e.scalars["chi2"] == pytest.approx(ref["chi2"], rel=1e-4)


CASES = {"weibull_gamma_shared_age": ("d(weibull) frailty(gamma) shared(id)", "age = 0.01", 0),
         "weibull_invgaussian_shared_ln_the": ("d(weibull) frailty(invgaussian) shared(id)", "[ln_the]_cons = 0", 4),
         "weibull_gamma_unshared_female": ("d(weibull) frailty(gamma)", "female = -1.5", 1),
         "lognormal_gamma_shared_age": ("d(lognormal) frailty(gamma) shared(id)", "age = 0", 0)}


@pytest.mark.parametrize("case", sorted(CASES))
def test_constrained_fit_matches_r(kidney, case):
    opts, text, fixed = CASES[case]
    ref = REF[case]
    out, rc = run(kidney, f"constraint 2 {text}\nstreg age female, {opts} constraints(2) nolog")
    assert rc == 0, out
    b, se = _b_se(kidney)
    np.testing.assert_allclose(b, ref["b"], rtol=2e-6, atol=1e-7)
    assert se[fixed] == 0
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    e = kidney.e
    assert e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    # ml_model: constraints imply a model Wald test (no e(ll_0)); the *het ados: no LR test of theta
    assert e.macros["chi2type"] == "Wald" and e.scalars["chi2"] == pytest.approx(ref["chi2"], rel=1e-4)
    assert e.scalars["df_m"] == (2 if fixed > 1 else 1)
    assert not {"ll_0", "ll_c", "chi2_c", "p_c"} & set(e.scalars)
    assert "Likelihood-ratio test of theta=0" not in out
    C = e.matrices["Cns"]
    assert C.colnames[:-1] == e.matrices["b"].colnames and C.colnames[-2] == "ln_the:_cons"
    assert C.values[0, fixed] == 1 and np.count_nonzero(C.values[0, :-1]) == 1


def test_layout_and_notes(kidney):
    out, rc = run(kidney, "constraint 1 age = 0.01\nconstraint 2 [ln_the]_cons = 0\nconstraint 3 bogus = 1\n"
                          "streg age female, d(weibull) frailty(gamma) shared(id) constraints(1/3) nolog")
    assert rc == 0, out
    assert out.count("(note: constraint number 3 caused error r(111))") == 1
    lines = out.splitlines()
    at = lines.index(" ( 1)  [_t]age = .01")
    assert lines[at + 1] == " ( 2)  [ln_the]_cons = 0" and lines[at + 2].startswith("-" * 20)
    assert next(line for line in lines if line.strip().startswith("age |")).endswith("(constrained)")
    assert "     /ln_the |          0  (constrained)" in lines
    assert any(line.startswith("                                                Wald chi2(1)") for line in lines)
    # the comparison and constant-only fits are logged (weibullhet.ado runs them under constraints)
    out, rc = run(kidney, "streg age female, d(weibull) frailty(gamma) shared(id) constraints(1)")
    assert rc == 0 and "Fitting Weibull model:" in out and "Fitting constant-only model:" in out, out
    out, rc = run(kidney, "streg")  # replay: the constraint lines again
    assert rc == 0 and " ( 1)  [_t]age = .01" in out, out


def test_opg_and_robust_under_constraints(kidney):
    """vce(opg): N (N' (sum s s') N)^-1 N' over the groups' scores; vce(robust) unshared: the
    constrained V's sandwich -- the fixed coefficient has no variance either way."""
    for opts in ("shared(id) vce(opg)", "vce(robust)"):
        out, rc = run(kidney, "constraint 1 age = 0.01\n"
                              f"streg age female, d(weibull) frailty(gamma) {opts} constraints(1) nolog")
        assert rc == 0, out
        b, se = _b_se(kidney)
        assert b[0] == pytest.approx(0.01) and se[0] == 0 and np.all(se[1:] > 0)
        V = kidney.e.matrices["V"].values
        assert np.all(V[0] == 0) and np.all(V[:, 0] == 0)


@pytest.mark.parametrize("key, text", [("fpfit_female", "female = -1.5"), ("fpfit_ln_the", "[ln_the]_cons = 0")])
def test_fpfit_frailty_constraint_matches_r(kidney, key, text):
    """A constraint on the linear covariate or on ln_the binds every fit fracpoly runs: the
    powers, x b and its band as R's search with the parameter held."""
    graph, _ = drawn(kidney, f"constraint 4 {text}\ntwoway fpfitci age female, estcmd(streg) "
                             "estopts(d(weibull) frailty(gamma) shared(id) constraints(4))")
    band, line = graph.panels[0].series
    ref = REF[key]
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-4)
