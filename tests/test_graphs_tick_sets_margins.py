"""The shared twoway machinery's region margins, tick sets and axis scales, read from the drawn
matplotlib objects: ``plotregion(margin(t=0 b=0))`` keeps the default on the sides it does not
name ([G-4] marginstyle's marginexp); each of xlabel()/xtick()/xmtick() draws its own grid
([G-3] axis_label_options); ``tlstyle()``/``tlpattern()`` and the ``FORmat``/``VALuelabels``
abbreviations of _gs_parse_and_log_tickset.ado; ``xscale(axis(2) log)``; an axis label's
range whose step runs away from its end (docs/graphs_tick_sets.md)."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, drawn, make_session, refused, run

from mlmcli.graphs.look_options import margin_value


@pytest.fixture()
def s():
    return make_session()


def _data(s, name):
    return float(np.min(s.data.df[name])), float(np.max(s.data.df[name]))


# ------------------------------------------------------------------ margins
def test_marginexp_keeps_the_default_of_the_sides_it_does_not_name():
    assert margin_value("t=0 b=0", "margin", base=(5, 5, 5, 5)) == (5, 5, 0, 0)
    assert margin_value("l+5 r-2 b=1", "margin", base=(5, 5, 5, 5)) == (10, 3, 1, 5)
    assert margin_value("l 2", "margin", base=(3, 3, 3, 3)) == (2, 3, 3, 3)  # no sign: set
    assert margin_value("t=0", "margin") == (0, 0, 0, 0)  # no default given: none
    assert margin_value("small", "margin", base=(5, 5, 5, 5)) == (2, 2, 2, 2)  # a name: all four sides


# the labels typed inside the data, so the limits are the data's and the margins' (automatic
# labels may reach beyond the data: natural_scale.py)
INSIDE = " xlabel(2 4 6 8) ylabel(0 2 4)"


def test_plotregion_margin_top_bottom_zero_keeps_left_right(s):
    _, plain = drawn(s, "scatter y x," + INSIDE)
    _, fig = drawn(s, "scatter y x, plotregion(margin(t=0 b=0))" + INSIDE)
    ax = axes(fig)
    assert ax.get_xlim() == pytest.approx(axes(plain).get_xlim())  # left and right: the default
    assert ax.get_ylim() == pytest.approx(_data(s, "y"))  # top and bottom: none


def test_plotregion_margin_plus_minus_change_the_default(s):
    _, plain = drawn(s, "scatter y x," + INSIDE)
    _, fig = drawn(s, "scatter y x, plotregion(margin(l+5 b-5))" + INSIDE)
    ax = axes(fig)
    lo, hi = _data(s, "x")
    assert ax.get_xlim()[0] == pytest.approx(lo - 0.10 * (hi - lo))  # 5 + 5 per cent
    assert ax.get_xlim()[1] == pytest.approx(axes(plain).get_xlim()[1])
    assert ax.get_ylim()[0] == pytest.approx(_data(s, "y")[0])  # 5 - 5: none
    assert ax.get_ylim()[1] == pytest.approx(axes(plain).get_ylim()[1])


def test_combine_graphregion_margin_keeps_its_medsmall_sides(s):
    run(s, "scatter y x, name(a, replace)\nscatter y z, name(b, replace)")
    graph, _ = drawn(s, "graph combine a b, graphregion(margin(t=0))")
    assert graph.graph_margin == pytest.approx((3 * 2.88, 3 * 2.88, 3 * 2.88, 0.0))


# ------------------------------------------------------------------ each tick set's grid
def _grid(axis):
    locs = list(axis.get_majorticklocs())
    return {round(float(v), 6): t.gridline for v, t in zip(locs, axis.get_major_ticks(len(locs)))}


def test_ytick_grid_draws_lines_at_its_ticks_only(s):
    _, fig = drawn(s, "scatter y x, ylabel(, nogrid) ytick(1 3, grid glcolor(red))")
    lines = _grid(axes(fig).yaxis)
    assert {v for v, g in lines.items() if g.get_visible()} == {1.0, 3.0}
    assert lines[1.0].get_color() in ("red", "#ff0000")


def test_ytick_nogrid_leaves_the_labels_grid(s):
    _, fig = drawn(s, "scatter y x, ytick(1 3, nogrid)")
    lines = _grid(axes(fig).yaxis)
    assert not lines[1.0].get_visible() and not lines[3.0].get_visible()
    assert lines[2.0].get_visible() and lines[0.0].get_visible()  # s2color's y grid at the labels


def test_xtick_grid_leaves_the_x_labels_without_lines(s):
    _, fig = drawn(s, "scatter y x, xtick(1 3, grid)")
    lines = _grid(axes(fig).xaxis)
    assert {v for v, g in lines.items() if g.get_visible()} == {1.0, 3.0}


def test_ymtick_grid_and_its_own_tick_look(s):
    _, fig = drawn(s, "scatter y x, ymtick(##2, grid tlcolor(red) tlength(4))")
    axis = axes(fig).yaxis
    minor = axis.get_minor_ticks(len(axis.get_minorticklocs()))
    assert minor and all(t.gridline.get_visible() for t in minor)
    assert all(t.tick1line.get_color() in ("red", "#ff0000") for t in minor)
    assert minor[0].tick1line.get_markersize() == pytest.approx(4 * 2.88)
    major = axis.get_major_ticks(len(axis.get_majorticklocs()))
    assert major[0].tick1line.get_color() not in ("red", "#ff0000")  # the major ticks keep theirs


def test_ymtick_without_grid_draws_no_minor_lines(s):
    _, fig = drawn(s, "scatter y x, ymtick(##2)")
    axis = axes(fig).yaxis
    assert not any(t.gridline.get_visible() for t in axis.get_minor_ticks(len(axis.get_minorticklocs())))


# ------------------------------------------------------------------ tick line options
def test_tlstyle_colours_and_sizes_the_ticks(s):
    _, fig = drawn(s, "scatter y x, ylabel(, tlstyle(foreground) tlwidth(thick))")
    tick = axes(fig).yaxis.get_major_ticks()[0]
    assert tick.tick1line.get_color() in ("#000000", "black")
    _, fig = drawn(s, "scatter y x, ylabel(, tlstyle(none))")
    assert axes(fig).yaxis.get_major_ticks()[0].tick1line.get_markersize() == 0


def test_tick_line_options_are_honoured(s):
    _, fig = drawn(s, "scatter y x, ylabel(, tlcolor(red) tlwidth(1) tposition(inside) tlength(3))")
    tick = axes(fig).yaxis.get_major_ticks()[0]
    assert tick.tick1line.get_color() in ("red", "#ff0000")
    assert tick.tick1line.get_markersize() == pytest.approx(3 * 2.88)
    assert tick._tickdir == "in"


def test_tlpattern_refused_and_tlstyle_no_twoway_option(s):
    refused(s, "scatter y x, ylabel(, tlpattern(dash))", "tlpattern")
    out, rc = run(s, "scatter y x, tlstyle(foreground)", stop_on_error=False)
    assert rc == 198 and "option tlstyle() not allowed" in out


def test_format_and_valuelabels_abbreviations(s):
    _, fig = drawn(s, "scatter y x, xlabel(0 5 10, form(%9.1f))")
    assert [t.get_text() for t in axes(fig).get_xticklabels()][:3] == ["0.0", "5.0", "10.0"]
    _, fig = drawn(s, "scatter y g, xlabel(1 2 3, valuelabels)")
    assert [t.get_text() for t in axes(fig).get_xticklabels()] == ["low", "mid", "high"]


# ------------------------------------------------------------------ further axes' scales
def test_second_x_axis_log_reads_its_limits_on_the_log_scale(s):
    _, fig = drawn(s, "scatter y x || scatter z x, xaxis(2) xscale(axis(2) log)")
    top = axes(fig, "panel1-xaxis2")
    assert top.get_xscale() == "log"
    _, plain = drawn(s, "scatter y x, xscale(log)")
    assert top.get_xlim() == pytest.approx(axes(plain).get_xlim())  # as axis 1's log scale


@pytest.mark.parametrize("option, check", [
    ("yscale(axis(2) reverse)", lambda a: a.get_ylim()[0] > a.get_ylim()[1]),
    ("yscale(axis(2) log)", lambda a: a.get_yscale() == "log"),
    ("yscale(axis(2) range(-10 20))", lambda a: a.get_ylim() == pytest.approx((-10, 20))),
    ("yscale(axis(2) off)", lambda a: not a.yaxis.get_visible()),
    ("yscale(axis(2) noline)", lambda a: not a.spines["right"].get_visible() and a.yaxis.get_visible()),
])
def test_second_y_axis_scale_options(s, option, check):
    _, fig = drawn(s, f"scatter y x || scatter z x, yaxis(2) {option}")
    assert check(axes(fig, "panel1-axis2"))
    main = axes(fig)
    assert main.get_ylim()[0] < main.get_ylim()[1] and main.get_yscale() == "linear"  # axis 1 untouched


@pytest.mark.parametrize("option, check", [
    ("xscale(axis(2) reverse)", lambda a: a.get_xlim()[0] > a.get_xlim()[1]),
    ("xscale(axis(2) range(-10 20))", lambda a: a.get_xlim() == pytest.approx((-10, 20))),
    ("xscale(axis(2) off)", lambda a: not a.xaxis.get_visible()),
    ("xscale(axis(2) noline)", lambda a: not a.spines["top"].get_visible() and a.xaxis.get_visible()),
])
def test_second_x_axis_scale_options(s, option, check):
    _, fig = drawn(s, f"scatter y x || scatter z x, xaxis(2) {option}")
    assert check(axes(fig, "panel1-xaxis2"))
    assert axes(fig).get_xlim()[0] < axes(fig).get_xlim()[1]


# ------------------------------------------------------------------ label ranges
def test_label_range_whose_step_runs_away_from_its_end(s):
    # dassonneville-kostelka's gender_gap_turnout.do: ylabel(-0.04(0.02)-.12) (mlm's reading)
    _, fig = drawn(s, "scatter y x, ylabel(-0.04(0.02)-.12)")
    assert list(axes(fig).get_yticks()) == pytest.approx([-0.04, -0.06, -0.08, -0.10, -0.12])
    _, fig = drawn(s, "scatter y x, ylabel(-0.04(-0.02)-.12)")
    assert list(axes(fig).get_yticks()) == pytest.approx([-0.04, -0.06, -0.08, -0.10, -0.12])


def test_label_numlist_with_brackets(s):
    _, fig = drawn(s, "scatter y x, ylabel(0[2]6)")
    assert list(axes(fig).get_yticks()) == pytest.approx([0, 2, 4, 6])


def test_numlist_bracket_form():
    from mlmcli.syntax.numlist import numlist

    assert numlist("9[-2]1") == [9, 7, 5, 3, 1]  # [U] 11.1.8: same as 9(-2)1
    assert numlist("1[2]10 -1[.5]0") == [1, 3, 5, 7, 9, -1, -0.5, 0]


def test_nogextend_is_the_default_look(s):
    # kohler05c's grclass_by_GDP.do: ylabel(0(.025).1, grid gstyle(dot) nogextend axis(1))
    _, plain = drawn(s, "scatter y x, ylabel(, grid)")
    _, fig = drawn(s, "scatter y x, ylabel(, grid nogextend)")
    seen = [t.gridline.get_visible() for t in axes(fig).yaxis.get_major_ticks()]
    assert seen == [t.gridline.get_visible() for t in axes(plain).yaxis.get_major_ticks()] and any(seen)


def test_ymlabel_format_is_the_minor_labels_own(s):
    _, fig = drawn(s, "scatter y x, ymlabel(1 3, format(%9.2f)) ylabel(, format(%9.1f))")
    axis = axes(fig).yaxis
    minor = [t.get_text() for t in axis.get_minorticklabels() if t.get_text()]
    assert minor == ["1.00", "3.00"]
    assert all(t.get_text().count(".") <= 1 and len(t.get_text().split(".")[-1]) == 1
               for t in axis.get_majorticklabels() if "." in t.get_text())


def test_xmlabel_labgap_is_the_minor_labels_own(s):
    # xmlabel(, labgap()) was dropped silently: now the minor labels' pad, as xlabel(, labgap()) is
    # the major labels' (same size, same pad); the major labels keep their default
    _, fig = drawn(s, "scatter y x, xmlabel(1 3, labgap(5))")
    axis = axes(fig).xaxis
    minor = axis.get_minor_ticks(len(axis.get_minorticklocs()))
    default_pad = axis.get_major_ticks(1)[0].get_pad()
    _, fig_major = drawn(s, "scatter y x, xlabel(, labgap(5))")
    typed_major = axes(fig_major).xaxis.get_major_ticks(1)[0].get_pad()
    assert typed_major != pytest.approx(default_pad)
    assert minor and all(t.get_pad() == pytest.approx(typed_major) for t in minor)
    _, fig_plain = drawn(s, "scatter y x, xmlabel(1 3)")
    plain = axes(fig_plain).xaxis
    assert plain.get_minor_ticks(2)[0].get_pad() != pytest.approx(typed_major)
    # the minor labels stand further from the axis: their text is lower than without labgap()
    def gaps(ax):  # from the plot region's bottom edge down to each minor label's top
        return [ax.get_window_extent().y0 - t.get_window_extent().y1
                for t in ax.xaxis.get_minorticklabels() if t.get_text()]

    typed, untyped = gaps(axes(fig)), gaps(axes(fig_plain))
    assert typed and untyped and min(typed) > max(untyped)


def _legend(fig):
    from graphs_helpers import subfigures

    return [leg for sub in subfigures(fig) for leg in getattr(sub, "legends", [])][0]


@pytest.mark.parametrize("option, attribute, sides", [
    ("legend(region(margin(l=0)))", "borderpad", (0, 2, 2, 2)),      # s2color: margin legend small
    ("legend(region(margin(l+2 t-1)))", "borderpad", (4, 2, 2, 1)),
    ("legend(margin(b=5))", "borderpad", (2, 2, 5, 2)),
    ("legend(bmargin(t=0))", "borderaxespad", (2, 2, 2, 0)),       # margin legend_boxmargin small
    ("legend(region(margin(medium)))", "borderpad", (3.5, 3.5, 3.5, 3.5)),  # a name: all four sides
])
def test_legend_marginexp_starts_from_the_schemes_small(s, option, attribute, sides):
    # the legend's margin was started from zero: margin(l=0) took away every side
    from mlmcli.graphs.look_options import UNIT_PT

    _, fig = drawn(s, f"twoway (scatter y x) (lfit y x), {option}")
    # matplotlib's legend has one pad for the four sides: their mean, in units of the 8-point text
    assert getattr(_legend(fig), attribute) == pytest.approx(sum(sides) / 4 * UNIT_PT / 8.0)
