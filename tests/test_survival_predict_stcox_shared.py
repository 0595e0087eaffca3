"""predict's residuals after stcox, shared() against coxph's penalized fit at stcox_fr's theta^
(tests/survival_reference/stcox_shared_predict.R and .json, the kidney catheter data): each
group's estimated log frailty in the linear predictor ([ST] stcox postestimation: the
predictions are conditional on theta^), martingale, Cox-Snell, deviance, score and Schoenfeld
residuals, DFBETA (the scores times e(V)), and effects (the log frailties)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcox_shared_predict.json").read_text())
SETUP = "stset time, failure(status)\n"


@pytest.fixture
def kidney():
    return pd.read_csv(HERE / "kidney.csv")


def _predict(do, kidney, ties):
    rc, out, s = do(SETUP + f"stcox age female, shared(id) {ties} nolog\n"
                    "predict double m, mgale\npredict double cs, csnell\npredict double dv, deviance\n"
                    "predict double sc*, scores\npredict double sch*, schoenfeld\npredict double db*, dfbeta\n"
                    "predict double fr, effects", df=kidney)
    assert rc == 0, out
    return s.data


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_residuals_match_coxph(do, kidney, ties):
    # b and theta^ agree with R's to about 1e-7 (tests/test_survival_stcox_shared.py), so do
    # the residuals, absolutely
    ref = REF[ties]
    d = _predict(do, kidney, ties)
    m = d.numeric("m")
    assert np.allclose(m, ref["mgale"], rtol=1e-6, atol=1e-6)
    assert np.allclose(d.numeric("cs"), kidney["status"] - m, rtol=1e-12)
    assert np.allclose(d.numeric("dv"), ref["deviance"], rtol=1e-6, atol=1e-6)
    scores = np.column_stack([d.numeric("sc1"), d.numeric("sc2")])
    assert np.allclose(scores, ref["score"], rtol=1e-6, atol=1e-6)
    assert np.allclose(np.column_stack([d.numeric("db1"), d.numeric("db2")]), ref["dfbeta"], rtol=1e-5, atol=1e-7)
    # Schoenfeld residuals on the failures (coxph lists them by time)
    sch = np.column_stack([d.numeric("sch1"), d.numeric("sch2")])
    failing = kidney["status"].to_numpy() == 1
    assert np.isnan(sch[~failing]).all()
    ours = sch[failing][np.lexsort((sch[failing][:, 0], kidney["time"].to_numpy()[failing]))]
    theirs = np.array(ref["schoenfeld"])
    theirs = theirs[np.lexsort((theirs[:, 0], np.sort(kidney["time"].to_numpy()[failing])))]
    assert np.allclose(ours, theirs, rtol=1e-6, atol=1e-6)
    ids = np.unique(kidney["id"], return_inverse=True)[1]
    assert np.allclose(d.numeric("fr"), np.array(ref["frailty"])[ids], rtol=1e-6, atol=1e-6)


def test_labels_and_effects_refused_without_shared(do, kidney):
    d = _predict(do, kidney, "")
    assert d.var_labels["m"] == "Martingale residual" and d.var_labels["fr"] == "Shared log-frailty"
    rc, out, s = do(SETUP + "stcox age female\npredict f, effects", df=kidney)
    assert rc == 322 and "effects only available with shared frailty models" in out

