"""The look suboptions once read and left undrawn: each is drawn (checked on the matplotlib
figure) or refused with ``option X not supported by mlmcli`` r(198)."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, axes, drawn, legend_texts, make_session, refused, run, subfigures, tick_texts
from mlmcli.graphs import style
from mlmcli.graphs.look_options import UNIT_PT


@pytest.fixture()
def s():
    return make_session()


draw = drawn


def text_artist(fig, content):
    found = [t for sub in subfigures(fig) for t in sub.findobj(lambda a: hasattr(a, "get_text"))
             if t.get_text() == content]
    assert found, content
    return found[0]


def box(artist):
    return artist.get_window_extent()


def legends(fig):
    return [leg for sub in subfigures(fig) for leg in sub.legends] + \
        [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]


# ------------------------------------------------------------------ titles
def test_title_position_justifies_on_the_plot_region(s):
    _, fig = draw(s, 'scatter y x, title("Left", position(11)) subtitle("Right", position(1))')
    plot = box(axes(fig))
    left, right = box(text_artist(fig, "Left")), box(text_artist(fig, "Right"))
    assert abs(left.x0 - plot.x0) < 2 and abs(right.x1 - plot.x1) < 2
    assert left.y0 > plot.y1 and right.y0 > plot.y1
    _, fig = draw(s, 'scatter y x, title("Centred")')
    centred = box(text_artist(fig, "Centred"))
    plot = box(axes(fig))
    assert abs((centred.x0 + centred.x1) / 2 - (plot.x0 + plot.x1) / 2) < 2  # on the plot region


def test_title_span_uses_the_whole_graph(s):
    _, fig = draw(s, 'scatter y x, title("Span", position(11) span)')
    assert box(text_artist(fig, "Span")).x0 < box(axes(fig)).x0 - 10


def test_rings_order_the_elements_on_a_side(s):
    _, fig = draw(s, 'scatter y x, title("T") subtitle("S")')
    assert box(text_artist(fig, "T")).y0 > box(text_artist(fig, "S")).y1 - 1  # title outermost
    _, fig = draw(s, 'scatter y x, title("T", ring(1)) subtitle("S", ring(8))')
    assert box(text_artist(fig, "S")).y0 > box(text_artist(fig, "T")).y1 - 1


def test_titles_on_the_sides_below_and_inside(s):
    _, fig = draw(s, 'scatter y x, title("East", position(3)) note("Corner", position(5)) '
                     'caption("Inside", ring(0) position(1))')
    plot = box(axes(fig))
    assert box(text_artist(fig, "East")).x0 >= plot.x1 - 1
    corner = box(text_artist(fig, "Corner"))
    assert corner.y1 < plot.y0 and abs(corner.x1 - plot.x1) < 2
    inside = box(text_artist(fig, "Inside"))
    assert plot.x0 < inside.x0 and inside.x1 <= plot.x1 + 1 and plot.y0 < inside.y0 and inside.y1 <= plot.y1 + 1


def test_title_box_justification_orientation_margin_linegap(s):
    _, fig = draw(s, 'scatter y x, title("Boxed", box fcolor(yellow) lcolor(red) lwidth(thick))')
    patch = text_artist(fig, "Boxed").get_bbox_patch()
    assert to_hex(patch.get_facecolor()) == "#ffff00" and to_hex(patch.get_edgecolor()) == "#ff0000"
    assert patch.get_linewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    _, fig = draw(s, 'scatter y x, title("Right", justification(right))')
    assert text_artist(fig, "Right").get_ha() == "right"
    _, fig = draw(s, 'scatter y x, note("Up", orientation(vertical) position(9))')
    assert text_artist(fig, "Up").get_rotation() == pytest.approx(90)
    _, plain = draw(s, 'scatter y x, title("M", position(11))')
    _, moved = draw(s, 'scatter y x, title("M", position(11) margin(l=10))')
    shift = box(text_artist(moved, "M")).x0 - box(text_artist(plain, "M")).x0
    assert shift == pytest.approx(10 * UNIT_PT * fig.dpi / 72, rel=0.2)
    _, fig = draw(s, 'scatter y x, title("a" "b", linegap(5))')
    assert text_artist(fig, "a\nb").get_linespacing() > 1.2


def test_title_size_colour_and_prefix_suffix(s):
    _, fig = draw(s, 'scatter y x, title("Big", size(large) color(red))')
    title = text_artist(fig, "Big")
    assert title.get_fontsize() == pytest.approx(style.TEXT_SIZES["large"]) and to_hex(title.get_color()) == "#ff0000"
    graph, _ = draw(s, 'histogram y, title("of y", suffix)')
    assert graph.title == "of y"  # histogram has no title of its own to add to
    # outside by() a title is each panel's ([G-3] by_option, "Treatment of titles"): it has no
    # title of its own to join, and by()'s title stays the overall one
    graph, _ = draw(s, 'scatter y x, by(g, title("Groups")) title("All:", prefix)')
    assert graph.title == "Groups" and dict(graph.panel_frame)["title"] == "All:"


def test_axis_title_prefix_suffix_join_the_default_title(s):
    _, fig = draw(s, 'scatter y x, xtitle("(cm)", suffix) ytitle("Mean", prefix)')
    ax = axes(fig)
    assert ax.xaxis.label.get_text() == "x (cm)" and ax.yaxis.label.get_text() == "Mean Outcome"
    graph, _ = draw(s, 'histogram y, ytitle("Estimated", prefix)')
    assert graph.ytitle == "Estimated Density"
    graph, _ = draw(s, 'graph bar y, over(g) ytitle("Average", prefix)')
    assert graph.ytitle == "Average mean of y"
    _, fig = draw(s, 'twoway (scatter y x) (line z x, sort yaxis(2)), ytitle("Right:", axis(2) prefix)')
    assert axes(fig, "panel1-axis2").get_ylabel() == "Right: z"
    _, fig = draw(s, 'twoway (scatter y x) (line z x, sort yaxis(2)), ytitle("(kg)", axis(2) suffix)')
    assert axes(fig, "panel1-axis2").get_ylabel() == "z (kg)"


def test_axis_title_looks(s):
    graph, fig = draw(s, 'scatter y x, xtitle("X", justification(left) box) ytitle("Y", orientation(horizontal))')
    ax = axes(fig)
    plot = box(ax)
    assert abs(box(ax.xaxis.label).x0 - plot.x0) < 2
    assert ax.xaxis.label.get_bbox_patch() is not None
    assert ax.yaxis.label.get_rotation() == pytest.approx(0)
    _, near = draw(s, 'scatter y x, xtitle("X")')
    _, far = draw(s, 'scatter y x, xtitle("X") xscale(titlegap(5))')
    gap = lambda fig: box(axes(fig)).y0 - box(axes(fig).xaxis.label).y1  # noqa: E731
    assert gap(far) > gap(near) + 5


# ------------------------------------------------------------------ legend
def test_legend_spacing_options(s):
    _, fig = draw(s, "scatter y x || lfit y x, legend(symxsize(10) symysize(4) keygap(2) rowgap(3) colgap(4))")
    (leg,) = legends(fig)
    size = 8.0
    assert leg.handlelength == pytest.approx(10 * UNIT_PT / size)
    assert leg.handleheight == pytest.approx(4 * UNIT_PT / size)
    assert leg.handletextpad == pytest.approx(2 * UNIT_PT / size)
    assert leg.labelspacing == pytest.approx(3 * UNIT_PT / size)
    assert leg.columnspacing == pytest.approx(4 * UNIT_PT / size)


def test_legend_box_text_first_holes_colour_titles(s):
    _, fig = draw(s, 'scatter y x || lfit y x, legend(nobox textfirst holes(2) color(red) '
                     'title("Keys") subtitle("two"))')
    (leg,) = legends(fig)
    assert not leg.get_frame_on()
    first = leg._legend_handle_box.get_children()[0].get_children()[0]
    assert type(first.get_children()[0]).__name__ == "TextArea"  # text before the symbol
    # two columns filled row by row: Outcome, (hole) / Fitted values; matplotlib lists by column
    assert [t.get_text() for t in leg.get_texts()] == ["Outcome", "Fitted values", ""]
    assert all(to_hex(t.get_color()) == "#ff0000" for t in leg.get_texts())
    assert leg.get_title().get_text() == "Keys\ntwo"


def test_legend_note_and_caption_under_the_keys(s):
    graph, fig = draw(s, 'scatter y x || lfit y x, legend(note("a note") caption("first" "second"))')
    (legend,) = [lg for sub in subfigures(fig) for lg in sub.legends]
    (note,) = fig.findobj(lambda a: a.get_gid() == "legend-note")
    (caption,) = fig.findobj(lambda a: a.get_gid() == "legend-caption")
    assert note.get_text() == "a note" and caption.get_text() == "first\nsecond"
    key_size = legend.get_texts()[0].get_fontsize()
    assert note.get_fontsize() == pytest.approx(0.85 * key_size)
    fig.canvas.draw()
    keys = [t.get_window_extent() for t in legend.get_texts()]
    frame = legend.get_window_extent()
    assert note.get_window_extent().y1 <= min(k.y0 for k in keys)  # under the keys
    assert caption.get_window_extent().y1 <= note.get_window_extent().y0 + 0.5  # the caption last
    assert frame.y0 <= caption.get_window_extent().y0 and frame.x0 <= note.get_window_extent().x0
    graph, fig = draw(s, 'scatter y x || lfit y x, legend(ring(0) note("inside"))')
    assert [a.get_text() for a in fig.findobj(lambda a: a.get_gid() == "legend-note")] == ["inside"]


def test_legend_textwidth_bexpand_justification_margins(s):
    run(s, 'label variable y "A rather long outcome label"')
    _, fig = draw(s, "scatter y x || lfit y x, legend(textwidth(15) bexpand justification(right) "
                     "margin(medium) bmargin(small))")
    (leg,) = legends(fig)
    assert "\n" in leg.get_texts()[0].get_text()
    assert leg._mode == "expand"
    assert leg.get_texts()[0]._multialignment == "right"
    assert leg.borderpad == pytest.approx(3.5 * UNIT_PT / 8.0)
    assert leg.borderaxespad == pytest.approx(2 * UNIT_PT / 8.0)


def test_legend_ring0_bplacement_span_and_all(s):
    _, fig = draw(s, "scatter y x || lfit y x, legend(ring(0) bplacement(nw))")
    assert axes(fig).get_legend()._loc == 2  # upper left
    graph, fig = draw(s, "scatter y x || lfit y x, legend(span position(7))")
    (leg,) = legends(fig)
    assert box(leg).x0 < box(axes(fig)).x0 - 10
    graph, fig = draw(s, "twoway dropline y x in 1/5, legend(all on)")
    assert len(legend_texts(fig)) == 2  # the spikes and the markers each have a key


def test_legend_style_and_keystyle_default_or_stata_note(s):
    """legendstyle and the keys' style: ``default`` is the only name Stata documents; another
    name is Stata's note and the default look."""
    out, rc = run(s, "scatter y x || lfit y x, legend(style(default) keystyle(default))")
    assert rc == 0 and "note" not in out
    for option, klass in (("keystyle(x)", "keystyle"), ("style(x)", "legendstyle")):
        out, rc = run(s, f"scatter y x || lfit y x, legend({option})")
        assert rc == 0 and f"named style x not found in class {klass}" in out


# ------------------------------------------------------------------ axes
def test_axis_label_and_tick_looks(s):
    _, fig = draw(s, "scatter y x, xlabel(, labcolor(red) labgap(5) tlength(5) tposition(inside) "
                     "tlwidth(thick) tlcolor(blue))")
    tick = axes(fig).xaxis.get_major_ticks()[0]
    assert to_hex(tick.label1.get_color()) == "#ff0000"
    assert tick.tick1line.get_markersize() == pytest.approx(5 * UNIT_PT)
    assert tick._tickdir == "in" and to_hex(tick.tick1line.get_color()) == "#0000ff"
    assert tick.tick1line.get_markeredgewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    assert tick.get_pad() == pytest.approx(5 * UNIT_PT)


def _grid(fig):
    ax = axes(fig)
    lo, hi = ax.get_ylim()
    return [t for t in ax.yaxis.get_major_ticks() if lo <= t.get_loc() <= hi]


def test_grid_looks_and_gmin_gmax(s):
    """[G-3] axis_label_options: Stata leaves out grid lines too close to the axes or borders
    unless gmin/gmax.  s2color (grid_draw_min/max no, grid_outer_tol 0.23) and Stata's tick
    sets: the line at an outer label is left out when the data stop 0.6 label steps or more
    short of it, drawn when they reach it or stop nearer; nogmin/nogmax (grid_force_nomin/nomax)
    leave the outer lines out whatever the data.  y runs from -1.871 to 5.069."""
    y = s.data.numeric("y")
    _, fig = draw(s, "scatter y x, ylabel(-4(2)8, glcolor(red) glwidth(thick))")
    ticks = _grid(fig)
    assert [t.get_loc() for t in ticks] == [-4, -2, 0, 2, 4, 6, 8] and y.min() > -4 and y.max() < 8
    assert to_hex(ticks[1].gridline.get_color()) == "#ff0000"
    assert ticks[1].gridline.get_linewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    # -4 and 8 lie 2.1 and 2.9 beyond the data: more than 0.6 steps of 2
    assert [t.gridline.get_visible() for t in ticks] == [False] + [True] * 5 + [False]
    _, fig = draw(s, "scatter y x, ylabel(-4(2)8, gmin)")
    assert [t.gridline.get_visible() for t in _grid(fig)] == [True] * 6 + [False]
    _, fig = draw(s, "scatter y x, ylabel(-4(2)8, gmin gmax)")
    assert all(t.gridline.get_visible() for t in _grid(fig))
    # -2 and 6 lie 0.13 and 0.93 beyond the data, less than 0.6 steps: drawn by default
    _, fig = draw(s, "scatter y x, ylabel(-2(2)6)")
    assert [t.get_loc() for t in _grid(fig)] == [-2, 0, 2, 4, 6]
    assert all(t.gridline.get_visible() for t in _grid(fig))
    _, fig = draw(s, "scatter y x, ylabel(-2(2)6, nogmin)")
    assert [t.gridline.get_visible() for t in _grid(fig)] == [False] + [True] * 4
    _, fig = draw(s, "scatter y x, ylabel(-2(2)6, nogmin nogmax)")
    assert [t.gridline.get_visible() for t in _grid(fig)] == [False] + [True] * 3 + [False]
    # a step of 1: 6 is 0.93 steps beyond the data's top (left out), -2 0.13 below (drawn)
    _, fig = draw(s, "scatter y x, ylabel(-2(1)6)")
    assert [t.gridline.get_visible() for t in _grid(fig)] == [True] * 8 + [False]
    # labels inside the data's range: every grid line drawn
    _, fig = draw(s, "scatter y x, ylabel(-1(1)4)")
    assert all(t.gridline.get_visible() for t in _grid(fig))


def test_typed_ticks_widen_the_axis_unless_norescale_and_add(s):
    _, fig = draw(s, "scatter y x, xlabel(-10(10)20)")
    lo, hi = axes(fig).get_xlim()
    assert lo <= -10 and hi >= 20
    _, fig = draw(s, "scatter y x, xlabel(-10(10)20, norescale)")
    lo, hi = axes(fig).get_xlim()
    assert lo > -10 and hi < 20
    _, fig = draw(s, "scatter y x, xlabel(5.5, add)")
    texts = tick_texts(axes(fig), "x")
    assert "5.5" in texts and "4" in texts


def test_axis_line_looks(s):
    _, fig = draw(s, "scatter y x, xscale(noline) yscale(lcolor(red) lwidth(thick) lpattern(dash))")
    ax = axes(fig)
    assert not ax.spines["bottom"].get_visible()
    assert to_hex(ax.spines["left"].get_edgecolor()) == "#ff0000"
    assert ax.spines["left"].get_linewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    _, fig = draw(s, "scatter y x, xscale(alt) yscale(noextend)")
    ax = axes(fig)
    assert ax.xaxis.get_ticks_position() == "top" and ax.spines["top"].get_visible()
    lo, hi = ax.spines["left"].get_bounds()
    assert lo == pytest.approx(min(t for t in ax.get_yticks() if ax.get_ylim()[0] <= t))


def test_second_y_axis_options(s):
    graph, fig = draw(s, 'twoway (scatter y x) (line z x, sort yaxis(2)), ylabel(0(2)10, axis(2)) '
                         'ytitle("Right side", axis(2)) yscale(range(0 12) axis(2))')
    twin = axes(fig, "panel1-axis2")
    assert twin.get_ylabel() == "Right side"
    assert tick_texts(twin, "y")[:3] == ["0", "2", "4"]
    assert twin.get_ylim()[1] >= 12
    graph, fig = draw(s, "scatter y x, yaxis(1 2)")
    twin = axes(fig, "panel1-axis2")
    assert twin.get_ylim() == pytest.approx(axes(fig).get_ylim())
    out, rc = run(s, "scatter y x, xlabel(, axis(10))", stop_on_error=False)  # axes 1-9
    assert rc == 198 and "axis() incorrectly specified" in out
    out, rc = run(s, "scatter y x, xaxis(10)", stop_on_error=False)
    assert rc == 198 and "xaxis() incorrectly specified" in out


def test_var_formats(s):
    _, fig = draw(s, "scatter y x, xvarformat(%5.2f)")
    assert all("." in t for t in tick_texts(axes(fig), "x"))


# ------------------------------------------------------------------ regions, size, scale
def test_region_outlines_and_margins(s):
    _, fig = draw(s, "scatter y x, graphregion(lcolor(red) lwidth(thick)) plotregion(lcolor(blue))")
    assert to_hex(fig.patch.get_edgecolor()) == "#ff0000"
    (outline,) = artists(fig, "plotregion-outline")
    assert to_hex(outline.get_edgecolor()) == "#0000ff"
    _, fig = draw(s, "scatter y x, plotregion(margin(zero)) xlabel(2 4 6 8)")
    lo, hi = axes(fig).get_xlim()
    x = s.data.numeric("x")
    assert lo == pytest.approx(x.min()) and hi == pytest.approx(x.max())
    _, fig = draw(s, "scatter y x, plotregion(margin(zero))")  # the automatic labels 0 ... 10
    assert axes(fig).get_xlim() == pytest.approx((min(x.min(), 0.0), max(x.max(), 10.0)))
    _, plain = draw(s, "scatter y x")
    _, roomy = draw(s, "scatter y x, graphregion(margin(l=20))")
    assert box(axes(roomy)).x0 > box(axes(plain)).x0 + 20


def test_aspect_placement_scale_and_refusals(s):
    _, fig = draw(s, "scatter y x, aspectratio(1, placement(w))")
    assert axes(fig).get_anchor() == "W"
    _, plain = draw(s, "scatter y x")
    _, big = draw(s, "scatter y x, scale(1.5)")
    size = axes(plain).xaxis.get_major_ticks()[0].label1.get_fontsize()
    assert axes(big).xaxis.get_major_ticks()[0].label1.get_fontsize() == pytest.approx(1.5 * size)
    (small_markers,) = artists(plain, "p1-s1-scatter")
    (big_markers,) = artists(big, "p1-s1-scatter")
    assert big_markers.get_markersize() == pytest.approx(1.5 * small_markers.get_markersize())
    out, rc = run(s, "scatter y x, play(recording)", stop_on_error=False)
    assert rc == 601 and "file recording.grec not found" in out
    _, fig = draw(s, "scatter y x, plotregion(style(outline))")  # an areastyle: outline, no fill
    assert axes(fig).patch.get_facecolor()[3] == 0
    assert to_hex(artists(fig, "plotregion-outline")[0].get_edgecolor()) == "#000000"


def test_line_and_area_styles_none_and_foreground(s):
    """legend(region(lstyle(none))), plotregion(style(none)), yscale(lstyle(none)) and
    xline(#, lstyle(foreground)): the styles public do-files use to strip outlines."""
    base = "twoway (scatter y x) (line y x, sort)"
    _, fig = draw(s, base)
    assert to_hex(legends(fig)[0].get_frame().get_edgecolor()) == style.NAMED_COLORS["gs12"]
    for region in ("lstyle(none)", "style(none)", "lwidth(none)"):
        _, fig = draw(s, base + f", legend(region({region}))")
        frame = legends(fig)[0].get_frame()
        assert frame.get_edgecolor()[3] == 0 or frame.get_linewidth() == 0, region
    _, fig = draw(s, base + ", legend(region(style(none)))")
    assert legends(fig)[0].get_frame().get_facecolor()[3] == 0  # not filled either
    _, fig = draw(s, "scatter y x, plotregion(style(none))")
    assert axes(fig).patch.get_facecolor()[3] == 0
    graph, fig = draw(s, "scatter y x, plotregion(lstyle(foreground))")
    assert to_hex([a for a in artists(fig, "plotregion-outline")][0].get_edgecolor()) == "#000000"
    _, fig = draw(s, "scatter y x, yscale(lstyle(none)) xscale(lstyle(foreground) lcolor(red))")
    assert not axes(fig).spines["left"].get_visible() or axes(fig).spines["left"].get_linewidth() == 0
    assert to_hex(axes(fig).spines["bottom"].get_edgecolor()) == "#ff0000"  # typed lcolor() wins
    graph, fig = draw(s, "scatter y x, xline(5, lstyle(foreground)) yline(2, lstyle(none))")
    (black,) = [r for r in graph.reflines if r.axis == "x"]
    (hidden,) = [r for r in graph.reflines if r.axis == "y"]
    assert black.color == "#000000" and hidden.width == 0.0
    vertical = [ln for ln in axes(fig).get_lines() if list(ln.get_xdata()) == [5, 5]]
    assert vertical and to_hex(vertical[0].get_color()) == "#000000"


def test_nodraw_keeps_the_graph_out_of_graphs_dir(s, tmp_path):
    s.graph_dir = str(tmp_path)
    run(s, "scatter y x")
    run(s, "scatter y x, nodraw name(quiet)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Graph1.png"]
    assert s.graphs[-1].name == "quiet"
    run(s, "graph display quiet")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Graph1.png", "Graph2.png"]


# ------------------------------------------------------------------ by() and combine
def _cell_of(fig, gid):
    return axes(fig, gid).get_subplotspec().get_geometry()[2:]


def test_by_colfirst_holes_and_axes_on_every_panel(s):
    graph, fig = draw(s, "scatter y x, by(g, rows(2) colfirst)")
    assert _cell_of(fig, "panel2")[0] == 2  # down the first column: the second panel is below
    graph, fig = draw(s, "scatter y x, by(g, cols(2) holes(2))")
    assert _cell_of(fig, "panel2")[0] == 2  # cell 2 left empty
    _, fig = draw(s, "scatter y x, by(g, cols(3))")
    assert tick_texts(axes(fig, "panel2"), "y") == []
    _, fig = draw(s, "scatter y x, by(g, cols(3) iyaxes)")
    assert tick_texts(axes(fig, "panel2"), "y") != []
    _, fig = draw(s, "scatter y x, by(g, cols(2) ixtitle)")
    assert axes(fig, "panel1").get_xlabel() == "x"


def test_by_gap_scale_and_edge_labels(s):
    _, wide = draw(s, "scatter y x, by(g, cols(3))")
    _, tight = draw(s, "scatter y x, by(g, cols(3) compact)")
    gap = lambda fig: box(axes(fig, "panel2")).x0 - box(axes(fig, "panel1")).x1  # noqa: E731
    assert gap(tight) < gap(wide)
    _, big = draw(s, "scatter y x, by(g, cols(3) iscale(2))")
    assert axes(big, "panel1").xaxis.get_major_ticks()[0].label1.get_fontsize() == pytest.approx(
        2 * axes(wide, "panel1").xaxis.get_major_ticks()[0].label1.get_fontsize())
    _, fig = draw(s, "scatter y x, by(g, cols(2))")
    assert tick_texts(axes(fig, "panel2"), "x") != []  # no panel below it: labelled
    _, fig = draw(s, "scatter y x, by(g, cols(2) noedgelabel)")
    assert tick_texts(axes(fig, "panel2"), "x") == []
    _, styled = draw(s, "scatter y x, by(g, cols(3) style(compact))")  # compact's bystyle
    assert gap(styled) == pytest.approx(gap(tight))
    _, default = draw(s, "scatter y x, by(g, cols(3) style(default))")
    assert gap(default) == pytest.approx(gap(wide))
    _, stata7 = draw(s, "scatter y x, by(g, cols(3) style(stata7))")  # undocumented: compact's look
    assert gap(stata7) == pytest.approx(gap(tight))


def test_combine_colfirst_holes_fxsize_iscale_commonscheme(s):
    run(s, "scatter y x, name(a) fxsize(50)")
    run(s, "scatter y x, name(b) scheme(s1mono)")
    run(s, "scatter y x, name(c)")
    graph, fig = draw(s, "graph combine a b c, cols(2) colfirst")
    assert box(axes(fig, "part2-panel1")).y1 < box(axes(fig, "part1-panel1")).y0  # b below a
    graph, fig = draw(s, "graph combine a b c, cols(2) holes(2)")
    assert box(axes(fig, "part2-panel1")).y1 < box(axes(fig, "part1-panel1")).y0
    graph, fig = draw(s, "graph combine a c, cols(2)")
    assert box(axes(fig, "part1-panel1")).width < 0.75 * box(axes(fig, "part2-panel1")).width
    graph, fig = draw(s, "graph combine a b, commonscheme")
    assert to_hex(axes(fig, "part2-panel1").get_facecolor()) == "#ffffff"
    assert graph.parts[1].scheme == "s2color"
    _, plain = draw(s, "graph combine a b")
    _, scaled = draw(s, "graph combine a b, iscale(.5)")
    size = lambda fig: axes(fig, "part1-panel1").xaxis.get_major_ticks()[0].label1.get_fontsize()  # noqa: E731
    assert size(scaled) == pytest.approx(0.5 * size(plain))
    _, fig = draw(s, 'graph combine a b, l1title("Left side") r1title("Right", orientation(horizontal) box)')
    assert text_artist(fig, "Left side").get_rotation() == pytest.approx(90)
    assert text_artist(fig, "Right").get_rotation() == pytest.approx(0)
    assert text_artist(fig, "Right").get_bbox_patch() is not None
    # altshrink: each graph drawn at full size then shrunk into its cell, text with it
    _, shrunk = draw(s, "graph combine a b, altshrink")
    cell = axes(shrunk, "part1-panel1").get_figure()
    shrunk.canvas.draw()
    w, h = cell.bbox.width / shrunk.dpi, cell.bbox.height / shrunk.dpi
    factor = min(w / style.WIDTH_IN, h / style.HEIGHT_IN)
    assert 0.2 < factor < 0.9
    assert size(shrunk) == pytest.approx(factor * size(plain), rel=1e-6)


def test_graph_dir_detail_and_display_margins(s):
    run(s, "scatter y x, name(first)")
    out, rc = run(s, "graph dir, memory detail")
    assert rc == 0 and "first  scatter y x, name(first)" in out
    graph, fig = draw(s, "graph display first, margins(l=20)")
    assert graph.graph_margin[0] == pytest.approx(20 * UNIT_PT)


# ------------------------------------------------------------------ plots
def test_marker_fill_outline_angle_and_label_gap(s):
    _, fig = draw(s, "scatter y x in 1/5, msymbol(S) mfcolor(red) mlcolor(blue) mlwidth(thick) msangle(45) "
                     "mlabel(g) mlabgap(5)")
    (markers,) = artists(fig, "p1-s1-scatter")
    assert to_hex(markers.get_markerfacecolor()) == "#ff0000"
    assert to_hex(markers.get_markeredgecolor()) == "#0000ff"
    assert markers.get_markeredgewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    assert markers.get_marker() != "s" or markers._marker.get_transform().to_values() != (1, 0, 0, 1, 0, 0)
    label = artists(fig, "p1-s1-scatter-labels")[0]
    assert label.xyann[0] == pytest.approx(5 * UNIT_PT)


def test_mlabvposition_places_each_label(s):
    run(s, "generate pos = cond(_n == 1, 9, 3)")
    _, fig = draw(s, "scatter y x in 1/3, mlabel(g) mlabvposition(pos)")
    labels = artists(fig, "p1-s1-scatter-labels")
    assert labels[0].xyann[0] < 0 < labels[1].xyann[0]


def test_fit_plot_types_and_band_outline(s):
    graph, fig = draw(s, "twoway lfitci y x, fitplot(connected) ciplot(rline) alwidth(thick)")
    kinds = [x.kind for x in graph.panels[0].series]
    assert kinds == ["line", "line", "connected"]
    graph, fig = draw(s, "twoway lfitci y x, alwidth(thick) alpattern(dash) alcolor(red)")
    (band,) = artists(fig, "p1-s1-area")
    assert band.get_linewidth()[0] == pytest.approx(style.LINE_WIDTHS["thick"])
    graph, fig = draw(s, "twoway lfitci y x, ciplot(rbarm)")  # y2xtype-rbarm: tests/test_graphs_rbarm.py
    assert [x.kind for x in graph.panels[0].series] == ["rbarm", "line"]


def test_fit_estopts_noconstant(s):
    """``estopts(noconstant)``: regress without a constant, b = x'y / x'x, and its band
    b x0 -/+ t(n-1) sqrt(s2 x0^2 / x'x), s2 = RSS/(n-1)."""
    from scipy.stats import t as student_t

    graph, fig = draw(s, "twoway lfitci y x, estopts(nocons) n(7)")
    band, line = graph.panels[0].series
    x, y = s.data.numeric("x"), s.data.numeric("y")
    b = (x @ y) / (x @ x)
    s2 = ((y - b * x) @ (y - b * x)) / (len(x) - 1)
    se = np.sqrt(s2 * line.x ** 2 / (x @ x))
    q = student_t.ppf(.975, len(x) - 1)
    np.testing.assert_allclose(line.y, b * line.x, rtol=1e-10)
    np.testing.assert_allclose(band.y2, b * band.x + q * se, rtol=1e-10)
    (drawn_line,) = artists(fig, "p1-s2-line")
    np.testing.assert_allclose(np.asarray(drawn_line.get_segments()[0])[:, 1] if hasattr(
        drawn_line, "get_segments") else drawn_line.get_ydata(), b * line.x, rtol=1e-10)
    graph, _ = draw(s, "twoway qfit y x, estopts(noconstant)")
    X = np.column_stack([x, x ** 2])
    coef = np.linalg.lstsq(X, y, rcond=None)[0]
    (fit,) = graph.panels[0].series
    np.testing.assert_allclose(fit.y, coef[0] * fit.x + coef[1] * fit.x ** 2, rtol=1e-8)
    # regress's reporting options and vce() leave the line as it is; hascons: no constant added
    plain, _ = draw(s, "twoway lfit y x")
    reported, _ = draw(s, "twoway lfit y x, estopts(vce(robust) level(90) beta noheader) predopts(xb)")
    np.testing.assert_allclose(reported.panels[0].series[0].y, plain.panels[0].series[0].y)
    hascons, _ = draw(s, "twoway lfit y x, estopts(hascons)")
    nocons, _ = draw(s, "twoway lfit y x, estopts(noconstant)")
    np.testing.assert_allclose(hascons.panels[0].series[0].y, nocons.panels[0].series[0].y)
    # estopts(vce(robust)) on lfitci and predopts(stdp): test_graphs_misc_options
    for command, word in (("twoway lfit y x, estcmd(regress)", "estcmd()"),
                          ("twoway lfit y x, estopts(bogus)", "bogus")):
        out, rc = run(s, command, stop_on_error=False)
        assert rc == 198 and f"option {word} not allowed" in out


def test_area_nodropbase_outline_and_styles(s):
    _, fig = draw(s, "twoway area y x in 1/10, sort nodropbase lcolor(red)")
    (outline,) = artists(fig, "p1-s1-area-outline")
    assert to_hex(outline.get_color()) == "#ff0000"
    graph, _ = draw(s, "scatter y x, mstyle(p3)")
    assert graph.panels[0].series[0].style == 3


def test_text_box_options(s):
    _, fig = draw(s, 'scatter y x, text(5 5 "Here", box fcolor(yellow) justification(left) margin(small))')
    (label,) = artists(fig, "text")
    assert label.get_bbox_patch() is not None and to_hex(label.get_bbox_patch().get_facecolor()) == "#ffff00"
    assert label.get_ha() == "left"
    _, fig = draw(s, 'scatter y x, text(5 5 "Here", style(heading))')  # a textboxstyle
    (label,) = artists(fig, "text")
    assert label.get_fontsize() == pytest.approx(12.0) and to_hex(label.get_color()) == to_hex(
        style.NAMED_COLORS["dknavy"])


def test_text_box_width_and_height(s):
    """``text(..., width() height())``: a box of that size placed as the text would be, the
    text inside it as justification() says."""
    graph, fig = draw(s, 'scatter y x, text(3 5 "boxed", width(30) height(8) box fcolor(yellow) '
                         'place(e) justification(left))')
    (holder,) = artists(fig, "text")
    area = holder.offsetbox
    assert area.width == pytest.approx(30 * UNIT_PT) and area.height == pytest.approx(8 * UNIT_PT)
    rect, text = area.get_children()
    assert to_hex(rect.get_facecolor()) == "#ffff00" and text.get_text() == "boxed"
    assert text.get_ha() == "left"
    fig.canvas.draw()
    extent = holder.get_window_extent()
    ax = axes(fig)
    x0, y0 = ax.transData.transform((5, 3))
    assert extent.x0 == pytest.approx(x0, abs=1.5)  # place(e): the box starts at the point
    assert (extent.y0 + extent.y1) / 2 == pytest.approx(y0, abs=1.5)
    assert extent.width == pytest.approx(30 * UNIT_PT * fig.dpi / 72, rel=0.02)
    graph, fig = draw(s, 'scatter y x, text(3 5 "wide", width(40))')  # the height: the text's
    (holder,) = artists(fig, "text")
    assert holder.offsetbox.width == pytest.approx(40 * UNIT_PT) and 5 < holder.offsetbox.height < 20


def test_axis_off_fill_keeps_the_space(s):
    """``yscale(off fill)``: nothing of the axis shows, but the plot region keeps its place."""
    from matplotlib.colors import to_rgba

    _, shown = draw(s, "scatter y x")
    _, gone = draw(s, "scatter y x, yscale(off)")
    _, kept = draw(s, "scatter y x, yscale(off fill)")
    left = lambda fig: (fig.canvas.draw(), axes(fig).get_window_extent().x0)[1]  # noqa: E731
    assert left(kept) == pytest.approx(left(shown)) and left(gone) < left(shown) - 10
    ax = axes(kept)
    assert all(to_rgba(t.get_color())[3] == 0 for t in ax.get_yticklabels())
    assert to_rgba(ax.yaxis.label.get_color())[3] == 0 and not ax.spines["left"].get_visible()


def test_axis_labels_alternate_and_horizontal_y_labels(s):
    """``alternate``: every other label one line further from the axis; ``angle(0)`` on the y
    axis writes its labels horizontally (Stata's default writes them along the axis)."""
    _, fig = draw(s, "scatter y x, xlabel(0(1)10, alternate)")
    fig.canvas.draw()
    labels = axes(fig).get_xticklabels()
    tops = [lab.get_window_extent().y1 for lab in labels]
    assert [lab.get_text().lstrip("\n") for lab in labels] == [str(v) for v in range(11)]
    assert all(tops[i] == pytest.approx(tops[0]) for i in range(0, 11, 2))
    assert all(lab.get_window_extent().y0 < min(tops) - 5 for lab in labels[1::2])
    _, fig = draw(s, "scatter y x, ylabel(, angle(0))")
    assert all(lab.get_rotation() == 0 for lab in axes(fig).get_yticklabels())
    _, fig = draw(s, "scatter y x")
    assert all(lab.get_rotation() == 90 for lab in axes(fig).get_yticklabels())
    _, fig = draw(s, "scatter y x, ylabel(, alternate angle(0))")
    fig.canvas.draw()
    texts = axes(fig).get_yticklabels()
    rights = [t.get_window_extent().x1 for t in texts]
    assert rights[0] == pytest.approx(rights[1])  # the same anchor, the odd ones padded outward
    assert texts[1].get_text().endswith("\u2007") and not texts[0].get_text().endswith("\u2007")
    _, fig = draw(s, "scatter y x, ylabel(, alternate)")
    assert axes(fig).get_yticklabels()[1].get_text().endswith("\n")


def test_side_titles_placed_by_position_ring_and_span(s):
    """[G-3] title_options: position(), ring() and span place t1title() ... r2title() as they
    place title()."""
    _, fig = draw(s, 'scatter y x, l1title("Moved", position(3)) l2title("Stays") '
                     'b2title("Far", ring(9)) xtitle("XT")')
    plot = box(axes(fig))
    moved = text_artist(fig, "Moved")
    assert box(moved).x0 >= plot.x1 - 1 and moved.get_rotation() == pytest.approx(90)  # still turned up
    assert box(text_artist(fig, "Stays")).x1 <= plot.x0 + 1
    assert box(text_artist(fig, "Far")).y1 < box(text_artist(fig, "XT")).y0  # outside the axis title
    _, fig = draw(s, 'scatter y x, t1title("Top", position(12) ring(0))')
    plot, top = box(axes(fig)), box(text_artist(fig, "Top"))
    assert plot.y0 < top.y0 and top.y1 <= plot.y1 + 1  # ring(0): inside the plot region
    _, plain = draw(s, 'scatter y x, ylabel(, labsize(huge)) t1title("S", position(11))')
    _, spanned = draw(s, 'scatter y x, ylabel(, labsize(huge)) t1title("S", position(11) span)')
    assert box(text_artist(spanned, "S")).x0 < box(text_artist(plain, "S")).x0 - 5  # the graph's edge
    assert abs(box(text_artist(plain, "S")).x0 - box(axes(plain)).x0) < 2


# ------------------------------------------------------------------ distribution commands
def test_histogram_addlabopts(s):
    graph, fig = draw(s, "histogram y, bin(5) addlabels addlabopts(mlabsize(large) mlabcolor(red) "
                         "mlabposition(12) mlabgap(3) mlabformat(%4.2f))")
    labels = artists(fig, "text")
    assert len(labels) == 5 and all(len(t.get_text().split(".")[1]) == 2 for t in labels)
    assert to_hex(labels[0].get_color()) == "#ff0000"
    assert labels[0].get_fontsize() == pytest.approx(style.TEXT_SIZES["large"])
    assert labels[0].xyann[1] == pytest.approx(3 * UNIT_PT)  # mlabgap: 3 units above the bar


def test_addplot_keeps_its_twoway_options(s):
    graph, _ = draw(s, 'histogram y, addplot(scatter y x || , title("Added"))')
    assert graph.title == "Added"


def test_ready_series_take_their_marker_look(s):
    # recast() and yaxis() act on the plot the ado-file draws: tests/test_graphs_refusal_audit.py
    graph, _ = draw(s, "qnorm y, mcolor(red) msymbol(D)")
    assert graph.panels[0].series[0].color == "#ff0000" and graph.panels[0].series[0].marker == "D"


def test_minor_labels_unlabelled_ticks_and_area_outline(s):
    _, fig = draw(s, "scatter y x, xmlabel(1 3) xtick(2.5)")
    ax = axes(fig)
    minor = [t.get_text() for t in ax.xaxis.get_minorticklabels() if t.get_text()]
    assert minor == ["1", "3"]
    assert 2.5 in list(ax.get_xticks()) and "2.5" not in tick_texts(ax, "x")
    _, fig = draw(s, "twoway area y x in 1/10, sort lpattern(dash) lwidth(thick)")
    (band,) = artists(fig, "p1-s1-area")
    assert band.get_linewidth()[0] == pytest.approx(style.LINE_WIDTHS["thick"])
    assert band.get_linestyle()[0][1] is not None
