"""stcrreg with stset weights: fweights against R's cmprsk::crr on the Melanoma data expanded
by the weights (tests/survival_reference/crr_fweights.R and .json), with and without tvc();
pweights (the same b, the w^2 sandwich, the log pseudolikelihood of the weights rescaled to
sum to N); iweights: test_survival_stcrreg_iweights.py."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "crr_fweights.json").read_text())
WEIGHTS = "generate w = 1 + mod(_n - 1, 3)\n"


@pytest.fixture
def melanoma():
    return pd.read_csv(HERE / "melanoma.csv").astype(float)


def _b_se(s):
    return s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("key, model", [
    ("fw", "stcrreg age sex thickness, compete(status==3)"),
    ("fw_tvc", "stcrreg age sex, compete(status==3) tvc(ulcer) texp(ln(_t))")])
def test_fweights_match_crr_on_expanded_data(do, melanoma, key, model):
    rc, out, s = do(WEIGHTS + "stset time [fweight=w], failure(status==1)\n" + model
                    + "\npredict double h0, basecshazard", df=melanoma.copy())
    assert rc == 0, out
    ref = REF[key]
    n = ref["N"]
    b, se = _b_se(s)
    assert np.allclose(b, ref["b"], rtol=1e-7, atol=1e-12)
    assert np.allclose(se, np.array(ref["se"]) * np.sqrt(n / (n - 1)), rtol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert s.e.scalars["N"] == n and s.e.scalars["N_fail"] == 120 and s.e.scalars["N_compete"] == 26
    assert "No. of obs       =        409" in out and "No. censored     =        263" in out
    assert s.e.macros["wtype"] == "fweight" and s.e.macros["wexp"] == "= w"
    h0, t = s.data.numeric("h0"), s.data.numeric("_t")
    order = np.argsort(t, kind="stable")
    np.testing.assert_allclose(h0[order][np.searchsorted(t[order], ref["times"])], ref["basecsh"], rtol=1e-7)


def test_pweights(do, melanoma):
    model = "stcrreg age sex thickness, compete(status==3)"
    rc, out, s = do(WEIGHTS + "stset time [pweight=w], failure(status==1)\n" + model, df=melanoma.copy())
    assert rc == 0, out
    b, se = _b_se(s)
    # the estimating equations are the fweights' ones: the same b
    assert np.allclose(b, REF["fw"]["b"], rtol=1e-7)
    assert s.e.scalars["N"] == 205 and s.e.macros["wtype"] == "pweight"
    # the sandwich sums (w u)(w u)' over the 205 records, not w copies of u u': larger here
    assert np.all(se > np.array(REF["fw"]["se"]) * 1.05)
    # constant pweights leave b and V unweighted (crr_melanoma.json's values for these covariates)
    rc, out, s2 = do("generate w = 2.5\nstset time [pweight=w], failure(status==1)\n" + model, df=melanoma.copy())
    rc, out, s3 = do("stset time, failure(status==1)\n" + model, df=melanoma.copy())
    np.testing.assert_allclose(_b_se(s2)[0], _b_se(s3)[0], rtol=1e-8)
    np.testing.assert_allclose(_b_se(s2)[1], _b_se(s3)[1], rtol=1e-8)
    # stcrreg.ado rescales pweights to sum to N: constant ones give the unweighted ll too
    assert s2.e.scalars["ll"] == pytest.approx(s3.e.scalars["ll"], rel=1e-10)


def test_fpfitci_stcrreg_fweights_match_crr(new_session, melanoma):
    from graphs_helpers import drawn, run
    from scipy.stats import norm

    ref = json.loads((HERE / "fpfit_stcrreg_fweights.json").read_text())
    s = new_session(melanoma)
    run(s, WEIGHTS + "stset time [fweight=w], failure(status==1)")
    graph, fig = drawn(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-7)
