"""stcox's vce(jackknife) and vce(bootstrap) (commands.estimation.stcox_replicates): the stset
id()'s subjects left out together, against survival::coxph leave-one-out refits
(tests/reference_values/stcox_replicates_reference.R and its JSON); the layout (no st lines or
iteration log, st_hcd's F under jackknife, Jackknife/Bootstrap over Std. Err.); _vce_parserun's
refusals, as streg's."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "stcox_replicates_reference.json").read_text())
STSET = "stset t1, id(pid) failure(died)\n"


@pytest.fixture(scope="module")
def subjects():
    return pd.read_csv(REF_DIR / "st_replicates_subjects.csv")


def _b_se(s):
    return s.e.matrices["b"].values[0], np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_jackknife_leaves_out_subjects(do, subjects, ties):
    rc, out, s = do(STSET + f"stcox x grp, {ties} vce(jackknife)", df=subjects)
    assert rc == 0, out
    b, se = _b_se(s)
    ref = REF[f"id_{ties}"]
    np.testing.assert_allclose(b, ref["b"], rtol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 40 and sc["df_r"] == 39 and sc["N_clust"] == 40 and mac["clustvar"] == "pid"
    assert mac["vce"] == "jackknife" and mac["vcetype"] == "Jackknife" and mac["prefix"] == "jackknife"
    assert "chi2" not in sc and mac["crittype"] == "log likelihood"
    V = s.e.matrices["V"].values
    W = float(b @ np.linalg.solve(V, b))
    assert sc["F"] == pytest.approx(W / 2, rel=1e-9)
    lines = out.splitlines()
    assert "(running stcox on estimation sample)" in lines and "Jackknife replications (40)" in lines
    assert "failure _d:" not in out and "Iteration" not in out and "Refining" not in out
    assert " " * 48 + "F(   2,     39)  =" + f"{W / 2:12.2f}" in lines
    assert any(ln.startswith("Log likelihood  = ") and "Prob > F" in ln for ln in lines)
    assert "(Replications based on 40 clusters in pid)".rjust(78) in lines
    assert "             |              Jackknife" in lines
    assert "          _t | Haz. Ratio   Std. Err.      t    P>|t|     [95% Conf. Interval]" in lines
    hr_se = np.exp(b[0]) * se[0]
    assert any(ln.startswith("           x |") and f"{hr_se:.7f}"[1:] in ln for ln in lines)


def test_jackknife_mse(do, subjects):
    rc, out, s = do(STSET + "stcox x grp, vce(jackknife, mse nodots)", df=subjects)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["id_breslow"]["se_mse"], rtol=1e-5)
    assert s.e.macros["vcetype"] == "Jknife *" and s.e.macros["mse"] == "mse"
    assert "             |              Jknife *" in out.splitlines()


def test_without_id_the_records(do, subjects):
    rc, out, s = do("stset t1, failure(died)\nstcox x grp, vce(jackknife, nodots)", df=subjects)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["records_breslow"]["se"], rtol=1e-5)
    assert s.e.scalars["N_reps"] == 54 and s.e.scalars["df_r"] == 53 and "N_clust" not in s.e.scalars
    assert "Replications based on" not in out


def test_strata_refits_within_strata(do, subjects):
    rc, out, s = do(STSET + "stcox x, strata(grp) vce(jackknife, nodots)", df=subjects)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], [REF["strata_breslow"]["se"]], rtol=1e-5)
    assert "Stratified Cox regr." in out


def test_bootstrap_structure_and_seed(do, subjects):
    text = STSET + "stcox x grp, vce(bootstrap, reps(8) seed(9) nodots)"
    rc, out, s = do(text, df=subjects)
    assert rc == 0, out
    rc, _, t = do(text, df=subjects)
    np.testing.assert_array_equal(s.e.matrices["V"].values, t.e.matrices["V"].values)
    rc, _, u = do(text.replace("seed(9)", "seed(10)"), df=subjects)
    assert not np.array_equal(s.e.matrices["V"].values, u.e.matrices["V"].values)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 8 and sc["N_clust"] == 40 and "df_r" not in sc and mac["vcetype"] == "Bootstrap"
    b = s.e.matrices["b"].values[0]
    W = float(b @ np.linalg.solve(s.e.matrices["V"].values, b))
    assert sc["chi2"] == pytest.approx(W, rel=1e-9)
    assert "Wald chi2(2)" in out and "Observed   Bootstrap" in out and "Normal-based" in out
    assert "Log likelihood  = " in out and "pseudolikelihood" not in out


@pytest.mark.parametrize("setup, command, message", [
    (STSET, "stcox x, vce(jackknife, cluster(grp))", "option cluster() not allowed"),
    ("gen w = 2\nstset t1 [fw=w], id(pid) failure(died)\n", "stcox x, vce(bootstrap)",
     "weights are not allowed with stcox and vce(bootstrap)"),
    (STSET, "stcox x, vce(jackknife) robust", "options vce() and robust may not be combined"),
    (STSET, "stcox x, vce(jackknife, cluster(pid)) cluster(grp)", "option cluster() of jackknife conflicts"),
    (STSET, "stcox x, vce(jackknife) tvc(x)", "not supported by mlmcli"),
    (STSET, "stcox x, vce(jackknife) shared(grp)", "not supported by mlmcli"),
    (STSET, "stcox x, vce(bootstrap) shared(grp)", "not supported by mlmcli"),
    # _vce_parserun's shared() branch appends cluster(tmp) idcluster(shared): a typed one is a second
    (STSET, "stcox x, vce(bootstrap, cluster(pid)) shared(grp)", "option cluster() not allowed"),
    (STSET, "stcox x, vce(bootstrap, cluster(grp)) shared(grp)", "option cluster() not allowed"),
    ("stset t1, failure(died)\n", "stcox x, vce(bootstrap, idcluster(k)) shared(grp)", "option idcluster() not allowed"),
    (STSET, "streg x, d(weibull) vce(bootstrap, cluster(pid)) shared(grp)", "option cluster() not allowed"),  # streg.ado's too
])
def test_refusals(do, subjects, setup, command, message):
    code, out, _ = do(setup + command, df=subjects)
    assert code == 198 and message in out, out


def test_stcox_cluster_is_the_replicates(do, subjects):
    rc, out, s = do(STSET + "stcox x grp, vce(jackknife, nodots) cluster(pid)", df=subjects)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["id_breslow"]["se"], rtol=1e-5)
    assert s.e.scalars["N_clust"] == 40 and s.e.macros["clustvar"] == "pid"
