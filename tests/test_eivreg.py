"""eivreg: numbers against R (tests/eivreg_reference/eivreg.R: [R] eivreg's formulas computed
directly, and lm() when every reliability is 1), eivreg.ado's header and its errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "eivreg_reference"
DATA = pd.read_csv(HERE / "eiv.csv").astype(float)


def _reference() -> dict:
    out = {}
    for line in (HERE / "eivreg_values.txt").read_text().splitlines():
        tag, what, *values = line.split()
        out[(tag, what)] = np.array([float(v) for v in values])
    return out


REF = _reference()


def _fit(do, text):
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    return printed, s


@pytest.mark.parametrize("tag, text", [
    ("r80_90", "eivreg y x1 x2 g, r(x1 .8 x2 .9)"),
    ("fw75", "eivreg y x1 x2 g [fw=w], reliab(x1 .75)"),
    ("aw75", "eivreg y x1 x2 g [aw=w], r(x1 .75)"),
])
def test_estimates_against_r(do, tag, text):
    _, s = _fit(do, text)
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(b, REF[(tag, "b")], rtol=1e-8)
    np.testing.assert_allclose(se, REF[(tag, "se")], rtol=1e-8)
    rmse, r2, F = REF[(tag, "stats")]
    assert s.e.scalars["rmse"] == pytest.approx(rmse, rel=1e-8)
    assert s.e.scalars["r2"] == pytest.approx(r2, rel=1e-8)
    assert s.e.scalars["F"] == pytest.approx(F, rel=1e-8)
    assert s.e.macros["cmd"] == "eivreg"


def test_full_reliability_is_ols(do):
    _, s = _fit(do, "eivreg y x1 x2 g")
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REF[("lm", "b")], rtol=1e-8)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), REF[("lm", "se")], rtol=1e-8)
    assert s.e.macros["rellist"] == "* 1" and s.e.scalars["N"] == 60 and s.e.scalars["df_r"] == 56


def test_header_as_eivreg_ado(do):
    printed, s = _fit(do, "eivreg y x1 x2 g, r(x1 .8 x2 .9)")
    lines = printed.splitlines()
    top = lines.index("                   assumed                      Errors-in-variables regression")
    assert lines[top + 1:top + 8] == [
        "    variable     reliability",
        "----------------------------                    Number of obs     =         60",
        "          x1       0.8000                       F(  3,        56) =      24.96",
        "          x2       0.9000                       Prob > F          =     0.0000",
        "           *       1.0000                       R-squared         =     0.6102",
        "                                                Root MSE          =    2.56288",
        ""]
    assert s.e.macros["rellist"] == "x1 .8 x2 .9 * 1"
    assert "          x1 |   1.213013   .1816438     6.68   0.000" in printed
    rc, replay, _ = do("eivreg", session=s)
    assert rc == 0 and "Errors-in-variables regression" in replay and "1.213013" in replay


@pytest.mark.parametrize("text, rc, message", [
    ("eivreg y x1 x2 g, r(y .5)", 111, "y not independent variable"),
    ("eivreg y x1 x2 g, r(x1 1.5)", 399, "0 < r <= 1 required"),
    ("eivreg y x1 x2 g, r(x1 0)", 399, "0 < r <= 1 required"),
    ("eivreg y x1 x2 g, r(x1 .2)", 399, "reliability r() too small"),
    ("eivreg y x1 x2 g [pw=w]", 101, "pweight not allowed"),
    ("eivreg", 301, "last estimates not found"),
])
def test_errors(do, text, rc, message):
    got, printed, s = do(text, DATA.copy())
    assert got == rc and message in printed
    assert s.data.nobs == 60 and s.e is None
