"""reg3: 3SLS, 2SLS and iterated 3SLS against R's systemfit (tests/systems_reference/reg3.R), the
exogenous/endogenous lists reg3.ado builds, Stata 13's layout with its footer, first, and errors."""
from __future__ import annotations

import numpy as np
import pytest
from systems_helpers import DATA, check_b_V, check_error, reference, run_ok

REF = reference("reg3")
SUR = reference("sureg_mvreg")
SYSTEM = "reg3 (y1 y2 x1 x2) (y2 y1 x3)"
_fit, _check = run_ok, check_b_V


def test_three_stage_least_squares(do):
    printed, s = _fit(do, SYSTEM)
    _check(s, REF["threesls"])
    assert s.e.macros["cmd"] == "reg3" and s.e.macros["method"] == "3sls"
    assert s.e.macros["endog"] == "y1 y2" and s.e.macros["exog"] == "x1 x2 x3"
    lines = printed.splitlines()
    at = lines.index("Three-stage least-squares regression")
    assert lines[at + 2] == 'Equation          Obs  Parms        RMSE    "R-sq"       chi2        P'
    assert "Endogenous variables:  y1 y2 " in lines and "Exogenous variables:   x1 x2 x3 " in lines
    assert lines[-1] == "-" * 78


def test_two_stage_least_squares_is_small_and_dfk(do):
    printed, s = _fit(do, SYSTEM + ", 2sls")
    _check(s, REF["twosls"])
    assert s.e.macros["small"] == "small" and s.e.macros["dfk"] == "dfk" and s.e.macros["corr"] == "independent"
    assert "Two-stage least-squares regression" in printed and "F-Stat" in printed
    assert s.e.scalars["df_r"] == 2 * 48 - 7


def test_ireg3(do):
    printed, s = _fit(do, SYSTEM + ", ireg3")
    _check(s, REF["ireg3"], rtol=1e-5)
    assert "Three-stage least-squares regression, iterated" in printed


def test_sure_and_inst_give_the_same_system(do):
    _, s = _fit(do, "reg3 (y1 x1 x2) (y2 x1 x3) (y3 x2), sure")
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), SUR["sure"]["b"], rtol=1e-8)
    assert "Endogenous variables" not in _fit(do, "reg3 (y1 x1 x2) (y2 x1 x3), sure")[0]
    _, a = _fit(do, SYSTEM + ", inst(x1 x2 x3)")
    _check(a, REF["threesls"])
    _, b = _fit(do, SYSTEM + ", exog(x3)")
    _check(b, REF["threesls"])


def test_exog_overrides_a_dependent_variable(do):
    printed, s = _fit(do, SYSTEM + ", exog(y1)")
    assert s.e.macros["endog"] == "y2" and s.e.macros["exog"] == "y1 x1 x2 x3"
    assert "Endogenous variables:  y2 " in printed


def test_first_prints_regress_and_keeps_e(do):
    printed, s = _fit(do, SYSTEM + ", first")
    assert printed.count("First-stage regressions") == 1 and printed.count("Number of obs =      48") == 2
    assert s.e.macros["cmd"] == "reg3"


def test_replay_and_predict(do):
    printed, s = _fit(do, SYSTEM + "\nreg3\npredict r1, eq(y1) residuals")
    assert printed.count("Three-stage least-squares regression") == 2
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(s.data.df.r1, DATA.y1 - (b[0] * DATA.y2 + b[1] * DATA.x1 + b[2] * DATA.x2 + b[3]),
                               atol=1e-6)


@pytest.mark.parametrize("text, rc, message", [
    (SYSTEM + ", 2sls ols", 198, "cannot specify more that one estimation method: 2sls ols"),
    (SYSTEM + ", inst(x1) exog(x2)", 198, "cannot specify an instrument list with an exogenous or endogenous list."),
    ("reg3 (y1 y2 x1 x2 x3) (y2 y1 x1 x2 x3)", 481, "Equation is not identified -- does not meet order conditions"),
    (SYSTEM + ", corr(bogus)", 198, "Unsupported disturbance correlation specified: bogus"),
    (SYSTEM + ", exog(nosuch)", 111, "variable nosuch not found"),
])
def test_errors(do, text, rc, message):
    check_error(do, text, rc, message)
