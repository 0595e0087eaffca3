"""graph bar/hbar/dot/box/hbox: statistics per group, layout, and the drawn figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import (all_texts, artists, axes, bars, figure, legend_texts, make_session, run,
                            tick_texts)
from mlmcli.graphs import style
from mlmcli.graphs.box_chart import box_stats
from mlmcli.summary_statistics import stata_percentile


@pytest.fixture()
def s():
    return make_session(n=90)


def drawn(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return session.graphs[-1], figure(session.graphs[-1])


def group_values(session, var, by="g"):
    v, g = session.data.numeric(var), session.data.numeric(by)
    return [v[g == k] for k in (1, 2, 3)]


def test_bar_means_over_groups(s):
    graph, fig = drawn(s, "graph bar y, over(g)")
    rects = bars(fig, "p1-s1-bar")
    heights = [r.get_height() for r in sorted(rects, key=lambda r: r.get_x())]
    np.testing.assert_allclose(heights, [v.mean() for v in group_values(s, "y")])
    assert tick_texts(axes(fig), "x") == ["low", "mid", "high"]
    assert axes(fig).get_ylabel() == "mean of y"
    assert axes(fig).get_ylim()[0] == min(0, min(heights))  # bars start at the axis
    assert legend_texts(fig) == []


@pytest.mark.parametrize("stat, func", [
    ("median", lambda v: stata_percentile(np.sort(v), 50)), ("sum", np.sum), ("count", len),
    ("max", np.max), ("min", np.min), ("p25", lambda v: stata_percentile(np.sort(v), 25)),
    ("sd", lambda v: np.std(v, ddof=1)),
])
def test_bar_statistics(s, stat, func):
    graph, _ = drawn(s, f"graph bar ({stat}) y, over(g)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, [func(v) for v in group_values(s, "y")])


def test_percent_statistic(s):
    run(s, "replace y = . in 1/9")
    graph, _ = drawn(s, "graph bar (percent) y, over(h)")
    h = s.data.numeric("h")
    y = s.data.numeric("y")
    ok = np.isfinite(y)
    np.testing.assert_allclose(graph.panels[0].series[0].y,
                               [100 * np.sum(ok & (h == k)) / ok.sum() for k in (0, 1)])


def test_several_yvars_side_by_side_with_legend(s):
    graph, fig = drawn(s, "graph bar (mean) y x, over(g)")
    first, second = graph.panels[0].series
    assert np.all(second.x - first.x == 1)  # touching bars within a group
    assert legend_texts(fig) == ["mean of y", "mean of x"]
    assert to_hex(bars(fig, "p1-s2-bar")[0].get_facecolor()) == style.NAMED_COLORS["maroon"]


def test_two_overs_the_first_is_innermost(s):
    graph, fig = drawn(s, "graph bar y, over(h) over(g)")
    ticks = tick_texts(axes(fig), "x")
    assert ticks[:2] == ["0\nlow", "1"] and ticks[2] == "0\nmid"  # inner h within outer g
    assert len(graph.panels[0].series[0].x) == 6


def test_stack_percentages_asyvars(s):
    graph, _ = drawn(s, "graph bar (sum) y x, over(g) stack")
    a, b = graph.panels[0].series
    np.testing.assert_allclose(b.y2, a.y)  # the second starts where the first ends
    graph, _ = drawn(s, "graph bar (sum) z x, over(g) percentages stack")
    top = graph.panels[0].series[1].y
    np.testing.assert_allclose(top, 100.0)
    graph, fig = drawn(s, "graph bar (count) y, over(g) asyvars")
    assert legend_texts(fig) == ["low", "mid", "high"]
    assert [x.style for x in graph.panels[0].series] == [1, 2, 3]


def test_blabel_writes_values(s):
    graph, fig = drawn(s, "graph bar y, over(g) blabel(bar, format(%4.2f))")
    means = [v.mean() for v in group_values(s, "y")]
    texts = [t.get_text() for t in axes(fig).texts]
    assert texts == [f"{m:4.2f}".strip() for m in means]


def test_hbar_puts_groups_down_the_y_axis(s):
    graph, fig = drawn(s, "graph hbar (median) y, over(g) ytitle(Median)")
    ax = axes(fig)
    rects = bars(fig, "p1-s1-bar")
    widths = [r.get_width() for r in sorted(rects, key=lambda r: r.get_y())]
    np.testing.assert_allclose(widths, [stata_percentile(np.sort(v), 50) for v in group_values(s, "y")])
    assert tick_texts(ax, "y") == ["low", "mid", "high"]
    assert ax.get_xlabel() == "Median"  # ytitle() titles the value axis, drawn along x
    assert ax.yaxis_inverted()


def test_dot_chart(s):
    graph, fig = drawn(s, "graph dot y x, over(g)")
    (line,) = artists(fig, "p1-s1-scatter")
    np.testing.assert_allclose(line.get_xdata(), [v.mean() for v in group_values(s, "y")])
    assert tick_texts(axes(fig), "y") == ["low", "mid", "high"]


def test_box_statistics_and_drawing(s):
    run(s, "replace y = 40 in 1")  # an outside value in group low
    graph, fig = drawn(s, "graph box y, over(g)")
    box, outside = graph.panels[0].series[:2]
    for k, values in enumerate(group_values(s, "y")):
        p25, p50, p75, lo, hi, out = box_stats(values)
        np.testing.assert_allclose(box.stats[k], [p25, p50, p75])
        assert (box.y[k], box.y2[k]) == (lo, hi)
    assert 40 in outside.y
    rects = [a for a in artists(fig, "p1-s1-box") if a.__class__.__name__ == "Rectangle"]
    assert len(rects) == 3
    r = sorted(rects, key=lambda r: r.get_x())[0]
    assert r.get_y() == pytest.approx(box.stats[0][0]) and r.get_height() == pytest.approx(
        box.stats[0][2] - box.stats[0][0])
    (medians,) = artists(fig, "p1-s1-box-median")
    assert [seg[0][1] for seg in medians.get_segments()] == pytest.approx(list(box.stats[:, 1]))
    assert axes(fig).get_ylabel() == "Outcome"
    graph, _ = drawn(s, "graph box y, over(g) nooutsides")
    assert [x.kind for x in graph.panels[0].series] == ["box"]


def test_adjacent_values_rule():
    values = np.array([1, 2, 3, 4, 5, 6, 7, 8, 30.0])
    p25, p50, p75, lo, hi, out = box_stats(values)
    assert (p25, p50, p75) == (3, 5, 7)
    assert lo == 1 and hi == 8 and list(out) == [30]


def test_hbox_and_medtype_marker_and_several_yvars(s):
    graph, fig = drawn(s, "graph hbox y x, medtype(marker)")
    kinds = [x.kind for x in graph.panels[0].series]
    assert kinds.count("box") == 2 and "scatter" in kinds
    assert legend_texts(fig) == ["Outcome", "x"]
    assert graph.panels[0].series[0].horizontal


def test_by_option_on_charts(s):
    graph, fig = drawn(s, "graph bar y, over(g) by(h)")
    assert [p.title for p in graph.panels] == ["0", "1"]
    assert "Graphs by h" in all_texts(fig)


def test_chart_errors(s):
    for text, rc in (("graph bar (nosuch) y", 198), ("graph bar y, over(g) over(h) over(w) over(x)", 198), ("graph bar y x, over(g) over(h) over(w)", 198),
                     ("graph box y, medtype(dots)", 198), ("graph bar y, bogus", 198),
                     ("graph bar nosuch", 111), ("graph pie", 198), ("graph bar y if g > 9", 2000)):
        out, code = run(s, text, stop_on_error=False)
        assert code == rc, (text, out)


def test_weights_on_bar_means(s):
    graph, _ = drawn(s, "graph bar (mean) y [fw=w], over(g)")
    y, g, w = (s.data.numeric(v) for v in ("y", "g", "w"))
    expected = [np.average(y[g == k], weights=w[g == k]) for k in (1, 2, 3)]
    np.testing.assert_allclose(graph.panels[0].series[0].y, expected)
