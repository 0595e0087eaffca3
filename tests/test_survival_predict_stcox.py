"""predict after stcox (mlmcli/commands/postestimation/predict_stcox.py) against R's
survival::coxph residuals, basehaz and the Kalbfleisch-Prentice baseline survivor
(tests/survival_reference/cox_predict.R and .json); stcox_p's rules and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "cox_predict.json").read_text())
MONTHS = "gen month = ceil(time/30)\nstset month, failure(died == 1)\n"


def _lung():
    d = pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})
    d["off"] = d["wt_loss"].fillna(0) / 100
    return d


@pytest.fixture
def lung():
    return _lung()


def _col(s, name):
    return np.asarray(s.data.numeric(name), float)


def _cols(s, stub, k=2):
    return np.column_stack([_col(s, f"{stub}{j + 1}") for j in range(k)])


PREDICTS = """
predict double mg, mgale
predict double dev, deviance
predict double cs, csnell
predict double bch, basechazard
predict double bs, basesurv
predict double bhc, basehc
predict double sc*, scores
predict double sch*, schoenfeld
predict double dfb*, dfbeta
"""


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_residuals_match_coxph(do, lung, ties):
    ref = REF[ties]
    rc, out, s = do(MONTHS + f"stcox age female, {ties}" + PREDICTS, df=lung)
    assert rc == 0, out
    assert np.allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=1e-7)
    assert np.allclose(_col(s, "mg"), ref["mgale"], rtol=1e-6, atol=1e-9)
    assert np.allclose(_col(s, "dev"), ref["deviance"], rtol=1e-6, atol=1e-9)
    assert np.allclose(_col(s, "cs"), lung["died"] - np.array(ref["mgale"]), rtol=1e-6, atol=1e-9)
    assert np.allclose(_col(s, "bch"), ref["basechazard"], rtol=1e-6)
    assert np.allclose(_cols(s, "sc"), ref["score"], rtol=1e-6, atol=1e-9)
    assert np.allclose(_cols(s, "dfb"), ref["dfbeta"], rtol=1e-6, atol=1e-12)
    sch = _cols(s, "sch")
    died = lung["died"].to_numpy() == 1
    assert np.isnan(sch[~died]).all()
    mine = np.column_stack([np.ceil(lung["time"] / 30)[died], sch[died]])
    theirs = np.array(ref["schoenfeld"])
    theirs = np.column_stack([np.sort(np.ceil(lung["time"][died] / 30)), theirs])
    key = lambda m: m[np.lexsort((m[:, 1], m[:, 0]))]
    assert np.allclose(key(mine), key(theirs), rtol=1e-6, atol=1e-9)
    if ties == "breslow":
        assert np.allclose(_col(s, "bs"), ref["basesurv"], rtol=1e-7)
        # basehc: 1 - alpha on the failures, and the survivor is their product
        bhc = _col(s, "bhc")
        assert np.isnan(bhc[~died]).all()
        t = np.ceil(lung["time"].to_numpy() / 30)
        alpha = {tau: 1 - h for tau, h in zip(t[died], bhc[died])}
        for i in range(0, len(t), 17):
            assert _col(s, "bs")[i] == pytest.approx(np.prod([a for tau, a in alpha.items() if tau <= t[i]]))


def test_strata_and_offset(do, lung):
    ref = REF["strata_offset"]
    lung["old"] = (lung["age"] >= 65).astype(int)
    rc, out, s = do(MONTHS + "stcox age female, strata(old) offset(off)\npredict double mg, mgale\n"
                    "predict double sc*, scores", df=lung)
    assert rc == 0, out
    assert np.allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=1e-7)
    assert np.allclose(_col(s, "mg"), ref["mgale"], rtol=1e-6, atol=1e-9)
    assert np.allclose(_cols(s, "sc"), ref["score"], rtol=1e-6, atol=1e-9)


def test_several_records_sum_by_subject(do, lung):
    ref = REF["split"]
    lung["id"] = np.arange(1, len(lung) + 1)
    first = lung[lung["time"] > 200].assign(time=200, died=0, t0=0)
    second = lung.assign(t0=np.where(lung["time"] > 200, 200, 0))
    split = pd.concat([first, second]).sort_values(["id", "time"]).reset_index(drop=True)
    script = ("stset time, failure(died == 1) id(id)\n"
              "stcox age female\npredict double mg, mgale\npredict double mgp, mgale partial\n"
              "predict double sc*, scores\npredict double dfb*, dfbeta")
    rc, out, s = do(script, df=split)
    assert rc == 0, out
    assert np.allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=1e-7)
    mg, ids = _col(s, "mg"), _col(s, "id")
    last = ~np.isnan(mg)
    assert last.sum() == len(lung)   # one value a subject, on its last record
    order = np.argsort(ids[last])
    assert np.allclose(mg[last][order], ref["mgale"], rtol=1e-6, atol=1e-9)
    assert np.allclose(_cols(s, "sc")[last][order], ref["score"], rtol=1e-6, atol=1e-7)
    assert np.allclose(_cols(s, "dfb")[last][order], ref["dfbeta"], rtol=1e-6, atol=1e-10)
    partial = _col(s, "mgp")
    sums = pd.Series(partial).groupby(ids).sum().to_numpy()
    assert np.allclose(sums, ref["mgale"], rtol=1e-6, atol=1e-9)
    assert s.data.var_labels["mgp"] == "Partial martingale residual"
    assert s.data.var_labels["mg"] == "Martingale residual"


def test_hr_xb_stdp_and_labels(do, lung):
    rc, out, s = do(MONTHS + "stcox age female, offset(off)\npredict h\npredict double x, xb\n"
                    "predict double xn, xb nooffset\npredict se, stdp\npredict sc*, esr", df=lung)
    assert rc == 0, out
    assert "(option hr assumed; relative hazard)" in out
    b = s.e.matrices["b"].values.ravel()
    xb = lung["age"] * b[0] + lung["female"] * b[1]
    assert np.allclose(_col(s, "xn"), xb)
    assert np.allclose(_col(s, "x"), xb + lung["off"])
    assert np.allclose(_col(s, "h"), np.exp(xb + lung["off"]), rtol=1e-6)
    assert s.data.var_labels["h"] == "Relative hazard"
    assert s.data.var_labels["sc1"] == "Efficient score - age"
    V = s.e.matrices["V"].values
    X = lung[["age", "female"]].to_numpy(float)
    assert np.allclose(_col(s, "se"), np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-6)


def test_after_tvc_only_the_main_equation(do, lung):
    rc, out, s = do(MONTHS + "stcox age female, tvc(female)\npredict double x, xb", df=lung)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    assert np.allclose(_col(s, "x"), lung["age"] * b[0] + lung["female"] * b[1])
    rc, out, s = do(MONTHS + "stcox age female, tvc(female)\npredict m, mgale", df=_lung())
    assert rc == 198 and "this prediction is not allowed after estimation with tvc()" in out


@pytest.mark.parametrize("line, message, code", [
    ("predict a, mgale csnell", "only one of mgale csnell may be specified", 198),
    ("predict a, xb partial", "option partial not allowed", 198),
    ("predict a, mgale nooffset", "option nooffset not allowed", 198),
    ("predict a, scaledsch", "you must specify 2 new variables", 102),  # computed now: stcox_variables tests
    ("predict a, scores", "you must specify 2 new variables", 102),
    ("predict a b c, schoenfeld", "you must specify 2 new variables", 103),
    ("predict age, mgale", "variable age already defined", 110),
])
def test_errors(do, lung, line, message, code):
    rc, out, s = do(MONTHS + "stcox age female\n" + line, df=lung)
    assert rc == code, out
    assert message in out


def test_schoenfeld_refused_after_exact(do, lung):
    rc, out, s = do(MONTHS + "stcox age female, exactp\npredict a b, schoenfeld", df=lung)
    assert rc == 322 and "Schoenfeld residuals not available after estimation with exactm or exactp" in out


def test_dfbeta_after_robust_uses_the_model_based_variance(do, lung):
    rc, out, s = do(MONTHS + "stcox age female, vce(robust)\npredict double d*, dfbeta\n"
                    "predict double u*, scores", df=lung)
    assert rc == 0, out
    Vm = s.e.matrices["V_modelbased"].values
    assert np.allclose(_cols(s, "d"), _cols(s, "u") @ Vm)
    assert np.allclose(_cols(s, "d"), REF["breslow"]["dfbeta"], rtol=1e-6, atol=1e-12)

