"""fpfit's ``estcmd(xtgee|xtlogit) estopts(... vce(jackknife, keep idcluster(v)))`` with v a variable
the later fits read besides x (graphs/fpfit_xtgee_jackknife.py ``renumber_xtgee``,
graphs/fpfit_xt_jackknife.py ``xtlogit_fe_prefixed``).

_vce_parserun's jackknife clusters on the panels, so jackknife.ado renames the panels' numbering
1..G over v after the first candidate's replicates; with noconstant degree(1) (xtgee) or xtlogit,
fe (no constant) the final fit runs on that data.  xtgee corr(independent) Poisson is Poisson's
likelihood: the line and band against numpy's Newton fits with each panel left out
(``test_graphs_fpfit_idcluster_reads._expected``) on the renumbered y, offset or weight.  xtlogit,
fe: the renumbered offset is constant within each panel and cancels from clogit's likelihood; the
line is the fit without it plus the panel number of the row twoway__fpfit_serset keeps at each x,
the band unchanged; b against a numpy Newton conditional logit enumerating each panel's subsets."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from graphs_helpers import drawn, run
from test_graphs_fpfit_idcluster_reads import _check, _expected, _gid, _session, data  # noqa: F401
from test_graphs_fpfit_xt_bootstrap_group import _clogit

NOTE = "(note:  fracpoly could not fit model)"
GEE = "family(poisson) link(log) corr(independent) noconstant degree(1) vce(jackknife, keep idcluster({}))"


def test_xtgee_idcluster_y_refits_the_panel_numbers(data):
    s = _session(data.copy())
    run(s, "xtset c")
    before = s.data.df.copy()
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(xtgee) estopts({GEE.format('y')})")
    renumbered = data.copy()
    renumbered["y"] = _gid(data)  # the later fits' outcome, and twoway__fpfit_serset's sort x y
    _check(graph, _expected(renumbered, "y", "poisson", np.ones(len(data)), np.zeros(len(data)), False))
    pd.testing.assert_frame_equal(s.data.df, before)


def test_xtgee_idcluster_offset_and_weight(data):
    """offset(o) over o = 0 (exposure(e): ln of the numbers) and ``[pw=k*2]`` over k = 1: the final
    fit's offset, and weights 2 x the panel number (constant within panels, as xtgee requires)."""
    s = _session(data.assign(o=0.0, e=1.0, k=1.0))
    run(s, "xtset c")
    data = s.data.df.copy()  # xtset sorted it by c: ties in (x, y) keep the first row in this order
    gid = _gid(data)
    zeros, ones = np.zeros(len(data)), np.ones(len(data))
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(xtgee) estopts(offset(o) {GEE.format('o')})")
    _check(graph, _expected(data, "y", "poisson", ones, gid, False))
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(xtgee) estopts(exposure(e) {GEE.format('e')})")
    _check(graph, _expected(data, "y", "poisson", ones, np.log(gid), False))
    graph, _ = drawn(s, f"twoway fpfitci y x [pw=k*2], estcmd(xtgee) estopts({GEE.format('k')})")
    _check(graph, _expected(data, "y", "poisson", 2 * gid, zeros, False))


def test_xtgee_idcluster_binomial_y_and_varying_weight_are_the_note(data):
    """yb renumbered 1..G: binomial's outcome above 1 fails xtgee; ``[pw=k+v]`` not constant within
    the panels after the renumbering: "weight must be constant within panel"."""
    s = _session(data.assign(k=1.0, z=0.0))
    run(s, "xtset c")
    out, rc = run(s, "twoway fpfit yb x, estcmd(xtgee) estopts(family(binomial) corr(independent) noconstant "
                     "degree(1) vce(jackknife, keep idcluster(yb)))")
    assert rc == 0 and NOTE in out, out
    out, rc = run(s, f"twoway fpfit y x [pw=k+z*v], estcmd(xtgee) estopts({GEE.format('z')})")
    assert rc == 0 and NOTE in out, out


def test_xtlogit_fe_idcluster_offset_cancels_and_is_drawn(data):
    s = _session(data.assign(o=0.0))
    run(s, "xtset c")
    cmd = "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) offset(o) vce(jackknife, keep idcluster({})))"
    band, line = drawn(s, cmd.format("o"))[0].panels[0].series
    band0, line0 = drawn(s, cmd.format("newid"))[0].panels[0].series  # nothing renumbered
    df = s.data.df
    x, yb, c = (df[v].to_numpy() for v in ("x", "yb", "c"))
    informative = np.array([0 < yb[c == v].sum() < (c == v).sum() for v in c])
    gid = np.full(len(x), np.nan)
    gid[informative] = np.unique(c[informative], return_inverse=True)[1] + 1
    order = np.lexsort((yb, x))
    order = order[informative[order]]  # rows out of e(sample): their x b missing, not drawn
    first = order[np.r_[True, x[order][1:] != x[order][:-1]]]
    np.testing.assert_allclose(line.x, x[first])
    np.testing.assert_allclose(np.asarray(line.y) - np.asarray(line0.y), gid[first], rtol=1e-9)
    np.testing.assert_allclose(np.asarray(band.y2) - np.asarray(band.y), np.asarray(band0.y2) - np.asarray(band0.y),
                               rtol=1e-9)
    rows = np.flatnonzero(informative)
    panel = np.unique(c[rows], return_inverse=True)[1]
    term = x[rows] ** -2.0  # the first candidate, kept (keep's names fail the later ones)
    b = _clogit(term, yb[rows], panel, np.zeros(rows.size))[0][0]
    G = int(panel.max()) + 1
    reps = np.array([_clogit(term[panel != g], yb[rows][panel != g], panel[panel != g], np.zeros((panel != g).sum()))[0][0]
                     for g in range(G)])
    V = (G - 1) / G * np.sum((reps - reps.mean()) ** 2)
    centred = np.asarray(line0.y) / b  # x b of the centred term, no offset
    assert np.polyfit(x[first] ** -2.0, centred, 1)[0] == pytest_approx_one()
    half = (np.asarray(band0.y2) - np.asarray(band0.y)) / 2
    np.testing.assert_allclose(half, student_t.ppf(0.975, G - 1) * np.sqrt(V) * np.abs(centred), rtol=1e-5)


def pytest_approx_one():
    import pytest

    return pytest.approx(1.0, rel=1e-6)


def test_xtgee_idcluster_weight_zero_narrows_the_later_fits(data):
    """``[pw=k!=7]`` over k = 1: the 7th panel's weight is 0 once k is renumbered -- marksample
    drops it from the final fit and its jackknife (11 panels, t on 10 df); its points undrawn."""
    from test_graphs_fpfit_idcluster_reads import _newton, _term

    s = _session(data.assign(k=1.0))
    run(s, "xtset c")
    graph, _ = drawn(s, f"twoway fpfitci y x [pw=k!=7], estcmd(xtgee) estopts({GEE.format('k')})")
    df = s.data.df
    x, y = df["x"].to_numpy(), df["y"].to_numpy()
    gid = _gid(df)
    keep = gid != 7
    term = _term(x, x, False, 12)

    def fit(rows):
        return _newton(term[rows], y[rows], np.ones(rows.sum()), np.zeros(rows.sum()), "poisson")

    b = fit(keep)
    reps = np.array([fit(keep & (gid != g)) for g in range(1, 13) if g != 7])
    G = reps.size
    V = (G - 1) / G * np.sum((reps - reps.mean()) ** 2)
    at = np.unique(x)
    order = np.lexsort((y, x))
    first = order[np.r_[True, x[order][1:] != x[order][:-1]]]
    t_at = _term(at, x, False, 12)
    shown = keep[first]
    assert not shown.all()
    half = student_t.ppf(0.975, G - 1) * np.abs(t_at) * np.sqrt(V)
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, at[shown])
    np.testing.assert_allclose(line.y, (b * t_at)[shown], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(np.asarray(band.y2) - np.asarray(band.y), 2 * half[shown], rtol=1e-6, atol=1e-9)
