"""predict's ccsnell, cmgale, ldisplace and lmax after stcox (predict_stcox.py,
survival/cox_influence.py) against R's survival::coxph residuals
(tests/survival_reference/cox_influence.R and .json); stcox_p's labels and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "cox_influence.json").read_text())
MONTHS = "gen month = ceil(time/30)\nstset month, failure(died == 1)\n"


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _col(s, name):
    return np.asarray(s.data.numeric(name), float)


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_one_record_a_subject(do, lung, ties):
    ref = REF[ties]
    rc, out, s = do(MONTHS + f"stcox age female, {ties}\npredict double cs, ccsnell\npredict double cm, cmgale\n"
                    "predict double ld, ldisplace\npredict double lm, lmax\npredict double lm2 in 1/20, lmax",
                    df=lung)
    assert rc == 0, out
    assert np.allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=1e-7)
    assert np.allclose(_col(s, "cm"), ref["mgale"], rtol=1e-6, atol=1e-9)
    assert np.allclose(_col(s, "cs"), ref["csnell"], rtol=1e-6, atol=1e-9)
    assert np.allclose(_col(s, "ld"), ref["ldisplace"], rtol=1e-5, atol=1e-10)
    assert np.allclose(_col(s, "lm"), ref["lmax"], rtol=1e-5, atol=1e-10)
    # lmax's eigenvector is of all of e(sample); in restricts only where it is stored
    assert np.allclose(_col(s, "lm2")[:20], ref["lmax"][:20], rtol=1e-5) and np.isnan(_col(s, "lm2")[20:]).all()
    labels = s.data.var_labels
    assert (labels["cs"], labels["cm"], labels["ld"], labels["lm"]) == (
        "Cox-Snell residual", "Martingale residual", "Log-likelihood displacement", "Lmax statistic")


def _split(lung):
    lung["id"] = np.arange(1, len(lung) + 1)
    first = lung[lung["time"] > 200].assign(time=200, died=0, t0=0)
    second = lung.assign(t0=np.where(lung["time"] > 200, 200, 0))
    return pd.concat([first, second]).sort_values(["id", "time"]).reset_index(drop=True)


def test_several_records_a_subject(do, lung):
    ref = REF["split"]
    split = _split(lung)
    assert np.array_equal(split["id"], ref["id"]) and np.allclose(split["time"], ref["t"])
    rc, out, s = do("stset time, failure(died == 1) id(id)\nstcox age female\n"
                    "predict double cs, ccsnell\npredict double cm, cmgale\npredict double c0, csnell\n"
                    "predict double ld, ldisplace\npredict double lm, lmax\n"
                    "predict double ldp, ldisplace partial\npredict double lmp, lmax partial", df=split)
    assert rc == 0, out
    cs, ids = _col(s, "cs"), _col(s, "id")
    last = ~np.isnan(cs)
    assert last.sum() == len(lung)  # the subject's sum on its last record
    assert np.array_equal(last, np.r_[ids[1:] != ids[:-1], True])
    assert np.allclose(cs[last], ref["csnell"], rtol=1e-6, atol=1e-9)
    assert np.allclose(_col(s, "cm")[last], ref["mgale"], rtol=1e-6, atol=1e-9)
    assert np.allclose(_col(s, "c0"), cs, equal_nan=True)  # ccsnell is csnell's default
    assert np.allclose(_col(s, "ld")[last], ref["ldisplace"], rtol=1e-5, atol=1e-10)
    assert np.allclose(_col(s, "lm")[last], ref["lmax"], rtol=1e-5, atol=1e-10)
    assert np.isnan(_col(s, "ld")[~last]).all() and np.isnan(_col(s, "lm")[~last]).all()
    assert np.allclose(_col(s, "ldp"), ref["ldisplace_partial"], rtol=1e-5, atol=1e-10)
    assert np.allclose(_col(s, "lmp"), ref["lmax_partial"], rtol=1e-5, atol=1e-10)
    labels = s.data.var_labels
    assert (labels["cs"], labels["cm"], labels["ldp"], labels["lmp"]) == (
        "Cox-Snell residual", "Martingale residual", "Partial log-likelihood displacement", "Partial Lmax statistic")


@pytest.mark.parametrize("fit, line, message, code", [
    ("", "predict a, ccsnell partial", "option partial not allowed", 198),
    ("", "predict a, cmgale partial", "option partial not allowed", 198),
    ("", "predict a, cmgale mgale", "only one of cmgale mgale may be specified", 198),
    (", vce(robust)", "predict a, ldisplace", "prediction not allowed with nonstandard vce", 459),
    (", vce(robust)", "predict a, lmax", "prediction not allowed with nonstandard vce", 459),
    (", tvc(female)", "predict a, lmax", "this prediction is not allowed after estimation with tvc()", 198),
])
def test_errors(do, lung, fit, line, message, code):
    rc, out, s = do(MONTHS + f"stcox age female{fit}\n" + line, df=lung)
    assert rc == code, out
    assert message in out and "a" not in s.data.varnames
