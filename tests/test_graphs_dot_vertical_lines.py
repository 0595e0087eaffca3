"""graph dot, vertical with the category lines' own options (rf43): ndots()/dots(), lines(),
linetype(line|rectangle), rwidth()/rectangles(), noextendline, lowextension()/highextension() --
the horizontal chart's lines stood upright (bargraph_g.class makegraph: "dots default horiz"
unless vertical; the lines belong to the category axis whichever way it runs) -- read back from
the drawn figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, axes, drawn, make_session, tick_texts
from mlmcli.graphs import style
from mlmcli.graphs.look_options import UNIT_PT


@pytest.fixture()
def s():
    return make_session(n=90)


def _centres_x(ax, values):
    return ax.transData.transform(np.column_stack([values, np.zeros(len(values))]))[:, 0]


def test_vertical_ndots_and_dots_run_up_each_category(s):
    graph, fig = drawn(s, "graph dot (mean) y, over(g) vertical ndots(20) dots(msymbol(O) mcolor(red))")
    ax = axes(fig)
    assert tick_texts(ax, "x") == ["low", "mid", "high"]
    (dots,) = artists(fig, "category-dots")
    xs, ys = np.asarray(dots.get_xdata()), np.asarray(dots.get_ydata())
    assert len(xs) == 60 and sorted(set(xs)) == sorted(graph.panels[0].xticks)  # one column per category
    lo, hi = ax.get_ylim()
    np.testing.assert_allclose(ys[:20], np.linspace(lo, hi, 20))  # bottom to top of the region
    assert dots.get_marker() == "o" and to_hex(dots.get_markerfacecolor()) == "#ff0000"
    assert not any(line.get_visible() for line in ax.get_xgridlines())  # the dots are the line
    assert not any(line.get_visible() for line in ax.get_ygridlines())


def test_vertical_linetype_line_and_lines_look(s):
    _, fig = drawn(s, "graph dot (mean) y, over(g) vertical linetype(line) lines(lcolor(red) lwidth(thick))")
    ax = axes(fig)
    grid = [line for line in ax.get_xgridlines() if line.get_visible()]
    assert len(grid) == 3
    assert to_hex(grid[0].get_color()) == "#ff0000"
    assert grid[0].get_linewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    assert grid[0].get_linestyle() == "-"  # solid, not the default dotted line
    _, fig = drawn(s, "graph dot (mean) y, over(g) vertical")
    (first, *_) = [line for line in axes(fig).get_xgridlines() if line.get_visible()]
    assert first.get_linestyle() != "-"  # linetype(dot), the default


def test_vertical_rectangles_stand_up_rwidth_wide(s):
    graph, fig = drawn(s, "graph dot (mean) y, over(g) vertical linetype(rectangle) rwidth(2) "
                          "rectangles(fcolor(yellow))")
    ax = axes(fig)
    rects = sorted(artists(fig, "category-rectangles"), key=lambda r: r.get_window_extent().x0)
    assert len(rects) == 3
    box = ax.get_window_extent()
    px = fig.dpi / 72.0
    centres = _centres_x(ax, sorted(graph.panels[0].xticks))
    for rect, centre in zip(rects, centres):
        extent = rect.get_window_extent()
        assert (extent.y0, extent.y1) == pytest.approx((box.y0, box.y1), abs=0.5)  # across the region
        assert extent.width == pytest.approx(2 * UNIT_PT * px, rel=1e-3)
        assert (extent.x0 + extent.x1) / 2 == pytest.approx(centre, abs=0.01)
        assert to_hex(rect.get_facecolor()) == "#ffff00"
    assert not any(line.get_visible() for line in ax.get_xgridlines())


def test_vertical_extensions_and_noextendline(s):
    _, fig = drawn(s, "graph dot (mean) y, over(g) vertical linetype(line) lowextension(2) highextension(4)")
    ax = axes(fig)
    assert len(artists(fig, "category-lines")) == 3
    extensions = artists(fig, "category-lines-extension")
    assert len(extensions) == 6 and not extensions[0].get_clip_on()
    px = fig.dpi / 72.0
    ends = [e.get_transform().transform(np.column_stack(e.get_data())) for e in extensions]
    lengths = sorted(round(abs(p[1, 1] - p[0, 1]) / px, 3) for p in ends)
    assert lengths == pytest.approx([2 * UNIT_PT] * 3 + [4 * UNIT_PT] * 3, rel=1e-3)
    assert all(abs(p[1, 0] - p[0, 0]) < 1e-6 for p in ends)  # upright
    box = ax.get_window_extent()
    starts = sorted(p[0, 1] for p in ends)
    assert starts[0] == pytest.approx(box.y0, abs=0.5) and starts[-1] == pytest.approx(box.y1, abs=0.5)
    # noextendline: the lines over the value axis' range (its labels and the markers) only
    graph, fig = drawn(s, "graph dot (mean) y, over(g) vertical noextendline")
    ax = axes(fig)
    lines = artists(fig, "category-lines")
    ticks = [t for t in ax.get_yticks() if min(ax.get_ylim()) <= t <= max(ax.get_ylim())]
    markers = graph.panels[0].series[0].y
    span = (min(min(ticks), markers.min()), max(max(ticks), markers.max()))
    assert len(lines) == 3 and all(tuple(sorted(line.get_ydata())) == pytest.approx(span) for line in lines)
    assert not any(line.get_visible() for line in ax.get_xgridlines())
    # dots along the extended line, through the axes
    _, fig = drawn(s, "graph dot (mean) y, over(g) vertical ndots(10) lowextension(3) highextension(6)")
    ax = axes(fig)
    (dots,) = artists(fig, "category-dots")
    ys = np.asarray(dots.get_ydata())
    box = ax.get_window_extent()
    assert ys[0] == pytest.approx(box.y0 - 3 * UNIT_PT * px, abs=0.5)
    assert ys[9] == pytest.approx(box.y1 + 6 * UNIT_PT * px, abs=0.5)
    # rectangles extended upright
    _, fig = drawn(s, "graph dot (mean) y, over(g) vertical linetype(rectangle) noextendline highextension(5)")
    (piece, *_) = artists(fig, "category-rectangles-extension")
    assert piece.get_window_extent().height == pytest.approx(5 * UNIT_PT * px, rel=1e-3)


@pytest.mark.parametrize("lines, dots", [("line(lcolor(red) lwidth(thick))", "dot(msymbol(O) mcolor(red))"),
                                         ("lines(lcolor(red) lwidth(thick))", "dots(msymbol(O) mcolor(red))")])
def test_line_and_dot_abbreviations(s, lines, dots):
    # help graph_dot: line:s() and dot:s() (worldbank's dot-summary.do types line(lw(thin))); they
    # were 'option line() not allowed'
    _, fig = drawn(s, f"graph dot (mean) y, over(g) linetype(line) {lines}")
    grid = [line for line in axes(fig).get_ygridlines() if line.get_visible()]
    assert len(grid) == 3 and to_hex(grid[0].get_color()) == "#ff0000"
    assert grid[0].get_linewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    _, fig = drawn(s, f"graph dot (mean) y, over(g) ndots(20) {dots}")
    (marks,) = artists(fig, "category-dots")
    assert marks.get_marker() == "o" and to_hex(marks.get_markerfacecolor()) == "#ff0000"
