"""Each twoway plot type: the spec's numbers, and what matplotlib drew from them."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import (all_texts, artists, axes, bars, figure, legend_texts, line_xy,
                            make_session, run, segments)
from mlmcli.graphs import fits, smoothers


@pytest.fixture()
def s():
    return make_session()


def current(session):
    return session.graphs[-1]


def data(session, name):
    return session.data.numeric(name)


def test_scatter_draws_every_point(s):
    run(s, "scatter y x")
    fig = figure(current(s))
    x, y = line_xy(fig, "p1-s1-scatter")
    np.testing.assert_allclose(np.sort(x), np.sort(data(s, "x")))
    np.testing.assert_allclose(y, data(s, "y"))
    ax = axes(fig)
    assert ax.get_xlim()[0] <= x.min() and ax.get_xlim()[1] >= x.max()
    assert ax.get_ylabel() == "Outcome" and ax.get_xlabel() == "x"


def test_line_and_connected(s):
    run(s, "line y x, sort")
    fig = figure(current(s))
    (seg,) = segments(fig, "p1-s1-line")
    assert np.all(np.diff(seg[:, 0]) >= 0) and len(seg) == 60
    run(s, "twoway connected y x in 1/8, sort")
    graph = current(s)
    assert [x.kind for x in graph.panels[0].series] == ["connected"]
    fig = figure(graph)
    mx, my = line_xy(fig, "p1-s1-connected-markers")
    assert len(mx) == 8 and len(segments(fig, "p1-s1-connected")[0]) == 8


def test_area_fills_between_zero_and_y(s):
    run(s, "twoway area y x in 1/10, sort")
    series = current(s).panels[0].series[0]
    assert series.kind == "area" and np.all(series.y == 0)
    np.testing.assert_allclose(np.sort(series.y2), np.sort(data(s, "y")[:10]))
    fig = figure(current(s))
    (poly,) = artists(fig, "p1-s1-area")
    verts = poly.get_paths()[0].vertices
    assert verts[:, 1].min() == pytest.approx(min(0, data(s, "y")[:10].min()))
    assert verts[:, 1].max() == pytest.approx(max(0, data(s, "y")[:10].max()))


def test_bar_heights_and_width(s):
    run(s, "twoway bar y x in 1/5, barwidth(0.5)")
    fig = figure(current(s))
    rects = bars(fig, "p1-s1-bar")
    assert len(rects) == 5
    np.testing.assert_allclose(sorted(r.get_height() for r in rects), sorted(data(s, "y")[:5]))
    assert {round(r.get_width(), 6) for r in rects} == {0.5}
    run(s, "twoway bar y x in 1/5, horizontal base(1)")
    rects = bars(figure(current(s)), "p1-s1-bar")
    np.testing.assert_allclose(sorted(r.get_x() for r in rects), [1.0] * 5)
    np.testing.assert_allclose(sorted(r.get_width() + 1 for r in rects), sorted(data(s, "y")[:5]))


def test_range_plots(s):
    run(s, "gen lo = y - 1")
    run(s, "gen hi = y + 1")
    run(s, "twoway (rarea lo hi x in 1/6, sort) (rcap lo hi x in 1/6) (rspike lo hi x in 1/6) "
           "(rline lo hi x in 1/6, sort) (rscatter lo hi x in 1/6) (rconnected lo hi x in 1/6, sort) "
           "(rbar lo hi x in 1/6)")
    graph = current(s)
    kinds = [x.kind for x in graph.panels[0].series]
    assert kinds == ["area", "rcap", "rspike", "line", "line", "scatter", "scatter", "connected",
                     "connected", "bar"]
    fig = figure(graph)
    (spikes,) = artists(fig, "p1-s3-rspike")
    segs = spikes.get_segments()
    assert len(segs) == 6 and all(abs(seg[1][1] - seg[0][1] - 2) < 1e-6 for seg in segs)
    (caps,) = artists(fig, "p1-s2-rcap-caps")
    assert len(caps.get_xdata()) == 12
    rects = bars(fig, "p1-s10-bar")
    np.testing.assert_allclose([r.get_height() for r in rects], 2.0, atol=1e-5)
    # one legend key per plot (rline draws two lines, one key)
    assert len(graph.legend_entries()) == 7


def test_spike_and_dropline(s):
    run(s, "twoway spike y x in 1/4, base(2)")
    fig = figure(current(s))
    (coll,) = artists(fig, "p1-s1-rspike")
    assert all(seg[0][1] == 2 for seg in coll.get_segments())
    run(s, "twoway dropline y x in 1/4")
    kinds = [x.kind for x in current(s).panels[0].series]
    assert kinds == ["rspike", "scatter"]


def test_marker_labels_on_droplines_and_range_markers(s):
    """mlabel() labels dropline's markers and both ends of rcapsym/rscatter/rconnected."""
    for command, per_row in (("twoway dropline y x in 1/3, mlabel(g)", 1),
                             ("twoway rcapsym y z x in 1/3, mlabel(g)", 2),
                             ("twoway rscatter y z x in 1/3, mlabel(g)", 2),
                             ("twoway rconnected y z x in 1/3, sort mlabel(g)", 2)):
        run(s, command)
        texts = sorted(t.get_text() for t in axes(figure(current(s))).texts)
        assert texts == sorted(["low", "mid", "high"] * per_row), command
    run(s, "sort x")
    run(s, "twoway rscatter y z x in 1/3, mlabel(g) mlabvposition(g)")
    marked = [x for x in current(s).panels[0].series if x.labels]
    assert marked[0].label_positions == tuple(int(v) for v in data(s, "g")[:3])


def test_weighted_markers_area_proportional_to_the_weight(s, tmp_path):
    run(s, "scatter y x [aw=z], msymbol(Oh)")
    graph = current(s)
    series = graph.panels[0].series[0]
    z = data(s, "z")
    np.testing.assert_allclose(series.marker_scales, np.sqrt(z / z.mean()))
    (points,) = artists(figure(graph), "p1-s1-scatter")
    areas = np.asarray(points.get_sizes())
    np.testing.assert_allclose(areas / areas.mean(), z / z.mean())  # area proportional to weight
    np.testing.assert_allclose(points.get_offsets()[:, 0], data(s, "x"))
    run(s, f"graph save {tmp_path / 'w.gph'}")
    run(s, f"graph use {tmp_path / 'w.gph'}")
    np.testing.assert_allclose(current(s).panels[0].series[0].marker_scales, series.marker_scales)
    run(s, "twoway connected y x [fw=w] in 1/6, sort")
    assert current(s).panels[0].series[0].marker_scales is not None
    for command, rc in (("scatter y x [iw=z]", 101), ("twoway line y x [iw=z]", 101)):
        assert run(s, command, stop_on_error=False)[1] == rc


def test_scatteri_immediate_points_labels_and_recast(s):
    run(s, 'twoway (scatter y x) (scatteri 25 5 (9) "Peak" 20 20 "B" 3 4, mcolor(red))')
    graph = current(s)
    points = graph.panels[0].series[1]
    np.testing.assert_allclose(points.x, [5, 20, 4])
    np.testing.assert_allclose(points.y, [25, 20, 3])
    assert points.labels == ("Peak", "B", "") and points.label_positions == (9, 3, 3)
    assert points.color == "#ff0000" and graph.xtitle == "x" and graph.ytitle == "Outcome"
    fig = figure(graph)
    assert sorted(t.get_text() for t in axes(fig).texts if t.get_text()) == ["B", "Peak"]
    run(s, "twoway (scatteri 0 5 0 10 20 10 20 5, bcolor(gs14) recast(area)) (scatteri 8 1 8 9, c(l) msym(none))")
    area, line = current(s).panels[0].series
    from mlmcli.graphs import style

    assert area.kind == "area" and list(area.y2) == [0, 0, 20, 20] and area.color == style.NAMED_COLORS["gs14"]
    assert line.kind == "connected" and list(line.x) == [1, 9]
    run(s, "twoway scatteri 1 2 3 4, recast(line) lpattern(dash)")
    (seg,) = current(s).panels[0].series
    assert seg.kind == "line" and seg.pattern == "dash"
    for command, rc in (("twoway scatteri 1 2 3", 198), ("twoway scatteri 1 2 3 4, recast(rarea)", 102),
                        ("twoway scatteri 1 2, mlabel(y)", 198), ("twoway scatteri 1 2 if x > 3", 198),
                        ("twoway scatteri", 198), ('twoway scatteri "a" 1 2', 198)):
        assert run(s, command, stop_on_error=False)[1] == rc, command


def test_function_evaluates_the_expression_over_the_range(s):
    run(s, "scalar k = 2")
    run(s, "twoway function y = k*x^2 + 1, range(-1 2) n(31)")
    series = current(s).panels[0].series[0]
    np.testing.assert_allclose(series.x, np.linspace(-1, 2, 31))
    np.testing.assert_allclose(series.y, 2 * np.linspace(-1, 2, 31) ** 2 + 1)
    assert current(s).xtitle == "x" and current(s).ytitle == "y"
    fig = figure(current(s))
    (seg,) = segments(fig, "p1-s1-line")
    assert len(seg) == 31
    run(s, "twoway function normalden(t), range(y) x(t)")
    series = current(s).panels[0].series[0]
    assert series.x[0] == pytest.approx(data(s, "y").min()) and len(series.x) == 300
    assert current(s).xtitle == "t"
    _, rc = run(s, "twoway function y = nosuchfn(x)", stop_on_error=False)
    assert rc != 0


def test_function_with_dropline_and_horizontal(s):
    run(s, "twoway function y = x, range(0 1) dropline(0.5) horizontal")
    kinds = [x.kind for x in current(s).panels[0].series]
    assert kinds == ["line", "rspike"]
    line = current(s).panels[0].series[0]
    np.testing.assert_allclose(line.x, line.y)


def test_twoway_histogram_and_kdensity(s):
    run(s, "twoway histogram y, bin(6) frequency || kdensity y, n(40) bwidth(.9)")
    graph = current(s)
    hist, kde = graph.panels[0].series
    assert hist.kind == "bar" and hist.y.sum() == 60 and len(hist.x) <= 6
    assert kde.label == "kdensity y" and len(kde.x) == 40
    y = data(s, "y")
    np.testing.assert_allclose(kde.y, smoothers.kernel_density(y, kde.x, 0.9))
    assert kde.x[0] == pytest.approx(y.min()) and kde.x[-1] == pytest.approx(y.max())
    fig = figure(graph)
    assert len(bars(fig, "p1-s1-bar")) == len(hist.x)
    assert graph.ytitle == "Frequency/kdensity y"


def test_histogram_plot_style_replaces_the_histogram_colour(s):
    from matplotlib.colors import to_hex

    from mlmcli.graphs import style

    for command in ("twoway histogram y", "histogram y"):
        run(s, command)
        assert to_hex(bars(figure(current(s)), "p1-s1-bar")[0].get_facecolor()) == style.NAMED_COLORS["khaki"]
    for command in ("twoway histogram y, pstyle(p2)", "histogram y, bstyle(p3) color(*.5)"):
        run(s, command)
        p = 2 if "p2" in command else 3
        want = style.series_color(p, "s2color") if p == 2 else style.intensity(style.series_color(3, "s2color"), .5)
        assert to_hex(bars(figure(current(s)), "p1-s1-bar")[0].get_facecolor()) == want, command


def test_lowess_plot_is_statas_smooth(s):
    run(s, "twoway lowess y x, bwidth(.5)")
    series = current(s).panels[0].series[0]
    x, y = data(s, "x"), data(s, "y")
    order = np.argsort(x, kind="stable")
    np.testing.assert_allclose(series.y, smoothers.lowess(y, x, 0.5)[order])
    assert series.label == "lowess y x"


def test_qfit_and_qfitci(s):
    run(s, "twoway qfitci y x, level(90) || qfit y x")
    area, line, qline = current(s).panels[0].series
    x, y = data(s, "x"), data(s, "y")
    fit = fits.polynomial_fit(y, x, area.x, 2, "stdp", 90)
    np.testing.assert_allclose(area.y, fit.lower)
    np.testing.assert_allclose(line.y, fit.fit)
    assert area.label == "90% CI" and qline.label == "Fitted values"
    # Stata keys both fitted lines (two plots): the CI band, the qfitci line, the qfit line
    assert [e[1] for e in current(s).legend_entries()] == ["90% CI", "Fitted values", "Fitted values"]


def test_fitci_band_fintensity(s):
    from mlmcli.graphs import style

    run(s, "twoway lfitci y x, fintensity(30)")
    band = current(s).panels[0].series[0]
    assert band.color == style.intensity(style.scheme("s2color").ci_area, .3)
    run(s, "twoway lfitci y x, fcolor(red) fintensity(inten50)")
    assert current(s).panels[0].series[0].color == style.intensity(style.NAMED_COLORS["red"], .5)


def test_weighted_fits_are_regress_weighted_least_squares(s):
    """[fw=w] is the fit of the data with each row repeated w times; [aw=w] has the same line,
    its band from weights scaled to sum to n (so scaling the weights changes nothing)."""
    x, y, w = data(s, "x"), data(s, "y"), data(s, "w").astype(int)
    at = fits.eval_points(x, 100)
    expanded = fits.linear_fit(np.repeat(y, w), np.repeat(x, w), at, "stdp")
    weighted = fits.linear_fit(y, x, at, "stdp", w=w.astype(float), frequency=True)
    np.testing.assert_allclose(weighted.fit, expanded.fit)
    np.testing.assert_allclose(weighted.lower, expanded.lower)
    quad_expanded = fits.polynomial_fit(np.repeat(y, w), np.repeat(x, w), at, 2, "stdf", 90)
    quad = fits.polynomial_fit(y, x, at, 2, "stdf", 90, w=w.astype(float), frequency=True)
    np.testing.assert_allclose(quad.upper, quad_expanded.upper)
    a1 = fits.linear_fit(y, x, at, "stdp", w=w.astype(float))
    a2 = fits.linear_fit(y, x, at, "stdp", w=10.0 * w)
    np.testing.assert_allclose(a1.fit, expanded.fit)
    np.testing.assert_allclose(a1.upper, a2.upper)
    assert not np.allclose(a1.upper, expanded.upper)  # n, not sum(w), observations
    X = np.column_stack([np.ones_like(x), x])
    wn = w * len(w) / w.sum()
    V = np.linalg.inv(X.T @ (wn[:, None] * X))
    e = y - X @ (V @ X.T @ (wn * y))
    s2 = wn @ e ** 2 / (len(y) - 2)
    from scipy.stats import t
    stdp = np.sqrt(s2 * np.einsum("ij,jk,ik->i", np.column_stack([np.ones_like(at), at]), V,
                                  np.column_stack([np.ones_like(at), at])))
    np.testing.assert_allclose(a1.upper - a1.fit, t.ppf(.975, len(y) - 2) * stdp)
    run(s, "twoway lfitci y x [aw=w] || qfit y x [fw=w] || lfit y x [pw=w]")
    band, line, quadline, pline = current(s).panels[0].series
    np.testing.assert_allclose(line.y, a1.fit)
    np.testing.assert_allclose(band.y2, a1.upper)
    np.testing.assert_allclose(pline.y, fits.linear_fit(y, x, pline.x, w=w.astype(float)).fit)
    assert not np.allclose(pline.y, fits.linear_fit(y, x, pline.x).fit)
    assert run(s, "twoway lfitci y x [pw=w]", stop_on_error=False)[1] == 101


def test_lfit_unchanged(s):
    run(s, "twoway lfit y x")
    series = current(s).panels[0].series[0]
    assert len(series.x) == 3
    fit = fits.linear_fit(data(s, "y"), data(s, "x"), series.x)
    np.testing.assert_allclose(series.y, fit.fit)


def test_lpoly_plot(s):
    run(s, "twoway lpoly y x, degree(1) bwidth(2) n(25)")
    series = current(s).panels[0].series[0]
    x, y = data(s, "x"), data(s, "y")
    np.testing.assert_allclose(series.y, smoothers.local_polynomial(y, x, series.x, 2.0, 1))
    assert len(series.x) == 25


def test_lpolyci_plot_band_fit_and_options(s):
    """``twoway lpolyci``: the band m -/+ z se (pilot 1.5 x rule of thumb) in the CI style under
    the smooth; ``ciplot()``, ``nofit``, ``pwidth()``, ``var()`` change it."""
    from scipy.stats import norm

    run(s, "twoway lpolyci y x, degree(1) bwidth(2) n(20) level(90) || scatter y x")
    band, line, points = current(s).panels[0].series
    x, y = data(s, "x"), data(s, "y")
    pilot = 1.5 * smoothers.rot_bandwidth(y, x, 1)
    fit = smoothers.local_polynomial(y, x, band.x, 2.0, 1)
    se = np.sqrt(smoothers.local_polynomial_variance(y, x, band.x, 2.0, 1, "epanechnikov", pilot))
    np.testing.assert_allclose(band.y, fit - norm.ppf(.95) * se, rtol=1e-9)
    np.testing.assert_allclose(band.y2, fit + norm.ppf(.95) * se, rtol=1e-9)
    np.testing.assert_allclose(line.y, fit, rtol=1e-9)
    assert (band.kind, band.style, line.style, points.style) == ("area", 0, 1, 2)
    fig = figure(current(s))
    assert legend_texts(fig) == ["90% CI", "lpoly smooth", "Outcome"]
    (drawn,) = segments(fig, "p1-s2-line")
    np.testing.assert_allclose(drawn[:, 1], fit, rtol=1e-9)
    run(s, "twoway lpolyci y x, bwidth(2) n(10) ciplot(rline) nofit pwidth(3) var(.5)")
    lower, upper = current(s).panels[0].series
    fit0 = smoothers.local_polynomial(y, x, lower.x, 2.0, 0)
    se0 = np.sqrt(smoothers.local_polynomial_variance(y, x, lower.x, 2.0, 0, "epanechnikov", 3, .5))
    np.testing.assert_allclose(upper.y, fit0 + norm.ppf(.975) * se0, rtol=1e-9)
    assert lower.kind == upper.kind == "line" and len(lower.x) == 10


def test_overlays_with_parentheses_and_bars_mix(s):
    run(s, "twoway (scatter y x) (lfit y x) || lowess y x || (function y = 2, range(x)), legend(rows(1))")
    graph = current(s)
    assert [x.kind for x in graph.panels[0].series] == ["scatter", "line", "line", "line"]
    assert [x.style for x in graph.panels[0].series] == [1, 2, 3, 4]
    fig = figure(graph)
    assert legend_texts(fig) == ["Outcome", "Fitted values", "lowess y x", "y"]


def test_by_panels_for_new_types(s):
    run(s, "twoway histogram y, by(g) || kdensity y")
    graph = current(s)
    assert [p.title for p in graph.panels] == ["low", "mid", "high"]
    fig = figure(graph)
    assert {ax.get_gid() for ax in fig.axes if ax.get_visible()} >= {"panel1", "panel2", "panel3"}
    assert "Graphs by g" in all_texts(fig)


def test_unknown_plot_types_are_refused(s):
    out, rc = run(s, "twoway splot y x", stop_on_error=False)
    assert rc == 198 and "splot is not a twoway plot type" in out


def test_variable_counts_are_checked(s):
    for text, rc in (("twoway area y", 102), ("twoway rcap y x", 102), ("twoway rcap y x z g", 103),
                     ("twoway histogram y x", 103), ("twoway lowess y x z", 103)):
        assert run(s, text, stop_on_error=False)[1] == rc, text
