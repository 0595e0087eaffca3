"""poisson, nbreg, ologit and oprobit with iweights ([R] poisson, nbreg, ologit, oprobit:
"fweights, iweights, and pweights are allowed"): the log likelihood weighted by w, V the inverse
of its negative Hessian, vce(robust) the sandwich of the weighted scores times N/(N-1), e(N) the
observations (ml_model counts rows for all but fweights), the header's ``Log likelihood`` (a
pseudolikelihood only with vce(robust)).  Numbers against R's glm(), MASS::glm.nb() and
MASS::polr() with weights, the observed Hessian by optimHess
(tests/reference_values/count_ordinal_iweight_reference.R and .json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = json.loads((Path(__file__).resolve().parent / "reference_values/count_ordinal_iweight_reference.json")
                 .read_text())["fits"]


def data() -> pd.DataFrame:
    i = np.arange(1, 81)
    x = np.sin(i * 0.7) * 2
    cnt = (i * 13) % 7 + (x > 1.5)
    return pd.DataFrame({"x": x, "z": ((i * 5) % 9) / 4, "w": 0.25 + ((i * 7) % 11) / 5,
                         "cnt": cnt.astype(float), "o": (1 + (cnt > 2) + (cnt > 4)).astype(float)})


@pytest.mark.parametrize("command, depvar", [("poisson", "cnt"), ("nbreg", "cnt"), ("ologit", "o"),
                                             ("oprobit", "o")])
def test_against_r_with_weights(do, command, depvar):
    ref = REF[command]
    rc, out, s = do(f"{command} {depvar} x z [iw=w]", data())
    assert rc == 0, out
    e = s.e
    np.testing.assert_allclose(e.matrices["b"].values[0], ref["b"], rtol=1e-6)
    np.testing.assert_allclose(e.matrices["V"].values, ref["V"], rtol=1e-5, atol=1e-10)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert e.scalars["ll_0"] == pytest.approx(ref["ll_0"], rel=1e-9)
    assert e.scalars["N"] == 80 and e.macros["wtype"] == "iweight" and e.macros["wexp"] == "= w"
    assert e.macros["crittype"] == "log likelihood" and e.macros["chi2type"] == "LR"
    assert "Number of obs   =         80" in out and "Log likelihood = " in out
    assert "pseudolikelihood" not in out
    rc, out, s = do(f"{command} {depvar} x z [iw=w], vce(robust)", data())
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V_robust"], rtol=1e-5, atol=1e-10)
    assert s.e.macros["vcetype"] == "Robust" and "Log pseudolikelihood = " in out


@pytest.mark.parametrize("command", ["poisson", "nbreg", "ologit", "oprobit"])
def test_aweights_stay_refused(do, command):
    rc, out, _ = do(f"{command} cnt x [aw=w]", data())
    assert rc == 101 and "aweights not allowed" in out


@pytest.mark.parametrize("command, depvar", [("poisson", "cnt"), ("nbreg", "cnt"), ("ologit", "o"),
                                             ("oprobit", "o")])
def test_jackknife_leaves_each_observation_out_with_the_others_iweights(do, command, depvar):
    """vce(jackknife): _loop_jknife_iw's iweight case (the others keep their iweights, the
    replicates summed [iw = (n-1)/n]); R refits without each row."""
    ref = REF[f"{command}_jackknife"]
    rc, out, s = do(f"{command} {depvar} x z [iw=w], vce(jackknife, nodots)", data())
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V"], rtol=1e-5)
    assert s.e.scalars["df_r"] == ref["df_r"] and s.e.scalars["N_reps"] == 80
    np.testing.assert_allclose(s.e.matrices["b"].values[0], REF[command]["b"], rtol=1e-6)
    assert "Jackknife" in out and "Replications    =         80" in out
