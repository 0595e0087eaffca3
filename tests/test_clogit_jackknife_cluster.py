"""clogit ..., vce(jackknife, cluster(v)): the prefix's clusters are v's, not the groups
(clogit.ado's _vce_cluster); each replicate leaves out one cluster, nested in the groups' or
cutting them.  V against survival::clogit's leave-one-cluster-out refits
(tests/reference_values/clogit_jackknife_cluster.R)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import run
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "reference_values" / "clogit_jackknife_cluster.json").read_text())
DATA = """clear
set obs 60
gen g = ceil(_n/3)
gen x = mod(_n*7, 11)/3
gen z = mod(_n*5, 7)
gen y = mod(_n, 3) == 1
replace y = 1 - y if mod(_n*13, 17) < 4 & mod(_n, 3) != 1
gen c = ceil(g/4)
gen c2 = ceil(_n/7)
"""


@pytest.fixture
def s():
    session = Session(out=Output(io.StringIO()))
    run(session, DATA)
    return session


@pytest.mark.parametrize("var", ["c", "c2"])
def test_variance_is_the_leave_one_cluster_out_jackknife(s, var):
    out, rc = run(s, f"clogit y x z, group(g) vce(jackknife, cluster({var}))")
    assert rc == 0, out
    ref = REF[var]
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REF["b"], rtol=1e-7)
    np.testing.assert_allclose(s.e.matrices["V"].values.ravel(), ref["V"], rtol=1e-6)
    assert s.e.scalars["N_clust"] == ref["n"] and s.e.scalars["df_r"] == ref["n"] - 1
    assert s.e.macros["clustvar"] == var and s.e.macros["vce"] == "jackknife"
    assert f"(Replications based on {ref['n']} clusters in {var})" in out


def test_missing_cluster_values_in_the_sample(s):
    run(s, "replace c = . in 5")
    out, rc = run(s, "clogit y x z, group(g) vce(jackknife, cluster(c))", stop_on_error=False)
    assert rc == 459 and "missing values not allowed in cluster variable c" in out, out


def test_two_clusters_are_too_few(s):
    out, rc = run(s, "gen c3 = g > 10\nclogit y x z, group(g) vce(jackknife, cluster(c3))", stop_on_error=False)
    assert rc == 459 and "jackknife requires more than 2 clusters" in out, out


def test_weights_with_cluster_are_refused(s):
    out, rc = run(s, "gen w = 1 + mod(g, 2)\nclogit y x z [fw=w], group(g) vce(jackknife, cluster(c))",
                  stop_on_error=False)
    assert rc == 198 and "not supported by mlmcli" in out, out


def test_idcluster_inside_vce_is_clogits_error(s):
    out, rc = run(s, "clogit y x z, group(g) vce(jackknife, cluster(c) idcluster(newid))", stop_on_error=False)
    assert rc == 198 and "clogit does not allow option idcluster() inside the vce() option" in out, out
