"""streg's vce(jackknife) and vce(bootstrap) (commands.estimation.streg_replicates): the stset
id()'s subjects left out together, against survival::survreg refits on one record a subject
(tests/reference_values/xt_replicates_reference.R); the layout (st_hcd's F under jackknife, no
st lines); _vce_parserun's refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "xt_replicates_reference.json").read_text())
STSET = "stset t1, id(pid) failure(died)\n"


@pytest.fixture(scope="module")
def subjects():
    return pd.read_csv(REF_DIR / "st_replicates_subjects.csv")


def _b_se(s):
    return s.e.matrices["b"].values[0], np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("dist", ["weibull", "lognormal"])
def test_jackknife_leaves_out_subjects(do, subjects, dist):
    rc, out, s = do(STSET + f"streg x grp, d({dist}) vce(jackknife)", df=subjects)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, REF[f"streg_{dist}"]["b"], rtol=1e-5)
    np.testing.assert_allclose(se, REF[f"streg_{dist}"]["se"], rtol=1e-4)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 40 and sc["df_r"] == 39 and sc["N_clust"] == 40 and mac["clustvar"] == "pid"
    assert mac["vce"] == "jackknife" and mac["vcetype"] == "Jackknife" and "chi2" not in sc
    W = float(b[:2] @ np.linalg.solve(s.e.matrices["V"].values[:2, :2], b[:2]))
    assert sc["F"] == pytest.approx(W / 2, rel=1e-9)
    lines = out.splitlines()
    assert "(running streg on estimation sample)" in lines and "Jackknife replications (40)" in lines
    assert "failure _d:" not in out and "analysis time _t:" not in out and "Iteration" not in out
    assert " " * 48 + "F(   2,     39)  =" + f"{W / 2:12.2f}" in lines
    assert any(ln.startswith("Log likelihood  = ") and "Prob > F" in ln for ln in lines)
    assert "(Replications based on 40 clusters in pid)".rjust(78) in lines
    assert "             |              Jackknife" in lines and "P>|t|" in out


def test_without_id_the_records_and_jackknifes_cluster(do, subjects):
    rc, out, s = do("stset t1, failure(died)\nstreg x grp, d(weibull) vce(jackknife, nodots)", df=subjects)
    assert rc == 0, out
    assert s.e.scalars["N_reps"] == 54 and "N_clust" not in s.e.scalars and "Replications based on" not in out
    rc, out, s = do("stset t1, failure(died)\nstreg x grp, d(weibull) vce(jackknife, cluster(pid) nodots)",
                    df=subjects)
    assert rc == 0, out
    assert s.e.scalars["N_clust"] == 40 and s.e.scalars["df_r"] == 39


def test_prefix_leaves_out_records(do, subjects):
    rc, out, s = do(STSET + "jackknife, nodots: streg x grp, d(exp)", df=subjects)
    assert rc == 0, out
    assert s.e.scalars["N_reps"] == 54 and s.e.scalars["df_r"] == 53


def test_bootstrap_structure_and_seed(do, subjects):
    text = STSET + "streg x grp, d(lognormal) vce(bootstrap, reps(6) seed(9) nodots)"
    rc, out, s = do(text, df=subjects)
    assert rc == 0, out
    rc, _, t = do(text, df=subjects)
    np.testing.assert_array_equal(s.e.matrices["V"].values, t.e.matrices["V"].values)
    assert s.e.scalars["N_reps"] == 6 and s.e.scalars["N_clust"] == 40 and "df_r" not in s.e.scalars
    assert "Wald chi2(2)" in out and "Observed   Bootstrap" in out


@pytest.mark.parametrize("setup, command, rc, message", [
    (STSET, "streg x, d(weibull) vce(jackknife, cluster(grp))", 198, "option cluster() not allowed"),
    ("gen w = 2\nstset t1 [fw=w], id(pid) failure(died)\n", "streg x, d(weibull) vce(bootstrap)", 198,
     "weights are not allowed with streg and vce(bootstrap)"),
    (STSET, "streg x, d(weibull) vce(jackknife) shared(grp)", 198, "not supported by mlmcli"),
])
def test_refusals(do, subjects, setup, command, rc, message):
    code, out, _ = do(setup + command, df=subjects)
    assert code == rc and message in out
