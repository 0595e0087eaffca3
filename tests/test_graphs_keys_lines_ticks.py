"""Issue 14 items real do-files hit (gx77): a range plot's key when both ends carry one label,
axis labels and titles of several lines, twoway's automatic ticks, and a command word glued to a
parenthesized varname -- each read back from the drawn matplotlib objects."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, drawn, legend_texts, range_session, run


@pytest.fixture()
def s():
    return range_session()


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


# ------------------------------------------------------------------ automatic (natscale) labels
# Stata-drawn graphs of known data (docs/graphs_natural_scale.md): the [G-4] text manual's
# scatter mpg weight, and worldbank/stata-visual-library's scatter-fl, line-uncluttered and
# density-av PNGs (auto, uslifeexp, a kdensity)
STATA_DRAWN = [
    ((12, 41), (10, 20, 30, 40)),                                   # auto mpg
    ((1760, 4840), (2000, 3000, 4000, 5000)),                       # auto weight
    ((1400, 15906), (0, 5000, 10000, 15000)),                       # price and its fit lines
    ((36.6, 79.9), (40, 50, 60, 70, 80)),                           # uslifeexp le*
    ((1900, 1999), (1900, 1920, 1940, 1960, 1980, 2000)),           # uslifeexp year
    ((0.0012, 0.265), (0, .05, .1, .15, .2, .25)),                  # a kdensity's heights
    ((0, 21.4), (0, 5, 10, 15, 20)),                                # its x
]


@pytest.mark.parametrize("extent, labels", STATA_DRAWN)
def test_natural_ticks_match_stata_drawn_axes(extent, labels):
    from mlmcli.graphs.natural_scale import natural_ticks

    assert natural_ticks(*extent) == pytest.approx(labels)


def _two_columns(lo_hi_x, lo_hi_y, n=40):
    import numpy as np

    from graphs_helpers import double_session

    x = np.linspace(*lo_hi_x, n)
    y = np.linspace(*lo_hi_y, n)[::-1]
    return double_session({"x": x, "y": y})


def test_scatter_axes_take_the_natural_labels_and_reach_them():
    s = _two_columns((1760, 4840), (12, 41))
    graph, fig = drawn(s, "scatter y x")
    ax = axes(fig)
    assert [float(v) for v in ax.get_xticks()] == [2000, 3000, 4000, 5000]
    assert [float(v) for v in ax.get_yticks()] == [10, 20, 30, 40]
    lo, hi = ax.get_xlim()
    assert lo < 1760 and hi > 5000  # the axis reaches the label beyond the data
    lo, hi = ax.get_ylim()
    assert lo < 10 and 41 < hi < 45  # and past 41 only by its margin: no label 50
    assert [t.get_text() for t in ax.get_yticklabels()] == ["10", "20", "30", "40"]


def test_pac_lag_axis_has_no_two_and_a_half_steps(s):
    run(s, "gen t = _n")
    run(s, "tsset t")
    graph, fig = drawn(s, "pac y, lags(12)")
    assert [float(v) for v in axes(fig).get_xticks()] == [2, 4, 6, 8, 10, 12]


def test_nticks_rule_and_by_panels_use_natscale():
    s = _two_columns((0, 1), (12, 41))
    graph, fig = drawn(s, "scatter y x, xlabel(#3)")
    assert [float(v) for v in axes(fig).get_xticks()] == [0, 0.5, 1]   # (1 - 0)/2 = .5: 5 x .1
    run(s, "gen g = _n > 20")
    graph, fig = drawn(s, "scatter y x, by(g)")
    for ax in fig.axes:
        if (ax.get_gid() or "").startswith("panel"):
            assert [float(v) for v in ax.get_yticks()] == [10, 20, 30, 40]
            assert ax.get_ylim()[0] < 10
