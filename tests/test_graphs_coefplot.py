"""coefplot (Ben Jann's SSC command 1.8, mlmcli/graphs/coefplot.py): the drawn markers and
spikes against estimates and intervals computed here from the data (numpy least squares, the
t and normal quantiles of scipy), the category axis, legend and options, and the errors."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex
from scipy import stats

from graphs_helpers import all_texts, artists, axes, figure, legend_texts, line_xy, make_session, run, tick_texts


@pytest.fixture()
def s():
    return make_session()


def ok(s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return s.graphs[-1] if s.graphs else None


def fails(s, text):
    out, rc = run(s, text, stop_on_error=True)
    assert rc != 0, out
    return out.strip().splitlines()[-2], rc


def series(graph, kind):
    return [x for p in graph.panels for x in p.series if x.kind == kind]


def ols(s, columns):
    """b and se of y on the columns (and a constant) by numpy, with the residual df."""
    df = s.data.df
    X = np.column_stack([np.asarray(c, float) for c in columns] + [np.ones(len(df))])
    y = df["y"].to_numpy(float)
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ b
    dof = len(y) - X.shape[1]
    V = resid @ resid / dof * np.linalg.inv(X.T @ X)
    return b, np.sqrt(np.diag(V)), dof


def test_regress_markers_spikes_and_labels_top_to_bottom(s):
    graph = ok(s, "regress y x i.g\ncoefplot")
    g = s.data.df["g"].to_numpy()
    b, se, dof = ols(s, [s.data.df["x"], g == 2, g == 3])
    q = stats.t.ppf(0.975, dof)
    (spike,) = series(graph, "rspike")
    (marks,) = series(graph, "scatter")
    np.testing.assert_allclose(marks.x, b, rtol=1e-7)             # x, 2.g, 3.g, _cons last
    np.testing.assert_allclose(marks.y, [1, 2, 3, 4])
    np.testing.assert_allclose(spike.x, [1, 2, 3, 4])
    np.testing.assert_allclose(spike.y, b - q * se, rtol=1e-7)
    np.testing.assert_allclose(spike.y2, b + q * se, rtol=1e-7)
    assert spike.horizontal
    fig = figure(graph)
    ax = axes(fig)
    assert tick_texts(ax, "y") == ["x", "mid", "high", "_cons"]  # value labels of the levels
    assert ax.get_ylim()[0] > ax.get_ylim()[1]                   # reversed: the first at the top
    assert legend_texts(fig) == []                               # one plot: no legend
    assert ax.get_xlabel() == "" and ax.get_ylabel() == ""
    (dots,) = artists(fig, "p1-s2-scatter")
    (lines,) = artists(fig, "p1-s1-rspike")
    assert to_hex(lines.get_colors()[0]) == to_hex(dots.get_markerfacecolor())  # pstyle(p1)


def test_variable_labels_nolabels_coeflabels_rename(s):
    s.data.var_labels["x"] = "Dose"
    ok(s, "regress y x z")
    assert tick_texts(axes(figure(ok(s, "coefplot"))), "y") == ["Dose", "z", "_cons"]
    assert tick_texts(axes(figure(ok(s, "coefplot, nolabels"))), "y") == ["x", "z", "_cons"]
    ax = axes(figure(ok(s, 'coefplot, coeflabels(x = "Dose (mg)" _cons = Constant)')))
    assert tick_texts(ax, "y") == ["Dose (mg)", "z", "Constant"]
    ax = axes(figure(ok(s, "coefplot, rename(z = zed) nolabels")))
    assert tick_texts(ax, "y") == ["x", "zed", "_cons"]


def test_keep_drop_wildcards_and_order(s):
    ok(s, "regress y x z i.g")
    graph = ok(s, "coefplot, drop(_cons *.g)")
    assert list(series(graph, "scatter")[0].y) == [1, 2]
    assert tick_texts(axes(figure(graph)), "y") == ["x", "z"]
    graph = ok(s, "coefplot, keep(?.g x)")
    assert tick_texts(axes(figure(graph)), "y") == ["x", "mid", "high"]
    graph = ok(s, "coefplot, keep(x z) order(z)")
    ax = axes(figure(graph))
    assert tick_texts(ax, "y") == ["z", "x"]
    marks = series(graph, "scatter")[0]
    assert marks.y[list(marks.x).index(s.e.matrices["b"].values[0][1])] == 1  # z's estimate at the top


def test_baselevels_and_omitted(s):
    ok(s, "regress y x i.g")
    graph = ok(s, "coefplot, baselevels drop(_cons)")
    assert tick_texts(axes(figure(graph)), "y") == ["x", "low", "mid", "high"]
    assert series(graph, "scatter")[0].x[1] == 0


def test_logit_normal_quantile_eform_and_two_levels(s):
    ok(s, "logit h x z")
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    se = np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values, float)))
    graph = ok(s, "coefplot, eform levels(99 95) drop(_cons)")
    first, second = series(graph, "rspike")
    for spike, level in ((first, 99), (second, 95)):
        q = stats.norm.ppf(1 - (1 - level / 100) / 2)                # no e(df_r): the normal quantile
        np.testing.assert_allclose(spike.y, np.exp(b[:2] - q * se[:2]), rtol=1e-9)
        np.testing.assert_allclose(spike.y2, np.exp(b[:2] + q * se[:2]), rtol=1e-9)
    np.testing.assert_allclose(series(graph, "scatter")[0].x, np.exp(b[:2]), rtol=1e-12)
    assert second.line_width > first.line_width                      # lwidth(*2) for the second level


def test_mixed_plots_the_fixed_effects_only(s):
    ok(s, "mixed y x || g:")
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    se = np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values, float)))
    names = list(s.e.matrices["b"].colnames)
    assert len(names) > 2                                             # variance parameters in e(b)
    graph = ok(s, "coefplot")
    (spike,) = series(graph, "rspike")
    q = stats.norm.ppf(0.975)
    np.testing.assert_allclose(series(graph, "scatter")[0].x, b[:2], rtol=1e-12)
    np.testing.assert_allclose(spike.y, b[:2] - q * se[:2], rtol=1e-9)
    assert tick_texts(axes(figure(graph)), "y") == ["x", "_cons"]
    graph = ok(s, "coefplot, keep(*:)")                               # every equation, labelled beside
    assert len(series(graph, "scatter")[0].x) == len(names)


def test_two_stored_models_offsets_and_legend(s):
    ok(s, "regress y x\nestimates store m1\nregress y x z\nestimates store m2")
    graph = ok(s, "coefplot m1 m2, drop(_cons)")
    first, second = series(graph, "scatter")
    np.testing.assert_allclose(first.y, [1 - 0.5 + 1 / 3])            # x of m1 above x of m2
    np.testing.assert_allclose(second.y, [1 - 0.5 + 2 / 3, 2 - 0.5 + 2 / 3])
    fig = figure(graph)
    assert legend_texts(fig) == ["m1", "m2"]
    assert tick_texts(axes(fig), "y") == ["x", "z"]
    (m1,) = artists(fig, "p1-s2-scatter")
    (m2,) = artists(fig, "p1-s4-scatter")
    assert to_hex(m1.get_markerfacecolor()) != to_hex(m2.get_markerfacecolor())  # p1, p2
    graph = ok(s, "coefplot (m1, label(Short) msymbol(S)) (m2, label(Long)), drop(_cons) nooffsets")
    fig = figure(graph)
    assert legend_texts(fig) == ["Short", "Long"]
    assert series(graph, "scatter")[0].marker == "S" and list(series(graph, "scatter")[0].y) == [1]
    graph = ok(s, "coefplot m1 m2, keep(x) plotlabels(A B)")
    assert legend_texts(figure(graph)) == ["A", "B"]


def test_vertical_noci_xline_title_and_twoway_options(s):
    ok(s, "regress y x z")
    graph = ok(s, "coefplot, vertical noci drop(_cons) yline(0) title(Effects)")
    assert series(graph, "rspike") == []
    marks = series(graph, "scatter")[0]
    np.testing.assert_allclose(marks.x, [1, 2])                      # positions along x
    fig = figure(graph)
    assert tick_texts(axes(fig), "x") == ["x", "z"]
    assert "Effects" in all_texts(fig)
    assert 0.0 in graph.ylines
    graph = ok(s, "coefplot, xline(0, lpattern(dash)) ciopts(recast(rcap) lcolor(red))")
    assert [x.kind for x in graph.panels[0].series] == ["rcap", "scatter"]
    assert any(r.value == 0 for r in graph.reflines) or 0.0 in graph.xlines


def test_mlabel_alone_labels_the_estimates(s):
    ok(s, "regress y x")
    graph = ok(s, "coefplot, mlabel drop(_cons)")
    marks = series(graph, "scatter")[0]
    assert marks.labels is not None and float(marks.labels[0]) == pytest.approx(marks.x[0], rel=1e-3)


def test_errors_leave_the_data(s):
    before = s.data.df.copy()
    line, rc = fails(s, "coefplot")
    assert rc == 301
    ok(s, "regress y x")
    assert fails(s, "coefplot, xyz") == ("option xyz not allowed", 198)
    assert fails(s, "coefplot nosuch")[1] == 111
    line, rc = fails(s, "coefplot, generate(1x)")
    assert rc == 198 and "invalid name" in line
    assert fails(s, "coefplot, levels(5)")[1] == 125
    pd_equal = before.equals(s.data.df)
    assert pd_equal


def test_subgraphs_are_panels_with_their_own_plot_numbers(s):
    ok(s, "regress y x\nestimates store m1\nregress y x z\nestimates store m2\nlogit h x z\nestimates store m3")
    graph = ok(s, "coefplot (m1) (m2), bylabel(Linear) || m3, drop(_cons) xline(0)")
    assert [p.title for p in graph.panels] == ["Linear", "m3"]
    first, second = graph.panels
    marks = [x for x in first.series if x.kind == "scatter"]
    np.testing.assert_allclose(marks[0].y, [1 - 0.5 + 1 / 3])                 # two plots: offsets
    np.testing.assert_allclose(marks[1].y, [1 - 0.5 + 2 / 3, 2 - 0.5 + 2 / 3])
    b3 = np.asarray(s.estimates["m3"].matrices["b"].values, float).ravel()
    (m3,) = [x for x in second.series if x.kind == "scatter" and len(x.x)]
    # coefplot.ado offsets every row once any position is taken twice (coefplot_at_unique), by
    # the plots' count over all subgraphs: m3 too
    np.testing.assert_allclose(m3.y, [1 - 0.5 + 1 / 3, 2 - 0.5 + 1 / 3])
    np.testing.assert_allclose(m3.x, b3[:2], rtol=1e-12)
    assert m3.style == marks[0].style                                         # numbered anew: p1
    assert legend_texts(figure(graph)) == ["m1", "m2"]
    graph = ok(s, "coefplot m1 || m2 ||, keep(x) bylabels(A B)")
    assert [p.title for p in graph.panels] == ["A", "B"]


def test_refusals_and_nothing_to_plot(s):
    ok(s, "regress y x z")
    assert fails(s, "coefplot, by(g)") == ("option by() not allowed", 198)
    assert fails(s, "coefplot, offset(abc)") == ("invalid offset(): abc", 198)
    assert fails(s, "coefplot, coeflabels(x)") == ("coeflabels(): invalid syntax", 198)
    assert fails(s, "coefplot, order(x 1:z)") == ("inconsistent order(): specify equations for all or for none", 198)
    n = len(s.graphs)
    out, rc = run(s, "coefplot, noci cionly")
    assert rc == 0 and out.strip() == "(nothing to plot)" and len(s.graphs) == n
    out, rc = run(s, "coefplot, keep(nosuch)")
    assert rc == 0 and "(.: no coefficients found, all dropped, or none kept)" in out


def test_recast_bar_is_turned_horizontal(s):
    ok(s, "regress y x z")
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    graph = ok(s, "coefplot, recast(bar) drop(_cons) noci")
    (bar,) = graph.panels[0].series
    assert bar.kind == "bar" and bar.horizontal                       # bars from 0 along x
    np.testing.assert_allclose(bar.x, [1, 2])
    np.testing.assert_allclose(bar.y, b[:2], rtol=1e-12)
