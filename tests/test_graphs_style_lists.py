"""Style lists ([G-4] stylelists): a plot of several y variables takes one entry per y in each
look option -- ``mcolor(red blue)``, ``msymbol(O T)``, ``lpattern(solid dash)`` -- with ``.``
(the default), ``=`` (the previous entry) and ``..`` (the last entry for the rest).  Checked on
the matplotlib objects drawn."""
from __future__ import annotations

import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, drawn, make_session, run
from mlmcli.graphs import style
from mlmcli.graphs.style_lists import entries, expand


@pytest.fixture()
def s():
    session = make_session()
    run(session, "gen y2 = y + 1\ngen y3 = y + 2\ngen y4 = y + 3")
    return session


def scheme_color(k: int) -> str:
    return to_hex(style.scheme("s2color").series_colors[k - 1])


def markers(fig, k: int, kind: str = "scatter"):
    (m,) = artists(fig, f"p1-s{k}-{kind}")
    return m


def test_marker_lists_one_entry_per_y(s):
    graph, fig = drawn(s, "scatter y y2 y3 y4 x, mcolor(red blue) msymbol(O T) msize(small large)")
    assert "named style" not in s.out.stream.getvalue()
    looks = [(to_hex(markers(fig, k).get_markerfacecolor()), markers(fig, k).get_marker(),
              markers(fig, k).get_markersize()) for k in range(1, 5)]
    assert looks[0] == ("#ff0000", "o", pytest.approx(style.marker_size("small")))
    assert looks[1] == ("#0000ff", "^", pytest.approx(style.marker_size("large")))
    # a list shorter than the y's: the rest keep their defaults (the scheme's p3, p4)
    assert [c for c, _, _ in looks[2:]] == [scheme_color(3), scheme_color(4)]
    assert looks[2][2] == looks[3][2] == pytest.approx(style.marker_size("medium"))


def test_dot_equals_and_dotdot(s):
    _, fig = drawn(s, "scatter y y2 y3 y4 x, mcolor(. red = ..) msymbol(T .. )")
    colors = [to_hex(markers(fig, k).get_markerfacecolor()) for k in range(1, 5)]
    assert colors == [scheme_color(1), "#ff0000", "#ff0000", "#ff0000"]
    assert [markers(fig, k).get_marker() for k in range(1, 5)] == ["^"] * 4


def test_a_single_entry_is_the_first_ys_and_dot_dot_every_ys(s):
    """[G-4] stylelists: "If the list ends prematurely, it is as if the list were padded out with
    . (meaning the default for the remaining elements)" -- a single entry too; ``..`` repeats it."""
    _, fig = drawn(s, "scatter y y2 x, mcolor(red) msymbol(D)")
    assert [to_hex(markers(fig, k).get_markerfacecolor()) for k in (1, 2)] == ["#ff0000", scheme_color(2)]
    assert markers(fig, 1).get_marker() == "D" and markers(fig, 2).get_marker() != "D"
    _, fig = drawn(s, "scatter y y2 x, mcolor(red ..) msymbol(D ..)")
    assert [to_hex(markers(fig, k).get_markerfacecolor()) for k in (1, 2)] == ["#ff0000"] * 2
    assert [markers(fig, k).get_marker() for k in (1, 2)] == ["D"] * 2
    _, fig = drawn(s, "scatter y x, mcolor(red)")  # one y: its colour
    assert to_hex(markers(fig, 1).get_markerfacecolor()) == "#ff0000"


def test_an_rgb_colour_is_one_entry_and_a_quoted_one_an_entry(s):
    _, fig = drawn(s, "scatter y y2 x, mcolor(255 0 0)")
    assert [to_hex(markers(fig, k).get_markerfacecolor()) for k in (1, 2)] == ["#ff0000", scheme_color(2)]
    _, fig = drawn(s, 'scatter y y2 x, mcolor("0 0 255" red)')
    assert [to_hex(markers(fig, k).get_markerfacecolor()) for k in (1, 2)] == ["#0000ff", "#ff0000"]


def test_line_lists(s):
    _, fig = drawn(s, "line y y2 y3 x, lcolor(red blue) lpattern(solid dash) lwidth(thin thick)")
    lines = [artists(fig, f"p1-s{k}-line")[0] for k in (1, 2, 3)]
    colors = [to_hex(ln.get_color()[0]) for ln in lines]  # LineCollections: one colour, one width
    widths = [float(ln.get_linewidth()[0]) for ln in lines]
    assert colors == ["#ff0000", "#0000ff", scheme_color(3)]
    assert widths[:2] == pytest.approx([style.line_width("thin"), style.line_width("thick")])
    solid, dashed = lines[0].get_linestyle()[0], lines[1].get_linestyle()[0]
    assert solid[1] is None and dashed[1] is not None


def test_connected_marker_and_line_lists(s):
    graph, fig = drawn(s, "connected y y2 x, mcolor(red blue) lcolor(green =) msymbol(S Oh)")
    first, second = graph.panels[0].series[:2]
    assert (first.color, second.color) == ("#ff0000", "#0000ff")
    assert first.line_color == second.line_color == style.parse_color("green")
    m1, m2 = (artists(fig, f"p1-s{k}-connected-markers")[0] for k in (1, 2))
    assert (m1.get_marker(), m2.get_marker()) == ("s", "o")
    assert to_hex(m2.get_markerfacecolor()) != "#0000ff"  # Oh: hollow, the colour is the edge
    assert to_hex(m2.get_markeredgecolor()) == "#0000ff"


def test_bar_fill_list(s):
    graph, fig = drawn(s, "twoway bar y y2 x, fcolor(gs16 gs8)")
    first, second = graph.panels[0].series[:2]
    assert (first.color, second.color) == (style.parse_color("gs16"), style.parse_color("gs8"))
    patch1, patch2 = artists(fig, "p1-s1-bar")[0], artists(fig, "p1-s2-bar")[0]
    face = [to_hex(p.get_facecolor()[0] if hasattr(p, "get_facecolors") else p.get_facecolor())
            for p in (patch1, patch2)]
    assert face == [style.parse_color("gs16")[:7], style.parse_color("gs8")[:7]]


def test_pstyle_list_sets_each_ys_style(s):
    graph, _ = drawn(s, "scatter y y2 y3 x, pstyle(p3 . p1)")
    assert [ser.style for ser in graph.panels[0].series[:3]] == [3, 2, 1]


def test_unknown_entry_still_gets_the_note(s):
    _, fig = drawn(s, "scatter y y2 x, mcolor(red nosuchcolour)")
    assert "(note:  named style nosuchcolour not found in class color, default attributes used)" \
        in s.out.stream.getvalue()
    assert to_hex(markers(fig, 1).get_markerfacecolor()) == "#ff0000"
    assert to_hex(markers(fig, 2).get_markerfacecolor()) == scheme_color(2)


def test_expand_rules():
    assert expand(["red", "=", ".", "blue", ".."], 7) == ["red", "red", None, "blue", "blue", "blue", "blue"]
    assert expand(["a", "b", "c"], 2) == ["a", "b"]
    assert expand([".."], 2) == [None, None]
    assert entries("mcolor", "255 0 0") is None and entries("msize", "small") is None
    assert entries("mcolor", '"255 0 0" red') == ["255 0 0", "red"]
