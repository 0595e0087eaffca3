"""twoway fpfit/fpfitci ``estopts(vce(jackknife, saving() keep reject() n()))``: the prefix in
each of fracpoly's regress fits (the model without x, the candidates in frac_154's order, the
final model on fracgen's Ix__1 Ix__2), the saved file of the last fit, reject() changing the
powers chosen and the band, and the note when fracpoly fails; values from R
(``tests/graphs_reference/fpfit_jackknife.R``, ``fpfit_jackknife.json``)."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import assert_band, drawn, run
from mlmcli.dataset import Dataset
from mlmcli.dta import read_dta
from mlmcli.fractional_polynomials import fp_terms
from mlmcli.graphs.fpfit_jackknife import candidate_powers, fracgen_names
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_jackknife.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s(tmp_path):
    os.chdir(tmp_path)
    df = pd.DataFrame({"y": REFERENCE["y"], "x": REFERENCE["x"]})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={"y": "double", "x": "double"})
    return session


def test_fracpolys_fit_order_and_names():
    order = candidate_powers((3, -2, -1, -0.5, 0, 0.5, 1, 2), 2)
    assert len(order) == 44 and order[:8] == [(p,) for p in (-2, -1, -0.5, 0, 0.5, 1, 2, 3)]
    assert order[8:11] == [(-2, -2), (-2, -1), (-2, -0.5)] and order[-1] == (3, 3)
    assert len(candidate_powers((1, 2), 3)) == 2 + 3 + 4
    assert fracgen_names("x", 2) == ["Ix__1", "Ix__2"] and fracgen_names("weight", 1) == ["Iweig__1"]


def test_saving_holds_the_final_models_replicates(s):
    ref = REFERENCE["plain"]
    graph, _ = drawn(s, "twoway fpfitci y x, estopts(vce(jackknife, saving(jk, replace double)))")
    assert_band(graph, ref, 1e-9)
    ds, _ = read_dta("jk.dta")
    assert list(ds.df.columns) == ["_b_Ix__1", "_b_Ix__2", "_b_cons"] and len(ds.df) == 20
    for column, key in zip(ds.df.columns, ("B1", "B2", "Bc")):
        np.testing.assert_allclose(ds.df[column], ref[key], rtol=1e-9)
    assert ds.chars["jk_command"] == "regress y Ix__1 Ix__2" and ds.chars["jk_names"] == "_b_Ix__1 _b_Ix__2 _b_cons"
    assert float(ds.chars["_b_Ix__1[observed]"]) == pytest.approx(ref["b"][0], rel=1e-10)
    assert ds.var_labels["_b_Ix__2"] == "_b[Ix__2]" and ds.types["_b_cons"] == "double"
    assert s.data.varnames == ["y", "x"]  # fracgen's variables are in the preserved data only


def test_without_replace_the_second_fit_fails(s):
    out, rc = run(s, "twoway fpfitci y x, estopts(vce(jackknife, saving(jk)))")
    assert rc == 0 and NOTE in out
    ds, _ = read_dta("jk.dta")  # the model without x wrote it: the means without each observation
    y = np.asarray(REFERENCE["y"])
    assert list(ds.df.columns) == ["_b_cons"] and ds.chars["jk_command"] == "regress y"
    np.testing.assert_allclose(ds.df["_b_cons"], np.float32((y.sum() - y) / 19), rtol=1e-7)
    before = open("jk.dta", "rb").read()
    out, rc = run(s, "twoway fpfitci y x, estopts(vce(jackknife, saving(jk)))")
    assert rc == 0 and NOTE in out and open("jk.dta", "rb").read() == before


def test_reject_changes_the_powers_and_the_band(s):
    ref = REFERENCE["above"]
    graph, _ = drawn(s, "twoway fpfitci y x, estopts(vce(jackknife, reject(_b[_cons] > 4.52) saving(jk, replace "
                        "double)))")
    assert_band(graph, ref, 1e-9)
    ds, _ = read_dta("jk.dta")
    usable = np.asarray(ref["usable"], bool)
    assert 0 < usable.sum() < 20
    assert np.all(np.isnan(ds.df["_b_cons"].to_numpy()[~usable]))
    np.testing.assert_allclose(ds.df["_b_cons"].to_numpy()[usable], np.asarray(ref["Bc"])[usable], rtol=1e-9)
    plain, _ = drawn(s, "twoway fpfitci y x, estopts(vce(jackknife))")
    assert_band(plain, REFERENCE["plain"], 1e-9)


def test_final_fit_rejected_leaves_the_last_candidates_file(s):
    out, rc = run(s, "twoway fpfitci y x, estopts(vce(jackknife, reject(_b[_cons] > 4.5) saving(jk, replace "
                     "double)))")
    assert rc == 0 and NOTE in out
    ds, _ = read_dta("jk.dta")
    assert len(ds.df.columns) == 3 and ds.df.columns[-1] == "_b_cons"
    for column, key in zip(ds.df.columns, ("B1", "B2", "Bc")):
        np.testing.assert_allclose(ds.df[column], REFERENCE["last"][key], rtol=1e-9)


@pytest.mark.parametrize("sub", ["keep", "reject(_b[Ix__1] > 0)", "n(e(N) * 2)"])
def test_prefixes_that_fail_in_fracpolys_fits_give_the_note(s, sub):
    out, rc = run(s, f"twoway fpfitci y x, estopts(vce(jackknife, {sub}))")
    assert rc == 0 and NOTE in out, out
    assert s.data.varnames == ["y", "x"]


def test_n_that_every_replicate_meets_changes_nothing(s):
    plain, _ = drawn(s, "twoway fpfitci y x, estopts(vce(jackknife))")
    counted, _ = drawn(s, "twoway fpfitci y x, estopts(vce(jackknife, n(e(N) + 1)))")
    for a, b in zip(plain.panels[0].series, counted.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-12)


@pytest.mark.parametrize("vce", ["jackknife, saving(jk)", "jackknife, keep", "jackknife, reject(0) n(e(N))",
                                 "jackknife", "jackknife, mse", "bootstrap, reps(5) seed(1)"])
def test_noconstant_under_the_prefix_fails_in_fracpolys_first_fit(s, vce):
    """frac_154 first fits ``regress y if touse, nocons``: no coefficient, so the prefix's default
    ``_b`` has nothing to expand (e(b) without columns): it stops before any file or variable, and
    fracpoly with it (uncaptured): the note; without the prefix the same search draws."""
    out, rc = run(s, f"twoway fpfitci y x, estopts(noconstant vce({vce}))")
    assert rc == 0 and out.count(NOTE) == 1, out
    assert not os.path.exists("jk.dta") and s.data.varnames == ["y", "x"]
    graph, _ = drawn(s, "twoway fpfitci y x, estopts(noconstant vce(robust))")
    assert np.all(np.isfinite(graph.panels[0].series[1].y))


def test_saving_by_cluster(s):
    run(s, "generate c = mod(_n, 5)")
    graph, _ = drawn(s, "twoway fpfitci y x, estopts(vce(jackknife, cluster(c) saving(jk, replace double)))")
    ds, _ = read_dta("jk.dta")
    assert len(ds.df) == 5 and ds.chars["jk_cluster"] == "c" and ds.chars["jk_N_cluster"] == "5"
    # each replicate: the final model (R's powers, centred at the mean of x/10) without one cluster
    x, y = np.asarray(REFERENCE["x"]) / 10, np.asarray(REFERENCE["y"])
    terms = np.column_stack(fp_terms(x, tuple(REFERENCE["plain"]["powers"])))
    centre = np.column_stack(fp_terms(np.array([x.mean()]), tuple(REFERENCE["plain"]["powers"])))
    X = np.column_stack([terms - centre, np.ones_like(x)])
    codes = np.arange(1, 21) % 5
    for g in range(5):
        keep = codes != g
        b = np.linalg.lstsq(X[keep], y[keep], rcond=None)[0]
        np.testing.assert_allclose(ds.df.iloc[g].to_numpy(), b, rtol=1e-9)


def test_reject_sees_the_preserved_data(s):
    """twoway keeps the plot's sample before fracpoly (reject()'s scalar reading of a variable is
    its first kept observation), and frac_mun drops the variables named I + x[:4] ... there."""
    run(s, "generate v = _n == 1")
    run(s, "generate Ixv = 0")
    plain, _ = drawn(s, "twoway fpfitci y x if _n > 1, estopts(vce(jackknife))")
    checked, _ = drawn(s, "twoway fpfitci y x if _n > 1, estopts(vce(jackknife, reject(v)))")
    for a, b in zip(plain.panels[0].series, checked.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-12)
    out, rc = run(s, "twoway fpfitci y x, estopts(vce(jackknife, reject(v)))")  # v is 1 in the first row
    assert rc == 0 and NOTE in out
    out, rc = run(s, "twoway fpfitci y x if _n > 1, estopts(vce(jackknife, reject(Ixv)))")
    assert rc == 0 and NOTE in out and "Ixv" in s.data.varnames
