"""Graph lines of the public do-files added to tests/graphs_reference/real_graph_lines.txt in the
third round (rl40: Cunningham's Mixtape, asjadnaqvi's Stata Guide, jhustata's courses, Yubo-Wei's
and mshams1's Stata courses, grodri's markstat, zhangdashenqi's Stata-Graph, pipegalera's applied
econometrics, jimbotyson's graphing notes) that mlm stopped on though Stata takes them, and the
unknown-behaviour lines the class files of a Stata install settle: each drawn here and read back
from the matplotlib objects."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, axes, drawn, make_session, run, segments


@pytest.fixture()
def s():
    return make_session(n=60)


# ------------------------------------------------------------------ yxview style options
def _line_points(fig, gid):
    (seg,) = segments(fig, gid)
    return seg


def test_line_takes_marker_options_and_draws_the_line(s):
    # Mixtape's lmb2004.do: `line smoothdem01 x01, msize(small) color(gray) sort || ...`
    _, fig = drawn(s, "line y x, msize(small) color(gray) sort")
    seg = _line_points(fig, "p1-s1-line")
    order = np.argsort(s.data.df["x"].to_numpy(), kind="stable")
    np.testing.assert_allclose(seg[:, 0], s.data.df["x"].to_numpy()[order])
    np.testing.assert_allclose(seg[:, 1], s.data.df["y"].to_numpy()[order])
    # no markers: the line's Line2D/collection only
    assert not artists(fig, "p1-s1-scatter")


def test_lfit_takes_marker_size_and_jitter(s):
    # Mixtape's rdd_simulate1.do (`lfit y1 x, lcolor(red) msize(small) ...`) and lmb2004.do
    # (`lfit score demvoteshare if democrat==0, color(red) legend(off) jitter(5)`)
    _, fig = drawn(s, "twoway (scatter y x) (lfit y x, lcolor(red) msize(small) jitter(5)), legend(off)")
    seg = _line_points(fig, "p1-s2-line")
    b, a = np.polyfit(s.data.df["x"], s.data.df["y"], 1)
    np.testing.assert_allclose(seg[:, 1], a + b * seg[:, 0], rtol=1e-6)
    assert seg[:, 0].min() == pytest.approx(s.data.df["x"].min())


def test_range_plots_take_sort_and_bar_outline_names(s):
    # rcap/rscatter `sort` (yxview's SORT) and rline `bcolor(mint) blwidth(thick)` (its BColor,
    # BLWidth: the area style a line view does not draw)
    run(s, "gen hi = y + 1\ngen lo = y - 1")
    _, fig = drawn(s, "twoway (rcap hi lo x, sort) (rscatter hi lo x, sort) "
                      "(rline hi lo x, sort bcolor(mint) blwidth(thick) blpattern(dash))")
    (caps,) = artists(fig, "p1-s1-rcap")
    assert len(caps.get_segments()) == 60
    (upper,) = artists(fig, "p1-s2-scatter")  # rscatter: hi's markers, then lo's
    np.testing.assert_allclose(np.sort(upper.get_ydata()), np.sort(s.data.df["hi"].to_numpy()))
    seg = _line_points(fig, "p1-s4-line")  # rline: hi's line in x order
    np.testing.assert_allclose(seg[:, 0], np.sort(s.data.df["x"].to_numpy()))


def test_scatter_takes_the_box_names_of_its_area_style(s):
    # a learner's transcription of Mitchell: `scatter ..., blcolor(green) blwidth(thick)`
    _, fig = drawn(s, "scatter y x, blcolor(green) blwidth(thick) mcolor(red)")
    (markers,) = artists(fig, "p1-s1-scatter")
    from matplotlib.colors import to_hex

    assert to_hex(markers.get_markerfacecolor()) == "#ff0000"
    assert len(markers.get_xdata()) == 60


def test_line_nodropbase(s):
    # zhangdashenqi's twoway_area_4.do: `twoway (line y x in 102/-1, cmiss(n) nodropbase)`
    _, fig = drawn(s, "twoway (line y x in 31/-1, cmiss(n) nodropbase)")
    seg = np.concatenate(segments(fig, "p1-s1-line"))
    assert len(seg) == 30


def test_ci_plots_still_refuse_marker_options(s):
    # lfitci builds two views (no yxview parser): its options stay its own
    out, rc = run(s, "twoway lfitci y x, msize(small)", stop_on_error=False)
    assert rc == 198 and "option msize() not allowed" in out


# ------------------------------------------------------------------ twoway area y1 y2 x
def test_area_of_several_y(s):
    # jhustata's lecture7.do: `graph twoway area ecd scd yr`
    run(s, "clear\nset obs 5\ngen yr = 2000 + _n\ngen ecd = _n\ngen scd = 2 * _n")
    _, fig = drawn(s, "graph twoway area ecd scd yr")
    first = artists(fig, "p1-s1-area")
    second = artists(fig, "p1-s2-area")
    assert first and second
    top1 = first[0].get_paths()[0].vertices[:, 1].max()
    top2 = second[0].get_paths()[0].vertices[:, 1].max()
    assert (top1, top2) == (pytest.approx(5), pytest.approx(10))


# ------------------------------------------------------------------ graph export, wid()
def test_export_width_abbreviated(s, tmp_path):
    # asjadnaqvi's do-files: `graph export ..., replace wid(1000)` (png_options: wid:th, hei:ght)
    run(s, "scatter y x")
    target = tmp_path / "w.png"
    out, rc = run(s, f'graph export "{target}", replace wid(400)')
    assert rc == 0, out
    from PIL import Image

    assert Image.open(target).size[0] == 400
    out, rc = run(s, f'graph export "{target}", replace hei(300)')
    assert rc == 0 and Image.open(target).size[1] == 300
    out, rc = run(s, f'graph export "{target}", replace wi(300)', stop_on_error=False)
    assert rc == 198 and "option wi() not allowed" in out


# ------------------------------------------------------------------ settled by the class files
def test_graph_dot_vertical(s):
    # bargraph_g.class makegraph: "dots default horiz" unless vertical is typed
    _, fig = drawn(s, "graph dot (mean) y, over(g) vertical")
    ax = axes(fig)
    from graphs_helpers import tick_texts

    assert tick_texts(ax, "x") == ["low", "mid", "high"]  # the categories along x
    (dots,) = artists(fig, "p1-s1-scatter")
    means = s.data.df.groupby("g")["y"].mean().to_numpy()
    np.testing.assert_allclose(dots.get_ydata(), means)  # the values up y
    assert all(line.get_visible() for line in ax.get_xgridlines())  # the dotted line per category
    assert not any(line.get_visible() for line in ax.get_ygridlines())
    # the lines' own options stand upright too since rf43 (test_graphs_dot_vertical_lines.py)
    _, fig = drawn(s, "graph dot (mean) y, over(g) vertical ndots(20)")
    (column, *_) = artists(fig, "category-dots")
    assert len(column.get_xdata()) == 60


def test_over_sort_two_variables_sorts_by_the_first(s):
    # bargraph_g.class's SetSort: `gettoken stat name : sort, match(paren)` keeps one word
    _, fig = drawn(s, "graph bar (mean) y, over(g, sort(x y))")
    from graphs_helpers import tick_texts

    order = s.data.df.groupby("g")["x"].mean().sort_values().index
    names = {1: "low", 2: "mid", 3: "high"}
    assert tick_texts(axes(fig), "x") == [names[int(v)] for v in order]
    out, rc = run(s, "graph bar (mean) y, over(g, sort((mean) x y))", stop_on_error=False)
    assert rc == 198


def _title_place(fig):
    from graphs_helpers import subfigures

    for holder in subfigures(fig):
        for t in holder.texts:
            if t.get_text() == "T":
                box = t.get_window_extent()
                return round(box.x0), round(box.y0)
    raise AssertionError("no title")


def test_title_position_outside_the_clock(s):
    # the World Bank's visual library: title(..., pos(17)); _fr_title_parse_and_log.ado edits the
    # clockdir style: a name it lacks gets the note and the scheme's place
    out, rc = run(s, 'scatter y x, title("T", pos(17))')
    assert rc == 0 and "(note:  named style 17 not found in class clockdir, default attributes used)" in out
    from graphs_helpers import figure

    seventeen = _title_place(figure(s.graphs[-1]))
    run(s, 'scatter y x, title("T")')
    assert _title_place(figure(s.graphs[-1])) == seventeen
    run(s, 'scatter y x, title("T", pos(9))')
    assert _title_place(figure(s.graphs[-1])) != seventeen
    out, rc = run(s, 'scatter y x, title("T", position(left))')  # clockdir's _unabbrev: 9
    assert rc == 0 and "note" not in out
    left = _title_place(figure(s.graphs[-1]))
    run(s, 'scatter y x, title("T", pos(9))')
    assert _title_place(figure(s.graphs[-1])) == left


def test_by_scale(s):
    # a learner's `graph matrix ..., by(north, compact scale(*1.3))`: bygraph_g.class reads SCALE()
    graph, fig = drawn(s, "scatter y x, by(g, scale(*1.3))")
    assert graph.scale == pytest.approx(1.3)
    plain, fig0 = drawn(s, "scatter y x, by(g)")
    size = lambda f: axes(f, "panel1").yaxis.get_major_ticks()[0].label1.get_fontsize()  # noqa: E731
    assert size(fig) == pytest.approx(1.3 * size(fig0))
    graph, _ = drawn(s, "graph matrix y x z, by(h, compact scale(*1.3))")
    assert graph.scale == pytest.approx(1.3)
    out, rc = run(s, "scatter y x, by(g, scale(0))", stop_on_error=False)
    assert rc == 198


def test_by_inner_panels_draw_no_axis_lines(s):
    # bygraph_g.class set_axes_shown (s2color: by_indiv_yaxes no) and axis.class real_draw:
    # an inner panel's axis is not drawn (no line, ticks, labels); its grid lines are
    _, fig = drawn(s, "scatter y x, by(g, cols(2))")
    first, second, third = (axes(fig, f"panel{i}") for i in (1, 2, 3))
    assert not first.spines["bottom"].get_visible() and first.spines["left"].get_visible()
    assert not second.spines["left"].get_visible() and second.spines["bottom"].get_visible()
    assert third.spines["left"].get_visible() and third.spines["bottom"].get_visible()
    assert any(line.get_visible() for line in second.get_ygridlines())
    _, fig = drawn(s, "scatter y x, by(g, cols(3) iyaxes)")
    assert axes(fig, "panel2").spines["left"].get_visible()


def test_stata7_symbol_option(s):
    # Kohler-era `twoway line y x, c(l) s(i) yline(0) xline(0)`: yxview's factor reads Symbol()
    # as msymbol() -- the line drawn, no markers; on scatter s() is the marker symbol
    graph, fig = drawn(s, "twoway line y x, c(l) s(i) yline(0) xline(0)")
    assert [p.kind for p in graph.panels[0].series] == ["line"]
    graph, fig = drawn(s, "scatter y x, s(D)")
    assert graph.panels[0].series[0].marker == "D"
    (markers,) = artists(fig, "p1-s1-scatter")
    assert markers.get_marker() == "D"


def test_spike_and_dropline_of_several_y(s):
    # twoway_bar_parse.class (spike, dropline): "Allows multiple view[s] to be created from one
    # parse" -- each y its own spikes from the base, in its own plot style
    run(s, "gen y2 = y + 1")
    graph, fig = drawn(s, "twoway spike y2 y x in 1/5")
    first, second = graph.panels[0].series
    np.testing.assert_allclose(first.y2, s.data.numeric("y2")[:5])
    np.testing.assert_allclose(second.y2, s.data.numeric("y")[:5])
    assert (first.style, second.style) == (1, 2)
    graph, _ = drawn(s, "twoway dropline y2 y x in 1/5")
    assert [p.kind for p in graph.panels[0].series] == ["rspike", "scatter", "rspike", "scatter"]
    # mlabel() with several y: built since rf43 (tests/test_graphs_rf43_lines.py)
    graph, _ = drawn(s, "twoway dropline y2 y x in 1/5, mlabel(g)")
    assert graph.panels[0].series[1].labels is not None and graph.panels[0].series[3].labels is None


def test_line_takes_marker_labels_and_draws_none(s):
    # yxview.class: yxview_line_draw sets the line style and draws the line, no _draw_points --
    # mlabel() on a line is taken and shows nothing; on scatter it labels
    graph, fig = drawn(s, "line y x, sort mlabel(g) mlabsize(small)")
    assert graph.panels[0].series[0].labels is None
    assert not [t for t in axes(fig).texts if t.get_text() in ("low", "mid", "high")]
    graph, fig = drawn(s, "scatter y x in 1/3, mlabel(g)")
    assert {t.get_text() for t in axes(fig).texts} >= {"low", "mid", "high"}
    out, rc = run(s, "line y x, mlabel(nosuch)", stop_on_error=False)  # yxview's unab
    assert rc == 111 and "variable nosuch not found" in out
