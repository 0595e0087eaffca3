"""streg's constraints() and collinear, stcrreg's constraints(), from() and collinear, plain and
inside twoway fpfit/fpfitci's fracpoly: ml's constrained fit against R (a fixed coefficient is
an offset: tests/survival_reference/st_constraints.R, .json), Stata's layout of the constraint
lines and the ``(constrained)`` row, the model's Wald test and e(Cns)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run, survival_reference_session

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "st_constraints.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def lung():
    return survival_reference_session("lung.csv", "stset time, failure(died)")


@pytest.fixture
def melanoma():
    return survival_reference_session("melanoma.csv", "stset time, failure(status==1)")


def _b_se(s):
    b = s.e.matrices["b"].values.ravel()
    return b, np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("metric, key", [(" time", "streg_time"), ("", "streg_hazard")])
def test_streg_constraint_matches_r(lung, metric, key):
    """age fixed at .01: sex, _cons and ln_p as R's fit with .01 age as an offset; age's row
    ``(constrained)``, no variance; the Wald test of the free slope (ml_model: constraints imply
    a model Wald test, no e(ll_0)); e(Cns) [R | r] over e(b)."""
    ref = REF[key]
    out, rc = run(lung, f"constraint 1 age = 0.01\nstreg age sex, dist(weibull){metric} constraints(1)")
    assert rc == 0, out
    b, se = _b_se(lung)
    assert b[0] == pytest.approx(0.01, abs=1e-12) and se[0] == 0
    np.testing.assert_allclose(b[1:], ref["b"], rtol=2e-6)
    # the hazard metric: optim() and a differenced Hessian in R (~1e-6)
    np.testing.assert_allclose(se[1:], ref["se"], rtol=2e-5 if key == "streg_hazard" else 1e-8)
    assert lung.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert lung.e.scalars["chi2"] == pytest.approx(ref["chi2"], rel=1e-5)
    assert lung.e.scalars["df_m"] == 1 and lung.e.macros["chi2type"] == "Wald" and "ll_0" not in lung.e.scalars
    lines = out.splitlines()
    at = lines.index(" ( 1)  [_t]age = .01")
    assert lines[at - 1] == "" and lines[at + 1].startswith("-" * 20)
    assert any(line.startswith("                                                Wald chi2(1)") for line in lines)
    age = next(line for line in lines if line.strip().startswith("age |"))
    assert age.endswith("(constrained)")
    C = lung.e.matrices["Cns"]
    assert C.colnames[-1] == "_Cns:_r" and C.colnames[:-1] == lung.e.matrices["b"].colnames
    np.testing.assert_allclose(C.values, [[1, 0, 0, 0, 0.01]])


def test_streg_constraint_notes_and_errors(lung):
    out, rc = run(lung, "constraint 2 bogus = 1\nstreg age sex, dist(weibull) constraints(2) nolog")
    assert rc == 0 and "(note: constraint number 2 caused error r(111))" in out and "( 1)" not in out, out
    out, rc = run(lung, "streg age sex, dist(weibull) constraints(7)", stop_on_error=False)
    assert rc == 111 and "constraint (7) not defined" in out, out
    # with frailty() (tests/test_streg_frailty_constraints.py): ln_the held at -20 is the model
    # without frailty, the same constrained fit
    run(lung, "constraint 3 age = 0.01\nstreg age sex, dist(weibull) constraints(3) nolog")
    b0, se0 = _b_se(lung)
    out, rc = run(lung, "constraint 4 [ln_the]_cons = -20\n"
                        "streg age sex, dist(weibull) constraints(3 4) frailty(gamma) nolog")
    assert rc == 0 and " ( 2)  [ln_the]_cons = -20" in out, out
    b, se = _b_se(lung)
    np.testing.assert_allclose(b[:4], b0, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(se[:4], se0, rtol=1e-5)


def test_streg_collinear_is_the_same_fit(lung):
    run(lung, "streg age sex, dist(weibull) nolog")
    plain = _b_se(lung)
    out, rc = run(lung, "streg age sex, dist(weibull) collinear nolog")
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(lung), plain, rtol=1e-12)
    out, rc = run(lung, "generate age2 = 2*age\nstreg age age2, dist(weibull) collinear", stop_on_error=False)
    assert rc == 198 and "not supported by mlmcli" in out, out


def test_stcrreg_constraint_and_from_match_crr(melanoma):
    """age fixed at 0: crr without age (V times n/(n-1)); from(): crr's optimum from other
    starting values (stcrreg.ado's init(from) replaces stcox's estimates)."""
    ref = REF["stcrreg_cns"]
    out, rc = run(melanoma, "constraint 2 age = 0\nstcrreg age thickness, compete(status==3) constraints(2)")
    assert rc == 0, out
    b, se = _b_se(melanoma)
    assert b[0] == 0 and se[0] == 0
    assert b[1] == pytest.approx(ref["b"], rel=1e-6) and se[1] == pytest.approx(ref["se"], rel=1e-5)
    assert melanoma.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert melanoma.e.scalars["chi2"] == pytest.approx(ref["chi2"], rel=1e-5)
    assert melanoma.e.scalars["df_m"] == 1
    lines = out.splitlines()
    at = lines.index(" ( 1)  [_t]age = 0")
    assert lines[at - 1] == "" and lines[at + 1].startswith("-" * 20)
    assert next(line for line in lines if line.strip().startswith("age |")).endswith("(constrained)")
    np.testing.assert_allclose(melanoma.e.matrices["Cns"].values, [[1, 0, 0]])
    ref = REF["stcrreg_from"]
    out, rc = run(melanoma, "matrix b0 = (0.05, 0.5)\nmatrix colnames b0 = age thickness\n"
                            "stcrreg age thickness, compete(status==3) from(b0)")
    assert rc == 0, out
    b, se = _b_se(melanoma)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5)
    first = next(line for line in out.splitlines() if line.startswith("Iteration 0:"))
    run(melanoma, "stcrreg age thickness, compete(status==3)")
    assert first != next(line for line in melanoma.out.stream.getvalue().splitlines()
                         if line.startswith("Iteration 0:"))
    out, rc = run(melanoma, "matrix b1 = (1)\nmatrix colnames b1 = bogus\n"
                            "stcrreg age thickness, compete(status==3) from(b1)", stop_on_error=False)
    assert rc == 111 and "parameter _t:bogus not found" in out, out
    out, rc = run(melanoma, "stcrreg age thickness, compete(status==3) collinear nolog")
    np.testing.assert_allclose(_b_se(melanoma)[0], ref["b"], rtol=1e-6)


@pytest.mark.parametrize("data, key, text", [
    ("melanoma", "fpfit_stcrreg", "constraint 2 age = 0\ntwoway fpfitci thickness age, estcmd(stcrreg) "
                                  "estopts(compete(status==3) constraints(2))"),
    ("lung", "fpfit_streg", "constraint 3 wt_loss = 0.001\ntwoway fpfitci age wt_loss, estcmd(streg) "
                            "estopts(d(weibull) time constraints(3))")])
def test_fpfit_constraint_matches_r(request, data, key, text):
    """A constraint on the linear covariate binds every fit fracpoly runs, the search too: crr
    without age, survreg with .001 wt_loss as an offset."""
    s = request.getfixturevalue(data)
    graph, _ = drawn(s, text)
    band, line = graph.panels[0].series
    ref = REF[key]
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-5)


def test_fpfit_stcrreg_from_and_collinear(melanoma):
    """from() and collinear change no optimum; from() naming what the fits lack without skip
    fails fracpoly's first fit (the note), with skip it is ignored there; an undefined
    constraint makes the command fail (the note)."""
    plain, _ = drawn(melanoma, "twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3))")
    run(melanoma, "matrix b = (0.01)\nmatrix colnames b = age\nmatrix c = (0.01)\nmatrix colnames c = bogus")
    for opts in ("from(b)", "collinear", "from(c, skip)"):
        graph, _ = drawn(melanoma, f"twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) {opts})")
        np.testing.assert_allclose(graph.panels[0].series[0].y, plain.panels[0].series[0].y, rtol=1e-6)
    for opts in ("from(c)", "constraints(9)"):
        out, rc = run(melanoma, f"twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) {opts})")
        assert rc == 0 and NOTE in out, out


def test_fpfit_streg_collinear_and_terms_constraint(lung):
    plain, _ = drawn(lung, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(weibull))")
    graph, _ = drawn(lung, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(weibull) collinear)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, plain.panels[0].series[0].y, rtol=1e-10)
    # a constraint on fracgen's first term binds the final fit only: the curve changes
    run(lung, "constraint 4 [_t]Iage__1 = 0")
    fixed, _ = drawn(lung, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(weibull) constraints(4))")
    a, b = plain.panels[0].series[0].y, fixed.panels[0].series[0].y
    assert np.isfinite(b).any() and not np.allclose(a[np.isfinite(a)], b[np.isfinite(b)])
    out, rc = run(lung, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(weibull) constraints(8))")
    assert rc == 0 and NOTE in out, out


def test_nocnsreport_and_replay(lung, melanoma):
    """nocnsreport (a display option: _coef_table's) leaves the constraint lines out; replaying
    shows them again."""
    out, rc = run(lung, "constraint 1 age = 0.01\nstreg age sex, dist(weibull) constraints(1) nocnsreport nolog")
    assert rc == 0 and "( 1)" not in out and "(constrained)" in out, out
    out, rc = run(lung, "streg")
    assert rc == 0 and " ( 1)  [_t]age = .01" in out, out
    out, rc = run(melanoma, "constraint 2 age = 0\n"
                            "stcrreg age thickness, compete(status==3) constraints(2) nocnsreport nolog")
    assert rc == 0 and "( 1)" not in out and "(constrained)" in out, out
    out, rc = run(melanoma, "stcrreg")
    assert rc == 0 and " ( 1)  [_t]age = 0" in out, out


def test_ancillary_constraint_is_the_exponential(lung):
    """[ln_p]_cons = 0 makes the Weibull the exponential: the same coefficients, standard errors
    and log likelihood (the constant-only fit constrained too: weibull.ado hands the
    constraints to it)."""
    run(lung, "streg age sex, dist(exponential) nolog")
    b0, se0 = _b_se(lung)
    ll0 = lung.e.scalars["ll"]
    out, rc = run(lung, "constraint 5 [ln_p]_cons = 0\nstreg age sex, dist(weibull) constraints(5) nolog")
    assert rc == 0 and " ( 1)  [ln_p]_cons = 0" in out, out
    b, se = _b_se(lung)
    np.testing.assert_allclose(b[:3], b0, rtol=1e-7)
    np.testing.assert_allclose(se[:3], se0, rtol=1e-6)
    assert b[3] == 0 and se[3] == 0 and lung.e.scalars["ll"] == pytest.approx(ll0, rel=1e-10)
    assert "/ln_p |          0  (constrained)" in out
