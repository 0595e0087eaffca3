"""stcox, shared() with stset iweights (stcox_fr takes only iweights, constant within group):
each group's whole contribution weighted, against coxph's gamma frailty on the kidney records
with each group copied iw times (tests/survival_reference/stcox_shared_iweights.R and .json);
stcox_fr's CheckWgt and SaveGrpInfo."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcox_shared_iweights.json").read_text())


@pytest.fixture
def kidney():
    k = pd.read_csv(HERE / "kidney.csv")
    k["iw"] = 1 + k["id"] % 3
    return k


def test_matches_coxph_on_the_copied_groups(do, kidney):
    rc, out, s = do("stset time [iweight = iw], failure(status)\nstcox age female, shared(id) nolog", df=kidney)
    assert rc == 0, out
    e = s.e
    assert e.scalars["theta"] == pytest.approx(REF["theta"], rel=1e-6)  # R: optimize() on the flat top of log L_m
    assert np.allclose(e.matrices["b"].values.ravel(), REF["b"], rtol=1e-6, atol=1e-9)
    assert np.allclose(np.sqrt(np.diag(e.matrices["V"].values)), REF["se"], rtol=1e-6)
    assert e.scalars["ll"] == pytest.approx(REF["ll"], rel=1e-9)
    assert e.scalars["ll_c"] == pytest.approx(REF["ll_c"], rel=1e-10)
    assert e.scalars["theta"] != pytest.approx(REF["theta_coxph_weights"], rel=1e-2)  # not coxph's weights=
    # e(N) and the header's counts the weights' sums; SaveGrpInfo: each group's sum of weights
    assert e.scalars["N"] == kidney["iw"].sum() == 154
    assert (e.scalars["N_g"], e.scalars["g_min"], e.scalars["g_max"]) == (38, 2, 6)
    assert e.scalars["g_avg"] == pytest.approx(154 / 38)
    assert "Number of groups  =         38" in out and "No. of failures =          116" in out


def test_predict_residuals_are_the_copies(do, kidney):
    """stcox_p refits cox with the weights, theta() and gampen(): each record's residual is that
    of each of its copies."""
    rc, out, s = do("stset time [iweight = iw], failure(status)\nstcox age female, shared(id) nolog\n"
                    "predict double mg, mgale\npredict double dev, deviance", df=kidney)
    assert rc == 0, out
    assert np.allclose(s.data.numeric("mg"), REF["mgale"], rtol=1e-6, atol=1e-8)
    assert np.allclose(s.data.numeric("dev"), REF["deviance"], rtol=1e-6, atol=1e-8)


def test_group_sizes_as_savegrpinfo_stores_them(do, kidney):
    """Non-integer weights: each group's sum stored as a long (truncated); with observations
    outside the sample SaveGrpInfo (no ``if touse``) counts them as one more group of size 0."""
    kidney["iw"] = 0.75 + (kidney["id"] % 4) / 2  # 0.75, 1.25, 1.75, 2.25 a record, two records a group
    rc, out, s = do("stset time [iweight = iw], failure(status)\nstcox age female, shared(id) nolog", df=kidney)
    assert rc == 0, out
    sums = kidney.groupby("id")["iw"].sum().to_numpy()
    assert (s.e.scalars["N_g"], s.e.scalars["g_min"], s.e.scalars["g_max"]) == (38, np.trunc(sums).min(), 4)
    assert s.e.scalars["g_avg"] == pytest.approx(np.trunc(sums).mean())
    rc, out, s = do("stset time [iweight = iw], failure(status)\nstcox age female if id > 2, shared(id) nolog",
                    df=kidney)
    assert rc == 0, out
    assert (s.e.scalars["N_g"], s.e.scalars["g_min"]) == (37, 0)
    assert "Number of groups  =         37" in out


def test_weights_must_be_constant_within_group(do, kidney):
    kidney["iw"] = 1 + np.arange(len(kidney)) % 2
    rc, out, s = do("stset time [iweight = iw], failure(status)\nstcox age female, shared(id)", df=kidney)
    assert rc == 199 and "weight must be constant within id" in out, out


def test_other_weights_are_statas_error(do, kidney):
    rc, out, s = do("stset time [fweight = iw], failure(status)\nstcox age female, shared(id)", df=kidney)
    assert rc == 198 and "only iweights are allowed" in out, out
