"""svy: tobit and svy: intreg (linearized): numbers against R (tests/survey_reference/
replicate_reference.R: svysurvreg's gaussian tobit; intreg by the weighted likelihood's scores
and observed Hessian through svyrecvar), the table's ancillary rows, e(b)'s names."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

REF = Path(__file__).resolve().parent / "survey_reference"
SETUP = ("svyset psu [pw=w], strata(stratum)\ngenerate lo = cond(y < 1, ., floor(y))\n"
         "generate hi = cond(y > 5, ., floor(y) + 1)\n")


def _reference(case: str) -> dict:
    with open(REF / "replicate_values.csv") as f:
        return {r["name"]: (float(r["estimate"]), float(r["se"])) for r in csv.DictReader(f) if r["case"] == case}


@pytest.fixture(scope="module")
def frame():
    import pandas as pd

    return pd.read_csv(REF / "replicate_design.csv")


def _b_se(e, name):
    names = e.matrices["b"].colnames
    j = names.index(name)
    return e.matrices["b"].values[0, j], np.sqrt(e.matrices["V"].values[j, j])


def test_tobit(do, frame):
    rc, out, s = do(SETUP + "svy: tobit y x, ll(1)\n", df=frame)
    assert rc == 0, out
    ref = _reference("tobit")
    for name in ("x", "_cons"):
        b, se = _b_se(s.e, f"model:{name}")
        assert b == pytest.approx(ref[name][0], rel=1e-6) and se == pytest.approx(ref[name][1], rel=1e-6)
    sigma, se = _b_se(s.e, "sigma:_cons")  # tobit posts sigma; its SE by the delta method
    ln, se_ln = ref["lnsigma"]
    assert sigma == pytest.approx(np.exp(ln), rel=1e-6) and se == pytest.approx(np.exp(ln) * se_ln, rel=1e-6)
    assert "Survey: Tobit regression" in out and "      /sigma |   1.321977   .1259924" in out
    assert s.e.scalars["df_r"] == 12


def test_intreg(do, frame):
    rc, out, s = do(SETUP + "svy: intreg lo hi x\n", df=frame)
    assert rc == 0, out
    ref = _reference("intreg")
    for name, stored in (("x", "model:x"), ("_cons", "model:_cons"), ("lnsigma", "lnsigma:_cons")):
        b, se = _b_se(s.e, stored)
        assert b == pytest.approx(ref[name][0], rel=1e-6) and se == pytest.approx(ref[name][1], rel=1e-6)
    lines = out.splitlines()
    assert any(line.startswith("    /lnsigma |") for line in lines) and any(line.startswith("       sigma |")
                                                                           for line in lines)


def test_replicates_and_refusals(do, frame):
    rc, out, s = do(SETUP + "svy jackknife, nodots: tobit y x, ll(1)\n", df=frame)
    assert rc == 0, out
    assert s.e.macros["vce"] == "jackknife" and "             |              Jackknife" in out
    rc, out, s = do(SETUP + "svy: intreg lo hi x, het(x)\n", df=frame)
    assert rc == 198 and "het() is not supported" in out
