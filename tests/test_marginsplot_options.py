"""marginsplot on the graph layer: every option it accepts changes the drawn figure (checked on
the matplotlib objects) or is refused with a message."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, axes, figure, legend_texts, subfigures, tick_texts
from mlmcli.dataset import Dataset
from mlmcli.graphs import style
from mlmcli.runner import Runner
from mlmcli.session import Output, Session

NAVY, MAROON, GREEN = (style.NAMED_COLORS[c] for c in ("navy", "maroon", "forest_green"))


def _session() -> Session:
    rng = np.random.default_rng(11)
    n = 300
    g = np.arange(n) % 3
    f = (np.arange(n) // 3) % 2
    x = rng.normal(size=n)
    y = 1 + 0.5 * x + 0.4 * g - 0.3 * f + 0.3 * g * x + rng.normal(size=n)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=pd.DataFrame({"y": y, "x": x, "g": g.astype(float), "f": f.astype(float)}),
                           types={"y": "float", "x": "float", "g": "byte", "f": "byte"})
    session.data.var_labels["x"] = "Experience"
    session.data.value_label_of["g"] = "gl"
    session.data.value_labels["gl"] = {0: "low", 1: "mid", 2: "high"}
    return session


def run(session, text, stop_on_error=True):
    stream = session.out.stream
    stream.seek(0)
    stream.truncate()
    rc = Runner(session).run_text(text, echo=False, stop_on_error=stop_on_error)
    return stream.getvalue(), rc


@pytest.fixture(scope="module")
def fitted():
    session = _session()
    out, rc = run(session, "quietly regress y c.x##i.g i.f")
    assert rc == 0, out
    return session


@pytest.fixture()
def s(fitted):
    out, rc = run(fitted, "quietly margins g, at(x=(-1 0 1))")
    assert rc == 0, out
    return fitted


def draw(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    graph = session.graphs[-1]
    return graph, figure(graph)


def all_texts(fig) -> list[str]:
    """Every text of the figure and its sub-figures."""
    from graphs_helpers import all_texts as texts_of

    return [t for sub in subfigures(fig) for t in texts_of(sub)]


def _colors(fig, gid):
    (coll,) = artists(fig, gid)
    return {to_hex(c) for c in coll.get_colors()}


# ------------------------------------------------------------------ the default graph
def test_default_look_intervals_first_then_connected_margins(s):
    graph, fig = draw(s, "marginsplot")
    kinds = [x.kind for x in graph.panels[0].series]
    assert kinds == ["rcap"] * 3 + ["connected"] * 3
    for j, color in enumerate((NAVY, MAROON, GREEN), start=1):
        assert _colors(fig, f"p1-s{j}-rcap") == {color}               # the interval in its plot's colour
        assert _colors(fig, f"p1-s{j + 3}-connected") == {color}
    assert legend_texts(fig) == ["low", "mid", "high"]               # value labels; margins keys only
    assert "Predictive Margins of g with 95% CIs" in all_texts(fig)
    assert tick_texts(axes(fig), "x") == ["-1", "0", "1"]           # a label at each at() value
    line = artists(fig, "p1-s4-connected-markers")[0]
    assert list(line.get_xdata()) == [-1.0, 0.0, 1.0]
    b = s.r["b"].values.ravel()
    assert list(line.get_ydata()) == pytest.approx([b[0], b[3], b[6]])  # _at#g: g=0 at each x


def test_level_recomputes_the_intervals(s):
    graph, _ = draw(s, "marginsplot")
    wide = graph.panels[0].series[0]
    graph, fig = draw(s, "marginsplot, level(90)")
    narrow = graph.panels[0].series[0]
    assert np.all(narrow.y > wide.y) and np.all(narrow.y2 < wide.y2)
    assert "Predictive Margins of g with 90% CIs" in all_texts(fig)


def test_noci_drops_the_intervals_and_numbers_the_margins_from_one(s):
    graph, fig = draw(s, 'marginsplot, noci legend(order(2 "Middle" 1 "Low"))')
    assert [x.kind for x in graph.panels[0].series] == ["connected"] * 3
    assert legend_texts(fig) == ["Middle", "Low"]
    assert "Predictive Margins of g" in all_texts(fig)


# ------------------------------------------------------------------ plot and CI looks
def test_plotopts_and_plot_k_opts_style_the_margins(s):
    graph, fig = draw(s, "marginsplot, plotopts(msymbol(D) lwidth(thick)) plot2opts(lcolor(red) lpattern(dash))")
    for j in (4, 5, 6):
        (markers,) = artists(fig, f"p1-s{j}-connected-markers")
        assert markers.get_marker() == "D"
        (coll,) = artists(fig, f"p1-s{j}-connected")
        assert coll.get_linewidths()[0] == pytest.approx(style.LINE_WIDTHS["thick"])
    assert _colors(fig, "p1-s5-connected") == {"#ff0000"}
    assert _colors(fig, "p1-s4-connected") == {NAVY}
    (coll,) = artists(fig, "p1-s5-connected")
    assert coll.get_linestyles()[0][1] is not None                  # dashed
    (coll,) = artists(fig, "p1-s4-connected")
    assert coll.get_linestyles()[0][1] is None                      # solid


def test_ciopts_and_ci_k_opts_style_the_intervals(s):
    graph, fig = draw(s, "marginsplot, ciopts(lcolor(black) lwidth(vthin)) ci3opts(lcolor(orange) msize(large))")
    assert _colors(fig, "p1-s1-rcap") == {"#000000"} and _colors(fig, "p1-s2-rcap") == {"#000000"}
    assert _colors(fig, "p1-s3-rcap") == {"#ff8000"}
    (coll,) = artists(fig, "p1-s1-rcap")
    assert coll.get_linewidths()[0] == pytest.approx(style.LINE_WIDTHS["vthin"])
    (caps,) = artists(fig, "p1-s3-rcap-caps")
    assert caps.get_markersize() == pytest.approx(style.MARKER_SIZES["large"])
    assert _colors(fig, "p1-s4-connected") == {NAVY}                 # the margins keep their look


def test_plot_options_of_another_plot_type_are_refused(s):
    # rl40: twoway_yxview_parse.class reads every view's marker, line, area and bar options
    # (docs/graph_real_lines.md): rcap takes msymbol(), connected barwidth(), the picture unchanged
    out, rc = run(s, "marginsplot, ciopts(msymbol(D))", stop_on_error=False)
    assert rc == 0, out
    out, rc = run(s, "marginsplot, plotopts(barwidth(2))", stop_on_error=False)
    assert rc == 0, out
    out, rc = run(s, "marginsplot, plotopts(nosuchoption(2))", stop_on_error=False)
    assert rc == 198 and "option nosuchoption() not allowed" in out
    out, rc = run(s, "marginsplot, recast(bar) plotopts(barwidth(.5))")
    assert rc == 0 and s.graphs[-1].panels[0].series[0].width == pytest.approx(.5)   # bars drawn first


@pytest.mark.parametrize("plottype, kind, gid", [
    ("line", "line", "p1-s4-line"), ("scatter", "scatter", "p1-s4-scatter"),
    ("bar", "bar", "p1-s1-bar"), ("area", "area", "p1-s1-area"), ("spike", "rspike", "p1-s4-rspike")])
def test_recast_draws_the_margins_as_another_plot_type(s, plottype, kind, gid):
    """marginsplot.ado draws bars and areas before the intervals (twoway `mplots' || `ciplots'),
    the other types after them; the legend keys the margins plots either way."""
    graph, fig = draw(s, f"marginsplot, recast({plottype})")
    kinds = [x.kind for x in graph.panels[0].series]
    first = plottype in ("bar", "area")
    assert kinds == ([kind] * 3 + ["rcap"] * 3 if first else ["rcap"] * 3 + [kind] * 3)
    assert artists(fig, gid)
    assert legend_texts(fig) == ["low", "mid", "high"]
    if plottype == "bar":
        rects = [a for a in artists(fig, gid) if a.__class__.__name__ == "Rectangle"]
        assert len(rects) == 3 and to_hex(rects[0].get_facecolor()) == NAVY


def test_recastci_draws_the_intervals_as_bands_or_lines(s):
    graph, fig = draw(s, "marginsplot, recastci(rarea)")
    assert [x.kind for x in graph.panels[0].series][:3] == ["area"] * 3
    (band,) = artists(fig, "p1-s1-area")
    assert to_hex(band.get_facecolor()) == style.intensity(NAVY, .45)  # lighter than its line
    graph, fig = draw(s, "marginsplot, recastci(rline) ciopts(lpattern(dash))")
    kinds = [x.kind for x in graph.panels[0].series]
    assert kinds[:6] == ["line"] * 6 and kinds[6:] == ["connected"] * 3
    (lower,) = artists(fig, "p1-s1-line")
    assert lower.get_linestyles()[0][1] is not None
    graph, fig = draw(s, "marginsplot, recastci(rspike)")
    assert [x.kind for x in graph.panels[0].series][:3] == ["rspike"] * 3
    assert not artists(fig, "p1-s1-rspike-caps")


def test_unknown_plot_types_are_refused(s):
    out, rc = run(s, "marginsplot, recast(lfit)", stop_on_error=False)
    assert rc == 198 and "recast(lfit) not allowed" in out
    out, rc = run(s, "marginsplot, recastci(rcapped)", stop_on_error=False)
    assert rc == 198


# ------------------------------------------------------------------ graph options
def test_titles_scheme_and_regions(s):
    graph, fig = draw(s, 'marginsplot, title("Mine") subtitle("Sub") xtitle("Years") ytitle("Wage") '
                         'note("N") caption("C") scheme(s1mono) graphregion(color(white))')
    texts = "\n".join(all_texts(fig)).split("\n")
    for text in ("Mine", "Sub", "Years", "Wage", "N", "C"):
        assert text in texts
    assert "Predictive Margins of g with 95% CIs" not in texts
    assert _colors(fig, "p1-s5-connected") == {"#000000"}           # s1mono: black plots
    assert to_hex(fig.get_facecolor()) == "#ffffff"


def test_legend_options(s):
    graph, fig = draw(s, 'marginsplot, legend(order(4 "Low" 6 "High") rows(1))')
    assert legend_texts(fig) == ["Low", "High"]
    graph, fig = draw(s, 'marginsplot, legend(label(5 "Middle"))')
    assert legend_texts(fig) == ["low", "Middle", "high"]
    graph, fig = draw(s, "marginsplot, legend(off)")
    assert legend_texts(fig) == []
    graph, fig = draw(s, 'marginsplot, legend(order(1 "CI of low" 4))')
    assert legend_texts(fig) == ["CI of low", "low"]


def test_axis_options(s):
    graph, fig = draw(s, "marginsplot, xlabel(-1(.5)1) ylabel(, angle(0)) yline(1) xscale(range(-2 2))")
    ax = axes(fig)
    assert tick_texts(ax, "x") == ["-1", "-.5", "0", ".5", "1"]
    lo, hi = ax.get_xlim()
    assert lo <= -2 and hi >= 2
    assert graph.ylines == (1.0,)
    graph, _ = draw(s, "marginsplot, xlabel(#2)")                   # the user's rule replaces marginsplot's
    assert graph.xticks is None and graph.xaxis.nticks == 2


def test_allxlabels_labels_every_value_beyond_25(fitted):
    run(fitted, "quietly margins, at(x=(-3(.2)3))")
    graph, fig = draw(fitted, "marginsplot, noci")
    assert len(tick_texts(axes(fig), "x")) < 31
    graph, fig = draw(fitted, "marginsplot, noci allxlabels")
    assert len(tick_texts(axes(fig), "x")) == 31


def test_name_saving_and_replace(s, tmp_path):
    path = tmp_path / "mp.gph"
    out, rc = run(s, f'marginsplot, name(mp1) saving("{path}")')
    assert rc == 0 and path.exists() and s.graphs[-1].name == "mp1"
    out, rc = run(s, "marginsplot, name(mp1)", stop_on_error=False)
    assert rc == 110 and "graph mp1 already exists" in out
    out, rc = run(s, "marginsplot, name(mp1, replace)")
    assert rc == 0


# ------------------------------------------------------------------ dimensions
def test_by_dimension_makes_panels_and_byopts_style_them(s):
    graph, fig = draw(s, 'marginsplot, by(g) byopts(rows(1) title("By group"))')
    assert [p.title for p in graph.panels] == ["low", "mid", "high"]
    assert graph.cols == 3 and graph.title == "By group" and graph.note == ""
    assert {ax.get_gid() for ax in fig.axes} >= {"panel1", "panel2", "panel3"}
    assert "By group" in all_texts(fig)


def test_by_dimension_titles_typed_to_marginsplot_are_the_whole_graphs(s):
    # marginsplot builds the by(): its own title is drawn once over the subgraphs, and a typed
    # title() or note() replaces it there, not above each panel as outside a typed by()
    graph, fig = draw(s, 'marginsplot, by(g) title("Mine") note("N")')
    assert graph.title == "Mine" and graph.note == "N" and graph.panel_frame == ()
    from graphs_helpers import all_texts as every_text  # (each text once: the figure's findobj)

    assert every_text(fig).count("Mine") == 1 and every_text(fig).count("N") == 1
    graph, _ = draw(s, 'marginsplot, by(g)')
    assert graph.title == "Predictive Margins of g with 95% CIs"


def test_x_and_plot_dimensions(fitted):
    run(fitted, "quietly margins g#f")
    graph, fig = draw(fitted, "marginsplot, x(f)")
    assert legend_texts(fig) == ["low", "mid", "high"]
    assert tick_texts(axes(fig), "x") == ["0", "1"]
    graph, fig = draw(fitted, "marginsplot, xdimension(g) plotdimension(f)")
    assert legend_texts(fig) == ["f=0", "f=1"]
    assert tick_texts(axes(fig), "x") == ["low", "mid", "high"]
    graph, fig = draw(fitted, "marginsplot, xdimension(g f)")      # two dimensions: 1, 2, ... labelled
    assert tick_texts(axes(fig), "x") == ["low, f=0", "low, f=1", "mid, f=0", "mid, f=1", "high, f=0",
                                          "high, f=1"]
    out, rc = run(fitted, "marginsplot, x(z)", stop_on_error=False)
    assert rc == 322 and "z not a dimension in margins results" in out  # marginsplot.ado's FindVar


def test_label_options_and_dimopts(fitted):
    run(fitted, "quietly margins g#f")
    _, fig = draw(fitted, "marginsplot, x(f) nolabels")
    assert legend_texts(fig) == ["g=0", "g=1", "g=2"]
    _, fig = draw(fitted, "marginsplot, x(g) allsimplelabels")
    assert legend_texts(fig) == ["0", "1"]
    _, fig = draw(fitted, "marginsplot, x(f) nosimplelabels")
    assert legend_texts(fig) == ["g=low", "g=mid", "g=high"]
    _, fig = draw(fitted, 'marginsplot, x(f) plotdimension(g, labels("A" "B" "C"))')
    assert legend_texts(fig) == ["A", "B", "C"]
    _, fig = draw(fitted, 'marginsplot, x(f) plot(g, elabels(2 "Two"))')
    assert legend_texts(fig) == ["low", "Two", "high"]
    _, fig = draw(fitted, 'marginsplot, x(g f, separator(" & "))')
    assert tick_texts(axes(fig), "x")[0] == "low & f=0"
    _, fig = draw(fitted, "marginsplot, x(g f, noseparator)")
    assert tick_texts(axes(fig), "x")[0] == "low f=0"
    out, rc = run(fitted, "marginsplot, allsimplelabels nosimplelabels", stop_on_error=False)
    assert rc == 198


def test_graph_dimension_makes_one_graph_per_group(fitted):
    run(fitted, "quietly margins g#f")
    for name in [g.name for g in fitted.graphs]:
        run(fitted, f"graph drop {name}")
    out, rc = run(fitted, "marginsplot, x(g) graphdimension(f)")
    assert rc == 0
    names = [g.name for g in fitted.graphs]
    assert names[-2:] == ["_mp_1", "_mp_2"]
    assert [g.subtitle for g in fitted.graphs[-2:]] == ["f=0", "f=1"]
    assert run(fitted, "marginsplot, x(g) graphdimension(f) name(part)")[1] == 0
    assert [g.name for g in fitted.graphs[-2:]] == ["part1", "part2"]



def test_graph_dimension_saves_each_graph_under_a_numbered_name(fitted, tmp_path):
    """marginsplot.ado types saving(file#, suboptions) for graph # (the number after the name as
    typed) and name(stub#, replace) -- or name(_mp_#, replace) -- beside it."""
    run(fitted, "quietly margins g#f")
    stub = tmp_path / "mp"
    out, rc = run(fitted, f"marginsplot, x(g) graphdimension(f) saving({stub}, replace) name(part, replace)")
    assert rc == 0, out
    assert (tmp_path / "mp1.gph").exists() and (tmp_path / "mp2.gph").exists()
    assert [g.name for g in fitted.graphs[-2:]] == ["part1", "part2"]
    run(fitted, f"graph use {tmp_path / 'mp2.gph'}")
    assert fitted.graphs[-1].subtitle == "f=1"                           # the second graph's file
    out, rc = run(fitted, f"marginsplot, x(g) gr(f) saving({stub})", stop_on_error=False)
    assert rc == 602 and "already exists" in out                         # no replace: mp1.gph is there
    out, rc = run(fitted, f"marginsplot, x(g) gr(f) saving({tmp_path / 'g.gph'})")
    assert rc == 0 and (tmp_path / "g.gph1").exists() and (tmp_path / "g.gph2").exists()
    out, rc = run(fitted, "marginsplot, x(g) gr(f) saving(x.gph, bogus)", stop_on_error=False)
    assert rc == 198


def test_horizontal_swaps_the_axes(s):
    graph, fig = draw(s, "marginsplot, horizontal")
    first = graph.panels[0].series[0]
    assert first.kind == "rcap" and first.horizontal
    (markers,) = artists(fig, "p1-s4-connected-markers")
    assert list(markers.get_ydata()) == [-1.0, 0.0, 1.0]            # x positions on the y axis
    assert graph.xtitle == "Linear Prediction" and graph.ytitle == "Experience"
    assert tick_texts(axes(fig), "y") == ["-1", "0", "1"]


def test_derivlabels_uses_variable_labels(fitted):
    run(fitted, "quietly margins, dydx(x g)")
    _, plain = draw(fitted, "marginsplot")
    _, fig = draw(fitted, "marginsplot, derivlabels")
    assert tick_texts(axes(plain), "x") == ["x", "1.g", "2.g"]
    assert tick_texts(axes(fig), "x") == ["Experience", "mid", "high"]


def _interval_ends(fig, gid):
    """(lower, upper) of each drawn rcap spike, in x order."""
    from graphs_helpers import segments

    ends = sorted((seg[0][0], min(seg[0][1], seg[1][1]), max(seg[0][1], seg[1][1])) for seg in segments(fig, gid))
    return np.array([e[1] for e in ends]), np.array([e[2] for e in ends])


@pytest.mark.parametrize("method", ["bonferroni", "sidak", "scheffe"])
def test_mcompare_adjusts_the_intervals_as_margins_does(s, method):
    """[R] marginsplot's mcompare(): the drawn intervals are margins, mcompare()'s (r(table)'s ll
    and ul, adjusted within the _at#g term of 9 margins; Scheffe by the rank of their r(V) block)."""
    _, plain = draw(s, "marginsplot")
    _, fig = draw(s, f"marginsplot, mcompare({method})")
    out, rc = run(s, f"quietly margins g, at(x=(-1 0 1)) mcompare({method})")
    assert rc == 0, out
    table = s.r["table"]
    ll, ul = (table.values[table.rownames.index(k)] for k in ("ll", "ul"))
    for j in range(3):  # plot j: g = j at x = -1, 0, 1 (margins' rows j, j + 3, j + 6)
        lo, hi = _interval_ends(fig, f"p1-s{j + 1}-rcap")
        assert lo == pytest.approx(ll[j::3]) and hi == pytest.approx(ul[j::3])
        wide_lo, wide_hi = _interval_ends(plain, f"p1-s{j + 1}-rcap")
        assert np.all(lo < wide_lo) and np.all(hi > wide_hi)  # wider than the unadjusted ones
    run(s, "quietly margins g, at(x=(-1 0 1))")


def test_unique_and_csort_change_nothing_on_margins(s):
    """unique and csort order pairwise comparisons: on margins' results nothing to act on."""
    _, plain = draw(s, "marginsplot")
    for word in ("unique", "csort"):
        out, rc = run(s, f"marginsplot, {word}")
        assert rc == 0 and f"option {word} has no effect" in out
        fig = figure(s.graphs[-1])
        for got, before in zip(_interval_ends(fig, "p1-s1-rcap"), _interval_ends(plain, "p1-s1-rcap")):
            assert got == pytest.approx(before)


def test_refused_options_say_why(s):
    out, rc = run(s, "marginsplot, mcompare(tukey)", stop_on_error=False)
    assert rc == 198 and "mcompare(tukey) is allowed only with pairwise comparisons" in out
    out, rc = run(s, "marginsplot, bogus(1)", stop_on_error=False)
    assert rc == 198 and "option bogus() not allowed" in out
    out, rc = run(s, "marginsplot y", stop_on_error=False)
    assert rc == 101


def test_derivlabels_two_variables_with_one_label(fitted):
    """Two dy/dx variables whose labels are the same text stay two margins at two places
    (marginsplot.ado's _deriv is 1, 2, ...; heldout/cachanosky labels every variable alike)."""
    run(fitted, "generate x2 = x * 2 + g")
    fitted.data.var_labels["x2"] = "Experience"
    try:
        run(fitted, "quietly regress y x x2 f")
        run(fitted, "quietly margins, dydx(x x2)")
        out, rc = run(fitted, "marginsplot, derivlabels")
        assert rc == 0 and "identify margins: _deriv" in out, out
        assert tick_texts(axes(figure(fitted.graphs[-1])), "x") == ["Experience", "Experience"]
        out, rc = run(fitted, "quietly margins, dydx(x)")
        _, fig = draw(fitted, "marginsplot, derivlabels")  # one margin: nothing along the axis
    finally:
        run(fitted, "drop x2")
        run(fitted, "quietly regress y c.x##i.g i.f")  # the module's fit, for the tests after
