"""SMCL in graph text ([G-4] text): {bf}, {it}, {sf}, fonts, {sup:}/{sub:} and Greek letters
{&alpha} drawn by matplotlib (the Text's weight/style, or mathtext), read off the drawn figure
for several graph types; plain text stays as typed, unknown or unbalanced tags show as typed."""
from __future__ import annotations

import os

import pytest
from matplotlib.mathtext import MathTextParser

from graphs_helpers import axes, drawn, legend_texts, make_session, run, subfigures, tick_texts
from mlmcli.graphs.graph_text_draw import graph_text
from mlmcli.graphs.graph_text_markup import Look, parse_graph_text


@pytest.fixture()
def s():
    return make_session()


def texts(fig) -> dict:
    """Every non-empty Text of the figure by its string."""
    found = {}
    for sub in subfigures(fig):
        for t in sub.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontweight")):
            if t.get_text():
                found.setdefault(t.get_text(), t)
    return found


def bold(weight) -> bool:
    return weight == "bold" or (isinstance(weight, int) and weight >= 700)


# ------------------------------------------------------------------ the parser
def test_runs_of_the_tags():
    B, I = Look(bold=True), Look(italic=True)
    assert parse_graph_text("This is {it:italics} in a {bf:title}") == [
        ("This is ", Look()), ("italics", I), (" in a ", Look()), ("title", B)]
    assert parse_graph_text("{bf:{it:x}} y") == [("x", Look(bold=True, italic=True)), (" y", Look())]
    assert parse_graph_text("{bf}on{sf} off") == [("on", B), (" off", Look(bold=False, italic=False))]
    assert parse_graph_text("x{sup:2}{sub:i}") == [("x", Look()), ("2", Look(script="sup")), ("i", Look(script="sub"))]
    assert parse_graph_text("{superscript:a}{subscript:b}") == [("a", Look(script="sup")), ("b", Look(script="sub"))]
    assert parse_graph_text("{stMono:code}") == [("code", Look(family="monospace"))]
    assert parse_graph_text("{stSerif}s") == [("s", Look(family="serif"))]


def test_greek_letters_symbols_and_characters():
    assert parse_graph_text("{&alpha}{&beta}{&Sigma}{&mu}{&sigma}{&chi}{&epsilon}") == [("αβΣμσχε", Look())]
    assert parse_graph_text("x {&le} 1 {&ne} {&infin}") == [("x ≤ 1 ≠ ∞", Look())]
    assert parse_graph_text("{stSymbol:abcq}") == [("αβχθ", Look())]  # the Symbol font's Greek
    assert parse_graph_text("caf{c e'}") == [("café", Look())]


@pytest.mark.parametrize("typed", ["plain title", "a{", "{nosuch:x}", "{&nosuch}", "{sup 2}", "{bf x}", "}{",
                                   "{sup}", "{hline 3}", ""])
def test_no_tag_is_none(typed):
    """Nothing Stata's graphs understand: drawn as typed."""
    assert parse_graph_text(typed) is None
    assert graph_text(typed) is None


def test_unknown_and_unbalanced_tags_stay_as_typed():
    assert parse_graph_text("{it:a} {unknown} {bf:b") == [("a", Look(italic=True)), (" {unknown} {bf:b", Look())]
    assert parse_graph_text("{bf:a{}") is None  # the outer brace never closes: nothing understood


def test_one_look_keeps_the_string_and_sets_the_font():
    assert graph_text("{bf:Title}") == ("Title", {"fontweight": "bold"})
    assert graph_text("{it:a} {it:b}") == ("a b", {"fontstyle": "italic"})
    assert graph_text("{sf:x}") == ("x", {"fontweight": "normal", "fontstyle": "normal"})
    assert graph_text("{stMono:x}") == ("x", {"family": "monospace"})
    assert graph_text("{&alpha} = 0") == ("α = 0", {})


def test_mixed_looks_are_mathtext_that_parses():
    shown, props = graph_text("Effect of {it:x}: a-b's {bf:y}{sup:2}")
    assert props == {}
    assert shown.startswith("$") and shown.endswith("$")
    assert r"\mathit{x}" in shown and r"\mathbf{y}" in shown and r"^{\mathdefault{2}}" in shown
    MathTextParser("path").parse(shown)
    # every printable character as text inside a tag: still one valid mathtext line
    every = "".join(chr(c) for c in range(32, 127) if chr(c) not in "{}")
    shown, _ = graph_text("{bf:" + every + "}x{sub:1}")
    MathTextParser("path").parse(shown)
    # a line without tags stays as typed beside one with them
    assert graph_text("x{sup:2}\nsecond line")[0].split("\n")[1] == "second line"


# ------------------------------------------------------------------ drawn graphs
def test_twoway_titles_axis_titles_legend_and_added_text(s):
    _, fig = drawn(s, 'scatter y x, title("This is {it:italics} in a {bf:title}") subtitle("{bf:Bold sub}") '
                      'xtitle("{&alpha} and {&Sigma}") ytitle("x{sup:2} + {&beta}{sub:1}") '
                      'note("{it:a note}") caption("{&mu} = 0 {unknown}") legend(on label(1 "{&chi}{sup:2} test")) '
                      'text(5 5 "{it:here}")')
    found = texts(fig)
    title = found[r"$\mathdefault{This\ is\ }\mathit{italics}\mathdefault{\ in\ a\ }\mathbf{title}$"]
    assert title is not None
    assert bold(found["Bold sub"].get_fontweight())
    assert found["α and Σ"].get_fontstyle() == "normal"
    assert r"$\mathdefault{x}^{\mathdefault{2}}\mathdefault{\ \text{+}\ β}_{\mathdefault{1}}$" in found
    assert found["a note"].get_fontstyle() == "italic"
    assert "μ = 0 {unknown}" in found
    assert found["here"].get_fontstyle() == "italic"
    assert legend_texts(fig) == [r"$\mathdefault{χ}^{\mathdefault{2}}\mathdefault{\ test}$"]
    assert not [t for t in found if "{" in t and "unknown" not in t and "\\" not in t]  # no tag left as text


def test_plain_text_is_untouched(s):
    _, fig = drawn(s, 'scatter y x, title("Plain (a) b-c") xtitle("x: 1") note("no tags here")')
    found = texts(fig)
    assert {"Plain (a) b-c", "x: 1", "no tags here"} <= set(found)
    assert found["x: 1"].get_fontstyle() == "normal"


def test_axis_labels_from_xlabel_text(s):
    _, fig = drawn(s, 'scatter y x, xlabel(2 "{&sigma}" 5 "{bf:five}" 8 "eight")')
    assert tick_texts(axes(fig)) == ["$\\mathdefault{σ}$", "$\\mathbf{five}$", "eight"]


def test_bar_chart_category_labels_and_title(s):
    run(s, 'label define gl 1 "{it:low}" 2 "mid" 3 "{&alpha} high", modify')
    _, fig = drawn(s, 'graph bar (mean) y, over(g) title("{bf:Means}") ytitle("{&mu}")')
    found = texts(fig)
    assert bold(found["Means"].get_fontweight())
    assert "μ" in found
    labels = [t.get_text() for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
    assert "$\\mathit{low}$" in labels and "mid" in labels and "$\\mathdefault{α\\ high}$" in labels


def test_histogram_and_by_panels(s):
    _, fig = drawn(s, 'histogram y, title("{it:Density} of {&epsilon}") xtitle("{&epsilon}{sub:i}")')
    found = texts(fig)
    assert r"$\mathit{Density}\mathdefault{\ of\ ε}$" in found
    assert r"$\mathdefault{ε}_{\mathdefault{i}}$" in found
    _, fig = drawn(s, 'scatter y x, by(g, title("{bf:By groups}") note("")) ytitle("{&sigma}")')
    found = texts(fig)
    assert bold(found["By groups"].get_fontweight())
    assert "σ" in found


def test_marker_labels(s):
    run(s, 'gen str8 name = cond(g == 1, "{&alpha}", cond(g == 2, "{bf:b}", "plain"))')
    _, fig = drawn(s, "scatter y x if _n <= 6, mlabel(name)")
    found = texts(fig)
    assert "α" in found and "plain" in found
    assert bold(found["b"].get_fontweight())


def test_odd_markup_never_fails(s, tmp_path):
    for title in ("{bf:", "{bf:{it:", "}}{", "{sup:}", "{&}", "{bf:a}$b", "{it:\\}", "{sub:{sup:x}}", "{c 0x41}"):
        out, rc = run(s, f'scatter y x, title("{title}") xtitle("{{bf:a}}{{it:b}}{title}")')
        assert rc == 0, out
        path = os.path.join(tmp_path, "g.png")
        out, rc = run(s, f'graph export "{path}", replace')
        assert rc == 0 and os.path.getsize(path) > 0, out


def test_random_markup_always_draws(monkeypatch):
    """Strings of tag fragments, braces and mathtext's special characters: the mathtext made of
    them always parses (no line falls back to plain text) and matplotlib draws it."""
    import random

    from mlmcli.graphs import graph_text_draw

    unread = []
    valid = graph_text_draw._valid_math
    monkeypatch.setattr(graph_text_draw, "_valid_math", lambda line: valid(line) or unread.append(line))

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    pieces = ["{bf:", "{it:", "}", "{", "{&alpha}", "{&nosuch}", "{sup:", "{sub:", "a", " ", "\\", "^", "_", "'",
              "-", ":", "{bf}", "{sf}", "{it}", "{stMono:", "{stSymbol:", "%", "#", "&", "~", "*", "\n", "{c 65}", "=", "A", "1"]
    rng = random.Random(20261207)
    fig = Figure()
    for _ in range(300):
        typed = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        converted = graph_text(typed)
        text = fig.text(0.1, 0.5, typed if converted is None else converted[0], **(converted or ("", {}))[1])
        FigureCanvasAgg(fig).draw()
        text.remove()
    assert unread == []
