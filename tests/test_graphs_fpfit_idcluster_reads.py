"""fpfit/fpfitci after the ML estcmds with ``estopts(noconstant degree(1) vce(jackknife, cluster(c)
keep idcluster(v)))`` where the later fits read v inside the weight expression, as the offset()
or exposure() variable, or as glm's binomial denominator, and where v is the plotted x that is
also the weight or the offset (graphs.fpfit_idcluster_data).

jackknife.ado with keep renames its cluster numbering 1..G (the clusters' sort order) over v in
the data after the fit; frac_154 runs its fits in order on those data.  With keep, the first
candidate (power -2) wins: every later candidate fails on keep's pseudovalue name.  poisson has
no first fit, so that candidate reads the original v and the final fit the renumbered one; the
final fit's terms are fracgen's on x (on the renumbered x when v is x: shift and scale from
1..G, centred at the original x's mean).

Checked against numpy: Newton's method for the final fit and the leave-one-cluster-out fits
with the weights, offset, denominators as the data hold them after the renumbering, the
jackknife variance (G-1)/G sum (b_j - mean b)^2 and t(G-1) for the band."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as student_t

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

OPTS = "noconstant degree(1) vce(jackknife, cluster(c) keep idcluster({}))"


def _session(df: pd.DataFrame) -> Session:
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


@pytest.fixture
def data() -> pd.DataFrame:
    rng = np.random.default_rng(24)
    n = 96
    c = rng.integers(0, 12, n).astype(float) * 2 + 5  # 12 clusters: numbered 1..12
    x = np.round(rng.uniform(1, 40, n))
    v = rng.integers(1, 5, n).astype(float)  # not constant within c
    y = rng.poisson(np.exp(0.2 + 0.02 * x)).astype(float)
    yb = (rng.uniform(size=n) < 1 / (1 + np.exp(-(x - 20) / 10))).astype(float)
    return pd.DataFrame({"x": x, "y": y, "yb": yb, "c": c, "v": v})


def _newton(term, y, w, offset, family):
    """b of ``family y term [w], noconstant offset()`` (one coefficient) by Newton's method;
    ``family`` poisson, logit, or ("binomial", m) for glm's binomial logit."""
    b = 0.0
    for _ in range(200):
        eta = b * term + offset
        if family == "poisson":
            mu = np.exp(eta)
            resid, info_w = y - mu, mu
        else:
            m = 1.0 if family == "logit" else family[1]
            p = 1 / (1 + np.exp(-eta))
            resid, info_w = y - m * p, m * p * (1 - p)
        step = (term @ (w * resid)) / (term @ (w * info_w * term))
        b += step
        if abs(step) < 1e-13:
            break
    return b


def _gid(df):
    return np.unique(df["c"].to_numpy(), return_inverse=True)[1] + 1.0


def _term(values, x_original, renumbered_x, G):
    """fracgen's power -2 term: on x (shift 0: x >= 1) or on the renumbered x 1..G, centred at
    the original x's mean."""
    if renumbered_x:
        scale = 10.0 ** np.floor(np.log10(G - 1))
    else:
        scale = 10.0 ** np.floor(np.log10(x_original.max() - x_original.min()))
    return (values / scale) ** -2.0 - (x_original.mean() / scale) ** -2.0


def _expected(df, yname, family, w, offset, renumbered_x, level=95.0, family_of=None):
    """(at, the drawn x b (+ the offset at the row kept), lower, upper)."""
    x, y = df["x"].to_numpy(), df[yname].to_numpy()
    gid = _gid(df)
    G = int(gid.max())
    xs = gid if renumbered_x else x
    term = _term(xs, x, renumbered_x, G)
    fam = family_of or (lambda keep: family)
    b = _newton(term, y, w, offset, fam(np.ones(len(y), bool)))
    reps = []
    for g in range(1, G + 1):
        keep = gid != g
        reps.append(_newton(term[keep], y[keep], w[keep], offset[keep], fam(keep)))
    reps = np.array(reps)
    V = (G - 1) / G * np.sum((reps - reps.mean()) ** 2)
    at = np.unique(xs)
    order = np.lexsort((y, xs))  # sort x y: the first row at each x
    first = order[np.r_[True, xs[order][1:] != xs[order][:-1]]]
    t_at = _term(at, x, renumbered_x, G)
    xb = b * t_at + offset[first]
    half = student_t.ppf(0.5 + level / 200, G - 1) * np.abs(t_at) * np.sqrt(V)
    return at, xb, xb - half, xb + half


def _check(graph, expected, with_band=True):
    at, xb, lower, upper = expected
    line = graph.panels[0].series[-1]
    np.testing.assert_allclose(line.x, at)
    np.testing.assert_allclose(line.y, xb, rtol=1e-6, atol=1e-9)
    if with_band:
        band = graph.panels[0].series[0]
        np.testing.assert_allclose(band.y, lower, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(band.y2, upper, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("exp, values", [("v*2", lambda g: 2 * g), ("v^2 + 1", lambda g: g ** 2 + 1),
                                         ("v", lambda g: g)])
def test_weight_expression_reads_the_renumbered_v(data, exp, values):
    """``[pw=exp(v)]``: the final fit weighs each row by exp of its cluster's number."""
    s = _session(data.copy())
    before = s.data.df.copy()
    graph, _ = drawn(s, f"twoway fpfitci y x [pw={exp}], estcmd(poisson) estopts({OPTS.format('v')})")
    w = values(_gid(data))
    _check(graph, _expected(data, "y", "poisson", w, np.zeros(len(data)), False))
    pd.testing.assert_frame_equal(s.data.df, before)  # v as before after the graph (preserve)


def test_x_as_the_pweight(data):
    """``[pw=x] ... idcluster(x)``: the final fit's terms on the renumbered x, weighted by it;
    drawn at x = 1..G."""
    s = _session(data.copy())
    graph, _ = drawn(s, f"twoway fpfitci y x [pw=x], estcmd(poisson) estopts({OPTS.format('x')})")
    gid = _gid(data)
    _check(graph, _expected(data, "y", "poisson", gid, np.zeros(len(data)), True))


@pytest.mark.parametrize("option, transform", [("offset(x)", lambda g: g), ("exposure(x)", np.log)])
def test_x_as_the_offset(data, option, transform):
    """x also the offset (exposure): the final fit and fracpred's x b read the renumbered x;
    the line is x b plus the new offset at x = 1..G."""
    s = _session(data.copy())
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(poisson) estopts({option} {OPTS.format('x')})")
    gid = _gid(data)
    _check(graph, _expected(data, "y", "poisson", np.ones(len(data)), transform(gid), True))


def test_logit_null_fit_renumbers_before_the_candidates(data):
    """logit's first fit ``logit yb z0, nocons`` already renumbers v: the candidates and the
    final fit read ``[pw=v*3]`` as 3 times the cluster numbers."""
    s = _session(data.copy())
    graph, _ = drawn(s, f"twoway fpfitci yb x [pw=v*3], estcmd(logit) estopts({OPTS.format('v')})")
    _check(graph, _expected(data, "yb", "logit", 3 * _gid(data), np.zeros(len(data)), False))


def test_glm_binomial_denominator(data):
    """glm's ``family(binomial m)`` with idcluster(m): the final fit's denominators are the
    cluster numbers."""
    df = data.assign(m=data["v"] + 2, k=np.minimum(data["yb"] + data["y"] % 2, 1.0))
    s = _session(df.copy())
    graph, _ = drawn(s, "twoway fpfitci k x, estcmd(glm) estopts(family(binomial m) link(logit) "
                        f"{OPTS.format('m')})")
    gid = _gid(df)
    _check(graph, _expected(df, "k", None, np.ones(len(df)), np.zeros(len(df)), False,
                            family_of=lambda keep: ("binomial", gid[keep])))


def test_fweights_follow_the_renumbering(data):
    """``[fw=v*2]`` with v constant within c: the same graph as with the renumbered values typed
    (jackknife's fweight loop: each cluster's frequency, _loop_jknife_fw)."""
    df = data.assign(v=(data["c"] % 3) + 1)
    s = _session(df.copy())
    over, _ = drawn(s, f"twoway fpfitci y x [fw=v*2], estcmd(poisson) estopts({OPTS.format('v')})")
    direct = _session(df.assign(v=_gid(df)))
    plain, _ = drawn(direct, f"twoway fpfitci y x [fw=v*2], estcmd(poisson) estopts({OPTS.format('newid')})")
    for a, b in zip(over.panels[0].series, plain.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-9)
        if a.y2 is not None:
            np.testing.assert_allclose(a.y2, b.y2, rtol=1e-9)


def test_negative_weights_after_the_renumbering_fail_fracpoly(data):
    """``[pw=10-v]``: negative for the cluster numbers 11 and 12: the final fit fails
    (r(402) inside fracpoly): the note."""
    s = _session(data.copy())
    out, rc = run(s, f"twoway fpfit y x [pw=10-v], estcmd(poisson) estopts({OPTS.format('v')})")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


@pytest.mark.parametrize("exp", ["v!=7", "1/(v!=7)"])
def test_zero_or_missing_weights_after_the_renumbering_narrow_the_later_fits(data, exp):
    """``[pw=v!=7]`` (``1/(v!=7)``: missing): 1 for every original v (1..4), 0 (missing) for the
    rows of the 7th cluster once v is renumbered -- marksample drops them from the later fits: the
    final fit and its jackknife run on the other 11 clusters (t on 10 df), and the dropped rows'
    points are out of fracpred's e(sample)."""
    s = _session(data.copy())
    graph, _ = drawn(s, f"twoway fpfitci y x [pw={exp}], estcmd(poisson) estopts({OPTS.format('v')})")
    x, y = data["x"].to_numpy(), data["y"].to_numpy()
    gid = _gid(data)
    keep = gid != 7
    term = _term(x, x, False, 12)  # fracgen: centred at the first fit's mean of x
    ones = np.ones(keep.sum())
    b = _newton(term[keep], y[keep], ones, np.zeros(keep.sum()), "poisson")
    groups = [g for g in range(1, 13) if g != 7]
    reps = np.array([_newton(term[keep & (gid != g)], y[keep & (gid != g)], np.ones((keep & (gid != g)).sum()),
                             np.zeros((keep & (gid != g)).sum()), "poisson") for g in groups])
    G = len(groups)
    V = (G - 1) / G * np.sum((reps - reps.mean()) ** 2)
    at = np.unique(x)
    order = np.lexsort((y, x))
    first = order[np.r_[True, x[order][1:] != x[order][:-1]]]
    t_at = _term(at, x, False, 12)
    xb = np.where(keep[first], b * t_at, np.nan)
    half = student_t.ppf(0.975, G - 1) * np.abs(t_at) * np.sqrt(V)
    band, line = graph.panels[0].series
    drawn_at = np.isfinite(xb)  # the x whose first row (sort x y) is a dropped one: not drawn
    assert not drawn_at.all()
    np.testing.assert_allclose(line.x, at[drawn_at])
    np.testing.assert_allclose(line.y, xb[drawn_at], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(band.y, (xb - half)[drawn_at], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(band.y2, (xb + half)[drawn_at], rtol=1e-6, atol=1e-9)


def test_xtlogit_fe_idcluster_x_omits_the_panel_constant_terms(data):
    """xtlogit, fe: _vce_parserun's jackknife clusters on the panels, so idcluster(x) numbers the
    informative panels 1..G over x.  The first candidate (frac_154's copy of x) fits; the final
    terms on the renumbered x are constant within each panel, which clogit omits (``o.Ix__1``:
    b = 0 in the fit and every replicate): x b = 0 and a band of width 0, drawn at x = 1..G."""
    s = _session(data.copy())
    run(s, "xtset c")  # sorts by c
    before = s.data.df.copy()
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) "
                        "vce(jackknife, keep idcluster(x)))")
    informative = data.groupby("c")["yb"].agg(lambda v: 0 < v.sum() < len(v))
    G = int(informative.sum())
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, np.arange(1.0, G + 1))
    np.testing.assert_allclose(line.y, np.zeros(G), atol=1e-12)
    np.testing.assert_allclose(band.y, np.zeros(G), atol=1e-12)
    np.testing.assert_allclose(band.y2, np.zeros(G), atol=1e-12)
    pd.testing.assert_frame_equal(s.data.df, before)


def test_xtlogit_fe_idcluster_y_is_the_note(data):
    """idcluster(yb) with xtlogit, fe: the final fit's outcome is the panel numbers (all positive:
    every panel's outcome constant, clogit drops every group, r(2000)): the note."""
    s = _session(data.copy())
    run(s, "xtset c")
    out, rc = run(s, "twoway fpfit yb x, estcmd(xtlogit) estopts(fe degree(1) vce(jackknife, keep idcluster(yb)))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


def test_xtgee_idcluster_x_reads_the_panel_numbers(data):
    """xtgee: _vce_parserun's ``paneldata`` gives jackknife cluster(panelvar), so idcluster(x)
    numbers the panels 1..G over x; with noconstant (frac_154 skips the first fit) the first
    candidate fits, and the final fit's terms are on the renumbered x.  corr(independent): the
    GEE's b is Poisson's (numpy's Newton fits, each panel left out in turn), the band t(G-1)."""
    s = _session(data.copy())
    run(s, "xtset c")
    before = s.data.df.copy()
    graph, _ = drawn(s, "twoway fpfitci y x, estcmd(xtgee) estopts(family(poisson) link(log) corr(independent) "
                        f"{OPTS.format('x').replace('cluster(c) ', '')})")
    _check(graph, _expected(data, "y", "poisson", np.ones(len(data)), np.zeros(len(data)), True))
    pd.testing.assert_frame_equal(s.data.df, before)


def test_xtgee_idcluster_new_name_draws_the_plain_jackknife(data):
    """idcluster(newid) with xtgee's panel cluster: nothing a fit reads changes -- the graph of
    keep alone (before: mlm's note, idcluster() read as needing jackknife's own cluster())."""
    s = _session(data.copy())
    run(s, "xtset c")
    opts = "family(poisson) link(log) corr(independent) noconstant degree(1) vce(jackknife, keep{})"
    named, _ = drawn(s, f"twoway fpfitci y x, estcmd(xtgee) estopts({opts.format(' idcluster(newid)')})")
    plain, _ = drawn(s, f"twoway fpfitci y x, estcmd(xtgee) estopts({opts.format('')})")
    for a, b in zip(named.panels[0].series, plain.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-10)


@pytest.mark.parametrize("command, estopts", [
    ("cnreg", "censored(cens) noconstant degree(1)"),
    ("mlogit", "noconstant degree(1)"),
])
def test_keep_repeats_a_name_so_no_later_fit_runs(data, command, estopts):
    """cnreg's ``sigma_b_cons`` and mlogit's ``_jk_#`` repeat in every fit: under keep every fit
    after the first that ran fails, the final one too -- the note, whatever idcluster() names."""
    s = _session(data.assign(cens=(data["y"] > 2).astype(float)))
    for v in ("x", "v"):
        out, rc = run(s, f"twoway fpfit yb x, estcmd({command}) estopts({estopts} "
                         f"vce(jackknife, cluster(c) keep idcluster({v})))")
        assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


def test_streg_keep_idcluster_is_the_note(data):
    """streg fits a constant in every fit (noconstant stops frac_154): keep's ``_t_b_cons`` makes
    every fit after the first fail -- the note, whatever idcluster() renumbers."""
    s = _session(data.assign(t=data["x"] / 10 + data["v"]))
    run(s, "stset t")
    for v in ("x", "v"):
        out, rc = run(s, "twoway fpfit x v, estcmd(streg) estopts(distribution(exponential) degree(1) "
                         f"vce(jackknife, cluster(c) keep idcluster({v})))")
        assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


def test_weight_expression_with_an_abbreviation(data):
    """``[pw=vv*2]`` abbreviating vvar reads the renumbered vvar as the full name does."""
    s = _session(data.rename(columns={"v": "vvar"}))
    graph, _ = drawn(s, f"twoway fpfitci y x [pw=vv*2], estcmd(poisson) estopts({OPTS.format('vvar')})")
    _check(graph, _expected(data, "y", "poisson", 2 * _gid(data), np.zeros(len(data)), False))


_REFERENCE = Path(__file__).parent / "idcluster_reference"
_R_CASES = [  # (JSON key, plot, estopts before the vce, idcluster's v, the offset at the renumbered x)
    ("pw_v_times_2", "y x [pw=v*2], estcmd(poisson)", "", "v", None),
    ("pw_x", "y x [pw=x], estcmd(poisson)", "", "x", None),
    ("offset_x", "y x, estcmd(poisson)", "offset(x) ", "x", lambda at: at),
    ("exposure_x", "y x, estcmd(poisson)", "exposure(x) ", "x", np.log),
    ("logit_pw_v_times_3", "yb x [pw=v*3], estcmd(logit)", "", "v", None),
    ("glm_binomial_m", "k x, estcmd(glm)", "family(binomial m) link(logit) ", "m", None),
]


@pytest.mark.parametrize("key, plot, extra, v, offset_at", _R_CASES)
def test_against_r_leave_one_cluster_out_fits(key, plot, extra, v, offset_at):
    """The same cases against R's glm (tests/idcluster_reference/idcluster_reads.R, its JSON):
    b of the final fit on the renumbered data, V from R's fits with each cluster left out,
    the line b t(at) (+ the new offset) and the band with t(G-1)."""
    df = pd.read_csv(_REFERENCE / "data.csv")
    ref = json.loads((_REFERENCE / "idcluster_reads.json").read_text())[key]
    s = _session(df)
    graph, _ = drawn(s, f"twoway fpfitci {plot} estopts({extra}{OPTS.format(v)})")
    at, term = np.asarray(ref["at"], float), np.asarray(ref["term_at"], float)
    xb = ref["b"] * term + (0.0 if offset_at is None else offset_at(at))
    half = student_t.ppf(0.975, ref["G"] - 1) * np.abs(term) * np.sqrt(ref["V"])
    _check(graph, (at, xb, xb - half, xb + half))


def test_reference_data_are_the_fixtures(data):
    """data.csv holds the fixture's rows (the R script's input)."""
    df = pd.read_csv(_REFERENCE / "data.csv")
    pd.testing.assert_frame_equal(df[list(data.columns)], data, check_dtype=False)


def test_idcluster_of_the_cluster_variable_read_as_the_weight(data):
    """idcluster(c) over cluster(c): the same partition, but jackknife.ado still drops c and
    renames its numbering 1..G over it, so ``[pw=c]`` weighs the final fit by the numbers."""
    s = _session(data.copy())
    graph, _ = drawn(s, f"twoway fpfitci y x [pw=c], estcmd(poisson) estopts({OPTS.format('c')})")
    _check(graph, _expected(data, "y", "poisson", _gid(data), np.zeros(len(data)), False))


def test_offset_abbreviated(data):
    """``offset(vv)`` abbreviating vvar reads the renumbered vvar as ``offset(vvar)`` does."""
    s = _session(data.rename(columns={"v": "vvar"}))
    typed = OPTS.format("vvar")
    short, _ = drawn(s, f"twoway fpfitci y x, estcmd(poisson) estopts(offset(vv) {typed})")
    full, _ = drawn(s, f"twoway fpfitci y x, estcmd(poisson) estopts(offset(vvar) {typed})")
    at, _, _, _ = _expected(data, "y", "poisson", np.ones(len(data)), _gid(data), False)
    for a, b in zip(short.panels[0].series, full.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-10)
    np.testing.assert_allclose(full.panels[0].series[1].x, at)
