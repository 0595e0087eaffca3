"""graph matrix (the scatterplot matrix) and graph print (refused: no printer)."""
from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgb
import pytest

from graphs_helpers import all_texts, axes, drawn, figure, line_xy, make_session, run


@pytest.fixture()
def s():
    return make_session()


def _visible(ax, which):
    """Labels drawn on each side of a cell: {'bottom': bool, 'top': ...}."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    tick = axis.get_major_ticks()[0]
    return tick.label1.get_visible(), tick.label2.get_visible()


def test_matrix_cells_plot_each_pair(s):
    graph, fig = drawn(s, "graph matrix y x z")
    assert len(graph.panels) == 9 and graph.cols == 3
    # cell (row 2, column 1) is panel 4: y (row 0's variable is y) ... row 1 = x, column 0 = y
    x, y = line_xy(fig, "p4-s1-scatter")
    np.testing.assert_allclose(x, s.data.numeric("y"))
    np.testing.assert_allclose(y, s.data.numeric("x"))
    x, y = line_xy(fig, "p3-s1-scatter")  # row 0 (y) against column 2 (z)
    np.testing.assert_allclose(x, s.data.numeric("z"))
    np.testing.assert_allclose(y, s.data.numeric("y"))
    # the diagonal holds the variables' labels (their names without one)
    diagonal = [[t.get_text() for t in axes(fig, f"panel{k}").texts] for k in (1, 5, 9)]
    assert diagonal == [["Outcome"], ["x"], ["z"]]
    # a column shares its variable's x range, a row its variable's y range
    assert axes(fig, "panel4").get_xlim() == axes(fig, "panel7").get_xlim()
    assert axes(fig, "panel4").get_ylim() == axes(fig, "panel6").get_ylim()
    lo, hi = axes(fig, "panel4").get_xlim()
    assert lo < s.data.numeric("y").min() and hi > s.data.numeric("y").max()
    # labels alternate on the outer edges: column 0 at the bottom, column 1 at the top
    assert _visible(axes(fig, "panel7"), "x") == (True, False)
    assert _visible(axes(fig, "panel2"), "x") == (False, True)
    assert _visible(axes(fig, "panel5"), "x") == (False, False)
    assert _visible(axes(fig, "panel3"), "y") == (False, True)  # row 0 on the right
    assert _visible(axes(fig, "panel4"), "y") == (True, False)  # row 1 on the left
    # framed cells, no grid
    ax = axes(fig, "panel4")
    assert all(ax.spines[side].get_visible() for side in ("top", "right", "bottom", "left"))
    assert not any(line.get_visible() for line in ax.get_ygridlines())


def test_matrix_half_diagonal_and_markers(s):
    graph, fig = drawn(s, 'graph matrix y x z if g < 3, half msymbol(Oh) mcolor(red) '
                          'diagonal("First" . "Third", size(large)) title("M")')
    assert len(graph.panels) == 6 and graph.holes == (2, 3, 6)
    assert [t.get_text() for t in axes(fig, "panel1").texts] == ["First"]
    assert [t.get_text() for t in axes(fig, "panel3").texts] == ["x"]
    assert [t.get_text() for t in axes(fig, "panel6").texts] == ["Third"]
    keep = s.data.numeric("g") < 3
    x, y = line_xy(fig, "p2-s1-scatter")  # row 1 (x) against column 0 (y)
    np.testing.assert_allclose(x, s.data.numeric("y")[keep])
    (line,) = [a for a in axes(fig, "panel2").get_lines() if a.get_gid() == "p2-s1-scatter"]
    assert line.get_markerfacecolor() in ("none", (0, 0, 0, 0)) or line.get_markerfacecolor()[3] == 0
    assert graph.title == "M"
    # half: x labels under the bottom row, y labels left of the first column
    assert _visible(axes(fig, "panel4"), "x") == (True, False)
    assert _visible(axes(fig, "panel6"), "x") == (False, False)
    assert _visible(axes(fig, "panel2"), "y") == (True, False)


def test_matrix_maxes_and_weights(s):
    graph, fig = drawn(s, "graph matrix y x [aw=w], maxes(ylabel(0(5)10, angle(0)) xlabel(, grid))")
    ax = axes(fig, "panel3")
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_text()] == ["0", "5", "10"]
    assert graph.xaxis.grid is True
    series = graph.panels[1].series[0]
    w = s.data.numeric("w")
    np.testing.assert_allclose(series.marker_scales, np.sqrt(w / w.mean()))


def test_matrix_errors(s):
    out, rc = run(s, "graph matrix y", stop_on_error=False)
    assert rc == 102
    out, rc = run(s, "graph matrix y x, xlabel(0 5 10, axis(3))", stop_on_error=False)
    assert rc == 198 and "axes 1 to 2" in out
    out, rc = run(s, "graph matrix y x, maxes(legend(off))", stop_on_error=False)
    assert rc == 198 and "maxes()" in out
    out, rc = run(s, "graph matrix y x, bogus", stop_on_error=False)
    assert rc == 198 and "bogus" in out
    out, rc = run(s, "graph matrix y nosuch", stop_on_error=False)
    assert rc == 111


def test_matrix_by_groups_a_matrix_each(s):
    h = s.data.numeric("h")
    graph, fig = drawn(s, "graph matrix y x z, by(h, total title(B)) half")
    assert [p.subtitle for p in graph.parts] == ["0", "1", "Total"]
    assert graph.note == "Graphs by h" and graph.title == "B"
    assert all(len(p.panels) == 6 and p.holes == (2, 3, 6) for p in graph.parts)
    assert {"0", "1", "Total", "Graphs by h"} <= set(all_texts(fig))
    # part 2's cell (row 1: x, column 0: y) plots the h == 1 rows
    x, yy = line_xy(fig, "part2-p2-s1-scatter")
    np.testing.assert_allclose(x, s.data.numeric("y")[h == 1])
    np.testing.assert_allclose(yy, s.data.numeric("x")[h == 1])
    # each variable's axis spans the whole sample in every matrix, unless rescale
    assert axes(fig, "part1-panel2").get_xlim() == axes(fig, "part2-panel2").get_xlim()
    lo, hi = axes(fig, "part1-panel2").get_xlim()
    assert lo < s.data.numeric("y").min() and hi > s.data.numeric("y").max()
    graph, fig = drawn(s, "graph matrix y x, by(h, rescale cols(1))")
    assert graph.cols == 1 and len(graph.parts) == 2
    ys = s.data.numeric("y")
    assert axes(fig, "part1-panel3").get_xlim()[0] == pytest.approx(
        ys[h == 0].min() - 0.05 * np.ptp(ys[h == 0]))


def test_matrix_axis_options_typed_alone(s):
    graph, fig = drawn(s, 'graph matrix y x z, xlabel(0 5 10, axis(2)) ylabel(#2, axis(3) angle(0)) '
                          'xscale(range(-20 20) axis(1)) ytick(1 2 3)')
    # column 2 (x) labelled 0 5 10 at the top of row 1, its own labels elsewhere unchanged
    top = axes(fig, "panel2")
    assert [t.get_text() for t in top.get_xticklabels() if t.get_text()] == ["0", "5", "10"]
    column3 = axes(fig, "panel9")  # z's labels, under the bottom row, are still the default ones
    assert [t.get_text() for t in column3.get_xticklabels() if t.get_text()] != ["0", "5", "10"]
    # xscale(range()) on axis 1: the first column's cells reach -20 ... 20
    for k in (1, 4, 7):
        lo, hi = axes(fig, f"panel{k}").get_xlim()
        assert lo <= -20 and hi >= 20
    assert axes(fig, "panel2").get_xlim()[0] > -20
    # ylabel(#2, axis(3)): row 3 (z, labelled on the right of panel 9) about 2 labels, horizontal
    row3 = axes(fig, "panel9")
    lo, hi = row3.get_ylim()
    labels = [t for t in row3.get_yticklabels() if t.get_text() and lo <= t.get_position()[1] <= hi]
    assert 1 <= len(labels) <= 3 and all(t.get_rotation() == 0 for t in labels)
    other = axes(fig, "panel3")  # row 1's labels keep Stata's direction, along the axis
    assert all(t.get_rotation() == 90 for t in other.get_yticklabels() if t.get_text())
    # ytick() without axis(): every cell, as in maxes()
    assert graph.yticks is None and any(1.0 in axes(fig, f"panel{k}").get_yticks() for k in (1, 4, 7))
    graph, fig = drawn(s, "graph matrix y x, xscale(reverse axis(1)) xlabel(, grid)")
    lo, hi = axes(fig, "panel3").get_xlim()
    assert lo > hi  # column 1 reversed
    assert axes(fig, "panel4").get_xlim()[0] < axes(fig, "panel4").get_xlim()[1]
    assert any(line.get_visible() for line in axes(fig, "panel3").get_xgridlines())
    # a log axis: log scale, labelled at the usual values as Stata does, minor ticks unlabelled
    graph, fig = drawn(s, "graph matrix y z, xscale(log axis(2))")
    ax = axes(fig, "panel2")
    assert ax.get_xscale() == "log" and axes(fig, "panel1").get_xscale() == "linear"
    assert [t.get_text() for t in ax.get_xticklabels() if t.get_text()] == ["2", "4", "6"]
    assert not any(t.get_text() for t in ax.xaxis.get_minorticklabels())


def test_matrix_titles_and_lines_with_axis_are_ignored_as_stata_ignores_them(s):
    """[G-2] graph matrix: axis(#) is the axis label options' axis-by-axis control; axis titles
    and added lines are twoway scatter options matrix "allowed, but ... ignored": with axis(#)
    a note and the picture of the matrix without them."""
    plain_graph, plain = drawn(s, "graph matrix y x")
    plain_lines = [len(axes(plain, f"panel{k}").lines) for k in range(1, 5)]
    for typed, name in (('xtitle("Across", axis(1))', "xtitle"), ('ytitle("Up", axis(2))', "ytitle"),
                        ("xline(5, axis(1))", "xline"), ("yline(2, axis(2))", "yline")):
        out, rc = run(s, "graph matrix y x, " + typed)
        assert rc == 0 and f"(note: option {name}(, axis(" in out and "ignored by graph matrix" in out, typed
        graph = s.graphs[-1]
        assert (graph.xtitle, graph.ytitle) == (plain_graph.xtitle, plain_graph.ytitle), typed
        assert not (graph.xlines or graph.ylines or graph.reflines), typed
        fig = figure(graph)
        assert "Across" not in all_texts(fig) and "Up" not in all_texts(fig), typed
        assert [len(axes(fig, f"panel{k}").lines) for k in range(1, 5)] == plain_lines, typed
    # without axis(): drawn on every cell (as maxes() would), unchanged
    graph, fig = drawn(s, "graph matrix y x, xline(5)")
    assert graph.xlines == (5.0,)
    assert all(len(axes(fig, f"panel{k}").lines) == plain_lines[k - 1] + 1 for k in range(1, 5))


def test_matrix_minor_ticks_and_ignored_scatter_options(s):
    graph, fig = drawn(s, "graph matrix y x z, xmlabel(1 3, axis(2)) ymtick(##2)")
    top = axes(fig, "panel2")  # column 2's labels at the top of row 1: its minor labels there too
    assert [t.get_text() for t in top.xaxis.get_minor_ticks() if t.label2.get_visible()
            for t in [t.label2] if t.get_text()] == ["1", "3"]
    assert list(top.xaxis.get_minorticklocs()) == [1.0, 3.0]
    inner = axes(fig, "panel5")  # not on an outer edge: no labels, no ticks, minor ones neither
    assert not any(t.label1.get_visible() or t.tick1line.get_visible() for t in inner.xaxis.get_minor_ticks())
    left = axes(fig, "panel4")  # row 2 labelled on the left: its minor ticks there, 1 between labels
    majors = [v for v in left.get_yticks() if left.get_ylim()[0] <= v <= left.get_ylim()[1]]
    minors = [v for v in left.yaxis.get_minorticklocs() if left.get_ylim()[0] <= v <= left.get_ylim()[1]]
    assert len(minors) >= len(majors) - 1 > 0
    # [G-2] graph matrix: scatter's other options are allowed and ignored: a note, the same picture
    out, rc = run(s, "graph matrix y x, connect(l) lcolor(red) sort legend(off)")
    assert rc == 0 and "option connect() ignored by graph matrix" in out and "option sort ignored" in out
    assert all(len(p.series) <= 1 and all(x.kind == "scatter" for x in p.series) for p in s.graphs[-1].panels)


def test_matrix_diagonal_textbox_options(s):
    """diagopts() and diagonal(, ...) take the textbox options ([G-2] graph matrix: diagopts(
    textbox_options)): box and colours, orientation, placement, justification; diagonal()'s win."""
    graph, fig = drawn(s, 'graph matrix y x, diagopts(box fcolor(yellow) lcolor(red) orientation(vertical) '
                          'placement(ne) size(large))')
    (text,) = axes(fig, "panel1").texts
    patch = text.get_bbox_patch()
    assert patch is not None and to_rgb(patch.get_facecolor()) == (1.0, 1.0, 0.0)
    assert to_rgb(patch.get_edgecolor()) == (1.0, 0.0, 0.0)
    assert text.get_rotation() == 90.0
    (plain,) = axes(drawn(s, "graph matrix y x")[1], "panel1").texts
    assert text.get_fontsize() > plain.get_fontsize()
    fig.canvas.draw()
    ax = axes(fig, "panel1")
    middle = ax.transData.transform(((ax.get_xlim()[0] + ax.get_xlim()[1]) / 2,
                                     (ax.get_ylim()[0] + ax.get_ylim()[1]) / 2))
    box = text.get_window_extent()
    assert box.x0 >= middle[0] - 1 and box.y0 >= middle[1] - 1  # placement(ne): up and right of the middle
    graph, fig = drawn(s, 'graph matrix y x, diagopts(color(red) box) diagonal(, color(blue))')
    (text,) = axes(fig, "panel4").texts
    assert to_rgb(text.get_color()) == (0.0, 0.0, 1.0) and text.get_bbox_patch() is not None
    out, rc = run(s, "graph matrix y x, diagopts(yaxis(2))", stop_on_error=False)
    assert rc == 198 and "not allowed" in out
