"""twoway fpfitci with ``estcmd(stcrreg) estopts(compete(status==3) vce(jackknife|bootstrap))``
(graphs.fpfit_competing_replicates): the line is fracpoly's (the search without the prefix,
tests/survival_reference/fpfit_stcrreg.json's powers), the band the final fit's replicate V --
equal to the plain ``stcrreg t1 t2 age, compete(status==3) vce(...)`` on fracgen's centred terms
(whose jackknife V is checked against R in tests/test_stcrreg_replicates.py), t(e(df_r)) after
jackknife, the normal quantile after bootstrap (the same seed(): the same draws); the split
records of stset id() drawn as subjects; the refusals and the failures (the note)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.distributions import norm, t as student_t

HERE = Path(__file__).parent / "survival_reference"
REF_FP = json.loads((HERE / "fpfit_stcrreg.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


def _session(new_session, name, setup):
    from graphs_helpers import run

    s = new_session(pd.read_csv(HERE / name).astype(float))
    out, rc = run(s, setup)
    assert rc == 0, out
    return s


def _band(s, command):
    from graphs_helpers import drawn

    graph, _ = drawn(s, command)
    band, line = graph.panels[0].series
    return band, line


def _plain_se(s, vce):
    """stdp of the plain stcrreg with vce() on fracgen's terms (powers 0 0 of thickness/10)."""
    from graphs_helpers import run

    assert REF_FP["powers"] == [0, 0]
    ds = s.data
    z = ds.numeric("thickness") / 10
    age = ds.numeric("age")
    zbar = z.mean()
    ds.set_variable("t1", np.log(z) - np.log(zbar), vtype="double")
    ds.set_variable("t2", np.log(z) ** 2 - np.log(zbar) ** 2, vtype="double")
    out, rc = run(s, f"stcrreg t1 t2 age, compete(status==3) {vce}")
    assert rc == 0, out
    V = np.asarray(s.e.matrices["V"].values, float)
    order = np.lexsort((z, age))
    first = order[np.r_[True, np.diff(age[order]) != 0]]
    X0 = np.column_stack([np.log(z[first]) - np.log(zbar), np.log(z[first]) ** 2 - np.log(zbar) ** 2, age[first]])
    return np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), s.e.scalars, out


def test_jackknife_band_is_the_plain_commands(new_session):
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    band, line = _band(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) vce(jackknife))")
    np.testing.assert_allclose(line.x, REF_FP["at"])
    np.testing.assert_allclose(line.y, REF_FP["xb"], rtol=1e-7, atol=1e-9)  # the search without the prefix
    se, sc, _ = _plain_se(s, "vce(jackknife, nodots)")
    assert sc["df_r"] == 204
    q = student_t.ppf(0.975, 204)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), se, rtol=1e-8)
    assert not np.allclose(se, REF_FP["se"], rtol=1e-2)  # not the robust band


def test_bootstrap_band_is_the_plain_commands_same_seed(new_session):
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    band, _ = _band(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) "
                       "vce(bootstrap, reps(15) seed(11)))")
    se, sc, _ = _plain_se(s, "vce(bootstrap, reps(15) seed(11) nodots)")
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), se, rtol=1e-8)


def test_bootstrap_draws_subjects_of_split_records(new_session):
    s = _session(new_session, "melanoma_records.csv", "stset t, id(id) failure(status==1)")
    band, _ = _band(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) "
                       "vce(bootstrap, reps(8) seed(2)))")
    se, sc, out = _plain_se(s, "vce(bootstrap, reps(8) seed(2))")
    assert sc["N_clust"] == 205 and "(Replications based on 205 clusters in id)" in out
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), se, rtol=1e-8)


def _saved(s, path):
    from graphs_helpers import run

    out, rc = run(s, f"use {path}, clear")
    assert rc == 0, out
    return list(s.data.varnames), np.column_stack([s.data.numeric(v) for v in s.data.varnames]), dict(s.data.chars)


def test_bootstrap_saving_in_every_fit(new_session, tmp_path):
    """vce(bootstrap, saving(f, replace)): each fit writes f, which holds the final fit's
    replicates -- the plain command's on fracgen's terms with the same seed() --, the band the
    one without saving()."""
    path = tmp_path / "fbs.dta"
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    band, _ = _band(s, f"twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) "
                       f"vce(bootstrap, reps(6) seed(7) saving({path}, replace)))")
    plain_path = tmp_path / "plain.dta"
    se, _, _ = _plain_se(s, f"vce(bootstrap, reps(6) seed(7) nodots saving({plain_path}))")
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), se, rtol=1e-8)
    _, plain, _ = _saved(s, plain_path)
    names, saved, chars = _saved(s, path)
    assert names == ["_t_b_Ithic__1", "_t_b_Ithic__2", "_t_b_age"]
    np.testing.assert_allclose(saved, plain, rtol=1e-6, atol=1e-8)
    assert chars["bs_version"] and chars["command"] == "stcrreg Ithic__1 Ithic__2 age"


def test_bootstrap_saving_without_replace_first_fit(new_session, tmp_path, monkeypatch):
    """Without replace the first fit (stcrreg age) writes f, the second fails on it: the note; f
    holds stcrreg age's replicates (the plain command's with the same seed()).  f there before:
    the first fit fails, f unchanged."""
    from graphs_helpers import run

    monkeypatch.chdir(tmp_path)
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    out, rc = run(s, "twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) "
                     "vce(bootstrap, reps(5) seed(3) saving(fbs)))")
    assert rc == 0 and NOTE in out, out
    out, rc = run(s, "stcrreg age, compete(status==3) vce(bootstrap, reps(5) seed(3) nodots saving(plain))")
    assert rc == 0, out
    _, plain, _ = _saved(s, tmp_path / "plain.dta")
    names, saved, _ = _saved(s, tmp_path / "fbs.dta")
    assert names == ["_t_b_age"]
    np.testing.assert_allclose(saved, plain, rtol=1e-6, atol=1e-8)
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    before = (tmp_path / "fbs.dta").read_bytes()
    out, rc = run(s, "twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) "
                     "vce(bootstrap, reps(5) seed(9) saving(fbs)))")
    assert rc == 0 and NOTE in out and (tmp_path / "fbs.dta").read_bytes() == before, out


@pytest.mark.parametrize("setup, estopts", [
    ("gen w = 1\nstset time [fw=w], failure(status==1)", "vce(bootstrap, reps(5))"),  # _vce_parserun's r(198)
    ("stset t, id(id) failure(status==1)", "vce(jackknife, cluster(sex))"),  # cluster() beside id(): r(198)
])
def test_failures_are_the_note(new_session, setup, estopts):
    from graphs_helpers import run

    s = _session(new_session, "melanoma_records.csv" if "id(" in setup else "melanoma.csv", setup)
    out, rc = run(s, f"twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) {estopts})")
    assert rc == 0 and NOTE in out, out


def _plain(s, model, vce):
    """(line, stdp) of the plain stcrreg on fracgen's terms of powers (0, 0) (estopts(powers(0))
    leaves fracpoly that pair alone) with ``model``'s other options and ``vce``."""
    from graphs_helpers import run

    ds = s.data
    z = ds.numeric("thickness") / 10
    age = ds.numeric("age")
    zbar = z.mean()
    ds.set_variable("t1", np.log(z) - np.log(zbar), vtype="double")
    ds.set_variable("t2", np.log(z) ** 2 - np.log(zbar) ** 2, vtype="double")
    out, rc = run(s, f"stcrreg t1 t2 age, compete(status==3) {model} {vce}")
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()[:3]
    V = np.asarray(s.e.matrices["V"].values, float)[:3, :3]
    order = np.lexsort((z, age))
    first = order[np.r_[True, np.diff(age[order]) != 0]]
    X0 = np.column_stack([np.log(z[first]) - np.log(zbar), np.log(z[first]) ** 2 - np.log(zbar) ** 2, age[first]])
    return X0 @ b, np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), s.e.scalars


@pytest.mark.parametrize("setup, model, vce", [
    ("stset time, failure(status==1)", "tvc(sex) texp(ln(_t))", "vce(jackknife)"),
    ("stset time, failure(status==1)\nconstraint 1 age = .005", "constraints(1)", "vce(jackknife)"),
    ("stset time, failure(status==1)\nconstraint 1 age = .005", "constraints(1) tvc(sex)", "vce(bootstrap, reps(6) seed(4))"),
    ("gen w = 1 + mod(_n - 1, 3)\nstset time [fw=w], failure(status==1)", "", "vce(jackknife)"),
    ("gen w = 1 + mod(_n - 1, 3)\nstset time [pw=w], failure(status==1)", "", "vce(jackknife)"),
])
def test_band_with_tvc_constraints_weights_is_the_plain_commands(new_session, setup, model, vce):
    """tvc() and constraints() kept in every replicate, stset fweights (one copy less) and
    pweights under jackknife: the band the plain command's replicate V on fracgen's terms (whose
    numbers tests/test_stcrreg_prefix_replicates.py checks against R)."""
    s = _session(new_session, "melanoma.csv", setup)
    band, line = _band(s, f"twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) powers(0) "
                          f"{model} {vce})")
    xb, se, sc = _plain(s, model, vce)
    np.testing.assert_allclose(line.y, xb, rtol=1e-7, atol=1e-9)
    q = student_t.ppf(0.975, sc["df_r"]) if "jackknife" in vce else norm.ppf(0.975)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), se, rtol=1e-7)
    if "fw=" in setup:
        assert sc["df_r"] == 408  # the copies (409) less one


def test_jackknife_iweights_are_the_note(new_session):
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", "gen w = 2\nstset time [iw=w], failure(status==1)")
    out, rc = run(s, "twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) vce(jackknife))")
    assert rc == 0 and NOTE in out, out


def test_jackknife_saving_in_every_fit(new_session, tmp_path):
    """vce(jackknife, saving()): the prefix in each of fracpoly's fits (fpfit_competing_jackknife);
    the file holds the final fit's replicates -- the plain command's on fracgen's terms -- and
    the band is the one without saving()."""
    from graphs_helpers import run

    path = tmp_path / "fjk.dta"
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    band, line = _band(s, f"twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) "
                          f"vce(jackknife, saving({path}, replace)))")
    np.testing.assert_allclose(line.y, REF_FP["xb"], rtol=1e-7, atol=1e-9)
    plain_path = tmp_path / "plain.dta"
    se, sc, _ = _plain_se(s, f"vce(jackknife, nodots saving({plain_path}))")
    q = student_t.ppf(0.975, 204)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), se, rtol=1e-7)
    out, rc = run(s, f"use {plain_path}, clear")
    plain = np.column_stack([s.data.numeric(v) for v in ("_t_b_t1", "_t_b_t2", "_t_b_age")])
    out, rc = run(s, f"use {path}, clear")
    assert rc == 0, out
    assert s.data.varnames == ["_t_b_Ithic__1", "_t_b_Ithic__2", "_t_b_age"]
    saved = np.column_stack([s.data.numeric(v) for v in s.data.varnames])
    np.testing.assert_allclose(saved, plain, rtol=1e-5, atol=1e-7)
    assert s.data.chars["jk_command"] == "stcrreg Ithic__1 Ithic__2 age" and s.data.chars["jk_cmdname"] == "stcrreg"


def test_jackknife_saving_after_tvc_names_the_equations(new_session, tmp_path):
    from graphs_helpers import run

    path = tmp_path / "fjk.dta"
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    _band(s, f"twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) tvc(sex) powers(0) "
             f"vce(jackknife, saving({path}, replace)))")
    out, rc = run(s, f"use {path}, clear")
    assert s.data.varnames == ["main_b_Ithic__1", "main_b_Ithic__2", "main_b_age", "tvc_b_sex"]


@pytest.mark.parametrize("estopts", [
    "vce(jackknife, keep)",  # _t_b_age exists after the first fit: every later fit fails
    "vce(jackknife, reject(_b[age] > 0))",  # true on the first fit's full sample: r(9)
    "vce(jackknife, saving(fjk_exists))",  # without replace the second fit's file exists: r(602)
])
def test_jackknife_outputs_failing_are_the_note(new_session, tmp_path, monkeypatch, estopts):
    from graphs_helpers import run

    monkeypatch.chdir(tmp_path)
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    out, rc = run(s, f"twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) {estopts})")
    assert rc == 0 and NOTE in out, out
    assert "_t_b_age" not in s.data.varnames  # fracpoly's caller preserved the data


@pytest.mark.parametrize("weights", ["pw", "fw"])
def test_jackknife_saving_with_stset_weights(new_session, tmp_path, weights):
    """jackknife's saving() beside stset fweights and pweights: each fit's weighted loop (the
    powers are the weighted search's), the band the one without saving() -- the replicate band of
    the weighted loops, checked against the plain command in
    test_band_with_tvc_constraints_weights_is_the_plain_commands --, the file the final fit's
    replicates with jackknife.ado's __jk_multiplier."""
    path = tmp_path / "fjk.dta"
    s = _session(new_session, "melanoma.csv", f"gen w = 1 + mod(_n, 3)\nstset time [{weights}=w], failure(status==1)")
    command = "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) vce(jackknife{}))"
    band, line = _band(s, command.format(f", saving({path}, replace)"))
    plain_band, plain_line = _band(s, command.format(""))
    np.testing.assert_allclose(line.y, plain_line.y, rtol=1e-10)
    np.testing.assert_allclose(band.y2 - band.y, plain_band.y2 - plain_band.y, rtol=1e-7)
    names, saved, chars = _saved(s, path)
    assert names[0] == "__jk_multiplier" and names[-1] == "_t_b_age"
    assert all(n.startswith("_t_b_Ithic__") for n in names[1:-1])
    assert saved.shape[0] == 205 and np.all(np.isfinite(saved))
    # jackknife.ado's multiplier: fweights each record's frequency, pweights (G-1)/G
    expected = 1 + np.arange(1, 206) % 3 if weights == "fw" else np.full(205, 204 / 205)
    np.testing.assert_allclose(saved[:, 0], expected, rtol=1e-6)
    assert chars["jk_cmdname"] == "stcrreg"


def test_bootstrap_strata_band_is_the_plain_commands(new_session):
    """bootstrap's strata() draws within each stratum, in the band as in the plain command (the
    strata codes came from a helper removed in an earlier refactor: an ImportError before)."""
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    band, _ = _band(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) "
                       "vce(bootstrap, reps(10) seed(5) strata(sex)))")
    se, _, _ = _plain_se(s, "vce(bootstrap, reps(10) seed(5) strata(sex) nodots)")
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), se, rtol=1e-8)
