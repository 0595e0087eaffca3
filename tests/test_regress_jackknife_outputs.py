"""``regress, vce(jackknife, ...)``'s ``saving()``, ``keep`` and ``idcluster()`` (jackknife.ado's
file of replicates, its pseudovalues and cluster numbering), the fit plots' ``estopts()``
with them, and jackknife.ado's "more than 2 clusters"; replicates checked against refits
without each observation or cluster."""
from __future__ import annotations

import os

import numpy as np
import pytest

from graphs_helpers import drawn, make_session, run
from mlmcli.dta import read_dta


@pytest.fixture
def s(tmp_path):
    os.chdir(tmp_path)
    session = make_session(n=24)
    run(session, "generate c = mod(_n * 7, 5)")
    return session


def _refits(s, codes=None):
    """(b, replicates) of y on (x, 1) refitted without each observation or cluster."""
    x, y = s.data.numeric("x"), s.data.numeric("y")
    X = np.column_stack([x, np.ones_like(x)])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    groups = np.arange(len(y)) if codes is None else np.unique(codes)
    keys = np.arange(len(y)) if codes is None else codes
    B = np.array([np.linalg.lstsq(X[keys != g], y[keys != g], rcond=None)[0] for g in groups])
    return b, B


def _float(v):
    return np.asarray(v, np.float32).astype(float)


@pytest.mark.parametrize("sub, by_cluster", [("saving(reps)", False), ("cluster(c) saving(reps.dta) nodots", True)])
def test_saving_writes_each_replicates_coefficients(s, sub, by_cluster):
    out, rc = run(s, f"regress y x, vce(jackknife, {sub})")
    assert rc == 0, out
    ds, _ = read_dta("reps.dta")
    b, B = _refits(s, s.data.numeric("c") if by_cluster else None)
    assert list(ds.df.columns) == ["_b_x", "_b_cons"] and len(ds.df) == len(B)
    np.testing.assert_allclose(ds.df["_b_x"], _float(B[:, 0]), rtol=1e-7)
    np.testing.assert_allclose(ds.df["_b_cons"], _float(B[:, 1]), rtol=1e-7)
    assert ds.types == {"_b_x": "float", "_b_cons": "float"}
    assert ds.var_labels == {"_b_x": "_b[x]", "_b_cons": "_b[_cons]"} and ds.label == "jackknife: regress"
    assert ds.chars["jk_names"] == "_b_x _b_cons" and ds.chars["jk_cmdname"] == "regress"
    assert float(ds.chars["_b_x[observed]"]) == pytest.approx(b[0], rel=1e-12)
    assert ("jk_N_cluster" in ds.chars) == by_cluster
    # the variance regress posts is the replicates' (G-1)/G sum (b_g - bbar)(b_g - bbar)'
    D = B - B.mean(axis=0)
    np.testing.assert_allclose(s.e.matrices["V"].values, (len(B) - 1) / len(B) * D.T @ D, rtol=1e-9)


def test_saving_double_and_replace(s):
    run(s, "regress y x, vce(jackknife, saving(reps, double))")
    ds, _ = read_dta("reps.dta")
    _, B = _refits(s)
    assert ds.types["_b_x"] == "double"
    np.testing.assert_allclose(ds.df["_b_x"], B[:, 0], rtol=1e-10)
    before = os.path.getmtime("reps.dta"), open("reps.dta", "rb").read()
    run(s, "quietly regress y x")
    out, rc = run(s, "regress y x z, vce(jackknife, saving(reps))", stop_on_error=False)
    assert rc == 602 and "file reps.dta already exists" in out
    assert open("reps.dta", "rb").read() == before[1] and s.e.macros["vce"] == "ols"
    out, rc = run(s, "regress y x z, vce(jackknife, saving(reps, replace))")
    assert rc == 0 and list(read_dta("reps.dta")[0].df.columns) == ["_b_x", "_b_z", "_b_cons"]


def test_keep_adds_the_pseudovalues(s):
    run(s, "regress y x, vce(jackknife, keep)")
    b, B = _refits(s)
    n = len(B)
    pseudo = n * b - (n - 1) * _float(B)
    np.testing.assert_allclose(s.data.numeric("_b_x"), _float(pseudo[:, 0]), rtol=1e-6)
    assert s.data.var_labels["_b_cons"] == "pseudovalues: _b[_cons]"
    # the pseudovalues' mean is the jackknife's bias-corrected estimate; their variance / n is V
    V = np.cov(pseudo.T) / n
    np.testing.assert_allclose(s.e.matrices["V"].values, V, rtol=1e-5)
    out, rc = run(s, "regress y x, vce(jackknife, keep)", stop_on_error=False)
    assert rc == 110 and "variable _b_x already defined" in out


def test_idcluster_numbers_the_clusters_with_keep(s):
    run(s, "replace c = c * 10 + 3\ngenerate k = 99")
    out, rc = run(s, "regress y x, vce(jackknife, cluster(c) idcluster(k) keep)")
    assert rc == 0, out
    c = s.data.numeric("c")
    np.testing.assert_array_equal(s.data.numeric("k"), np.searchsorted(np.unique(c), c) + 1)
    assert s.data.varnames[-3:] == ["k", "_b_x", "_b_cons"]  # k replaced where jackknife numbers
    b, B = _refits(s, c)
    G = len(B)
    first = np.zeros(len(c), bool)
    first[np.unique(c, return_index=True)[1]] = True
    got = s.data.numeric("_b_x")
    assert np.isnan(got[~first]).all()
    pseudo = G * b - (G - 1) * _float(B)  # one row per cluster, in sorted order of c
    np.testing.assert_allclose(got[first], _float(pseudo[np.searchsorted(np.unique(c), c[first]), 0]), rtol=1e-6)


def test_idcluster_without_keep_creates_nothing(s):
    """jackknife.ado renames its numbering to idcluster() only under keep."""
    before = list(s.data.varnames)
    out, rc = run(s, "regress y x, vce(jackknife, cluster(c) idcluster(k))")
    assert rc == 0 and list(s.data.varnames) == before


@pytest.mark.parametrize("command, message, code", [
    ("regress y x, vce(jackknife, idcluster(k))", "option idcluster() requires the cluster() option", 198),
    ("regress y x, vce(jackknife, cluster(h))", "jackknife requires more than 2 clusters", 459),
    ("regress y x if g == 1, vce(jackknife, cluster(g))", "jackknife requires more than 2 clusters", 459),
    ("regress y x, vce(jackknife, saving(a, every(0)))", "every() must be a positive integer", 198),
    ("regress y x, vce(jackknife, reject(1))",
     "jackknife rejected results from regress while using the entire dataset", 9),
    ("regress y x, vce(jackknife, reject(_b[nosuch]))", "reject() incorrectly specified: _b[nosuch]", 198),
    ("regress y x, vce(jackknife, n(.))", "number of obs. . evaluated to missing in full sample", 322),
    ("regress y x, vce(jackknife, rclass)", "number of obs. r(N) evaluated to missing in full sample", 322),
    ("regress y x, vce(jackknife, rclass n(e(N)))", "options rclass n() may not be combined", 198),
    ("regress y x, vce(jackknife, strata(g))", "option strata() not allowed", 198),
    ("regress y x, vce(jackknife, subpop(g))", "option subpop() not allowed", 198),
    ("regress y x, vce(jackknife, svy)", "data not set up for svy, use svyset", 119),
    ("regress y x, vce(jackknife, noisily dots)", "options dots and noisily may not be combined", 198),
    ("regress y x, vce(jackknife, noisily dots(2))", "options dots() and noisily may not be combined", 198),
    ("regress y x, vce(jackknife, keep n(1000))",
     "insufficient observations to compute jackknife standard errors", 2000)])
def test_refusals(s, command, message, code):
    run(s, "quietly regress y x")
    before = list(s.data.varnames)
    out, rc = run(s, command, stop_on_error=False)
    assert rc == code and message in out, out
    assert list(s.data.varnames) == before
    # e() kept, except after _jk_sum's r(2000), which jackknife.ado follows with ereturn clear
    assert s.e is None if code == 2000 else s.e.macros["vce"] == "ols"


def test_lfitci_estopts_saving(s):
    graph, _ = drawn(s, "twoway lfitci y x, estopts(vce(jackknife, cluster(c) idcluster(k) saving(g1)))")
    ds, _ = read_dta("g1.dta")
    b, B = _refits(s, s.data.numeric("c"))
    np.testing.assert_allclose(ds.df[["_b_x", "_b_cons"]].to_numpy(), _float(B), rtol=1e-7)
    assert "k" not in s.data.varnames and ds.chars["jk_cluster"] == "c"
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, b[0] * line.x + b[1], rtol=1e-9)
    out, rc = run(s, "twoway lfit y x, estopts(vce(jackknife, saving(g1)))", stop_on_error=False)
    assert rc == 602


@pytest.mark.parametrize("command, message, code", [
    ("twoway lfit y x, estopts(vce(jackknife, strata(g)))", "option strata() not allowed", 198),
    ("twoway lfitci y x, estopts(vce(jackknife, cluster(h)))", "jackknife requires more than 2 clusters", 459),
    ("twoway lfit y x, estopts(vce(jackknife, idcluster(k)))", "requires the cluster() option", 198)])
def test_plot_refusals(s, command, message, code):
    out, rc = run(s, command, stop_on_error=False)
    assert rc == code and message in out, out
    assert not os.path.exists("q.dta")


def _quadratic_refits(s, rows):
    """regress y x x2 (x2 = x^2) on ``rows`` and leaving out each of them (numpy)."""
    x, y = s.data.numeric("x")[rows], s.data.numeric("y")[rows]
    X = np.column_stack([x, x * x, np.ones_like(x)])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    B = np.array([np.linalg.lstsq(np.delete(X, i, 0), np.delete(y, i), rcond=None)[0] for i in range(len(y))])
    return b, B


def test_qfit_saving_and_keep_name_x2_after_a_temporary_variable(s):
    """qfit's regress is y on x and x^2, a temporary variable: saving()'s and keep's columns are
    _b_x, _b_<tempname>, _b_cons; keep's variables stay in the data after the graph."""
    s._temp_counter = 3  # the session's next temporary name: __000003
    graph, _ = drawn(s, "twoway qfitci y x, estopts(vce(jackknife, keep saving(q2)))")
    ds, _ = read_dta("q2.dta")
    assert list(ds.varnames) == ["_b_x", "_b___000003", "_b_cons"]
    assert ds.var_labels["_b___000003"] == "_b[__000003]"
    b, B = _quadratic_refits(s, np.isfinite(s.data.numeric("y")) & np.isfinite(s.data.numeric("x")))
    np.testing.assert_allclose(ds.df.to_numpy(), _float(B), rtol=1e-6, atol=1e-9)
    G = len(B)
    for j, name in enumerate(("_b_x", "_b___000003", "_b_cons")):
        np.testing.assert_allclose(s.data.numeric(name), _float(G * b[j] - (G - 1) * _float(B[:, j])),
                                   rtol=1e-5, atol=1e-6)
    assert s.data.var_labels["_b_x"] == "pseudovalues: _b[x]"
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, b[0] * line.x + b[1] * line.x ** 2 + b[2], rtol=1e-9)
    # a second fit finds the variables: regress fails under capture -- the note and r(110)
    out, rc = run(s, "twoway lfit y x, estopts(vce(jackknife, keep))", stop_on_error=False)
    assert rc == 110 and "(note:  regress could not fit model)" in out


def test_lfitci_band_with_reject_and_n(s):
    """reject(): the band's V from the usable replicates (numpy refits), t with their count less
    one; n() making every replicate unusable is regress's r(2000): twoway's note, nothing drawn."""
    from mlmcli.distributions import t as student_t

    rows = np.isfinite(s.data.numeric("y")) & np.isfinite(s.data.numeric("x"))
    x, y = s.data.numeric("x")[rows], s.data.numeric("y")[rows]
    X = np.column_stack([x, np.ones_like(x)])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    B = np.array([np.linalg.lstsq(np.delete(X, i, 0), np.delete(y, i), rcond=None)[0] for i in range(len(y))])
    cut = float(np.median(B[:, 0]))
    usable = ~(B[:, 0] > cut)
    graph, _ = drawn(s, f"twoway lfitci y x, estopts(vce(jackknife, reject(_b[x] > {cut!r})))")
    G = usable.sum()
    d = B[usable] - B[usable].mean(axis=0)
    V = (G - 1) / G * d.T @ d
    band, line = graph.panels[0].series
    X0 = np.column_stack([band.x, np.ones_like(band.x)])
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    q = student_t.ppf(0.975, G - 1)
    np.testing.assert_allclose(band.y2 - band.y, 2 * q * se, rtol=1e-7)
    out, rc = run(s, "twoway lfitci y x, estopts(vce(jackknife, n(5)))")
    assert rc == 0 and "(note:  regress could not fit model)" in out
    band, line = s.graphs[-1].panels[0].series
    assert np.isnan(line.y).all()


def test_lfit_keep_with_clusters_leaves_idcluster_and_first_rows(s):
    """keep with cluster() idcluster(): as regress's (jackknife.ado's merge): the numbering on
    the sample's rows, the pseudovalues on each cluster's first observation only."""
    drawn(s, "twoway lfit y x, estopts(vce(jackknife, cluster(c) idcluster(k) keep))")
    c = s.data.numeric("c")
    k = s.data.numeric("k")
    assert np.array_equal(k, np.searchsorted(np.unique(c), c) + 1.0)
    b, B = _refits(s, c)
    got = s.data.numeric("_b_x")
    first = np.zeros(len(c), bool)
    first[np.unique(c, return_index=True)[1]] = True
    assert np.isnan(got[~first]).all()
    G = len(B)
    np.testing.assert_allclose(got[first], _float(G * b[0] - (G - 1) * _float(B[np.searchsorted(np.unique(c), c[first]), 0])),
                               rtol=1e-5)


def test_saving_records_the_rebuilt_command(s):
    """_dta[jk_command] is jackknife's s(command): names in full, ``[wtype= exp]``, ``if (exp)``
    as _vce_parserun hands it on, then ``in``; runs of blanks made one (_prefix_command)."""
    out, rc = run(s, "regress y  x [fw=w] if  x >  2 in 2/20, vce(jackknife, saving(reps) nodots)")
    assert rc == 0, out
    ds, _ = read_dta("reps.dta")
    assert ds.chars["jk_command"] == "regress y x [fweight= w] if (x > 2) in 2/20"
    assert ds.chars["jk_wtype"] == "fweight" and ds.chars["jk_wexp"] == "= w"
