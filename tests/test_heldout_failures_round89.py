"""The standing held-out failures, round 89 (tests/realworld/README.md, standing failures):

- ``estadd scalar x = m[1,4]``: estadd.ado's ``syntax anything(equalok) ... [, *]`` -- Stata's
  parser binds ``[ ]`` as it binds ``( )``, so the comma of a matrix subscript is not the
  options comma (the command was r(198) 'invalid syntax');
- ``catplot``: Nick Cox's SSC bar/hbar/dot charts of category frequencies or percents, drawn
  with mlm's graph bar/hbar/dot (bars checked against counts computed here with numpy);
- ``khb``: the KHB decomposition (khb.ado 2.13, Mata lkhb), checked against logit fits with
  residuals computed here by least squares and lkhb's formulas written out in numpy;
- ``mixed ... || id: i.x``: fits, the non-base indicators as Z (round 44 settled it).
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _regression_data(n=60, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "y": 1 + 2 * x + rng.normal(size=n)})


def test_estadd_scalar_takes_a_matrix_element(new_session, run):
    s = new_session(_regression_data())
    out, rc = run(s, "quietly regress y x\nmatrix m = (1,2,3,4\\5,6,7,8)\nestadd scalar x14 = m[1,4]\n"
                     "estadd scalar y23 = m[2, 3]")
    assert rc == 0, out
    assert s.e.scalars["x14"] == 4 and s.e.scalars["y23"] == 7
    # the options after the subscript are still estadd's
    out, rc = run(s, "estadd scalar x14 = m[2,4], replace")
    assert rc == 0, out
    assert s.e.scalars["x14"] == 8
    out, rc = run(s, "estadd scalar x14 = m[1,1]", stop_on_error=False)
    assert rc == 110, out  # e(x14) already defined: the comma did not hide a replace
    out, rc = run(s, "estadd scalar z = m[1,1], nosuch", stop_on_error=False)
    assert rc == 198, out
    # into stored estimates: the colon after the subscript still names them
    out, rc = run(s, "estimates store one\nestadd scalar w = m[2,1] : one\nestimates restore one")
    assert rc == 0, out
    assert s.e.scalars["w"] == 5


# ---------------------------------------------------------------- catplot
def _catplot_session():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from graphs_helpers import make_session

    s = make_session(n=90)
    s.data.df.loc[[3, 10], "h"] = np.nan  # missing categories leave the sample unless `missing`
    return s


def _drawn(s, text):
    from graphs_helpers import run

    out, rc = run(s, text)
    assert rc == 0, out
    return s.graphs[-1]


def _bar_lengths(graph, horizontal: bool):
    """The drawn bars' lengths: widths on an hbar chart, heights on a bar chart."""
    from graphs_helpers import bars, figure

    rects = bars(figure(graph), "p1-s1-bar")
    return [r.get_width() if horizontal else r.get_height() for r in rects]


def test_catplot_frequencies_and_percents(new_session):
    s = _catplot_session()
    h, g = s.data.numeric("h"), s.data.numeric("g")
    ok = np.isfinite(h)
    counts = [np.sum(ok & (h == k)) for k in (0, 1)]
    graph = _drawn(s, "catplot h")  # hbar of frequencies by default
    np.testing.assert_allclose(graph.panels[0].series[0].y, counts)
    assert sorted(np.round(_bar_lengths(graph, True), 9)) == sorted(counts)
    assert graph.command == "catplot h"
    from graphs_helpers import all_texts, figure

    texts = all_texts(figure(graph))
    assert "h" in texts and "frequency" in texts  # l1title(h), ytitle(frequency) as the ado gives them
    # percent: of the whole sample; vertical bars with the label of the variable below
    graph = _drawn(s, "catplot h, perc vertical")
    np.testing.assert_allclose(graph.panels[0].series[0].y, [100 * c / ok.sum() for c in counts])
    np.testing.assert_allclose(sorted(_bar_lengths(graph, False)), sorted(100 * c / ok.sum() for c in counts))
    # fraction within the groups of g: each g's shares of h sum to 1
    graph = _drawn(s, "catplot h g, fraction(g) recast(bar)")
    want = [np.sum(ok & (h == a) & (g == b)) / np.sum(ok & (g == b)) for b in (1, 2, 3) for a in (0, 1)]
    np.testing.assert_allclose(graph.panels[0].series[0].y, want)
    # weights: frequency = sum of the weights; `missing` keeps the missing category
    w = s.data.numeric("w")
    graph = _drawn(s, "catplot h [fw=w], missing")
    np.testing.assert_allclose(graph.panels[0].series[0].y,
                               [w[h == 0].sum(), w[h == 1].sum(), w[~ok].sum()])


def test_catplot_the_heldout_form_and_refusals(new_session):
    from graphs_helpers import run

    s = _catplot_session()
    out, rc = run(s, "catplot g if h==1, title(Plot, c(black) size(medsmall)) ytitle(Percent, c(black) "
                     "size(medsmall)) graphregion(color(white) lcolor(white)) perc blabel(bar, position(outside) "
                     "format(%3.1f)) ylabel(, nogrid) vert bar(1, bcolor(edkblue)) var1opts(relabel(1 `\"\"a\" "
                     "\"b\"\"' 2 \"c\") label(labsize(vsmall) angle(0))) name(dist, replace) nodraw")
    assert rc == 0, out
    graph = s.graphs[-1]
    assert graph.name == "dist"
    g, h = s.data.numeric("g"), s.data.numeric("h")
    np.testing.assert_allclose(graph.panels[0].series[0].y,
                               [100 * np.mean(g[h == 1] == k) for k in (1, 2, 3)])
    for text, rc_want in (("catplot h, recast(pie)", 198), ("catplot h, percent fraction", 198),
                          ("catplot h g y x", 103), ("catplot h if h == 7", 2000),
                          ("catplot h, nosuchoption", 198)):
        out, rc = run(s, text, stop_on_error=False)
        assert rc == rc_want, (text, out)
    assert s.graphs[-1].name == "dist"  # a refused chart leaves the graphs as they were


# ---------------------------------------------------------------- khb
def _mediation_data(n=400, seed=11):
    rng = np.random.default_rng(seed)
    x1 = rng.normal(size=n)
    x2 = rng.binomial(1, 0.4, n).astype(float)
    c = rng.normal(size=n)
    z1 = 0.8 * x1 - 0.5 * x2 + 0.3 * c + rng.normal(size=n)
    z2 = -0.4 * x1 + 0.2 * c + rng.normal(size=n)
    eta = -0.2 + 0.5 * x1 + 0.4 * x2 + 0.7 * z1 - 0.6 * z2 + 0.3 * c
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float)
    yc = eta + rng.normal(size=n)
    return pd.DataFrame({"y": y, "yc": yc, "x1": x1, "x2": x2, "z1": z1, "z2": z2, "c": c})


def _coefs(s, names):
    b = s.e.matrices["b"]
    return np.array([b.values.ravel()[[col.rsplit(":", 1)[-1] for col in b.colnames].index(v)] for v in names])


def test_khb_logit_numbers_from_first_principles(new_session, run):
    df = _mediation_data()
    s = new_session(df)
    X = np.column_stack([df.x1, df.x2, df.c, np.ones(len(df))])
    gam = np.linalg.lstsq(X, df[["z1", "z2"]].to_numpy(), rcond=None)[0]  # 4 x 2
    resid = df[["z1", "z2"]].to_numpy() - X @ gam
    s.data.df["r1"], s.data.df["r2"] = resid[:, 0], resid[:, 1]
    s.data.types["r1"] = s.data.types["r2"] = "double"
    out, rc = run(s, "quietly logit y x1 x2 z1 z2 c")
    assert rc == 0, out
    full, vfull = _coefs(s, ["x1", "x2", "z1", "z2"]), s.e.matrices["V"].values[:4, :4]
    run(s, "quietly logit y x1 x2 r1 r2 c")
    reduced = _coefs(s, ["x1", "x2"])
    run(s, "quietly logit y x1 x2 c")
    naive = _coefs(s, ["x1", "x2"])
    out, rc = run(s, "khb logit y x1 x2 || z1 z2, concomitant(c) summary disentangle")
    assert rc == 0, out
    b = s.e.matrices["b"]
    assert b.colnames == ("x1:Reduced", "x1:Full", "x1:Diff", "x2:Reduced", "x2:Full", "x2:Diff")
    got = b.values.ravel().reshape(2, 3)
    np.testing.assert_allclose(got[:, 1], full[:2], rtol=1e-7)
    np.testing.assert_allclose(got[:, 0], reduced, rtol=1e-5)
    np.testing.assert_allclose(got[:, 2], reduced - full[:2], rtol=1e-5, atol=1e-8)
    # Diff's variance, lkhb's deriv * sigma * deriv': sureg's V = (E'E/N) kron (X'X)^-1
    n = len(df)
    sur_v = np.kron(resid.T @ resid / n, np.linalg.inv(X.T @ X))  # eq z1 (x1 x2 c _cons), eq z2
    bz, vbz = full[2:], vfull[2:, 2:]
    gamma_var = [np.diag(sur_v)[[i, 4 + i]] for i in range(2)]
    var_diff = [gam[i] @ vbz @ gam[i] + sum(bz @ sur_v[np.ix_([j, 4 + j], [j, 4 + j])] @ bz for j in range(2))
                for i in range(2)]
    np.testing.assert_allclose(np.diag(s.e.matrices["V"].values)[[2, 5]], var_diff, rtol=1e-5)
    np.testing.assert_allclose([s.e.scalars["ratio_x1"], s.e.scalars["pct_x2"], s.e.scalars["rescale_x1"]],
                               [reduced[0] / full[0], 100 * (reduced[1] - full[1]) / reduced[1],
                                reduced[0] / naive[0]], rtol=1e-5)
    dis = s.e.matrices["disentangle"]
    assert dis.rownames == ("x1:z1", "x1:z2", "x2:z1", "x2:z2")
    part = np.array([bz[k] * gam[i, k] for i in range(2) for k in range(2)])
    np.testing.assert_allclose(dis.values[:, 0], part, rtol=1e-5)
    np.testing.assert_allclose(dis.values[:, 0].reshape(2, 2).sum(axis=1), got[:, 2], rtol=1e-5)
    se = [np.sqrt(gamma_var[i][k] * bz[k] ** 2 + vbz[k, k] * gam[i, k] ** 2) for i in range(2) for k in range(2)]
    np.testing.assert_allclose(dis.values[:, 1], se, rtol=1e-5)
    np.testing.assert_allclose(dis.values[:, 3], 100 * part / np.repeat(reduced, 2), rtol=1e-5)
    assert "Decomposition using the KHB-Method" in out and "Components of Difference" in out
    assert s.e.macros["cmd"] == "khb" and "r1" in s.data.varnames and len(s.data.varnames) == 9


def test_khb_linear_reduced_is_naive_and_refusals(new_session, run):
    df = _mediation_data(n=200, seed=5)
    s = new_session(df)
    run(s, "quietly regress yc x1 c")
    naive = _coefs(s, ["x1"])
    out, rc = run(s, "khb regress yc x1 || z1 z2, c(c) s")
    assert rc == 0, out
    # in a linear model the residualized z's are orthogonal to x: Reduced is the naive effect
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel()[0], naive[0], rtol=1e-8)
    assert "Decomposition using Linear Probability Models" in out
    for text in ("khb logit y x1 || z1, ape", "khb logit y x1 || z1, vce(robust)", "khb logit y x1 x2",
                 "khb logit y x1 || x2", "khb mlogit y x1 || z1", "khb logit y x1 || z1, nosuch"):
        out, rc = run(s, text, stop_on_error=False)
        assert rc == 198, (text, out)
    # the data are as they were (khb.ado's preserve); e() is what khb.ado leaves: the sureg of a
    # model that failed after it, as the last (nosuch: the model's own r(198))
    assert len(s.data.varnames) == 7 and s.data.nobs == 200


# ---------------------------------------------------------------- mixed, || id: i.x
def test_mixed_factor_variable_in_a_random_effects_equation_fits(new_session, run):
    """``mixed ... || id: i.x`` fits (Stata 16's _mixed_parsecmd reads mixed's equations with
    ``fv``; the refusal once quoted here is the other commands'): the held-out line
    oatley/occupation_income.do:177 is the model with the non-base indicators as Z."""
    rng = np.random.default_rng(2)
    g = np.repeat(np.arange(10), 5)
    df = pd.DataFrame({"g": g, "k": rng.integers(1, 4, g.size), "y": rng.normal(size=g.size)})
    df = df.assign(k2=(df.k == 2).astype(float), k3=(df.k == 3).astype(float))
    s = new_session(df)
    out, rc = run(s, "mixed y i.k || g: i.k, mle cov(identity)")
    assert rc == 0, out
    assert "var(2.k 3.k _cons)" in out, out  # identity: one variance over the columns
    ll = s.e.scalars["ll"]
    out, rc = run(s, "quietly mixed y k2 k3 || g: k2 k3, mle cov(identity)")
    assert rc == 0, out
    np.testing.assert_allclose(ll, s.e.scalars["ll"], rtol=1e-9)
