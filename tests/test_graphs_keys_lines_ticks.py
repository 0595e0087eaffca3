"""Issue 14 items real do-files hit (gx77): a range plot's key when both ends carry one label,
axis labels and titles of several lines, twoway's automatic ticks, and a command word glued to a
parenthesized varname -- each read back from the drawn matplotlib objects."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, drawn, legend_texts, make_session, run


@pytest.fixture()
def s():
    session = make_session(n=60)
    run(session, "gen hi = y + 1")
    run(session, "gen lo = y - 1")
    return session


# ------------------------------------------------------------------ range plots' keys
@pytest.mark.parametrize("kind", ["rarea", "rcap", "rspike", "rline", "rbar"])
def test_range_key_is_one_label_when_both_ends_share_it(s, kind):
    # y2xview_g.class (dimtitle): "the y-label will be <y_label>/<y2_label> unless both y
    # variables have the same label" -- pac.ado labels both bands "95% CI" for that key
    run(s, 'label var hi "95% CI"')
    run(s, 'label var lo "95% CI"')
    graph, fig = drawn(s, f"twoway ({kind} hi lo x) (scatter y x)")
    assert legend_texts(fig) == ["95% CI", "Outcome"]
    graph, fig = drawn(s, f"twoway {kind} hi lo x")
    assert graph.ytitle == "95% CI"


def test_range_key_joins_two_different_labels(s):
    run(s, 'label var hi "Upper"')
    graph, fig = drawn(s, "twoway (rcap hi lo x) (scatter y x)")
    assert legend_texts(fig) == ["Upper/lo", "Outcome"]


def test_pac_srv_legend_reads_ci_once(s):
    run(s, "gen t = _n")
    run(s, "tsset t")
    graph, fig = drawn(s, "pac y, srv")
    assert legend_texts(fig) == ["95% CI", "Partial autocorrelations of y", "Standardized variances"]


# ------------------------------------------------------------------ labels of several lines
def _ticks(fig, which="x"):
    ax = axes(fig)
    labels = ax.get_xticklabels() if which == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels if t.get_text()]


def test_axis_label_typed_as_quoted_strings_is_drawn_as_lines(s):
    # _gs_parse_and_log_tickset.ado hands the label `"Line one" "line two"' to add_ticks as one
    # compound-quoted text; its strings are the lines (SSC splitvallabels builds such xlabel()s)
    graph, fig = drawn(s, 'scatter y x, xlabel(1 `""Line one" "line two""\' 5 "five")')
    assert _ticks(fig) == ["Line one\nline two", "five"]
    graph, fig = drawn(s, 'scatter y x, xlabel(1 `"say "hi" there"\')')  # text around quotes: one line
    assert _ticks(fig) == ['say "hi" there']


def test_value_label_of_quoted_strings_is_drawn_as_lines(s):
    run(s, 'label define gl 1 `""Very" "low""\', modify')
    graph, fig = drawn(s, "scatter g x, ylabel(1/3, valuelabel angle(0))")
    assert _ticks(fig, "y") == ["Very\nlow", "mid", "high"]
    assert {t.get_rotation() for t in axes(fig).get_yticklabels()} == {0.0}
    for command in ("graph bar y, over(g)", "graph box y, over(g)"):
        graph, fig = drawn(s, command)
        assert _ticks(fig) == ["Very\nlow", "mid", "high"]


def test_empty_angle_changes_nothing(s):
    # the ado edits the tick angle only `if "`angle'" != ""`
    graph, fig = drawn(s, "scatter y x, ylabel(, angle())")
    assert {t.get_rotation() for t in axes(fig).get_yticklabels()} == {90.0}


@pytest.mark.parametrize("option", ["title", "subtitle", "note", "caption", "xtitle", "ytitle"])
def test_titles_of_several_lines(s, option):
    graph, fig = drawn(s, f'scatter y x, {option}("first" "second")')
    from graphs_helpers import all_texts

    assert "first\nsecond" in all_texts(fig)
    graph, fig = drawn(s, f'scatter y x, {option}(`""first" "second""\')')
    assert "first\nsecond" in all_texts(fig)


# ------------------------------------------------------------------ hist(re1pred)
@pytest.mark.parametrize("command, kind", [("hist(y)", "bar"), ("histogram(y), normal", "bar"),
                                           ("kdensity(y)", "line"), ("qnorm(y)", "scatter"),
                                           ("lowess(y x)", "scatter")])
def test_varname_glued_to_the_command_word_in_parentheses(s, command, kind):
    # agrogan1's multilevel do-files type hist(re1pred); read as hist re1pred
    glued, _ = drawn(s, command)
    plain, _ = drawn(s, command.replace("(", " ", 1).replace(")", " ", 1))
    first = glued.panels[0].series[0]
    assert first.kind == plain.panels[0].series[0].kind
    import numpy as np

    np.testing.assert_array_equal(first.y, plain.panels[0].series[0].y)


def test_glued_group_still_counts_its_variables(s):
    out, rc = run(s, "hist(y x)")
    assert rc == 103 and "too many variables specified" in out
