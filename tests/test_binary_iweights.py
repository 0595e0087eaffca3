"""logit, logistic, probit and cloglog with iweights ([R] logit: "fweights, iweights, and pweights
are allowed"; logit.ado, probit.ado, cloglog.ado, logistic.ado: ``syntax ... [fw pw iw]``): the log
likelihood weighted by w, V the inverse of its negative Hessian, vce(robust) the sandwich of the
weighted scores times N/(N-1), e(N) the observations (ml_model counts rows for all but
fweights).  Numbers against R's glm() with prior weights
(tests/reference_values/binary_iweight_reference.R and .json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = json.loads((Path(__file__).resolve().parent / "reference_values/binary_iweight_reference.json")
                 .read_text())["fits"]


def data() -> pd.DataFrame:
    i = np.arange(1, 81)
    x = np.sin(i * 0.7) * 2
    return pd.DataFrame({"x": x, "z": ((i * 5) % 9) / 4, "w": 0.25 + ((i * 7) % 11) / 5,
                         "y": ((((i * 13) % 7) < 3) | (x > 1.5)).astype(float)})


@pytest.mark.parametrize("command, link", [("logit", "logit"), ("probit", "probit"), ("cloglog", "cloglog"),
                                           ("logistic", "logit")])
def test_against_glm_with_prior_weights(do, command, link):
    ref = REF[link]
    rc, out, s = do(f"{command} y x z [iw=w]", data())
    assert rc == 0, out
    e = s.e
    np.testing.assert_allclose(e.matrices["b"].values[0], ref["b"], rtol=1e-7)
    np.testing.assert_allclose(e.matrices["V"].values, ref["V"], rtol=1e-6)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert e.scalars["ll_0"] == pytest.approx(ref["ll_0"], rel=1e-10)
    assert e.scalars["N"] == 80 and e.macros["wtype"] == "iweight" and e.macros["wexp"] == "= w"
    assert e.macros["crittype"] == "log likelihood" and e.macros["chi2type"] == "LR"
    assert "Number of obs   =         80" in out
    rc, out, s = do(f"{command} y x z [iw=w], vce(robust)", data())
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V_robust"], rtol=1e-6)
    assert s.e.macros["vcetype"] == "Robust"


def test_iweights_stay_refused_where_stata_refuses(do):
    rc, out, _ = do("logit y x [aw=w]", data())
    assert rc == 101 and "aweights not allowed" in out


def test_jackknife_leaves_each_observation_out_with_the_others_iweights(do):
    """vce(jackknife): _vce_parserun's jackknife with iweights runs _loop_jknife_iw (each
    observation out, the others keep their iweights) and sums the replicates [iw = (n-1)/n]
    (``mlmcli.replicate_variance``); R refits the weighted glm without each row."""
    ref = REF["logit_jackknife"]
    rc, out, s = do("logit y x z [iw=w], vce(jackknife, nodots)", data())
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V"], rtol=1e-6)
    assert s.e.scalars["df_r"] == ref["df_r"] and s.e.scalars["N_reps"] == 80
    np.testing.assert_allclose(s.e.matrices["b"].values[0], REF["logit"]["b"], rtol=1e-7)
