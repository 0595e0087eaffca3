"""twoway fpfitci estcmd(xtreg|xtlogit) estopts(vce(bootstrap, reject() group() idcluster() saving()
strata())) (graphs/fpfit_xt_bootstrap.py): the bootstrap prefix around every fit fracpoly makes.

The final fit's replicates are reproduced here from the same stream (numpy's generator seeded by
seed(), the panels drawn by ``mlmcli.replication.draws``), each one the within regression of y on
fracgen's centred terms over the panels drawn (numpy least squares; e(ll) from xtreg's engine);
reject() makes those where it is true missing, the band's V their covariance.  reject() true on a
candidate's full sample skips that candidate (frac_154's capture), so the powers are the best of
the others (their e(ll) from the plain ``xtreg ..., fe`` at each pair)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import drawn, run
from test_graphs_fpfit_xtreg import NOTE, _terms, s  # noqa: F401  (the fixture)
from test_graphs_fpfit_xt_replicate_options import xs  # noqa: F401  (the fixture)


def _band(graph):
    band, line = graph.panels[0].series
    return np.asarray(line.x, float), np.asarray(line.y, float), (np.asarray(band.y2) - np.asarray(band.y)) / 2


def _pair_lls(s):
    """e(ll) of the plain ``xtreg y t1 t2, fe`` at every pair of powers (fitted once per data:
    test_graphs_fpfit_xtreg_replicates.pair_lls)."""
    from test_graphs_fpfit_xtreg_replicates import pair_lls

    return pair_lls(s, "fe")


def _replicates(s, powers, reps, seed):
    """(B, e(ll) of each) of the final fit's bootstrap replicates: the panels drawn from the same
    stream, the within regression on fracgen's centred terms, Stata's fe constant."""
    from mlmcli.panel.groups import Panels
    from mlmcli.panel.within import fit_within
    from mlmcli.replication.draws import draw, resampling_units

    x, y = s.data.numeric("x"), s.data.numeric("y")
    panel = np.unique(s.data.numeric("id"), return_inverse=True)[1]
    T = np.column_stack(_terms(x, *powers))
    T = T - np.column_stack(_terms(np.array([x.mean()]), *powers))  # fracgen: centred at the mean
    units = resampling_units(len(y), panel, None, None)
    rng = np.random.default_rng(seed)
    B, lls = [], []
    for _ in range(reps):
        d = draw(units, rng)
        yy, TT, g = y[d.rows], T[d.rows], d.codes
        means = lambda v: np.array([v[g == j].mean(axis=0) for j in range(g.max() + 1)])[g]  # noqa: E731
        slope = np.linalg.lstsq(TT - means(TT), yy - means(yy), rcond=None)[0]
        B.append(np.r_[slope, yy.mean() - TT.mean(axis=0) @ slope])
        lls.append(fit_within(yy, TT, Panels(g), varying=TT, weight=None, weight_kind=None, vce="conventional",
                              cluster=None)["ll"])
    return np.array(B), np.array(lls)


def _saved(f):
    """(the replicates, their names, the file's characteristics), the data in memory left as it is."""
    from mlmcli.fileformats.dta_read import read_dta

    ds = read_dta(f"{f}.dta")[0]
    return np.column_stack([ds.numeric(v) for v in ds.varnames]), list(ds.varnames), ds.chars


@pytest.mark.parametrize("model, reject", [("fe", "e(N) < 10"), ("be", "e(N_g) < 3"),
                                           ("mle", "[sigma_u]_b[_cons] > 1000 | e(ll) >= .")])
def test_reject_never_true_leaves_the_band(s, model, reject):
    """Every fit under the prefix, nothing rejected: the band of the plain bootstrap (the final
    fit's draws are the same; its fit on fracgen's centred terms is the same model)."""
    cmd = f"twoway fpfitci y x, estcmd(xtreg) estopts({model} vce(bootstrap, reps(15) seed(4){{}}))"
    plain = _band(drawn(s, cmd.format(""))[0])
    every = _band(drawn(s, cmd.format(f" reject({reject})"))[0])
    for got, want in zip(every, plain):
        np.testing.assert_allclose(got, want, rtol=1e-6)


def test_xtlogit_group_and_idcluster(xs):
    """xtlogit: group(v) leaves the band (v renumbered in each replicate, not read); idcluster() the note;
    group(yb): the outcome 1, 2, ... in every replicate (all positive) fails each one, so every fit: the note."""
    cmd = "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) vce(bootstrap, reps(6) seed(2){}))"
    plain = _band(drawn(xs, cmd.format(""))[0])
    for got, want in zip(_band(drawn(xs, cmd.format(" group(g)"))[0]), plain):
        np.testing.assert_allclose(got, want, rtol=1e-12)
    out, rc = run(xs, cmd.format(" idcluster(nc)"))
    assert rc == 0 and NOTE in out and "nc" not in xs.data.varnames, out
    out, rc = run(xs, cmd.format(" group(yb)"))
    assert rc == 0 and NOTE in out, out


def test_reject_on_the_final_replicates(s, tmp_path):
    """reject(e(ll) > L), L above every full-sample e(ll): the final fit's replicates with e(ll)
    above L are missing in the file, the band's V the others' covariance; the powers unchanged."""
    from mlmcli.distributions import norm

    lls = _pair_lls(s)
    best = max(lls, key=lls.get)
    _, rep_lls = _replicates(s, best, 20, 8)
    L = float(max(lls[best] + 0.5, np.quantile(rep_lls, 0.6)))
    f = tmp_path / "rj"
    x_at, xb, half = _band(drawn(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(20) seed(8) "
                                    f"reject(e(ll) > {L!r}) saving({f}, replace double)))")[0])
    B_file, names, _ = _saved(f)
    assert names == ["_b_Ix__1", "_b_Ix__2", "_b_cons"]
    B, rep_lls = _replicates(s, best, 20, 8)
    gone = rep_lls > L
    assert 0 < gone.sum() < 18
    assert np.all(np.isnan(B_file[gone]))
    np.testing.assert_allclose(B_file[~gone], B[~gone], rtol=1e-8)
    V = np.cov(B[~gone], rowvar=False)
    X0 = np.column_stack(_terms(x_at, *best)) - np.column_stack(_terms(np.array([s.data.numeric("x").mean()]), *best))
    X0 = np.column_stack([X0, np.ones(len(x_at))])
    np.testing.assert_allclose(half, norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), rtol=1e-6)


def test_reject_true_on_a_candidates_full_sample_changes_the_powers(s):
    """reject(e(ll) > L) with L between the best and the second pair's e(ll): the best pair's fit
    fails (r(9), under frac_154's capture), fracpoly fits the second -- the line is the plain xtreg
    at those powers."""
    lls = _pair_lls(s)
    ranked = sorted(lls, key=lls.get, reverse=True)
    L = (lls[ranked[0]] + lls[ranked[1]]) / 2
    x_at, xb, _ = _band(drawn(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(20) seed(2) "
                                 f"reject(e(ll) > {L!r})))")[0])
    a, b = _terms(s.data.numeric("x"), *ranked[1])
    s.data.set_variable("t1", a, vtype="double")
    s.data.set_variable("t2", b, vtype="double")
    run(s, "quietly xtreg y t1 t2, fe")
    coef = np.asarray(s.e.matrices["b"].values, float).ravel()
    a, b = _terms(x_at, *ranked[1])
    np.testing.assert_allclose(xb, coef[0] * a + coef[1] * b + coef[2], rtol=1e-8)


@pytest.mark.parametrize("reject", ["_b[Ix__1] > 0", "e(N) > 0", "nosuch > 0"])
def test_reject_failing_in_the_first_fit_is_the_note(s, reject):
    """_b[Ix__1] is not in the first fit's e(b) (reject() incorrectly specified, r(198)); e(N) > 0
    is true on every full sample (r(9)); either way the first fit fails: the note."""
    out, rc = run(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(5) reject({reject})))")
    assert rc == 0 and NOTE in out, out


def test_group_and_idcluster(s):
    """group(v) beside _vce_parserun's idcluster(panelvar): v renumbered in each replicate, which no
    fit reads -- the band of the plain bootstrap (group(y): test_graphs_fpfit_xt_bootstrap_group.py);
    a typed idcluster() is a second one: the note (with cluster() too)."""
    run(s, "gen st = mod(id, 2)")
    plain = _band(drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(10) seed(4)))")[0])
    grouped = _band(drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(10) seed(4) "
                             "group(st)))")[0])
    for got, want in zip(grouped, plain):
        np.testing.assert_allclose(got, want, rtol=1e-12)
    for sub in ("idcluster(nn)", "cluster(id) idcluster(nid)", "group(nosuch)"):
        out, rc = run(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(5) {sub}))")
        assert rc == 0 and NOTE in out, (sub, out)
    assert "nn" not in s.data.varnames and "nid" not in s.data.varnames


def test_xtreg_stratum_missing_keeps_the_row_in_the_fits(s, tmp_path):
    """A row with strata() missing is out of the draws only: the line is the unprefixed fit's."""
    run(s, "gen st = mod(id, 2)\nreplace st = . in 3")
    plain = _band(drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe)")[0])
    f = tmp_path / "st"
    got = _band(drawn(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(12) seed(1) strata(st) "
                         f"saving({f}, replace double)))")[0])
    np.testing.assert_allclose(got[1], plain[1], rtol=1e-10)
    _, _, chars = _saved(f)
    assert chars["N_strata"] == "2" and chars["N"] == "60"


def test_xtlogit_re_reject_on_lnsig2u(xs, tmp_path):
    """reject([lnsig2u]_b[_cons] > c), c above every fit's full-sample lnsig2u: the final replicates
    where it is true are missing, the others those of the run without reject() (the same draws)."""
    f1, f2 = tmp_path / "a", tmp_path / "b"
    cmd = "twoway fpfitci yb x, estcmd(xtlogit) estopts(re degree(1) vce(bootstrap, reps(8) seed(5) {}))"
    first = _band(drawn(xs, cmd.format(f"saving({f1}, replace double)"))[0])
    B, names, chars = _saved(f1)
    assert names == ["yb_b_Ix__1", "yb_b_cons", "lnsig2u_b_cons"]
    observed = float(chars["lnsig2u_b_cons[observed]"])
    c = float(max(np.median(B[:, 2]), observed + 0.5))
    second = _band(drawn(xs, cmd.format(f"saving({f2}, replace double) reject([lnsig2u]_b[_cons] > {c!r})"))[0])
    R, _, _ = _saved(f2)
    gone = B[:, 2] > c
    assert 0 < gone.sum() < 7
    assert np.all(np.isnan(R[gone]))
    np.testing.assert_allclose(R[~gone], B[~gone], rtol=1e-10)
    np.testing.assert_allclose(second[1], first[1], rtol=1e-10)  # the same powers and fit
    assert not np.allclose(second[2], first[2])
    # lme4's glmer (12-point adaptive quadrature) on the same draws (graphs_reference/
    # fpfit_xt_bootstrap_reject.R): the power, e(b), each replicate, so the ones reject() drops
    ref = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_xt_bootstrap_reject.json").read_text())
    observed = np.array([float(chars[f"{v}[observed]"]) for v in names])
    np.testing.assert_allclose(observed, ref["observed"], rtol=1e-4, atol=1e-4)
    centred = first[0] ** ref["power"] - xs.data.numeric("x").mean() ** ref["power"]  # R's power drawn
    np.testing.assert_allclose(first[1], observed[0] * centred + observed[1], rtol=1e-8)
    P = np.asarray(ref["replicates"], float)
    np.testing.assert_allclose(B, P, rtol=2e-3, atol=5e-3)
    assert np.array_equal(P[:, 2] > c, gone)
    np.testing.assert_allclose(R[~gone], P[~gone], rtol=2e-3, atol=5e-3)


def test_xtlogit_saving_without_replace_writes_the_first_fit(xs, tmp_path):
    """re: the first fit (the constant alone) writes f, every later fit fails on it: the note; f holds
    the plain ``xtlogit yb, re vce(bootstrap)`` replicates of the same seed.  fe (no constant, no
    first fit): the first candidate's, on its temporary name."""
    f, g = tmp_path / "f", tmp_path / "g"
    out, rc = run(xs, f"twoway fpfitci yb x, estcmd(xtlogit) estopts(re degree(1) vce(bootstrap, reps(6) seed(3) "
                      f"saving({f}, double)))")
    assert rc == 0 and NOTE in out, out
    out, rc = run(xs, f"quietly xtlogit yb, re vce(bootstrap, reps(6) seed(3) saving({g}, double))")
    assert rc == 0, out
    R, names, _ = _saved(f)
    assert names == ["yb_b_cons", "lnsig2u_b_cons"]
    P, _, _ = _saved(g)
    np.testing.assert_allclose(R, P, rtol=1e-4, atol=1e-6)
    f2 = tmp_path / "f2"
    out, rc = run(xs, f"twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) vce(bootstrap, reps(4) seed(3) "
                      f"saving({f2})))")
    assert rc == 0 and NOTE in out, out
    _, names, _ = _saved(f2)
    assert len(names) == 1 and names[0].startswith("yb_b__0")


def test_xtlogit_stratum_missing_keeps_the_row_in_the_fits(xs, tmp_path):
    """A row with strata() missing (before refused) is in every full-sample fit, out of the draws."""
    run(xs, "gen st = mod(g, 2)\nreplace st = . in 2")
    plain = _band(drawn(xs, "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1))")[0])
    f = tmp_path / "xst"
    got = _band(drawn(xs, f"twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) vce(bootstrap, reps(6) seed(2) "
                          f"strata(st) saving({f}, replace double)))")[0])
    np.testing.assert_allclose(got[1], plain[1], rtol=1e-8)
    R, _, chars = _saved(f)
    assert chars["N_strata"] == "2"
    R = R[np.all(np.isfinite(R), axis=1)]
    assert len(R) >= 2
