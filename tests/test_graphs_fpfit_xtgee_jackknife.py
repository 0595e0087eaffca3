"""twoway fpfit/fpfitci ``estcmd(xtgee) estopts(vce(jackknife, saving() keep reject() n()))``
(graphs.fpfit_xtgee_jackknife): xtgee under the jackknife prefix in every fit fracpoly makes,
the replicates leaving out one panel each.  Every deviance fracpoly compares is 0 (jackknife posts
F, not chi2): with a constant the model without x ties with every candidate and fracpoly fails
(the note, the file holding the last candidate's replicates); with noconstant the first pair is
drawn.  Numbers against R (tests/graphs_reference/fpfit_xtgee_jackknife.R: gee_fit.R's binomial
exchangeable GEE refitted without each panel)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as student

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.fileformats.dta_read import read_dta
from mlmcli.session import Output, Session

HERE = Path(__file__).parent / "graphs_reference"
DATA = json.loads((HERE / "fpfit_grouped.json").read_text())
REF = json.loads((HERE / "fpfit_xtgee_jackknife.json").read_text())
MODEL = "estcmd(xtgee) estopts(i(g) family(binomial) corr(exchangeable)"
NOTE = "(note:  fracpoly could not fit model)"
FEW = "powers(-2 -1)"  # where every candidate's replicates are refitted: five candidates, (-2, -2) first


@pytest.fixture
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    df = pd.DataFrame({k: np.asarray(DATA[k], float) for k in ("x", "y", "g", "t")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    run(session, "gen w = mod(g, 3) + 1\n")
    return session


def _band_matches(graph, ref):
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-5, atol=1e-7)
    q = student.ppf(0.975, ref["df_r"])
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), ref["se"], rtol=1e-5)


def _replicates(path):
    ds, _ = read_dta(str(path))
    return ds, np.column_stack([ds.df[v].to_numpy(float) for v in ds.varnames])


def test_noconstant_saving_writes_the_final_models_replicates(s, tmp_path):
    ref = REF["noconstant"]
    graph, _ = drawn(s, f"twoway fpfitci y x, {MODEL} noconstant vce(jackknife, saving(jk, replace double)))")
    _band_matches(graph, ref)
    ds, values = _replicates(tmp_path / "jk.dta")
    assert ds.varnames == ["_b_Ix__1", "_b_Ix__2"]  # xtgee's e(b) has no equation: _prefix_expand's _b_<name>
    np.testing.assert_allclose(values, ref["replicates"], rtol=1e-6)
    assert ds.chars["jk_command"] == "xtgee y Ix__1 Ix__2" and ds.chars["jk_cluster"] == "g"
    assert ds.chars["jk_N_cluster"] == "40" and ds.chars["_b_Ix__1[expression]"] == "_b[Ix__1]"
    assert "_b_Ix__1[coleq]" not in ds.chars  # jackknife.ado: e(b)'s only equation is _
    np.testing.assert_allclose(float(ds.chars["_b_Ix__2[observed]"]), ref["b"][1], rtol=1e-6)


def test_noconstant_fweights_take_one_copy_of_a_panel_away(s, tmp_path):
    ref = REF["noconstant_fw"]
    graph, _ = drawn(s, f"twoway fpfitci y x [fw=w], {MODEL} noconstant vce(jackknife, saving(jk, replace double)))")
    _band_matches(graph, ref)
    ds, values = _replicates(tmp_path / "jk.dta")
    assert ds.varnames[0] == "__jk_multiplier" and ds.chars["jk_wexp"] == "= w"
    np.testing.assert_allclose(values[:, 1:], ref["replicates"], rtol=1e-6)


def test_noconstant_plain_jackknife_is_the_same_fit(s):
    """Without the prefix's outputs (graphs.fpfit_grouped_models) and with n(e(N)): the same."""
    for sub in ("", ", n(e(N))"):
        graph, _ = drawn(s, f"twoway fpfitci y x, {MODEL} noconstant vce(jackknife{sub}))")
        _band_matches(graph, REF["noconstant"])
    graph, _ = drawn(s, f"twoway fpfitci y x [fw=w], {MODEL} noconstant vce(jackknife))")
    _band_matches(graph, REF["noconstant_fw"])


def test_keep_leaves_only_the_first_power_and_restores_the_data(s):
    """noconstant keep: the first candidate (power -2) keeps _b___000001; every later candidate has
    a term on that temporary variable (confirm new variable fails): with degree(1) -2 is drawn,
    with degree(2) no pair survives (the note).  The data are restored."""
    names = list(s.data.varnames)
    graph, _ = drawn(s, f"twoway fpfitci y x, {MODEL} noconstant degree(1) vce(jackknife, keep))")
    _band_matches(graph, REF["noconstant_degree1"])
    assert s.data.varnames == names
    out, rc = run(s, f"twoway fpfit y x, {MODEL} noconstant vce(jackknife, keep))")
    assert rc == 0 and NOTE in out and s.data.varnames == names


def test_reject_reads_each_replicates_xtgee_e(s, tmp_path):
    """reject(e(N) < 149) without t == 4 in panels 1..8: replicates leaving out a panel of four
    rows (e(N) 148) are missing in the file and out of V and e(df_r)."""
    ref = REF["noconstant_reject"]
    run(s, "drop if g <= 8 & t == 4\n")
    graph, _ = drawn(s, f"twoway fpfitci y x, {MODEL} noconstant {FEW} vce(jackknife, reject(e(N) < 149) "
                        "saving(jk, replace double)))")
    _band_matches(graph, ref)
    _, values = _replicates(tmp_path / "jk.dta")
    expected = np.array([[np.nan if v in (None, "NA") else v for v in row] for row in ref["replicates"]], float)
    assert np.isnan(values).any(axis=1).sum() == 32
    np.testing.assert_allclose(values, expected, rtol=1e-6)


@pytest.mark.parametrize("sub", ["reject(e(N_g) < 40)", "reject(e(foo) > 0)", "n(e(N_g))"])
def test_replicates_that_all_fail_are_the_note(s, sub):
    """Every replicate rejected (N_g 39), the full sample rejected (a missing e() is above every
    number: r(9)), or n()'s count off in every replicate (e(N_g) is not e(N) less the panel's
    rows): every candidate fails, fracpoly fails."""
    out, rc = run(s, f"twoway fpfit y x, {MODEL} noconstant degree(1) {FEW} vce(jackknife, {sub}))")
    assert rc == 0 and NOTE in out, out


@pytest.mark.parametrize("sub", ["", "mse", "saving(jk, replace)", "keep", "reject(e(N) < 0)", "n(e(N))"])
def test_with_a_constant_fracpoly_fails(s, sub, tmp_path):
    """The model without x's deviance is 0 too: no candidate is kept, fracgen has no powers."""
    names = list(s.data.varnames)
    jackknife = f"vce(jackknife, {sub})" if sub else "vce(jackknife)"
    out, rc = run(s, f"twoway fpfitci y x, {MODEL} {FEW} {jackknife})")
    assert rc == 0 and NOTE in out, out
    assert s.data.varnames == names


def test_with_a_constant_the_file_holds_the_last_candidate(s, tmp_path):
    ref = REF["constant_last_candidate"]
    out, rc = run(s, f"twoway fpfit y x, {MODEL} vce(jackknife, saving(jk, replace double)))")
    assert rc == 0 and NOTE in out
    ds, values = _replicates(tmp_path / "jk.dta")
    assert ds.varnames == ["_b__000000", "_b__000001", "_b_cons"]
    np.testing.assert_allclose(values, ref["replicates"], rtol=1e-6)
    np.testing.assert_allclose([float(ds.chars[f"{v}[observed]"]) for v in ds.varnames], ref["b"], rtol=1e-6)


def test_without_replace_the_first_fit_writes_the_file(s, tmp_path):
    """saving(jk) without replace: the model without x writes jk (_b_cons), every later fit fails
    (r(602)): the note."""
    out, rc = run(s, f"twoway fpfit y x, {MODEL} vce(jackknife, saving(jk)))")
    assert rc == 0 and NOTE in out
    ds, _ = _replicates(tmp_path / "jk.dta")
    assert ds.varnames == ["_b_cons"]
