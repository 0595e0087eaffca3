"""A weight inside an option's parentheses — ``marginsplot, addplot(scatter y x [aw=z])``,
``lowess y x, addplot(scatter y x [fw=w])``, ``kdensity`` — reaches the added plot: its markers are
weighted (area proportional to the weight), checked on the matplotlib objects."""
from __future__ import annotations

import numpy as np

from graphs_helpers import artists, drawn, make_session, run


def _data(session, name):
    return session.data.df[name].to_numpy(float)


def _weighted_points(fig, gid, session, weight):
    (points,) = artists(fig, gid)
    areas = np.asarray(points.get_sizes())
    w = _data(session, weight)
    np.testing.assert_allclose(points.get_offsets(), np.column_stack([_data(session, "x"), _data(session, "y")]))
    np.testing.assert_allclose(areas / areas.mean(), w / w.mean())   # area proportional to weight


def test_marginsplot_addplot_scatter_with_aweights_draws_weighted_markers():
    session = make_session()
    out, rc = run(session, "quietly regress y x i.g\nquietly margins, at(x=(2(2)8))")
    assert rc == 0, out
    graph, fig = drawn(session, "marginsplot, addplot(scatter y x [aw=z], msymbol(Oh)) legend(off)")
    assert [s.kind for s in graph.panels[0].series] == ["rcap", "connected", "scatter"]
    _weighted_points(fig, "p1-s3-scatter", session, "z")
    assert list(artists(fig, "p1-s2-connected-markers")[0].get_xdata()) == [2.0, 4.0, 6.0, 8.0]


def test_lowess_addplot_scatter_with_fweights_draws_weighted_markers():
    session = make_session()
    graph, fig = drawn(session, "lowess y x, addplot(scatter y x [fw=w])")
    assert [(s.kind, s.marker_scales is not None) for s in graph.panels[0].series] == [
        ("scatter", False), ("line", False), ("scatter", True)]
    _weighted_points(fig, "p1-s3-scatter", session, "w")
    (plain,) = artists(fig, "p1-s1-scatter")                       # lowess's own scatter: unweighted
    assert plain.get_markersize() > 0


def test_kdensity_addplot_keeps_the_added_plots_weight():
    # kdensity's estimate is a ready series; the added plots are restyled after it
    session = make_session()
    graph, fig = drawn(session, "kdensity y, addplot(scatter y x [aw=z] || line y x, sort)")
    assert [(s.kind, s.marker_scales is not None) for s in graph.panels[0].series] == [
        ("line", False), ("scatter", True), ("line", False)]
    _weighted_points(fig, "p1-s2-scatter", session, "z")


def test_weights_inside_addplot_are_checked_as_the_plot_checks_them():
    session = make_session()
    for command, message, rc in (("lowess y x, addplot(scatter y x [iw=z])", "iweights not allowed", 101),
                                 ("lowess y x, addplot(line y x [iw=z])", "iweights not allowed", 101),
                                 ("lowess y x, addplot(scatter y x [aw=z)", "parentheses unbalanced", 132)):
        out, got = run(session, command, stop_on_error=False)
        assert (got, message in out) == (rc, True), (command, out)
