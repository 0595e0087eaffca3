"""marginsplot's dimensions as marginsplot.ado chooses them (Stata 16's copy, version 1.2.4, read
in opensafely-core/cohort-extractor bin/ado/base/m/marginsplot.ado): the dimensions that identify
the margins beyond the typed ones fill x, then plot(), else by(), else graph(), else join plot()
with a note; checked on the drawn panels, legends and axes."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, figure, legend_texts, tick_texts
from mlmcli.graphs.marginsplot import PlotPoint, choose_dimensions, identifying
from test_marginsplot_options import _session, draw, run


def _after(commands: str):
    """A fresh session (test_marginsplot_options' data) after ``regress y c.x##i.g i.f`` and
    ``commands``."""
    session = _session()
    out, rc = run(session, "quietly regress y c.x##i.g i.f\n" + commands)
    assert rc == 0, out
    return session


@pytest.fixture(scope="module")
def grid():
    """Margins of g#f at x = -1, 1 (12 margins; dimensions x, g, f and _at, which x determines)."""
    return _after("quietly margins g#f, at(x=(-1 1))")


def _panel_titles(graph) -> list[str]:
    return [p.title for p in graph.panels]


def test_marginsplot_says_which_dimensions_identify_the_margins(grid):
    """The ado's first lines: a blank line, then the identifying dimensions (_at, which x
    determines, left out); the same whatever the dimension options."""
    for options in ("", ", x(g) plot(f)"):
        out, rc = run(grid, "marginsplot" + options)
        assert rc == 0 and out.splitlines() == ["", "  Variables that uniquely identify margins: x g f"], out
    out, rc = run(_after("quietly margins, at(x=(-1 1)) at(x=(-1 1))"), "marginsplot")
    assert out.splitlines()[:2] == ["", "  Variables that uniquely identify margins: x _atopt"], out


def test_default_x_then_every_other_identifying_dimension_a_plot(grid):
    graph, fig = draw(grid, "marginsplot")
    assert len(graph.panels) == 1
    assert tick_texts(axes(fig), "x") == ["-1", "1"]
    assert legend_texts(fig) == [f"{g}, f={f}" for g in ("low", "mid", "high") for f in (0, 1)]


def test_untyped_dimensions_make_panels_when_plot_is_typed(grid):
    """x(g) plot(f): x, which neither names, goes into by() (the ado: pllist typed, bylist empty)."""
    graph, fig = draw(grid, "marginsplot, x(g) plot(f)")
    assert _panel_titles(graph) == ["x=-1", "x=1"]
    assert legend_texts(fig) == ["f=0", "f=1"]
    graph, fig = draw(grid, "marginsplot, plot(f)")                      # x: the at() variable; g: panels
    assert _panel_titles(graph) == ["low", "mid", "high"]
    assert legend_texts(fig) == ["f=0", "f=1"]
    graph, fig = draw(grid, "marginsplot, x(g)")                         # plot() untyped: the rest are plots
    assert len(graph.panels) == 1
    assert legend_texts(fig) == ["x=-1, f=0", "x=-1, f=1", "x=1, f=0", "x=1, f=1"]


@pytest.fixture(scope="module")
def four():
    """Margins of g#f over h at x = -1, 1: 24 margins, dimensions x, g, f, h (over: _by1)."""
    return _after("generate h = mod(_n, 2)\nquietly margins g#f, over(h) at(x=(-1 1))")


def test_untyped_dimensions_make_graphs_when_plot_and_by_are_typed(four):
    """x(g) plot(f) by(h): x goes into graph() -- one graph per value, _mp_1 and _mp_2."""
    out, rc = run(four, "marginsplot, x(g) plot(f) by(h)")
    assert rc == 0, out
    first, second = four.graphs[-2:]
    assert [first.name, second.name] == ["_mp_1", "_mp_2"]
    assert [first.subtitle, second.subtitle] == ["x=-1", "x=1"]
    assert _panel_titles(first) == ["h=0", "h=1"]
    assert legend_texts(figure(second)) == ["f=0", "f=1"]


def test_over_is_after_the_marginlist():
    """The ado's order: at() variables, marginlist (_m#), over() (_by#): margins g, over(f) has
    g on the x axis and a plot for each f."""
    _, fig = draw(_after("quietly margins g, over(f)"), "marginsplot")
    assert tick_texts(axes(fig), "x") == ["low", "mid", "high"]
    assert legend_texts(fig) == ["f=0", "f=1"]


def test_every_option_typed_the_rest_join_plot_with_the_ados_note(four):
    """The ado's note names the variable as in its margins file (_by1: the first over() variable)
    in an SMCL {p 2 6 2} paragraph (here at the session's linesize, 110)."""
    out, rc = run(four, "marginsplot, x(g) plot(f) by(x) graph(_at)")
    assert rc == 0, out
    assert out.splitlines() == [
        "", "  Variables that uniquely identify margins: x g f h",
        "  Dimension options do not specify all variables required to uniquely identify margins.  Variables _by1",
        "      included in plotdimension()."]
    assert legend_texts(figure(four.graphs[-1])) == ["f=0, h=0", "f=0, h=1", "f=1, h=0", "f=1, h=1"]


def _points(rows):
    return [PlotPoint(0.0, 0.0, 0.0, {d: (float(v), str(v)) for d, v in row.items()}) for row in rows]


def test_identifying_skips_constant_and_determined_dimensions():
    rows = [{"a": a, "b": b, "c": 2 * a, "k": 1} for a in (1, 2) for b in (1, 2, 3)]
    points = _points(rows)
    assert identifying(points, ["k", "a", "c", "b"]) == ["a", "b"]       # k constant, c determined by a
    assert identifying(points, ["c", "a", "b"]) == ["c", "b"]
    assert identifying(points, ["b", "a", "c"], ["a"]) == ["a", "b"]     # stops once each margin is alone
    # a and b identify every margin: nothing is left for x
    assert choose_dimensions(points, ["a", "b", "c"], [], plot=["a"], by=["b"]) == ([], ["a"], ["b"], [], [])


def test_choose_dimensions_fills_the_first_untyped_role():
    rows = [{"a": a, "b": b, "c": c, "d": d} for a in (1, 2) for b in (1, 2) for c in (1, 2) for d in (1, 2)]
    points = _points(rows)
    order = ["a", "b", "c", "d"]
    assert choose_dimensions(points, order, []) == (["a"], ["b", "c", "d"], [], [], [])
    assert choose_dimensions(points, order, [], plot=["b"]) == (["a"], ["b"], ["c", "d"], [], [])
    assert choose_dimensions(points, order, [], x=["d"], plot=["a"], by=["b"]) == (["d"], ["a"], ["b"], ["c"], [])
    assert choose_dimensions(points, order, [], x=["d"], plot=["a"], by=["b"], graph=["b"]) == \
        (["d"], ["a", "c"], ["b"], ["b"], ["c"])
