"""A plot of several y variables (``scatter y1 y2 x``, line, connected, and twoway bar/dot given
several y) draws each y where it has a value: a row whose y1 is missing still shows its y2.
That is what ``separate``'s idiom relies on ([D] separate: ``separate mpg, by(foreign)`` then
``scatter mpg0 mpg1 weight``, each new variable missing where the other has the value; Cox's
Stata tip 27, "Classifying data points on scatter plots").  Checked on the matplotlib objects."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, bars, drawn, line_xy, make_session, run, segments


@pytest.fixture()
def s():
    session = make_session()
    run(session, "clear\nset obs 6\ngen x = _n\ngen y1 = 2 * x\ngen y2 = 20 - x\n"
                 "replace y1 = . in 2\nreplace y2 = . in 5\ngen y3 = .\nreplace y3 = 1 in 3")
    return session


HAS_Y1 = [1, 3, 4, 5, 6]  # the x of the rows where y1 is not missing
HAS_Y2 = [1, 2, 3, 4, 6]


def test_scatter_draws_each_y_where_it_has_a_value(s):
    _, fig = drawn(s, "scatter y1 y2 x")
    x1, y1 = line_xy(fig, "p1-s1-scatter")
    x2, y2 = line_xy(fig, "p1-s2-scatter")
    np.testing.assert_array_equal(x1, HAS_Y1)
    np.testing.assert_array_equal(y1, [2 * v for v in HAS_Y1])
    np.testing.assert_array_equal(x2, HAS_Y2)
    np.testing.assert_array_equal(y2, [20 - v for v in HAS_Y2])
    _, fig = drawn(s, "scatter y3 y1 x")  # y3 has one value: its one marker, y1 all five
    assert list(line_xy(fig, "p1-s1-scatter")[0]) == [3] and len(line_xy(fig, "p1-s2-scatter")[0]) == 5


@pytest.mark.parametrize("kind", ["line", "connected"])
def test_line_and_connected_join_each_ys_own_points(s, kind):
    _, fig = drawn(s, f"twoway {kind} y1 y2 x")
    (first,), (second,) = segments(fig, f"p1-s1-{kind}"), segments(fig, f"p1-s2-{kind}")
    np.testing.assert_array_equal(first[:, 0], HAS_Y1)  # cmissing(y): over the gap
    np.testing.assert_array_equal(second[:, 0], HAS_Y2)


def test_twoway_bar_several_y_keeps_the_rows_a_y_has(s):
    graph, fig = drawn(s, "twoway bar y1 y2 x")
    first, second = graph.panels[0].series[:2]
    np.testing.assert_array_equal(first.x, HAS_Y1)
    np.testing.assert_array_equal(second.x, HAS_Y2)
    centres = [sorted(r.get_x() + r.get_width() / 2 for r in bars(fig, f"p1-s{k}-bar")) for k in (1, 2)]
    assert centres == [pytest.approx(HAS_Y1), pytest.approx(HAS_Y2)]
    heights = sorted(r.get_height() for r in bars(fig, "p1-s2-bar"))
    assert heights == pytest.approx(sorted(20 - v for v in HAS_Y2))
    graph, _ = drawn(s, "twoway bar y1 x")  # one y: its own rows, as before
    np.testing.assert_array_equal(graph.panels[0].series[0].x, HAS_Y1)


def test_twoway_dot_several_y_keeps_the_rows_a_y_has(s):
    graph, fig = drawn(s, "twoway dot y1 y2 x")
    markers = [ser for ser in graph.panels[0].series if ser.legend is not False]
    assert len(markers) == 2
    np.testing.assert_array_equal(np.sort(markers[0].x), HAS_Y1)
    np.testing.assert_array_equal(np.sort(markers[1].x), HAS_Y2)
    assert artists(fig, "p1-s1-scatter") and artists(fig, "p1-s2-scatter")


def test_a_row_with_no_y_is_not_drawn(s):
    run(s, "replace y1 = . in 6\nreplace y2 = . in 6")
    for command in ("scatter y1 y2 x", "twoway bar y1 y2 x"):
        graph, _ = drawn(s, command)
        assert all(6 not in ser.x for ser in graph.panels[0].series[:2]), command
