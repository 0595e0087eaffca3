"""fitplot()/ciplot() of lfitci, qfitci, fpfitci, lpolyci and recast() of scatteri set the type
of the view Stata has made (graphs.view_types: twoway_lfitci_parse.class log_edits,
yxtype-*.style/y2xtype-*.style, yxview's drawing programs), checked on the drawn figure."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, bars, drawn, figure, line_xy, make_session, run, segments


@pytest.fixture()
def s():
    return make_session()


def _fit_and_band(s, command="twoway lfitci y x"):
    graph, _ = drawn(s, command)
    band, fit = graph.panels[0].series
    return band, fit


def test_fitplot_dot_draws_the_fit_as_twoway_dot(s):
    band, fit = _fit_and_band(s)
    graph, fig = drawn(s, "twoway lfitci y x, fitplot(dot)")
    area, dots, points = graph.panels[0].series
    assert area.kind == "area" and dots.kind == points.kind == "scatter" and dots.legend is False
    x, y = line_xy(fig, "p1-s3-scatter")                      # the markers at the fitted values
    np.testing.assert_allclose(x, fit.x)
    np.testing.assert_allclose(y, fit.y)
    dx, dy = line_xy(fig, "p1-s2-scatter")                    # a column of dots at each x
    assert set(np.round(dx, 9)) == set(np.round(fit.x, 9)) and dx.size > 10 * fit.x.size
    assert dy.min() < fit.y.min() and dy.max() > fit.y.max()


@pytest.mark.parametrize("command", ["twoway lfitci y x, ciplot(line)", "twoway lfitci y x, ciplot(li)"])
def test_ciplot_line_draws_the_lower_limit_alone(s, command):
    """yxview_line_draw joins .xvar and .yvar: on the band's y2xview_g, the lower limit."""
    band, fit = _fit_and_band(s)
    graph, fig = drawn(s, command)
    lower, line = graph.panels[0].series
    assert lower.kind == "line" and lower.style == 0 and lower.label == "95% CI"
    (path,) = segments(fig, "p1-s1-line")
    np.testing.assert_allclose(path[:, 1], band.y)            # band.y: the lower limits
    assert not np.allclose(path[:, 1], band.y2)
    np.testing.assert_allclose(line.y, fit.y)


def test_ciplot_area_bar_and_spike_draw_the_lower_limit_from_the_base(s):
    band, _ = _fit_and_band(s, "twoway qfitci y x")
    graph, fig = drawn(s, "twoway qfitci y x, ciplot(area)")
    area = graph.panels[0].series[0]
    assert area.kind == "area" and area.style == 0
    np.testing.assert_allclose(area.y, 0.0)
    np.testing.assert_allclose(area.y2, band.y)
    graph, fig = drawn(s, "twoway qfitci y x, ciplot(bar)")
    rectangles = bars(fig, "p1-s1-bar")
    assert len(rectangles) == band.x.size
    heights = sorted(r.get_y() + r.get_height() for r in rectangles)
    np.testing.assert_allclose(heights, np.sort(band.y), atol=1e-9)
    assert all(abs(r.get_width() - 1.0) < 1e-9 for r in rectangles)
    graph, fig = drawn(s, "twoway qfitci y x, ciplot(dropline)")
    spikes, tops, fit = graph.panels[0].series
    assert spikes.kind == "rspike" and tops.kind == "scatter" and fit.kind == "line"
    x, y = line_xy(fig, "p1-s2-scatter")
    np.testing.assert_allclose(y, band.y)


def test_ciplot_dot_and_lpolyci_spike(s):
    graph, _ = drawn(s, "twoway lpolyci y x, bwidth(2)")
    band = graph.panels[0].series[0]
    graph, fig = drawn(s, "twoway lpolyci y x, bwidth(2) ciplot(spike)")
    spikes = graph.panels[0].series[0]
    assert spikes.kind == "rspike" and spikes.legend is True
    np.testing.assert_allclose(spikes.y2, band.y)
    graph, fig = drawn(s, "twoway lpolyci y x, bwidth(2) ciplot(dot)")
    x, y = line_xy(fig, "p1-s2-scatter")
    np.testing.assert_allclose(y, band.y)


@pytest.mark.parametrize("option, klass", [("fitplot(lfit)", "yxtype"), ("fitplot(rarea)", "yxtype"),
                                           ("fitplot(bogus)", "yxtype"), ("ciplot(lowess)", "y2xtype"),
                                           ("ciplot(pcspike)", "y2xtype")])
def test_a_type_the_view_class_does_not_have_keeps_its_line_with_statas_note(s, option, klass):
    """Not a named style of the view's type class: the note, and the view keeps its type,
    line (both views are made with lfit's viewtype line)."""
    band, fit = _fit_and_band(s)
    out, rc = run(s, f"twoway lfitci y x, {option}")
    word = option.split("(")[1].rstrip(")")
    assert rc == 0 and f"(note:  named style {word} not found in class {klass}, default attributes used)" in out
    fig = figure(s.graphs[-1])
    if klass == "yxtype":
        (path,) = segments(fig, "p1-s2-line")
        np.testing.assert_allclose(path[:, 1], fit.y)
    else:
        (path,) = segments(fig, "p1-s1-line")
        np.testing.assert_allclose(path[:, 1], band.y)


def test_abbreviations_of_the_type_classes_and_rbarm(s):
    _, fit = _fit_and_band(s)
    graph, fig = drawn(s, "twoway lfitci y x, fitplot(sc) ciplot(rsc)")
    kinds = [x.kind for x in graph.panels[0].series]
    assert kinds == ["scatter", "scatter", "scatter"]
    np.testing.assert_allclose(line_xy(fig, "p1-s3-scatter")[1], fit.y)
    graph, fig = drawn(s, "twoway fpfitci y x, fitplot(b)")
    assert graph.panels[0].series[-1].kind == "bar"
    graph, fig = drawn(s, "twoway lfitci y x, ciplot(rbarm)")  # the bars: tests/test_graphs_rbarm.py
    assert graph.panels[0].series[0].kind == "rbarm"


@pytest.mark.parametrize("kind", ["lfit", "qfitci", "function", "histogram", "kdensity", "lowess", "mspline"])
def test_scatteri_recast_to_a_computed_type_marks_the_points_with_statas_note(s, kind):
    """recast() is scatteri's view type; yxtype has no such style: the note, and yxview's class
    default scatter."""
    out, rc = run(s, f"twoway scatteri 1 2 3 4 5 6, recast({kind}) msymbol(D)")
    assert rc == 0 and f"(note:  named style {kind} not found in class yxtype, default attributes used)" in out
    fig = figure(s.graphs[-1])
    (series,) = s.graphs[-1].panels[0].series
    assert series.kind == "scatter"
    x, y = line_xy(fig, "p1-s1-scatter")
    np.testing.assert_allclose(x, [2, 4, 6])
    np.testing.assert_allclose(y, [1, 3, 5])
    assert artists(fig, "p1-s1-scatter")[0].get_marker() == "D"


def test_scatteri_recast_dot(s):
    graph, fig = drawn(s, "twoway scatteri 1 2 3 4, recast(dot)")
    dots, points = graph.panels[0].series
    dx, dy = line_xy(fig, "p1-s1-scatter")
    assert set(dx) == {2.0, 4.0} and dy.size > 20
    np.testing.assert_allclose(line_xy(fig, "p1-s2-scatter")[1], [1, 3])


def test_recast_dot_of_a_computed_curve_is_twoway_dot(s):
    """lfit's yxview takes recast() as its type (twoway_yxview_parse.class's recastas()): dot
    draws yxview_dot_draw's columns of dots and the markers at the fitted values."""
    _, fit = _fit_and_band(s)
    graph, fig = drawn(s, "twoway lfit y x, recast(dot)")
    dots, points = graph.panels[0].series
    assert dots.kind == points.kind == "scatter" and dots.legend is False
    x, y = line_xy(fig, "p1-s2-scatter")  # lfit's n(3) points, on lfitci's fitted line
    assert x.size == 3 and x.min() == pytest.approx(fit.x.min()) and x.max() == pytest.approx(fit.x.max())
    np.testing.assert_allclose(y, np.interp(x, fit.x, fit.y), rtol=1e-9)
    dx, _ = line_xy(fig, "p1-s1-scatter")
    assert set(np.round(dx, 9)) == set(np.round(x, 9)) and dx.size > 10 * x.size
