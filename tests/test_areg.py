"""``areg``: estimates, conventional/robust/cluster standard errors and the absorbed F
test against R (the dummy-variable regression and the sandwich package,
tests/reference_values/xtreg_reference.R), Stata 13's layout, predict and refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "xtreg_reference.json").read_text())["areg"]


@pytest.fixture
def df():
    return pd.read_csv(REF_DIR / "panel_unbalanced.csv").astype(float)


@pytest.mark.parametrize("opt,key", [("", "se"), ("vce(robust)", "se_robust"), ("vce(cluster id)", "se_cluster")])
def test_standard_errors_equal_the_dummy_variable_regression(do, df, opt, key):
    rc, out, s = do(f"areg y x1 d, absorb(id) {opt}", df=df)
    assert rc == 0, out
    c = s.e.coefficients()
    np.testing.assert_allclose(c.b[:2], REF["b"], rtol=1e-10)
    np.testing.assert_allclose(np.sqrt(np.diag(c.V))[:2], REF[key], rtol=1e-9)
    for name in ("r2", "r2_a", "rmse"):
        np.testing.assert_allclose(s.e.scalars[name], REF[name], rtol=1e-10)
    if not opt:
        np.testing.assert_allclose(s.e.scalars["F_absorb"], REF["F_absorb"], rtol=1e-9)


def test_layout(do, df):
    rc, out, _ = do("areg y x1 d, absorb(id)", df=df)
    assert rc == 0
    lines = out.splitlines()
    assert lines[1] == "Linear regression, absorbing indicators           Number of obs   =        199"
    assert lines[2] == "                                                  F(   2,    157) =     139.24"
    assert lines[6] == "                                                  Root MSE        =     0.6022"
    assert lines[-2] == "          id |        F(39, 157) =     16.050   0.000          (40 categories)"
    assert lines[-3].startswith("-------------+---") and lines[-1] == "-" * 78
    rc, out, _ = do("areg y x1 d, absorb(id) robust", df=df)
    assert out.splitlines()[-2] == "          id |   absorbed" + "(40 categories)".rjust(53)


def test_predictions(do, df):
    rc, out, s = do("quietly areg y x1 d, absorb(id)\npredict xb\npredict dd, d\npredict r, r\npredict dr, dr\n"
                    "predict xbd, xbd", df=df)
    assert rc == 0, out
    d = s.data.df
    b = s.e.coefficients().b
    xb = b[0] * d.x1 + b[1] * d.d + b[2]
    dg = (d.y - xb).groupby(d.id).transform("mean")
    for name, want in (("xb", xb), ("dd", dg), ("r", d.y - xb - dg), ("dr", d.y - xb), ("xbd", xb + dg)):
        np.testing.assert_allclose(d[name], want, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("text,rc,message", [
    ("areg y x1", 198, "option absorb() required"),
    ("areg y x1, absorb(nosuch)", 111, "variable nosuch not found"),
    ("areg y x1 [iw=x1], absorb(id)", 101, "iweights not allowed"),
    ("areg y x1, absorb(id) vce(boot x1)", 198, "vce(bootstrap x1): words before the comma"),
    ("areg", 301, "last estimates not found"),
])
def test_refusals(do, df, text, rc, message):
    got, out, _ = do(text, df=df)
    assert got == rc and message in out, out
