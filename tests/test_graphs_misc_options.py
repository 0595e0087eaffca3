"""Options of issue 14's sixth round that were refused: ``by(, style(stata7))``, the legend
frame's ``region(lwidth() lpattern() lalign() ilalign())``, ``lfitci``/``qfitci`` with
``estopts(vce())`` and ``predopts()``, ``kdensity``'s ``recast()`` and ``horizontal``."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, drawn, legend_texts, make_session, run, subfigures


@pytest.fixture
def s():
    return make_session()


def _legend(fig):
    found = [leg for holder in subfigures(fig) for leg in getattr(holder, "legends", [])]
    found += [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    (legend,) = found
    return legend


def test_legend_frame_width_pattern_and_alignment(s):
    two = "twoway (scatter y x) (scatter z x), "
    _, plain = drawn(s, two + "legend(on)")
    frame = _legend(plain).get_frame()
    _, fig = drawn(s, two + "legend(region(lwidth(thick) lpattern(dash)))")
    thick = _legend(fig).get_frame()
    assert thick.get_linewidth() > frame.get_linewidth()
    assert thick.get_linestyle() != frame.get_linestyle() and frame.get_linestyle() == "solid"
    widths = {}
    for align in ("center", "outside", "inside"):
        _, fig = drawn(s, two + f"legend(region(lwidth(vthick) lalign({align})))")
        legend = _legend(fig)
        widths[align] = legend.get_frame().get_window_extent().width
        keys = legend.get_window_extent().width  # the legend's own box does not move
        lw = fig.dpi / 72 * legend.get_frame().get_linewidth()
    assert widths["center"] == pytest.approx(keys)
    assert widths["outside"] == pytest.approx(keys + lw)  # half the stroke out on each side
    assert widths["inside"] == pytest.approx(keys - lw)
    _, fig = drawn(s, two + "legend(region(lwidth(vthick) ilalign(inside)))")
    assert _legend(fig).get_frame().get_window_extent().width == pytest.approx(widths["inside"])


def _hc1_and_cluster(x, y, groups=None):
    """OLS of y on (x, 1) and its robust (HC1) or cluster sandwich, written out here."""
    X = np.column_stack([x, np.ones_like(x)])
    n, k = X.shape
    bread = np.linalg.inv(X.T @ X)
    b = bread @ X.T @ y
    e = y - X @ b
    if groups is None:
        meat = (X * e[:, None] ** 2).T @ X
        return b, n / (n - k) * bread @ meat @ bread, n - k
    labels = np.unique(groups)
    U = np.array([(X[groups == g] * e[groups == g, None]).sum(axis=0) for g in labels])
    G = len(labels)
    return b, G / (G - 1) * (n - 1) / (n - k) * bread @ (U.T @ U) @ bread, G - 1


@pytest.mark.parametrize("estopts, groups", [("vce(robust)", None), ("robust", None),
                                             ("vce(cluster g)", "g"), ("cluster(h)", "h")])
def test_lfitci_band_from_the_robust_and_cluster_vce(s, estopts, groups):
    from scipy.stats import t as student_t

    graph, fig = drawn(s, f"twoway lfitci y x, n(9) estopts({estopts})")
    band, line = graph.panels[0].series
    x, y = s.data.numeric("x"), s.data.numeric("y")
    b, V, df = _hc1_and_cluster(x, y, None if groups is None else s.data.numeric(groups))
    X0 = np.column_stack([line.x, np.ones_like(line.x)])
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    q = student_t.ppf(.975, df)
    np.testing.assert_allclose(line.y, X0 @ b, rtol=1e-10)
    np.testing.assert_allclose(band.y, X0 @ b - q * se, rtol=1e-10)
    np.testing.assert_allclose(band.y2, X0 @ b + q * se, rtol=1e-10)
    (area,) = artists(fig, "p1-s1-area")  # the band drawn is that band
    verts = np.concatenate([p.vertices for p in area.get_paths()])
    assert verts[:, 1].max() == pytest.approx((X0 @ b + q * se).max())
    plain, _ = drawn(s, "twoway lfitci y x, n(9)")
    assert not np.allclose(plain.panels[0].series[0].y2, band.y2)  # not OLS's band


def test_lfitci_cluster_band_matches_regress_and_predict(s):
    """The same VCE as ``regress, vce(cluster)`` then ``predict, stdp`` at the observations."""
    from scipy.stats import t as student_t

    graph, _ = drawn(s, "twoway lfitci y x, atobs estopts(vce(cluster g)) level(90)")
    band, line = graph.panels[0].series
    run(s, "quietly regress y x, vce(cluster g)\npredict double sp, stdp\npredict double fx, xb")
    order = np.argsort(s.data.numeric("x"), kind="stable")
    sp, fx = s.data.numeric("sp")[order], s.data.numeric("fx")[order]
    q = student_t.ppf(.95, 2)  # three clusters: e(df_r) = 2
    np.testing.assert_allclose(line.y, fx, rtol=1e-9)
    np.testing.assert_allclose(band.y2 - line.y, q * sp, rtol=1e-9)


def test_qfitci_robust_band(s):
    from scipy.stats import t as student_t

    graph, _ = drawn(s, "twoway qfitci y x, n(5) estopts(vce(robust))")
    band, line = graph.panels[0].series
    x, y = s.data.numeric("x"), s.data.numeric("y")
    X = np.column_stack([x, x ** 2, np.ones_like(x)])
    bread = np.linalg.inv(X.T @ X)
    b = bread @ X.T @ y
    e = y - X @ b
    V = len(x) / (len(x) - 3) * bread @ ((X * e[:, None] ** 2).T @ X) @ bread
    X0 = np.column_stack([line.x, line.x ** 2, np.ones_like(line.x)])
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose(line.y, X0 @ b, rtol=1e-9)
    np.testing.assert_allclose(band.y2 - line.y, student_t.ppf(.975, len(x) - 3) * se, rtol=1e-8)


def test_robust_fits_refuse_what_regress_and_predict_refuse(s):
    for command, message in (
            ("twoway lfitci y x, stdf estopts(vce(robust))", "option stdf not allowed after robust estimation"),
            ("twoway lfit y x, predopts(stdr) estopts(robust)", "option stdr not allowed after robust estimation"),
            ("twoway lfitci y x, estopts(vce(bogus))", "vcetype 'bogus' not allowed"),
            ("twoway lfit y x, predopts(hat) estopts(robust)", "option hat not allowed after robust estimation"),
            ("twoway lfit y x, predopts(pr(0,1)) estopts(vce(cluster g))",
             "option pr() not allowed after robust estimation"),
            ("twoway lfitci y x, stdf estopts(vce(jackknife))", "option stdf not allowed after jackknife estimation"),
            ("twoway lfit y x, predopts(rstandard) estopts(vce(bootstrap, reps(5)))",
             "option rstandard not allowed after bootstrap estimation"),
            ("twoway lfit y x, predopts(pr(4,2))", "b must be >= a"),
            ("twoway lfit y x, predopts(bogus)", "option bogus not allowed")):
        out, rc = run(s, command, stop_on_error=False)
        assert rc == 198 and message in out, (command, out)


def test_predopts_statistics_at_the_fit_points(s):
    from scipy.stats import norm

    graph, _ = drawn(s, "twoway lfit y x, n(6)")
    (xb,) = graph.panels[0].series
    x, y = s.data.numeric("x"), s.data.numeric("y")
    X = np.column_stack([x, np.ones_like(x)])
    resid = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    sd = np.sqrt(resid @ resid / (len(y) - 2))
    X0 = np.column_stack([xb.x, np.ones_like(xb.x)])
    h = np.einsum("ij,jk,ik->i", X0, np.linalg.inv(X.T @ X), X0)
    expected = {
        "stdp": (sd * np.sqrt(h), "S.E. of the prediction"),
        "stdf": (sd * np.sqrt(1 + h), "S.E. of the forecast"),
        "hat": (h, "Leverage"),
        "xb": (xb.y, "Linear prediction"),
        "pr(2,4)": (norm.cdf((4 - xb.y) / sd) - norm.cdf((2 - xb.y) / sd), "Pr(2<y<4)"),
        "pr(.,3)": (norm.cdf((3 - xb.y) / sd), "Pr(y<3)"),
    }
    for predopts, (values, label) in expected.items():
        graph, fig = drawn(s, f"twoway lfit y x, n(6) predopts({predopts}) legend(on)")
        (line,) = graph.panels[0].series
        np.testing.assert_allclose(line.y, values, rtol=1e-9, err_msg=predopts)
        assert legend_texts(fig) == [label]
    # e(a,b): the mean of y truncated to (a, b); ystar(a,b): y censored at a and b
    from scipy.stats import truncnorm

    graph, fig = drawn(s, "twoway lfit y x, n(6) predopts(e(0,3)) legend(on)")
    a, b = (0 - xb.y) / sd, (3 - xb.y) / sd
    np.testing.assert_allclose(graph.panels[0].series[0].y, truncnorm.mean(a, b, loc=xb.y, scale=sd), rtol=1e-8)
    assert legend_texts(fig) == ["E(y|0<y<3)"]
    graph, fig = drawn(s, "twoway lfit y x, n(6) predopts(ystar(0,.)) legend(on)")
    grid = np.linspace(-10, 20, 200001)
    for mu, got in zip(xb.y, graph.panels[0].series[0].y):
        density = norm.pdf(grid, mu, sd)
        assert got == pytest.approx(np.trapezoid(np.maximum(grid, 0) * density, grid), abs=1e-6)
    assert legend_texts(fig) == ["E(y*|y>0)"]
    graph, _ = drawn(s, "twoway lfitci y x, n(6) predopts(stdp)")  # the band is around the statistic
    band, line = graph.panels[0].series
    np.testing.assert_allclose((band.y + band.y2) / 2, line.y, rtol=1e-9)


def _polygon(fig, gid):
    (area,) = artists(fig, gid)
    return np.concatenate([p.vertices for p in area.get_paths()])


def test_kdensity_recast_draws_the_estimate_as_another_plot_type(s):
    plain, _ = drawn(s, "kdensity y")
    (estimate,) = plain.panels[0].series
    graph, fig = drawn(s, "kdensity y, recast(area) fcolor(red)")
    (area,) = graph.panels[0].series
    assert area.kind == "area" and area.label == "Kernel density estimate"
    np.testing.assert_allclose(area.x, estimate.x)
    np.testing.assert_allclose(area.y2, estimate.y)
    vertices = _polygon(fig, "p1-s1-area")
    assert vertices[:, 1].max() == pytest.approx(estimate.y.max())
    assert vertices[:, 1].min() == pytest.approx(0.0)  # filled down to the base
    assert graph.ytitle == "Density" and graph.title == "Kernel density estimate"
    graph, fig = drawn(s, "kdensity y, recast(connected) msymbol(D) n(12)")
    (markers,) = artists(fig, "p1-s1-connected-markers")
    assert markers.get_marker() == "D" and len(markers.get_xdata()) == 12
    graph, _ = drawn(s, "kdensity y, recast(connected) mlabel(g) n(5)")  # the data's rows 1..n
    assert graph.panels[0].series[0].labels == ("low", "mid", "high", "low", "mid")


def test_kdensity_horizontal_with_a_type_that_turns(s):
    plain, _ = drawn(s, "kdensity y")
    (estimate,) = plain.panels[0].series
    graph, fig = drawn(s, "kdensity y, recast(area) horizontal")
    vertices = _polygon(fig, "p1-s1-area")
    assert vertices[:, 0].max() == pytest.approx(estimate.y.max())  # the density along x
    assert vertices[:, 1].min() == pytest.approx(estimate.x.min())  # the points along y
    assert vertices[:, 1].max() == pytest.approx(estimate.x.max())
    from graphs_helpers import axes

    ax = axes(fig)
    assert ax.get_xlim()[1] >= estimate.y.max() and ax.get_ylim()[0] <= estimate.x.min()
    for command, message in (("kdensity y, horizontal", "option horizontal not allowed"),
                             ("kdensity y, stopts(lcolor(red))", "option student() is required by stopts() option"),
                             ("kdensity y, student(0) stopts(lcolor(red))",
                              "option student() is required by stopts() option"),
                             ("kdensity y, recast(rarea)", "too few variables specified")):
        out, rc = run(s, command, stop_on_error=False)
        assert rc != 0 and message in out, (command, out)


def test_cmissing_n_breaks_a_line_at_each_missing_y(s):
    from graphs_helpers import segments

    run(s, "generate ym = y if mod(_n, 7)")
    order = np.argsort(s.data.numeric("x"), kind="stable")
    ym = s.data.numeric("ym")[order]
    runs = [r for r in np.split(ym, np.flatnonzero(np.isnan(ym))) if np.isfinite(r).any()]
    _, fig = drawn(s, "line ym x, sort cmissing(n)")
    pieces = segments(fig, "p1-s1-line")
    assert len(pieces) == len(runs)  # one polyline between two missing values
    np.testing.assert_allclose(sorted(len(p) for p in pieces), sorted(np.isfinite(r).sum() for r in runs))
    _, fig = drawn(s, "line ym x, sort")  # cmissing(y), the default: through the gaps
    assert len(segments(fig, "p1-s1-line")) == 1
    _, fig = drawn(s, "line ym y x, sort cmissing(y n)")  # one word per y variable
    assert len(segments(fig, "p1-s1-line")) == 1
    _, fig = drawn(s, "line ym x, sort connect(stairstep) cmissing(n)")
    assert len(segments(fig, "p1-s1-line")) == len(runs)


def test_legend_textwidth_forcesize_keeps_the_typed_width(s):
    two = "twoway (scatter y x) (scatter z x), "
    _, plain = drawn(s, two + "legend(on)")
    graph, loose = drawn(s, two + "legend(textwidth(30))")  # fitted to the texts: as drawn
    assert _legend(loose).get_window_extent().width == pytest.approx(_legend(plain).get_window_extent().width)
    graph, fig = drawn(s, two + "legend(textwidth(30) forcesize)")
    legend = _legend(fig)
    room = graph.legend_look.textwidth * fig.dpi / 72
    texts = sorted(t.get_window_extent().x0 for t in legend.get_texts())
    assert texts[1] - texts[0] >= room  # the second key starts after the first's whole text area
    assert legend.get_window_extent().width >= 2 * room
    _, right = drawn(s, two + "legend(textwidth(30) forcesize justification(right))")
    first = min(t.get_window_extent().x0 for t in _legend(right).get_texts())
    assert first > texts[0] + room / 2  # a short text moved to the right of its area


def test_color_opacity_is_drawn(s):
    """Stata 15's ``color%#``: the colour at # percent opacity (``%#`` alone: the default
    colour's); it was read and dropped."""
    from matplotlib.colors import to_rgba

    _, fig = drawn(s, "scatter y x, mcolor(red%50)")
    (markers,) = artists(fig, "p1-s1-scatter")
    assert to_rgba(markers.get_markerfacecolor()) == pytest.approx((1.0, 0.0, 0.0, 128 / 255))
    _, plain = drawn(s, "scatter y x")
    (opaque,) = artists(plain, "p1-s1-scatter")
    _, fig = drawn(s, "scatter y x, mcolor(%30)")
    (markers,) = artists(fig, "p1-s1-scatter")
    assert to_rgba(markers.get_markerfacecolor())[:3] == pytest.approx(to_rgba(opaque.get_markerfacecolor())[:3])
    assert to_rgba(markers.get_markerfacecolor())[3] == pytest.approx(round(255 * .3) / 255)
    assert to_rgba(opaque.get_markerfacecolor())[3] == 1.0
    _, fig = drawn(s, "line y x, sort lcolor(navy%40)")
    (line,) = artists(fig, "p1-s1-line")
    assert line.get_colors()[0][3] == pytest.approx(round(255 * .4) / 255)
    _, fig = drawn(s, "twoway bar y x, color(red%50)")
    assert all(bar.get_facecolor()[3] == pytest.approx(128 / 255) for bar in
               [a for a in artists(fig, "p1-s1-bar") if hasattr(a, "get_facecolor")])
    out, rc = run(s, "scatter y x, mcolor(red%abc)")
    assert rc == 0 and "named style red%abc not found in class color" in out


def test_axis_label_minmax(s):
    from graphs_helpers import axes, tick_texts

    y, x = s.data.numeric("y"), s.data.numeric("x")
    _, fig = drawn(s, "scatter y x, ylabel(minmax)")
    ax = axes(fig)
    np.testing.assert_allclose(ax.yaxis.get_majorticklocs(), [y.min(), y.max()])
    assert tick_texts(ax, "y") == ["-1.871", "5.069"]
    _, fig = drawn(s, "scatter y x, xlabel(minmax, format(%4.1f)) ylabel(0 minmax)")
    ax = axes(fig)
    np.testing.assert_allclose(ax.xaxis.get_majorticklocs(), [x.min(), x.max()])
    assert tick_texts(ax, "x") == [f"{x.min():4.1f}".strip(), f"{x.max():4.1f}".strip()]
    np.testing.assert_allclose(ax.yaxis.get_majorticklocs(), [y.min(), 0.0, y.max()])


def test_axis_range_with_a_missing_bound(s):
    """``yscale(range(0 .))``: a missing value asks nothing of that end (it was r(121))."""
    from graphs_helpers import axes

    _, plain = drawn(s, "scatter y x, ylabel(0 2 4)")  # labels inside the data: its own top
    top = axes(plain).get_ylim()[1]
    _, fig = drawn(s, "scatter y x, yscale(range(-5 .)) ylabel(0 2 4)")
    assert axes(fig).get_ylim() == pytest.approx((-5.0, top))
    _, fig = drawn(s, "scatter y x, ysc(r(. 20))")
    assert axes(fig).get_ylim()[1] == pytest.approx(20.0)


def test_recast_of_a_computed_plot_draws_its_curve(s):
    """``twoway kdensity v, recast(area)``, ``lfit y x, recast(scatter)``: the computed curve
    as that type (it redrew the raw variables, or failed for want of them)."""
    plain, _ = drawn(s, "twoway kdensity y")
    (density,) = plain.panels[0].series
    graph, fig = drawn(s, "twoway kdensity y, recast(area) color(%30)")
    (area,) = graph.panels[0].series
    np.testing.assert_allclose(area.x, density.x)
    np.testing.assert_allclose(area.y2, density.y)
    vertices = _polygon(fig, "p1-s1-area")
    assert vertices[:, 1].max() == pytest.approx(density.y.max())
    assert artists(fig, "p1-s1-area")[0].get_facecolor()[0][3] == pytest.approx(round(255 * .3) / 255)
    graph, _ = drawn(s, "twoway kdensity y, recast(area) horizontal")
    (area,) = graph.panels[0].series
    assert area.horizontal and np.allclose(area.y2, density.y)
    fit, _ = drawn(s, "twoway lfit y x")
    graph, fig = drawn(s, "twoway lfit y x, recast(scatter) msymbol(D)")
    (markers,) = artists(fig, "p1-s1-scatter")
    np.testing.assert_allclose(markers.get_ydata(), fit.panels[0].series[0].y)  # the fitted points
    assert markers.get_marker() == "D"
    graph, _ = drawn(s, "twoway (kdensity y, recast(area)) (kdensity z, recast(area))")
    assert [a.style for a in graph.panels[0].series] == [1, 2]
    graph, _ = drawn(s, "twoway function y = x^2, range(0 2) recast(bar) barwidth(.1)")
    assert graph.panels[0].series[0].kind == "bar" and graph.panels[0].series[0].width == pytest.approx(.1)
    out, rc = run(s, "twoway kdensity y, recast(rarea)")
    assert rc == 102 and "too few variables specified" in out


def test_lowess_takes_the_scatters_connect_options(s):
    """``lowess y x, lcolor() connect(l)``: lowess.ado types its options on the scatter, so
    the connect options are the scatter's (``lcolor()`` alone was r(198))."""
    from matplotlib.colors import to_hex

    graph, fig = drawn(s, "lowess y x, connect(l) sort lcolor(red)")
    scatter, smooth = graph.panels[0].series
    assert scatter.kind == "connected" and scatter.line_color == "#ff0000"
    (line,) = artists(fig, "p1-s1-connected")
    assert to_hex(line.get_colors()[0]) == "#ff0000"
    graph, _ = drawn(s, "lowess y x, lcolor(red)")  # no connect(): as in Stata, no line to colour
    assert [x.kind for x in graph.panels[0].series] == ["scatter", "line"]
