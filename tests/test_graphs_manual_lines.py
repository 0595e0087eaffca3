"""The graph commands the Stata manuals print (tests/graphs_reference/manual_graph_lines.txt: the
Stata 12/13 entries' example commands and the current manuals' Quick start lines) run through
the real-lines sweep (tests/graphs_reference/real_lines_sweep.py), and the manual lines mlm once
stopped on, drawn and read back from the matplotlib objects (docs/graph_manual_lines.md)."""
from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, axes, double_session, drawn, legend_texts, run, segments

HERE = Path(__file__).parent / "graphs_reference"
sys.path.insert(0, str(HERE))

import real_lines_sweep as sweep  # noqa: E402

LINES = [line for _, line in sweep.read_lines(HERE / "manual_graph_lines.txt")]

# Lines that do not draw, and why (docs/graph_manual_lines.md): the class the sweep gives them.
# (the quick start's `twoway rscatter y1 y2 x [fweight = wvar]` is drawn since rl45: twoway_rscatter_parse
# inherits yxview's `[aw fw pw]` and its draw weights the markers, tests/test_graphs_real_lines_fourth.py)
NOT_DRAWN: dict[str, str] = {}
NOT_DRAWN.update({line: "stata-error" for line in LINES  # later plottypes
                  if line.startswith(("twoway rpcap ", "twoway heatmap "))})
NOT_DRAWN.update({line: "stata-error" for line in LINES if ", colorvar(" in line})  # Stata 18's option
NOT_DRAWN["graph (sum) bar empcost, over(division)"] = "stata-error"  # [G-2] graph bar's misprint
NOT_DRAWN["twoway rarea y x, cmissing(n)"] = "stata-error"  # rarea's text copied from area's
NOT_DRAWN["scatter mpg weight || lfit mpg weight ||, msymbol(Oh) saving(mygraph)"] = "stata-error"  # "is an error"
NOT_DRAWN["twoway histogram v1, bins(10)"] = "stata-error"  # Stata 13's twoway__histogram_gen: BIN() only
# Stata 9's single-letter %d codes under %td (the [TS] tsline example): drawn since rf43, always run
ALWAYS = {'tsline calories, tlabel(, format(%tdmd)) ttitle("Date (2002)")',
          # the quick start's weighted rscatter: drawn since rl45
          "twoway rscatter y1 y2 x [fweight = wvar]",
          "twoway rscatter y1 y2 x [fweight=wvar], msymbol(circle_hollow)"}
ALWAYS |= {line for line in LINES if line.startswith("graph export ")}  # gr100: the export entries

# every line when MLM_ALL_MANUAL_LINES is set, else every eighth (kept fast; most entries keep
# some) and every line of NOT_DRAWN
SAMPLE = [line for i, line in enumerate(LINES)
          if os.environ.get("MLM_ALL_MANUAL_LINES") or i % 8 == 0 or line in NOT_DRAWN or line in ALWAYS]


@pytest.mark.parametrize("line", SAMPLE)
def test_manual_line_draws_or_stops_as_documented(line):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cls, why = sweep.classify(line)
    assert cls == NOT_DRAWN.get(line, "drawn"), why


def test_the_file_holds_the_collected_entries():
    text = (HERE / "manual_graph_lines.txt").read_text()
    assert len(LINES) >= 200
    for entry in ("[G-2] graph twoway scatter", "[G-2] graph bar", "[G-2] graph box", "[G-2] graph pie",
                  "[G-2] graph combine", "[G-2] graph matrix", "[R] histogram", "[R] kdensity",
                  "[XT] xtline"):
        assert f"# {entry}" in text, entry


# ------------------------------------------------------------------ twoway area y1 y2 x
@pytest.fixture()
def manual_area():
    # [G-2] graph twoway area, cmissing(): the manual's six observations (the fourth missing in
    # y1, y2 and x)
    return double_session({"y1": [1, 3, 5, np.nan, 6, 11], "y2": [2, 5, 4, np.nan, 7, 12],
                           "x": [1, 2, 3, np.nan, 5, 8]})


def _area_polygons(fig, k):
    (coll,) = artists(fig, f"p1-s{k}-area")
    return [p.vertices for p in coll.get_paths()]


def test_area_takes_several_y_each_its_own_area_and_style(manual_area):
    graph, fig = drawn(manual_area, "twoway area y1 y2 x")
    areas = graph.panels[0].series
    assert [(a.kind, a.style) for a in areas] == [("area", 1), ("area", 2)]
    np.testing.assert_allclose(areas[0].x, [1, 2, 3, 5, 8])  # row 4 left out: no break
    np.testing.assert_allclose(areas[1].y2, [2, 5, 4, 7, 12])  # the upper edge; y: the base
    assert legend_texts(fig) == ["y1", "y2"]
    assert len(_area_polygons(fig, 1)) == 1 and len(_area_polygons(fig, 2)) == 1
    colours = {to_hex(artists(fig, f"p1-s{k}-area")[0].get_facecolor()[0]) for k in (1, 2)}
    assert len(colours) == 2  # p1 and p2


def test_area_cmissing_n_breaks_each_area_at_the_missing_row(manual_area):
    """"two areas will be drawn, one for the observations before the missing values at
    observation 4 and one for the observations after" ([G-2] graph twoway area)."""
    for command in ("twoway area y1 y2 x, cmissing(n)", "twoway area y1 x, cmissing(n)"):
        graph, fig = drawn(manual_area, command)
        pieces = _area_polygons(fig, 1)
        assert len(pieces) == 2, command
        assert pieces[0][:, 0].max() == pytest.approx(3) and pieces[1][:, 0].min() == pytest.approx(5)
        assert axes(fig).get_xlim()[0] < 1 < 8 < axes(fig).get_xlim()[1]
    # "If you omit the option ... one contiguous area will be drawn over the range (1,8)"
    _, fig = drawn(manual_area, "twoway area y1 x")
    (whole,) = _area_polygons(fig, 1)
    assert whole[:, 0].min() == pytest.approx(1) and whole[:, 0].max() == pytest.approx(8)
    run(manual_area, "replace x = 4 in 4")  # a row missing its ys only breaks it too
    _, fig = drawn(manual_area, "twoway area y1 x, cmissing(n)")
    assert len(_area_polygons(fig, 1)) == 2


def test_area_too_few_variables_still_refused(manual_area):
    out, rc = run(manual_area, "twoway area y1", stop_on_error=False)
    assert rc == 102 and "too few variables specified" in out


# ------------------------------------------------------------------ line, msymbol()
def test_line_takes_msymbol_and_ignores_it(manual_area):
    """[G-2] graph twoway line: "line, while it allows you to specify the marker_option msymbol(),
    ignores its setting" (its example `line yvar xvar, msymbol(O) connect(none)`)."""
    _, plain = drawn(manual_area, "line y1 x")
    out, rc = run(manual_area, "line y1 x, msymbol(O)")
    assert rc == 0 and "note" not in out  # Stata ignores it without a word, as the view parts a plot lacks
    graph, fig = drawn(manual_area, "line y1 x, msymbol(O)")
    assert [s.kind for s in graph.panels[0].series] == ["line"]
    got, want = segments(fig, "p1-s1-line"), segments(plain, "p1-s1-line")
    assert len(got) == len(want) and all(np.allclose(a, b) for a, b in zip(got, want))
    markers = [a for a in fig.findobj() if getattr(a, "get_marker", None) and a.get_marker() not in (None, "", "None")
               and len(getattr(a, "get_xdata", lambda: [])()) > 1]
    assert markers == []
    graph, fig = drawn(manual_area, "line y1 x, msymbol(O) connect(none)")
    assert [len(piece) for piece in segments(fig, "p1-s1-line")] == [1] * 5  # connect(none): no joins
    # every view's style options are taken (twoway_yxview_parse.class, rl40) and change nothing here
    graph, fig = drawn(manual_area, "line y1 x, mcolor(red)")
    got = segments(fig, "p1-s1-line")
    assert len(got) == len(want) and all(np.allclose(a, b) for a, b in zip(got, want))


# ------------------------------------------------------------------ xlab(,g)
def test_axis_label_grid_abbreviates_to_g():
    """[G-2] graph twoway scatter: "We included xlab(,g) (abbreviated form of xlabel(, grid)) to
    obtain x grid lines"."""
    from graphs_helpers import axes, make_session

    s = make_session()
    _, plain = drawn(s, "scatter y z, xscale(log)")
    assert not any(line.get_visible() for line in axes(plain).get_xgridlines())
    for typed in ("xlab(,g)", "xlabel(, gr)", "xlabel(, grid)"):
        _, fig = drawn(s, f"scatter y z, xscale(log) {typed}")
        assert any(line.get_visible() for line in axes(fig).get_xgridlines()), typed
    _, fig = drawn(s, "scatter y z, ylabel(, glcolor(red) gmin)")  # the other g* names unchanged
    out, rc = run(s, "scatter y z, xlabel(, gm)", stop_on_error=False)
    assert rc == 198, out


# ------------------------------------------------------------------ by(v, note("...", suffix))
@pytest.mark.parametrize("command", ["scatter y x, by(g, {})", "graph box y, over(h) by(g, {})",
                                     "histogram y, by(g, {})"])
def test_by_note_suffix_and_prefix_join_the_graphs_by_note(command):
    """[G-3] by_option: "If you want to add your note after the default note, type
    . scatter yvar xvar, by(catvar, note("My note", suffix))" (an internal error before)."""
    from graphs_helpers import all_texts, make_session

    s = make_session()
    graph, fig = drawn(s, command.format('note("My note", suffix)'))
    assert graph.note == "Graphs by g My note" and "Graphs by g My note" in all_texts(fig)
    graph, fig = drawn(s, command.format('note("My note", prefix)'))
    assert graph.note == "My note Graphs by g"
    graph, fig = drawn(s, command.format('note("My note")'))
    assert graph.note == "My note" and not any("Graphs by" in t for t in all_texts(fig))


# ------------------------------------------------------------------ orient(vert), angle(hor)
def test_angle_and_orientation_names_abbreviated():
    """[TS] tsline's example types ``ttext(3470 28nov2002 "thanks" ..., orient(vert))`` and
    public do-files ``ylabel(, angle(hor))``: a word that begins one anglestyle name only is
    that name (uncertain, docs/graph_manual_lines.md)."""
    from graphs_helpers import axes, make_session

    s = make_session()
    _, fig = drawn(s, 'scatter y x, text(5 5 "thanks", orient(vert))')
    (label,) = artists(fig, "text")
    assert label.get_rotation() == pytest.approx(90)
    _, fig = drawn(s, 'scatter y x, text(5 5 "thanks", orient(rv))')
    assert artists(fig, "text")[0].get_rotation() == pytest.approx(270)
    _, hor = drawn(s, "scatter y x, ylabel(, angle(hor))")
    _, full = drawn(s, "scatter y x, ylabel(, angle(horizontal))")
    _, default = drawn(s, "scatter y x")
    rot = lambda fig: {t.get_rotation() for t in axes(fig).get_yticklabels() if t.get_text()}  # noqa: E731
    assert rot(hor) == rot(full) == {0.0} != rot(default)
    _, fig = drawn(s, "scatter y x, ylabel(, angle(ninety))")
    assert rot(fig) == {90.0}
    for word in ("r", "bogus"):  # r: rhorizontal or rvertical
        out, rc = run(s, f"scatter y x, ylabel(, angle({word}))", stop_on_error=False)
        assert rc == 198 and "option angle() incorrectly specified" in out, word


# ------------------------------------------------------------------ gladder/qladder axis options
@pytest.mark.parametrize("command", ['gladder z, l1title("") ylabel(none) xlabel(none)',
                                     "qladder z, ylabel(none) xlabel(none)"])
def test_ladder_axis_options_go_to_every_rung(command):
    """[R] ladder's examples: `gladder tempjuly, l1title("") ylabel(none) xlabel(none)` and
    `qladder tempjuly, ylabel(none) xlabel(none)` -- axis options, which graph combine does not
    take, label (here: do not label) each rung's axes (before: graph combine's r(198))."""
    from graphs_helpers import make_session, tick_texts

    s = make_session()
    plain_cmd = command.split(",")[0]
    _, plain = drawn(s, plain_cmd)
    graph, fig = drawn(s, command)
    rungs = [ax for ax in fig.axes if ax.get_gid() and ax.get_gid().endswith("panel1")]
    assert len(rungs) == len([ax for ax in plain.axes if ax.get_gid() and ax.get_gid().endswith("panel1")]) >= 7
    for ax in rungs:
        assert tick_texts(ax, "x") == [] and tick_texts(ax, "y") == []
    plain_rungs = [ax for ax in plain.axes if ax.get_gid() and ax.get_gid().endswith("panel1")]
    assert all(tick_texts(ax, "x") and tick_texts(ax, "y") for ax in plain_rungs)
    out, rc = run(s, plain_cmd + ", rows(2) ycommon")  # combine's own options still combine's
    assert rc == 0, out


# ------------------------------------------------------------------ rarea, rline: cmissing(n)
@pytest.mark.parametrize("command", ["twoway rarea y1 y2 x, cmissing(n)", "twoway rline y1 y2 x, sort cmissing(n)",
                                     "twoway rconnected y1 y2 x, cmissing(n)"])
def test_range_plots_cmissing_n_break_at_the_missing_row(manual_area, command):
    """[G-2] graph twoway rarea: "If so, you type . twoway rarea y x, cmissing(n) and two areas
    will be drawn"; rline's quick start: "Specify that missing values produce breaks in the
    lines: twoway rline y1 y2 x, sort cmissing(n)" (taken and not honoured before)."""
    run(manual_area, "replace x = 4 in 4")
    graph, fig = drawn(manual_area, command)
    if "rarea" in command:
        (coll,) = artists(fig, "p1-s1-area")
        pieces = [p.vertices for p in coll.get_paths()]
        assert len(pieces) == 2 and pieces[0][:, 0].max() == pytest.approx(3)
        _, whole = drawn(manual_area, "twoway rarea y1 y2 x")
        assert len(artists(whole, "p1-s1-area")[0].get_paths()) == 1
    else:
        kind = "line" if "rline" in command else "connected"
        for k in (1, 2):
            pieces = segments(fig, f"p1-s{k}-{kind}")
            assert [len(p) for p in pieces] == [3, 2], k
            np.testing.assert_allclose(pieces[1][:, 0], [5, 8])
        _, whole = drawn(manual_area, command.replace(" cmissing(n)", ""))
        assert [len(p) for p in segments(whole, f"p1-s1-{kind}")] == [5]


# ------------------------------------------------------------------ title("One") title("Two", suffix)
def test_repeated_titles_with_suffix_and_prefix_stack_their_lines():
    """[G-3] title_options: "In . graph ..., title("One") ... title("Two", suffix) ... the title
    will consist of two lines, the first line being "One" and the second, "Two"" (prefix: "Two"
    first); without prefix/suffix the rightmost one only (before: "Two" alone either way)."""
    from graphs_helpers import all_texts, make_session

    s = make_session()
    graph, fig = drawn(s, 'scatter y x, title("One") title("Two", suffix)')
    assert graph.title == "One\nTwo"
    texts = all_texts(fig)
    assert "One\nTwo" in texts or ("One" in texts and "Two" in texts)
    graph, _ = drawn(s, 'scatter y x, title("One") title("Two", prefix)')
    assert graph.title == "Two\nOne"
    graph, _ = drawn(s, 'scatter y x, title("One") title("Two")')
    assert graph.title == "Two"
    graph, _ = drawn(s, 'scatter y x, note("a") note("b", suffix) note("c", prefix)')
    assert graph.note == "c\na\nb"
    graph, _ = drawn(s, 'scatter y x, title("One") title("Two", suffix) title("Three")')
    assert graph.title == "Three"
