"""twoway fpfitci estcmd(stcox) estopts(vce(jackknife|bootstrap ...)) (mlmcli/graphs/
fpfit_stcox_replicates.py): the band is the replicates' -- once silently stcox's robust sandwich
(jackknife) or fracpoly's note (bootstrap with suboptions).  Jackknife values from R's coxph
refitted leaving one record / cluster / frailty group out (tests/survival_reference/
fpfit_stcox_jackknife.R and .json), read from the drawn series."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm, t as student

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

# the same jackknife/bootstrap refits drawn again by the next test (same powers, rows, seed): tests/fit_memo.py
pytestmark = pytest.mark.usefixtures("fit_memo")

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "fpfit_stcox_jackknife.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


def _session(df):
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df.astype(float), types={k: "double" for k in df})
    return session


@pytest.fixture
def lung():
    df = pd.read_csv(HERE / "lung.csv").rename(columns={"wt.loss": "wt_loss", "ph.ecog": "ph_ecog"})
    df["grp"] = 1 + (np.arange(len(df)) + 1) % 20
    df.loc[[4, 5], "grp"] = np.nan
    df["iw"] = 1 + (np.arange(len(df)) + 1) % 3
    s = _session(df)
    run(s, "stset time, failure(died)")
    return s


def _half_width(band):
    return (band.y2 - band.y) / 2


@pytest.mark.parametrize("estopts, case, key", [
    ("vce(jackknife)", "plain", "se"), ("vce(jackknife, mse)", "plain", "se_mse"),
    ("vce(jackknife, cluster(grp))", "cluster_grp", "se"), ("tvc(sex) vce(jackknife)", "tvc", "se")])
def test_jackknife_band_is_leave_one_out_coxph(lung, estopts, case, key):
    ref = REF[case]
    graph, _ = drawn(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts({estopts})")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    # jackknife's e(df_r) = G - 1: fracpred's band with invttail(e(df_r), .025)
    np.testing.assert_allclose(_half_width(band), student.ppf(0.975, ref["df_r"]) * np.asarray(ref[key]), rtol=1e-5)


def test_jackknife_is_not_the_robust_sandwich(lung):
    """The silent bug: vce(jackknife) drew stcox's vce(robust) band."""
    robust, _ = drawn(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(robust))")
    jack, _ = drawn(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(jackknife))")
    assert not np.allclose(_half_width(robust.panels[0].series[0]), _half_width(jack.panels[0].series[0]), rtol=1e-3)


def test_shared_jackknife_leaves_one_group_out():
    """shared(id) with vce(jackknife): _vce_parserun clusters the replicates on the frailty groups."""
    ref = REF["shared"]
    s = _session(pd.read_csv(HERE / "kidney.csv").drop(columns=["disease"]))
    run(s, "stset time, failure(status)")
    graph, _ = drawn(s, "twoway fpfitci age female, estcmd(stcox) estopts(shared(id) vce(jackknife))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-4)
    # coxph's EM stops at its eps in each of 38 refits
    np.testing.assert_allclose(_half_width(band), student.ppf(0.975, ref["df_r"]) * np.asarray(ref["se"]), rtol=2e-3)


def test_bootstrap_band_is_the_draws_covariance(lung):
    """bootstrap: reps() draws (Stata's own cannot be reproduced): the same seed the same band, no
    e(df_r) (the normal quantile), of the jackknife's size."""
    cmd = "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(60) seed(12)))"
    first, _ = drawn(lung, cmd)
    second, _ = drawn(lung, cmd)
    band = first.panels[0].series[0]
    np.testing.assert_allclose(_half_width(band), _half_width(second.panels[0].series[0]))
    np.testing.assert_allclose(first.panels[0].series[1].y, REF["plain"]["xb"], rtol=1e-6, atol=1e-8)
    se = _half_width(band) / norm.ppf(0.975)
    ratio = se / np.asarray(REF["plain"]["se"])
    assert np.all((ratio > 0.6) & (ratio < 1.5)), ratio


def test_bootstrap_with_stset_weights_is_the_note(lung):
    """_vce_parserun: "weights are not allowed with stcox and vce(bootstrap)" r(198) inside fracpoly's capture."""
    run(lung, "stset time [fweight = iw], failure(died)")
    out, rc = run(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(5)))")
    assert rc == 0 and NOTE in out, out


def test_jackknife_saving_holds_the_final_fits_replicates(lung, tmp_path):
    """saving(): _vce_parserun's jackknife in every fit, the file the final model's replicates
    (statistics ``_b_Iage__1 _b_Iage__2 _b_wt_loss``: stcox's e(b) has no equation); the band as
    without it."""
    ref = REF["plain"]
    f = tmp_path / "jk"
    graph, _ = drawn(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(jackknife, saving({f}, replace)))")
    np.testing.assert_allclose(_half_width(graph.panels[0].series[0]),
                               student.ppf(0.975, ref["df_r"]) * np.asarray(ref["se"]), rtol=1e-5)
    run(lung, f"use {f}, clear")
    assert lung.data.varnames[:3] == ["_b_Iage__1", "_b_Iage__2", "_b_wt_loss"]
    assert lung.data.nobs == ref["df_r"] + 1
    assert lung.data.chars["jk_command"] == "stcox Iage__1 Iage__2 wt_loss"
    R = np.column_stack([lung.data.numeric(v) for v in lung.data.varnames[:3]])
    assert np.all(np.isfinite(R))


@pytest.mark.parametrize("sub", ["keep", "keep idcluster(grp)", "reject(e(N) > 0)"])
def test_prefix_options_that_fail_a_fit_give_the_note(lung, sub, tmp_path):
    """keep: ``_b_wt_loss`` exists after the first fit (stcox on wt_loss alone), so every later fit
    fails ``confirm new variable``; reject() true on the full sample: r(9) in every fit."""
    out, rc = run(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(jackknife, {sub}))")
    assert rc == 0 and NOTE in out, out


def test_saving_without_replace_fails_the_second_fit(lung, tmp_path):
    f = tmp_path / "jk2"
    out, rc = run(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(jackknife, saving({f})))")
    assert rc == 0 and NOTE in out, out
    assert (tmp_path / "jk2.dta").exists()  # the first fit wrote it


def test_reject_false_and_n_leave_the_band(lung):
    """The band equals the plain jackknife's (which test_jackknife_band_is_leave_one_out_coxph
    checks against R).  degree(1): reject() and n() are checked in every fit and replicate
    alike, so fracpoly's 9 degree-1 fits test what its 45 would (this path refits each
    replicate through the command: 33 s of CPU for degree 2)."""
    plain, _ = drawn(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(degree(1) vce(jackknife))")
    graph, _ = drawn(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(degree(1) vce(jackknife, "
                           "reject(e(N) < 100) n(e(N))))")
    band = _half_width(plain.panels[0].series[0])
    assert np.all(np.isfinite(band)) and np.all(band > 0)
    np.testing.assert_allclose(_half_width(graph.panels[0].series[0]), band, rtol=1e-10)


@pytest.mark.parametrize("sub", [" strata(sex)", " mse", " size(150)"])
def test_bootstrap_suboptions_band_is_the_saved_replicates(lung, sub, tmp_path):
    """vce(bootstrap, strata() size() mse saving()): the band's V is the covariance of the final
    fit's replicates in the file (about e(b) with mse); x b over fracgen's centred terms (age / 10,
    powers (3, 3), centred at the mean) and wt_loss at the drawn points; the normal quantile."""
    ref = REF["plain"]
    f = tmp_path / "bs"
    graph, _ = drawn(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(30) seed(4){sub} "
                           f"saving({f}, replace double)))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    age, wt = lung.data.numeric("age"), lung.data.numeric("wt_loss")
    rows = np.isfinite(wt)
    z = age / 10
    zbar = z[rows].mean()
    order = np.lexsort((age[rows], wt[rows]))
    first = np.flatnonzero(rows)[order][np.r_[True, np.diff(wt[rows][order]) != 0]]
    X0 = np.column_stack([z[first] ** 3 - zbar ** 3, z[first] ** 3 * np.log(z[first]) - zbar ** 3 * np.log(zbar),
                          wt[first]])
    run(lung, f"use {f}, clear")
    assert lung.data.varnames == ["_b_Iage__1", "_b_Iage__2", "_b_wt_loss"]
    assert lung.data.nobs == 30 and lung.data.chars["seed"] == "4" and lung.data.chars["N"] == "214"
    if "strata" in sub:
        assert lung.data.chars["strata"] == "sex" and lung.data.chars["N_strata"] == "2"
    observed = np.array([float(lung.data.chars[f"{v}[observed]"]) for v in lung.data.varnames])
    R = np.column_stack([lung.data.numeric(v) for v in lung.data.varnames])
    R = R[np.all(np.isfinite(R), axis=1)]
    V = (R - observed).T @ (R - observed) / len(R) if "mse" in sub else np.cov(R, rowvar=False)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose(_half_width(band), norm.ppf(0.975) * se, rtol=1e-6)


def test_bootstrap_saving_without_replace_and_refusals(lung, tmp_path):
    f = tmp_path / "first"
    out, rc = run(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(5) seed(1) "
                        f"saving({f})))")
    assert rc == 0 and NOTE in out, out  # the first fit (stcox wt_loss) writes f, the second fails
    out, rc = run(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(5) size(500)))")
    assert rc == 0 and NOTE in out, out  # size() above the 214 records: r(498)
    # idcluster(_d): every replicate's records all failures (tests/test_st_bootstrap_renumbering.py)
    out, rc = run(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(5) cluster(sex) "
                        "idcluster(_d)))")
    assert rc == 0 and "not supported" not in out, out
    run(lung, f"use {f}, clear")
    assert lung.data.varnames == ["_b_wt_loss"] and lung.data.chars["command"] == "stcox wt_loss"


def test_shared_jackknife_saving_and_bootstrap(tmp_path):
    """shared(id) under the prefix with saving(): the same leave-one-group-out band as R's, the file
    one replicate per frailty group; bootstrap draws the groups (each drawn group a new one)."""
    ref = REF["shared"]
    s = _session(pd.read_csv(HERE / "kidney.csv").drop(columns=["disease"]))
    run(s, "stset time, failure(status)")
    f = tmp_path / "sh"
    graph, _ = drawn(s, f"twoway fpfitci age female, estcmd(stcox) estopts(shared(id) vce(jackknife, saving({f}, replace)))")
    np.testing.assert_allclose(_half_width(graph.panels[0].series[0]),
                               student.ppf(0.975, ref["df_r"]) * np.asarray(ref["se"]), rtol=2e-3)
    boot, _ = drawn(s, "twoway fpfitci age female, estcmd(stcox) estopts(shared(id) vce(bootstrap, reps(8) seed(3)))")
    assert np.all(np.isfinite(_half_width(boot.panels[0].series[0])))
    run(s, f"use {f}, clear")
    assert s.data.nobs == ref["df_r"] + 1 and s.data.varnames[:3] == ["_b_Iage__1", "_b_Iage__2", "_b_female"]
