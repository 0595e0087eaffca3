"""twoway fpfit/fpfitci with weights and ``estopts(vce(jackknife, saving() keep reject() n()))``
after regress: frac_wgt hands the weight to every regress fracpoly fits and regress's
_vce_parserun hands it to the prefix, so each fit is a weighted jackknife (fweights: one copy
less per replicate, _loop_jknife_fw; pweights: the row left out, _loop_jknife_iw; aweights with
force: _loop_jknife) with the prefix's file, checks and keep.  Values from R
(``tests/graphs_reference/fpfit_jackknife_weighted_outputs.R``, ``.json``)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import assert_band, drawn, run
from mlmcli.dataset import Dataset
from mlmcli.dta import read_dta
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" /
                        "fpfit_jackknife_weighted_outputs.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    df = pd.DataFrame({k: REFERENCE[k] for k in ("y", "x", "f", "p", "g", "fc")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df.columns})
    return session


def _replicates(ds, ref, usable=None):
    usable = np.ones(len(ref["Bc"]), bool) if usable is None else usable
    for column, key in zip(("_b_Ix__1", "_b_Ix__2", "_b_cons"), ("B1", "B2", "Bc")):
        values = ds.df[column].to_numpy()
        assert np.all(np.isnan(values[~usable]))
        np.testing.assert_allclose(values[usable], np.asarray(ref[key])[usable], rtol=1e-9)


def test_fweights_file_holds_one_copy_less_replicates_and_frequencies(s):
    ref = REFERENCE["fweight"]
    graph, _ = drawn(s, "twoway fpfitci y x [fw=f], estopts(vce(jackknife, saving(jk, replace double)))")
    assert_band(graph, ref, 1e-9)
    ds, _ = read_dta("jk.dta")
    assert list(ds.df.columns) == ["__jk_multiplier", "_b_Ix__1", "_b_Ix__2", "_b_cons"] and len(ds.df) == 20
    np.testing.assert_array_equal(ds.df["__jk_multiplier"], REFERENCE["f"])  # the row's frequency
    _replicates(ds, ref)
    assert ds.chars["jk_command"] == "regress y Ix__1 Ix__2 [fweight= f]"
    assert (ds.chars["jk_wtype"], ds.chars["jk_wexp"], ds.chars["jk_multiplier"]) == ("fweight", "= f",
                                                                                      "__jk_multiplier")
    assert float(ds.chars["jk_N"]) == sum(REFERENCE["f"])
    assert float(ds.chars["_b_cons[observed]"]) == pytest.approx(ref["b"][2], rel=1e-10)
    assert s.data.varnames == ["y", "x", "f", "p", "g", "fc"]


def test_fweights_with_cluster_take_a_copy_of_each_row_of_the_cluster(s):
    ref = REFERENCE["fweight_cluster"]
    graph, _ = drawn(s, "twoway fpfitci y x [fw=fc], estopts(vce(jackknife, cluster(g) saving(jk, replace double)))")
    assert_band(graph, ref, 1e-9)
    ds, _ = read_dta("jk.dta")
    assert len(ds.df) == 5 and ds.chars["jk_cluster"] == "g"
    np.testing.assert_array_equal(ds.df["__jk_multiplier"], [1, 2, 3, 4, 5])  # each cluster's frequency
    _replicates(ds, ref)


def test_fweights_varying_within_a_cluster_give_the_note(s):
    """jackknife.ado's "fweights must be constant within g" r(198), inside fracpoly."""
    out, rc = run(s, "twoway fpfitci y x [fw=f], estopts(vce(jackknife, cluster(g) saving(jk, replace)))")
    assert rc == 0 and NOTE in out


@pytest.mark.parametrize("weight, kind, extra", [("pw=p", "pweight", ""), ("aw=p", "aweight", "force ")])
def test_pweights_and_aweights_files_leave_each_row_out(s, weight, kind, extra):
    ref = REFERENCE[kind]
    graph, _ = drawn(s, f"twoway fpfitci y x [{weight}], estopts(vce(jackknife, {extra}saving(jk, replace double)))")
    assert_band(graph, ref, 1e-9)
    ds, _ = read_dta("jk.dta")
    _replicates(ds, ref)
    assert (ds.chars["jk_wtype"], ds.chars["jk_wexp"]) == (kind, "= p")
    assert ds.chars["jk_command"] == f"regress y Ix__1 Ix__2 [{kind}= p]"
    if kind == "pweight":  # _loop_jknife_iw's (G-1)/G
        np.testing.assert_allclose(ds.df["__jk_multiplier"], 19 / 20)
    else:  # _loop_jknife posts no multiplier
        assert "__jk_multiplier" not in ds.df.columns and "jk_multiplier" not in ds.chars


@pytest.mark.parametrize("weight, kind, threshold", [("fw=f", "fweight", "4.52"), ("pw=p", "pweight", "4.535")])
def test_reject_with_weights_changes_the_search_and_the_band(s, weight, kind, threshold):
    ref = REFERENCE[f"{kind}_above"]
    graph, _ = drawn(s, f"twoway fpfitci y x [{weight}], estopts(vce(jackknife, reject(_b[_cons] > {threshold}) "
                        "saving(jk, replace double)))")
    assert_band(graph, ref, 1e-9)
    usable = np.asarray(ref["usable"], bool)
    assert 0 < usable.sum() < 20
    ds, _ = read_dta("jk.dta")
    _replicates(ds, ref, usable)
    assert np.all(np.isnan(ds.df["__jk_multiplier"].to_numpy()[~usable]))  # posted missing


@pytest.mark.parametrize("weight, kind", [("fw=f", "fweight"), ("pw=p", "pweight")])
def test_count_check_passes_every_weighted_replicate(s, weight, kind):
    """n(e(N)): fweights' e(N) the frequencies less one copy, pweights' the rows less one --
    n0 less what the loop left out, so nothing is rejected and the band is the plain one."""
    graph, _ = drawn(s, f"twoway fpfitci y x [{weight}], estopts(vce(jackknife, n(e(N)) saving(jk, replace)))")
    assert_band(graph, REFERENCE[kind], 1e-9)
    ds, _ = read_dta("jk.dta")
    assert ds.chars["jk_nfunction"] == "e(N)" and not ds.df.isna().to_numpy().any()


@pytest.mark.parametrize("weight, kind", [("fw=f", "fweight"), ("pw=p", "pweight")])
def test_without_replace_the_first_weighted_fit_writes_the_file(s, weight, kind):
    out, rc = run(s, f"twoway fpfitci y x [{weight}], estopts(vce(jackknife, saving(jk)))")
    assert rc == 0 and NOTE in out
    ds, _ = read_dta("jk.dta")
    assert ds.chars["jk_command"] == f"regress y [{kind}= {weight[3:]}]"
    np.testing.assert_allclose(ds.df["_b_cons"], np.float32(REFERENCE["constant_only"][kind]), rtol=1e-7)


def test_keep_with_weights_fails_the_candidates(s):
    before = s.data.df.copy()
    out, rc = run(s, "twoway fpfitci y x [fw=f], estopts(vce(jackknife, keep))")
    assert rc == 0 and NOTE in out
    pd.testing.assert_frame_equal(s.data.df, before)  # the preserved data, restored

