"""sts graph, risktable(): ``style()`` and the axis-label options (rt45).  sts_graph_util.class
1.1.3 (Stata 16's ado tree) hands risktable()'s text options to each row's x axis as
``labsize() labcolor() labjustification() labstyle() labgap()`` after the typed axis-label
options, and the same options to the row titles; the table title gets only its ``title(, ...)``
ones.  Sizes by hand: s2color's medsmall 8.5 pt, small 7.5, large 12; textstyles heading 12,
small_label 7, axis_title 9.5 (named_styles); the risk table's own sts_risktable/sts_risktitle
are medsmall."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, drawn, run, subfigures, survival_reference_session
from mlmcli.graphs import style
from mlmcli.graphs.risk_table_draw import LINE, table_extent


@pytest.fixture()
def s():
    session = survival_reference_session("sts_km.csv", "stset t, failure(d)")
    run(session, 'label define gl 1 "low" 2 "mid" 3 "high"\nlabel values g gl')
    return session


def texts(fig, prefix: str = "risktable") -> dict:
    """{gid: [Text, ...]} of the texts whose gid starts with ``prefix``."""
    out: dict = {}
    for holder in subfigures(fig):
        for text in holder.texts:
            gid = text.get_gid() or ""
            if gid.startswith(prefix):
                out.setdefault(gid, []).append(text)
    return out


def one(found: dict, gid: str):
    (text,) = found[gid]
    return text


def by_gid(fig, prefix: str) -> dict:
    return {a.get_gid(): a for a in fig.findobj(lambda a: (a.get_gid() or "").startswith(prefix))}


# ---------------------------------------------------------------- style()
def test_style_sizes_and_colours_the_numbers_and_row_titles_not_the_table_title(s):
    _, fig = drawn(s, "sts graph, by(g) risktable(, style(heading))")
    found = texts(fig)
    for r in (1, 2, 3):
        value, title = one(found, f"risktable-row{r}-value1"), one(found, f"risktable-row{r}-title")
        assert value.get_fontsize() == pytest.approx(12.0) and title.get_fontsize() == pytest.approx(12.0)
        # heading's colour: s2color's title colour, dknavy
        assert value.get_color() == style.NAMED_COLORS["dknavy"] == title.get_color()
    assert one(found, "risktable-title").get_fontsize() == pytest.approx(8.5)  # title() not typed


def test_style_in_rowtitle_and_title(s):
    _, fig = drawn(s, "sts graph, by(g) risktable(, rowtitle(, style(axis_title)) title(, style(small_label)))")
    found = texts(fig)
    assert one(found, "risktable-title").get_fontsize() == pytest.approx(7.0)
    assert one(found, "risktable-row2-title").get_fontsize() == pytest.approx(9.5)
    assert one(found, "risktable-row2-value1").get_fontsize() == pytest.approx(8.5)


def test_style_names_of_the_risk_table_and_unknown_names(s):
    out, rc = run(s, "sts graph, by(g) risktable(, style(sts_risktitle) rowtitle(, sty(sts_risktable)))")
    assert rc == 0 and "note" not in out
    out, rc = run(s, "sts graph, by(g) risktable(, style(foo))")
    assert rc == 0
    assert "(note:  named style foo not found in class textstyle, default attributes used)" in out
    _, fig = drawn(s, "sts graph, by(g) risktable(, style(foo))")
    assert one(texts(fig), "risktable-row1-value1").get_fontsize() == pytest.approx(8.5)


def test_size_wins_over_labsize_and_labsize_over_a_style(s):
    cases = (("size(small) labsize(large)", 7.5),      # size() is typed after labsize() by the ado
             ("labsize(large) size(small)", 7.5),
             ("labsize(large) style(small_label)", 12.0),  # a typed size over the style's
             ("labstyle(heading) style(small_label)", 7.0),  # style() is labstyle() typed last
             ("labsize(large)", 12.0), ("labsize(*2)", 17.0))
    for typed, size in cases:
        _, fig = drawn(s, f"sts graph, by(g) risktable(, {typed})")
        found = texts(fig)
        assert one(found, "risktable-row1-value2").get_fontsize() == pytest.approx(size), typed
        assert one(found, "risktable-row1-title").get_fontsize() == pytest.approx(size), typed


def test_labcolor_and_color_and_group(s):
    _, fig = drawn(s, "sts graph, by(g) risktable(, labcolor(red)) risktable(, labcolor(red) color(blue) group(#2))")
    found = texts(fig)
    assert one(found, "risktable-row1-value1").get_color() == "#ff0000"
    assert one(found, "risktable-row1-title").get_color() == "#ff0000"
    assert one(found, "risktable-row2-value1").get_color() == style.parse_color("blue")
    assert one(found, "risktable-title").get_color() == "#000000"
    _, fig = drawn(s, "sts graph, by(g) risktable(, labsize(large) group(#2))")
    found = texts(fig)
    assert [one(found, f"risktable-row{r}-value1").get_fontsize() for r in (1, 2, 3)] == [8.5, 12.0, 8.5]


def test_labgap_is_topgap_and_labjustification_is_justification(s):
    def extent(typed):
        return table_extent(drawn(s, f"sts graph, by(g) risktable(, {typed})")[0])

    # labgap(5) and topgap(5): 5 relativesize units (2.88 points) above each of the 3 rows
    assert extent("labgap(5)") == pytest.approx(extent("topgap(5)"))
    assert extent("labgap(5)") == pytest.approx(extent("size(medsmall)") + 3 * 5 * 2.88)
    assert extent("labgap(5) topgap(1)") == pytest.approx(extent("topgap(1)"))
    _, fig = drawn(s, "sts graph, by(g) risktable(, labjustification(left))")
    assert one(texts(fig), "risktable-row1-value1").get_horizontalalignment() == "left"


# ---------------------------------------------------------------- the axis-only options
def test_angle_turns_the_numbers_and_row_titles_and_the_band_grows(s):
    plain, _ = drawn(s, "sts graph, by(g) risktable")
    graph, fig = drawn(s, "sts graph, by(g) risktable(, angle(90))")
    found = texts(fig)
    value, title = one(found, "risktable-row1-value1"), one(found, "risktable-row1-title")
    assert value.get_rotation() == pytest.approx(90.0) and title.get_rotation() == pytest.approx(90.0)
    assert value.get_text() == "20"
    # each row is as tall as its widest turned text: its title, "g = low" (7 characters, 0.62 em
    # each, and a quarter line), "g = mid", "g = high" (8)
    rows = [chars * 0.62 * 8.5 + 0.25 * 8.5 for chars in (7, 7, 8)]
    assert table_extent(graph) == pytest.approx(table_extent(plain) + sum(rows) - 3 * 8.5 * LINE)
    # turned numbers hang from the row's top: the tops of row 1's numbers line up
    tops = [one(found, f"risktable-row1-value{j}").get_window_extent().y1 for j in (1, 2)]
    assert tops[0] == pytest.approx(tops[1], abs=1.0)
    # the margin for the row titles: a turned title is as wide as its run across, not its length
    assert graph.graph_margin[0] < plain.graph_margin[0]
    _, fig = drawn(s, "sts graph, by(g) risktable(, angle(45) title(, angle(10)))")
    found = texts(fig)
    assert one(found, "risktable-row2-value3").get_rotation() == pytest.approx(45.0)
    assert one(found, "risktable-title").get_rotation() == pytest.approx(10.0)


def test_alternate_puts_every_other_number_a_line_lower(s):
    plain, _ = drawn(s, "sts graph, by(g) risktable")
    graph, fig = drawn(s, "sts graph, by(g) risktable(, alternate)")
    found = texts(fig)
    y = [one(found, f"risktable-row1-value{j}").get_window_extent().y0 for j in (1, 2, 3, 4)]
    step = 8.5 * LINE * fig.dpi / 72
    assert y[0] == pytest.approx(y[2]) and y[1] == pytest.approx(y[3])
    assert y[0] - y[1] == pytest.approx(step, rel=0.02)
    assert table_extent(graph) == pytest.approx(table_extent(plain) + 3 * 8.5 * LINE)


def test_nolabels_leaves_a_row_out_and_labels_brings_it_back(s):
    _, fig = drawn(s, "sts graph, by(g) risktable(, nolabels) risktable(, labels group(#1))")
    found = texts(fig)
    assert "risktable-row1-value1" in found and "risktable-row1-title" in found
    for r in (2, 3):
        assert not [k for k in found if k.startswith(f"risktable-row{r}-")]
    assert "risktable-title" in found


def test_grid_lines_at_the_table_times(s):
    _, fig = drawn(s, "sts graph, by(g) risktable(0 10 20, grid gmin gmax glcolor(red) group(#2))")
    ax = axes(fig)
    lines = by_gid(fig, "risktable-row")
    grid = sorted(k for k in lines if "-grid" in k)
    assert grid == ["risktable-row2-grid1", "risktable-row2-grid2", "risktable-row2-grid3"]
    for j, u in enumerate((0, 10, 20), start=1):
        line = lines[f"risktable-row2-grid{j}"]
        assert line.axes is ax and list(line.get_xdata()) == [u, u] and line.get_color() == "#ff0000"
    # without gmin, Stata leaves out a line at the lowest label too close to the axis (grid_ends):
    # here the curve starts at 0, the lowest label, so it stays
    _, fig = drawn(s, "sts graph, by(g) risktable(, grid)")
    assert len([k for k in by_gid(fig, "risktable-row1-grid")]) == 4
    _, fig = drawn(s, "sts graph, by(g) risktable(, grid nogmin)")
    assert "risktable-row1-grid1" not in by_gid(fig, "risktable-row1-grid")
    _, fig = drawn(s, "sts graph, by(g) risktable(, grid nogrid)")
    assert not by_gid(fig, "risktable-row1-grid")
    _, fig = drawn(s, "sts graph, by(g) risktable(, grid glstyle(none))")  # a line of colour none
    assert not by_gid(fig, "risktable-row1-grid")
    _, fig = drawn(s, "sts graph, by(g) risktable(, grid gmin gmax glpattern(dash) glwidth(medthick))")
    line = by_gid(fig, "risktable-row1-grid")["risktable-row1-grid2"]
    assert line.get_linestyle() == "--" and line.get_color() == style.scheme("s2color").grid


def test_ticks_show_with_a_colour_only(s):
    # the risk axes' tickstyle: no ticks, length 0, a line of colour none
    _, fig = drawn(s, "sts graph, by(g) risktable(, ticks tlength(4))")
    assert not by_gid(fig, "risktable-row1-tick")
    _, fig = drawn(s, "sts graph, by(g) risktable(, tlength(4) tlcolor(red))")
    assert not by_gid(fig, "risktable-row1-tick")
    graph, fig = drawn(s, "sts graph, by(g) risktable(, ticks tlength(4) tlcolor(red))")
    ticks = by_gid(fig, "risktable-row1-tick")
    assert sorted(ticks) == [f"risktable-row1-tick{j}" for j in (1, 2, 3, 4)]
    tick = ticks["risktable-row1-tick2"]
    assert tick.get_color() == "#ff0000" and list(tick.get_xdata()) == [10, 10]
    y = tick.get_transform().transform(np.column_stack([tick.get_xdata(), tick.get_ydata()]))[:, 1]
    # tlength(4): a relativesize, 4% of the graph's 4-inch side (2.88 points each)
    assert abs(y[1] - y[0]) == pytest.approx(4 * 2.88 * graph.scale * fig.dpi / 72, rel=1e-6)
    # the number hangs below the tick
    value = one(texts(fig), "risktable-row1-value2").get_window_extent()
    assert value.y1 <= min(y) + 0.5
    _, fig = drawn(s, "sts graph, by(g) risktable(, tstyle(major))")  # a tickstyle that shows them
    ticks = by_gid(fig, "risktable-row3-tick")
    assert len(ticks) == 4 and ticks["risktable-row3-tick1"].get_color() == "#000000"
    _, fig = drawn(s, "sts graph, by(g) risktable(, tstyle(major) noticks)")
    assert not by_gid(fig, "risktable-row1-tick")


def test_options_that_change_nothing_here_and_refused_axis(s):
    base = drawn(s, "sts graph, by(g) risktable")[0]
    for typed in ("valuelabel", "custom", "add", "norescale", "gextend"):
        graph, fig = drawn(s, f"sts graph, by(g) risktable(, {typed})")
        assert table_extent(graph) == pytest.approx(table_extent(base))
        assert one(texts(fig), "risktable-row1-value2").get_text() == "6"
    for typed, message in (("axis(2)", "option risktable(, axis()) not supported by mlmcli"),
                           ("title(, axis(1))", "option title(, axis()) not supported by mlmcli"),
                           ("labsize(1 2)", "labsize"),
                           ("angle(x)", "angle"),
                           ("bogus", "option bogus not allowed")):
        out, rc = run(s, f"sts graph, by(g) risktable(, {typed})", stop_on_error=False)
        assert rc == 198 and message in out and "_d:" not in out, (typed, out)


def test_risk_table_axis_options_survive_graph_save_and_use(s, tmp_path):
    run(s, "sts graph, by(g) risktable(, angle(90) labcolor(red) grid gmin gmax)")
    path = tmp_path / "risk.gph"
    run(s, f'graph save "{path}"')
    run(s, f'graph use "{path}"')
    from graphs_helpers import figure

    fig = figure(s.graphs[-1])
    value = one(texts(fig), "risktable-row2-value2")
    assert value.get_rotation() == pytest.approx(90.0) and value.get_color() == "#ff0000"
    assert len(by_gid(fig, "risktable-row1-grid")) == 4


def test_abbreviations_of_the_ado(s):
    # sts_graph_util.class: Title, Color, Justification, SIze, STYle
    _, fig = drawn(s, 'sts graph, by(g) risktable(, t("At risk", si(large)) c(red) j(left) sty(small_label))')
    found = texts(fig)
    title, value = one(found, "risktable-title"), one(found, "risktable-row1-value1")
    assert title.get_text() == "At risk" and title.get_fontsize() == pytest.approx(12.0)
    assert value.get_color() == "#ff0000" and value.get_horizontalalignment() == "left"
    assert value.get_fontsize() == pytest.approx(7.0)
