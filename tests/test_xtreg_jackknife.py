"""xtreg's vce(jackknife) and the jackknife prefix on xtreg (commands.estimation.xtreg_replicates):
fe and be against leave-one-panel-out (and leave-one-observation-out) refits in R
(tests/reference_values/xt_replicates_reference.R), re against the formula over mlm's own refits
without each panel; the layout xtreg's replay gives jackknife's e() (xtreg_fe/re/be.ado)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "xt_replicates_reference.json").read_text())


@pytest.fixture(scope="module")
def panel():
    return pd.read_csv(REF_DIR / "xt_replicates_panel.csv").astype(float)


def _b_se(s):
    return s.e.matrices["b"].values[0], np.sqrt(np.diag(s.e.matrices["V"].values))


def test_fe_leaves_out_whole_panels(do, panel):
    from scipy import stats

    rc, out, s = do("xtset id\nxtreg y x1 x2, fe vce(jackknife)", df=panel)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, REF["xtreg_fe"]["b"], rtol=1e-8)
    np.testing.assert_allclose(se, REF["xtreg_fe"]["se"], rtol=1e-7)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 30 and sc["df_r"] == 29 and sc["N_clust"] == 30 and "chi2" not in sc
    assert mac["vce"] == "jackknife" and mac["vcetype"] == "Jackknife" and mac["prefix"] == "jackknife"
    assert mac["clustvar"] == "id"
    W = float(b[:2] @ np.linalg.solve(s.e.matrices["V"].values[:2, :2], b[:2]))
    assert sc["F"] == pytest.approx(W / 2, rel=1e-10)
    lines = out.splitlines()
    assert "(running xtreg on estimation sample)" in lines and "Jackknife replications (30)" in lines
    assert " " * 48 + "F(2,29)            =" + f"{W / 2:10.2f}" in lines
    assert any(ln.startswith("corr(u_i, Xb)  = ") and "Prob > F" in ln for ln in lines)
    assert "(Replications based on 30 clusters in id)".rjust(78) in lines
    assert "             |              Jackknife" in lines and "P>|t|" in out
    # the F test of u_i keeps e(F_f) and e(df_a) and reads jackknife's e(df_r)
    ftest = next(ln for ln in lines if ln.startswith("F test that all u_i=0:"))
    assert "F(29, 29) =" in ftest
    assert sc["p_f"] == pytest.approx(stats.f.sf(sc["F_f"], 29, 29), rel=1e-9)
    rc, out, s = do("xtset id\nxtreg y x1 x2, fe vce(jackknife, mse nodots)", df=panel)
    assert rc == 0 and "Jackknife replications" not in out
    np.testing.assert_allclose(_b_se(s)[1], REF["xtreg_fe"]["se_mse"], rtol=1e-7)
    assert s.e.macros["vcetype"] == "Jknife *" and "             |              Jknife *" in out.splitlines()


def test_be_and_its_F_on_df_r(do, panel):
    rc, out, s = do("xtset id\nxtreg y x1 x2, be vce(jackknife, nodots)", df=panel)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, REF["xtreg_be"]["b"], rtol=1e-8)
    np.testing.assert_allclose(se, REF["xtreg_be"]["se"], rtol=1e-7)
    assert any(ln.startswith(" " * 48 + "F(2,29) ") for ln in out.splitlines())
    assert "Prob > F" in out and "P>|t|" in out


def test_re_is_the_jackknife_of_its_leave_one_panel_out_fits(do, panel):
    rc, out, s = do("xtset id\nxtreg y x1 x2, re vce(jackknife, nodots)", df=panel)
    assert rc == 0, out
    V = s.e.matrices["V"].values
    B = []
    for j in range(1, 31):
        rc, _, t = do(f"xtset id\nxtreg y x1 x2 if id != {j}, re", df=panel)
        B.append(t.e.matrices["b"].values[0])
    B = np.array(B)
    d = B - B.mean(axis=0)
    np.testing.assert_allclose(V, 29 / 30 * d.T @ d, rtol=1e-9, atol=1e-14)
    lines = out.splitlines()
    # xtreg_re prints "`e(chi2type)' chi2(df_m)" and e(chi2), both cleared by jackknife
    assert " " * 48 + " chi2(2)           =         ." in lines
    assert any(ln.startswith("corr(u_i, X)   = 0 (assumed)") and ln.endswith("Prob > chi2        =         .")
               for ln in lines)
    assert "chi2type" not in s.e.macros and "P>|t|" in out


def test_prefix_leaves_out_observations(do, panel):
    rc, out, s = do("xtset id\njackknife, nodots: xtreg y x1 x2, fe", df=panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["xtreg_fe_prefix"]["se"], rtol=1e-7)
    assert s.e.scalars["N_reps"] == 150 and s.e.scalars["df_r"] == 149 and "N_clust" not in s.e.scalars
    assert "Replications based on" not in out and s.e.macros["cmdline"].startswith("jackknife")
    rc, out, s = do("xtset id\njackknife, cluster(id) nodots: xtreg y x1 x2, fe", df=panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["xtreg_fe"]["se"], rtol=1e-7)


def test_bootstrap_prefix_without_cluster_has_the_bootstrap_heading(do, panel):
    rc, out, s = do("xtset id\nbootstrap, reps(4) seed(5) nodots: xtreg y x1 x2, fe", df=panel)
    assert rc == 0, out
    assert "             |   Observed   Bootstrap                         Normal-based" in out.splitlines()


@pytest.mark.parametrize("command, rc, message", [
    ("xtreg y x1 x2, fe vce(jackknife, cluster(id))", 198, "option cluster() not allowed"),
    ("xtreg y x1 x2 [aw=w], fe vce(jackknife)", 101, "aweight not allowed"),
    ("xtreg y x1 x2 [pw=w], fe vce(bootstrap)", 101, "weights not allowed with vce(bootstrap)"),
])
def test_refusals(do, panel, command, rc, message):
    code, out, _ = do("xtset id\ngen w = 1 + mod(id, 3)\n" + command, df=panel)
    assert code == rc and message in out
