"""vce(jackknife|bootstrap) of xtlogit, xtprobit and xtpoisson, re (commands.estimation.xt_re_replicates):
leave-one-panel-out refits against lme4::glmer (nAGQ = 12) and the gamma model's likelihood
maximised in R (tests/reference_values/xt_replicates_reference.R); the header _crcphdr prints
under jackknife; bootstrap's structure and seed() reproducibility (Stata's draws cannot be matched)."""
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


@pytest.mark.parametrize("name, command", [
    ("xtlogit_re", "xtlogit yb x1 x2, re vce(jackknife)"), ("xtprobit_re", "xtprobit yb x1 x2, re vce(jackknife)"),
    ("xtpoisson_re", "xtpoisson yc x1 x2, re vce(jackknife)")])
def test_jackknife_against_glmer_and_gamma_refits(do, panel, name, command):
    from scipy import stats

    rc, out, s = do("xtset id\n" + command, df=panel)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, REF[name]["b"], rtol=2e-5)
    np.testing.assert_allclose(se, REF[name]["se"], rtol=2e-4)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 30 and sc["df_r"] == 29 and sc["N_clust"] == 30 and "chi2" not in sc
    assert mac["vce"] == "jackknife" and mac["vcetype"] == "Jackknife" and "chi2type" not in mac
    W = float(b[:2] @ np.linalg.solve(s.e.matrices["V"].values[:2, :2], b[:2]))
    assert sc["F"] == pytest.approx(W / 2, rel=1e-9)
    assert sc["p"] == pytest.approx(stats.f.sf(W / 2, 2, 29), rel=1e-9)
    lines = out.splitlines()
    assert "(running %s on estimation sample)" % command.split()[0] in lines
    assert "Jackknife replications (30)" in lines and "Iteration" not in out
    assert " " * 48 + "F(     2,      29) =" + f"{W / 2:10.2f}" in lines
    assert any(ln.startswith("Log likelihood  = ") and "Prob > F" in ln for ln in lines)
    assert "(Replications based on 30 clusters in id)".rjust(78) in lines
    assert "             |              Jackknife" in lines and "P>|t|" in out
    assert "Likelihood-ratio test of" in out  # the full-sample fit's, kept by the prefix
    # the ancillary rows' limits are t-based too
    t = stats.t.ppf(0.975, 29)
    row = next(ln for ln in lines if ln.lstrip().startswith(("/lnsig2u", "/lnalpha")))
    lo = float(row.split()[-2])
    assert lo == pytest.approx(b[-1] - t * se[-1], rel=1e-5)


def test_bootstrap_structure_and_seed(do, panel):
    text = "xtset id\nxtprobit yb x1 x2, re vce(bootstrap, reps(6) seed(11) nodots)"
    rc, out, s = do(text, df=panel)
    assert rc == 0, out
    V1 = s.e.matrices["V"].values
    rc, _, s2 = do(text, df=panel)
    np.testing.assert_array_equal(V1, s2.e.matrices["V"].values)
    assert s.e.scalars["N_reps"] == 6 and "df_r" not in s.e.scalars and s.e.macros["vcetype"] == "Bootstrap"
    assert "             |   Observed   Bootstrap                         Normal-based" in out.splitlines()
    assert "Wald chi2(2)" in out and "P>|z|" in out


def test_prefix_leaves_out_observations(do, panel):
    rc, out, s = do("xtset id\njackknife, nodots: xtpoisson yc x1 x2, re", df=panel)
    assert rc == 0, out
    assert s.e.scalars["N_reps"] == 150 and s.e.scalars["df_r"] == 149 and "N_clust" not in s.e.scalars
    assert "Replications based on" not in out


def test_own_cluster_is_jackknifes_second_cluster(do, panel):
    rc, out, _ = do("xtset id\nxtlogit yb x1 x2, re vce(jackknife, cluster(id))", df=panel)
    assert rc == 198 and "option cluster() not allowed" in out
