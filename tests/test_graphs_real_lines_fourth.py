"""Graph lines the fourth round of the real-lines sweep settled (rl45, docs/graph_real_lines.md):
the range plots whose markers take a weight (``twoway rscatter y1 y2 x [fweight=w]``, the current
manual's quick start), a parenthesized varlist (``scatter(golf income)``, ``twoway scatter (estimate
min95 max95) treatAge``), and ``///`` inside a quoted title (not a continuation); each drawn (or
stopped) here and read back from the matplotlib objects."""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import (all_texts, artists, axes, drawn, figure, legend_texts, make_session, range_session, run,
                            tick_texts)

HERE = Path(__file__).parent / "graphs_reference"
sys.path.insert(0, str(HERE))

import real_lines_sweep as sweep  # noqa: E402


@pytest.fixture()
def s():
    return range_session()


def _col(session, name):
    return session.data.df[name].to_numpy(float)


def _weighted(points, session, xname, yname, weight):
    areas = np.asarray(points.get_sizes())
    w = _col(session, weight)
    np.testing.assert_allclose(points.get_offsets(), np.column_stack([_col(session, xname), _col(session, yname)]))
    np.testing.assert_allclose(areas / areas.mean(), w / w.mean())  # area proportional to the weight


# ------------------------------------------------------------------ weighted range markers
def test_rscatter_fweight_weights_both_ends_markers(s):
    # twoway_rscatter_parse inherits twoway_yxview_parse's `[aw fw pw]`; yxview_rscatter_draw
    # draws each end with ._draw_points, which draws weighted points when the view has a weight
    graph, fig = drawn(s, "twoway rscatter hi lo x [fweight=w], msymbol(circle_hollow)")
    assert [(k.kind, k.marker_scales is not None) for k in graph.panels[0].series] == [
        ("scatter", True), ("scatter", True)]
    (upper,) = artists(fig, "p1-s1-scatter")
    (lower,) = artists(fig, "p1-s2-scatter")
    _weighted(upper, s, "x", "hi", "w")
    _weighted(lower, s, "x", "lo", "w")


def test_rconnected_and_rcapsym_weight_their_markers_only(s):
    graph, fig = drawn(s, "twoway rconnected hi lo x [aw=z], sort")
    kinds = [(k.kind, k.marker_scales is not None) for k in graph.panels[0].series]
    assert kinds == [("connected", True), ("connected", True)]
    order = np.argsort(_col(s, "x"), kind="stable")
    z = _col(s, "z")[order]
    np.testing.assert_allclose(graph.panels[0].series[0].marker_scales, np.sqrt(z / z.mean()))
    graph, fig = drawn(s, "twoway rcapsym hi lo x [pw=w]")
    kinds = [(k.kind, k.marker_scales is not None) for k in graph.panels[0].series]
    assert kinds == [("rspike", False), ("scatter", True), ("scatter", True)]


def test_range_plot_weights_keep_their_errors(s):
    # yxview's `syntax ... [aw fw pw]`: iweights are not allowed; rcap draws no markers (its draw
    # never calls ._draw_points): it takes the weight and draws the same picture
    # (tests/test_graphs_range_weights.py)
    assert run(s, "twoway rscatter hi lo x [iw=w]", stop_on_error=False) == ("iweights not allowed\nr(101);\n", 101)
    assert run(s, "twoway rcap hi lo x [iw=w]", stop_on_error=False) == ("iweights not allowed\nr(101);\n", 101)
    # a row of zero frequency weight is left out, as scatter's
    run(s, "replace w = 0 in 1")
    graph, _ = drawn(s, "twoway rscatter hi lo x [fw=w]")
    assert len(graph.panels[0].series[0].x) == 59


# ------------------------------------------------------------------ a varlist in parentheses
def test_scatter_glued_to_a_parenthesized_varlist(s):
    # ParkSeungR's Part6/basic.do: `scatter(golf income)` -- scatter.ado runs `graph twoway
    # scatter (golf income)`, one plot (_parse expand: a cmd is a string with nested parentheses),
    # whose varlist(ts) takes the group as its variables
    graph, fig = drawn(s, "scatter(y x)")
    (points,) = artists(fig, "p1-s1-scatter")
    np.testing.assert_allclose(points.get_xdata(), _col(s, "x"))
    np.testing.assert_allclose(points.get_ydata(), _col(s, "y"))


def test_a_group_of_ys_before_the_x(s):
    # a research do-file: `twoway scatter (estimate min95 max95) treatAge, c(l l l) msymbol(O i i)`
    graph, fig = drawn(s, "twoway scatter (y hi lo) x, c(l l l) msymbol(O i i) sort")
    assert [k.label for k in graph.panels[0].series] == ["Outcome", "hi", "lo"]
    order = np.argsort(_col(s, "x"), kind="stable")
    np.testing.assert_allclose(graph.panels[0].series[2].y, _col(s, "lo")[order])


def test_tsunab_reads_a_group_without_an_operator(s):
    from mlmcli.time_series_ops import expand_ts_varlist

    assert expand_ts_varlist(s.data, "(y x*) g") == ["y", "x", "g"]
    out, rc = run(s, "twoway scatter (y nosuch) x", stop_on_error=False)
    assert rc == 111 and "variable nosuch not found" in out


# ------------------------------------------------------------------ /// inside quotes
def test_triple_slash_inside_a_quoted_title_is_text_not_a_continuation(tmp_path):
    # agrogan1's visual guide: Stata drew `caption("{stMono:twoway (kdensity x), ///}" ...)` with
    # the `///` in the caption (the repository's rendered PNG), so Mixtape's `title("Least squares
    # estimates of ///` + a new line is a title whose quote is never closed
    line = 'hist y, frequency title("Least squares estimates of ///'
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cls, why = sweep.classify(line)
    assert cls == "stata-error", why
    s = make_session()
    do = tmp_path / "t.do"
    do.write_text('twoway scatter y x, caption("{stMono:twoway (kdensity x), ///}" "by(u)") name(g1)\n'
                  'hist y, title("Least squares estimates of ///\nnon-clustered data")\n')
    out, rc = run(s, f'do "{do}"', stop_on_error=False)
    assert rc == 132 and "too few quotes" in out
    (graph,) = s.graphs  # the caption line drew, its /// kept as text, in {stMono:}'s monospace face
    fig = figure(graph)
    (caption,) = [t for t in fig.findobj(lambda a: hasattr(a, "get_text")) if "kdensity" in str(t.get_text())]
    first, second = caption.get_text().split("\n")
    assert first.startswith(r"$\mathtt{") and "kdensity" in first and first.count(r"\text{/}") == 3, first
    assert second == "by(u)"  # the untagged line keeps the caption's own face


# ------------------------------------------------------------------ the fourth round's lines
def test_axis_label_suboptions_take_their_help_abbreviations(s):
    # mthevenin's formation14.qmd: `xlabel(1000 "1k" 5000 "5k" ..., alt) xscale(log)`;
    # axis_label_options.sthlp underlines alt:ernate, ax:is, tick:s, tl:ength, tp:osition, gex:tend
    _, fig = drawn(s, 'scatter y x, xlabel(0 "0" 5 "5k" 10 "10k", alt)')
    assert tick_texts(axes(fig), "x") == ["0", "\n5k", "10k"]  # every other label one line out
    _, full = drawn(s, 'scatter y x, xlabel(0 "0" 5 "5k" 10 "10k", alternate)')
    assert tick_texts(axes(full), "x") == tick_texts(axes(fig), "x")
    _, fig = drawn(s, "scatter y x, ylabel(, ax(1) tl(3) tp(inside) gex gsty(major)) xlabel(, tick)")
    assert tick_texts(axes(fig), "y")
    out, rc = run(s, "scatter y x, xlabel(, al)", stop_on_error=False)
    assert rc == 198 and "option al not allowed" in out


def test_legend_key_text_box_looks(s):
    # filius23's Stata_Skript: `legend(lab(1 "30-45") ... lcolor("16 74 138") region(fcolor(...)
    # lcolor(...)) pos(6) cols(3))` -- legend_options' textbox_options: the key texts' box
    # outline, drawn only with `box`
    graph, fig = drawn(s, 'twoway (scatter y x if g == 1) (scatter y x if g == 2), legend(lab(1 "a") '
                          'lab(2 "b") lcolor("16 74 138") region(fcolor("249 247 241")) pos(6) cols(2))')
    assert legend_texts(fig) == ["a", "b"]
    from matplotlib.colors import to_hex

    assert to_hex(graph.legend_fill) == "#f9f7f1"  # the region's fill, as before
    out, rc = run(s, "scatter y x, legend(on fc(nosuchcolor))", stop_on_error=False)
    assert rc == 0 and "named style nosuchcolor not found in class color" in out
    out, rc = run(s, "scatter y x, legend(on lc(blue) box)", stop_on_error=False)
    assert rc == 198 and "not supported by mlmcli" in out


def test_twoway_varlist_takes_no_factor_variables(s):
    # AaronScherf's Session4: `scatter lifeexp gdppercap || lfit lifeexp gdppercap i.continent_cat`
    # (yxview's varlist(numeric ts)); time-series operators stay allowed
    out, rc = run(s, "scatter y x || lfit y x i.g", stop_on_error=False)
    assert (out, rc) == ("factor variables not allowed\nr(101);\n", 101)
    run(s, "gen t = _n")
    run(s, "tsset t")
    graph, _ = drawn(s, "twoway scatter L.y t")
    np.testing.assert_allclose(graph.panels[0].series[0].y, _col(s, "y")[:-1])


def test_plot_type_abbreviations_of_unab_cmd(s):
    # twowaygraph_g.class's _unab_cmd: `syntax [, SCatter LIne CONnected HISTogram RSCatter RLine
    # RCONnected MBANDs FN FUNction *]`, FN read as function (MaxBo's uk04grtalk norm_p95.do:
    # `twoway fn normden(x), range(-4 1.93) recast(area) || ...`)
    graph, _ = drawn(s, "twoway fn normalden(x), range(-4 4) || li y x || con y x || rl hi lo x "
                        "|| rsc hi lo x || rcon hi lo x || fun y = x/2, range(0 1)")
    kinds = [k.kind for k in graph.panels[0].series]
    assert kinds == ["line", "line", "connected", "line", "line", "scatter", "scatter",
                     "connected", "connected", "line"]
    np.testing.assert_allclose(graph.panels[0].series[0].y.max(), 1 / np.sqrt(2 * np.pi), rtol=1e-3)
    out, rc = run(s, "twoway fn normden(x), range(-4 4)", stop_on_error=False)
    assert rc == 133  # Stata 8's normden(): an unknown function now, not an unknown plot type
    out, rc = run(s, "twoway fu y = x", stop_on_error=False)
    assert (out, rc) == ("fu is not a twoway plot type\nr(198);\n", 198)


def test_function_droplines_option_name(s):
    # twoway_function_parse.class: DROPlines(numlist sort) (MaxBo's Graph_Survivalfct_EVA.do types
    # `droplines(10 12)`): spikes from the base up to f at each x
    graph, _ = drawn(s, "twoway function y = (1+(x/10)^5)^(-2/5), range(0 40) droplines(12 10)")
    drops = graph.panels[0].series[1]
    assert drops.kind == "rspike"
    np.testing.assert_allclose(sorted(drops.x), [10, 12])
    np.testing.assert_allclose(drops.y2[np.argsort(drops.x)], (1 + (np.array([10, 12]) / 10) ** 5) ** (-2 / 5))
    for typed in ("drop(5)", "dropline(5)"):
        assert run(s, f"twoway function y = x, range(0 10) {typed}", stop_on_error=False)[1] == 0
    assert run(s, "twoway function y = x, dro(5)", stop_on_error=False)[1] == 198


def test_graph_name_in_quotes(s):
    # graph.ado's NAME(string): syntax drops the quotes round the whole argument, so MaxBo's
    # `line cumhaz resi resi, sort name("weibull, replace")` names the graph weibull (replaced)
    run(s, 'line y x, sort name("weibull, replace")')
    run(s, 'line y x, sort name("weibull, replace")')
    out, _ = run(s, "graph dir")
    assert "weibull" in out.split()
    out, rc = run(s, 'line y x, name("a b")', stop_on_error=False)
    assert rc == 198 and "invalid name" in out


def test_the_fourth_rounds_diagnostic_plot_lines_draw_after_their_regress(s):
    # the sweep runs them without a fit ("data": last estimates not found); after a regress on
    # the variables they name they draw (kmongeon's avplot grip, reisportela's avplots, col(2)
    # and lvr2plot, mlabel(countrycode), rvpplot educ)
    corpus = HERE / "real_graph_lines.txt"
    lines, where = [], ""
    for ln in corpus.read_text(encoding="utf-8").splitlines():
        if ln.startswith("# "):
            where = ln[2:]
        elif where.startswith(("kmongeon/", "reisportela/")) and \
                ln.split(",")[0].split()[0] in ("avplot", "avplots", "lvr2plot", "rvpplot"):
            lines.append(ln)
    assert len(lines) >= 8
    for name in ("grip", "matu", "educ", "exper"):
        run(s, f"gen {name} = x + rnormal()")
    s.data.df["countrycode"] = [f"c{i}" for i in range(60)]
    s.data.types["countrycode"] = "str3"
    run(s, "gen id = _n")
    run(s, "regress y grip matu educ exper")
    for line in lines:
        s.graphs.clear()
        out, rc = run(s, line, stop_on_error=False)
        assert rc == 0, (line, out)
        (graph,) = s.graphs
        fig = figure(graph)
        # every panel's points: 60 observations (avplots: one panel per regressor)
        counts = [len(line2d.get_xdata()) for ax in fig.get_axes() for line2d in ax.get_lines()]
        assert 60 in counts, (line, counts)


def test_several_by_options_merge_as_graph_ado_does(s):
    # graph.ado's MergeBy: the last varlist typed, every by()'s options; benyimr's Modulo_11
    # types `by(, title(...) subtitle(...) caption(...))` alone: varlist required in by() r(100)
    graph, fig = drawn(s, 'scatter y x, by(g) by(, title("Both") note(""))')
    merged, _ = drawn(s, 'scatter y x, by(g, title("Both") note(""))')
    assert len(graph.panels) == len(merged.panels) == 3
    assert "Both" in all_texts(fig)
    assert graph.title == merged.title
    out, rc = run(s, 'twoway (scatter y x) if g == 1, by(, title("T"))', stop_on_error=False)
    assert (out, rc) == ("varlist required in by()\nr(100);\n", 100)
