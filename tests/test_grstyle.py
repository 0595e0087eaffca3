"""grstyle (Jann): init/clear, set plain (horizontal, grid, nogrid, dotted), set color --
through the session's scheme -- and the refusals."""
from __future__ import annotations

import pytest

from graphs_helpers import artists, axes, figure, make_session, run
from mlmcli.graphs import style


@pytest.fixture()
def s():
    return make_session()


def ok(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return out


def test_plain_horizontal_grid_dotted_and_colors(s):
    ok(s, 'grstyle init\ngrstyle set plain, horizontal grid dotted\ngrstyle set color "black" "100 150 200"')
    sch = style.scheme(s.graph_scheme)
    assert s.graph_scheme.startswith("_grstyle_")
    assert sch.graph_region == "#ffffff" and sch.plot_region == "#ffffff"
    assert sch.y_label_angle == 0.0 and sch.grid_both and sch.grid_pattern == "dot"
    assert sch.series_colors[:3] == ("#000000", "#6496c8", style.scheme("s2color").series_colors[2])
    ok(s, "twoway (scatter y x) (line z x, sort)")
    graph = s.graphs[-1]
    assert graph.scheme == s.graph_scheme
    fig = figure(graph)
    ax = axes(fig)
    assert all(t.get_rotation() == 0 for t in ax.get_yticklabels())
    xgrid = [ln for ln in ax.get_xgridlines() if ln.get_visible()]
    assert xgrid and all(ln.get_linestyle() not in ("-", "None") for ln in xgrid)  # both axes, dotted
    assert ax.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    from matplotlib.colors import to_hex

    markers, = artists(fig, "p1-s1-scatter")
    line, = artists(fig, "p1-s2-line")
    assert to_hex(markers.get_markerfacecolor()) == "#000000"        # p1: black
    assert to_hex(line.get_color()[0]) == "#6496c8"                   # p2: "100 150 200"


def test_default_graph_keeps_y_labels_along_the_axis_and_clear_restores(s):
    ok(s, "set scheme s1color\ngrstyle init\ngrstyle set plain, nogrid")
    assert style.scheme(s.graph_scheme).grid is None
    ok(s, "grstyle clear")
    assert s.graph_scheme == "s1color"
    ok(s, "scatter y x")
    ax = axes(figure(s.graphs[-1]))
    assert all(t.get_rotation() == 90 for t in ax.get_yticklabels())


def test_same_settings_same_scheme_name(s):
    ok(s, "grstyle init\ngrstyle set plain, horizontal")
    first = s.graph_scheme
    other = make_session()
    ok(other, "grstyle init\ngrstyle set plain, horizontal")
    assert other.graph_scheme == first


@pytest.mark.parametrize("text, rc, words", [
    ("grstyle set plain", 499, "grstyle not initialized"),
    ("grstyle init\ngrstyle set mesh", 198, "grstyle set mesh is not available"),
    ("grstyle init\ngrstyle set plain, compact", 198, "option compact not allowed"),
    ("grstyle init\ngrstyle set color foo", 198, "foo is not a colour"),
    ("grstyle init\ngrstyle set plain, grid nogrid", 198, "may not be combined"),
    ("grstyle init myscheme", 198, "not available"),
    ("grstyle type", 198, "grstyle type is not available"),
    # raw scheme lines mlm's schemes do not hold
    ("grstyle color background white", 499, "grstyle not initialized"),
    ("grstyle init\ngrstyle linewidth major_grid fat", 198, "fat is not a line width"),
    ("grstyle init\ngrstyle yesno draw_major_hgrid yes", 198, "grstyle yesno draw_major_hgrid yes is not available"),
    ("grstyle init\ngrstyle set noextend, x", 198, "option x not allowed"),
    ("grstyle init\ngrstyle color p1 red", 198, "grstyle color p1 red is not available"),
    ("grstyle init\ngrstyle color background notacolour", 198, "not available"),
    ("grstyle init\ngrstyle linepattern major_grid zigzag", 198, "zigzag is not a line pattern"),
])
def test_refusals(s, text, rc, words):
    out, got = run(s, text, stop_on_error=False)
    assert got == rc and words in out, out


def test_set_symbol_sets_the_first_styles_and_keeps_the_rest(s):
    ok(s, "grstyle init\ngrstyle set symbol o t s + sh")
    sch = style.scheme(s.graph_scheme)
    base = style.scheme("s2color").symbols
    assert sch.symbols[:5] == ("o", "t", "s", "+", "sh") and sch.symbols[5:] == base[5:]
    # one symbol is grstyle_set_symbol's ``symbol p``: the styles set one by one keep theirs
    ok(s, "grstyle set symbol circle_hollow")
    assert style.scheme(s.graph_scheme).symbols == ("o", "t", "s", "+", "sh") + ("Oh",) * 10
    ok(s, "grstyle set symbol circle_hollow, plots(1)")
    assert style.scheme(s.graph_scheme).symbols[:2] == ("Oh", "t")
    ok(s, "twoway (scatter y x) (scatter z x)")
    fig = figure(s.graphs[-1])
    first, = artists(fig, "p1-s1-scatter")
    second, = artists(fig, "p1-s2-scatter")
    assert first.get_marker() == "o" and first.get_markerfacecolor() in ("none", (0, 0, 0, 0))
    assert second.get_marker() == "^"


def test_set_symbol_without_a_list_takes_symbolpalettes_default_and_n(s):
    """grstyle_set_symbol runs ``symbolpalette`` (default palette: circle diamond square triangle X
    plus ...); n(#) keeps its first #; plots() picks the styles."""
    ok(s, "grstyle init\ngrstyle set symbol, n(3)")
    assert style.scheme(s.graph_scheme).symbols[:4] == ("O", "D", "S", "O")
    ok(s, "grstyle set symbol sh, plots(2 4)")
    assert style.scheme(s.graph_scheme).symbols[:4] == ("O", "sh", "S", "sh")
    ok(s, "set scheme s2mono\ngrstyle init\ngrstyle set symbol, n(1)")  # symbol p: s2mono sets each
    assert style.scheme(s.graph_scheme).symbols == style.scheme("s2mono").symbols


def test_set_plain_noextend_is_set_noextend(s):
    ok(s, "grstyle init\ngrstyle set plain, nogrid noextend")
    sch = style.scheme(s.graph_scheme)
    assert sch.axes_extend is False and sch.grid is None


@pytest.mark.parametrize("text, words", [
    ("grstyle init\ngrstyle set symbol, n(x)", "option n() incorrectly specified"),
    ("grstyle init\ngrstyle set symbol O foo", "foo is not a marker symbol"),
    ("grstyle init\ngrstyle set symbol O, select(1)", "option select() not allowed"),
    ("grstyle init\ngrstyle set symbol O: p#markline", "set symbol with : elements is not available"),
])
def test_set_symbol_refusals(s, text, words):
    init, bad = text.split("\n")
    ok(s, init)
    before = style.scheme(s.graph_scheme).symbols
    out, got = run(s, bad, stop_on_error=False)
    assert got == 198 and words in out, out
    assert style.scheme(s.graph_scheme).symbols == before  # a refused line changes nothing


def test_raw_scheme_lines_that_mlm_schemes_hold(s):
    # grstyle.ado writes any other line into its scheme file (grstyle_put); these entries
    # are the regions' colours, the grid's colour and pattern and the y labels' angle
    ok(s, "grstyle init\ngrstyle color background white\ngrstyle color major_grid gray\n"
          "grstyle linepattern major_grid dot\ngrstyle anglestyle vertical_tick horizontal")
    sch = style.scheme(s.graph_scheme)
    assert sch.graph_region == "#ffffff" and sch.grid == style.NAMED_COLORS["gray"]
    assert sch.grid_pattern == "dot" and sch.y_label_angle == 0.0
    ok(s, "scatter y x")
    ax = axes(figure(s.graphs[-1]))
    assert all(t.get_rotation() == 0 for t in ax.get_yticklabels())
    ygrid = [ln for ln in ax.get_ygridlines() if ln.get_visible()]
    assert ygrid and all(ln.get_linestyle() not in ("-", "None") for ln in ygrid)


def test_grid_width_outer_grid_lines_and_noextend(s):
    ok(s, "grstyle init\ngrstyle set plain\nscatter y x")
    ax = axes(figure(s.graphs[-1]))
    plain_width = [ln.get_linewidth() for ln in ax.get_ygridlines()][0]
    plain_shown = sum(ln.get_visible() for ln in ax.get_ygridlines())
    plain_spine = ax.spines["left"].get_bounds()
    ok(s, "grstyle linewidth major_grid vthin\ngrstyle yesno grid_draw_min yes\ngrstyle yesno grid_draw_max yes\n"
          "grstyle set noextend")
    sch = style.scheme(s.graph_scheme)
    assert sch.grid_width == style.line_width("vthin") and sch.grid_draw_min and sch.grid_draw_max
    assert not sch.axes_extend
    ok(s, "scatter y x")
    ax = axes(figure(s.graphs[-1]))
    assert [ln.get_linewidth() for ln in ax.get_ygridlines()][0] < plain_width
    assert sum(ln.get_visible() for ln in ax.get_ygridlines()) >= plain_shown
    assert ax.spines["left"].get_bounds() != plain_spine  # the axis line over the labels only
    ok(s, "scatter y x, ylabel(, nogmin nogmax)")  # the axis' own options win over the scheme
    ax = axes(figure(s.graphs[-1]))
    lines = [ln for ln in ax.get_ygridlines()]
    assert not lines[0].get_visible() and not lines[-1].get_visible()
