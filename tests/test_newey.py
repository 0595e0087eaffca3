"""newey: numbers against R (tests/time_series_regression_reference/newey.R: sandwich's
NeweyWest(prewhite=FALSE, adjust=TRUE); a panel with gaps from first principles), the header
newey.ado displays, predict/test/margins after it and newey.ado's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "time_series_regression_reference"
REF = json.loads((HERE / "newey.json").read_text())
SERIES = pd.read_csv(HERE / "series.csv").astype(float)
PANEL = pd.read_csv(HERE / "panel.csv").astype(float)


def _fit(do, text, data=SERIES, setup="tsset t\n"):
    rc, printed, s = do(setup + text, data.copy())
    assert rc == 0, printed
    return printed, s


def _check(s, ref):
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    order = list(range(1, len(b))) + [0] if len(np.atleast_1d(ref["b"])) == len(b) and "_cons" in \
        s.e.matrices["b"].colnames else list(range(len(b)))
    np.testing.assert_allclose(b, np.atleast_1d(ref["b"])[order], rtol=1e-9)
    np.testing.assert_allclose(se, np.atleast_1d(ref["se"])[order], rtol=1e-9)
    assert s.e.scalars["F"] == pytest.approx(ref["F"], rel=1e-9)


@pytest.mark.parametrize("lag", [0, 1, 3])
def test_series_against_sandwich(do, lag):
    printed, s = _fit(do, f"newey y x1 x2, lag({lag})")
    _check(s, REF[f"series_lag{lag}"])
    assert s.e.scalars["lag"] == lag and s.e.scalars["N"] == 80 and s.e.scalars["df_r"] == 77
    assert s.e.macros["vcetype"] == "Newey-West" and s.e.macros["cmd"] == "newey"


def test_lag0_is_regress_robust(do):
    _, s = _fit(do, "newey y x1 x2, lag(0)")
    V = s.e.matrices["V"].values
    _, r = _fit(do, "regress y x1 x2, vce(robust)")
    np.testing.assert_allclose(V, r.e.matrices["V"].values, rtol=1e-10)


def test_aweights_and_noconstant(do):
    _, s = _fit(do, "newey y x1 x2 [aw=w], lag(2)")
    _check(s, REF["series_aw_lag2"])
    assert s.e.macros["wtype"] == "aweight"
    _, s = _fit(do, "newey y x1, lag(2) noconstant")
    _check(s, REF["series_nocons_lag2"])


def test_panel_with_gaps_needs_force(do):
    rc, printed, _ = do("xtset id t\nnewey y x, lag(2)", PANEL.copy())
    assert rc == 198 and "t is not regularly spaced" in printed
    _, s = _fit(do, "newey y x, lag(2) force", PANEL, setup="xtset id t\n")
    _check(s, REF["panel_lag2"])
    assert s.e.scalars["N"] == len(PANEL)


def test_header_layout(do):
    printed, s = _fit(do, "newey y x1 x2, lag(3)")
    ref = REF["series_lag3"]
    lines = printed.splitlines()
    i = lines.index("Regression with Newey-West standard errors      Number of obs     =         80")
    assert lines[i + 1] == f"maximum lag: 3                                  F(  2,        77) =      {ref['F']:5.2f}"
    assert lines[i + 2].startswith(" " * 48 + "Prob > F          =     0.0")
    assert lines[i + 3] == "" and lines[i + 5] == "             |             Newey-West"
    assert lines[i + 6].startswith("           y |      Coef.   Std. Err.      t    P>|t|")


def test_predict_test_margins(do):
    printed, s = _fit(do, "newey y x1 x2, lag(3)\npredict xb\npredict r, resid\npredict sp, stdp\n"
                          "test x1 x2\nmargins")
    ref = REF["series_lag3"]
    X = np.column_stack([np.ones(80), SERIES.x1, SERIES.x2])
    xb = X @ np.array(ref["b"])
    np.testing.assert_allclose(s.data.numeric("xb"), xb, rtol=1e-7)
    np.testing.assert_allclose(s.data.numeric("r"), SERIES.y - xb, atol=1e-6)
    V = np.array(ref["V"])
    np.testing.assert_allclose(s.data.numeric("sp"), np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-7)
    assert f"F(  2,    77) =   {ref['F']:5.2f}" in printed
    assert "Model VCE    : Newey-West" in printed
    xbar = X.mean(axis=0)
    margin_se = float(np.sqrt(xbar @ V @ xbar))
    assert f"_cons |   {xb.mean():.6f}   {margin_se:.7f}".replace(" 0.", " .") in printed


def test_errors(do):
    rc, printed, _ = do("newey y x1, lag(1)", SERIES.copy())
    assert rc == 111 and "time variable not set" in printed
    for text, message in [("newey y x1", "option lag() required"), ("newey y x1, lag(-1)", "lag(-1) invalid"),
                          ("newey y x1 [fw=w], lag(1)", "fweight not allowed"),
                          ("newey y, lag(1) noconstant", "may not specify noconstant without regressors")]:
        rc, printed, _ = do("tsset t\n" + text, SERIES.copy())
        assert rc in (198, 101) and message in printed, text
    rc, printed, _ = do("gen t2 = 2*t\ntsset t2\nnewey y x1, lag(1)", SERIES.copy())
    assert rc == 198 and "t2 is regularly spaced, but does not have intervals of 1" in printed


def test_predict_options(do):
    _, s = _fit(do, "newey y x1 x2, lag(3)\npredict a, xb nooffset\npredict b")
    np.testing.assert_allclose(s.data.numeric("a"), s.data.numeric("b"))
    rc, printed, _ = do("tsset t\nnewey y x1 x2, lag(3)\npredict c, hat", SERIES.copy())
    assert rc == 198 and "option hat not allowed" in printed
    rc, printed, _ = do("tsset t\nnewey y x1 x2, lag(3)\npredict c, xb stdp", SERIES.copy())
    assert rc == 198 and "options xb and stdp may not be combined" in printed
