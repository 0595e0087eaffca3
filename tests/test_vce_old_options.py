"""vce() typed beside the old robust/cluster() options (docs/vce_old_options.md): Stata's
_vce_parserun (1.3.2, Stata 12; 1.3.6, Stata 16) and ``_vce_parse, ... old`` (1.0.2/1.0.3) as
regress, logit, poisson, mlogit, glm and xtreg fe/re/be call them, with opts_exclusive's
"only one of A or B is allowed" r(198)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    n = 60
    i = np.arange(n)
    x = rng.normal(size=n)
    pid = i // 4 + 1
    return pd.DataFrame({"id": pid.astype(float), "c": ((pid - 1) // 3 + 1).astype(float), "x": x,
                         "y": (x + rng.normal(size=n) > 0).astype(float),
                         "z": x + rng.normal(size=n) + pid / 10})


def _error(do, data, line):
    rc, out, _ = do(line, data)
    return rc, out.strip().splitlines()[-2]


@pytest.mark.parametrize("line, rc, message", [
    ("regress z x, vce(robust) cluster(c)", 198, "only one of cluster() or vce(robust) is allowed"),
    ("regress z x, vce(ols) cluster(c)", 198, "only one of cluster() or vce(ols) is allowed"),
    ("regress z x, vce(ols) robust", 198, "options vce() and robust may not be combined"),
    ("logit y x, vce(robust) cluster(c)", 198, "only one of cluster() or vce(robust) is allowed"),
    ("logit y x, vce(oim) robust", 198, "options vce() and robust may not be combined"),
    ("logit y x, vce(robust) robust", 198, "options vce() and robust may not be combined"),
    ("logit y x, vce(cluster c) cluster(id)", 100, "options cluster() and vce(cluster) are in conflict"),
    ("logit y x, vce(opg) cluster(c)", 198, "only one of cluster() or vce(opg) is allowed"),
    ("poisson y x, vce(robust) cluster(c)", 198, "only one of cluster() or vce(robust) is allowed"),
    ("mlogit y x, vce(robust) robust", 198, "options vce() and robust may not be combined"),
    ("glm y x, f(b) vce(robust) cluster(c)", 198, "only one of cluster() or vce(robust) is allowed"),
    ("glm y x, f(b) vce(opg) robust", 198, "only one of robust or vce(opg) is allowed"),
    ("xtreg z x, i(id) fe vce(robust) cluster(c)", 198, "only one of cluster() or vce(robust) is allowed"),
    ("xtreg z x, i(id) re vce(conventional) cluster(c)", 198,
     "only one of cluster() or vce(conventional) is allowed"),
    ("xtreg z x, i(id) fe vce(robust) robust", 198, "options vce() and robust may not be combined"),
    ("xtreg z x, i(id) fe vce(bootstrap) robust", 198, "options vce() and robust may not be combined"),
    ("xtreg z x, i(id) fe vce(cluster c) cluster(id)", 100, "options cluster() and vce(cluster) are in conflict"),
    ("xtreg z x, i(id) be vce(bootstrap) cluster(c)", 198, "option cluster() not allowed"),
])
def test_refused_pairs(do, data, line, rc, message):
    assert _error(do, data, line) == (rc, message)


def _se(do, data, line):
    rc, out, s = do("quietly " + line, data)
    assert rc == 0, out
    return float(np.sqrt(s.e.matrices["V"].values[0, 0])), s.e.macros.get("vce"), s.e.macros.get("clustvar")


@pytest.mark.parametrize("pair, alone", [
    ("logit y x, vce(oim) cluster(c)", "logit y x"),  # _vce_parse returns vce(oim) alone
    ("logit y x, vce(cluster c) cluster(c)", "logit y x, vce(cluster c)"),
    ("regress z x, vce(cluster c) cluster(c)", "regress z x, vce(cluster c)"),
    ("glm y x, f(b) vce(oim) robust", "glm y x, f(b) vce(robust)"),  # glm's GetVCE keeps robust
    ("glm y x, f(b) vce(oim) cluster(c)", "glm y x, f(b) vce(cluster c)"),
    ("xtreg z x, i(id) fe vce(cluster c) cluster(c)", "xtreg z x, i(id) fe vce(cluster c)"),
])
def test_accepted_pairs(do, data, pair, alone):
    assert _se(do, data, pair) == _se(do, data, alone)


def _within_b(df):
    """xtreg, fe's slope: OLS on the panel-demeaned data."""
    zd = df.z - df.groupby("id").z.transform("mean")
    xd = df.x - df.groupby("id").x.transform("mean")
    return float((zd * xd).sum() / (xd * xd).sum())


def test_xtreg_fe_jackknife_with_cluster(do, data):
    """vce(jackknife) cluster(c): _vce_parserun hands cluster(c) to xtreg and ``noecluster`` to
    jackknife, which takes its clusters from the command: each replicate leaves out a cluster
    of c; V = (G-1)/G sum (b_j - bbar)^2 (numbers here from the demeaned data directly)."""
    rc, out, s = do("xtreg z x, i(id) fe vce(jackknife) cluster(c)", data)
    assert rc == 0, out
    bj = np.array([_within_b(data[data.c != g]) for g in sorted(data.c.unique())])
    G = len(bj)
    se = np.sqrt((G - 1) / G * ((bj - bj.mean()) ** 2).sum())
    assert np.sqrt(s.e.matrices["V"].values[0, 0]) == pytest.approx(se, rel=1e-9)
    assert s.e.scalars["N_clust"] == G and s.e.macros["clustvar"] == "c" and s.e.scalars["df_r"] == G - 1
    assert f"(Replications based on {G} clusters in c)" in out
    assert "F test that all u_i=0:     F(14, 4) =        ." in out  # xtreg_fe posts no F_f with cluster()


def test_xtreg_fe_bootstrap_with_cluster(do, data):
    """vce(bootstrap) cluster(c): bootstrap draws clusters of c (``group(id) idcluster()``: a
    panel drawn twice is two panels); e(N_clust) and e(clustvar) the command's."""
    rc, out, s = do("xtreg z x, i(id) fe vce(bootstrap, reps(30) seed(5)) cluster(c)", data)
    assert rc == 0, out
    assert s.e.scalars["N_clust"] == 5 and s.e.macros["clustvar"] == "c"
    assert "(Replications based on 5 clusters in c)" in out
    rc2, _, s2 = do("xtreg z x, i(id) fe vce(bootstrap, reps(30) seed(5))", data)
    assert s2.e.scalars["N_clust"] == 15 and s.e.matrices["V"].values[0, 0] != s2.e.matrices["V"].values[0, 0]


@pytest.mark.parametrize("pair, alone", [
    ("logit y x, vce(jackknife) cluster(c)", "logit y x, vce(jackknife, cluster(c))"),
    ("probit y x, vce(jackknife, cluster(c)) cluster(c)", "probit y x, vce(jackknife, cluster(c))"),
    ("glm y x, f(b) vce(jackknife) cluster(c)", "glm y x, f(b) vce(jackknife, cluster(c))"),
    ("glm y x, f(b) vce(jackknife) robust", "glm y x, f(b) vce(jackknife)"),  # glm: robustok
])
def test_replicates_with_the_command_cluster(do, data, pair, alone):
    """Non-panel commands: _vce_parserun hands cluster(v) to the command under the prefix, and
    bootstrap's and jackknife's ``_prefix_command ..., checkcluster`` take it as their own."""
    assert _se(do, data, pair) == _se(do, data, alone)
    rc, _, s = do("quietly " + pair, data)
    if "cluster" in pair:
        assert s.e.scalars["N_clust"] == 5 and s.e.macros["clustvar"] == "c"


def test_command_cluster_marks_out_its_sample(do, data):
    """The command's cluster(v) marks out rows with v missing (jackknife's own cluster() would
    stop with r(459) there)."""
    frame = data.copy()
    frame.loc[0, "c"] = np.nan
    rc, out, s = do("quietly logit y x, vce(jackknife) cluster(c)", frame)
    assert rc == 0 and s.e.scalars["N"] == 59
    rc, out, _ = do("logit y x, vce(jackknife, cluster(c))", frame)
    assert rc == 459 and "missing values not allowed in cluster variable c" in out


@pytest.mark.parametrize("line, message", [
    ("logit y x, vce(jackknife, cluster(id)) cluster(c)",
     "option cluster() of jackknife conflicts with option cluster() of logit"),
    ("logit y x, vce(jackknife) robust", "options vce() and robust may not be combined"),
    ("poisson y x, vce(bootstrap) robust", "options vce() and robust may not be combined"),
])
def test_replicate_pairs_refused(do, data, line, message):
    assert _error(do, data, line) == (198, message)


def test_bootstrap_with_the_command_cluster_draws_its_clusters(do, data):
    rc, out, s = do("quietly logit y x, vce(bootstrap, reps(25) seed(3)) cluster(c)", data)
    assert rc == 0 and s.e.scalars["N_clust"] == 5 and s.e.macros["clustvar"] == "c"
    rc, out, s2 = do("quietly logit y x, vce(bootstrap, reps(25) seed(3))", data)
    assert "N_clust" not in s2.e.scalars
    assert s.e.matrices["V"].values[0, 0] != s2.e.matrices["V"].values[0, 0]


@pytest.fixture(scope="module")
def subjects():
    from pathlib import Path

    return pd.read_csv(Path(__file__).parent / "reference_values" / "st_replicates_subjects.csv")


def test_streg_jackknife_with_the_command_cluster(do, subjects):
    """streg (_vce_parserun ..., stdata): cluster(v) goes to streg with ``noecluster`` (no
    cluster(id) for jackknife), so the replicates leave out v's clusters even with stset id()."""
    frame = subjects.assign(k=subjects.pid % 7)
    rc, out, s = do("stset t1, id(pid) failure(died)\nstreg x grp, d(weibull) vce(jackknife, nodots) cluster(k)",
                    frame)
    assert rc == 0, out
    bs = []
    for g in range(7):  # each cluster of k left out: streg's own fit on the rest
        rc2, _, s2 = do(f"stset t1, id(pid) failure(died)\nquietly streg x grp if k != {g}, d(weibull)", frame)
        assert rc2 == 0
        bs.append(s2.e.matrices["b"].values[0])
    bs = np.array(bs)
    d = bs - bs.mean(axis=0)
    np.testing.assert_allclose(s.e.matrices["V"].values, 6 / 7 * d.T @ d, rtol=1e-5)
    assert s.e.scalars["N_clust"] == 7 and s.e.macros["clustvar"] == "k"


@pytest.mark.parametrize("line, message", [
    ("streg x, d(weibull) vce(jackknife) robust", "options vce() and robust may not be combined"),
    ("streg x, d(weibull) vce(jackknife, cluster(pid)) cluster(grp)",
     "option cluster() of jackknife conflicts with option cluster() of streg"),
    ("streg x, d(weibull) vce(robust) cluster(grp)", "only one of cluster() or vce(robust) is allowed"),
])
def test_streg_pairs_refused(do, subjects, line, message):
    rc, out, _ = do("stset t1, id(pid) failure(died)\n" + line, subjects)
    assert (rc, out.strip().splitlines()[-2]) == (198, message)


def test_regress_jackknife_with_the_command_cluster(do, data):
    """regress.ado: _vce_parserun hands cluster(v) to regress under jackknife (checkcluster)."""
    assert _se(do, data, "regress z x, vce(jackknife) cluster(c)") == _se(do, data,
                                                                          "regress z x, vce(jackknife, cluster(c))")
    rc, out, s = do("quietly regress z x, vce(jackknife) cluster(c)", data)
    assert s.e.scalars["N_clust"] == 5
    frame = data.copy()
    frame.loc[0, "c"] = np.nan
    rc, out, s = do("quietly regress z x, vce(jackknife) cluster(c)", frame)
    assert rc == 0 and s.e.scalars["N"] == 59  # regress's markout of its cluster()


@pytest.mark.parametrize("line, message", [
    ("regress z x, vce(hc3) cluster(c)", "only one of cluster() or vce(hc3) is allowed"),
    ("regress z x, vce(jackknife) robust", "options vce() and robust may not be combined"),
    ("regress z x, vce(bootstrap) robust", "options vce() and robust may not be combined"),
    ("regress z x, vce(jackknife, cluster(id)) cluster(c)",
     "option cluster() of jackknife conflicts with option cluster() of regress"),
])
def test_regress_pairs_refused(do, data, line, message):
    assert _error(do, data, line) == (198, message)


def test_xtreg_jackknife_own_and_command_cluster(do, data):
    """With xtreg's cluster(v) _vce_parserun adds ``noecluster``, not cluster(panelvar): a
    vce(jackknife, cluster(v)) naming v too is the same jackknife; another variable conflicts."""
    assert _se(do, data, "xtreg z x, i(id) fe vce(jackknife, cluster(c)) cluster(c)") == _se(
        do, data, "xtreg z x, i(id) fe vce(jackknife) cluster(c)")
    assert _error(do, data, "xtreg z x, i(id) fe vce(jackknife, cluster(id)) cluster(c)") == (
        198, "option cluster() of jackknife conflicts with option cluster() of xtreg")
    assert _error(do, data, "xtreg z x, i(id) fe vce(jackknife, cluster(c))") == (198, "option cluster() not allowed")
