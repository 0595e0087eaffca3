"""cnsreg: numbers against R (tests/count_models_reference/cnsreg.R: lm on the substituted
regressors, sandwich's HC1 and clustered variances), e(), the (constrained) rows, the model F
test's dropped directions and cnsreg.ado's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "count_models_reference"
REF = json.loads((HERE / "cnsreg.json").read_text())
DATA = pd.read_csv(HERE / "heckman.csv").astype(float)
SETUP = "constraint 1 x1 = z1\nconstraint 2 _cons = 1\n"


def _fit(do, text):
    rc, printed, s = do(SETUP + text, DATA.copy())
    assert rc == 0, printed
    return printed, s


def test_equality_constraint(do):
    printed, s = _fit(do, "cnsreg works x1 z1 x2, constraints(1)")
    ref = REF["c1"]
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(b, [ref["coef"][1], ref["coef"][1], ref["coef"][2], ref["coef"][0]], rtol=1e-10)
    np.testing.assert_allclose(se, [ref["se"][1], ref["se"][1], ref["se"][2], ref["se"][0]], rtol=1e-9)
    assert s.e.scalars["rmse"] == pytest.approx(ref["rmse"], rel=1e-10)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert s.e.scalars["F"] == pytest.approx(ref["F"], rel=1e-9)
    assert s.e.scalars["df_m"] == 2 and s.e.scalars["df_r"] == len(DATA) - 4 + 1
    assert " ( 1)  x1 - z1 = 0" in printed
    assert "F(   2,    497) =     108.66" in printed
    np.testing.assert_allclose(s.e.matrices["Cns"].values, [[1, -1, 0, 0, 0]])


def test_cluster_robust(do):
    printed, s = _fit(do, "cnsreg works x1 z1 x2, c(1) vce(cluster cl)")
    ref = REF["c1"]["se_cluster"]
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se, [ref[1], ref[1], ref[2], ref[0]], rtol=1e-9)
    assert s.e.scalars["df_r"] == 39 and s.e.scalars["df_m"] == 2
    assert "(Std. Err. adjusted for 40 clusters in cl)" in printed


def test_constant_fixed_and_robust(do):
    printed, s = _fit(do, "cnsreg works x1 z1 x2, constraints(1 2) vce(robust)")
    ref = REF["c12"]
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(b, [ref["coef"][0], ref["coef"][0], ref["coef"][1], 1.0], rtol=1e-10)
    np.testing.assert_allclose(se[:3], [ref["se_robust"][0], ref["se_robust"][0], ref["se_robust"][1]], rtol=1e-9)
    assert s.e.scalars["rmse"] == pytest.approx(ref["rmse"], rel=1e-10)
    assert "       _cons |          1  (constrained)" in printed


def test_nonzero_constraint_leaves_no_model_test(do):
    printed, s = _fit(do, "constraint 3 x2 = 0.5\ncnsreg works x1 z1 x2, constraints(3)")
    assert np.isnan(s.e.scalars["F"]) and np.isnan(s.e.scalars["df_m"])


def test_predict_and_replay(do):
    printed, s = _fit(do, "quietly cnsreg works x1 z1 x2, constraints(1)\npredict xb\ncnsreg, level(90) nocnsreport")
    b = REF["c1"]["coef"]
    np.testing.assert_allclose(s.data.df.xb, b[0] + b[1] * (DATA.x1 + DATA.z1) + b[2] * DATA.x2, rtol=1e-6)
    assert "[90% Conf. Interval]" in printed and "( 1)" not in printed  # the fit was quiet


@pytest.mark.parametrize("text, message, rc", [
    ("cnsreg works x1 z1", "constraints() required", 198),
    ("cnsreg works x1 z1, constraints(7)", "constraint (7) not defined", 111),
    ("constraint 4 x1 = 1\nconstraint 5 x1 = 2\ncnsreg works x1 z1, constraints(4 5)", "constraints are inconsistent", 412),
    ("cnsreg works x1 z1, constraints(1) vce(robust) mse1", "may not be combined", 198),
])
def test_errors(do, text, message, rc):
    got, printed, _ = do(SETUP + text, DATA.copy())
    assert got == rc, printed
    assert message in printed
