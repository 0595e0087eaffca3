"""twoway fpfitci estcmd(stcox|xtreg) estopts(vce(bootstrap, ...)) with bootstrap's ``jackknifeopts()``
and stcox's bootstrap ``cluster()`` (graphs/fpfit_bootstrap_options.py, graphs/fpfit_stcox.py).

jackknifeopts() only reaches bca's jackknife for the acceleration (bootstrap.ado's JKAccel): e(V),
so the band, is the one without it (the same seed); without bca it is bootstrap's r(198) inside
fracpoly (the note).  cluster(v) draws whole clusters of v: the band's V is the covariance of the
saved replicates, N_cluster v's count."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from test_graphs_fpfit_cox_replicates import NOTE, lung  # noqa: F401  (the fixture)
from test_graphs_fpfit_xtreg import s  # noqa: F401  (the fixture)
from test_graphs_fpfit_xt_replicate_options import xs  # noqa: F401  (the fixture)


def _band(session, cmd):
    graph, _ = drawn(session, cmd)
    band, line = graph.panels[0].series
    return np.asarray(band.y, float), np.asarray(band.y2, float), np.asarray(line.y, float)


def test_stcox_jackknifeopts_with_bca_leaves_the_band(lung):
    cmd = "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(20) seed(7){}))"
    plain = _band(lung, cmd.format(""))
    for sub in (" bca jackknifeopts(mse)", " bca jackknifeopts(nodots notable)"):
        for got, want in zip(_band(lung, cmd.format(sub)), plain):
            np.testing.assert_allclose(got, want, rtol=1e-12)
    assert not np.allclose(plain[0], plain[2])  # a band was drawn


def test_xtreg_jackknifeopts_with_bca_leaves_the_band(s):
    cmd = "twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(15) seed(3){}))"
    plain = _band(s, cmd.format(""))
    for got, want in zip(_band(s, cmd.format(" bca jackknifeopts(mse)")), plain):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_xtlogit_jackknifeopts_with_bca_leaves_the_band(xs):
    cmd = "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe vce(bootstrap, reps(8) seed(9){}))"
    plain = _band(xs, cmd.format(""))
    for got, want in zip(_band(xs, cmd.format(" bca jackknifeopts(mse)")), plain):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_jackknifeopts_errors_and_refusals(lung, s):
    # without bca: bootstrap's "option jackknifeopts() requires the bca option" r(198) inside fracpoly
    for sub in ("jackknifeopts(mse)", "bca jackknifeopts(bogus)", "bca jackknifeopts(eclass rclass)"):
        out, rc = run(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(5) {sub}))")
        assert rc == 0 and NOTE in out, (sub, out)
        out, rc = run(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(5) {sub}))")
        assert rc == 0 and NOTE in out, (sub, out)
    # jackknifeopts(): its noisily is printed (tests/test_graphs_fpfit_printed_runs.py), its saving()
    # written (tests/test_graphs_fpfit_xt_bootstrap_group.py)


def test_stcox_bootstrap_cluster_draws_the_clusters(lung, tmp_path):
    """cluster(grp): 20 clusters (rows with grp missing out of every fit: the prefix's markout); the
    band's V the covariance of the final fit's replicates in saving()'s file."""
    f = tmp_path / "bsc"
    band_lo, band_hi, xb = _band(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(30) "
                                       f"seed(4) cluster(grp) saving({f}, replace double)))")
    age, wt, grp = (lung.data.numeric(v) for v in ("age", "wt_loss", "grp"))
    rows = np.isfinite(wt) & np.isfinite(grp)
    z = age / 10
    zbar = z[np.isfinite(wt)].mean()  # fracgen's centring: fracpoly's rows (grp is the prefix's markout)
    order = np.lexsort((age[rows], wt[rows]))
    first = np.flatnonzero(rows)[order][np.r_[True, np.diff(wt[rows][order]) != 0]]
    run(lung, f"use {f}, clear")
    assert lung.data.varnames == ["_b_Iage__1", "_b_Iage__2", "_b_wt_loss"]
    assert lung.data.chars["N_cluster"] == "20" and lung.data.chars["cluster"] == "grp"
    assert lung.data.chars["N"] == str(int(rows.sum()))
    observed = np.array([float(lung.data.chars[f"{v}[observed]"]) for v in lung.data.varnames])
    R = np.column_stack([lung.data.numeric(v) for v in lung.data.varnames])
    R = R[np.all(np.isfinite(R), axis=1)]
    V = np.cov(R, rowvar=False)
    # the powers of the unprefixed search: (3, 3) as in the plain fit (read back from x b)
    X0 = np.column_stack([z[first] ** 3 - zbar ** 3, z[first] ** 3 * np.log(z[first]) - zbar ** 3 * np.log(zbar),
                          wt[first]])
    np.testing.assert_allclose(xb, X0 @ observed, rtol=1e-6, atol=1e-8)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose((band_hi - band_lo) / 2, norm.ppf(0.975) * se, rtol=1e-6)


def test_stcox_bootstrap_cluster_refusals(lung):
    run(lung, "gen sgrp = string(grp)")
    # cluster(grp sex), cluster(sgrp), idcluster(), group(), reject(): test_graphs_fpfit_stcox_bootstrap_reject.py
    # idcluster(_t) is drawn now (test_st_bootstrap_renumbering.py); _t0 numbered above a record's _t: refused
    for estopts in ("vce(bootstrap, reps(5) cluster(grp) idcluster(_t0))",):
        out, rc = run(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts({estopts})", stop_on_error=False)
        assert rc == 198 and "not supported by mlmcli" in out, (estopts, out)


@pytest.mark.parametrize("stset, estopts", [
    ("", "shared(sex) vce(bootstrap, reps(5) cluster(grp))"),
    ("", "shared(grp) vce(bootstrap, reps(5) cluster(grp))"),  # the same variable: still a second one
    (" id(pid)", "vce(bootstrap, reps(5) cluster(grp))"),
])
def test_stcox_bootstrap_cluster_beside_vce_parserun_own_is_the_note(lung, stset, estopts):
    """_vce_parserun's shared() (or stset id()) branch appends ``cluster(tmp) idcluster()`` to the
    typed vce(bootstrap, ...): a typed cluster() is a second one, "option cluster() not allowed"
    r(198) in every fit, so fracpoly fails: twoway's note, nothing drawn."""
    run(lung, "gen pid = _n")
    run(lung, f"stset time, failure(died){stset}")
    out, rc = run(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts({estopts})")
    assert rc == 0 and NOTE in out, out
    assert all(series.x.size == 0 for series in lung.graphs[-1].panels[0].series)
    out, rc = run(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(5) cluster(nosuch)))")
    assert rc == 0 and NOTE in out, out  # variable not found: inside fracpoly


def test_stcox_bootstrap_cluster_band_is_the_plain_command(lung):
    """The band equals the plain ``stcox t1 t2 wt_loss, vce(bootstrap, cluster(grp))`` (mlm's stcox
    bootstrap prefix, "Replications based on 20 clusters in grp") on fracgen's centred terms with
    the same seed: the final fit's draws are the plain command's."""
    lo, hi, _ = _band(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(30) seed(4) "
                            "cluster(grp)))")
    age, wt, grp = (lung.data.numeric(v) for v in ("age", "wt_loss", "grp"))
    rows = np.isfinite(wt) & np.isfinite(grp)
    z = age / 10
    zbar = z[np.isfinite(wt)].mean()  # fracgen's centring: fracpoly's rows (grp is the prefix's markout)
    lung.data.set_variable("t1", z ** 3 - zbar ** 3, vtype="double")
    lung.data.set_variable("t2", z ** 3 * np.log(z) - zbar ** 3 * np.log(zbar), vtype="double")
    out, rc = run(lung, "stcox t1 t2 wt_loss if grp < ., vce(bootstrap, reps(30) seed(4) cluster(grp))")
    assert rc == 0 and "Replications based on 20 clusters in grp" in out, out
    V = np.asarray(lung.e.matrices["V"].values, float)
    order = np.lexsort((age[rows], wt[rows]))
    first = np.flatnonzero(rows)[order][np.r_[True, np.diff(wt[rows][order]) != 0]]
    X0 = np.column_stack([z[first] ** 3 - zbar ** 3, z[first] ** 3 * np.log(z[first]) - zbar ** 3 * np.log(zbar),
                          wt[first]])
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose((hi - lo) / 2, norm.ppf(0.975) * se, rtol=1e-9)
    # not the records' draws
    lo0, hi0, _ = _band(lung, "twoway fpfitci age wt_loss if grp < ., estcmd(stcox) estopts(vce(bootstrap, "
                              "reps(30) seed(4)))")
    assert not np.allclose(hi - lo, hi0 - lo0, rtol=1e-3)
