"""predict's scores, esr, dfbeta and schoenfeld after stcrreg (predict_stcrreg_residuals.py):
esr and schoenfeld against survival::finegray + coxph (tests/survival_reference/crr_residuals.R
and .json); scores against e(V) (the robust variance is V (sum u u') V n/(n-1)); dfbeta u (-H)^-1."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "crr_residuals.json").read_text())
FIT = "stset time, failure(status==1)\nstcrreg age sex thickness ulcer, compete(status==3)\n"


@pytest.fixture
def melanoma():
    return pd.read_csv(HERE / "melanoma.csv").astype(float)


def _cols(s, stub, k=4):
    return np.column_stack([np.asarray(s.data.numeric(f"{stub}{j + 1}"), float) for j in range(k)])


def test_residuals(do, melanoma):
    rc, out, s = do(FIT + "predict double e*, esr\npredict double sch*, schoenfeld\npredict double u*, scores\n"
                    "predict double d*, dfbeta\npredict double p*, scores partial", df=melanoma)
    assert rc == 0, out
    assert np.allclose(s.e.matrices["b"].values.ravel(), REF["b"], rtol=1e-6)
    assert np.allclose(_cols(s, "e"), REF["esr"], rtol=1e-5, atol=1e-7)
    sch = _cols(s, "sch")
    fail = melanoma["status"].to_numpy() == 1
    assert np.isnan(sch[~fail]).all()
    order = np.argsort(melanoma["time"].to_numpy()[fail], kind="stable")
    assert np.allclose(np.sort(melanoma["time"][fail]), REF["schoenfeld_time"])
    ref_sch = np.asarray(REF["schoenfeld"])
    got = sch[fail][order]
    # tied failure times: compare each time's residuals as a set (sorted by the first column)
    for t in np.unique(REF["schoenfeld_time"]):
        at = np.asarray(REF["schoenfeld_time"]) == t
        a, b = got[at], ref_sch[at]
        assert np.allclose(a[np.lexsort(a.T[::-1])], b[np.lexsort(b.T[::-1])], rtol=1e-5, atol=1e-8)
    U = _cols(s, "u")
    n = len(melanoma)
    V = s.e.matrices["V"].values
    w, Q = np.linalg.eigh(U.T @ U)
    root = Q @ np.diag(np.sqrt(w)) @ Q.T
    inner = root @ (V * (n - 1) / n) @ root
    w2, Q2 = np.linalg.eigh(inner)
    A = np.linalg.solve(root, Q2 @ np.diag(np.sqrt(w2)) @ Q2.T) @ np.linalg.inv(root)
    assert np.allclose(A @ (U.T @ U) @ A, V * (n - 1) / n, rtol=1e-8)
    assert np.allclose(_cols(s, "d"), U @ A, rtol=1e-5, atol=1e-9)
    assert np.allclose(_cols(s, "p"), U)
    assert s.data.var_labels["d2"] == "DFBETA - sex" and s.data.var_labels["e1"] == "Efficient score - age"


@pytest.mark.parametrize("line, message, code", [
    ("predict a*, schoenfeld partial", "option partial not allowed", 198),
    ("predict a, xb partial", "option partial not allowed", 198),
    ("predict a*, esr nooffset", "option nooffset not allowed", 198),
    ("predict a b, dfbeta", "you must specify 4 new variables", 102),
    ("predict a, ldisplace", "option ldisplace not allowed", 198),
])
def test_errors(do, melanoma, line, message, code):
    rc, out, s = do(FIT + line, df=melanoma)
    assert rc == code, out
    assert message in out


def test_split_records_sum_to_the_subjects_scores(do, melanoma):
    """Split at 1000 days the model is the single-record one: a subject's records' scores and
    DFBETAs summed (on its last record) are its single-record values; partial each record's."""
    rc, out, s1 = do(FIT + "predict double u*, scores\npredict double d*, dfbeta", df=melanoma.copy())
    assert rc == 0, out
    melanoma["id"] = np.arange(1, len(melanoma) + 1)
    first = melanoma[melanoma["time"] > 1000].assign(time=1000.0, status=2.0)
    split = pd.concat([first, melanoma]).sort_values(["id", "time"]).reset_index(drop=True)
    rc, out, s = do("stset time, id(id) failure(status==1)\nstcrreg age sex thickness ulcer, compete(status==3)\n"
                    "predict double u*, scores\npredict double d*, dfbeta\npredict double p*, scores partial",
                    df=split)
    assert rc == 0, out
    assert np.allclose(s.e.matrices["b"].values, s1.e.matrices["b"].values, rtol=1e-6)
    last = np.r_[split["id"].to_numpy()[1:] != split["id"].to_numpy()[:-1], True]
    U = _cols(s, "u")
    assert np.isnan(U[~last]).all()
    assert np.allclose(U[last], _cols(s1, "u"), rtol=1e-5, atol=1e-8)
    assert np.allclose(_cols(s, "d")[last], _cols(s1, "d"), rtol=1e-5, atol=1e-10)
    P = _cols(s, "p")
    assert np.allclose(pd.DataFrame(P).groupby(split["id"].to_numpy()).sum().to_numpy(), _cols(s1, "u"),
                       rtol=1e-5, atol=1e-8)
    rc, out, _ = do("stset time, id(id) failure(status==1)\nstcrreg age sex, compete(status==3)\n"
                    "predict a*, esr", df=split)
    assert rc == 198 and "not supported by mlmcli" in out
