"""ivpoisson gmm: the numbers against R (tests/ivpoisson_reference/ivpoisson_gmm.R: the moment
conditions of [R] ivpoisson's Methods and formulas with R's gmm package, step 1 W = (Z'Z/N)^-1,
step 2 W = S(b1)^-1, the sandwich VCE -- the package's own vcov agrees), the layout against
ivpoisson.ado's GMMout and gmm_estat's overid, predict, replay with irr and Stata's errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from limited_models_helpers import b_and_se, check_error, fitted

HERE = Path(__file__).parent / "ivpoisson_reference"
DATA = pd.read_csv(HERE / "ivpoisson_sim.csv")
REF = pd.read_csv(HERE / "ivpoisson_gmm_values.csv")
MODEL = "ivpoisson gmm y x1 (x2 = z1 z2)"


@pytest.mark.parametrize("model, options", [
    ("additive", ""), ("multiplicative", ", multiplicative"), ("multiplicative_exposure", ", mult exposure(expo)"),
    ("additive_cluster", ", vce(cluster cl)")])
def test_two_step_matches_r(do, model, options):
    _, s = fitted(do, MODEL + options, DATA)
    ref = REF[REF.model == model]
    b, se = b_and_se(s)
    np.testing.assert_allclose(b, ref.b, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se, ref.se, rtol=1e-5)
    assert s.e.scalars["J"] == pytest.approx(ref.J.iloc[0], rel=1e-6)
    assert s.e.matrices["b"].colnames == ("y:x2", "y:x1", "y:_cons")


def test_layout(do):
    printed, s = fitted(do, MODEL, DATA)
    lines = printed.splitlines()
    assert lines[0] == "Step 1" and "Step 2" in lines
    assert lines[1].startswith("Iteration 0:   GMM criterion Q(b) = ") and lines[1].endswith("  ")
    start = lines.index("Exponential mean model with endogenous regressors")
    assert lines[start - 1] == "" and lines[start + 1] == ""
    assert lines[start + 2:start + 6] == [
        "Number of parameters =   3                         Number of obs  =        400",
        "Number of moments    =   4",
        "Initial weight matrix: Unadjusted",
        "GMM weight matrix:     Robust"]
    assert lines[start + 8] == "             |               Robust"
    assert lines[start + 9].startswith("           y |      Coef.   Std. Err.      z    P>|z|")
    assert lines[-2:] == ["Instrumented:  x2", "Instruments:   x1 z1 z2"]
    assert s.e.macros["cmd"] == "ivpoisson" and s.e.macros["additive"] == "additive"
    assert s.e.macros["gmmestimator"] == "twostep" and s.e.macros["wmatrix"] == "robust"
    assert s.e.scalars["N"] == 400 and s.e.scalars["n_moments"] == 4 and s.e.scalars["J_df"] == 1
    assert s.e.matrices["W"].colnames == ("x1", "z1", "z2", "_cons")


def test_exactly_identified_stops_after_step_one(do):
    printed, s = fitted(do, "ivpoisson gmm y x1 (x2 = z1), mult", DATA)
    assert "Step 2" not in printed and "note: model is exactly identified" in printed
    assert s.e.scalars["Q"] < 1e-20
    rc, printed, _ = do("estat overid", session=s)
    assert rc == 0 and "Hansen's J chi2(0) =" in printed
    assert "because there are no\n      overidentifying restrictions." in printed


def test_estat_overid(do):
    _, s = fitted(do, MODEL, DATA)
    rc, printed, _ = do("estat overid", session=s)
    assert rc == 0
    J = REF[REF.model == "additive"].J.iloc[0]
    assert printed.splitlines()[-3:] == ["  Test of overidentifying restriction:", "",
                                         "  Hansen's J chi2(1) = 2.83264 (p = 0.0924)"]
    assert s.r["J"] == pytest.approx(J, rel=1e-6) and s.r["J_df"] == 1
    _, s = fitted(do, MODEL + ", onestep", DATA)
    rc, printed, _ = do("estat overid", session=s)
    assert rc == 498 and "not available after one-step estimation" in printed


def test_irr_replay_and_predict(do):
    printed, s = fitted(do, MODEL + ", mult exposure(expo) nolog", DATA)
    assert "Step 1" not in printed
    b = s.e.matrices["b"].values.ravel()
    rc, printed, _ = do("ivpoisson, irr", session=s)
    assert rc == 0 and "        IRR   Std. Err." in printed
    assert "Note: _cons estimates baseline incidence rate." in printed
    row = next(line for line in printed.splitlines() if line.strip().startswith("x2 |"))
    assert float(row.split("|")[1].split()[0]) == pytest.approx(np.exp(b[0]), rel=1e-6)
    rc, printed, _ = do("predict n\npredict xb, xb\npredict xb0, xb nooffset", session=s)
    assert rc == 0 and "(option n assumed; predicted number of events)" in printed
    df = s.data.df
    xb0 = b[0] * DATA.x2 + b[1] * DATA.x1 + b[2]
    np.testing.assert_allclose(df.xb0, xb0, rtol=1e-6)
    np.testing.assert_allclose(df.xb, xb0 + np.log(DATA.expo), rtol=1e-6)
    np.testing.assert_allclose(df.n, np.exp(xb0 + np.log(DATA.expo)), rtol=1e-6)


def test_fweights_are_replicated_rows(do):
    data = DATA.assign(f=(np.arange(len(DATA)) % 3) + 1)
    _, s = fitted(do, MODEL + " [fw=f], mult", data)
    expanded = data.loc[data.index.repeat(data.f)].reset_index(drop=True)
    _, t = fitted(do, MODEL + ", mult", expanded)
    np.testing.assert_allclose(b_and_se(s)[0], b_and_se(t)[0], rtol=1e-7)
    np.testing.assert_allclose(b_and_se(s)[1], b_and_se(t)[1], rtol=1e-6)
    assert s.e.scalars["N"] == len(expanded)


def test_igmm_reaches_the_fixed_point(do):
    """At the iterated estimator's end the weight matrix is S(b)^-1 at its own estimates."""
    printed, s = fitted(do, MODEL + ", igmm", DATA)
    assert "Step 3" in printed and s.e.macros["gmmestimator"] == "igmm"
    np.testing.assert_allclose(s.e.matrices["W"].values, np.linalg.inv(s.e.matrices["S"].values), rtol=1e-4)


def test_unadjusted_weight_matrix_sets_the_vce(do):
    printed, s = fitted(do, MODEL + ", wmatrix(unadjusted) nolog", DATA)
    assert "GMM weight matrix:     Unadjusted" in printed and "Robust" not in printed
    assert s.e.macros["vce"] == "unadjusted" and "vcetype" not in s.e.macros


@pytest.mark.parametrize("text, message, code", [
    (MODEL + ", irr", "irr not appropriate under additive errors", 198),
    (MODEL + ", additive multiplicative", "can specify only one of additive, multiplicative", 198),
    (MODEL + ", onestep wmatrix(robust)", "cannot specify wmatrix() with one-step estimator", 198),
    (MODEL + ", onestep igmm", "can specify only one of onestep, twostep, or igmm", 198),
    ("ivpoisson ml y x1 (x2 = z1 z2)", "ml not a valid estimator", 198),
    (MODEL + " [pw=expo]", "pweights are not implemented for ivpoisson in mlmcli", 198),
    (MODEL + ", exposure(x1)", "exposure() must be greater than zero", 459),
    (MODEL + ", exposure(expo) offset(x1)", "only one of exposure() or offset() can be specified", 198),
    (MODEL + ", winitial(identity)", "winitial() other than unadjusted is not implemented", 198),
    ("ivpoisson gmm x1 (x2 = z1 z2)", "x1 must be greater than or equal to zero", 459),
])
def test_errors(do, text, message, code):
    check_error(do, DATA, text, message, code)


CF_REF = pd.read_csv(HERE / "ivpoisson_cfunction_values.csv")
CF_MODEL = "ivpoisson cfunction y x1 (x2 = z1 z2)"


def test_control_function_matches_r(do):
    """tests/ivpoisson_reference/ivpoisson_cfunction.R: the system solved by R's gmm package."""
    printed, s = fitted(do, CF_MODEL, DATA)
    b, se = b_and_se(s)
    np.testing.assert_allclose(b, CF_REF.b, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se, CF_REF.se, rtol=1e-5)
    assert s.e.matrices["b"].colnames == tuple(CF_REF.term)
    assert s.e.macros["estimator"] == "cfunction" and s.e.scalars["k"] == 8 == s.e.scalars["n_moments"]
    lines = printed.splitlines()
    assert "note: model is exactly identified" in lines and "Step 2" not in lines
    assert "GMM weight matrix:     Robust" in lines
    for heading in ("y            |", "x2           |", "c_x2         |"):
        assert heading in lines


def test_control_function_irr_and_refusals(do):
    _, s = fitted(do, CF_MODEL + ", nolog", DATA)
    rc, printed, _ = do("ivpoisson, irr", session=s)
    assert rc == 0
    assert printed.splitlines()[-4:-2] == ["Note: Estimates are transformed only in the first equation.",
                                           "Note: _cons estimates baseline incidence rate."]
    row = next(line for line in printed.splitlines() if line.strip().startswith("x2 |"))
    assert float(row.split("|")[1].split()[0]) == pytest.approx(np.exp(CF_REF.b[1]), rel=1e-6)
    rc, printed, _ = do("predict n", session=s)  # allowed since round 11 (test_ivpoisson_round11.py)
    assert rc == 0


@pytest.mark.parametrize("text, message, code", [
    (CF_MODEL + ", additive", "cannot specify additive for cfunction estimator", 198),
    (CF_MODEL + ", vce(unadjusted)", "unadjusted not allowed in vce() for ivpoisson cfunction", 198),
    ("ivpoisson cfunction y x1 z1", "control-function estimation requires at least one endogenous variable", 198),
])
def test_control_function_errors(do, text, message, code):
    check_error(do, DATA, text, message, code)


def test_if_factor_variables_and_by(do):
    data = DATA.assign(k=np.arange(len(DATA)) % 3, g=np.arange(len(DATA)) % 2)
    printed, s = fitted(do, "ivpoisson gmm y i.k x1 (x2 = z1 z2) if y < 8, nolog mult", data)
    assert s.e.scalars["N"] == int((DATA.y < 8).sum()) and s.e.scalars["k"] == 5
    assert s.e.matrices["b"].colnames == ("y:x2", "y:0b.k", "y:1.k", "y:2.k", "y:x1", "y:_cons")
    rc, printed, _ = do("by g, sort: ivpoisson gmm y x1 (x2 = z1 z2), nolog", data)
    assert rc == 0 and printed.count("Exponential mean model with endogenous regressors") == 2
