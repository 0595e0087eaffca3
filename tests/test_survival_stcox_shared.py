"""stcox, shared(): the gamma shared-frailty Cox model against R's survival::coxph on the
kidney catheter data (tests/survival_reference/stcox_shared_kidney.R, its values and
kidney.csv); stcox_fr's layout and errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = dict(pd.read_csv(HERE / "stcox_shared_kidney_values.csv").itertuples(index=False))
SETUP = "stset time, failure(status)\n"


@pytest.fixture
def kidney():
    return pd.read_csv(HERE / "kidney.csv")


@pytest.fixture
def fitted(do, kidney):
    rc, out, s = do(SETUP + "stcox age female, shared(id) nolog", df=kidney)
    assert rc == 0, out
    return out, s


def test_matches_coxph(fitted):
    _, s = fitted
    e = s.e
    assert e.scalars["theta"] == pytest.approx(REF["theta"], rel=1e-7)
    assert e.scalars["se_theta"] == pytest.approx(REF["se_theta"], rel=1e-5)   # R: finite differences
    assert np.allclose(e.matrices["b"].values.ravel(), [REF["b_age"], REF["b_female"]], rtol=1e-6)
    assert np.allclose(np.sqrt(np.diag(e.matrices["V"].values)), [REF["se_age"], REF["se_female"]], rtol=1e-6)
    assert e.scalars["ll"] == pytest.approx(REF["ll"], rel=1e-10)
    assert e.scalars["ll_c"] == pytest.approx(REF["ll_c"], rel=1e-10)
    assert e.scalars["chi2_c"] == pytest.approx(2 * (REF["ll"] - REF["ll_c"]), rel=1e-8)
    assert e.macros["cmd"] == "stcox_fr" and e.macros["shared"] == "id" and e.macros["chi2type"] == "Wald"
    assert (e.scalars["N_g"], e.scalars["g_min"], e.scalars["g_avg"], e.scalars["g_max"]) == (38, 2, 2, 2)


def test_profile_score_is_zero_at_theta(kidney):
    from mlmcli.survival.cox import CoxData
    from mlmcli.survival.cox_frailty import FrailtyLikelihood, marginal_loglik, penalized_fit

    data = CoxData(t0=np.zeros(len(kidney)), t=kidney["time"].to_numpy(float), d=kidney["status"].to_numpy(float),
                   X=kidney[["age", "female"]].to_numpy(float), w=np.ones(len(kidney)))
    lik = FrailtyLikelihood(data, np.unique(kidney["id"], return_inverse=True)[1])

    def profile(theta):
        return marginal_loglik(penalized_fit(lik, 1 / theta), lik, 1 / theta)

    best = profile(REF["theta"])
    assert best == pytest.approx(REF["ll"], rel=1e-10)
    assert profile(REF["theta"] * 1.01) < best and profile(REF["theta"] * 0.99) < best
    # tending to the Cox partial likelihood as theta -> 0
    assert profile(1e-7) == pytest.approx(REF["ll_c"], abs=1e-4)


def test_layout(fitted):
    out, _ = fitted
    lines = out.split("\n")
    at = lines.index("Cox regression -- Breslow method for ties")
    assert lines[at + 2:at + 13] == [
        "Gamma shared frailty                            Number of obs     =         76",
        "Group variable: id                              Number of groups  =         38",
        "                                                Obs per group:",
        "No. of subjects =           76                                min =          2",
        "No. of failures =           58                                avg =          2",
        "Time at risk    =         7724                                max =          2",
        "",
        "                                                Wald chi2(2)      =     12.31",
        "Log likelihood  =   -182.05336                  Prob > chi2       =     0.0021",
        "",
        "------------------------------------------------------------------------------"]
    tail = lines[lines.index("-------------+----------------------------------------------------------------", at + 15):]
    assert tail[:6] == [
        "-------------+----------------------------------------------------------------",
        "       theta |   .3973134   .2347435",
        "------------------------------------------------------------------------------",
        "LR test of theta=0: chibar2(01) = 5.21                 Prob >= chibar2 = 0.011",
        "",
        "Note: Standard errors of hazard ratios are conditional on theta."]
    assert "         age |   1.005478   .0116441     0.47   0.637" in out
    assert "Fitting comparison Cox model:" not in out


def test_log_replay_and_nohr(do, kidney):
    rc, out, s = do(SETUP + "stcox age female, shared(id)\nstcox, nohr level(90)", df=kidney)
    assert rc == 0, out
    assert "Fitting comparison Cox model:" in out and "Estimating frailty variance:" in out
    assert "Note: Standard errors of regression parameters are conditional on theta." in out
    assert "[90% Conf. Interval]" in out and "      female |  -1.556393   .4448387" in out


@pytest.mark.parametrize("options, message, code", [
    ("shared(id) exactm", "option exactm not allowed for shared frailty models", 198),
    ("shared(id) strata(sex)", "option strata(sex) not allowed for shared frailty models", 198),
    ("shared(id) vce(robust)", "option vce(robust) not allowed for shared frailty models", 198),
    ("shared(one)", "one must define more than one group", 198),
    ("shared(nosuch)", "variable nosuch not found", 111),
])
def test_errors(do, kidney, options, message, code):
    kidney["one"] = 1
    rc, out, s = do(SETUP + f"stcox age female, {options}", df=kidney)
    assert rc == code, out
    assert message in out


def test_weights_refused_data_unchanged(do, kidney):
    kidney["w"] = 1 + np.arange(len(kidney)) % 2
    rc, out, s = do("stset time [fweight = w], failure(status)\nstcox age female, shared(id)", df=kidney)
    assert rc == 198 and "only iweights are allowed" in out
    assert s.data.nobs == len(kidney)


def _fit_matching(do, kidney, values: str, command: str):
    """The fit of command and coxph's values (theta to coxph's EM eps, the rest at that theta)."""
    ref = dict(pd.read_csv(HERE / values).itertuples(index=False))
    rc, out, s = do(SETUP + command, df=kidney)
    assert rc == 0, out
    e = s.e
    assert e.scalars["theta"] == pytest.approx(ref["theta"], rel=1e-6)
    assert np.allclose(e.matrices["b"].values.ravel(), [ref["b_age"], ref["b_female"]], rtol=1e-6)
    assert np.allclose(np.sqrt(np.diag(e.matrices["V"].values)), [ref["se_age"], ref["se_female"]], rtol=1e-6)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    return out, e, ref


def test_string_groups_and_offset_match_coxph(do, kidney):
    kidney["off"] = kidney["age"] / 100
    out, e, _ = _fit_matching(do, kidney, "stcox_shared_disease_offset_values.csv",
                              "stcox age female, shared(disease) offset(off) nolog")
    assert e.scalars["N_g"] == 4 and e.macros["offset"] == "off"
    assert "Group variable: disease" in out


def test_efron_matches_coxph(do, kidney):
    out, e, ref = _fit_matching(do, kidney, "stcox_shared_efron_values.csv", "stcox age female, shared(id) efron nolog")
    assert e.scalars["ll_c"] == pytest.approx(ref["ll_c"], rel=1e-10)
    assert e.macros["ties"] == "efron" and "Cox regression -- Efron method for ties" in out


def test_predict_after_shared(do, kidney):
    # xb without the frailties (baseline: log frailty 0); the residuals with them:
    # tests/test_survival_predict_stcox_shared.py
    rc, out, s = do(SETUP + "stcox age female, shared(id) nolog\npredict xb, xb", df=kidney)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    assert np.allclose(s.data.numeric("xb"), kidney["age"] * b[0] + kidney["female"] * b[1])


def test_tvc_matches_coxph_on_split_records(do, kidney):
    """shared(id) tvc(female): coxph's gamma frailty on the records split at the failure times
    (tests/survival_reference/stcox_shared_tvc.R and .json); stcox_fr's equations and notes."""
    import json

    ref = json.loads((HERE / "stcox_shared_tvc.json").read_text())
    rc, out, s = do(SETUP + "stcox age female, shared(id) tvc(female) nolog", df=kidney)
    assert rc == 0, out
    e = s.e
    assert e.scalars["theta"] == pytest.approx(ref["theta"], rel=1e-6)
    assert np.allclose(e.matrices["b"].values.ravel(), ref["b"], rtol=1e-6)
    assert np.allclose(np.sqrt(np.diag(e.matrices["V"].values)), ref["se"], rtol=1e-6)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert e.scalars["ll_c"] == pytest.approx(ref["ll_c"], rel=1e-10)
    assert e.matrices["b"].colnames == ("main:age", "main:female", "tvc:female") and e.macros["texp"] == "_t"
    lines = out.split("\n")
    assert "tvc          |" in lines and "main         |" in lines
    i = lines.index("Note: Variables in tvc equation interacted with _t.")
    assert lines[i + 1] == "Note: Standard errors of hazard ratios are conditional on theta."
    rc, out, s = do("predict m, mgale", session=s)
    assert rc == 198 and "this prediction is not allowed after estimation with tvc()" in out
