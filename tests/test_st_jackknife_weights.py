"""stcox and streg under vce(jackknife) with stset pweights and iweights: jackknife.ado reruns the
command with the st weights leaving each record out (_vce_parserun refuses iweights only for
stcrreg) and sums with (n-1)/n (pweights; df_r = n - 1) or [iw = (n-1)/n] (iweights; df_r =
round(n (n-1)/n)).  Checked against R's coxph/survreg leave-one-out on the weighted data
(tests/survival_reference/st_jackknife_weights.R and .json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "st_jackknife_weights.json").read_text())
DATA = pd.read_csv(HERE / "st_jackknife_weights.csv")

MODELS = {"cox": "stcox x x2, vce(jackknife)", "weibull": "streg x x2, dist(weibull) vce(jackknife)",
          "exponential": "streg x x2, dist(exponential) vce(jackknife)"}


@pytest.mark.parametrize("weight", ["pweight", "iweight"])
@pytest.mark.parametrize("model", list(MODELS))
def test_jackknife_with_st_weights_matches_r(do, model, weight):
    rc, out, s = do(f"stset t [{weight}=w], failure(d)\n{MODELS[model]}", df=DATA.copy())
    assert rc == 0, out
    ref = REF[model]
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(s.e.matrices["V"].values, ref[f"V_{weight}"], rtol=1e-4, atol=1e-8)
    assert s.e.macros["vce"] == "jackknife" and s.e.macros["wtype"] == weight
    assert s.e.scalars["df_r"] == (REF["n"] - 1 if weight == "pweight" else ref["df_iweight"])
    assert "Jackknife replications (40)" in out and "Jackknife" in out.split("Conf. Interval]")[0]
    crit = "Log pseudolikelihood" if weight == "pweight" else "Log likelihood"
    assert crit in out and s.e.macros["crittype"] == crit.lower()


def test_stcrreg_iweights_still_refused(do):
    """_vce_parserun's own refusal for stcrreg alone."""
    df = DATA.copy()
    df["d"] = np.where(df["x2"] == 1, 2 * df["d"], df["d"])
    rc, out, s = do("stset t [iweight=w], failure(d==1)\nstcrreg x, compete(d==2) vce(jackknife)", df=df)
    assert rc == 198 and "iweights are not allowed with stcrreg and vce(jackknife)" in out


@pytest.mark.parametrize("weight", ["pweight", "iweight"])
def test_prefix_typed_equals_vce(do, weight):
    rc, out, s = do(f"stset t [{weight}=w], failure(d)\njackknife, nodots: stcox x x2", df=DATA.copy())
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, REF["cox"][f"V_{weight}"], rtol=1e-4, atol=1e-8)
