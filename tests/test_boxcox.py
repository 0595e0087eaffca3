"""boxcox (model(lhsonly)): theta, its SE, the scale-variant estimates and every likelihood against
R (tests/boxcox_reference/boxcox.R: car::powerTransform and the profile likelihood from first
principles), boxcox.ado's tables and its errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "boxcox_reference"
DATA = pd.read_csv(HERE / "bc.csv").astype(float)
REF = {line.split()[0]: np.array([float(v) for v in line.split()[1:]])
       for line in (HERE / "boxcox_values.txt").read_text().splitlines()}


def _run(do, text, data=DATA):
    rc, printed, s = do(text, data.copy())
    assert rc == 0, printed
    return printed, s


def test_against_r(do):
    printed, s = _run(do, "boxcox y x1 x2 x3")
    b = s.e.matrices["b"].values.ravel()
    car_theta, car_se, theta, ll = REF["theta"]
    assert b[4] == pytest.approx(theta, rel=1e-6) and b[4] == pytest.approx(car_theta, rel=1e-5)
    assert np.sqrt(s.e.matrices["V"].values[4, 4]) == pytest.approx(car_se, rel=1e-4)
    np.testing.assert_allclose(b[:4], REF["beta"], rtol=1e-5)
    assert b[5] == pytest.approx(REF["sigma"][0], rel=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-9)
    assert s.e.scalars["ll0"] == pytest.approx(REF["ll0"][0], rel=1e-9)  # R's optimize() tolerance
    np.testing.assert_allclose([s.e.scalars[k] for k in ("ll_tm1", "ll_t0", "ll_t1")], REF["restricted"], rtol=1e-9)
    assert s.e.scalars["chi2"] == pytest.approx(2 * (ll - REF["ll0"][0]), rel=1e-8)
    assert s.e.matrices["b"].colnames[:5] == ("Notrans:x1", "Notrans:x2", "Notrans:x3", "Notrans:_cons", "theta:_cons")


def test_layout(do):
    printed, _ = _run(do, "boxcox y x1 x2 x3")
    lines = printed.splitlines()
    assert lines[lines.index("Fitting full model") + 1] == ""
    top = next(i for i, line in enumerate(lines) if "Number of obs" in line)
    assert lines[top:top + 3] == [
        " " * 50 + "Number of obs   =         70",
        " " * 50 + "LR chi2(3)      =     194.52",
        "Log likelihood = -93.601834                       Prob > chi2     =      0.000"]
    row = next(line for line in lines if line.startswith("      /theta |"))
    words = row.split("|")[1].split()
    assert words[0] == ".5592286" and words[2:4] == ["7.21", "0.000"]
    assert float(words[1]) == pytest.approx(REF["theta"][1], rel=1e-4)  # the SE: a numerical Hessian
    i = lines.index("Estimates of scale-variant parameters")
    assert lines[i + 1:i + 13] == [
        "----------------------------", "             |      Coef.", "-------------+--------------",
        "Notrans      |", "          x1 |   .5518426", "          x2 |   .9286878", "          x3 |   .3334612",
        "       _cons |  -.0972071", "-------------+--------------", "      /sigma |   .4284581",
        "----------------------------", ""]
    assert lines[i + 13:i + 21] == [
        "-" * 57,
        "   Test         Restricted     LR statistic      P-value",
        "    H0:       log likelihood       chi2       Prob > chi2",
        "-" * 57,
        "theta = -1      -195.80777       204.41           0.000",
        "theta =  0      -116.29663        45.39           0.000",
        "theta =  1      -106.59892        25.99           0.000",
        "-" * 57]


def test_lrtest_against_r(do):
    printed, s = _run(do, "boxcox y x3, notrans(x1 x2) lrtest")
    ll = s.e.scalars["ll"]
    np.testing.assert_allclose(s.e.matrices["chi2m"].values.ravel(), 2 * (ll - REF["dropped"]), rtol=1e-7)
    assert s.e.matrices["chi2m"].colnames == ("Notrans:x1", "Notrans:x2", "Notrans:x3")
    assert "Fitting comparison models for LR tests" in printed
    assert "             |      Coef.  chi2(df)  P>chi2(df)    df of chi2" in printed
    assert any(line.startswith("          x1 |   .5518426   173.890    0.000          1") for line in printed.splitlines())


def test_nolog_and_replay(do):
    printed, s = _run(do, "boxcox y x1 x2 x3, nolog")
    assert "Iteration" not in printed
    assert "Fitting comparison model\n\nFitting full model\n" in printed  # the ado's headings stay
    rc, replay, _ = do("boxcox, level(90)", session=s)
    assert rc == 0 and "[90% Conf. Interval]" in replay and "Iteration" not in replay


@pytest.mark.parametrize("model, rows, restricted", [
    ("rhsonly", ("/lambda",), "rhs_restricted"), ("lambda", ("/lambda",), "both_restricted"),
    ("theta", ("/lambda", "/theta"), "both_restricted")])
def test_other_models_against_r(do, model, rows, restricted):
    printed, s = _run(do, f"boxcox y x1, notrans(x2 x3) model({model})")
    ref = REF["thetamodel" if model == "theta" else model]
    k = len(rows)
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(b[-1 - k:-1], ref[:k], rtol=2e-6)
    np.testing.assert_allclose(se[-1 - k:-1], ref[k:2 * k], rtol=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(ref[-1], rel=1e-9)
    np.testing.assert_allclose([s.e.scalars[k] for k in ("ll_tm1", "ll_t0", "ll_t1")], REF[restricted], rtol=1e-9)
    assert s.e.matrices["b"].colnames[:4] == ("Notrans:x2", "Notrans:x3", "Notrans:_cons", "Trans:x1")
    lines = printed.splitlines()
    assert ("Fitting comparison model" in lines) == (model != "rhsonly")
    assert [line.split("|")[0].strip() for line in lines if line.split("|")[0].strip() in rows] == list(rows)
    assert "Trans        |" in lines
    label = {"rhsonly": "lambda = -1", "lambda": "lambda = -1", "theta": "theta=lambda = -1"}[model]
    assert any(line.startswith(label) for line in lines)
    assert s.e.scalars["df_r"] == (2 if model == "rhsonly" else 3)


def test_theta_model_lrtest_single_transformed(do):
    printed, s = _run(do, "boxcox y x1, notrans(x2 x3) model(theta) lrtest nologlr")
    assert "Comparison model for x1 is left-hand side only.\nLambda is not identified in the \nrestricted model." \
        in printed
    assert "---------------------------------------------------------------" in printed  # lrdispT's 63 columns
    assert s.e.matrices["df"].values.ravel().tolist() == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("text, rc, message", [
    ("boxcox y, model(rhsonly) notrans(x1)", 102, "Model not identified"),
    ("boxcox y x3, model(lambda)", 411, "x3 contains observations that are not strictly positive"),
    ("boxcox y x1, model(lhs lambda)", 198, "model specifications are mutually exclusive"),
    ("boxcox y x1, noconstant", 198, "option noconstant not supported by mlmcli"),
    ("boxcox x3 x1", 411, "x3 contains observations that are not strictly positive"),
    ("boxcox", 301, "last estimates not found"),
    # rows no more than the columns: a perfect fit, ln(0) at ml's start (not a collinearity refusal)
    ("boxcox y x1 in 1", 1400, "initial values not feasible"),
    ("boxcox y x1 in 1/2", 1400, "initial values not feasible"),
])
def test_errors(do, text, rc, message):
    got, printed, s = do(text, DATA.copy())
    assert got == rc and message in printed, printed
    assert s.e is None

