"""mlogit's vce(jackknife) and vce(bootstrap) (commands.estimation.mlogit_replicates) against
nnet::multinom leave-one-out refits (tests/reference_values/mlogit_replicates_reference.R and
its JSON): clusters (cluster() inside vce() and mlogit's own cluster()), observations, mse; the
layout (no iteration log, Replications and F(df_m, df_r) in logit's header, Jackknife over
Std. Err., t statistics); the bootstrap's seeded reproducibility; _vce_parserun's refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "mlogit_replicates_reference.json").read_text())


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF_DIR / "mlogit_data.csv")


def _b_se(s):
    b, V = s.e.matrices["b"], s.e.matrices["V"]
    keep = [j for j, name in enumerate(b.colnames) if not name.startswith("30:")]
    return b.values[0][keep], np.sqrt(np.diag(V.values)[keep])


@pytest.mark.parametrize("command", ["mlogit y x z, vce(jackknife, cluster(g))",
                                     "mlogit y x z, vce(jackknife) cluster(g)"])
def test_jackknife_clusters(do, data, command):
    rc, out, s = do(command, df=data)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, REF["b"], rtol=1e-6)
    np.testing.assert_allclose(se, REF["se_cluster"], rtol=1e-5)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 25 and sc["df_r"] == 24 and sc["N_clust"] == 25 and mac["clustvar"] == "g"
    assert mac["vce"] == "jackknife" and mac["vcetype"] == "Jackknife" and "chi2" not in sc
    idx = [j for j, name in enumerate(s.e.matrices["b"].colnames)
           if not name.startswith("30:") and not name.endswith("_cons")]
    bs, Vs = s.e.matrices["b"].values[0][idx], s.e.matrices["V"].values[np.ix_(idx, idx)]
    W = float(bs @ np.linalg.solve(Vs, bs))
    assert sc["F"] == pytest.approx(W / 6, rel=1e-8)
    lines = out.splitlines()
    assert "(running mlogit on estimation sample)" in lines and "Jackknife replications (25)" in lines
    assert "Iteration" not in out
    assert " " * 50 + "Replications    =         25" in lines
    assert " " * 50 + "F(   6,     24) =" + f"{W / 6:11.2f}" in lines
    assert "             |              Jackknife" in lines and "P>|t|" in out
    assert "30           |  (base outcome)" in lines
    assert "(Replications based on 25 clusters in g)".rjust(78) in lines


def test_jackknife_observations_and_mse(do, data):
    rc, out, s = do("mlogit y x z, vce(jackknife, nodots)", df=data)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["se_obs"], rtol=1e-4)
    assert s.e.scalars["N_reps"] == 400 and s.e.scalars["df_r"] == 399
    rc, out, s = do("mlogit y x z, vce(jackknife, cluster(g) mse nodots)", df=data)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["se_cluster_mse"], rtol=1e-5)
    assert s.e.macros["vcetype"] == "Jknife *" and s.e.macros["mse"] == "mse"


def test_bootstrap_structure_and_seed(do, data):
    text = "mlogit y x z, vce(bootstrap, reps(12) seed(9) nodots)"
    rc, out, s = do(text, df=data)
    assert rc == 0, out
    rc, _, t = do(text, df=data)
    np.testing.assert_array_equal(s.e.matrices["V"].values, t.e.matrices["V"].values)
    rc, _, u = do(text.replace("seed(9)", "seed(10)"), df=data)
    assert not np.array_equal(s.e.matrices["V"].values, u.e.matrices["V"].values)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 12 and "df_r" not in sc and mac["vcetype"] == "Bootstrap" and mac["chi2type"] == "Wald"
    assert "Wald chi2(6)" in out and "Observed   Bootstrap" in out and "Normal-based" in out


@pytest.mark.parametrize("command, rc, message", [
    ("mlogit y x z, vce(jackknife) robust", 198, "options vce() and robust may not be combined"),
    ("mlogit y x z [fw=fw], vce(bootstrap)", 101, "weights not allowed"),
    ("mlogit y x z, vce(jackknife, cluster(g)) cluster(z)", 198, "option cluster() of jackknife conflicts"),
])
def test_refusals(do, data, command, rc, message):
    code, out, _ = do(command, df=data)
    assert code == rc and message in out, out
