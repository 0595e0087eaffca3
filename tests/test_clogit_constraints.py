"""clogit's constraints(numlist): ml's constrained conditional logit (the fit over gamma,
``commands.estimation.conditional_constraints``) against survival::clogit of the model
re-expressed (tests/reference_values/clogit_constraints_reference.R: a fixed coefficient as
an offset, x1 = x2 as one covariate x1 + x2; the robust variance by enumeration), the
constraint lines, the (constrained) row, ml's Wald model test and the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "clogit_constraints_reference.json").read_text())
DEFINE = "constraint 1 x1 = 0.5\nconstraint 2 x1 = x2\nconstraint 3 bogus = 1\n"


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "conditional_panels.csv").astype(float)


def _b_se(s):
    return s.e.matrices["b"].values[0], np.sqrt(np.diag(s.e.matrices["V"].values))


def test_fixed_coefficient_is_an_offset(do, panels):
    rc, out, s = do(DEFINE + "clogit yb x1 x2, group(id) constraints(1) nolog", df=panels)
    assert rc == 0, out
    ref = REF["fixed"]
    b, se = _b_se(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(se, [0.0, ref["se2"]], rtol=1e-6, atol=1e-12)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert s.e.macros["chi2type"] == "Wald" and s.e.scalars["df_m"] == 1
    assert s.e.scalars["chi2"] == pytest.approx(ref["wald"], rel=1e-5)
    assert " ( 1)  [yb]x1 = .5" in out and "x1 |         .5  (constrained)" in out
    assert "Wald chi2(1)    =       0.00" in out


@pytest.mark.parametrize("extra, case, se_word", [("", "equal", "Std. Err."),
                                                   ("vce(robust)", "equal_robust", "Robust")])
def test_equal_coefficients(do, panels, extra, case, se_word):
    rc, out, s = do(DEFINE + f"clogit yb x1 x2, group(id) constraints(2) {extra} nolog", df=panels)
    assert rc == 0, out
    ref = REF[case]
    b, se = _b_se(s)
    np.testing.assert_allclose(b, [ref["g"]] * 2, rtol=1e-7)
    np.testing.assert_allclose(se, [ref["se"]] * 2, rtol=1e-6)
    assert s.e.scalars["chi2"] == pytest.approx(ref["wald"], rel=1e-6) and s.e.scalars["df_m"] == 1
    np.testing.assert_array_equal(s.e.matrices["Cns"].values, [[1, -1, 0]])
    assert " ( 1)  [yb]x1 - [yb]x2 = 0" in out and se_word in out


def test_constraint_naming_what_the_model_lacks(do, panels):
    rc, out, s = do(DEFINE + "clogit yb x1 x2, group(id) constraints(2 3) nolog", df=panels)
    assert rc == 0 and "(note: constraint number 3 caused error r(111))" in out, out
    assert s.e.scalars["chi2"] == pytest.approx(REF["equal"]["wald"], rel=1e-6)


@pytest.mark.parametrize("extra, message", [
    ("vce(opg)", "option constraints() with vce(opg) not supported by mlmcli"),
    ("technique(bhhh)", "option constraints() with vce(opg) not supported by mlmcli"),
    ("technique(bfgs) vce(oim)", "option technique() with constraints() not supported by mlmcli"),
])
def test_refused(do, panels, extra, message):
    rc, out, s = do(DEFINE + f"clogit yb x1 x2, group(id) constraints(2) {extra}", df=panels)
    assert rc == 198 and message in out, out
