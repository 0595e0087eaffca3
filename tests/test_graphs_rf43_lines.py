"""rf43 (issue 14): twoway dropline of several y with marker labels, labelled per view as
twoway_yxview_parse.class records ``.labvars[i]`` (Stata 16 set, opensafely-core/
cohort-extractor), read back from the drawn figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import axes, drawn, make_session, run


@pytest.fixture()
def s():
    session = make_session(n=30)
    run(session, 'gen y2 = y + 5\ngen str4 a = "A" + string(_n)\ngen str4 b = "B" + string(_n)')
    return session


def _texts_at(fig):
    """Each marker label's text -> its data position."""
    return {t.get_text(): tuple(np.round(t.xy if hasattr(t, "xy") else t.get_position(), 9))
            for t in axes(fig).texts}


def test_dropline_several_y_one_label_variable_labels_the_first_y(s):
    # .labvars[1] = a; view 2 has no lvariable: its markers unlabelled
    graph, fig = drawn(s, "twoway dropline y2 y x in 1/5, mlabel(a)")
    spikes1, marks1, spikes2, marks2 = graph.panels[0].series
    assert marks1.labels == ("A1", "A2", "A3", "A4", "A5") and marks2.labels is None
    texts = _texts_at(fig)
    x = s.data.numeric("x")[:5]
    for k in range(5):
        assert texts[f"A{k + 1}"] == pytest.approx((x[k], s.data.numeric("y2")[k]))
    assert not [t for t in texts if t.startswith("B")]


def test_dropline_several_y_label_list_and_dots(s):
    graph, fig = drawn(s, "twoway dropline y2 y x in 1/5, mlabel(a b) mlabcolor(red blue)")
    _, marks1, _, marks2 = graph.panels[0].series
    assert marks1.labels[0] == "A1" and marks2.labels[-1] == "B5"
    texts = {t.get_text(): t for t in axes(fig).texts}
    y = s.data.numeric("y")[:5]
    assert texts["B3"].xy[1] == pytest.approx(y[2])  # the second y's markers
    assert to_hex(texts["A1"].get_color()) == "#ff0000" and to_hex(texts["B1"].get_color()) == "#0000ff"
    graph, _ = drawn(s, "twoway dropline y2 y x in 1/5, mlabel(. b)")
    _, marks1, _, marks2 = graph.panels[0].series
    assert marks1.labels is None and marks2.labels[0] == "B1"


def test_dropline_several_y_labels_follow_the_rows_each_y_has(s):
    # a row where one y is missing keeps the other y's marker, and its label
    run(s, "replace y2 = . in 2")
    graph, fig = drawn(s, "twoway dropline y2 y x in 1/4, mlabel(a a)")
    _, marks1, _, marks2 = graph.panels[0].series
    assert marks1.labels == ("A1", "A3", "A4") and marks2.labels == ("A1", "A2", "A3", "A4")
    assert len(marks1.x) == 3
    # horizontal: the labels at (y, x)
    graph, fig = drawn(s, "twoway dropline y2 y x in 1/4, mlabel(a b) horizontal")
    texts = {t.get_text(): t for t in axes(fig).texts}
    assert texts["B4"].xy == pytest.approx((s.data.numeric("y")[3], s.data.numeric("x")[3]))


# ------------------------------------------------------------------ by(): i-axis labels and ticks
def _ticks_shown(ax, which):
    axis = ax.yaxis if which == "y" else ax.xaxis
    return any(t.tick1line.get_visible() or t.tick2line.get_visible() for t in axis.get_major_ticks())


def test_by_iylabel_alone_shows_nothing_more_on_inner_panels(s):
    # bygraph_g.class: set_axes_labels only switches the labels of axes whose draw_view
    # set_axes_shown left off (s2color by_indiv_yaxes no), and axis.class's real_draw draws
    # nothing of such an axis but its grid: the inner panels stay unlabelled
    from graphs_helpers import tick_texts

    for typed in ("iylabel", "iylabels", "iyl", "iytick", "iyticks"):
        _, fig = drawn(s, f"scatter y x, by(g, cols(3) {typed})")
        inner = axes(fig, "panel2")
        assert tick_texts(inner, "y") == [] and not _ticks_shown(inner, "y"), typed
        assert not inner.spines["left"].get_visible()
        assert tick_texts(axes(fig, "panel1"), "y") != []  # the edge panel keeps its axis
    for typed in ("ixlabel", "ixticks"):
        _, fig = drawn(s, f"scatter y x, by(g, cols(2) {typed})")
        assert tick_texts(axes(fig, "panel1"), "x") == [] and not _ticks_shown(axes(fig, "panel1"), "x")


def test_by_noiylabel_and_noiytick_reach_every_panel(s):
    # set_axes_labels/set_axes_ticks edit every panel axis, set_outer_axes only its draw_view
    from graphs_helpers import tick_texts

    _, fig = drawn(s, "scatter y x, by(g, cols(3) noiylabel)")
    first = axes(fig, "panel1")
    assert tick_texts(first, "y") == [] and _ticks_shown(first, "y") and first.spines["left"].get_visible()
    assert tick_texts(first, "x") != []
    _, fig = drawn(s, "scatter y x, by(g, cols(3) noiytick)")
    first = axes(fig, "panel1")
    assert tick_texts(first, "y") != [] and not _ticks_shown(first, "y")
    # iyaxes noiylabel: each panel's axis line and ticks, no labels anywhere
    _, fig = drawn(s, "scatter y x, by(g, cols(3) iyaxes noiylabels)")
    for gid in ("panel1", "panel2", "panel3"):
        ax = axes(fig, gid)
        assert tick_texts(ax, "y") == [] and _ticks_shown(ax, "y") and ax.spines["left"].get_visible()
    _, fig = drawn(s, "scatter y x, by(g, cols(3) iyaxes iylabel)")  # as iyaxes alone
    assert tick_texts(axes(fig, "panel2"), "y") != [] and _ticks_shown(axes(fig, "panel2"), "y")
    _, fig = drawn(s, "scatter y x, by(g, cols(2) noixlabel)")
    assert all(tick_texts(axes(fig, f"panel{i}"), "x") == [] for i in (1, 2, 3))


# ------------------------------------------------------------------ histogram, binrescale
def test_histogram_binrescale_is_stata_14s(s):
    # whatsnew13to14 (release 14.0 compared with 13), item 85: "histogram now allows bin size to be
    # recalculated in each category when by is specified; specify the new option binrescale";
    # Stata 12's histogram.ado 1.2.10 has no BINRESCALE: Stata 13 says what mlm says
    before = len(s.graphs)
    out, rc = run(s, "histogram x, by(g) binrescale", stop_on_error=False)
    assert rc == 198 and "option binrescale not allowed" in out
    assert len(s.graphs) == before


# ------------------------------------------------------------------ Stata 9's %d codes under %td
def test_td_reads_stata9_day_codes():
    from mlmcli.render.numfmt import is_valid_format
    from mlmcli.render.datetime_formats import format_datetime

    day = 14977  # 02jan2001 (td(02jan2001))
    assert format_datetime(day, "d", "Y-n-d") == "01-1-2"      # lianyujun's xvarformat(%tdY-n-d)
    assert format_datetime(day, "d", "md") == "Jan2"           # [TS] tsline example 3's %tdmd
    assert format_datetime(day, "d", "M_d,_CY") == "January 2, 2001"   # REDCap's %dM_d,_CY
    assert format_datetime(day, "d", "DlCY") == "02jan2001"    # Stata 9's default %d
    assert format_datetime(day, "d", "CY-N-D") == "2001-01-02"
    assert format_datetime(day, "d", "DD/NN/CCYY") == "02/01/2001"  # the new codes first
    assert is_valid_format("%tdY-n-d") and is_valid_format("%tdmd")
    assert not is_valid_format("%tcY-n-d") and not is_valid_format("%tdZ")


def test_xvarformat_with_stata9_codes_labels_the_date_axis(s):
    # lianyujun's graph chapter: `twoway line high date, xvarformat(%tdY-n-d) yvarformat(%6.2f)`
    from graphs_helpers import tick_texts

    run(s, "clear\nset obs 4\ngen date = td(01jan2001) + 100*(_n-1)\nformat date %td\ngen high = _n")
    _, fig = drawn(s, "twoway line high date, xvarformat(%tdY-n-d) yvarformat(%6.2f)")
    ax = axes(fig)
    from mlmcli.render.datetime_formats import format_datetime

    shown = [(t.get_position()[0], t.get_text()) for t in ax.get_xticklabels() if t.get_text()]
    assert len(shown) >= 3
    assert all(text == format_datetime(at, "d", "Y-n-d") for at, text in shown)
    # the first of months (date_scale's calendar labels): two-digit year, no zeros
    assert "01-4-1" in [text for _, text in shown]
    assert all("." in t and len(t.split(".")[1]) == 2 for t in tick_texts(ax, "y"))  # %6.2f
    out, rc = run(s, "format date %tdY-n-d\nlist date in 1")
    assert rc == 0 and "01-1-1" in out


def test_by_suboption_abbreviations_of_bygraph_g(s):
    # bygraph_g.class parse_settings: IXaxes NOIXaxes IXLabels IXTicks (before IXTitles) Rescale
    # YRescale NORescale NOXRescale; by_option.sthlp: iy:axes iyt:ick iytit:le iyl:abel yr:escale
    from graphs_helpers import tick_texts

    _, fig = drawn(s, "scatter y x, by(g, cols(3) iy)")
    assert tick_texts(axes(fig, "panel2"), "y") != []
    _, fig = drawn(s, "scatter y x, by(g, cols(3) iy noiyt)")  # noiyt: noiyticks
    assert tick_texts(axes(fig, "panel2"), "y") != [] and not _ticks_shown(axes(fig, "panel2"), "y")
    graph, _ = drawn(s, "scatter y x, by(g, cols(3) yr)")
    assert graph.share_y is False
    graph, _ = drawn(s, "scatter y x, by(g, re)")
    assert graph.share_x is False and graph.share_y is False
    for typed in ("iyt", "iyti", "noiy", "nor", "noxr", "iytit", "ixl", "noixl"):
        out, rc = run(s, f"scatter y x, by(g, {typed})")
        assert rc == 0, (typed, out)
    graph, _ = drawn(s, "scatter y x, by(g, cols(3) iytit)")
    assert "ytitle" in graph.every_panel
    graph, _ = drawn(s, "scatter y x, by(g, cols(3) iyti)")  # the ticks, not the titles
    assert "ytitle" not in graph.every_panel


def test_by_noiylabel_on_a_horizontal_chart_is_the_value_axis(s):
    # bargraph_g: the y axis of graph hbar/dot is the scale axis, drawn along x
    from graphs_helpers import tick_texts

    _, fig = drawn(s, "graph hbar (mean) y, over(g) by(h, noiylabel)")
    first = axes(fig, "panel1")
    assert tick_texts(first, "x") == []              # the values' labels off
    assert tick_texts(first, "y") == ["low", "mid", "high"]   # the groups kept
