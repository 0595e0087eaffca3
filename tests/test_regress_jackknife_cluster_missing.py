"""jackknife's ``cluster(v)`` with v missing on rows of regress's sample, and what e() holds when
the prefix stops after its full-sample regress (jackknife.ado 9.13.0: its touse set to
e(sample), then ``markout cluse cluster`` and ``missing values not allowed in cluster variable v``
r(459); ``ereturn clear`` only when _jk_sum fails).  regress's own ``vce(cluster v)`` still marks
v out.  The full-sample e() is checked against numpy's least squares over every row."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import make_session, run


@pytest.fixture
def s():
    session = make_session(n=24)
    run(session, "generate v = mod(_n, 5)")
    run(session, "replace v = . in 4")
    return session


def _ols(s, rows=None):
    x, y = s.data.numeric("x"), s.data.numeric("y")
    rows = np.ones(len(y), bool) if rows is None else rows
    X = np.column_stack([x, np.ones_like(x)])[rows]
    return np.linalg.lstsq(X, y[rows], rcond=None)[0]


@pytest.mark.parametrize("command", [
    "regress y x, vce(jackknife, cluster(v))",
    "regress y x, vce(jackknife, cluster(v) saving(nowhere) nodots)",
    "jackknife, cluster(v): regress y x",
    "jackknife _b, cluster(v) nodots: regress y x",
])
def test_missing_cluster_value_is_r459_and_leaves_the_full_sample_fit(s, command):
    run(s, "quietly regress y x if v == 1")  # e() before: another fit
    out, rc = run(s, command, stop_on_error=False)
    assert rc == 459 and "missing values not allowed in cluster variable v" in out, out
    assert "Jackknife replications" not in out
    e = s.e  # the prefix's full-sample regress: every row (v's missing one too), OLS
    assert e.macros["cmd"] == "regress" and e.macros["vce"] == "ols" and e.scalars["N"] == 24
    assert "clustvar" not in e.macros and "prefix" not in e.macros
    np.testing.assert_allclose(e.matrices["b"].values.ravel(), _ols(s), rtol=1e-10)


def test_rows_without_v_left_out_by_if_are_fine(s):
    out, rc = run(s, "regress y x if v < ., vce(jackknife, cluster(v))")
    assert rc == 0, out
    assert s.e.scalars["N"] == 23 and s.e.scalars["N_clust"] == 5
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), _ols(s, np.arange(24) != 3), rtol=1e-10)


def test_reject_on_the_full_sample_comes_first(s):
    """_prefix_reject runs before the cluster check: r(9), e() the full-sample fit."""
    out, rc = run(s, "regress y x, vce(jackknife, cluster(v) reject(1))", stop_on_error=False)
    assert rc == 9 and "rejected results from regress while using the entire dataset" in out
    assert s.e.scalars["N"] == 24 and s.e.macros["vce"] == "ols"


def test_vce_cluster_still_marks_v_out(s):
    out, rc = run(s, "regress y x, vce(cluster v)")
    assert rc == 0, out
    assert s.e.scalars["N"] == 23 and s.e.scalars["N_clust"] == 5 and s.e.macros["clustvar"] == "v"
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), _ols(s, np.arange(24) != 3), rtol=1e-10)


def test_lfitci_prefix_fails_the_same_way(s):
    out, rc = run(s, "twoway lfitci y x, estopts(vce(jackknife, cluster(v)))", stop_on_error=False)
    assert rc == 459 and "missing values not allowed in cluster variable v" in out
    out, rc = run(s, "twoway lfitci y x if v < ., estopts(vce(jackknife, cluster(v)))", stop_on_error=False)
    assert rc == 0, out
    out, rc = run(s, "twoway lfitci y x, estopts(vce(cluster v))", stop_on_error=False)
    assert rc == 0, out


@pytest.mark.parametrize("command, code", [
    ("regress y x, vce(jackknife, reject(1))", 9),
    ("regress y x, vce(jackknife, n(.))", 322),
    ("regress y x, vce(jackknife, cluster(h))", 459),
])
def test_failures_after_the_full_sample_fit_leave_it_in_e(s, command, code):
    run(s, "generate h = _n > 12")
    run(s, "quietly regress y x if _n < 10")
    out, rc = run(s, command, stop_on_error=False)
    assert rc == code, out
    assert s.e.scalars["N"] == 24 and s.e.macros["vce"] == "ols"
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), _ols(s), rtol=1e-10)
    out, rc = run(s, "regress")  # a replay of that fit
    assert rc == 0 and "Number of obs =      24" in out, out


def test_no_usable_replicate_clears_e(s):
    """_jk_sum failing (r(2000)): ``ereturn clear``."""
    run(s, "quietly regress y x")
    out, rc = run(s, "regress y x, vce(jackknife, n(1000))", stop_on_error=False)
    assert rc == 2000 and s.e is None
