"""graph dot's rectangles, linegap() and outergap(); yvaroptions() without ascategory (the yvars
ordered, spaced and totalled as an over() group); ascategory with two over() groups -- checked
on the drawn figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, axes, bars, drawn, figure, legend_texts, make_session, run, tick_texts
from mlmcli.graphs import style
from mlmcli.graphs.look_options import UNIT_PT


@pytest.fixture()
def s():
    return make_session(n=90)


def _means(session, var, **where):
    """The mean of ``var`` on the rows where each named variable equals its value."""
    keep = np.ones(session.data.nobs, dtype=bool)
    for name, value in where.items():
        keep &= session.data.numeric(name) == value
    return float(session.data.numeric(var)[keep].mean())


def _rectangles(fig):
    return sorted(artists(fig, "category-rectangles"), key=lambda r: r.get_window_extent().y0)


def _display_y(ax, value):
    return float(ax.transData.transform((0.0, value))[1])


# ------------------------------------------------------------------ graph dot: line types
def test_dot_rectangles_run_across_the_plot_region_rwidth_high(s):
    """linetype(rectangle): a rectangle along each category's line, across the plot region,
    centred on the line and rwidth() high (default .45, a relative size); no dotted line."""
    graph, fig = drawn(s, "graph dot y x, over(g) linetype(rectangle)")
    ax = axes(fig)
    rects = _rectangles(fig)
    assert len(rects) == 3
    assert not any(t.gridline.get_visible() for t in ax.yaxis.get_major_ticks())
    box = ax.get_window_extent()
    px_per_pt = fig.dpi / 72.0
    lines = graph.panels[0].yticks
    for rect in rects:
        extent = rect.get_window_extent()
        assert (extent.x0, extent.x1) == pytest.approx((box.x0, box.x1), abs=0.5)
        assert extent.height == pytest.approx(0.45 * UNIT_PT * px_per_pt, rel=1e-3)
    centres = sorted((r.get_window_extent().y0 + r.get_window_extent().y1) / 2 for r in rects)
    assert centres == pytest.approx(sorted(_display_y(ax, v) for v in lines), abs=0.01)
    assert rects[0].get_facecolor()[3] == 0  # no fill: two parallel lines
    dotted_colour = to_hex(style.scheme("s2color").grid or style.GRID)  # the other line types' colour
    assert to_hex(rects[0].get_edgecolor()) == dotted_colour
    # the markers are in front
    assert all(r.get_zorder() < line.get_zorder() for r in rects for line in artists(fig, "p1-s1-scatter"))


def test_dot_rectangles_take_area_options_and_rwidth(s):
    _, fig = drawn(s, "graph dot y, over(g) linetype(rectangle) rwidth(2) "
                      "rectangles(fcolor(yellow) lcolor(red) lwidth(thick) lpattern(dash))")
    rect = _rectangles(fig)[0]
    assert to_hex(rect.get_facecolor()) == "#ffff00" and to_hex(rect.get_edgecolor()) == "#ff0000"
    assert rect.get_linewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    assert rect.get_linestyle() == style.line_pattern("dash")
    assert rect.get_window_extent().height == pytest.approx(2 * UNIT_PT * fig.dpi / 72.0, rel=1e-3)
    _, fig = drawn(s, "graph dot y, over(g) linetype(rectangle) rwidth(2) rectangles(lwidth(thick) lalign(outside))")
    outside = _rectangles(fig)[0].get_window_extent().height
    assert outside == pytest.approx((2 * UNIT_PT + style.LINE_WIDTHS["thick"]) * fig.dpi / 72.0, rel=1e-3)
    # rectangles() and rwidth() matter only with linetype(rectangle), as in Stata
    _, fig = drawn(s, "graph dot y, over(g) rwidth(2) rectangles(fcolor(yellow))")
    assert not artists(fig, "category-rectangles")
    assert axes(fig).yaxis.get_major_ticks()[0].gridline.get_visible()


def test_dot_unknown_line_type_is_a_style_note(s):
    out, rc = run(s, "graph dot y, over(g) linetype(zigzag)")
    assert rc == 0 and "named style zigzag not found in class dottype" in out
    fig = figure(s.graphs[-1])  # the default: dotted lines
    assert not artists(fig, "category-rectangles") and axes(fig).yaxis.get_major_ticks()[0].gridline.get_visible()


# ------------------------------------------------------------------ graph dot: linegap()
def test_linegap_gives_each_yvar_its_own_line(s):
    """linegap(#): the yvars' lines # percent of a line's area apart (a group's lines are 2
    apart); each line dotted, the group labelled on its first line."""
    graph, fig = drawn(s, "graph dot y x, over(g) linegap(20)")
    ys, xs = (artists(fig, gid)[0] for gid in ("p1-s1-scatter", "p1-s2-scatter"))
    first, second = np.asarray(ys.get_ydata(), float), np.asarray(xs.get_ydata(), float)
    assert second - first == pytest.approx([0.2] * 3)
    assert first == pytest.approx([0.0, 2.2, 4.4])
    np.testing.assert_allclose(ys.get_xdata(), [_means(s, "y", g=k) for k in (1, 2, 3)])
    ax = axes(fig)
    assert list(ax.get_yticks()) == pytest.approx([0.0, 0.2, 2.2, 2.4, 4.4, 4.6])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["low", "", "mid", "", "high", ""]
    assert sum(t.gridline.get_visible() for t in ax.yaxis.get_major_ticks()) == 6
    _, same = drawn(s, "graph dot y x, over(g) linegap(0)")  # the default: one line
    assert np.asarray(artists(same, "p1-s2-scatter")[0].get_ydata(), float) == pytest.approx([0.0, 2.0, 4.0])
    graph, _ = drawn(s, "graph dot y x, over(g) yvaroptions(gap(50))")  # the yvars' gap: 1.5 apart
    a, b = graph.panels[0].series
    assert b.y - a.y == pytest.approx([1.5] * 3)
    graph, fig = drawn(s, "graph dot y x, over(g) linegap(40) showyvars")
    assert tick_texts(axes(fig), "y")[:2] == ["mean of y\nlow", "mean of x"]


# ------------------------------------------------------------------ graph dot: outergap()
def test_dot_outergap(s):
    """outergap(#): # percent of a line's area (1 wide) beyond the outer lines' areas;
    outergap(*#): # times the default gap from the outer lines."""
    graph, fig = drawn(s, "graph dot y, over(g) outergap(50)")
    lines = graph.panels[0].yticks
    assert sorted(axes(fig).get_ylim()) == pytest.approx([min(lines) - 1.0, max(lines) + 1.0])
    assert axes(fig).yaxis_inverted()
    _, plain = drawn(s, "graph dot y, over(g)")
    _, once = drawn(s, "graph dot y, over(g) outergap(*1)")
    _, twice = drawn(s, "graph dot y, over(g) outergap(*2)")
    assert sorted(axes(once).get_ylim()) == pytest.approx(sorted(axes(plain).get_ylim()))
    default = min(lines) - min(axes(plain).get_ylim())
    assert min(lines) - min(axes(twice).get_ylim()) == pytest.approx(2 * default)


# ------------------------------------------------------------------ yvaroptions() without ascategory
def test_yvaroptions_sort_orders_the_bars_of_each_group(s):
    """sort(#)/descending/reverse order the yvars' bars within every group (by their mean over
    the groups); each keeps its colour and bar(#) look, the legend follows the order."""
    means = {v: np.mean([_means(s, v, g=k) for k in (1, 2, 3)]) for v in ("y", "x", "z")}
    rising = sorted(means, key=means.get)
    graph, fig = drawn(s, "graph bar y x z, over(g) yvaroptions(sort(1)) bar(2, color(red))")
    assert legend_texts(fig) == [f"mean of {v}" for v in rising]
    first_group = sorted((b.get_x(), b) for v in range(1, 4) for b in bars(fig, f"p1-s{v}-bar")[:1])
    heights = [b.get_height() for _, b in first_group]
    assert heights == pytest.approx([_means(s, v, g=1) for v in rising])
    x_bar = bars(fig, f"p1-s{rising.index('x') + 1}-bar")[0]
    assert to_hex(x_bar.get_facecolor()) == "#ff0000"  # bar(2, ...) is x's, wherever it stands
    _, fig = drawn(s, "graph bar y x z, over(g) yvaroptions(sort(1) descending)")
    assert legend_texts(fig) == [f"mean of {v}" for v in rising[::-1]]
    _, fig = drawn(s, "graph bar y x z, over(g) yvaroptions(reverse)")
    assert legend_texts(fig) == ["mean of z", "mean of x", "mean of y"]


def test_yvaroptions_gap_spaces_the_bars_of_each_group(s):
    """gap(#): # percent of a bar between the yvars' bars (Stata's bar_gap; bargap() wins)."""
    graph, _ = drawn(s, "graph bar y x, over(g) yvaroptions(gap(50))")
    a, b = graph.panels[0].series
    assert b.x - a.x == pytest.approx([1.5] * 3)
    graph, _ = drawn(s, "graph bar y x, over(g) yvaroptions(gap(50)) bargap(10)")
    a, b = graph.panels[0].series
    assert b.x - a.x == pytest.approx([1.1] * 3)


def test_yvaroptions_total_adds_the_pooled_yvars(s):
    """total: a last bar per group, Total, the statistic of every yvar's values pooled."""
    graph, fig = drawn(s, "graph bar y x z, over(g) yvaroptions(total)")
    assert legend_texts(fig) == ["mean of y", "mean of x", "mean of z", "Total"]
    g = s.data.numeric("g")
    pooled = [np.concatenate([s.data.numeric(v)[g == k] for v in ("y", "x", "z")]).mean() for k in (1, 2, 3)]
    heights = [b.get_height() for b in sorted(bars(fig, "p1-s4-bar"), key=lambda b: b.get_x())]
    assert heights == pytest.approx(pooled)
    _, fig = drawn(s, "graph bar y x z, ascategory yvaroptions(total)")
    assert tick_texts(axes(fig)) == ["mean of y", "mean of x", "mean of z", "Total"]
    run(s, "replace x = . in 1/30")
    graph, _ = drawn(s, "graph bar (count) y x, yvaroptions(total)")
    assert [p.y[0] for p in graph.panels[0].series] == [90, 60, 150]
    out, rc = run(s, "graph bar (mean) y (sum) x, yvaroptions(total)", stop_on_error=False)
    assert rc == 198


def test_yvaroptions_axis_is_the_yvars_axis_line(s):
    """axis(): the category axis' line where the yvars are its labels (ascategory, showyvars);
    otherwise their axis is not drawn, as in Stata, and the picture is the same."""
    _, fig = drawn(s, "graph bar y x z, ascategory yvaroptions(axis(lcolor(red) lwidth(thick)))")
    spine = axes(fig).spines["bottom"]
    assert to_hex(spine.get_edgecolor()) == "#ff0000"
    assert spine.get_linewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    _, fig = drawn(s, "graph bar y x, over(h) showyvars yvaroptions(axis(noline))")
    assert not axes(fig).spines["bottom"].get_visible()
    _, fig = drawn(s, "graph bar y x, over(h) yvaroptions(axis(noline))")
    assert axes(fig).spines["bottom"].get_visible()


# ------------------------------------------------------------------ ascategory with two over()s
def test_ascategory_with_two_overs_nests_three_levels(s):
    """The yvars innermost, the first over() around them, the second outermost: one series,
    a bar per (second, first, yvar), 2/3 of a bar between the yvars, twice that between the first
    over()'s groups, three times between the second's."""
    graph, fig = drawn(s, "graph bar y x, over(h) over(g) ascategory")
    rects = sorted(bars(fig, "p1-s1-bar"), key=lambda b: b.get_x())
    assert len(rects) == 12 and not bars(fig, "p1-s2-bar")
    expected = [_means(s, v, g=gk, h=hk) for gk in (1, 2, 3) for hk in (0, 1) for v in ("y", "x")]
    assert [r.get_height() for r in rects] == pytest.approx(expected)
    centres = np.array([r.get_x() + r.get_width() / 2 for r in rects])
    gaps = np.diff(centres) - 1.0
    assert gaps[:3] == pytest.approx([2 / 3, 4 / 3, 2 / 3])  # y|x  h=0|h=1  y|x
    assert gaps[3] == pytest.approx(2.0)  # g: low | mid
    assert tick_texts(axes(fig))[:4] == ["mean of y\n0\nlow", "mean of x", "mean of y\n1", "mean of x"]
    assert legend_texts(fig) == []
    graph, _ = drawn(s, "graph bar y x, over(h, gap(100)) over(g, gap(200)) ascategory")
    x = graph.panels[0].series[0].x
    assert np.diff(x)[:4] - 1.0 == pytest.approx([2 / 3, 2 / 3 + 1.0, 2 / 3, 2 / 3 + 1.0 + 2.0])


def test_ascategory_with_two_overs_dot_chart_and_nofill(s):
    graph, fig = drawn(s, "graph dot y x, over(h) over(g) ascategory")
    (line,) = artists(fig, "p1-s1-scatter")
    expected = [_means(s, v, g=gk, h=hk) for gk in (1, 2, 3) for hk in (0, 1) for v in ("y", "x")]
    assert np.asarray(line.get_xdata(), float) == pytest.approx(expected)
    assert len(axes(fig).get_yticks()) == 12
    run(s, "replace h = 0 if g == 2")
    graph, fig = drawn(s, "graph bar y x, over(h) over(g) ascategory nofill")
    assert len(bars(fig, "p1-s1-bar")) == 10  # (mid, 1) left out
    texts = tick_texts(axes(fig))
    assert "mean of y\n0\nmid" in texts and len(texts) == 10


def test_one_yvar_three_overs(s):
    """One yvar, three over() groups (Stata allows three with one yvar): the first innermost,
    laid out as ascategory lays out the yvars; its suboptions order it; more yvars: r(198)."""
    run(s, "generate q = mod(_n, 5)")  # every (h, q, g) has rows
    graph, fig = drawn(s, "graph bar y, over(h) over(q) over(g)")
    rects = sorted(bars(fig, "p1-s1-bar"), key=lambda b: b.get_x())
    expected = [_means(s, "y", g=gk, q=qk, h=hk) for gk in (1, 2, 3) for qk in range(5) for hk in (0, 1)]
    assert [r.get_height() for r in rects] == pytest.approx(expected)
    assert tick_texts(axes(fig))[:5] == ["0\n0", "1", "0\n1", "1", "0\n2\nlow"]  # g under the middle q
    assert axes(fig).get_ylabel() == "mean of y" and legend_texts(fig) == []
    centres = np.array([r.get_x() + r.get_width() / 2 for r in rects])
    assert (np.diff(centres) - 1.0)[:2] == pytest.approx([2 / 3, 4 / 3])
    assert (np.diff(centres) - 1.0)[9] == pytest.approx(2.0)  # low | mid
    _, fig = drawn(s, 'graph dot y, over(h, descending relabel(1 "zero")) over(q) over(g)')
    assert tick_texts(axes(fig), "y")[:2] == ["zero\n0", "0"]  # relabel(): the groups as drawn
    out, rc = run(s, "graph bar y x, over(h) over(q) over(g)", stop_on_error=False)
    assert rc == 198 and "too many over() options" in out


def test_gap_star_scales_the_default_gap(s):
    """over(, gap(*#)) and yvaroptions(gap(*#)): # times the default gap (bars 2/3 of a bar
    apart, an outer group's extra room the inner gap, boxes 1/3)."""
    graph, _ = drawn(s, "graph bar y, over(g, gap(*2))")
    assert np.diff(graph.panels[0].series[0].x) - 1.0 == pytest.approx([4 / 3, 4 / 3])
    graph, _ = drawn(s, "graph bar y, over(h) over(g, gap(*3))")
    assert np.diff(graph.panels[0].series[0].x)[:2] - 1.0 == pytest.approx([2 / 3, 2 / 3 + 2.0])
    graph, _ = drawn(s, "graph box y, over(g, gap(*.5))")
    assert np.diff(graph.panels[0].series[0].x) - 1.0 == pytest.approx([1 / 6, 1 / 6])
    graph, _ = drawn(s, "graph bar y x z, ascategory yvaroptions(gap(*2))")
    assert np.diff(graph.panels[0].series[0].x) - 1.0 == pytest.approx([4 / 3, 4 / 3])
    out, rc = run(s, "graph bar y, over(g, gap(*-1))", stop_on_error=False)
    assert rc == 198 and "gap() incorrectly specified" in out


def test_sort_by_a_variable_or_its_statistic(s):
    """over(, sort(varname)): the groups in the order of the variable's mean in each group;
    sort((stat) varname): of that statistic (it was read as sort(1))."""
    x_means = [_means(s, "x", g=k) for k in (1, 2, 3)]
    _, fig = drawn(s, "graph bar y, over(g, sort(x))")
    names = ["low", "mid", "high"]
    assert tick_texts(axes(fig)) == [names[i] for i in np.argsort(x_means)]
    g, x = s.data.numeric("g"), s.data.numeric("x")
    sds = [np.std(x[g == k], ddof=1) for k in (1, 2, 3)]
    _, fig = drawn(s, "graph hbar y, over(g, sort((sd) x) descending)")
    assert tick_texts(axes(fig), "y") == [names[i] for i in np.argsort(sds)[::-1]]
    _, fig = drawn(s, "graph box y, over(g, sort(x))")
    assert tick_texts(axes(fig)) == [names[i] for i in np.argsort(x_means)]
    for text, rc in (("graph bar y, over(g, sort(nosuch))", 111), ("graph bar y, over(g, sort((foo) x))", 198)):
        assert run(s, text, stop_on_error=False)[1] == rc


def test_the_second_over_is_ordered_and_relabelled(s):
    """The outer over()'s sort(), descending, reverse and relabel() (they were not read)."""
    graph, fig = drawn(s, "graph bar y, over(h) over(g, descending)")
    heights = [r.get_height() for r in sorted(bars(fig, "p1-s1-bar"), key=lambda b: b.get_x())]
    assert heights == pytest.approx([_means(s, "y", g=gk, h=hk) for gk in (3, 2, 1) for hk in (0, 1)])
    assert tick_texts(axes(fig))[::2] == ["0\nhigh", "0\nmid", "0\nlow"]
    y_means = [_means(s, "y", g=k) for k in (1, 2, 3)]
    _, fig = drawn(s, 'graph bar y, over(h) over(g, sort(1) relabel(1 "First"))')
    first = ["low", "mid", "high"][int(np.argmin(y_means))]
    assert tick_texts(axes(fig))[0] == "0\nFirst" and first not in "".join(tick_texts(axes(fig)))
    _, fig = drawn(s, "graph box y, over(h) over(g, reverse)")
    assert tick_texts(axes(fig))[::2] == ["0\nhigh", "0\nmid", "0\nlow"]
    graph, fig = drawn(s, "graph bar y, over(h) over(g, descending total)")
    assert tick_texts(axes(fig))[::2] == ["0\nhigh", "0\nmid", "0\nlow", "0\nTotal"]


def test_three_overs_first_sorted_by_a_variable(s):
    run(s, "generate q = mod(_n, 5)")
    _, fig = drawn(s, "graph bar y, over(g, sort(x)) over(h) over(q)")
    x_means = [_means(s, "x", g=k) for k in (1, 2, 3)]
    names = ["low", "mid", "high"]
    assert [t.split("\n")[0] for t in tick_texts(axes(fig))[:3]] == [names[i] for i in np.argsort(x_means)]


def test_yvaroptions_sort_by_a_variable(s):
    """yvaroptions(sort(varname)): the yvars in the order of the variable over each yvar's
    observations (its mean; sort((stat) varname) that statistic), as over()'s sort(varname)
    orders groups by the variable in each group; with no yvar missing they tie and keep their
    typed order."""
    run(s, "generate a = y if g == 3")  # a seen where g is 3, b where 1, c where 2
    run(s, "generate b = x if g == 1")
    run(s, "generate c = z if g == 2")
    graph, fig = drawn(s, "graph bar a b c, yvaroptions(sort(g)) bar(1, color(red))")
    assert legend_texts(fig) == ["mean of b", "mean of c", "mean of a"]
    placed = sorted((b.get_x(), v) for v in range(1, 4) for b in bars(fig, f"p1-s{v}-bar"))
    heights = {v: bars(fig, f"p1-s{v}-bar")[0].get_height() for v in range(1, 4)}
    assert [heights[v] for _, v in placed] == pytest.approx([np.nanmean(s.data.numeric(n)) for n in ("b", "c", "a")])
    a_series = [x for x in graph.panels[0].series if x.label == "mean of a"][0]
    assert a_series.color == "#ff0000"  # bar(1, ...) stays a's
    _, fig = drawn(s, "graph bar a b c, yvaroptions(sort(g) descending)")
    assert legend_texts(fig) == ["mean of a", "mean of c", "mean of b"]
    run(s, "generate k = -g")
    _, fig = drawn(s, "graph bar a b c, yvaroptions(sort((max) k))")  # max of -g: -3, -1, -2
    assert legend_texts(fig) == ["mean of a", "mean of c", "mean of b"]
    _, fig = drawn(s, "graph bar y x, yvaroptions(sort(g))")  # complete data: a tie, as typed
    assert legend_texts(fig) == ["mean of y", "mean of x"]
    _, fig = drawn(s, "graph bar y x, yvaroptions(sort(g) descending)")
    assert legend_texts(fig) == ["mean of x", "mean of y"]
    graph, fig = drawn(s, "graph dot a b c, yvaroptions(sort(g))")
    assert legend_texts(fig) == ["mean of b", "mean of c", "mean of a"]
    graph, fig = drawn(s, "graph box a b c, yvaroptions(sort(g))")
    assert [x.label for x in graph.panels[0].series if x.kind == "box"] == ["b", "c", "a"]
    assert run(s, "graph bar a b, yvaroptions(sort(nosuch))", stop_on_error=False)[1] == 111


# ------------------------------------------------------------------ graph box: the yvars as an over() group
def _medians(session, var, **where):
    from mlmcli.graphs.box_chart import box_stats

    keep = np.ones(session.data.nobs, dtype=bool)
    for name, value in where.items():
        keep &= session.data.numeric(name) == value
    return box_stats(session.data.numeric(var)[keep])[1]


def test_box_ascategory_showyvars_and_yvaroptions(s):
    """graph box takes ascategory, showyvars and yvaroptions() as graph bar does (they were
    not allowed): one series, a box per (group, yvar), labelled by its yvar."""
    graph, fig = drawn(s, "graph box y x, over(h) ascategory")
    (box,) = [x for x in graph.panels[0].series if x.kind == "box"]
    assert box.stats[:, 1] == pytest.approx([_medians(s, v, h=hk) for hk in (0, 1) for v in ("y", "x")])
    assert tick_texts(axes(fig)) == ["Outcome\n0", "x", "Outcome\n1", "x"]
    assert np.diff(box.x) - 1.0 == pytest.approx([1 / 3, 2 / 3, 1 / 3])
    _, fig = drawn(s, "graph box y x, over(g) showyvars")
    assert tick_texts(axes(fig))[:2] == ["Outcome\nlow", "x"]
    graph, fig = drawn(s, 'graph box y x z, yvaroptions(sort(1) total relabel(1 "Why"))')
    boxes = [x for x in graph.panels[0].series if x.kind == "box"]
    medians = {v: _medians(s, v) for v in ("y", "x", "z")}
    rising = sorted(medians, key=medians.get)
    assert [b.label for b in boxes] == [{"y": "Why", "x": "x", "z": "z"}[v] for v in rising] + ["Total"]
    pooled = np.median(np.concatenate([s.data.numeric(v) for v in ("y", "x", "z")]))
    assert boxes[-1].stats[0, 1] == pytest.approx(pooled)
    assert legend_texts(fig)[-1] == "Total"


def test_box_one_yvar_three_overs(s):
    run(s, "generate q = mod(_n, 5)")
    graph, fig = drawn(s, "graph hbox y, over(h) over(q) over(g)")
    (box,) = [x for x in graph.panels[0].series if x.kind == "box"]
    expected = [_medians(s, "y", g=gk, q=qk, h=hk) for gk in (1, 2, 3) for qk in range(5) for hk in (0, 1)]
    assert box.stats[:, 1] == pytest.approx(expected)
    assert axes(fig).get_xlabel() == "Outcome"
    out, rc = run(s, "graph box y x, over(h) over(q) over(g)", stop_on_error=False)
    assert rc == 198 and "too many over() options" in out


def test_intensity_relative_to_the_default(s):
    """intensity(*#)/lintensity(*#): # times the default intensity (the full colour)."""
    p1 = style.series_color(1, "s2color")
    _, fig = drawn(s, "graph bar y, over(g) intensity(*.5)")
    assert to_hex(bars(fig, "p1-s1-bar")[0].get_facecolor()) == style.intensity(p1, 0.5)
    _, same = drawn(s, "graph bar y, over(g) intensity(50)")
    assert to_hex(bars(same, "p1-s1-bar")[0].get_facecolor()) == style.intensity(p1, 0.5)
    graph, _ = drawn(s, "graph box y, over(g) lintensity(*2)")
    assert graph.panels[0].series[0].line_color == style.intensity(p1, 2.0)
    assert run(s, "graph bar y, over(g) intensity(*-1)", stop_on_error=False)[1] == 198


# ------------------------------------------------------------------ graph dot: [no]extendline, extensions
def test_dot_noextendline_and_extensions(s):
    """noextendline: the lines over the value axis' range only (its labels within the limits and
    the markers), not through the plot region's margins; lowextension()/highextension(): that
    many points further, through the axes; extendline: the default."""
    _, plain = drawn(s, "graph dot y x, over(g)")
    _, same = drawn(s, "graph dot y x, over(g) extendline")
    assert [t.gridline.get_visible() for t in axes(same).yaxis.get_major_ticks()] == \
        [t.gridline.get_visible() for t in axes(plain).yaxis.get_major_ticks()]
    graph, fig = drawn(s, "graph dot y x, over(g) noextendline")
    ax = axes(fig)
    lines = artists(fig, "category-lines")
    assert len(lines) == 3 and not any(t.gridline.get_visible() for t in ax.yaxis.get_major_ticks())
    ticks = [t for t in ax.get_xticks() if min(ax.get_xlim()) <= t <= max(ax.get_xlim())]
    markers = np.concatenate([p.x for p in graph.panels[0].series])
    span = (min(min(ticks), markers.min()), max(max(ticks), markers.max()))
    for line in lines:
        assert tuple(sorted(line.get_xdata())) == pytest.approx(span)
        assert line._dash_pattern[1] is not None  # dotted, as the grid lines were
    assert span[1] < max(ax.get_xlim())  # short of the region's right edge
    _, fig = drawn(s, "graph dot y, over(g) linetype(line) lowextension(2) highextension(4)")
    ax = axes(fig)
    extensions = artists(fig, "category-lines-extension")
    assert len(extensions) == 6 and not extensions[0].get_clip_on()
    px = fig.dpi / 72.0
    widths = sorted(round(abs(np.diff(e.get_transform().transform(np.column_stack(e.get_data()))[:, 0])[0]) / px, 3)
                    for e in extensions)
    assert widths == pytest.approx([2 * UNIT_PT] * 3 + [4 * UNIT_PT] * 3, rel=1e-3)
    starts = sorted(e.get_transform().transform(np.column_stack(e.get_data()))[0, 0] for e in extensions)
    box = ax.get_window_extent()
    assert starts[0] == pytest.approx(box.x0, abs=0.5) and starts[-1] == pytest.approx(box.x1, abs=0.5)
    _, fig = drawn(s, "graph dot y, over(g) linetype(rectangle) noextendline highextension(5)")
    (piece, *_) = artists(fig, "category-rectangles-extension")
    assert piece.get_window_extent().width == pytest.approx(5 * UNIT_PT * px, rel=1e-3)
    graph, fig = drawn(s, "graph dot y, over(g) ndots(20) noextendline")
    (dots,) = artists(fig, "category-dots")
    assert max(dots.get_xdata()) == pytest.approx(max(max(axes(fig).get_xticks()[axes(fig).get_xticks()
                                                                                  <= max(axes(fig).get_xlim())]),
                                                      graph.panels[0].series[0].x.max()))
    # ndots()/dots() with extensions: the # markers spread along the extended line, through the axes
    graph, fig = drawn(s, "graph dot y, over(g) ndots(20) dots(mcolor(red)) lowextension(3) highextension(6)")
    (dots,) = artists(fig, "category-dots")
    ax = axes(fig)
    box = ax.get_window_extent()
    xs, ys = np.asarray(dots.get_xdata()), np.asarray(dots.get_ydata())  # display points
    assert len(xs) == 60 and not dots.get_clip_on() and to_hex(dots.get_markerfacecolor()) == "#ff0000"
    px = fig.dpi / 72.0
    assert xs[0] == pytest.approx(box.x0 - 3 * UNIT_PT * px, abs=0.5)
    assert xs[19] == pytest.approx(box.x1 + 6 * UNIT_PT * px, abs=0.5)
    np.testing.assert_allclose(np.diff(xs[:20]), (xs[19] - xs[0]) / 19)  # evenly spread
    centres = ax.transData.transform(np.column_stack([np.zeros(3), graph.panels[0].yticks]))[:, 1]
    np.testing.assert_allclose(sorted(set(np.round(ys, 6))), sorted(np.round(centres, 6)))
    assert not artists(fig, "category-lines-extension")  # the dots are the line
