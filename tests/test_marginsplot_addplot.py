"""marginsplot, addplot(): twoway plots of the data in memory drawn on the margins' axes, after
the margins plots (or before them with ``below``), legend keys numbered after marginsplot's;
checked on the matplotlib objects."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import (all_texts, artists, axes, double_session, drawn, figure, legend_texts, line_xy,
                            make_session, run, tick_texts)
from mlmcli.graphs import style


def _after_margins(margins: str):
    session = make_session()
    out, rc = run(session, "quietly regress y x i.g\nquietly " + margins)
    assert rc == 0, out
    return session


@pytest.fixture()
def one_plot():
    """One margins plot (at x = 2 4 6 8) with its intervals: marginsplot's keys 1 and 2."""
    return _after_margins("margins, at(x=(2(2)8))")


@pytest.fixture()
def three_plots():
    return _after_margins("margins g, at(x=(2 8))")


def _data(session, name, rows=None):
    values = session.data.df[name].to_numpy(float)
    return values if rows is None else values[rows]


def test_added_scatter_draws_the_data_in_memory_on_top(one_plot):
    graph, fig = drawn(one_plot, "marginsplot, addplot(scatter y x, msymbol(Oh) mcolor(black)) legend(off)")
    assert [s.kind for s in graph.panels[0].series] == ["rcap", "connected", "scatter"]
    xs, ys = line_xy(fig, "p1-s3-scatter")
    assert sorted(zip(xs, ys)) == sorted(zip(_data(one_plot, "x"), _data(one_plot, "y")))
    (points,) = artists(fig, "p1-s3-scatter")
    assert to_hex(points.get_markeredgecolor()) == to_hex(style.NAMED_COLORS["black"])
    assert points.get_markerfacecolor() == "none"                       # Oh: hollow
    margins = artists(fig, "p1-s2-connected-markers")[0]
    assert list(margins.get_xdata()) == [2.0, 4.0, 6.0, 8.0]            # the margins, unchanged
    children = axes(fig).get_children()
    assert (margins.get_zorder(), children.index(margins)) < (points.get_zorder(), children.index(points))
    ax = axes(fig)
    lo, hi = ax.get_xlim()
    assert lo <= _data(one_plot, "x").min() and hi >= _data(one_plot, "x").max()
    lo, hi = ax.get_ylim()
    assert lo <= _data(one_plot, "y").min() and hi >= _data(one_plot, "y").max()
    assert tick_texts(ax, "x") == ["2", "4", "6", "8"]                 # marginsplot's labels stay
    assert legend_texts(fig) == []


def test_recast_and_jitter_with_added_scatter(one_plot):
    graph, fig = drawn(one_plot, 'marginsplot, addplot(scatter y x, mcol("black") msymbol(oh) jitter(15)) '
                                 'legend(off) recast(scatter) plotopts(msymbol(o))')
    assert [s.kind for s in graph.panels[0].series] == ["rcap", "scatter", "scatter"]
    xs, ys = line_xy(fig, "p1-s3-scatter")
    assert len(xs) == one_plot.data.nobs
    assert not np.allclose(np.sort(xs), np.sort(_data(one_plot, "x")))  # jittered


def test_plots_separated_by_bars_with_if_and_their_legend_order(one_plot):
    h = _data(one_plot, "h")
    graph, fig = drawn(one_plot, 'marginsplot, addplot(scatter y x if h==0, msymb(Oh) || scatter y x if h==1, '
                                 'msymb(Oh) legend(order(3 "x" 4 "y")))')
    assert [s.kind for s in graph.panels[0].series] == ["rcap", "connected", "scatter", "scatter"]
    for gid, rows in (("p1-s3-scatter", h == 0), ("p1-s4-scatter", h == 1)):
        xs, ys = line_xy(fig, gid)
        assert sorted(xs) == sorted(_data(one_plot, "x", rows))
    assert legend_texts(fig) == ["x", "y"]                               # keys 3 and 4: the added plots


def test_twoway_options_inside_addplot_apply_to_the_graph(one_plot):
    _, fig = drawn(one_plot, "marginsplot, addplot(scatter y x || , xlabel(0(5)10) title(Data))")
    assert tick_texts(axes(fig), "x") == ["0", "5", "10"]
    assert "Data" in all_texts(fig)


def test_rarea_intervals_with_an_added_line(one_plot):
    graph, fig = drawn(one_plot, "marginsplot, addplot(line y x, sort) recastci(rarea) ciopts(lpattern(dash))")
    assert [s.kind for s in graph.panels[0].series][-1] == "line"
    assert len(graph.panels[0].series[-1].x) == one_plot.data.nobs


def test_below_draws_the_added_plots_first_and_keeps_the_margins_keys(three_plots):
    """marginsplot.ado types legend(order(1 5 "low" 6 "mid" 7 "high")) with below: the added plot's
    key first, then the margins keys counted after it."""
    graph, fig = drawn(three_plots, "marginsplot, addplot(scatter y x, below)")
    assert [s.kind for s in graph.panels[0].series] == ["scatter"] + ["rcap"] * 3 + ["connected"] * 3
    assert legend_texts(fig) == ["Outcome", "low", "mid", "high"]


def test_below_typed_in_the_first_of_two_added_plots(three_plots):
    """marginsplot.ado's ``_parse expand ... common(BELOW)`` takes below from any added plot's
    options (heldout/anon-women-meps types it in the first histogram of two)."""
    graph, _ = drawn(three_plots, "marginsplot, addplot((scatter y x, below msize(small)) (line y x, sort))")
    assert [s.kind for s in graph.panels[0].series] == ["scatter", "line"] + ["rcap"] * 3 + ["connected"] * 3


def test_added_plots_are_keyed_after_the_margins(three_plots):
    """Without below: legend(order(4 "low" 5 "mid" 6 "high" 7)), the added plot keyed by its own
    label (y's variable label)."""
    graph, fig = drawn(three_plots, "marginsplot, addplot(scatter y x)")
    assert [s.kind for s in graph.panels[0].series][-1] == "scatter"
    assert legend_texts(fig) == ["low", "mid", "high", "Outcome"]


def test_graph_addplot_legend_replaces_an_order_typed_outside_addplot(three_plots):
    """`graph addplot || , legend(order(...))` runs after the graph is drawn with the typed options,
    so an order() typed outside addplot() is replaced; one typed inside addplot() comes after."""
    _, fig = drawn(three_plots, 'marginsplot, addplot(scatter y x) legend(order(4 "a" 7 "data"))')
    assert legend_texts(fig) == ["low", "mid", "high", "Outcome"]
    _, fig = drawn(three_plots, 'marginsplot, addplot(scatter y x, legend(order(4 "a" 7 "data")))')
    assert legend_texts(fig) == ["a", "data"]
    _, fig = drawn(three_plots, 'marginsplot, addplot(scatter y x) legend(off)')
    assert legend_texts(fig) == []                                       # off stays: order() does not turn it on


def test_one_plot_with_addplot_keeps_its_legend(one_plot):
    """With addplot() the legend is typed even for one plot: order(2 "1" 3) -- the margins plot
    under its plot label "1", then the added plot; noci: order(1 "1" 2)."""
    _, fig = drawn(one_plot, "marginsplot, addplot(scatter y x)")
    assert legend_texts(fig) == ["1", "Outcome"]
    graph, fig = drawn(one_plot, "marginsplot, noci addplot(scatter y x)")
    assert [s.kind for s in graph.panels[0].series] == ["connected", "scatter"]
    assert legend_texts(fig) == ["1", "Outcome"]
    _, fig = drawn(one_plot, "marginsplot")
    assert legend_texts(fig) == []                                       # without addplot(): legend(off)


def test_recast_bar_draws_the_margins_before_the_intervals(three_plots):
    """recast(bar|area): twoway `mplots' || `ciplots', so the margins keys are 1..3 and the added
    plots' keys still follow all six (order(1 "low" 2 "mid" 3 "high" 7))."""
    graph, fig = drawn(three_plots, "marginsplot, recast(bar) addplot(scatter y x)")
    assert [s.kind for s in graph.panels[0].series] == ["bar"] * 3 + ["rcap"] * 3 + ["scatter"]
    assert legend_texts(fig) == ["low", "mid", "high", "Outcome"]
    _, fig = drawn(three_plots, 'marginsplot, recast(area) addplot(scatter y x, legend(order(1 "first" 4 "ci")))')
    assert legend_texts(fig) == ["first", "ci"]
    assert len(artists(fig, "p1-s1-area")) == 1                          # key 1: the first margins plot
    _, fig = drawn(three_plots, "marginsplot, recast(area) addplot(scatter y x, below)")
    assert legend_texts(fig) == ["Outcome", "low", "mid", "high"]         # order(1 2 "low" 3 "mid" 4 "high")


def test_bad_variable_is_statas_error_and_changes_nothing(one_plot):
    before = one_plot.data.df.copy()
    n_graphs = len(one_plot.graphs)
    out, rc = run(one_plot, "marginsplot, addplot(scatter nosuch x)", stop_on_error=False)
    assert rc == 111 and "variable nosuch not found" in out, out
    assert one_plot.data.df.equals(before) and "_margin" not in one_plot.data.df.columns
    assert len(one_plot.graphs) == n_graphs
    out, rc = run(one_plot, "marginsplot, addplot(scatter y x, bogus(1))", stop_on_error=False)
    assert rc == 198 and "option bogus() not allowed" in out, out


def test_more_margins_than_observations():
    session = double_session({"y": [1, 3, 2, 5, 4, 6], "x": [1, 2, 3, 4, 5, 6]})
    out, rc = run(session, "quietly regress y x\nquietly margins, at(x=(1(1)12))")
    assert rc == 0, out
    graph, fig = drawn(session, "marginsplot, addplot(scatter y x)")
    xs, ys = line_xy(fig, "p1-s3-scatter")
    assert sorted(xs) == [1, 2, 3, 4, 5, 6] and sorted(ys) == [1, 2, 3, 4, 5, 6]
    assert len(artists(fig, "p1-s2-connected-markers")[0].get_xdata()) == 12
    assert session.data.nobs == 6


def test_marginsplot_names_its_variables(one_plot):
    run(one_plot, "generate _x = x")
    out, rc = run(one_plot, "marginsplot, addplot(scatter y _x)", stop_on_error=False)
    assert rc == 110 and "variable _x already defined" in out, out


def test_graphdimension_adds_the_plots_to_every_graph(three_plots, tmp_path):
    """Each graph is saved as file# with its added plots (the ado hands saving() to graph addplot)."""
    out, rc = run(three_plots, f"marginsplot, graphdimension(g) addplot(scatter y x if h==1) saving({tmp_path / 'ap'})")
    assert rc == 0, out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ap1.gph", "ap2.gph", "ap3.gph"]
    run(three_plots, f"graph use {tmp_path / 'ap3.gph'}")
    assert [s.kind for s in three_plots.graphs[-1].panels[0].series] == ["rcap", "connected", "scatter"]
    run(three_plots, "marginsplot, graphdimension(g) addplot(scatter y x if h==1)")
    rows = _data(three_plots, "h") == 1
    for graph in three_plots.graphs[-3:]:                                # _mp_1 _mp_2 _mp_3
        assert [s.kind for s in graph.panels[0].series] == ["rcap", "connected", "scatter"]
        xs, ys = line_xy(figure(graph), "p1-s3-scatter")                 # all the data, in each graph
        assert sorted(zip(xs, ys)) == sorted(zip(_data(three_plots, "x", rows), _data(three_plots, "y", rows)))


BYGRAPH = "Graph family bygraph_g does not support addplot."


def _gids(fig) -> list[str]:
    return [str(a.get_gid()) for ax in fig.axes for a in ax.get_children() if a.get_gid()]


def test_bydimension_with_addplot_draws_the_panels_then_statas_error(three_plots):
    """marginsplot.ado draws the by() graph of the margins, then runs `graph addplot` on it, which
    refuses a by graph (graph.ado): no panel shows the added plots."""
    before = three_plots.data.df.copy()
    n_graphs = len(three_plots.graphs)
    out, rc = run(three_plots, "marginsplot, bydimension(g) addplot(scatter y x)", stop_on_error=False)
    assert rc == 198 and out.splitlines()[:3] == ["", "  Variables that uniquely identify margins: x g", BYGRAPH], out
    assert len(three_plots.graphs) == n_graphs + 1 and three_plots.data.df.equals(before)
    graph = three_plots.graphs[-1]
    assert [[s.kind for s in p.series] for p in graph.panels] == [["rcap", "connected"]] * 3
    fig = figure(graph)
    assert not [gid for gid in _gids(fig) if "scatter" in gid]
    for ax in (a for a in fig.axes if str(a.get_gid()).startswith("panel")):
        markers = [a for a in ax.get_children() if str(a.get_gid()).endswith("connected-markers")]
        assert [len(m.get_xdata()) for m in markers] == [2]             # the panel's margins (x = 2, 8) alone
    assert legend_texts(fig) == ["1"]                                    # legend(order(2 "1" 3)): key 3 absent


def test_bydimension_addplot_legend_as_marginsplot_types_it(three_plots):
    out, rc = run(three_plots, "quietly regress y x i.g##i.h\nquietly margins g#h, at(x=(2 8))")
    assert rc == 0, out
    out, rc = run(three_plots, "marginsplot, bydimension(h) addplot(scatter y x)", stop_on_error=False)
    assert rc == 198 and BYGRAPH in out, out
    assert legend_texts(figure(three_plots.graphs[-1])) == ["low", "mid", "high"]    # keys 4 5 6 (7 absent)
    out, rc = run(three_plots, "marginsplot, bydimension(h) addplot(scatter y x, below)", stop_on_error=False)
    assert rc == 198 and BYGRAPH in out, out
    # order(1 5 "low" 6 "mid" 7 "high"): the keys counted as if the added plot came first
    assert legend_texts(figure(three_plots.graphs[-1])) == ["95% CI", "low", "mid"]


def test_bydimension_addplot_error_comes_before_the_added_plots_are_read(three_plots):
    out, rc = run(three_plots, "marginsplot, bydimension(g) addplot(scatter nosuch x)", stop_on_error=False)
    assert rc == 198 and BYGRAPH in out and "nosuch" not in out, out
    run(three_plots, "generate _x = x")
    out, rc = run(three_plots, "marginsplot, bydimension(g) addplot(scatter y _x)", stop_on_error=False)
    assert rc == 198 and BYGRAPH in out, out


def test_graphdimension_and_bydimension_stop_after_the_first_graph(three_plots):
    out, rc = run(three_plots, "quietly regress y x i.g##i.h\nquietly margins g#h, at(x=(2 8))")
    assert rc == 0, out
    n_graphs = len(three_plots.graphs)
    out, rc = run(three_plots, "marginsplot, graphdimension(g) bydimension(h) addplot(scatter y x)",
                  stop_on_error=False)
    assert rc == 198 and BYGRAPH in out, out
    assert len(three_plots.graphs) == n_graphs + 1                      # _mp_1 drawn, then the error
