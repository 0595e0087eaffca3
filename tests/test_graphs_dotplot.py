"""dotplot (dotplot.ado 3.5.3's steps, see mlmcli/commands/graphs/dotplot.py): the dots'
positions, the bins, the columns and their labels, mean/median and bar, read from the
matplotlib objects; the values worked out by hand from the ado-file's formulas."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, double_session, drawn, line_xy, run, tick_texts
from mlmcli.commands.graphs.dotplot import autocode, grouped_y


@pytest.fixture()
def s():
    session = double_session({"y": [1, 1, 1, 2, 2, 3, 1, 2, 2, 3], "g": [1, 1, 1, 1, 1, 1, 2, 2, 2, 2]})
    run(session, 'label define gl 1 "one" 2 "two"\nlabel values g gl\nlabel variable y "Outcome"')
    return session


def test_one_variable_counts_the_dots_of_each_bin(s):
    graph, fig = drawn(s, "dotplot y if g == 1")
    x, y = line_xy(fig, "p1-s1-scatter")  # the markers matplotlib drew
    # no binning (gaps of 1 > 2/35); within y=1: 1 2 3, y=2: 1 2, y=3: 1
    assert sorted(zip(y, x)) == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (3, 1)]
    ax = axes(fig)
    assert ax.get_xlabel() == "Frequency" and ax.get_ylabel() == "Outcome"
    out, _ = run(s, "return list")
    assert "r(nx) =  3" in out and "r(ny) =  35" in out  # int(1 * (1 * 2 + 1^.3))
    assert ax.get_xlim()[0] <= 0 and ax.get_xlim()[1] >= 3  # xscale(range(0 3))
    assert not any(line.get_visible() for line in ax.get_ygridlines())  # ylabel(, nogrid)


def test_over_center_mean_bar(s):
    graph, fig = drawn(s, "dotplot y, over(g) center mean bar")
    dots, low, high, mean = graph.panels[0].series
    # columns g=1 (y 1 1 1 2 2 3), g=2 (1 2 2 3): offsets within (g, y) centred,
    # max offset 1 -> nx = int(2 * (2 * 1 + 2^.3)) = 6 per unit of g's range 1
    nx = int(2 * (2 * 1 + 2 ** .3))
    out, _ = run(s, "return list")
    assert f"r(nx) =  {nx}" in out
    want = sorted([(1 + o / nx, yv) for yv, offs in ((1, (-1, 0, 1)), (2, (-.5, .5)), (3, (0,))) for o in offs]
                  + [(2 + o / nx, yv) for yv, offs in ((1, (0,)), (2, (-.5, .5)), (3, (0,))) for o in offs])
    np.testing.assert_allclose(sorted(zip(dots.x, dots.y)), want)
    y1, y2 = np.array([1, 1, 1, 2, 2, 3.]), np.array([1, 2, 2, 3.])
    by_col = lambda series, col: set(np.round(series.y[np.round(series.x) == col], 9))  # noqa: E731
    assert by_col(mean, 1) == {round(y1.mean(), 9)} and by_col(mean, 2) == {round(y2.mean(), 9)}
    assert by_col(low, 1) == {round(y1.mean() - y1.std(ddof=1), 9)}
    assert by_col(high, 2) == {round(y2.mean() + y2.std(ddof=1), 9)}
    assert set(low.labels) == {"-"} and mean.marker == "+"
    assert tick_texts(axes(fig), "x") == ["one", "two"] and axes(fig).get_xlabel() == "g"
    lo, hi = axes(fig).get_xlim()
    assert lo <= 1 - 0.25 * 2 and hi >= 2 + 0.25 * 2  # x0 = 1 - .5*(1/2)*2, x1 = 2 + .5*(1/2)*2


def test_median_bar_uses_quartiles_and_several_variables_are_columns(s):
    run(s, "generate z = y * 10")
    graph, fig = drawn(s, "dotplot y z, median bar")
    dots, low, high, med = graph.panels[0].series
    assert tick_texts(axes(fig), "x") == ["Outcome", "z"] and axes(fig).get_ylabel() == ""
    assert set(np.round(med.y[dots.x < 1.5], 9)) == {2.0}  # median of 1 1 1 1 2 2 2 2 3 3
    assert set(np.round(low.y[dots.x < 1.5], 9)) == {1.0} and set(np.round(high.y[dots.x < 1.5], 9)) == {2.0}


def test_binning_rounds_to_the_data_precision():
    # smallest gap .1; (3.5 - 0)/35 = .1 is not below it: multiples of round(.1, .1)
    np.testing.assert_allclose(grouped_y(np.array([0, .1, .25, 3.5]), 35, False), [0, .1, .3, 3.5])
    # ny(2): multiples of round(1.75, .1) = 1.8; 3.5 -> 2 * 1.8
    np.testing.assert_allclose(grouped_y(np.array([0, .1, .25, 3.5]), 2, False), [0, 0, 0, 3.6])
    np.testing.assert_allclose(autocode(np.array([0, 1, 2, 3, 4.]), 2, 0, 4), [2, 2, 2, 4, 4])
    np.testing.assert_allclose(grouped_y(np.array([0, 1, 2, 3, 4.]), 2, True), [1, 1, 1, 3, 3])


def test_errors_and_options(s):
    for text, rc, message in (("dotplot y, by(g)", 198, "option by() not allowed"),
                              ("dotplot y g, over(g)", 198, "only 1 variable may be plotted with by()"),
                              ("dotplot y, incr(0)", 198, "incr() must be greater than 0"),
                              ("dotplot y, ylog", 0, ""),
                              ("dotplot y if g > 5", 2000, "no observations")):
        out, got = run(s, text, stop_on_error=False)
        assert got == rc and message in out, (text, out)
    graph, fig = drawn(s, 'dotplot y, nx(4) ny(2) mcolor(red) title("Dots")')
    assert graph.panels[0].series[0].color == "#ff0000"
    assert "Dots" in [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]


def test_ylog_bins_log_y_and_xlog_spaces_columns_on_log_x(s):
    # dotplot.ado's Group_y "Here if ylog": log(y) binned, exp() back; yscale(log)
    y = np.array([1, 2, 4, 8, 8.5])
    # gaps of log y: log 2 (x3), log(8.5/8) = .0606; yr = log(8.5)/35 = .0611 is not below it:
    # multiples of round(.0611, .0606) = .0606 in log y
    unit = float(np.floor(np.log(8.5) / 35 / np.log(8.5 / 8) + .5) * np.log(8.5 / 8))
    np.testing.assert_allclose(grouped_y(y, 35, False, log=True), np.exp(np.floor(np.log(y) / unit + .5) * unit))
    graph, fig = drawn(s, "dotplot y, over(g) ylog")
    assert axes(fig).get_yscale() == "log" and axes(fig).get_xscale() == "linear"
    # Xoffset "Here if xlog": columns g = 1, 2 at exp(log g + offset / nx), range on log g
    graph, fig = drawn(s, "dotplot y, over(g) xlog")
    ax = axes(fig)
    assert ax.get_xscale() == "log"
    half = 0.5 * np.log(2) / 2
    lo, hi = ax.get_xlim()
    assert lo <= np.exp(-half) + 1e-9 and hi >= np.exp(np.log(2) + 2 * half) - 1e-9
    dots = graph.panels[0].series[0]
    nx = int(2 * (1 * 2 + 2 ** .3))  # y=1 in g=1: offsets 0 1 2
    per_unit = nx / np.log(2)
    assert sorted(set(np.round(dots.x[np.isclose(dots.y, 1)], 9))) == \
        sorted(set(np.round(np.exp(np.log([1, 1, 1, 2]) + np.array([0, 1, 2, 0]) / per_unit), 9)))
    out, rc = run(s, "replace y = 0 in 1\ndotplot y, ylog", stop_on_error=False)
    assert rc == 411 and "nonpositive values encountered" in out
