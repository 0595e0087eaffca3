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
    graph, fig = drawn(s, "twoway connected y y2 x, mcolor(red blue) lcolor(green =) msymbol(S Oh)")
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


# ------------------------------------------------------------------ connect(), cmissing(), mlabel()
def test_connect_is_a_stylelist(s):
    """[G-4] connectstyle: "a connectstylelist is allowed ... Shorthands are allowed" -- one
    entry per y, ``.`` the plot's default (scatter: none), a short list padded with ``.``
    (Kohler's anvotzufvgl.do: ``sc diff1 diff2 diff2, connect(. l) ms(O i)``)."""
    def kinds(command):
        graph, _ = drawn(s, command)
        return [ser.kind for ser in graph.panels[0].series[:3]]

    assert kinds("scatter y y2 y3 x, connect(l)") == ["connected", "scatter", "scatter"]
    assert kinds("scatter y y2 y3 x, connect(l ..)") == ["connected"] * 3
    assert kinds("scatter y y2 y3 x, connect(. l)") == ["scatter", "connected", "scatter"]
    assert kinds("scatter y y2 y3 x, connect(i l =)") == ["scatter", "connected", "connected"]
    assert kinds("scatter y x, connect(.)") == ["scatter"]  # one y: . is still the default
    _, fig = drawn(s, "scatter y y2 x, connect(. l)")
    assert artists(fig, "p1-s1-scatter") and artists(fig, "p1-s2-connected")
    graph, _ = drawn(s, "line y y2 y3 x, sort connect(J . J)")  # line's default: direct
    assert [ser.step for ser in graph.panels[0].series[:3]] == [True, False, True]
    assert [ser.kind for ser in graph.panels[0].series[:3]] == ["line"] * 3


def test_cmissing_is_a_list_one_entry_per_y(s):
    from graphs_helpers import segments

    run(s, "generate ym = y if mod(_n, 7)\ngenerate ym2 = y2 if mod(_n, 5)")
    whole = {"line ym ym2 x, sort cmissing(n)": (False, True),  # short: padded with . (y)
             "line ym ym2 x, sort cmissing(n ..)": (False, False),
             "line ym ym2 x, sort cmissing(. n)": (True, False),
             "line ym ym2 x, sort cmissing(y n)": (True, False),
             "line ym ym2 x, sort": (True, True)}
    for command, (first, second) in whole.items():
        _, fig = drawn(s, command)
        assert (len(segments(fig, "p1-s1-line")) == 1, len(segments(fig, "p1-s2-line")) == 1) \
            == (first, second), command


def test_mlabel_varlist_is_a_list_padded_with_dot(s):
    """[G-3] marker_label_options: lists allowed (scatter), "Shorthands are allowed", mlabel()
    "allows a varlist": ``mlabel(a)`` on two y's labels the first only, ``mlabel(a ..)`` both."""
    from graphs_helpers import axes

    run(s, 'gen str4 a = "A" + string(_n)\ngen str4 b = "B" + string(_n)')
    first_five = ("1", "2", "3", "4", "5")

    def labels(command):
        graph, fig = drawn(s, command)
        texts = sorted(t.get_text() for t in axes(fig).texts)
        return [ser.labels for ser in graph.panels[0].series[:2]], texts

    (one, two), texts = labels("scatter y y2 x in 1/5, mlabel(a)")
    assert one == tuple("A" + k for k in first_five) and two is None
    assert texts == sorted("A" + k for k in first_five)  # each label drawn once
    (one, two), texts = labels("scatter y y2 x in 1/5, mlabel(a ..)")
    assert one == two == tuple("A" + k for k in first_five) and len(texts) == 10
    (one, two), _ = labels("scatter y y2 x in 1/5, mlabel(. b)")
    assert one is None and two == tuple("B" + k for k in first_five)
    (one, two), _ = labels("scatter y y2 x in 1/5, mlabel(a-b)")  # a varlist: a range of variables
    assert one[0] == "A1" and two[0] == "B1"
    (one, two), _ = labels("scatter y y2 x in 1/5, mlabel(b =)")
    assert one == two == tuple("B" + k for k in first_five)
    out, rc = run(s, "scatter y y2 x, mlabel(. nosuch)", stop_on_error=False)
    assert rc == 111 and "variable nosuch not found" in out
