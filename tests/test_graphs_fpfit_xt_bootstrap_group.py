"""twoway fpfitci estcmd(xtreg|xtlogit) estopts(vce(bootstrap, group(v) ...)) renumbering what the
replicates read, and ``bca jackknifeopts(saving())`` (graphs/fpfit_xt_bootstrap_group.py,
graphs/fpfit_jkaccel.py).

_loop_bs renumbers v after each bsample: 1, 2, ... over the distinct (stratum, drawn copy, v) in
that order, the copies in idcluster()'s order (the cluster drawn, then the copy).  The final fit's
replicates are rebuilt here from the same stream (numpy's generator seeded by seed(), the panels
drawn by ``mlmcli.replication.draws``) with that renumbering written out again in numpy (a loop
over the copies), each replicate's fit by numpy least squares (xtreg fe, be) or a Newton fit of
the conditional logit whose likelihood enumerates each panel's subsets (xtlogit fe); the band is
x b -/+ z sqrt(x0' V x0), V the replicates' covariance.  JKAccel's file: the leave-one-panel-out
fits by the same numpy code (the first fit ``xtreg y, fe``: the other panels' mean of y)."""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from test_graphs_fpfit_xtreg import NOTE, _terms, s  # noqa: F401  (the fixture)
from test_graphs_fpfit_xt_bootstrap_reject import _pair_lls
from test_graphs_fpfit_xt_replicate_options import xs  # noqa: F401  (the fixture)

Z = norm.ppf(0.975)


def _band(graph):
    band, line = graph.panels[0].series
    return np.asarray(line.x, float), np.asarray(line.y, float), (np.asarray(band.y2) - np.asarray(band.y)) / 2


def _renumbered(values, units, copies):
    """_loop_bs's group(v): copies ordered by the unit drawn then the copy, v's distinct values in
    each ascending, numbered 1, 2, ... across them."""
    out = np.empty(len(values))
    counter = 0
    for c in sorted(set(copies.tolist()), key=lambda c: (units[copies == c][0], c)):
        here = np.flatnonzero(copies == c)
        for v in sorted(set(values[here].tolist())):
            counter += 1
            out[here[values[here] == v]] = counter
    return out


def _centred(s, x, powers):
    T = np.column_stack(_terms(x, *powers))
    return T - np.column_stack(_terms(np.array([s.data.numeric("x").mean()]), *powers))


def _within(yy, TT, g):
    means = lambda v: np.array([v[g == j].mean(axis=0) for j in range(g.max() + 1)])[g]  # noqa: E731
    slope = np.linalg.lstsq(TT - means(TT), yy - means(yy), rcond=None)[0]
    return np.r_[slope, yy.mean() - TT.mean(axis=0) @ slope]


def _between(yy, TT, g):
    G = g.max() + 1
    ybar = np.array([yy[g == j].mean() for j in range(G)])
    Tbar = np.array([TT[g == j].mean(axis=0) for j in range(G)])
    return np.linalg.lstsq(np.column_stack([Tbar, np.ones(G)]), ybar, rcond=None)[0]


def _draws(n_units_codes, reps, seed, strata=None):
    from mlmcli.replication.draws import draw, resampling_units

    units = resampling_units(len(n_units_codes), n_units_codes, strata, None)
    rng = np.random.default_rng(seed)
    return [draw(units, rng) for _ in range(reps)]


def _expected_half(s, x_at, powers, B):
    V = np.cov(B, rowvar=False)
    X0 = np.column_stack([_centred(s, x_at, powers), np.ones(len(x_at))])
    return Z * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))


@pytest.mark.parametrize("model, estimator", [("fe", _within), ("be", _between)])
def test_xtreg_group_y_refits_the_renumbered_outcome(s, model, estimator):
    """group(y): each replicate regresses 1, 2, ... (y's rank within its copy, after the copies
    before it); fe reads the within-copy ranks only, be the copies' numbers too."""
    lls = _pair_lls(s) if model == "fe" else None
    if model == "be":
        from test_graphs_fpfit_xtreg_replicates import _chosen_powers
        best = _chosen_powers(s, "be")
    else:
        best = max(lls, key=lls.get)
    cmd = f"twoway fpfitci y x, estcmd(xtreg) estopts({model} vce(bootstrap, reps(20) seed(5){{}}))"
    x_at, xb, half = _band(drawn(s, cmd.format(" group(y)"))[0])
    plain = _band(drawn(s, cmd.format(""))[0])
    np.testing.assert_allclose(xb, plain[1], rtol=1e-10)  # the full-sample fits are not renumbered
    x, y = s.data.numeric("x"), s.data.numeric("y")
    panel = np.unique(s.data.numeric("id"), return_inverse=True)[1]
    T = _centred(s, x, best)
    B = []
    for d in _draws(panel, 20, 5):
        units = panel[d.rows]
        B.append(estimator(_renumbered(y[d.rows], units, d.codes), T[d.rows], d.codes))
    want = _expected_half(s, x_at, best, np.array(B))
    np.testing.assert_allclose(half, want, rtol=1e-6)
    assert not np.allclose(half, plain[2], rtol=1e-3)


def test_xtreg_group_panel_with_strata_draws_the_strata_pieces(s):
    """group(id) with strata(): bsample's clusters are the (stratum, panel) pieces, each drawn copy
    a panel of its own -- a panel with rows in two strata is two panels; with strata nesting the
    panels the band is the one without group()."""
    run(s, "gen st = x > 5\ngen sp = mod(id, 2)")
    best = max((lls := _pair_lls(s)), key=lls.get)
    cmd = "twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(20) seed(2) strata({}){}))"
    x_at, xb, half = _band(drawn(s, cmd.format("st", " group(id)"))[0])
    x, y, st = s.data.numeric("x"), s.data.numeric("y"), s.data.numeric("st")
    piece = np.unique(st * 1000 + s.data.numeric("id"), return_inverse=True)[1]
    T = _centred(s, x, best)
    B = [_within(y[d.rows], T[d.rows], d.codes) for d in _draws(piece, 20, 2, np.unique(st, return_inverse=True)[1])]
    np.testing.assert_allclose(half, _expected_half(s, x_at, best, np.array(B)), rtol=1e-6)
    nested = _band(drawn(s, cmd.format("sp", " group(id)"))[0])
    for got, want in zip(nested, _band(drawn(s, cmd.format("sp", ""))[0])):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def _clogit(X, y, groups, offset):
    """b, ll of the conditional logit, each panel's likelihood over its subsets of sum(y) rows."""
    X = np.atleast_2d(X.T).T
    b = np.zeros(X.shape[1])
    sets = {}
    for g in np.unique(groups):
        rows = np.flatnonzero(groups == g)
        k = int(y[rows].sum())
        if 0 < k < len(rows):
            sets[g] = (rows, [list(c) for c in combinations(range(len(rows)), k)], np.flatnonzero(y[rows] > 0))
    for _ in range(100):
        ll, grad, hess = 0.0, np.zeros_like(b), np.zeros((len(b), len(b)))
        for rows, subsets, pos in sets.values():
            eta = X[rows] @ b + offset[rows]
            S = np.array([X[rows][c].sum(axis=0) for c in subsets])
            e = np.array([eta[c].sum() for c in subsets])
            w = np.exp(e - e.max())
            w /= w.sum()
            mean = w @ S
            ll += eta[pos].sum() - (e.max() + np.log(np.exp(e - e.max()).sum()))
            grad += X[rows][pos].sum(axis=0) - mean
            hess -= (S - mean).T @ ((S - mean) * w[:, None])
        step = np.linalg.solve(hess, grad)
        b = b - step
        if np.max(np.abs(step)) < 1e-11:
            return b, ll
    raise np.linalg.LinAlgError("no convergence")


def _fe_setup(xs):
    """The informative panels' rows of yb, their panel codes, x, the offset and the power of the
    largest conditional likelihood (degree(1); the candidates' fits are the unprefixed ones)."""
    g, yb, x, o = (xs.data.numeric(v) for v in ("g", "yb", "x", "o"))
    informative = np.array([0 < yb[g == v].sum() < (g == v).sum() for v in g])
    rows = np.flatnonzero(informative)
    panel = np.unique(g[rows], return_inverse=True)[1]
    lls = {p: _clogit(np.log(x[rows]) if p == 0 else x[rows] ** p, yb[rows], panel, o[rows])[1]
           for p in (-2, -1, -0.5, 0, 0.5, 1, 2, 3)}
    power = max(lls, key=lls.get)
    term = np.log(x[rows]) if power == 0 else x[rows] ** power
    return rows, panel, term, yb[rows], o[rows], power


def test_xtlogit_fe_group_offset_refits_the_renumbered_offset(xs):
    """xtlogit, fe offset(o) group(o): each replicate's offset is 1, 2, ... (o's rank within its
    copy after the copies before it; the copy's number cancels in the conditional likelihood)."""
    run(xs, "gen o = mod(_n, 3) / 2")
    cmd = "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) offset(o) vce(bootstrap, reps(12) seed(6){}))"
    x_at, xb, half = _band(drawn(xs, cmd.format(" group(o)"))[0])
    plain = _band(drawn(xs, cmd.format(""))[0])
    rows, panel, term, y, o, power = _fe_setup(xs)
    B, B0 = [], []  # the replicates with o renumbered, and with o as it is (the band without group())
    for d in _draws(panel, 12, 6):
        for out, off in ((B, _renumbered(o[d.rows], panel[d.rows], d.codes)), (B0, o[d.rows])):
            try:
                out.append(_clogit(term[d.rows], y[d.rows], d.codes, off)[0][0])
            except np.linalg.LinAlgError:
                out.append(np.nan)
    B, B0 = np.array(B), np.array(B0)
    assert np.isfinite(B).sum() >= 10 and np.isfinite(B0).sum() >= 10
    sd, sd0 = (np.std(v[np.isfinite(v)], ddof=1) for v in (B, B0))
    np.testing.assert_allclose(xb, plain[1], rtol=1e-10)  # the full-sample fits: o as it is
    np.testing.assert_allclose(half / plain[2], sd / sd0, rtol=1e-5)  # z |x0| sd: the same x0
    assert not np.allclose(half, plain[2], rtol=1e-3)


def test_xtlogit_group_y_and_re_offset(xs):
    """group(yb): every replicate's outcome 1, 2, ... is all positive -- every replicate fails, so
    bootstrap in every fit: the note (re and fe).  re with group(o): drawn (a band of its own)."""
    run(xs, "gen o = mod(_n, 3) / 2")
    for model in ("re", "fe"):
        out, rc = run(xs, f"twoway fpfitci yb x, estcmd(xtlogit) estopts({model} degree(1) "
                          "vce(bootstrap, reps(4) seed(1) group(yb)))")
        assert rc == 0 and NOTE in out, out
    # (each re replicate from the full fit's estimates climbs to offsets of up to ~36: slow, so two)
    cmd = "twoway fpfitci yb x, estcmd(xtlogit) estopts(re degree(1) offset(o) vce(bootstrap, reps(2) seed(3){}))"
    grouped, plain = _band(drawn(xs, cmd.format(" group(o)"))[0]), _band(drawn(xs, cmd.format(""))[0])
    np.testing.assert_allclose(grouped[1], plain[1], rtol=1e-8)
    assert np.all(np.isfinite(grouped[2])) and not np.allclose(grouped[2], plain[2], rtol=1e-3)


def _jk_file(path):
    from mlmcli.fileformats.dta_read import read_dta

    ds = read_dta(f"{path}.dta")[0]
    return ds, np.column_stack([ds.numeric(v) for v in ds.varnames])


def test_xtreg_jkaccel_saving(s, tmp_path):
    """bca jackknifeopts(saving(f, replace)): f holds the final fit's leave-one-panel-out e(b)
    (fracgen's centred terms, the constant) under temporary names labelled ``_b[...]``; the band is
    the bootstrap's.  Without replace the first fit (``xtreg y, fe``: the other panels' mean of y)
    writes f and the second fails on it: the note."""
    best = max((lls := _pair_lls(s)), key=lls.get)
    f = tmp_path / "acc"
    cmd = "twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(10) seed(3){}))"
    got = _band(drawn(s, cmd.format(f" bca jackknifeopts(saving({f}, replace))"))[0])
    for a, b in zip(got, _band(drawn(s, cmd.format(""))[0])):
        np.testing.assert_allclose(a, b, rtol=1e-12)
    ds, J = _jk_file(f)
    assert [ds.var_labels[v] for v in ds.varnames] == ["_b[Ix__1]", "_b[Ix__2]", "_b[_cons]"]
    assert ds.chars["jk_N_cluster"] == "12" and ds.chars["jk_cmdname"] == "xtreg"
    x, y = s.data.numeric("x"), s.data.numeric("y")
    panel = np.unique(s.data.numeric("id"), return_inverse=True)[1]
    T = _centred(s, x, best)
    want = np.array([_within(y[panel != g], T[panel != g], np.unique(panel[panel != g], return_inverse=True)[1])
                     for g in range(12)])
    np.testing.assert_allclose(J, want, rtol=1e-6)  # float storage
    f2 = tmp_path / "acc1"
    out, rc = run(s, cmd.format(f" bca jackknifeopts(saving({f2}))"))
    assert rc == 0 and NOTE in out, out
    ds, J = _jk_file(f2)
    assert [ds.var_labels[v] for v in ds.varnames] == ["_b[_cons]"]
    np.testing.assert_allclose(J[:, 0], [y[panel != g].mean() for g in range(12)], rtol=1e-6)
    out, rc = run(s, cmd.format(f" bca jackknifeopts(saving({f2}))"))  # f there already: the first fit fails
    assert rc == 0 and NOTE in out, out


def test_xtlogit_fe_jkaccel_saving(xs, tmp_path):
    """xtlogit, fe: JKAccel's file of the final fit, one informative panel left out at a time."""
    run(xs, "gen o = 0")
    f = tmp_path / "xacc"
    cmd = "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) vce(bootstrap, reps(6) seed(2){}))"
    got = _band(drawn(xs, cmd.format(f" bca jackknifeopts(saving({f}, replace double))"))[0])
    for a, b in zip(got, _band(drawn(xs, cmd.format(""))[0])):
        np.testing.assert_allclose(a, b, rtol=1e-12)
    ds, J = _jk_file(f)
    assert [ds.var_labels[v] for v in ds.varnames] == ["_b[yb:Ix__1]"]
    rows, panel, term, y, o, power = _fe_setup(xs)
    G = panel.max() + 1
    want = [_clogit(term[panel != g], y[panel != g], panel[panel != g], o[panel != g])[0][0] for g in range(G)]
    np.testing.assert_allclose(J[:, 0], want, rtol=1e-6)
