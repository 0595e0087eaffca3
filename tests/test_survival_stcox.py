"""stcox: the Cox partial likelihood against R's survival::coxph (tests/survival_reference/
cox_lung.R and .json), its output against Stata's on the same data, e(), predict and Stata's
errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "cox_lung.json").read_text())

# Stata's output of `stset time_years, failure(died == 1)` / `stcox age female, hr` on R's lung
# data, from a public do-file (Stata 14; Stata 13 prints these lines the same: no number here
# reaches a thousands comma)
STATA_STCOX = """
         failure _d:  died == 1
   analysis time _t:  time_years

Iteration 0:   log likelihood = -750.12202
Iteration 1:   log likelihood = -743.09465
Iteration 2:   log likelihood = -743.07965
Iteration 3:   log likelihood = -743.07965
Refining estimates:
Iteration 0:   log likelihood = -743.07965

Cox regression -- Breslow method for ties

No. of subjects =          228                  Number of obs    =         228
No. of failures =          165
Time at risk    =  190.5404664
                                                LR chi2(2)       =       14.08
Log likelihood  =   -743.07965                  Prob > chi2      =      0.0009

------------------------------------------------------------------------------
          _t | Haz. Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
         age |   1.017158   .0093802     1.84   0.065     .9989388     1.03571
      female |   .5989574   .1003026    -3.06   0.002      .431372    .8316487
------------------------------------------------------------------------------"""


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


SETUP = "gen time_years = time/365.24\nstset time_years, failure(died == 1)\n"


def _b_se(session):
    b = session.e.matrices["b"].values.ravel()
    return b, np.sqrt(np.diag(session.e.matrices["V"].values))


def test_output_matches_stata(do, lung):
    rc, out, s = do(SETUP + "stcox age female, hr", df=lung)
    assert rc == 0
    assert STATA_STCOX.strip("\n") in out


@pytest.mark.parametrize("options, key, adjust", [
    ("", "breslow", 1.0), ("efron", "efron", 1.0),
    # coxph's robust variance has no small-sample factor; Stata's has N/(N-1) unless noadjust
    ("vce(robust)", "breslow_robust", 228 / 227), ("efron vce(robust)", "efron_robust", 228 / 227),
    ("vce(robust) noadjust", "breslow_robust", 1.0)])
def test_estimates_match_coxph(do, lung, options, key, adjust):
    rc, out, s = do(SETUP + f"stcox age female, {options}", df=lung)
    assert rc == 0
    b, se = _b_se(s)
    ref = REF[key]
    assert np.allclose(b, ref["b"], rtol=1e-7, atol=1e-10)
    assert np.allclose(se, np.array(ref["se"]) * np.sqrt(adjust), rtol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll0"], rel=1e-10)
    title = "Efron method for ties" if "efron" in options else "Breslow method for ties"
    assert f"Cox regression -- {title}" in out


def test_efron_refuses_weights(do, lung):
    lung["w"] = 1 + (np.arange(1, len(lung) + 1) % 3)
    rc, out, s = do("stset time [fw=w], failure(died)\nstcox age, efron", df=lung)
    assert rc == 101 and "weights not allowed with efron" in out


@pytest.mark.parametrize("ties", ["breslow"])
def test_delayed_entry_and_frequency_weights_match_coxph(do, lung, ties):
    lung["w"] = 1 + (np.arange(1, len(lung) + 1) % 3)
    rc, out, s = do(f"stset time [fw=w], failure(died) enter(time 30)\nstcox age female ph_ecog, {ties}", df=lung)
    assert rc == 0
    ref = REF[f"entry_fweight_{ties}"]
    b, se = _b_se(s)
    assert np.allclose(b, ref["b"], rtol=1e-7)
    assert np.allclose(se, ref["se"], rtol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    keep = (lung["time"] > 30) & lung["ph_ecog"].notna()
    assert s.e.scalars["N"] == lung.loc[keep, "w"].sum()


def test_robust_header_and_e(do, lung):
    rc, out, s = do(SETUP + "stcox age female, vce(robust) nolog", df=lung)
    assert "No. of subjects      =          228" in out
    assert "Log pseudolikelihood =   -743.07965             Prob > chi2      =" in out
    assert "|               Robust" in out and "Wald chi2(2)" in out and "Iteration" not in out
    e = s.e
    assert e.macros["cmd"] == "cox" and e.macros["cmd2"] == "stcox" and e.macros["vcetype"] == "Robust"
    assert e.scalars["N_fail"] == 165 and e.scalars["risk"] == pytest.approx(69593 / 365.24)


def test_predict_hr_and_xb(do, lung):
    rc, out, s = do(SETUP + "stcox age female\npredict h\npredict x, xb", df=lung)
    assert "(option hr assumed; relative hazard)" in out   # stcox_p's note and label
    b = REF["breslow"]["b"]
    xb = b[0] * lung["age"] + b[1] * lung["female"]
    assert np.allclose(s.data.numeric("x"), xb, rtol=1e-7)
    assert np.allclose(s.data.numeric("h"), np.exp(xb), rtol=1e-7)
    assert s.data.var_labels["h"] == "Relative hazard"


@pytest.mark.parametrize("text, message, code", [
    ("stcox age", "data not st", 119),
    (SETUP + "stcox age [fw=age]", "weights not allowed", 101),
    (SETUP + "stcox age, shared(female) exactp", "option exactp not allowed for shared frailty models", 198),
    (SETUP + "stcox age, efron breslow", "may specify only one of exactm, exactp, efron, and breslow", 198),
    ("stcox", "last estimates not found", 301),
])
def test_stata_errors(do, lung, text, message, code):
    rc, out, s = do(text, df=lung)
    assert rc == code and message in out


def test_replay(do, lung):
    rc, out, s = do(SETUP + "quietly stcox age female\nstcox, nohr", df=lung)
    assert rc == 0 and "      Coef." in out and "Iteration" not in out.split("stcox, nohr")[-1]


def test_fit_object_implements_the_interface(do, lung):
    from mlmcli.estimation.interface import EstimationFit, MarginsFit, MultilevelFit

    rc, out, s = do(SETUP + "quietly stcox age female\nmargins, at(female=(0 1))", df=lung)
    fit = s.e.model
    assert isinstance(fit, EstimationFit) and isinstance(fit, MarginsFit) and not isinstance(fit, MultilevelFit)
    b, V = fit.e_matrices()
    assert b.colnames == ("age", "female") and np.array_equal(V.values, s.e.matrices["V"].values)
    # margins' default after stcox: the hazard ratio exp(x b) averaged over the sample
    bb = REF["breslow"]["b"]
    m0 = np.mean(np.exp(bb[0] * lung["age"]))
    assert "Expression   : Predicted hazard ratio, predict()" in out
    assert f"{m0:.6f}"[:7] in out


def test_engine_efron_with_frequency_weights_is_the_expanded_data(lung):
    # the command refuses weights with efron (as Stata); the engine counts tied failures with their
    # weights, which R fits on the expanded data
    from mlmcli.survival.cox import CoxData, fit_cox

    w = 1 + (np.arange(1, len(lung) + 1) % 3)
    keep = (lung["time"] > 30).to_numpy() & lung["ph_ecog"].notna().to_numpy()
    X = lung.loc[keep, ["age", "female", "ph_ecog"]].to_numpy(float)
    data = CoxData(t0=np.full(keep.sum(), 30.0), t=lung["time"].to_numpy(float)[keep],
                   d=lung["died"].to_numpy(float)[keep], X=X, w=w[keep].astype(float), ties="efron")
    lik, res, V, ll0 = fit_cox(data)
    ref = REF["entry_fweight_efron"]
    assert np.allclose(res.x, ref["b"], rtol=1e-7)
    assert np.allclose(np.sqrt(np.diag(V)), ref["se"], rtol=1e-6)
    assert res.f == pytest.approx(ref["ll"], rel=1e-10)


def test_null_model_needs_estimate(do, lung):
    rc, out, s = do(SETUP + "stcox if age > 60", df=lung)
    assert rc == 100 and "varlist required" in out
    rc, out, s = do(SETUP + "stcox, estimate", df=pd.read_csv(HERE / "lung.csv"))
    assert rc == 0 and "LR chi2(0)       =        0.00" in out
    assert s.e.scalars["ll"] == pytest.approx(REF["breslow"]["ll0"], rel=1e-12)
