"""The common twoway options, each drawn and checked on the matplotlib figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import (all_texts, artists, axes, figure, legend_texts, line_xy, make_session,
                            run, subfigures, tick_texts)
from mlmcli.graphs import style


@pytest.fixture()
def s():
    return make_session()


def draw(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return session.graphs[-1], figure(session.graphs[-1])


def marker_line(fig, gid="p1-s1-scatter"):
    (line,) = artists(fig, gid)
    return line


def test_marker_options_and_their_abbreviations(s):
    graph, fig = draw(s, "scatter y x, msymbol(D) mcolor(red) msize(large)")
    line = marker_line(fig)
    assert line.get_marker() == "D" and to_hex(line.get_markerfacecolor()) == "#ff0000"
    assert line.get_markersize() == pytest.approx(style.MARKER_SIZES["large"])
    graph, fig = draw(s, "scatter y x, m(Oh) mc(navy) msiz(small)")
    line = marker_line(fig)
    assert line.get_marker() == "o" and line.get_markerfacecolor() == "none"
    assert to_hex(line.get_markeredgecolor()) == style.NAMED_COLORS["navy"]
    graph, fig = draw(s, "scatter y x, m(T) mcolor(\"0 128 0\")")
    assert marker_line(fig).get_marker() == "^"
    assert to_hex(marker_line(fig).get_markerfacecolor()) == "#008000"


def test_axis_option_abbreviations_as_statas(s):
    """yla()/xla() (ylabel/xlabel), yli()/xli() (yline/xline), ysc()/xsc(), ti(), xti()."""
    graph, fig = draw(s, 'scatter y x, ysc(r(-5 10)) yla(0(5)10) xla(0(2)10) ti("t") yli(2, lp(dash)) xli(5)')
    assert graph.yticks == (0.0, 5.0, 10.0) and graph.xticks == (0.0, 2.0, 4.0, 6.0, 8.0, 10.0)
    assert tick_texts(axes(fig), "y") == ["0", "5", "10"] and graph.title == "t"
    assert graph.xlines == (5.0,) and graph.reflines[0].value == 2.0 and graph.reflines[0].pattern == "dash"


def test_line_options_and_abbreviations(s):
    graph, fig = draw(s, "line y x, sort lcolor(green) lpattern(dash) lwidth(thick)")
    (coll,) = artists(fig, "p1-s1-line")
    assert to_hex(coll.get_colors()[0]) == "#00ff00"
    assert coll.get_linewidths()[0] == pytest.approx(style.LINE_WIDTHS["thick"])
    offset, dashes = coll.get_linestyles()[0]
    assert dashes is not None and len(dashes) == 2
    graph, fig = draw(s, "line y x, sort lc(maroon) lp(shortdash_dot) lw(vthin)")
    (coll,) = artists(fig, "p1-s1-line")
    assert to_hex(coll.get_colors()[0]) == style.NAMED_COLORS["maroon"]
    assert len(coll.get_linestyles()[0][1]) == 4


def test_color_sets_markers_and_lines_and_intensity_dims(s):
    graph, fig = draw(s, "twoway connected y x in 1/5, sort color(orange)")
    assert to_hex(marker_line(fig, "p1-s1-connected-markers").get_markerfacecolor()) == "#ff8000"
    (coll,) = artists(fig, "p1-s1-connected")
    assert to_hex(coll.get_colors()[0]) == "#ff8000"
    graph, fig = draw(s, "scatter y x, mcolor(*.5)")
    assert to_hex(marker_line(fig).get_markerfacecolor()) == style.intensity(style.NAMED_COLORS["navy"], .5)


def test_connect_styles(s):
    run(s, "sort g x")
    graph, fig = draw(s, "scatter y x, connect(L)")
    (coll,) = artists(fig, "p1-s1-connected")
    assert len(coll.get_segments()) == 3  # one line per run of ascending x
    graph, fig = draw(s, "scatter y x in 1/4, c(J) sort")
    assert graph.panels[0].series[0].step


def test_log_scales_and_range(s):
    graph, fig = draw(s, "scatter z x, xscale(log) yscale(log range(0.5 200))")
    ax = axes(fig)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    lo, hi = ax.get_ylim()
    assert lo <= 0.5 and hi >= 200
    # the labels are numbers, as Stata writes them, not matplotlib's 10^k mathtext (a computed
    # plot first: no variable's format to take)
    graph, fig = draw(s, "twoway function y = x, range(1 100) xscale(log) yscale(log)")
    ax = axes(fig)
    fig.canvas.draw()
    texts = [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels() if t.get_text()]
    assert texts and not any("$" in t or "^" in t or "times" in t for t in texts), texts
    graph, fig = draw(s, "scatter y x, xscale(range(-5 20) reverse)")
    lo, hi = axes(fig).get_xlim()
    assert lo >= 20 and hi <= -5  # reversed


def test_reference_lines_and_text(s):
    graph, fig = draw(s, 'scatter y x, yline(3 4) xline(5) text(3 5 "the point" 6 1 "another", place(e))')
    ax = axes(fig)
    hlines = [l for l in ax.get_lines() if list(l.get_ydata()) in ([3, 3], [4, 4])]
    vlines = [l for l in ax.get_lines() if list(l.get_xdata()) == [5, 5]]
    assert len(hlines) == 2 and len(vlines) == 1
    texts = {t.get_text(): t for t in ax.texts}
    assert texts["the point"].get_position() == (5, 3)
    assert texts["another"].get_position() == (1, 6) and texts["another"].get_ha() == "left"


def test_reference_lines_noextend_and_second_axis(s):
    """``noextend``: the line covers the axis' range (data and ticks), not the plot region's
    margins; ``yline(#, axis(2))``: the value on the right-hand axis."""
    graph, fig = draw(s, "scatter y x, yline(3, noextend lcolor(red)) xline(5, noextend)")
    ax = axes(fig)
    (h,) = artists(fig, "refline-y-noextend")
    (v,) = artists(fig, "refline-x-noextend")
    x, y = s.data.numeric("x"), s.data.numeric("y")
    lo, hi = h.get_xdata()
    xlim = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if xlim[0] <= t <= xlim[1]]
    assert lo == pytest.approx(min(x.min(), min(ticks))) and hi == pytest.approx(max(x.max(), max(ticks)))
    assert xlim[0] < lo and hi < xlim[1], "the margins stay clear"
    assert list(h.get_ydata()) == [3, 3] and to_hex(h.get_color()) == "#ff0000"
    assert list(v.get_xdata()) == [5, 5]
    lo, hi = v.get_ydata()
    assert lo == pytest.approx(min(y.min(), min(t for t in ax.get_yticks() if ax.get_ylim()[0] <= t)))
    graph, fig = draw(s, "twoway (scatter y x) (line z x, sort yaxis(2)), yline(40, axis(2) lpattern(dash))")
    right = axes(fig, "panel1-axis2")
    (line,) = [l for l in right.get_lines() if list(l.get_ydata()) == [40, 40]]
    assert line.get_linestyle() == "--"
    assert not [l for l in axes(fig).get_lines() if list(l.get_ydata()) == [40, 40]]
    graph, fig = draw(s, "scatter y x, yline(2, axis(2))")  # no plot on axis 2: the axis alike axis 1
    assert [l for l in axes(fig, "panel1-axis2").get_lines() if list(l.get_ydata()) == [2, 2]]
    graph, fig = draw(s, "scatter y x, xline(2, axis(2))")  # x axis 2 (above), alike axis 1
    top = axes(fig, "panel1-xaxis2")
    assert [l for l in top.get_lines() if list(l.get_xdata()) == [2, 2]]
    assert top.get_xlim() == pytest.approx(axes(fig).get_xlim())


def test_legend_order_label_rows_cols_off(s):
    graph, fig = draw(s, 'scatter y x || lfit y x, legend(order(2 1) label(1 "Observed") rows(1))')
    assert legend_texts(fig) == ["Fitted values", "Observed"]
    assert graph.legend_cols == -1
    graph, fig = draw(s, "scatter y x || lfit y x, legend(cols(1))")
    assert graph.legend_cols == 1 and legend_texts(fig) == ["Outcome", "Fitted values"]
    graph, fig = draw(s, "scatter y x || lfit y x, legend(off)")
    assert legend_texts(fig) == []


def test_legend_position_and_ring(s):
    graph, fig = draw(s, "scatter y x || lfit y x, legend(ring(0) position(1))")
    ax = axes(fig)
    assert ax.get_legend() is not None and ax.get_legend()._loc == 1  # upper right
    graph, fig = draw(s, "scatter y x || lfit y x, legend(position(3))")
    assert graph.legend_position == 3 and axes(fig).get_legend() is None
    assert legend_texts(fig) == ["Outcome", "Fitted values"]
    (host,) = [f for f in subfigures(fig) if f.legends]
    ax_box = axes(fig).get_window_extent()
    assert host.bbox.x0 >= ax_box.x1 - 1, "a legend at 3 o'clock sits right of the plot"


def test_axis_labels(s):
    graph, fig = draw(s, "scatter y x, xlabel(0(2)10, angle(45) labsize(small)) ylabel(#3, nogrid)")
    ax = axes(fig)
    assert tick_texts(ax, "x") == ["0", "2", "4", "6", "8", "10"]
    assert ax.get_xticklabels()[0].get_rotation() == pytest.approx(45)
    assert ax.get_xticklabels()[0].get_fontsize() == pytest.approx(style.TEXT_SIZES["small"])
    assert not any(l.get_visible() for l in ax.get_ygridlines())
    assert len(ax.get_yticks()) <= 5
    graph, fig = draw(s, 'scatter y g, xlabel(1 "one" 2 "two" 3 "three", grid) ylabel(, angle(0))')
    ax = axes(fig)
    assert tick_texts(ax, "x") == ["one", "two", "three"]
    # grid lines at every label: the data reach 1 and 3, the outer ones (Stata draws the line at
    # an outer label the scale reaches); nogmin nogmax leave the outer ones out
    assert [l.get_visible() for l in ax.get_xgridlines()] == [True, True, True]
    graph, fig = draw(s, 'scatter y g, xlabel(1 "one" 2 "two" 3 "three", grid nogmin nogmax)')
    assert [l.get_visible() for l in axes(fig).get_xgridlines()] == [False, True, False]
    graph, fig = draw(s, "scatter y g, xlabel(1 2 3, valuelabel)")
    assert tick_texts(axes(fig), "x") == ["low", "mid", "high"]


def test_titles(s):
    graph, fig = draw(s, 'scatter y x, title("Main") subtitle(Sub) note("A note") caption(Cap) '
                         'xtitle("The x") ytitle("The y") l1title(Left)')
    texts = all_texts(fig)
    for t in ("Main", "Sub", "A note", "Cap", "The x", "The y"):  # each drawn on its own
        assert t in texts, t
    assert "Left" in texts
    graph, fig = draw(s, 'scatter y x, xti("abbreviated x") yti(why)')
    assert axes(fig).get_xlabel() == "abbreviated x" and axes(fig).get_ylabel() == "why"


@pytest.mark.parametrize("scheme", ["s2color", "s1color", "s2mono", "s1mono"])
def test_schemes(s, scheme):
    graph, fig = draw(s, f"scatter y x || scatter x y, scheme({scheme})")
    sch = style.scheme(scheme)
    assert to_hex(fig.get_facecolor()) == sch.graph_region
    second = marker_line(fig, "p1-s2-scatter")
    assert to_hex(second.get_markerfacecolor() if second.get_markerfacecolor() != "none"
                  else second.get_markeredgecolor()) == sch.series_colors[1]
    if scheme.endswith("mono"):
        assert second.get_marker() == "D"  # p2's symbol tells the series apart


def test_unknown_scheme_is_a_note(s):
    """A name Stata does not know: Stata's note and s2color.  Stata 13's economist and s2gmanual
    schemes ([G-4] schemes intro), which mlm does not draw: s2color with a note saying so."""
    out, rc = run(s, "scatter y x, scheme(nosuchscheme)")
    assert rc == 0 and "scheme nosuchscheme not found, using s2color" in out
    for name in ("economist", "s2gmanual"):
        out, rc = run(s, f"scatter y x, scheme({name})")
        assert rc == 0 and f"scheme {name} is not drawn by mlmcli, using s2color" in out
        assert s.graphs[-1].scheme == "s2color"


def test_s1rcolor_is_color_on_black(s):
    """[G-4] scheme s1: s1rcolor, color on black -- the scheme file's p1 yellow and p2 lime,
    black regions and legend, white text, axes and ticks, gs5 grid lines; a typed colour
    stays."""
    graph, fig = draw(s, 'twoway (scatter y x) (scatter x y), scheme(s1rcolor) title("T") '
                         'xtitle("X", color(red))')
    ax = axes(fig)
    white, black = "#ffffff", "#000000"
    assert to_hex(fig.get_facecolor()) == black and to_hex(ax.get_facecolor()) == black
    first = marker_line(fig, "p1-s1-scatter")
    assert to_hex(first.get_markerfacecolor()) == style.NAMED_COLORS["yellow"]
    second = marker_line(fig, "p1-s2-scatter")
    assert to_hex(second.get_markerfacecolor()) == style.NAMED_COLORS["lime"]
    assert all(to_hex(t.get_color()) == white for t in ax.get_yticklabels())
    assert to_hex(ax.yaxis.get_major_ticks()[0].tick1line.get_markeredgecolor()) == white
    assert to_hex(ax.spines["left"].get_edgecolor()) == white
    assert to_hex(ax.xaxis.label.get_color()) == "#ff0000"  # xtitle(, color(red)) typed
    from matplotlib.legend import Legend
    from matplotlib.text import Text

    titles = [t for t in fig.findobj(Text) if t.get_text() == "T"]
    assert titles and all(to_hex(t.get_color()) == white for t in titles)
    grid = [t.gridline for t in ax.yaxis.get_major_ticks() if t.gridline.get_visible()]
    assert grid and to_hex(grid[0].get_color()) == style.NAMED_COLORS["gs5"]
    (legend,) = fig.findobj(Legend)
    assert to_hex(legend.legendPatch.get_facecolor()) == black
    assert to_hex(legend.legendPatch.get_edgecolor()) != black  # mlm's light outline, seen on black


def test_s2gcolor_is_s2color_at_the_manuals_size(s):
    """[G-4] scheme s2: s2gcolor (the [G] manual's) is s2color at 3.12 x 2.392 inches."""
    graph, fig = draw(s, "scatter y x, scheme(s2gcolor)")
    assert tuple(fig.get_size_inches()) == pytest.approx((3.12, 2.392))
    assert to_hex(fig.get_facecolor()) == style.SCHEMES["s2color"].graph_region
    graph, fig = draw(s, "scatter y x, scheme(s2gcolor) xsize(4) ysize(3)")
    assert tuple(fig.get_size_inches()) == (4.0, 3.0)


def test_regions_sizes_and_aspect(s):
    graph, fig = draw(s, "scatter y x, graphregion(color(white)) plotregion(color(gs15)) "
                         "xsize(4) ysize(3) aspectratio(1)")
    assert tuple(fig.get_size_inches()) == (4.0, 3.0)
    assert to_hex(fig.get_facecolor()) == "#ffffff"
    ax = axes(fig)
    assert to_hex(ax.get_facecolor()) == style.NAMED_COLORS["gs15"]
    assert ax.get_box_aspect() == 1


def test_marker_labels(s):
    graph, fig = draw(s, "scatter y x in 1/3, mlabel(g) mlabposition(12)")
    ax = axes(fig)
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["low", "mid", "high"]


def test_jitter_moves_points_a_little(s):
    graph, fig = draw(s, "scatter g h, jitter(5) jitterseed(3)")
    x, y = line_xy(fig, "p1-s1-scatter")
    assert not np.array_equal(y, s.data.numeric("g"))
    assert np.max(np.abs(y - s.data.numeric("g"))) <= 0.05 * 2 / 2 + 1e-12
    graph2, _ = draw(s, "scatter g h, jitter(5) jitterseed(3)")
    np.testing.assert_array_equal(graph.panels[0].series[0].y, graph2.panels[0].series[0].y)


def test_jitter_moves_connected_markers_too(s):
    graph, _ = draw(s, "twoway connected g h, jitter(5) jitterseed(3)")
    y = graph.panels[0].series[0].y
    assert not np.array_equal(y, s.data.numeric("g"))
    assert np.max(np.abs(y - s.data.numeric("g"))) <= 0.05 + 1e-12
    for command in ("twoway dropline y x, jitter(5)", "twoway rcapsym y z x, jitter(5)", "qnorm y, jitter(5)"):
        out, rc = run(s, command, stop_on_error=False)  # scatter's option, not a marker option
        assert rc == 198 and "option jitter" in out and "not allowed" in out, command


def test_second_y_axis(s):
    graph, fig = draw(s, "scatter y x || line z x, sort yaxis(2)")
    assert graph.panels[0].series[1].axis == 2
    twin = axes(fig, "panel1-axis2")
    assert twin.get_ylabel() == "z"


def test_unknown_options_are_refused_with_statas_message(s):
    out, rc = run(s, "scatter y x, frobnicate(3)", stop_on_error=False)
    assert rc == 198 and "option frobnicate() not allowed" in out
    out, rc = run(s, "twoway (line y x, mfoo(2))", stop_on_error=False)
    assert rc == 198 and "option mfoo() not allowed" in out
    out, rc = run(s, "scatter y x, legend(bogus)", stop_on_error=False)
    assert rc == 198 and "option bogus not allowed" in out
    out, rc = run(s, "scatter y x, xlabel(, bogus)", stop_on_error=False)
    assert rc == 198


def test_unknown_style_words_are_notes_as_in_stata(s):
    out, rc = run(s, "scatter y x, msymbol(star) lpattern(wiggly) mcolor(chartreuse_dream)")
    assert rc == 0
    assert "named style star not found in class symbolstyle" in out
    assert "named style chartreuse_dream not found in class color" in out


def test_name_replace_and_graph_exists(s):
    run(s, "scatter y x, name(g1)")
    out, rc = run(s, "scatter y x, name(g1)", stop_on_error=False)
    assert rc == 110 and "graph g1 already exists" in out
    run(s, "line y x, name(g1, replace)")
    assert [g.name for g in s.graphs] == ["g1"] and s.graphs[0].panels[0].series[0].kind == "line"
    run(s, "scatter y x")
    run(s, "scatter y x")  # the default name is always replaced
    assert [g.name for g in s.graphs] == ["g1", "Graph"]


def test_text_looks_legend_looks_axis_format_and_recast(s):
    graph, fig = draw(s, 'scatter y x || lfit y x, title("Big", size(large) color(red)) '
                         'xtitle(X, size(small)) legend(size(small) title(Keys) region(fcolor(gs15)) colfirst) '
                         'ylabel(, format(%4.1f))')
    title = [t for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text() == "Big"][0]
    assert title.get_fontsize() == style.TEXT_SIZES["large"] and to_hex(title.get_color()) == "#ff0000"
    assert axes(fig).xaxis.label.get_fontsize() == style.TEXT_SIZES["small"]
    assert graph.legend_title == "Keys" and graph.legend_colfirst
    assert all("." in t and len(t.split(".")[1]) == 1 for t in tick_texts(axes(fig), "y"))
    graph, fig = draw(s, "scatter y x in 1/5, recast(line) sort")
    assert graph.panels[0].series[0].kind == "line"
    graph, fig = draw(s, "scatter y x in 1/2, mlabel(g) mlabcolor(red) mlabangle(45)")
    label = axes(fig).texts[0]
    assert to_hex(label.get_color()) == "#ff0000" and label.get_rotation() == 45
    out, rc = run(s, 'scatter y x, title("t", bogus(1))', stop_on_error=False)
    assert rc == 198


def test_set_scheme_is_the_default_until_scheme_is_typed(s):
    run(s, "set scheme s1mono")
    graph, fig = draw(s, "scatter y x")
    assert graph.scheme == "s1mono" and to_hex(fig.get_facecolor()) == "#ffffff"
    graph, _ = draw(s, "graph box y, over(g)")
    assert graph.scheme == "s1mono"
    graph, _ = draw(s, "histogram y")
    assert graph.scheme == "s1mono"
    graph, _ = draw(s, "scatter y x, scheme(s2color)")
    assert graph.scheme == "s2color"
    out, _ = run(s, "set scheme economist")
    assert "scheme economist is not drawn by mlmcli, using s2color" in out and s.graph_scheme == "s2color"
    run(s, "set scheme s1rcolor")
    graph, fig = draw(s, "scatter y x")
    assert graph.scheme == "s1rcolor" and to_hex(fig.get_facecolor()) == "#000000"
