"""labjustification()/labalignment() of axis labels (_gs_parse_and_log_tickset.ado: the labels'
textstyle horizontal() and vertical(); mlmcli/graphs/label_justify.py) and value labels of
quoted strings drawn as lines in by() panel titles and marker labels -- read back from the
drawn matplotlib figure."""
from __future__ import annotations

import pytest

from graphs_helpers import all_texts, axes, drawn, make_session, run


@pytest.fixture()
def s():
    return make_session()


def _shown(labels):
    return [t for t in labels if t.get_text()]


# ------------------------------------------------------------------ labjustification()
@pytest.mark.parametrize("word, expected", [("left", "left"), ("r", "right"), ("center", "center")])
def test_labjustification_justifies_the_lines_of_each_label(s, word, expected):
    graph, fig = drawn(s, f'scatter y x, xlabel(1 `""Line one" "two""\' 5 "five", labjustification({word}))')
    shown = _shown(axes(fig).get_xticklabels())
    assert [t.get_text() for t in shown] == ["Line one\ntwo", "five"]
    assert {t._multialignment for t in shown} == {expected}


def test_labjustification_on_the_y_axis_and_abbreviated(s):
    graph, fig = drawn(s, 'scatter y x, ylabel(0 `""a" "longer""\' 4 "four", angle(0) labj(right))')
    shown = _shown(axes(fig).get_yticklabels())
    assert [t.get_text() for t in shown] == ["a\nlonger", "four"]
    assert {t._multialignment for t in shown} == {"right"}


def test_unknown_justification_draws_the_default_with_stata_note(s):
    out, rc = run(s, "scatter y x, xlabel(, labjustification(wide))")
    assert rc == 0
    assert "(note:  named style wide not found in class justificationstyle, default attributes used)" in out
    graph, fig = drawn(s, "scatter y x, xlabel(, labjustification(wide))")
    assert graph.xaxis.label_justification is None


# ------------------------------------------------------------------ labalignment()
@pytest.mark.parametrize("word, lines", [("top", "five"), ("bottom", "\n\nfive"), ("baseline", "\n\nfive"),
                                         ("middle", "\nfive")])
def test_labalignment_places_a_short_label_in_the_row_of_the_tallest(s, word, lines):
    # the x labels' row is as tall as the tallest label (tickset_g.class _max_multi_height)
    graph, fig = drawn(s, f'scatter y x, xlabel(1 `""one" "two" "three""\' 5 "five", labalignment({word}))')
    assert [t.get_text() for t in _shown(axes(fig).get_xticklabels())] == ["one\ntwo\nthree", lines]


def test_labalignment_on_a_top_x_axis_pads_below(s):
    graph, fig = drawn(s, 'scatter y x, xscale(alt) xlabel(1 `""one" "two""\' 5 "five", labalignment(bottom))')
    assert [t.get_text() for t in _shown(axes(fig).get_xticklabels())] == ["one\ntwo", "five"]
    graph, fig = drawn(s, 'scatter y x, xscale(alt) xlabel(1 `""one" "two""\' 5 "five", labalignment(top))')
    assert [t.get_text() for t in _shown(axes(fig).get_xticklabels())] == ["one\ntwo", "five\n"]


@pytest.mark.parametrize("word, anchor", [("top", "top"), ("bottom", "bottom"), ("middle", "center"),
                                          ("baseline", "baseline")])
def test_labalignment_places_y_labels_about_their_ticks(s, word, anchor):
    graph, fig = drawn(s, f"scatter y x, ylabel(, angle(0) labalignment({word}))")
    assert {t.get_verticalalignment() for t in _shown(axes(fig).get_yticklabels())} == {anchor}


def test_alignment_of_minor_labels_is_refused_by_name(s):
    out, rc = run(s, "scatter y x, xmlabel(#4, labalignment(top))", stop_on_error=False)
    assert rc == 198 and "labalignment() of minor ticks is not implemented" in out


# ------------------------------------------------------------------ value labels of several lines
def test_by_panel_titles_draw_a_value_label_of_quoted_strings_as_lines(s):
    run(s, 'label define gl 1 `""Very" "low""\', modify')
    graph, fig = drawn(s, "scatter y x, by(g)")
    assert [p.title for p in graph.panels] == ["Very\nlow", "mid", "high"]
    assert "Very\nlow" in all_texts(fig) and '"Very" "low"' not in all_texts(fig)


def test_marker_labels_draw_quoted_strings_as_lines(s):
    run(s, 'label define gl 1 `""Very" "low""\', modify')
    graph, fig = drawn(s, "scatter y x in 1/3, mlabel(g)")
    assert sorted(t for t in all_texts(fig) if t in ("Very\nlow", "mid", "high")) == ["Very\nlow", "high", "mid"]
    run(s, 'gen str20 nm = `""first" "second""\' in 1')
    run(s, 'replace nm = `"say "hi" there"\' in 2')  # text around quotes: one line, as typed
    graph, fig = drawn(s, "scatter y x in 1/2, mlabel(nm)")
    texts = all_texts(fig)
    assert "first\nsecond" in texts and 'say "hi" there' in texts
