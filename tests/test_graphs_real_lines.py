"""Graph lines of public do-files (tests/graphs_reference/real_graph_lines.txt) that mlm refused
though Stata takes them: each drawn here and read back from the matplotlib objects."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import all_texts, axes, bars, drawn, line_xy, make_session, run, segments


@pytest.fixture()
def s():
    return make_session(n=60)


def _heights(fig, gid="p1-s1-bar", horizontal=False):
    rects = sorted(bars(fig, gid), key=lambda r: r.get_y() if horizontal else r.get_x())
    return [r.get_width() if horizontal else r.get_height() for r in rects]


# ------------------------------------------------------------------ graph bar without yvars
def test_bar_over_without_yvars_draws_percent_of_observations(s):
    # [G-2] graph bar: "yvars is optional if the option over(varname) is specified. percent is
    # the default statistic, and percentages are calculated over varname"
    graph, fig = drawn(s, "graph bar if x > 4, over(g)")
    x, g = s.data.numeric("x"), s.data.numeric("g")
    counts = np.array([np.sum((x > 4) & (g == k)) for k in (1, 2, 3)])
    np.testing.assert_allclose(_heights(fig), 100 * counts / counts.sum())
    assert axes(fig).get_ylabel() == "percent"
    assert [t.get_text() for t in axes(fig).get_xticklabels() if t.get_text()] == ["low", "mid", "high"]


def test_bar_count_without_varlist_counts_observations_in_each_cell(s):
    graph, fig = drawn(s, "graph bar (count) if x > 2, over(h) over(g)")
    x, g, h = (s.data.numeric(v) for v in ("x", "g", "h"))
    want = [np.sum((x > 2) & (g == k) & (h == j)) for k in (1, 2, 3) for j in (0, 1)]
    np.testing.assert_allclose(_heights(fig), want)
    assert axes(fig).get_ylabel() == "frequency"


def test_hbar_percent_without_varlist_sorted_descending(s):
    run(s, "replace g = 1 in 1/10")  # g=1 the largest group
    graph, fig = drawn(s, "graph hbar (percent), over(g, sort(1) descending) bar(1, bcolor(green))")
    g = s.data.numeric("g")
    shares = {k: 100 * np.mean(g == k) for k in (1, 2, 3)}
    ax = axes(fig)
    rects = bars(fig, "p1-s1-bar")
    by_row = sorted(rects, key=lambda r: r.get_y())
    # hbar: the first category on top (the y axis reversed), largest first after sort(1) descending
    order = sorted(by_row, key=lambda r: r.get_y(), reverse=ax.yaxis_inverted() is False)
    np.testing.assert_allclose(sorted((r.get_width() for r in rects), reverse=True),
                               sorted(shares.values(), reverse=True))
    assert max(rects, key=lambda r: r.get_width()).get_width() == pytest.approx(shares[1])
    _, green = drawn(s, "graph hbar (percent), over(g) bar(1, color(green))")
    assert {to_hex(r.get_facecolor()) for r in rects} == {to_hex(bars(green, "p1-s1-bar")[0].get_facecolor())}
    assert order  # drawn


def test_dot_over_without_yvars_and_errors_without_over(s):
    graph, fig = drawn(s, "graph dot, over(h)")
    np.testing.assert_allclose(graph.panels[0].series[0].x, [50, 50])  # h: 0/1 alternating
    for text in ("graph bar (mean), over(g)", "graph box, over(g)", "graph bar (percent)"):
        out, rc = run(s, text, stop_on_error=False)
        assert rc == 100 and "varlist required" in out, (text, out)


# ------------------------------------------------------------------ abbreviations and old names
def test_combine_hole_abbreviates_holes(s):
    run(s, "scatter y x, name(a)\nscatter y x, name(b)")
    _, holes = drawn(s, "graph combine a b, cols(2) holes(2)")
    _, hole = drawn(s, "graph combine a b, cols(2) hol(2)")  # the manual's own example types hole(3)
    box = lambda fig, gid: axes(fig, gid).get_window_extent()  # noqa: E731
    for fig in (holes, hole):
        assert box(fig, "part2-panel1").y1 < box(fig, "part1-panel1").y0  # b below a: cell 2 empty
    assert box(hole, "part2-panel1").bounds == pytest.approx(box(holes, "part2-panel1").bounds)


def test_weight_abbreviated_w_is_the_default_weight(s):
    aw, _ = drawn(s, "scatter y x [aw=w]")
    w, _ = drawn(s, "scatter y x [w=w]")  # [G-2] graph twoway scatter's example: [w=pop65p]
    np.testing.assert_allclose(w.panels[0].series[0].marker_scales, aw.panels[0].series[0].marker_scales)
    assert len(set(np.round(w.panels[0].series[0].marker_scales, 6))) == 3


def test_ml_abbreviates_mlabel(s):
    _, fig = drawn(s, "scatter y x if g == 3, ml(g)")
    assert all_texts(fig).count("high") == 20


@pytest.mark.parametrize("old, new", [("clpat(dash)", "lpattern(dash)"), ("clwidth(*3)", "lwidth(*3)"),
                                      ("clc(red)", "lcolor(red)"), ("clstyle(p2)", "lstyle(p2)")])
def test_stata8_connected_line_names(s, old, new):
    def look(text):
        series = drawn(s, text)[0].panels[0].series[0]
        return series.pattern, series.line_width, series.line_color, series.color, series.style

    assert look(f"line y x, sort {old}") == look(f"line y x, sort {new}") != look("line y x, sort")
    assert look(f"twoway function y = x^2, {old}") == look(f"twoway function y = x^2, {new}")


def test_function_connect_stepstair_and_none(s):
    _, fig = drawn(s, "twoway function y=x, range(0 1) n(3) connect(stepstair)")
    (path,) = segments(fig, "p1-s1-line")
    np.testing.assert_allclose(path, [[0, 0], [.5, 0], [.5, .5], [1, .5], [1, 1]])
    _, fig = drawn(s, "twoway function y=x, range(0 1) n(3) c(i)")
    assert all(len(seg) == 1 for seg in segments(fig, "p1-s1-line"))  # no point joined to another


# ------------------------------------------------------------------ gaps, boxes
def test_negative_titlegap_pulls_the_axis_title_in(s):
    def room(text):  # from the plot region's bottom down to the x title's top
        ax = axes(drawn(s, text)[1])
        return ax.get_window_extent().y0 - ax.xaxis.label.get_window_extent().y1

    plain, inward = room("scatter y x, xscale(titlegap(0))"), room("scatter y x, xscale(titlegap(-3.5))")
    assert inward == pytest.approx(plain - 3.5 * 2.88 * 100 / 72, rel=0.05)  # 3.5 units of 2.88pt at 100 dpi
    _, fig = drawn(s, "scatter y x, xscale(outergap(-2))")
    assert axes(fig).get_window_extent().height > 0


def test_nobexpand_is_the_default_box(s):
    _, plain = drawn(s, 'scatter y x, subtitle("S", box)')
    _, said = drawn(s, 'scatter y x, subtitle("S", box nobexpand) legend(nobexpand)')
    width = lambda fig: [t for t in fig.findobj(lambda a: hasattr(a, "get_text"))  # noqa: E731
                         if t.get_text() == "S"][0].get_bbox_patch().get_window_extent().width
    assert width(said) == pytest.approx(width(plain))
    _, wide = drawn(s, 'scatter y x, subtitle("S", box bexpand)')
    assert width(wide) > 3 * width(plain)


# ------------------------------------------------------------------ graph box marker(#, mlabel())
def test_box_marker_abbreviated_labels_the_outside_values(s):
    run(s, "replace y = 30 in 1\nreplace y = -20 in 5")  # rows 1 (g low) and 5 (g mid): outside
    graph, fig = drawn(s, "graph box y, mark(1, mlab(g) mlabcolor(red))")  # [G-2] graph box: m:arker()
    (box, outside) = graph.panels[0].series
    np.testing.assert_allclose(outside.y, [30, -20])
    assert outside.labels == ("low", "mid") and outside.label_color == "#ff0000"
    assert {"low", "mid"} <= set(all_texts(fig))
    graph, _ = drawn(s, "graph hbox y, over(h) by(g) m(1, mlabel(x) mlabformat(%4.1f))")
    drawn_labels = [sr.labels for p in graph.panels for sr in p.series if sr.kind == "scatter"]
    x = s.data.numeric("x")
    assert drawn_labels == [(f"{x[0]:4.1f}".strip(),), (f"{x[4]:4.1f}".strip(),)]


def test_unknown_text_size_gets_stata_note_and_the_default_size(s):
    out, rc = run(s, 'graph hbar (percent), over(g) title("Veggie", size(med)) legend(size(bogus))')
    assert rc == 0
    assert "(note:  named style med not found in class gsize, default attributes used)" in out
    assert "(note:  named style bogus not found in class gsize, default attributes used)" in out
    _, typed = drawn(s, 'scatter y x, title("T", size(med))')
    _, plain = drawn(s, 'scatter y x, title("T")')
    size = lambda fig: [t for t in fig.findobj(lambda a: hasattr(a, "get_text"))  # noqa: E731
                        if t.get_text() == "T"][0].get_fontsize()
    assert size(typed) == size(plain)
    out, rc = run(s, 'scatter y x, title("T", size(-3))', stop_on_error=False)
    assert rc == 198 and "option size(-3) incorrectly specified" in out


def test_margin_of_one_number_is_looked_up_as_a_style_name(s):
    # plotregion(margin(0)) in public do-files: no "# # # #", so a style name Stata does not have:
    # its note and no margin (what margin(zero) draws)
    out, rc = run(s, "scatter y x, plotregion(margin(0))")
    assert rc == 0 and "(note:  named style 0 not found in class margin, default attributes used)" in out
    _, fig = drawn(s, "scatter y x, plotregion(margin(0)) xlabel(2 4 6 8)")
    x = s.data.numeric("x")
    assert axes(fig).get_xlim() == pytest.approx((x.min(), x.max()))
    out, rc = run(s, "scatter y x, plotregion(margin(1 2))", stop_on_error=False)
    assert rc == 198


# ------------------------------------------------------------------ Kohler's do-files (lmesup)
def test_or_piece_with_only_if_is_the_whole_graphs(s):
    graph, fig = drawn(s, "tw || scatter y x || scatter y x if g == 1 || if h == 1")
    h, g = s.data.numeric("h"), s.data.numeric("g")
    first, second = graph.panels[0].series
    assert len(first.x) == int(np.sum(h == 1)) and len(second.x) == int(np.sum((h == 1) & (g == 1)))
    x, _ = line_xy(fig, "p1-s1-scatter")
    np.testing.assert_allclose(np.sort(x), np.sort(s.data.numeric("x")[h == 1]))
    out, rc = run(s, "tw scatter y x || if", stop_on_error=False)
    assert rc == 198


def test_gstyle_is_stata8s_grid_style(s):
    out, rc = run(s, "scatter y x, ylabel(, grid gstyle(dot))")
    assert rc == 0 and "(note:  named style dot not found in class gridstyle, default attributes used)" in out
    _, fig = drawn(s, "scatter y x, ylabel(, grid gstyle(major))")
    assert any(line.get_visible() for line in axes(fig).get_ygridlines())


def test_spike_old_line_names_and_lowess_sort(s):
    typed, _ = drawn(s, "twoway rspike y z x, blcolor(red) blwidth(thick)")
    current, _ = drawn(s, "twoway rspike y z x, lcolor(red) lwidth(thick)")
    look = lambda g: (g.panels[0].series[0].line_color, g.panels[0].series[0].line_width)  # noqa: E731
    assert look(typed) == look(current) != look(drawn(s, "twoway rspike y z x")[0])
    sorted_, _ = drawn(s, "twoway lowess y x, sort")
    plain, _ = drawn(s, "twoway lowess y x")
    np.testing.assert_allclose(sorted_.panels[0].series[0].y, plain.panels[0].series[0].y)


def test_textbox_abbreviations(s):
    _, fig = drawn(s, 'scatter y x, title("T", si(large) c(red))')
    (title,) = [t for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text() == "T"]
    _, full = drawn(s, 'scatter y x, title("T", size(large) color(red))')
    (want,) = [t for t in full.findobj(lambda a: hasattr(a, "get_text")) if t.get_text() == "T"]
    assert title.get_fontsize() == want.get_fontsize() and to_hex(title.get_color()) == "#ff0000"


def test_eps_orientation_is_honoured(s, tmp_path):
    run(s, "scatter y x")
    out, rc = run(s, f'graph export "{tmp_path}/f.eps", orientation(landscape)', stop_on_error=False)
    assert rc == 0 and "%%Orientation: Landscape" in (tmp_path / "f.eps").read_text(encoding="latin-1")


def test_chart_direction_options(s):
    def rects(text, gid="p1-s1-bar"):
        _, fig = drawn(s, text)
        return sorted((round(r.get_width(), 9), round(r.get_height(), 9)) for r in bars(fig, gid))

    assert rects("graph bar y, over(g) horizontal") == rects("graph hbar y, over(g)")
    assert rects("graph hbar y, over(g) vertical") == rects("graph bar y, over(g)")
    box, _ = drawn(s, "graph box y, over(g) horizontal")
    hbox, _ = drawn(s, "graph hbox y, over(g)")
    assert box.panels[0].series[0].horizontal and hbox.panels[0].series[0].horizontal
    np.testing.assert_allclose(box.panels[0].series[0].stats, hbox.panels[0].series[0].stats)
    # graph dot, vertical: drawn upright since rl40 (bargraph_g.class; test_graphs_real_lines_third)
    graph, _ = drawn(s, "graph dot y, over(g) vertical")
    assert graph.xaxis.grid and graph.yaxis.grid is False


# ------------------------------------------------------------------ mlabel(varlist)
def test_mlabel_varlist_labels_each_y_with_its_own_variable(s):
    # [G-3] marker_label_options: "When lists are allowed, option mlabel() allows a varlist in
    # place of a varname" (scatter allows lists): y i is labelled by the list's i-th variable
    run(s, 'gen str4 a = "A" + string(_n)\ngen str4 b = "B" + string(_n)')
    graph, fig = drawn(s, "scatter y x x in 1/5, mlabel(a b)")
    first, second = graph.panels[0].series[:2]
    assert first.labels == ("A1", "A2", "A3", "A4", "A5")
    assert second.labels == ("B1", "B2", "B3", "B4", "B5")
    texts = {t.get_text() for t in axes(fig).texts}
    assert {"A1", "B5"} <= texts
    _, one = drawn(s, "scatter y x in 1/5, mlabel(a)")
    assert {t.get_text() for t in axes(one).texts} >= {"A1", "A5"}
    out, rc = run(s, "scatter y x, mlabel(a nosuch)", stop_on_error=False)
    assert rc == 111 and "nosuch not found" in out


# ------------------------------------------------------------------ plabel(..., textbox_options)
def test_pie_plabel_box_draws_a_framed_filled_label(s):
    # [G-2] graph pie: plabel({_all|#} {sum|percent|name|"text"} [, format() gap() textbox_options]);
    # Kohler's anlr.do: plabel(_all percent, box fcolor(white) lcolor(black) size(*1.2) format(%3.1f))
    graph, fig = drawn(s, "graph pie, over(g) plabel(_all percent, box fcolor(yellow) lcolor(red) "
                          "size(*1.2) format(%3.1f))")
    texts = graph.panels[0].texts
    g = s.data.numeric("g")
    want = sorted(f"{100 * np.mean(g == k):.1f}%" for k in (1, 2, 3))
    assert sorted(t.text for t in texts) == want
    assert all(t.box and t.fill is not None and t.line is not None for t in texts)
    labels = [t for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text() in want]
    assert len(labels) == 3
    patch = labels[0].get_bbox_patch()
    assert patch is not None and to_hex(patch.get_facecolor()) == to_hex("yellow")
    assert to_hex(patch.get_edgecolor()) == to_hex("red")
    _, plain = drawn(s, "graph pie, over(g) plabel(_all percent, format(%3.1f))")
    assert all(t.get_bbox_patch() is None for t in plain.findobj(lambda a: hasattr(a, "get_text"))
               if t.get_text() in want)


# ------------------------------------------------------------------ legend(width())
def test_legend_width_sets_the_legend_box_width(s):
    # [G-3] legend_options lists textbox_options ("other text characteristics"); textbox_options'
    # width(relativesize): Kohler's anvotstrat.do types legend(pos(2) col(1) width(30))
    def width(opt):
        _, fig = drawn(s, f"scatter y x || line y x, legend({opt})")
        fig.canvas.draw()
        (legend,) = fig.findobj(lambda a: a.__class__.__name__ == "Legend")
        return legend.get_window_extent().width * 72 / fig.dpi

    # relativesize: % of the graph's shorter side (4 inches = 288 points by default)
    assert width("width(30)") == pytest.approx(0.30 * 288, abs=0.5)
    assert width("pos(2) col(1) width(60)") == pytest.approx(0.60 * 288, abs=0.5)
    assert width("") != pytest.approx(0.30 * 288, abs=0.5)


# ------------------------------------------------------------------ twoway bar|dot y1 y2 ... x
def test_twoway_bar_and_dot_take_several_y_variables(s):
    # Kohler's ancomp_2.do: twoway bar comp5 comp4 ... comp1 axis, horizontal fcolor(gs16 gs12 ...)
    # (a stylelist: one element per y, so Stata took several ys); each y its own plot style
    run(s, "gen y2 = y + 1")
    graph, fig = drawn(s, "twoway bar y2 y x in 1/5, horizontal")
    first, second = graph.panels[0].series
    np.testing.assert_allclose(first.y, s.data.numeric("y2")[:5])
    np.testing.assert_allclose(second.y, s.data.numeric("y")[:5])
    assert (first.style, second.style) == (1, 2)
    one, two = bars(fig, "p1-s1-bar"), bars(fig, "p1-s2-bar")
    np.testing.assert_allclose(sorted(r.get_width() for r in two), sorted(s.data.numeric("y")[:5]))
    assert to_hex(one[0].get_facecolor()) != to_hex(two[0].get_facecolor())
    graph, _ = drawn(s, "twoway dot y2 y x in 1/5")
    markers = [p for p in graph.panels[0].series if len(p.x) == 5]
    assert [m.style for m in markers] == [1, 2]
    np.testing.assert_allclose(markers[1].y, s.data.numeric("y")[:5])
    # twoway area too ([G-2] graph twoway area's own `twoway area y1 y2 x, cmissing(n)`:
    # tests/test_graphs_manual_lines.py); a range plot's third y is still too many
    graph, _ = drawn(s, "twoway area y2 y x")
    assert [(a.kind, a.style) for a in graph.panels[0].series] == [("area", 1), ("area", 2)]
    out, rc = run(s, "twoway rarea y2 y x x", stop_on_error=False)
    assert rc == 103 and "too many variables specified" in out


# ------------------------------------------------------------------ textboxes' bfcolor()/blcolor()
@pytest.mark.parametrize("old, new", [("bfcolor(red)", "fcolor(red)"), ("blcolor(blue)", "lcolor(blue)"),
                                      ("blwidth(thick)", "lwidth(thick)")])
def test_textbox_old_box_names(s, old, new):
    # subtitle(, bfcolor(none)) in many public do-files (Kohler's grplurality_by_country.do and
    # others with ///): the box's b-prefixed names, as bars' bfcolor() is fcolor()
    def box(text):
        _, fig = drawn(s, f"scatter y x, title(T, box {text})")
        (t,) = [t for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text() == "T"]
        p = t.get_bbox_patch()
        return to_hex(p.get_facecolor()), to_hex(p.get_edgecolor()), p.get_linewidth()

    assert box(old) == box(new) != box("")
