"""graph bar/hbar/dot/box options beyond the statistics: each drawn (checked on the matplotlib
figure) or refused with ``option X not supported by mlmcli`` r(198)."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, axes, bars, drawn, make_session, run, tick_texts
from mlmcli.graphs import look_options, style


@pytest.fixture()
def s():
    return make_session(n=90)  # noqa: the categorical tests' data


def xs(fig, gid):
    return sorted(r.get_x() + r.get_width() / 2 for r in bars(fig, gid))


def test_bar_looks_and_intensity(s):
    _, fig = drawn(s, "graph bar y z, over(g) bar(1, color(red) lcolor(black) lwidth(thick)) intensity(50)")
    first, second = bars(fig, "p1-s1-bar"), bars(fig, "p1-s2-bar")
    assert to_hex(first[0].get_facecolor()) == "#ff0000" and to_hex(first[0].get_edgecolor()) == "#000000"
    assert first[0].get_linewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    assert to_hex(second[0].get_facecolor()) == style.intensity(style.NAMED_COLORS["maroon"], .5)
    _, fig = drawn(s, "graph bar y, over(g) lintensity(30)")
    assert to_hex(bars(fig, "p1-s1-bar")[0].get_edgecolor()) == style.intensity(style.NAMED_COLORS["navy"], .3)


def test_bargap_and_over_gap_reverse(s):
    _, plain = drawn(s, "graph bar y z, over(g)")
    _, gapped = drawn(s, "graph bar y z, over(g) bargap(50)")
    assert xs(gapped, "p1-s2-bar")[0] - xs(gapped, "p1-s1-bar")[0] == pytest.approx(1.5)
    assert xs(plain, "p1-s2-bar")[0] - xs(plain, "p1-s1-bar")[0] == pytest.approx(1.0)
    _, wide = drawn(s, "graph bar y, over(g, gap(200))")
    assert np.diff(xs(wide, "p1-s1-bar"))[0] == pytest.approx(3.0)
    _, fig = drawn(s, "graph bar y, over(g, reverse)")
    assert tick_texts(axes(fig), "x") == ["high", "mid", "low"]


def test_over_label_look_nolabel_allcategories(s):
    _, fig = drawn(s, "graph bar y, over(g, label(angle(45) labcolor(red)))")
    label = axes(fig).get_xticklabels()[0]
    assert label.get_rotation() == pytest.approx(45) and to_hex(label.get_color()) == "#ff0000"
    _, fig = drawn(s, "graph bar y, over(g) nolabel")
    assert tick_texts(axes(fig), "x") == ["1", "2", "3"]
    graph, _ = drawn(s, "graph bar y if g < 3, over(g) allcategories")
    assert len(graph.panels[0].series[0].x) == 3  # the third group keeps its (empty) place


def test_blabel_look(s):
    graph, fig = drawn(s, "graph bar y, over(g) blabel(bar, position(inside) size(large) color(red) box)")
    (label, *_) = artists(fig, "text")
    assert label.get_fontsize() == pytest.approx(style.TEXT_SIZES["large"])
    assert to_hex(label.get_color()) == "#ff0000" and label.get_bbox_patch() is not None
    assert label.get_va() == "top"  # inside: hanging from the bar's end
    graph, _ = drawn(s, "graph bar y, over(g) blabel(bar, position(base))")
    assert graph.panels[0].texts[0].y == 0.0
    graph, fig = drawn(s, "graph bar y, over(g) blabel(bar, gap(4))")
    (label, *_) = artists(fig, "text")
    assert graph.panels[0].texts[0].offset == pytest.approx(4 * look_options.UNIT_PT)
    # gap(): the label sits that many points above the bar's end
    assert label.xyann[0] == 0 and label.xyann[1] == pytest.approx(4 * look_options.UNIT_PT)


def test_box_capsize_draws_caps_on_the_whiskers(s):
    graph, fig = drawn(s, "graph box y, over(g) capsize(3)")
    box = graph.panels[0].series[0]
    (caps,) = artists(fig, "p1-s1-box-caps")
    assert caps.get_marker() == "_" and caps.get_markersize() == pytest.approx(3 * look_options.UNIT_PT)
    np.testing.assert_allclose(caps.get_ydata(), [e for pair in zip(box.y, box.y2) for e in pair])
    _, fig = drawn(s, "graph hbox y, over(g) capsize(2)")
    (caps,) = artists(fig, "p1-s1-box-caps")
    assert caps.get_marker() == "|"
    _, fig = drawn(s, "graph box y, over(g)")
    assert not artists(fig, "p1-s1-box-caps")  # Stata's default capsize(0)


def test_alternate_axes(s):
    _, fig = drawn(s, "graph bar y, over(g) yalternate xalternate")
    ax = axes(fig)
    assert ax.yaxis.get_ticks_position() == "right" and ax.xaxis.get_ticks_position() == "top"


def test_box_options(s):
    _, fig = drawn(s, "graph box y, over(g) box(1, color(red)) medline(lcolor(black) lwidth(thick)) "
                      "cwhiskers lines(lcolor(blue) lpattern(dash)) alsize(100) boxgap(100)")
    (rect, *_) = [a for a in artists(fig, "p1-s1-box") if a.__class__.__name__ == "Rectangle"]
    assert to_hex(rect.get_facecolor()) == "#ff0000"
    (median,) = artists(fig, "p1-s1-box-median")
    assert to_hex(median.get_colors()[0]) == "#000000"
    assert median.get_linewidths()[0] == pytest.approx(style.LINE_WIDTHS["thick"])
    (whiskers,) = artists(fig, "p1-s1-box-whiskers")
    assert to_hex(whiskers.get_colors()[0]) == "#0000ff"
    fence = whiskers.get_segments()[2]
    assert fence[1][0] - fence[0][0] == pytest.approx(1.0)  # alsize(100): as wide as the box
    graph, _ = drawn(s, "graph box y, over(g) boxgap(100)")
    assert np.diff(graph.panels[0].series[0].x)[0] == pytest.approx(2.0)


def test_box_sort_by_median_and_markers(s):
    graph, _ = drawn(s, "graph box y, over(g, sort(1))")
    medians = graph.panels[0].series[0].stats[:, 1]
    assert list(medians) == sorted(medians)
    graph, fig = drawn(s, "graph box y, over(g) medtype(marker) medmarker(msymbol(D) mcolor(red))")
    marker = [x for x in graph.panels[0].series if x.kind == "scatter"][0]
    assert marker.marker == "D" and marker.color == "#ff0000"
    run(s, "replace y = 40 in 1")
    graph, _ = drawn(s, "graph box y, over(g) marker(1, msymbol(X) mcolor(green))")
    outside = [x for x in graph.panels[0].series if x.kind == "scatter"][0]
    assert outside.marker == "X" and outside.color == "#00ff00"


def test_dot_line_types(s):
    _, fig = drawn(s, "graph dot y, over(g)")
    grid = [t.gridline for t in axes(fig).yaxis.get_major_ticks()]
    assert grid[0]._dash_pattern[1] is not None  # dotted
    _, fig = drawn(s, "graph dot y, over(g) linetype(line) lines(lcolor(red))")
    line = axes(fig).yaxis.get_major_ticks()[0].gridline
    assert line._dash_pattern[1] is None and to_hex(line.get_color()) == "#ff0000"
    _, fig = drawn(s, "graph dot y, over(g) linetype(rectangle)")  # rectangles, no dotted line
    assert len(artists(fig, "category-rectangles")) == 3 and not axes(fig).yaxis.get_major_ticks()[0].gridline.get_visible()


def test_style_options_choose_the_plot_style(s):
    """bar(#, pstyle(p3)) / bstyle() / box(#, pstyle()) / marker(#, mstyle()) draw in p3's colour."""
    p3 = style.series_color(3, "s2color")
    for command in ("graph bar y z, over(g) bar(1, pstyle(p3))", "graph bar y z, over(g) bar(1, bstyle(p3))",
                    "graph box y z, over(g) box(1, pstyle(p3))"):
        graph, fig = drawn(s, command)
        assert graph.panels[0].series[0].style == 3
        kind = "box" if "box" in command else "bar"
        first = [a for a in artists(fig, f"p1-s1-{kind}") if hasattr(a, "get_facecolor")]
        assert to_hex(first[0].get_facecolor()) == p3, command
    graph, fig = drawn(s, "graph dot y z, over(g) marker(2, mstyle(p3))")
    assert to_hex(artists(fig, "p1-s2-scatter")[0].get_markerfacecolor()) == p3
    graph, fig = drawn(s, "graph bar y z, over(g) bar(1, pstyle(p3) color(red))")  # typed colours win
    assert to_hex(bars(fig, "p1-s1-bar")[0].get_facecolor()) == "#ff0000"


def test_look_suboptions_are_those_of_the_element(s):
    """bar()/box() take Stata's barlook_options, marker() its marker_options; a dot chart has
    no bar intensity: Stata's ``option ... not allowed``."""
    for command in ("graph bar y, over(g) bar(1, msymbol(D))", "graph box y, over(g) box(1, msize(large))",
                    "graph dot y, over(g) marker(1, fcolor(red))", "graph dot y, over(g) intensity(30)"):
        out, rc = run(s, command, stop_on_error=False)
        assert rc == 198 and "not allowed" in out, command


def test_over_total_adds_a_group_of_every_observation(s):
    graph, fig = drawn(s, "graph bar y, over(g, total)")
    y, g = s.data.numeric("y"), s.data.numeric("g")
    heights = sorted(r.get_height() for r in bars(fig, "p1-s1-bar"))
    want = [y[g == k].mean() for k in (1, 2, 3)] + [y.mean()]
    np.testing.assert_allclose(heights, sorted(want))
    assert tick_texts(axes(fig), "x") == ["low", "mid", "high", "Total"]
    graph, fig = drawn(s, "graph box y, over(g, total)")
    medians = [st[1] for st in graph.panels[0].series[0].stats]
    assert medians[-1] == pytest.approx(np.median(y)) and len(medians) == 4
    assert tick_texts(axes(fig), "x")[-1] == "Total"
    _, fig = drawn(s, "graph bar y, over(g, total sort(1) descending)")  # Total stays last
    assert tick_texts(axes(fig), "x")[-1] == "Total"
    assert sorted(tick_texts(axes(fig), "x")[:3]) == ["high", "low", "mid"]


def test_dot_chart_ndots_and_dots_look(s):
    """ndots(#): each category's line is # markers from one end of the value axis to the
    other; dots() their look; the dotted grid line gives way to them."""
    graph, fig = drawn(s, "graph dot y, over(g) ndots(20) dots(msymbol(O) mcolor(red) msize(small))")
    (dots,) = artists(fig, "category-dots")
    ax = axes(fig)
    xs, ys = np.asarray(dots.get_xdata()), np.asarray(dots.get_ydata())
    assert len(xs) == 20 * 3 and sorted(set(ys)) == sorted(graph.panels[0].yticks)
    lo, hi = ax.get_xlim()
    np.testing.assert_allclose(xs[:20], np.linspace(lo, hi, 20))
    assert dots.get_marker() == "o" and to_hex(dots.get_markerfacecolor()) == "#ff0000"
    assert dots.get_markersize() == pytest.approx(style.MARKER_SIZES["small"])
    assert not any(line.get_visible() for line in ax.get_ygridlines())
    _, fig = drawn(s, "graph dot y, over(g) dots(mcolor(blue))")  # Stata's default 100 dots
    (dots,) = artists(fig, "category-dots")
    assert len(dots.get_xdata()) == 300 and to_hex(dots.get_markerfacecolor()) == "#0000ff"
    _, fig = drawn(s, "graph dot y, over(g)")
    assert not artists(fig, "category-dots")  # the default dotted line


def test_outergap_sets_the_space_beyond_the_outer_bars(s):
    """outergap(#): # percent of a bar's width between the outer bars and the axis' ends;
    outergap(*#): # times the gap drawn by default."""
    graph, fig = drawn(s, "graph bar y, over(g) outergap(50)")
    x = graph.panels[0].series[0].x
    assert axes(fig).get_xlim() == pytest.approx((x.min() - 0.5 - 0.5, x.max() + 0.5 + 0.5))
    graph, fig = drawn(s, "graph hbar y, over(g) outergap(0)")
    assert sorted(axes(fig).get_ylim()) == pytest.approx([x.min() - 0.5, x.max() + 0.5])
    _, plain = drawn(s, "graph bar y, over(g)")
    _, once = drawn(s, "graph bar y, over(g) outergap(*1)")
    _, twice = drawn(s, "graph bar y, over(g) outergap(*2)")
    assert axes(once).get_xlim() == pytest.approx(axes(plain).get_xlim())
    default_gap = (x.min() - 0.5) - axes(plain).get_xlim()[0]
    assert (x.min() - 0.5) - axes(twice).get_xlim()[0] == pytest.approx(2 * default_gap)
    graph, fig = drawn(s, "graph box y, over(g) outergap(25)")
    x = graph.panels[0].series[0].x
    assert axes(fig).get_xlim() == pytest.approx((x.min() - 0.5 - 0.25, x.max() + 0.5 + 0.25))


def test_over_axis_line_options(s):
    _, fig = drawn(s, "graph bar y, over(g, axis(lcolor(red) lwidth(thick)))")
    spine = axes(fig).spines["bottom"]
    assert to_hex(spine.get_edgecolor()) == "#ff0000"
    assert spine.get_linewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    _, fig = drawn(s, "graph bar y, over(g, axis(noline))")
    assert not axes(fig).spines["bottom"].get_visible()
    _, fig = drawn(s, "graph hbar y, over(g, axis(noline))")  # the category axis runs down
    assert not axes(fig).spines["left"].get_visible() and axes(fig).spines["bottom"].get_visible()
    out, rc = run(s, "graph bar y, over(g, axis(foo))", stop_on_error=False)
    assert rc == 198 and "not allowed" in out
