"""``regress [fw|pw], vce(jackknife, ...)`` and the fit plots' ``estopts(vce(jackknife))`` with
weights: jackknife.ado's replicates (fweights: one copy less of the observation or cluster;
pweights: the observation or cluster left out) and ``_jk_sum``'s variance, against R
(``tests/regress_reference/weighted_jackknife.R``: lm on the repeated rows without each copy,
survey's JK1 design; values in ``weighted_jackknife.json``); e(), the header, saving()'s
multiplier, keep's pseudovalues (iweights: test_regress_jackknife_iweights_eform.py); the prefix
typed before the command, ``jackknife, saving() keep reject() n(): regress y x [fw|pw|aw|iw]``,
runs the same loops (regress's _vce_parserun hands its weight to the prefix), aweights only with
``force`` (jackknife.ado's "aweights not allowed" r(101))."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import artists, double_session, drawn, run
from mlmcli.dta import read_dta

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "weighted_jackknife.json").read_text())


@pytest.fixture
def s(tmp_path):
    os.chdir(tmp_path)
    return double_session({k: REFERENCE[k] for k in ("y", "x1", "x2", "fw", "pw", "c", "cw")})


def _run(s, text):
    return run(s, text, stop_on_error=False)


@pytest.mark.parametrize("command, key, b_key, N, df_r, reps", [
    ("regress y x1 x2 [fw=fw], vce(jackknife)", "fweight", "b_fweight", 57, 56, 30),
    ("regress y x1 x2 [fweight=fw], vce(jackknife, mse nodots)", "fweight_mse", "b_fweight", 57, 56, 30),
    ("regress y x1 x2 [fw=cw], vce(jackknife, cluster(c))", "fweight_cluster", None, 55, 10, 6),
    ("regress y x1 x2 [pw=pw], vce(jackknife)", "pweight", "b_pweight", 30, 29, 30),
    ("regress y x1 x2 [pw=pw], vce(jackknife, mse)", "pweight_mse", "b_pweight", 30, 29, 30),
    ("regress y x1 x2 [pw=pw], vce(jackknife, cluster(c))", "pweight_cluster", "b_pweight", 30, 5, 6)])
def test_variance_matches_r(s, command, key, b_key, N, df_r, reps):
    out, rc = _run(s, command)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE[key]), rtol=1e-10)
    if b_key:
        np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REFERENCE[b_key], rtol=1e-12)
    # e(N): fweights their sum, else the observations; e(df_r): fweights the replicates' frequencies
    # less one, else the replicates less one (_jk_sum); e(N_reps) the replicates
    assert (s.e.scalars["N"], s.e.scalars["df_r"], s.e.scalars["N_reps"]) == (N, df_r, reps)
    assert f"Number of obs      = {N:>9}" in out and f"Replications       = {reps:>9}" in out
    assert s.e.macros["wtype"] == ("fweight" if "fw" in command else "pweight")
    se = np.sqrt(np.diag(np.asarray(REFERENCE[key])))
    assert f"{se[0]:.7f}".lstrip("0") in out  # the printed standard error is R's, to its last digit


def test_fweights_must_be_constant_within_cluster(s):
    out, rc = _run(s, "regress y x1 x2 [fw=fw], vce(jackknife, cluster(c))")
    assert rc == 198 and "fweights must be constant within c" in out
    # jackknife.ado checks the frequencies after its full-sample regress, which stays in e()
    assert s.e.macros["vce"] == "ols" and s.e.scalars["N"] == s.data.numeric("fw").sum()


def test_fweight_replicate_is_one_copy_less(s):
    """saving(): each replicate the fit with the observation's frequency less one, and the
    multiplier jackknife.ado posts (the frequency) first, with its characteristics."""
    out, rc = _run(s, "regress y x1 x2 [fw=fw], vce(jackknife, saving(reps, double))")
    assert rc == 0, out
    ds, _ = read_dta("reps.dta")
    assert list(ds.df.columns) == ["__jk_multiplier", "_b_x1", "_b_x2", "_b_cons"]
    fw = np.asarray(REFERENCE["fw"])
    np.testing.assert_array_equal(ds.df["__jk_multiplier"], fw)
    assert ds.chars["jk_wtype"] == "fweight" and ds.chars["jk_multiplier"] == "__jk_multiplier"
    assert ds.chars["jk_wexp"] == "= fw"
    y, x1, x2 = (np.asarray(REFERENCE[k]) for k in ("y", "x1", "x2"))
    X = np.column_stack([x1, x2, np.ones_like(y)])
    for i in (0, 7, 19):
        w = fw.copy()
        w[i] -= 1
        b = np.linalg.solve(X.T @ (X * w[:, None]), X.T @ (w * y))
        np.testing.assert_allclose(ds.df.iloc[i, 1:].to_numpy(float), b, rtol=1e-10)


def test_pweight_saving_multiplier_and_keep(s):
    _run(s, "regress y x1 x2 [pw=pw], vce(jackknife, saving(reps) keep)")
    ds, _ = read_dta("reps.dta")
    np.testing.assert_allclose(ds.df["__jk_multiplier"], np.float32(29 / 30), rtol=0)
    assert ds.chars["jk_wtype"] == "pweight"
    b = s.e.matrices["b"].values.ravel()
    # _jk_pseudo: G b - (G-1) b_(g), G the usable replicates (pweights: not weighted)
    expected = 30 * b[0] - 29 * ds.df["_b_x1"].to_numpy(float)
    np.testing.assert_allclose(s.data.numeric("_b_x1"), np.float32(expected), rtol=1e-6)


def test_fweight_keep_counts_the_frequencies(s):
    _run(s, "regress y x1 x2 [fw=fw], vce(jackknife, saving(reps, double) keep double)")
    ds, _ = read_dta("reps.dta")
    b = s.e.matrices["b"].values.ravel()
    F = np.sum(REFERENCE["fw"])  # _jk_pseudo with [fw=multiplier]: G the sum of the frequencies
    np.testing.assert_allclose(s.data.numeric("_b_x2"), F * b[1] - (F - 1) * ds.df["_b_x2"].to_numpy(float),
                               rtol=1e-10)


def test_count_check_with_fweights(s):
    """n(): each replicate's e(N) is the full e(N) less the replicate's rows (one copy each)."""
    out, rc = _run(s, "regress y x1 x2 [fw=fw], vce(jackknife, n(e(N)) nodots)")
    assert rc == 0 and s.e.scalars["N_reps"] == 30, out
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE["fweight"]), rtol=1e-10)
    b1 = s.e.matrices["b"].values[0, 0]
    out, rc = _run(s, f"regress y x1 x2 [fw=fw], vce(jackknife, reject(_b[x1] > {b1:.17g}) saving(reps, double))")
    assert rc == 0, out
    ds, _ = read_dta("reps.dta")
    B = ds.df[["_b_x1", "_b_x2", "_b_cons"]].to_numpy(float)
    usable = np.isfinite(B[:, 0])
    assert 0 < usable.sum() < 30 and s.e.scalars["N_reps"] == usable.sum()
    assert np.isnan(ds.df["__jk_multiplier"][~usable]).all()
    f = np.asarray(REFERENCE["fw"])[usable]
    F = f.sum()  # the usable replicates' frequencies: V and df_r from them
    D = B[usable] - f @ B[usable] / F
    np.testing.assert_allclose(s.e.matrices["V"].values, (F - 1) / F * D.T @ (D * f[:, None]), rtol=1e-10)
    assert s.e.scalars["df_r"] == F - 1 and "x" in out


def test_lfitci_band_with_fweights(s):
    from scipy.stats import t as student_t

    graph, fig = drawn(s, "twoway lfitci y x1 [fw=fw], n(5) estopts(vce(jackknife))")
    band, line = graph.panels[0].series
    b, V = np.asarray(REFERENCE["b_fweight_x1"]), np.asarray(REFERENCE["fweight_x1"])
    X0 = np.column_stack([line.x, np.ones_like(line.x)])
    half = student_t.ppf(.975, 56) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))  # df_r: 57 copies less one
    np.testing.assert_allclose(line.y, X0 @ b, rtol=1e-10)
    np.testing.assert_allclose(band.y, X0 @ b - half, rtol=1e-9)
    np.testing.assert_allclose(band.y2, X0 @ b + half, rtol=1e-9)
    (area,) = artists(fig, "p1-s1-area")
    verts = np.concatenate([p.vertices for p in area.get_paths()])
    assert verts[:, 1].max() == pytest.approx((X0 @ b + half).max())
    assert verts[:, 1].min() == pytest.approx((X0 @ b - half).min())


def test_lfit_stdp_with_pweights(s):
    """lfit takes pweights (lfitci does not): predopts(stdp) draws the cluster jackknife's
    standard error of x b, survey's JK1 variance."""
    graph, _ = drawn(s, "twoway lfit y x1 [pw=pw], n(5) predopts(stdp) estopts(vce(jackknife, cluster(c)))")
    (line,) = graph.panels[0].series
    V = np.asarray(REFERENCE["pweight_cluster_x1"])
    X0 = np.column_stack([line.x, np.ones_like(line.x)])
    np.testing.assert_allclose(line.y, np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), rtol=1e-9)


def test_qfitci_fweights_band_and_saving(tmp_path):
    """qfitci [fw]: the band from the jackknife of the rows repeated (each copy left out in turn),
    t on the copies less one; saving() writes the frequencies as __jk_multiplier."""
    from scipy.stats import t as student_t

    from graphs_helpers import make_session

    os.chdir(tmp_path)
    s = make_session(n=20)
    graph, _ = drawn(s, "twoway qfitci y x [fw=w], n(4) estopts(vce(jackknife, saving(q, double)))")
    band, line = graph.panels[0].series
    x, y, w = (s.data.numeric(k) for k in ("x", "y", "w"))
    rows = np.repeat(np.arange(len(y)), w.astype(int))
    X = np.column_stack([x, x ** 2, np.ones_like(x)])[rows]
    Y = y[rows]
    B = np.array([np.linalg.lstsq(np.delete(X, i, 0), np.delete(Y, i), rcond=None)[0] for i in range(len(rows))])
    N = len(rows)
    D = B - B.mean(axis=0)
    V = (N - 1) / N * D.T @ D
    X0 = np.column_stack([line.x, line.x ** 2, np.ones_like(line.x)])
    half = student_t.ppf(.975, N - 1) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose(band.y2 - band.y, 2 * half, rtol=1e-8)
    ds, _ = read_dta("q.dta")
    assert list(ds.df.columns)[0] == "__jk_multiplier" and ds.chars["jk_wtype"] == "fweight"
    np.testing.assert_array_equal(ds.df["__jk_multiplier"], w)
    assert ds.chars["jk_wexp"] == "= w"


@pytest.mark.parametrize("sub, nfunction", [("", "e(N)"), ("n(e(N))", "e(N)"), ("nocount", None),
                                             ("n(e(N) + 0)", "e(N) + 0")])
def test_saving_records_the_count(s, sub, nfunction):
    """_dta[jk_nfunction]: n()'s expression (e(N) by default); nocount leaves it empty (not stored)."""
    out, rc = _run(s, f"regress y x1 x2 [pw=pw], vce(jackknife, {sub} saving(reps) nodots)")
    assert rc == 0, out
    ds, _ = read_dta("reps.dta")
    assert ds.chars.get("jk_nfunction") == nfunction
    assert s.e.macros["nfunction"] == (nfunction or "")


def _ran(s, text):
    out, rc = _run(s, text)
    assert rc == 0, out
    return out


@pytest.mark.parametrize("weight, key", [("fw=fw", "fweight"), ("pw=pw", "pweight")])
def test_prefix_variance_matches_r(s, weight, key):
    _ran(s, f"jackknife, saving(reps, replace double) keep double nodots: regress y x1 x2 [{weight}]")
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE[key]), rtol=1e-10)
    ds, _ = read_dta("reps.dta")
    assert ds.chars["jk_wtype"] == key and ds.chars["jk_command"] == f"regress y x1 x2 [{key}= {weight[3:]}]"
    b = s.e.matrices["b"].values.ravel()
    G = np.sum(REFERENCE["fw"]) if key == "fweight" else 30  # _jk_pseudo's G
    np.testing.assert_allclose(s.data.numeric("_b_x1"), G * b[0] - (G - 1) * ds.df["_b_x1"].to_numpy(float),
                               rtol=1e-10)


@pytest.mark.parametrize("weight, extra", [("fw=fw", ""), ("pw=pw", ""), ("aw=pw", "force "), ("iw=fw", "")])
def test_prefix_writes_what_the_vce_form_writes(s, weight, extra):
    _ran(s, f"regress y x1 x2 [{weight}]")
    b1 = s.e.matrices["b"].values[0, 0]
    options = f"{extra}reject(_b[x1] > {b1:.17g}) saving(a, replace double) keep double nodots"
    _ran(s, f"regress y x1 x2 [{weight}], vce(jackknife, {options})")
    V, kept = s.e.matrices["V"].values, s.data.numeric("_b_x1").copy()
    s.data.drop_variables(["_b_x1", "_b_x2", "_b_cons"])
    _ran(s, f"jackknife, {options.replace('saving(a', 'saving(p')}: regress y x1 x2 [{weight}]")
    np.testing.assert_allclose(s.e.matrices["V"].values, V, rtol=1e-12)
    np.testing.assert_allclose(s.data.numeric("_b_x1"), kept, rtol=1e-12)
    a, _ = read_dta("a.dta")
    p, _ = read_dta("p.dta")
    assert list(a.df.columns) == list(p.df.columns) and a.chars == p.chars
    np.testing.assert_array_equal(a.df.to_numpy(float), p.df.to_numpy(float))
    usable = np.isfinite(p.df["_b_x1"].to_numpy(float))
    assert 0 < usable.sum() < 30  # reject() left some replicates out


def test_aweights_need_force(s):
    out, rc = run(s, "jackknife, saving(reps) nodots: regress y x1 x2 [aw=pw]", stop_on_error=False)
    assert rc == 101 and "aweights not allowed" in out and not os.path.exists("reps.dta")
