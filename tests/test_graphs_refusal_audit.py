"""The issue-14 refusal audit (docs/graph_refusal_audit.md): what Stata accepts is drawn, what
Stata refuses stops with Stata's message and return code."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, drawn, figure, legend_texts, line_xy, make_session, run, segments


@pytest.fixture()
def s():
    return make_session()


# ------------------------------------------------------------------ graph's subcommands
@pytest.mark.parametrize("text, message", [
    ("graph foo y x", "foo is not a valid graph subcommand"),          # graph.ado's InvalidFamily
    ("graph 7 y x", "7 is not a valid graph subcommand"),
    ("graph histogram y", "histogram is not a valid graph subcommand"),
    ("graph foo", "graph specification required"),                     # nothing after the word
    ("graph using old.gph", "graph using is no longer supported; type graph use."),
])
def test_graph_words_graph_ado_does_not_know_are_its_r198(s, text, message):
    out, rc = run(s, text, stop_on_error=False)
    assert rc == 198 and message in out and "not supported by mlmcli" not in out


def test_graph_2_is_twoway_and_dotchart_is_dot(s):
    assert run(s, "graph 2 scatter y x")[1] == 0
    graph = s.graphs[-1]
    assert [x.kind for x in graph.panels[0].series] == ["scatter"]
    np.testing.assert_allclose(np.sort(graph.panels[0].series[0].x), np.sort(s.data.numeric("x")))
    assert run(s, "graph dotchart (mean) y, over(g)")[1] == 0
    dots = s.graphs[-1]
    run(s, "graph dot (mean) y, over(g)")
    assert [x.kind for x in dots.panels[0].series] == [x.kind for x in s.graphs[-1].panels[0].series]
    means = [s.data.numeric("y")[s.data.numeric("g") == k].mean() for k in (1, 2, 3)]
    (points,) = dots.panels[0].series                         # graph dot: the means along x
    np.testing.assert_allclose(points.x, means, atol=1e-5)


def test_graph_draw_displays_the_named_graph(s):
    run(s, "scatter y x, name(first)")
    run(s, "line y x, sort name(second)")
    assert run(s, "graph draw first")[1] == 0
    assert s.graphs[-1].name == "first"
    fig = figure(s.graphs[-1])
    assert axes(fig) is not None


# ------------------------------------------------------------------ fpfit's estcmd()
def _band(session):
    series = session.graphs[-1].panels[0].series
    return {x.kind: x for x in series}


def test_estcmd_fit_is_regress(s):
    """fit.ado (version 3.1.9, 1998) runs regress quietly and redisplays it: the same curve
    and band as estcmd(regress)."""
    run(s, "twoway fpfitci y x, estcmd(regress)")
    reg = _band(s)
    out, rc = run(s, "twoway fpfitci y x, estcmd(fit)")
    assert rc == 0 and "could not fit" not in out
    fit = _band(s)
    np.testing.assert_allclose(fit["line"].y, reg["line"].y)
    np.testing.assert_allclose(fit["area"].y2, reg["area"].y2)
    fig = figure(s.graphs[-1])
    (line,) = segments(fig, "p1-s2-line") if segments(fig, "p1-s2-line") else segments(fig, "p1-s1-line")
    np.testing.assert_allclose(np.sort(line[:, 1]), np.sort(fit["line"].y[np.isfinite(fit["line"].y)]))


@pytest.mark.parametrize("text", [
    "twoway fpfit y x, estcmd(fit) estopts(noconstant)",  # fit.ado: "may not drop constant" r(399)
    "twoway fpfit y x [pw=w], estcmd(fit)",                # fit.ado takes aweights and fweights only
    "twoway fpfit y x, estcmd(stpm)",                      # community commands, not Stata 13's
    "twoway fpfit y x, estcmd(stpm2)",
])
def test_estcmds_that_fail_inside_fracpoly_give_the_note(s, text):
    out, rc = run(s, text)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    assert all(not np.isfinite(x.y).any() for x in s.graphs[-1].panels[0].series)


def test_estcmd_fit_takes_aweights_as_regress(s):
    run(s, "twoway fpfit y x [aw=w], estcmd(regress)")
    reg = _band(s)["line"].y
    out, rc = run(s, "twoway fpfit y x [aw=w], estcmd(fit)")
    assert rc == 0 and "could not fit" not in out
    np.testing.assert_allclose(_band(s)["line"].y, reg)


# ------------------------------------------------------------------ scatteri recast()
@pytest.mark.parametrize("kind", ["rarea", "rcap", "rline", "contour"])
def test_scatteri_recast_to_a_wider_plot_is_too_few_variables(s, kind):
    out, rc = run(s, f"twoway scatteri 1 2 3 4, recast({kind})", stop_on_error=False)
    assert rc == 102 and "too few variables specified" in out
    out, rc = run(s, f"twoway scatter y x, recast({kind})", stop_on_error=False)
    assert rc == 102                                          # as recast() of scatter y x


# ------------------------------------------------------------------ marginsplot saving()
def test_marginsplot_quoted_saving_with_several_graphs_stops_after_the_first(s, tmp_path):
    """marginsplot.ado types saving(`anything'#, ...): "g.gph"1; gr_save.ado's gettoken leaves
    the 1 over: ``invalid syntax, 1 not allowed`` r(198), after graph 1 is drawn."""
    run(s, "quietly regress y c.x##i.g i.h")
    run(s, "quietly margins g#h")
    before = len(s.graphs)
    out, rc = run(s, f'marginsplot, x(g) graphdimension(h) saving("{tmp_path / "g.gph"}")', stop_on_error=False)
    assert rc == 198 and "invalid syntax, 1 not allowed" in out
    assert "not supported by mlmcli" not in out
    assert [g.name for g in s.graphs[before:]] == ["_mp_1"] and s.graphs[-1].subtitle == "h=0"
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------ qnorm/pnorm/kdensity plot options
def test_qnorm_yaxis_2_puts_the_markers_on_the_right_axis(s):
    """qnorm.ado types its options on `scatter var Z, sort`: yaxis(2) is that scatter's."""
    graph, fig = drawn(s, "qnorm y, yaxis(2)")
    points, reference = graph.panels[0].series
    assert points.axis == 2 and reference.axis == 1
    x, y = line_xy(fig, "p1-s1-scatter")
    np.testing.assert_allclose(y, np.sort(s.data.numeric("y")))
    assert any(a.get_gid() == "p1-s1-scatter" for a in axes(fig, "panel1-axis2").get_children())


def test_qnorm_recast_line_joins_the_sorted_quantiles(s):
    graph, fig = drawn(s, "qnorm y, recast(line)")
    points = graph.panels[0].series[0]
    assert points.kind == "line"
    (seg,) = segments(fig, "p1-s1-line")
    assert np.all(np.diff(seg[:, 0]) > 0)
    np.testing.assert_allclose(seg[:, 1], np.sort(s.data.numeric("y")))
    out, rc = run(s, "qnorm y, horizontal", stop_on_error=False)
    assert rc == 198 and "option horizontal not allowed" in out    # scatter has no horizontal


def test_pnorm_yvarlabel_keys_the_markers_and_xaxis_2_places_them(s):
    graph, fig = drawn(s, 'pnorm y, yvarlabel("Probabilities") xaxis(2) addplot(line y x, sort)')
    points = graph.panels[0].series[0]
    assert points.label == "Probabilities" and points.xaxes == (2,)
    assert "Probabilities" in legend_texts(fig)
    assert graph.xtitle == "Empirical P[i] = i/(N+1)"              # pnorm.ado types xtitle(): xvarlabel() is moot


def test_kdensity_yaxis_and_yvarlabel(s):
    plain, _ = drawn(s, "kdensity y")
    graph, fig = drawn(s, 'kdensity y, yaxis(2) yvarlabel("Estimate") normal')
    estimate = graph.panels[0].series[0]
    assert estimate.axis == 2 and estimate.label == "Estimate"
    np.testing.assert_allclose(estimate.y, plain.panels[0].series[0].y)
    assert legend_texts(fig)[0] == "Estimate"
    assert any(a.get_gid() == "p1-s1-line" for a in axes(fig, "panel1-axis2").get_children())


# ------------------------------------------------------------------ fitplot() and ciplot()
def test_fitplot_area_and_dropline_draw_the_fit_as_those_types(s):
    line, _ = drawn(s, "twoway lfitci y x")
    fit = line.panels[0].series[-1]
    graph, fig = drawn(s, "twoway lfitci y x, fitplot(area)")
    band, area = graph.panels[0].series
    assert area.kind == "area" and area.style == 1
    np.testing.assert_allclose(area.y2, fit.y)
    np.testing.assert_allclose(area.y, 0.0)
    graph, fig = drawn(s, "twoway lfitci y x, fitplot(dropline)")
    kinds = [x.kind for x in graph.panels[0].series]
    assert kinds == ["area", "rspike", "scatter"]
    x, y = line_xy(fig, "p1-s3-scatter")
    np.testing.assert_allclose(y, fit.y)


def test_ciplot_rbar_and_rcapsym_draw_the_band_as_those_types(s):
    plain, _ = drawn(s, "twoway qfitci y x")
    band = plain.panels[0].series[0]
    graph, fig = drawn(s, "twoway qfitci y x, ciplot(rbar)")
    bars_series = graph.panels[0].series[0]
    assert bars_series.kind == "bar" and bars_series.style == 0 and bars_series.width == 1.0
    np.testing.assert_allclose(bars_series.y, band.y2)              # from the upper limit ...
    np.testing.assert_allclose(bars_series.y2, band.y)              # ... down to the lower one
    graph, fig = drawn(s, "twoway qfitci y x, ciplot(rcapsym)")
    spikes, low, high, _ = graph.panels[0].series
    assert spikes.kind == "rspike" and low.kind == high.kind == "scatter"
    np.testing.assert_allclose(low.y, band.y)
    np.testing.assert_allclose(high.y, band.y2)
    # (fitplot()/ciplot() of other words, one-y ciplot() types: tests/test_graphs_view_types.py)


def test_qnorm_rlopts_take_the_function_plots_options(s):
    """qnorm.ado types rlopts() on `function y=x, range(Z) n(2) lstyle(refline) ...`."""
    plain, _ = drawn(s, "qnorm y")
    graph, fig = drawn(s, "qnorm y, rlopts(yaxis(2))")
    reference = graph.panels[0].series[1]
    assert reference.axis == 2 and reference.label == "Reference"
    assert reference.color == plain.panels[0].series[1].color          # refline's colour kept
    np.testing.assert_allclose(reference.y, plain.panels[0].series[1].y)
    assert any(a.get_gid() == "p1-s2-line" for a in axes(fig, "panel1-axis2").get_children())
    graph, fig = drawn(s, "qnorm y, rlopts(recast(scatter))")
    ends = graph.panels[0].series[1]
    assert ends.kind == "scatter" and ends.style == 2
    x, y = line_xy(fig, "p1-s2-scatter")
    np.testing.assert_allclose(x, y)                                   # the two ends of y = x


def test_lpoly_lineopts_and_ciopts_take_their_plots_options(s):
    """lpoly.ado types lineopts() on the smooth's `line` and ciopts() on the band's `rarea`."""
    plain, _ = drawn(s, "lpoly y x, ci bwidth(2)")
    band, _, smooth = plain.panels[0].series
    graph, fig = drawn(s, "lpoly y x, ci bwidth(2) lineopts(recast(connected) yaxis(2)) ciopts(recast(rline))")
    low, high, points, joined = graph.panels[0].series
    assert (low.kind, high.kind, joined.kind) == ("line", "line", "connected") and joined.axis == 2
    assert low.label == "95% CI" and low.style == 0
    np.testing.assert_allclose(low.y, band.y)
    np.testing.assert_allclose(high.y, band.y2)
    np.testing.assert_allclose(joined.y, smooth.y)
    mx, my = line_xy(fig, "p1-s4-connected-markers")
    np.testing.assert_allclose(my, smooth.y)


@pytest.mark.parametrize("text", [
    "twoway fpfit g x, estcmd(mlogit) estopts(vce(hc3))",
    "twoway fpfit h x, estcmd(clogit) estopts(group(g) vce(hc2))",
])
def test_regress_vcetypes_make_the_grouped_commands_fail_inside_fracpoly(s, text):
    """hc2/hc3 are regress's: clogit, xtgee and mlogit stop on them under fracpoly's capture."""
    out, rc = run(s, text)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    assert all(not np.isfinite(x.y).any() for x in s.graphs[-1].panels[0].series)
