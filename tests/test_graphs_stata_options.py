"""Options Stata accepts that mlm once refused or read and ignored (found by
``tests/graphs_reference/option_sweep.py``): each is drawn, checked on the matplotlib figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, axes, drawn, make_session, refused, run
from mlmcli.graphs import style


@pytest.fixture()
def s():
    return make_session()


# ------------------------------------------------------------------ minor ticks and tick counts
def in_view(ax, which, minor=False):
    lo, hi = sorted(ax.get_xlim() if which == "x" else ax.get_ylim())
    values = ax.get_xticks(minor=minor) if which == "x" else ax.get_yticks(minor=minor)
    return sorted(v for v in values if lo <= v <= hi)


def test_minor_ticks_between_major_ones(s):
    _, fig = drawn(s, "scatter y x, ymtick(##4)")
    ax = axes(fig)
    major = in_view(ax, "y")
    step = major[1] - major[0]
    minor = [v for v in in_view(ax, "y", True) if major[0] < v < major[1]]
    assert np.allclose(minor, major[0] + step * np.array([.25, .5, .75]))


def test_minor_labels_halfway(s):
    _, fig = drawn(s, "scatter y x, xmlabel(##2)")
    ax = axes(fig)
    major = in_view(ax, "x")
    labels = [float(t.get_text()) for t in ax.get_xticklabels(minor=True) if t.get_text()]
    assert major[0] + (major[1] - major[0]) / 2 in labels


def test_minor_ticks_about_k_and_xtick_count(s):
    _, fig = drawn(s, "scatter y x, xmtick(#20)")
    ax = axes(fig)
    assert len(in_view(ax, "x", True)) + len(in_view(ax, "x")) >= 10 and len(in_view(ax, "x", True)) >= 5
    _, fig = drawn(s, "scatter y x, xtick(#20)")
    ax = axes(fig)
    labelled = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(in_view(ax, "x")) >= 10 and len(labelled) < 8


def test_double_hash_on_major_labels_is_an_error(s):
    out, rc = run(s, "scatter y x, ylabel(##2)", stop_on_error=False)
    assert rc == 198 and "ylabel() incorrectly specified" in out


# ------------------------------------------------------------------ named styles
def edge(art):
    return to_hex(art.get_edgecolor()[0] if np.ndim(art.get_edgecolor()) == 2 else art.get_edgecolor())


def test_pstyle_ci_draws_the_band_look(s):
    _, fig = drawn(s, "twoway rarea y x x, sort pstyle(ci)")
    (band,) = artists(fig, "p1-s1-area")
    assert to_hex(band.get_facecolor()[0]) == style.scheme("s2color").ci_area
    _, fig = drawn(s, "twoway (rarea y x x, sort astyle(ci2)) (scatter y x)")
    (band,) = artists(fig, "p1-s1-area")
    assert to_hex(band.get_facecolor()[0]) == style.NAMED_COLORS["gs10"]


def test_line_styles_by_name(s):
    _, fig = drawn(s, "line y x, sort lstyle(refline)")
    (line,) = artists(fig, "p1-s1-line")
    assert edge(line) == style.NAMED_COLORS["emerald"]
    _, fig = drawn(s, "line y x, sort lstyle(none)")
    (line,) = artists(fig, "p1-s1-line")
    assert len(line.get_edgecolor()) == 0 or line.get_edgecolor()[0][3] == 0
    _, fig = drawn(s, "line y x, sort lstyle(p3) lcolor(red)")  # the typed colour wins
    (line,) = artists(fig, "p1-s1-line")
    assert edge(line) == "#ff0000"
    _, fig = drawn(s, "line y x, sort pstyle(p3line)")
    (line,) = artists(fig, "p1-s1-line")
    assert edge(line) == style.series_color(3)


def test_area_styles_by_name(s):
    _, fig = drawn(s, "twoway bar y x, bstyle(histogram)")
    bar = artists(fig, "p1-s1-bar")[0]
    assert to_hex(bar.get_facecolor()) == style.NAMED_COLORS["khaki"]
    _, fig = drawn(s, "twoway area y x, sort astyle(outline)")
    (area,) = artists(fig, "p1-s1-area")
    assert (len(area.get_facecolor()) == 0 or area.get_facecolor()[0][3] == 0) and edge(area) == "#000000"


def test_ready_series_take_their_plot_style(s):
    _, fig = drawn(s, "kdensity y, pstyle(p2)")
    (line,) = artists(fig, "p1-s1-line")
    assert edge(line) == style.series_color(2)
    _, fig = drawn(s, "qnorm y, mstyle(p3)")
    (points,) = artists(fig, "p1-s1-scatter")
    assert to_hex(points.get_markerfacecolor()) == style.series_color(3)


def test_unknown_style_name_gets_statas_note(s):
    out, rc = run(s, "scatter y x, pstyle(nosuch)")
    assert rc == 0 and "named style nosuch not found in class seriesstyle, default attributes used" in out


def test_grid_and_region_styles(s):
    _, fig = drawn(s, "scatter y x, ylabel(, glstyle(foreground))")
    grid = [ln for ln in axes(fig).get_ygridlines() if ln.get_visible()]
    assert grid and to_hex(grid[0].get_color()) == "#000000"
    _, fig = drawn(s, "scatter y x, ylabel(, glstyle(none))")
    assert not any(ln.get_visible() for ln in axes(fig).get_ygridlines())
    _, fig = drawn(s, "scatter y x, plotregion(istyle(outline))")
    assert to_hex(artists(fig, "plotregion-outline")[0].get_edgecolor()) == "#000000"
    _, fig = drawn(s, "scatter y x, plotregion(icolor(yellow))")
    assert to_hex(axes(fig).patch.get_facecolor()) == "#ffff00"
    _, fig = drawn(s, "scatter y x, yscale(lstyle(refline))")
    assert to_hex(axes(fig).spines["left"].get_edgecolor()) == style.NAMED_COLORS["emerald"]


def test_added_line_style_extended_or_not(s):
    graph, _ = drawn(s, "scatter y x, xline(5, style(unextended))")
    assert [r.extend for r in graph.reflines] == [False]
    out, rc = run(s, "scatter y x, xline(5, style(nosuch))")
    assert rc == 0 and "not found in class addedlinestyle" in out


def test_fit_band_styles(s):
    _, fig = drawn(s, "twoway lfitci y x, clstyle(refline) alstyle(foreground)")
    (band,) = artists(fig, "p1-s1-area")
    (fit,) = artists(fig, "p1-s2-line")
    assert edge(fit) == style.NAMED_COLORS["emerald"]
    assert edge(band) == "#000000"


def test_pcycle_restarts_the_plot_styles(s):
    _, fig = drawn(s, "twoway (scatter y x) (scatter z x) (scatter x y), pcycle(2)")
    colors = [to_hex(artists(fig, f"p1-s{k}-scatter")[0].get_markerfacecolor()) for k in (1, 2, 3)]
    assert colors == [style.series_color(1), style.series_color(2), style.series_color(1)]


def test_mlabformat_formats_the_marker_labels(s):
    _, fig = drawn(s, "scatter y x in 1/3, mlabel(x) mlabformat(%9.1f)")
    texts = [t.get_text() for t in artists(fig, "p1-s1-scatter-labels")]
    values = s.data.df["x"].iloc[:3]
    assert texts == [f"{v:.1f}" for v in values]


# ------------------------------------------------------------------ title boxes
def title_box_extent(fig, gid):
    from graphs_helpers import subfigures

    (text,) = [t for sub in subfigures(fig) for t in sub.texts if t.get_gid() == gid]
    patch = text.get_bbox_patch()
    return text, patch.get_window_extent()


def test_title_box_width_and_height(s):
    from mlmcli.graphs.look_options import UNIT_PT

    _, fig = drawn(s, 'scatter y x, title("T", box width(40) height(10))')
    _, box = title_box_extent(fig, "title")
    px = fig.dpi / 72.0
    assert box.width == pytest.approx(40 * UNIT_PT * px, rel=0.03)
    assert box.height == pytest.approx(10 * UNIT_PT * px, rel=0.03)


def test_title_box_justified_in_its_width(s):
    _, fig = drawn(s, 'scatter y x, title("T", box width(60) justification(left))')
    text, box = title_box_extent(fig, "title")
    assert text.get_window_extent().x0 - box.x0 < 0.2 * box.width  # the text at the box's left


def test_title_bexpand_spans_the_plot_region(s):
    _, fig = drawn(s, 'scatter y x, note("N", box bexpand)')
    _, box = title_box_extent(fig, "note")
    plot = axes(fig).get_window_extent()
    assert box.x0 == pytest.approx(plot.x0, abs=2) and box.x1 == pytest.approx(plot.x1, abs=2)


# ------------------------------------------------------------------ graph bar/box nofill
@pytest.mark.parametrize("chart, gid", [("bar", "p1-s1-bar"), ("box", "p1-s1-box")])
def test_nofill_drops_empty_combinations(s, chart, gid):
    from graphs_helpers import tick_texts

    command = f"graph {chart} y if !(g == 1 & h == 0), over(g) over(h)"
    _, filled = drawn(s, command)
    _, packed = drawn(s, command + " nofill")
    ticks_filled = [t for t in tick_texts(axes(filled)) if t]
    ticks_packed = [t for t in tick_texts(axes(packed)) if t]
    assert len(ticks_filled) == 6 and len(ticks_packed) == 5
    assert ticks_packed[0].startswith("mid")  # group 0 of h starts with g == 2
    if chart == "bar":
        assert len(artists(packed, gid)) == 5
        xs = sorted(b.get_x() for b in artists(packed, gid))
        assert np.allclose(np.diff(xs)[:1], np.diff(sorted(b.get_x() for b in artists(filled, gid)))[1:2])


# ------------------------------------------------------------------ graph bar yvars
def test_ascategory_puts_the_yvars_on_the_category_axis(s):
    from graphs_helpers import tick_texts

    _, fig = drawn(s, "graph bar y x z, ascategory yvaroptions(relabel(1 \"Why\"))")
    assert tick_texts(axes(fig)) == ["Why", "mean of x", "mean of z"]
    bars = artists(fig, "p1-s1-bar")
    heights = [b.get_height() for b in bars]
    assert np.allclose(heights, [s.data.df[v].mean() for v in ("y", "x", "z")], rtol=1e-6)
    assert not artists(fig, "p1-s2-bar")  # one series: the bars share the first style
    _, fig = drawn(s, "graph bar y x, over(h) ascategory")
    texts = tick_texts(axes(fig))
    assert texts == ["mean of y\n0", "mean of x", "mean of y\n1", "mean of x"]


def test_showyvars_labels_each_bar(s):
    from graphs_helpers import tick_texts

    _, fig = drawn(s, "graph bar y x, over(h) showyvars legend(off)")
    texts = tick_texts(axes(fig))
    assert len(texts) == 4 and texts[0].startswith("mean of y") and texts[1].startswith("mean of x")


def test_yvaroptions_relabels_the_legend(s):
    from graphs_helpers import legend_texts

    _, fig = drawn(s, "graph bar y x, yvaroptions(relabel(2 \"Ex\"))")
    assert legend_texts(fig) == ["mean of y", "Ex"]


# ------------------------------------------------------------------ legend keys
def legend_of(fig):
    from graphs_helpers import subfigures

    found = [leg for sub in subfigures(fig) for leg in sub.legends]
    found += [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    return found[0]


def test_legend_stack_puts_symbols_above_texts(s):
    _, fig = drawn(s, "twoway (scatter y x) (line y x, sort), legend(stack)")
    legend = legend_of(fig)
    for handle, text in zip(legend.legend_handles, legend.get_texts()):
        symbol = handle.get_window_extent(fig.canvas.get_renderer())
        label = text.get_window_extent()
        assert symbol.y0 >= label.y1 - 1  # above
        assert abs((symbol.x0 + symbol.x1) / 2 - (label.x0 + label.x1) / 2) < 0.6 * label.width + 5


def test_legend_symplacement_moves_markers(s):
    base = "twoway (scatter y x) (scatter z x), legend(symxsize(15) "
    _, west = drawn(s, base + "symplacement(w))")
    _, east = drawn(s, base + "symplacement(e))")
    x_w = legend_of(west).legend_handles[0].get_window_extent(west.canvas.get_renderer()).x0
    x_e = legend_of(east).legend_handles[0].get_window_extent(east.canvas.get_renderer()).x0
    box_w = legend_of(west).get_window_extent().x0
    box_e = legend_of(east).get_window_extent().x0
    assert (x_e - box_e) - (x_w - box_w) > 10  # the marker further right in its key


def test_horizontal_only_on_plots_stata_turns(s):
    out, rc = run(s, "scatter y x, horizontal", stop_on_error=False)
    assert rc == 198 and "option horizontal not allowed" in out
    graph, _ = drawn(s, "twoway bar y x, horizontal")
    assert graph.panels[0].series[0].horizontal


def test_title_box_linestyle_and_pattern(s):
    _, fig = drawn(s, 'scatter y x, title("T", box lstyle(refline) lpattern(dash))')
    text, _ = title_box_extent(fig, "title")
    patch = text.get_bbox_patch()
    assert to_hex(patch.get_edgecolor()) == style.NAMED_COLORS["emerald"]
    assert patch.get_linestyle() not in ("-", "solid")


def test_long_compass_names(s):
    graph, _ = drawn(s, 'scatter y x, text(3 5 "hi", placement(neast))')
    assert graph.texts[0].place == "ne"
    graph, _ = drawn(s, "twoway (scatter y x) (scatter z x), legend(ring(0) bplacement(swest))")
    assert graph.legend_look.bplacement == "sw"


# ------------------------------------------------------------------ outline alignment
def test_lalign_inside_and_outside(s):
    _, centred = drawn(s, "twoway bar y x, lwidth(thick) lcolor(red)")
    _, inside = drawn(s, "twoway bar y x, lwidth(thick) lcolor(red) lalign(inside)")
    _, outside = drawn(s, "twoway bar y x, lwidth(thick) lcolor(red) lalign(outside)")
    plain, inner = artists(centred, "p1-s1-bar")[0], artists(inside, "p1-s1-bar")[0]
    assert inner.get_linewidth() == pytest.approx(2 * plain.get_linewidth())
    assert inner.get_clip_path() is not None
    outer = artists(outside, "p1-s1-bar")[0]
    assert outer.get_edgecolor()[3] == 0  # the shape's own outline is off
    outlines = artists(outside, "p1-s1-bar-outline")
    assert outlines and outlines[0].get_zorder() < outer.get_zorder()
    assert to_hex(outlines[0].get_edgecolor()) == "#ff0000"
    assert outlines[0].get_linewidth() == pytest.approx(2 * plain.get_linewidth())


def test_lalign_on_areas_and_chart_bars(s):
    _, fig = drawn(s, "twoway area y x, sort lcolor(red) lalign(outside)")
    assert artists(fig, "p1-s1-area-outline")
    _, fig = drawn(s, "graph bar y, over(g) bar(1, lcolor(red) lalign(inside))")
    bar = [a for a in artists(fig, "p1-s1-bar") if a.__class__.__name__ == "Rectangle"][0]
    assert bar.get_clip_path() is not None
    _, fig = drawn(s, "graph box y, over(g) box(1, lalign(inside))")
    box = [a for ax in fig.axes for a in ax.patches if a.get_gid() == "p1-s1-box"][0]
    assert box.get_clip_path() is not None  # the doubled outline clipped to the box
