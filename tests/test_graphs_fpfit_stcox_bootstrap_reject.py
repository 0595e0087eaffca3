"""twoway fpfitci estcmd(stcox) estopts(vce(bootstrap, reject() ...)) (graphs/fpfit_stcox_bootstrap.py)
and the plain ``stcox``/``streg ..., vce(bootstrap, reject())``.

bootstrap asserts reject() with each fracpoly fit's full-sample e() (true there: r(9), the fit fails
-- a candidate is skipped, the first or final fit fails fracpoly: the note) and posts each
replicate where it is true as missing.  On lung's data the best powers of age with wt_loss are
(3, 3), whose full-sample _b[wt_loss] (.0013312) is the smallest of all 44 candidates; the first
fit's (``stcox wt_loss``) is .0013326 and (2, 3)'s -- the next best -- .0013496.  So
``reject(_b[wt_loss] < .001332)`` skips (3, 3) and fracpoly chooses (2, 3); the final fit's band is
the plain ``stcox t1 t2 wt_loss, vce(bootstrap, reps(20) seed(4) reject(...))`` on (2, 3)'s centred
terms with the same seed (the same draws, the same replicates rejected)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from test_graphs_fpfit_cox_replicates import NOTE, lung  # noqa: F401  (the fixture)

REJECT = "reject(_b[wt_loss] < .001332)"


def _terms(lung, powers):
    """fracgen's centred terms of age/10 for ``powers`` over wt_loss's rows, and the rows."""
    age, wt = lung.data.numeric("age"), lung.data.numeric("wt_loss")
    rows = np.isfinite(wt)
    z = age / 10

    def fp(p, v):
        return np.log(v) if p == 0 else v ** p
    zbar = z[rows].mean()
    first, second = fp(powers[0], z), fp(powers[1], z)
    first_bar, second_bar = fp(powers[0], zbar), fp(powers[1], zbar)
    if powers[0] == powers[1]:
        second, second_bar = first * np.log(z), first_bar * np.log(zbar)
    return first - first_bar, second - second_bar, rows


def _points(lung, t1, t2, rows):
    age, wt = lung.data.numeric("age"), lung.data.numeric("wt_loss")
    order = np.lexsort((age[rows], wt[rows]))
    first = np.flatnonzero(rows)[order][np.r_[True, np.diff(wt[rows][order]) != 0]]
    return np.column_stack([t1[first], t2[first], wt[first]])


def test_reject_skips_a_candidate_and_the_band_is_the_plain_command(lung, tmp_path):
    f = tmp_path / "rej"
    graph, _ = drawn(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(20) seed(4) "
                           f"{REJECT} saving({f}, replace)))")
    band, line = graph.panels[0].series
    t1, t2, rows = _terms(lung, (2, 3))
    lung.data.set_variable("t1", t1, vtype="double")
    lung.data.set_variable("t2", t2, vtype="double")
    out, rc = run(lung, f"stcox t1 t2 wt_loss, vce(bootstrap, reps(20) seed(4) {REJECT})")
    assert rc == 0 and "x" in out.split("Bootstrap replications (20)")[1].split("\n")[2], out
    b = np.asarray(lung.e.matrices["b"].values, float).ravel()
    V = np.asarray(lung.e.matrices["V"].values, float)
    X0 = _points(lung, t1, t2, rows)
    np.testing.assert_allclose(line.y, X0 @ b, rtol=1e-6, atol=1e-9)  # (2, 3), not (3, 3)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose((band.y2 - band.y) / 2, norm.ppf(0.975) * se, rtol=1e-6)
    # the file: the final fit's replicates, the rejected ones missing -- exactly where _b[wt_loss] < .001332
    run(lung, f"use {f}, clear")
    assert lung.data.varnames == ["_b_Iage__1", "_b_Iage__2", "_b_wt_loss"] and lung.data.nobs == 20
    R = np.column_stack([lung.data.numeric(v) for v in lung.data.varnames])
    kept = np.all(np.isfinite(R), axis=1)
    assert 0 < (~kept).sum() < 18 and np.all(R[kept, 2] >= .001332)
    np.testing.assert_allclose(np.cov(R[kept], rowvar=False), V, rtol=1e-6)  # the file in float


def test_without_reject_the_powers_are_three_three(lung):
    graph, _ = drawn(lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(20) seed(4)))")
    t1, t2, rows = _terms(lung, (3, 3))
    lung.data.set_variable("t1", t1, vtype="double")
    lung.data.set_variable("t2", t2, vtype="double")
    run(lung, "quietly stcox t1 t2 wt_loss")
    b = np.asarray(lung.e.matrices["b"].values, float).ravel()
    np.testing.assert_allclose(graph.panels[0].series[1].y, _points(lung, t1, t2, rows) @ b, rtol=1e-6, atol=1e-9)


def test_reject_true_in_the_first_or_every_fit_is_the_note(lung, tmp_path):
    """True with the first fit's e() (stcox wt_loss: e(N) 214, _b[wt_loss] .0013326): r(9), the note;
    reject() reads stcox's e() scalars (e(ll), e(N_fail) ...)."""
    for sub in ("reject(e(N) > 0)", "reject(_b[wt_loss] > .001)", "reject(e(N_fail) < 1000)"):
        out, rc = run(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(5) seed(1) {sub}))")
        assert rc == 0 and NOTE in out, (sub, out)
    f = tmp_path / "first"  # saving() without replace: the first fit's file, the second fit fails
    out, rc = run(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(5) seed(1) "
                        f"reject(e(ll) > 0) saving({f})))")
    assert rc == 0 and NOTE in out, out
    run(lung, f"use {f}, clear")
    assert lung.data.varnames == ["_b_wt_loss"] and lung.data.chars["command"] == "stcox wt_loss"


def test_plain_stcox_and_streg_reject(lung, tmp_path):
    out, rc = run(lung, "stcox age sex, vce(bootstrap, reps(5) seed(3) reject(_b[age] < 1))", stop_on_error=False)
    assert rc == 9 and "bootstrap rejected results from stcox while using the entire dataset" in out, out
    out, rc = run(lung, "streg age sex, dist(weibull) vce(bootstrap, reps(5) seed(3) reject([ln_p]_b[_cons] > 0))",
                  stop_on_error=False)
    assert rc == 9 and "bootstrap rejected results from streg while using the entire dataset" in out, out
    # the replicates where _b[age] > .02 are x's, out of V: V is the kept replicates' covariance
    f = tmp_path / "plain"
    out, rc = run(lung, f"stcox age sex, vce(bootstrap, reps(20) seed(3) reject(_b[age] > .02) saving({f}))")
    assert rc == 0
    dots = out.split("Bootstrap replications (20)")[1].split("\n")[2]
    V = np.asarray(lung.e.matrices["V"].values, float)
    run(lung, f"use {f}, clear")
    R = np.column_stack([lung.data.numeric(v) for v in lung.data.varnames])
    kept = np.all(np.isfinite(R), axis=1)
    assert dots.count("x") == (~kept).sum() > 0 and np.all(R[kept, 0] <= .02)
    np.testing.assert_allclose(np.cov(R[kept], rowvar=False), V, rtol=1e-6)  # the file in float


def _plain_band(lung, cluster):
    """V of the plain ``stcox t1 t2 wt_loss, vce(bootstrap, reps(30) seed(4) cluster(...))`` on
    (3, 3)'s terms centred over fracpoly's rows (wt_loss known: grp is the prefix's markout, not
    fracpoly's), fitted on the rows with grp known, and fracpred's points there."""
    age, wt, grp = (lung.data.numeric(v) for v in ("age", "wt_loss", "grp"))
    rows = np.isfinite(wt) & np.isfinite(grp)
    z = age / 10
    zbar = z[np.isfinite(wt)].mean()
    t1, t2 = z ** 3 - zbar ** 3, z ** 3 * np.log(z) - zbar ** 3 * np.log(zbar)
    lung.data.set_variable("t1", t1, vtype="double")
    lung.data.set_variable("t2", t2, vtype="double")
    out, rc = run(lung, f"stcox t1 t2 wt_loss if grp < ., vce(bootstrap, reps(30) seed(4) cluster({cluster}))")
    assert rc == 0, out
    return np.asarray(lung.e.matrices["V"].values, float), _points(lung, t1, t2, rows)


@pytest.mark.parametrize("cluster, n_cluster", [("grp sex", 40), ("sgrp", 20)])
def test_cluster_of_several_or_string_variables(lung, tmp_path, cluster, n_cluster):
    """bootstrap's cluster(varlist): each combination of the values a cluster (string variables
    too, sorted as text); the band is the plain command's with the same seed, the file's
    characteristics name the variables."""
    run(lung, 'gen sgrp = string(grp) if grp < .')
    f = tmp_path / "cl"
    graph, _ = drawn(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(30) seed(4) "
                           f"cluster({cluster}) saving({f}, replace)))")
    band = graph.panels[0].series[0]
    V, X0 = _plain_band(lung, cluster)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose((band.y2 - band.y) / 2, norm.ppf(0.975) * se, rtol=1e-9)
    run(lung, f"use {f}, clear")
    assert lung.data.chars["cluster"] == cluster and lung.data.chars["N_cluster"] == str(n_cluster)


def test_idcluster_and_group(lung):
    """idcluster(k) [group(g)]: k = group(grp) and each replicate's numbering, which no stcox fit
    reads (nor y: its FP terms are read): the band without them (the same seed); k or g = x:
    renumbered in each replicate (tests/test_graphs_fpfit_stcox_idcluster.py); stset's _t: the
    copy numbers as exit times (tests/test_st_bootstrap_renumbering.py);
    group() without idcluster(): bootstrap's r(198), the note; with stset's id() _vce_parserun's
    own idcluster() makes a typed one a second: the note."""
    base = "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(10) seed(4) cluster(grp){}))"
    plain, _ = drawn(lung, base.format(""))
    for sub in (" idcluster(k)", " idcluster(k) group(sex)"):
        graph, _ = drawn(lung, base.format(sub))
        np.testing.assert_allclose(graph.panels[0].series[0].y2, plain.panels[0].series[0].y2, rtol=1e-12)
    assert "k" not in lung.data.varnames  # made inside twoway's preserve
    graph, _ = drawn(lung, base.format(" idcluster(age)"))  # y: its FP terms are read, not y
    np.testing.assert_allclose(graph.panels[0].series[0].y2, plain.panels[0].series[0].y2, rtol=1e-12)
    graph, _ = drawn(lung, base.format(" idcluster(k) group(wt_loss)"))  # x renumbered in each replicate
    assert np.max(np.abs(graph.panels[0].series[0].y2 - plain.panels[0].series[0].y2)) > 1e-6
    graph, _ = drawn(lung, base.format(" idcluster(_t)"))  # stset's _t: the copy numbers (test_st_bootstrap_renumbering)
    assert np.max(np.abs(graph.panels[0].series[0].y2 - plain.panels[0].series[0].y2)) > 1e-6
    out, rc = run(lung, base.format(" group(sex)"))
    assert rc == 0 and NOTE in out, out
    run(lung, "gen long pid = _n")
    run(lung, "stset time, failure(died) id(pid)")
    out, rc = run(lung, base.format(" idcluster(k)"))
    assert rc == 0 and NOTE in out, out


def test_bca_jackknifeopts_saving_writes_the_acceleration_jackknife(lung, tmp_path):
    """``bca jackknifeopts(saving(f, replace))``: JKAccel's jackknife of the final fit, one record
    left out at a time, under temporary names labelled with their expressions; its jackknife se at
    the drawn points is R's coxph leave-one-out (tests/survival_reference/fpfit_stcox_jackknife.json,
    "plain"); the band stays the bootstrap's (the same seed without jackknifeopts()).  Without
    replace the first fit (stcox wt_loss) writes f and the second fails: the note."""
    from test_graphs_fpfit_cox_replicates import REF

    f = tmp_path / "jk"
    cmd = "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(10) seed(4) bca{}))"
    graph, _ = drawn(lung, cmd.format(f" jackknifeopts(saving({f}, replace double))"))
    plain, _ = drawn(lung, cmd.format(""))
    np.testing.assert_allclose(graph.panels[0].series[0].y2, plain.panels[0].series[0].y2, rtol=1e-12)
    t1, t2, rows = _terms(lung, (3, 3))
    X0 = _points(lung, t1, t2, rows)
    first = tmp_path / "first"
    out, rc = run(lung, cmd.format(f" jackknifeopts(saving({first}))"))
    assert rc == 0 and NOTE in out, out
    run(lung, f"use {f}, clear")
    names = lung.data.varnames
    assert len(names) == 3 and all(n.startswith("__") for n in names) and lung.data.nobs == 214
    assert [lung.data.var_labels[n] for n in names] == ["_b[Iage__1]", "_b[Iage__2]", "_b[wt_loss]"]
    assert lung.data.chars["jk_command"] == "stcox Iage__1 Iage__2 wt_loss"
    J = np.column_stack([lung.data.numeric(n) for n in names])
    d = J - J.mean(axis=0)
    V = d.T @ d * (len(J) - 1) / len(J)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose(se, REF["plain"]["se"], rtol=1e-5)
    run(lung, f"use {first}, clear")
    assert lung.data.nobs == 214 and [lung.data.var_labels[n] for n in lung.data.varnames] == ["_b[wt_loss]"]


def test_reject_with_bca_jackknifeopts_saving(lung, tmp_path):
    """reject() beside ``bca jackknifeopts(saving(f, replace))``: JKAccel's jackknife runs in every
    fit with reject() (the replicates where it is true missing), the file the final fit's -- (2, 3)'s
    terms, one record left out at a time, checked against stcox refitted without that record --
    and the band is the one without jackknifeopts() (the same seed).  Without replace the second
    fit finds the first fit's file: the note."""
    f = tmp_path / "jk"
    cmd = ("twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(20) seed(4) "
           f"{REJECT} bca{{}}))")
    graph, _ = drawn(lung, cmd.format(f" jackknifeopts(saving({f}, replace double))"))
    plain, _ = drawn(lung, cmd.format(""))
    np.testing.assert_allclose(graph.panels[0].series[0].y2, plain.panels[0].series[0].y2, rtol=1e-12)
    out, rc = run(lung, cmd.format(f" jackknifeopts(saving({tmp_path / 'first'}))"), stop_on_error=False)
    assert rc == 0 and NOTE in out, out
    t1, t2, rows = _terms(lung, (2, 3))
    lung.data.set_variable("t1", t1, vtype="double")
    lung.data.set_variable("t2", t2, vtype="double")
    lung.data.set_variable("obs", np.arange(1.0, lung.data.nobs + 1), vtype="double")
    run(lung, "preserve")
    run(lung, f"use {f}, clear")
    names = lung.data.varnames
    assert [lung.data.var_labels[n] for n in names] == ["_b[Iage__1]", "_b[Iage__2]", "_b[wt_loss]"]
    assert lung.data.chars["jk_command"] == "stcox Iage__1 Iage__2 wt_loss" and lung.data.nobs == rows.sum()
    J = np.column_stack([lung.data.numeric(n) for n in names])
    run(lung, "restore")
    kept = np.all(np.isfinite(J), axis=1)
    assert 0 < (~kept).sum() < rows.sum() and np.all(J[kept, 2] >= .001332) and np.all(np.isnan(J[~kept]))
    sample = np.flatnonzero(rows) + 1
    for j in list(np.flatnonzero(kept)[:2]) + list(np.flatnonzero(~kept)[:2]):
        out, rc = run(lung, f"quietly stcox t1 t2 wt_loss if obs != {sample[j]}")
        b = np.asarray(lung.e.matrices["b"].values, float).ravel()
        if kept[j]:
            np.testing.assert_allclose(J[j], b, rtol=1e-6)
        else:
            assert b[2] < .001332
