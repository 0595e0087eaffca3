"""coefplot options lifted in round 92 (coefplot.ado 1.8.7's placement, read from the ado):
several equations of one model with equation labels, headings(), groups(), relocate(),
sort/orderby(), order() within equations, transform(), rescale(), citype(), mlabels(),
format(), if(), key(ci), norecycle, generate()/replace/nodrop, addplot(), and the held-out
climate file's coefplot with group().  Positions are worked out by hand from the ado's
coefplot_catvals/coefplot_headings (1, 2, ... per coefficient, +gap between equations and
groups, +1 (+gap after the first) before a heading); values from numpy/scipy."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from graphs_helpers import axes, figure, legend_texts, run, tick_texts
from test_graphs_coefplot import fails, ok, s, series  # noqa: F401  (s: the fixture)


def ticks(ax, which="y"):
    """(text, position) of the labelled ticks, in position order."""
    labels = ax.get_yticklabels() if which == "y" else ax.get_xticklabels()
    pairs = [(t.get_text(), t.get_position()[1 if which == "y" else 0]) for t in labels if t.get_text()]
    return sorted(pairs, key=lambda p: p[1])


def find_axes(fig, gid):
    return next(ax for ax in fig.axes if ax.get_gid() == gid)


MATRIX = """matrix b = (1, 2, 3, 4)
matrix colnames b = eq1:x eq1:z eq2:x eq2:z
matrix se = (.1, .2, .3, .4)
matrix colnames se = eq1:x eq1:z eq2:x eq2:z
"""


def test_equations_apart_with_labels_beside(s):
    graph = ok(s, MATRIX + 'coefplot matrix(b), se(se) keep(*:) eqlabels("A" "B")')
    (marks,) = series(graph, "scatter")
    np.testing.assert_allclose(marks.y, [1, 2, 4, 5])          # gap(1) between the equations
    np.testing.assert_allclose(marks.x, [1, 2, 3, 4])
    (spike,) = series(graph, "rspike")
    q = stats.norm.ppf(0.975)
    np.testing.assert_allclose(spike.y2, np.array([1, 2, 3, 4]) + q * np.array([.1, .2, .3, .4]), rtol=1e-9)
    fig = figure(graph)
    assert ticks(axes(fig)) == [("x", 1), ("z", 2), ("x", 4), ("z", 5)]
    assert ticks(find_axes(fig, "panel1-axis2")) == [("A", 1.5), ("B", 4.5)]   # middle of each equation
    assert axes(fig).get_ylim() == pytest.approx((5.5, 0.5))
    # names as labels by default; nogap; noeqlabels: no gap, no labels
    graph = ok(s, "coefplot matrix(b), se(se) keep(*:) eqlabels(, nogap)")
    fig = figure(graph)
    assert ticks(find_axes(fig, "panel1-axis2")) == [("eq1", 1.5), ("eq2", 3.5)]
    graph = ok(s, "coefplot matrix(b), se(se) keep(*:) noeqlabels")
    np.testing.assert_allclose(series(graph, "scatter")[0].y, [1, 2, 3, 4])
    assert not any(ax.get_gid() == "panel1-axis2" for ax in figure(graph).axes)


def test_equation_labels_as_headings(s):
    # coefplot_headings with eqashead: +1 before the first equation, +1+gap before the next;
    # each heading one above its first coefficient
    graph = ok(s, MATRIX + "coefplot matrix(b), se(se) keep(*:) eqlabels(, asheadings)")
    np.testing.assert_allclose(series(graph, "scatter")[0].y, [2, 3, 6, 7])
    ax = axes(figure(graph))
    assert ticks(ax) == [("eq1", 1), ("x", 2), ("z", 3), ("eq2", 5), ("x", 6), ("z", 7)]
    assert ax.get_ylim() == pytest.approx((7.5, 0.5))


def test_bycoefs_titles_name_the_equation(s):
    graph = ok(s, MATRIX + 'coefplot matrix(b), se(se) keep(*:) bycoefs eqlabels("A" "B")')
    assert [p.title for p in graph.panels] == ["A: x", "A: z", "B: x", "B: z"]


def test_order_within_each_equation_and_eqrename_swapnames(s):
    graph = ok(s, MATRIX + "coefplot matrix(b), se(se) keep(*:) order(z)")
    assert [t for t, _ in ticks(axes(figure(graph)))] == ["z", "x", "z", "x"]
    np.testing.assert_allclose(series(graph, "scatter")[0].x, [2, 1, 4, 3])
    graph = ok(s, 'coefplot matrix(b), se(se) keep(*:) eqrename(eq1 = "First" eq* = Rest)')
    # eq* = Rest replaces the prefix eq (coefplot_rename), the first rule matching wins
    assert [t for t, _ in ticks(find_axes(figure(graph), "panel1-axis2"))] == ["First", "Rest2"]
    graph = ok(s, "coefplot matrix(b), se(se) keep(*:) swapnames")
    fig = figure(graph)
    assert [t for t, _ in ticks(axes(fig))] == ["eq1", "eq2", "eq1", "eq2"]
    assert [t for t, _ in ticks(find_axes(fig, "panel1-axis2"))] == ["x", "z"]
    np.testing.assert_allclose(series(graph, "scatter")[0].x, [1, 3, 2, 4])


def test_asequation_and_eqstrict(s):
    ok(s, "regress y x\nestimates store m1\nregress y x z\nestimates store m2")
    graph = ok(s, "coefplot (m1, asequation) (m2, asequation), drop(_cons) eqstrict")
    fig = figure(graph)
    assert ticks(axes(fig)) == [("x", 1), ("x", 3), ("z", 4)]
    assert ticks(find_axes(fig, "panel1-axis2")) == [("m1", 1), ("m2", 3.5)]
    # without eqstrict one equation a model: the names pooled, the models share x
    graph = ok(s, "coefplot (m1, asequation) (m2, asequation), drop(_cons)")
    assert [t for t, _ in ticks(axes(figure(graph)))] == ["x", "z"]


def test_headings_take_a_position_and_a_gap(s):
    graph = ok(s, 'regress y x z i.g\ncoefplot, headings(x = "Slopes" 2.g = "{bf:Groups}")')
    ax = axes(figure(graph))
    # x, z, 2.g, 3.g, _cons at 1..5; +1 before x; +1+1 before 2.g
    assert ticks(ax) == [("Slopes", 1), ("x", 2), ("z", 3), (r"$\mathbf{Groups}$", 5), ("mid", 6), ("high", 7),
                         ("_cons", 8)]
    np.testing.assert_allclose(series(graph, "scatter")[0].y, [2, 3, 6, 7, 8])
    assert ax.get_ylim() == pytest.approx((8.5, 0.5))
    graph = ok(s, 'coefplot, headings(z = "H", nogap offset(.25))')
    assert ticks(axes(figure(graph)))[:3] == [("x", 1), ("H", 2.25), ("z", 3)]


def test_groups_beside_with_gaps(s):
    b = None
    graph = ok(s, 'regress y x z i.g\ncoefplot, groups(x z = "Continuous" ?.g = "Factor")')
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    (marks,) = series(graph, "scatter")
    np.testing.assert_allclose(marks.y, [1, 2, 4, 5, 7])       # gaps where the group changes
    np.testing.assert_allclose(marks.x, b[[0, 1, 3, 4, 5]], rtol=1e-12)
    fig = figure(graph)
    assert ticks(find_axes(fig, "panel1-axis2")) == [("Continuous", 1.5), ("Factor", 4.5)]
    # the ado's r(): the texts as it hands them to twoway (strofreal positions, compound quotes)
    assert s.r["groups"] == "1.5 `\"Continuous\"' 4.5 `\"Factor\"'"
    assert s.r["labels"].startswith("1 `\"x\"' 2 `\"z\"' 4 `\"mid\"'")
    assert (s.r["n_plots"], s.r["n_subgr"], s.r["n_ci"]) == (1, 1, 1) and s.r["legend"].endswith("off")
    graph = ok(s, 'coefplot, groups(x z = "C", nogap) vertical')
    fig = figure(graph)
    assert ticks(find_axes(fig, "panel1-xaxis2"), "x") == [("C", 1.5)]
    np.testing.assert_allclose(series(graph, "scatter")[0].x, [1, 2, 3, 4, 5])


def test_relocate_sort_orderby(s):
    ok(s, "regress y x z i.g")
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    graph = ok(s, "coefplot, relocate(z = 0.5 _cons = 7) nolabels")
    ax = axes(figure(graph))
    assert ticks(ax) == [("z", 0.5), ("x", 1), ("2.g", 3), ("3.g", 4), ("_cons", 7)]
    assert ax.get_ylim() == pytest.approx((7.5, 0))
    names = ["x", "z", "1b.g", "2.g", "3.g", "_cons"]
    kept = [0, 1, 3, 4, 5]
    graph = ok(s, "coefplot, sort nolabels")
    assert [t for t, _ in ticks(axes(figure(graph)))] == [names[kept[i]].replace("1b.", "1.")
                                                           for i in np.argsort(b[kept])]
    graph = ok(s, "coefplot, sort(, descending) nolabels")
    assert [t for t, _ in ticks(axes(figure(graph)))] == [names[kept[i]] for i in np.argsort(-b[kept])]
    ok(s, "regress y x\nestimates store m1\nregress y z x\nestimates store m2")
    graph = ok(s, "coefplot m1 m2, orderby(2) nolabels")
    assert [t for t, _ in ticks(axes(figure(graph)))] == ["z", "x", "_cons"]
    assert fails(s, "coefplot, sort(x)") == ("sort(): invalid syntax", 198)
    assert fails(s, "coefplot, orderby(a)") == ("orderby(): invalid syntax", 198)
    assert fails(s, "coefplot, sort(, by(xyz))") == ("sort(): 'xyz' not allowed in by()", 198)


def test_transform_rescale_citype(s):
    ok(s, "regress y x z")
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    se = np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values, float)))
    q = stats.t.ppf(0.975, 57)
    graph = ok(s, "coefplot, rescale(10) drop(_cons)")
    np.testing.assert_allclose(series(graph, "scatter")[0].x, 10 * b[:2], rtol=1e-12)
    np.testing.assert_allclose(series(graph, "rspike")[0].y, 10 * (b[:2] - q * se[:2]), rtol=1e-9)
    graph = ok(s, 'coefplot, transform(x = "@*@" z = exp(@)) drop(_cons)')
    np.testing.assert_allclose(series(graph, "scatter")[0].x, [b[0] ** 2, np.exp(b[1])], rtol=1e-12)
    np.testing.assert_allclose(series(graph, "rspike")[0].y2, [(b[0] + q * se[0]) ** 2, np.exp(b[1] + q * se[1])],
                               rtol=1e-9)
    out, rc = run(s, "coefplot, transform(* = ln(@)) drop(_cons)")
    assert rc == 0 and ("(transform missing for some coefficients or CIs)" in out) == bool((b[:2] - q * se[:2] <= 0).any())
    assert fails(s, "coefplot, transform(* = @nosuch)") == ("@nosuch not found", 111)
    # citype(logit) on proportions: invlogit(logit(b) +/- q se / (b (1 - b))), normal quantile
    ok(s, MATRIX.replace("(1, 2, 3, 4)", "(.2, .5, .7, .9)"))
    graph = ok(s, "coefplot matrix(b), se(se) citype(logit)")
    p, e = np.array([.2, .5]), np.array([.1, .2])
    h = stats.norm.ppf(0.975) * e / (p * (1 - p))
    lg = np.log(p / (1 - p))
    np.testing.assert_allclose(series(graph, "rspike")[0].y, 1 / (1 + np.exp(-(lg - h))), rtol=1e-9)
    np.testing.assert_allclose(series(graph, "rspike")[0].y2, 1 / (1 + np.exp(-(lg + h))), rtol=1e-9)
    graph = ok(s, "coefplot matrix(b), se(se) citype(log)")
    np.testing.assert_allclose(series(graph, "rspike")[0].y2, p * np.exp(stats.norm.ppf(0.975) * e / p), rtol=1e-9)
    line, rc = fails(s, "coefplot matrix(b), se(se) citype(logit probit)")
    assert rc == 198 and "only one of" in line


def test_marker_labels_format_if(s):
    ok(s, "regress y x z")
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    graph = ok(s, "coefplot, mlabel format(%9.2f) drop(_cons)")
    assert list(series(graph, "scatter")[0].labels) == [f"{v:.2f}" for v in b[:2]]
    graph = ok(s, "coefplot, mlabel drop(_cons)")                 # the ado's float variable: %9.0g
    assert list(series(graph, "scatter")[0].labels) == [f"{v:.7g}".replace("0.", ".", 1) for v in b[:2]]
    graph = ok(s, 'coefplot, mlabels(z = 3 "the z") drop(_cons)')
    assert list(series(graph, "scatter")[0].labels) == ["", "the z"]
    graph = ok(s, 'coefplot, mlabel("b=" + string(@b, "%4.1f")) drop(_cons)')
    assert list(series(graph, "scatter")[0].labels) == [f"b={v:.1f}" for v in b[:2]]
    assert fails(s, "coefplot, mlabel(1+1)") == ("invalid expression in mlabel()", 198)
    graph = ok(s, "coefplot, if(@b > 0) nolabels")
    np.testing.assert_allclose(series(graph, "scatter")[0].x, b[b > 0], rtol=1e-12)
    assert tick_texts(axes(figure(graph)), "y") == ["x", "z", "_cons"]   # the axis keeps all


def test_generate_replace_nodrop_addplot(s):
    ok(s, "regress y x z")
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    n = len(s.data.df)
    out, rc = run(s, "coefplot, generate(c_)")
    assert rc == 0 and "Generated variables:" in out
    df = s.data.df
    assert len(df) == n and {"c_by", "c_plot", "c_at", "c_b", "c_se", "c_ll1", "c_ul1", "c_pval"} <= set(df)
    # float variables, as the ado's gen leaves them
    np.testing.assert_array_equal(df["c_b"].to_numpy()[:3], b.astype(np.float32).astype(float))
    assert s.data.types["c_b"] == "float" and s.data.formats["c_b"] == "%9.0g"
    assert df["c_b"].isna().sum() == n - 3
    assert s.data.var_labels["c_ll1"] == "CI1: lower limit" and s.data.types["c_plot"] == "byte"
    assert fails(s, "coefplot, generate(c_)") == ("variable c_by already defined", 110)
    ok(s, "coefplot, generate(c_) replace rescale(2)")
    np.testing.assert_allclose(s.data.df["c_b"].to_numpy()[:3], 2 * b, rtol=1e-7)
    kept = s.data.df.copy()
    graph = ok(s, "coefplot, nodrop addplot(scatter x y in 1/5)")
    assert s.data.df.equals(kept)
    added = series(graph, "scatter")[-1]
    np.testing.assert_allclose(added.x, kept["y"].to_numpy()[:5])
    graph = ok(s, "coefplot, addplot(line @at @b, below) drop(_cons)")
    assert [x.kind for x in graph.panels[0].series] == ["line", "rspike", "scatter"]
    np.testing.assert_allclose(graph.panels[0].series[0].y, [1, 2])


def test_norecycle_key_ci_and_refusals(s):
    ok(s, "regress y x\nestimates store m1\nregress y x z\nestimates store m2")
    graph = ok(s, "coefplot m1 || m2, drop(_cons) norecycle")
    first, second = graph.panels
    assert [x.style for x in first.series if x.kind == "scatter"] != \
        [x.style for x in second.series if x.kind == "scatter" and len(x.x)]
    assert legend_texts(figure(graph)) == ["m1", "m2"]
    graph = ok(s, "coefplot m1 m2, key(ci) drop(_cons)")
    assert legend_texts(figure(graph)) == ["m1", "m2"]
    assert fails(s, "coefplot, nokey key(ci)") == ("nokey and key() not both allowed", 198)
    assert fails(s, "coefplot, key(bar)") == ("invalid syntax in key()", 198)
    assert fails(s, "coefplot, cismooth(n(3))") == ("cismooth(n()) must be >= 4", 198)
    line, rc = fails(s, "coefplot, eqlabels(, offset(1))")
    assert line == "eqlabels(): offset() only allowed with asheadings"


HELDOUT = (
    "coefplot marg_a marg_b marg_c, vert graphregion(color(white) lcolor(white)) ylabel(, gmin gmax "
    "labsize(small) labcolor(black) glcolor(gs14)) coeflabels(1._at=\"a\" 2._at=\"b\" 3._at=\"c\" 4._at=\"a\" "
    "5._at=\"b\" 6._at=\"c\" 7._at=\"a\" 8._at=\"b\" 9._at=\"c\" 10._at=\"a\" 11._at=\"b\" 12._at=\"c\" 13._at=\"d\" "
    "14._at=\"b\" 15._at=\"e\" , angle(90) labs(small)) group(1._at 2._at 3._at = `\"\"{bf:a}\" \"{bf:b}\"\"' "
    "4._at 5._at 6._at = `\"\"{bf:a}\" \"{bf:c}\"\"' 7._at 8._at 9._at = \"{bf:d}\" 10._at 11._at 12._at = "
    "\"{bf:e}\" 13._at 14._at 15._at = `\"\"{bf:f}\" \"{bf:g}\"\"') legend(region(lcolor(white)) order(1 \"a\" "
    "3 \"b\" 5 \"c\") row(1))")


def test_heldout_climate_coefplot_with_groups(s):
    """tests/realworld/heldout/anon-climate-values: three stored margins results of 15 at()
    rows, vertical, groups of three below the axis with a gap between groups."""
    s.data.df["q"] = s.data.df["h"]
    setup = "\n".join(
        f"quietly regress y x z h w\nquietly margins, at(x=(2 5 8)) at(z=(1 2 3)) at(h=(0 .5 1)) "
        f"at(w=(1 2 3)) at(x=(1 2 3)) post\nestimates store marg_{m}" for m in "abc")
    ok(s, setup)
    graph = ok(s, HELDOUT)
    fig = figure(graph)
    ax = axes(fig)
    at = np.array([1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19], float)   # a gap between groups
    assert ticks(ax, "x") == list(zip("abcabcabcabcdbe", at))
    groups = ticks(find_axes(fig, "panel1-xaxis2"), "x")
    bold = "$\\mathbf{%s}$".__mod__  # SMCL's {bf:} in a tick label, drawn as mathtext ([G-4] text)
    assert groups == [(bold("a") + "\n" + bold("b"), 2), (bold("a") + "\n" + bold("c"), 6), (bold("d"), 10),
                      (bold("e"), 14), (bold("f") + "\n" + bold("g"), 18)]
    marks = series(graph, "scatter")
    np.testing.assert_allclose(marks[0].x, at - 0.5 + 1 / 4)                # three plots: offsets
    np.testing.assert_allclose(marks[2].x, at - 0.5 + 3 / 4)
    b = np.asarray(s.estimates["marg_b"].matrices["b"].values, float).ravel()
    np.testing.assert_allclose(marks[1].y, b, rtol=1e-12)
    assert legend_texts(fig) == ["a", "b", "c"]


def test_cismooth_levels_widths_and_aux(s):
    """cismooth(n(4)): levels 87.5, 12.5, 62.5, 37.5 (parse_cismooth: 100/2n apart, from the
    outside in), widths from 2 (outermost) to 15, behind the levels() spikes (no default level
    with cismooth: parse_cilevels)."""
    ok(s, "regress y x z")
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    se = np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values, float)))
    assert len(series(ok(s, "coefplot, cismooth(n(4)) drop(_cons)"), "rspike")) == 4
    graph = ok(s, "coefplot, cismooth(n(4)) levels(95) drop(_cons)")
    spikes = series(graph, "rspike")
    assert len(spikes) == 5
    for spike, level in zip(spikes, [87.5, 12.5, 62.5, 37.5, 95]):
        q = stats.t.ppf(1 - (1 - level / 100) / 2, 57)
        np.testing.assert_allclose(spike.y2, b[:2] + q * se[:2], rtol=1e-9)
    lmax = 100 - 12.5
    widths = [2 + (100 / (4 + (lv - 1) / (lmax - 1) * 96) - 1) / 24 * 13 for lv in [87.5, 12.5, 62.5, 37.5]]
    base = spikes[4].line_width                                          # the 95% spike: lwidth(*1)
    assert [sp.line_width / base for sp in spikes[:4]] == pytest.approx(widths, rel=1e-6)
    graph = ok(s, "coefplot, cismooth(n(4)) noci drop(_cons)")         # noci leaves cismooth's
    assert len(series(graph, "rspike")) == 4
    # aux(): more numbers beside the estimates, @aux1 in if(), sort(, by(aux))
    ok(s, "matrix C = (1, 2, 3 \\ .1, .2, .3 \\ 30, 10, 20)\nmatrix colnames C = a b c")
    graph = ok(s, "coefplot matrix(C), se(2) aux(3) sort(, by(aux)) mlabel(@aux)")
    marks = series(graph, "scatter")[0]
    np.testing.assert_allclose(marks.x, [2, 3, 1])
    assert list(marks.labels) == ["10", "20", "30"]
    graph = ok(s, "coefplot matrix(C), se(C[2]) aux(C[3, ]) if(@aux > 15)")
    np.testing.assert_allclose(series(graph, "scatter")[0].x, [1, 3])


def test_order_gaps_take_a_position(s):
    """order(x . z): coefplot_appendemptyrow -- an empty row with a position and no label, no
    grid line at it; with two equations (within each) a gap in each."""
    graph = ok(s, "regress y x z i.g\ncoefplot, order(x . z) nolabels")
    np.testing.assert_allclose(series(graph, "scatter")[0].y, [1, 3, 4, 5, 6])
    ax = axes(figure(graph))
    assert ticks(ax) == [("x", 1), ("z", 3), ("2.g", 4), ("3.g", 5), ("_cons", 6)]
    assert ax.get_ylim() == pytest.approx((6.5, 0.5))
    assert s.r["labels"].startswith("1 `\"x\"' 3 `\"z\"'")
    graph = ok(s, MATRIX + "coefplot matrix(b), se(se) keep(*:) order(z .)")
    np.testing.assert_allclose(series(graph, "scatter")[0].y, [1, 3, 5, 7])     # z . x | z . x, gap(1) between
    fig = figure(graph)
    assert [t for t, _ in ticks(axes(fig))] == ["z", "x", "z", "x"]
    assert ticks(find_axes(fig, "panel1-axis2")) == [("eq1", 2), ("eq2", 6)]    # the gaps count


def test_wrap_truncate_in_groups_plotlabels_and_interaction(s):
    graph = ok(s, 'regress y x z i.g\ncoefplot, groups(x z = "Continuous slopes", wrap(10))')
    assert ticks(find_axes(figure(graph), "panel1-axis2")) == [("Continuous\nslopes", 1.5)]
    ok(s, "estimates store m1")
    graph = ok(s, 'coefplot m1 m1, plotlabels("A long name" "B", truncate(6))')
    assert legend_texts(figure(graph)) == ["A long", "B"]
    graph = ok(s, 'regress y c.x#i.h\ncoefplot, coeflabels(, interaction(" x "))')
    assert tick_texts(axes(figure(graph)), "y")[:2] == ["h=0 x x", "h=1 x x"]


def test_at_from_names_matrices_and_transform(s):
    """at(_coef), at(_eq): the names as numbers; at(mspec) read as se() is; at(matrix(name))
    after estimation a matrix rather than e(); at(, transform(exp)) with @ the position."""
    ok(s, "matrix b = (1, 2, 3)\nmatrix colnames b = 10 20 30\nmatrix se = (.1, .2, .3)\nmatrix P = (5, 6, 7)")
    for option, spots in [("at(_coef)", [10, 20, 30]), ("at(_coef, transform(@/10))", [1, 2, 3]),
                          ("at(P)", [5, 6, 7]), ("at(P[1,])", [5, 6, 7])]:
        (marks,) = series(ok(s, f"coefplot matrix(b), se(se) {option}"), "scatter")
        np.testing.assert_allclose(marks.x, spots)                      # vertical in at mode
        np.testing.assert_allclose(marks.y, [1, 2, 3])
    ok(s, "regress y x z\nmatrix Q = (4, 2, 9)")
    (marks,) = series(ok(s, "coefplot, at(matrix(Q))"), "scatter")
    np.testing.assert_allclose(marks.x, [4, 2, 9])
    out, rc = run(s, "coefplot, at(nosuch)")
    assert rc == 0 and "(.: e(nosuch) not found)" in out
    ok(s, MATRIX.replace("eq1:x eq1:z eq2:x eq2:z", "1:x 1:z 2:x 2:z"))
    (marks,) = series(ok(s, "coefplot matrix(b), se(se) keep(*:) at(_eq)"), "scatter")
    np.testing.assert_allclose(marks.x, [1, 1, 2, 2])


def test_rename_prefix_suffix_regex_and_eform_list(s):
    """coefplot_rename: prefix* and *suffix replace that part, regex a match; eform(coeflist)
    exponentiates those coefficients only."""
    ok(s, "regress y x z i.g")
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    graph = ok(s, "coefplot, nolabels rename(*.g = .grp x* = dose)")
    assert tick_texts(axes(figure(graph)), "y") == ["dose", "z", "2.grp", "3.grp", "_cons"]
    graph = ok(s, 'coefplot, nolabels rename("^([0-9])\\.g$" = "level\\1", regex)')
    assert tick_texts(axes(figure(graph)), "y")[2:4] == ["level2", "level3"]
    graph = ok(s, "coefplot, eform(x z) drop(_cons)")
    np.testing.assert_allclose(series(graph, "scatter")[0].x, [np.exp(b[0]), np.exp(b[1]), b[3], b[4]], rtol=1e-12)


def test_at_mode_with_plotted_variables(s):
    """at mode shares the plotted data: transform(), if(), mlabel(strexp), generate() there too."""
    ok(s, "matrix b = (1, 2, 3)\nmatrix colnames b = 10 20 30\nmatrix se = (.1, .2, .3)")
    graph = ok(s, 'coefplot matrix(b), se(se) at(_coef) transform(* = "@*2") if(@at > 15) '
                  'mlabel("at " + string(@at)) generate(a_)')
    (marks,) = series(graph, "scatter")
    np.testing.assert_allclose(marks.x, [20, 30])
    np.testing.assert_allclose(marks.y, [4, 6])
    assert list(marks.labels) == ["at 20", "at 30"]
    np.testing.assert_allclose(s.data.df["a_at"].to_numpy()[:3], [10, 20, 30])
    np.testing.assert_allclose(s.data.df["a_b"].to_numpy()[:3], [2, 4, 6])
    graph = ok(s, "coefplot matrix(b), se(se) mlabel")          # the estimates in %9.0g
    assert list(series(graph, "scatter")[0].labels) == ["1", "2", "3"]
