"""sts graph, risktable(): what sts_graph_util.class 1.1.3 (Stata 16's sts.ado 8.6.0) does with
group() (a group matching no row: a note or nothing, the graph drawn; a numlist per row) and
failevents (the counts midway between the times, as its Mata getAxisRiskVals), checked from the
drawn texts against counts by hand.

The data (``small``): ten records, one entering late (t0 = 3).
  group 1: (t, d) = (4,1) (5,1) (9,0) (12,1) (20,0) (30,0); st rows 4 5 9 12 20 30,
           at risk 6 5 4 3 2 1, failures 1 1 0 1 0 0.
  group 2: (2,1) (7,1) (7,0) (15,1; entered at 3); st rows 2 3 7 15, at risk 3 2 3 1
           (the entrant is left out of the row at 3), failures 1 0 1 1.
  overall: st rows 2 3 4 5 7 9 12 15 20 30, at risk 9 8 9 8 7 5 4 3 2 1 (from the first row
           on), failures 1 0 1 1 1 0 1 1 0 0."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, double_session, drawn, figure, run, subfigures

NOTE = "(note: option group({}) does not match any row, using defaults)"


@pytest.fixture()
def small():
    session = double_session({"t0": [0, 0, 0, 0, 0, 0, 0, 3, 0, 0], "t": [4, 2, 30, 9, 7, 7, 12, 15, 20, 5],
                              "d": [1, 1, 0, 0, 1, 0, 1, 1, 0, 1], "g": [1, 2, 1, 1, 2, 2, 1, 2, 1, 1]})
    run(session, "stset t, failure(d) enter(time t0)")
    return session


def texts(fig, prefix: str = "risktable") -> dict:
    """{gid: Text} of the risk table's texts."""
    return {t.get_gid(): t for holder in subfigures(fig) for t in holder.texts
            if (t.get_gid() or "").startswith(prefix)}


def row(fig, r: int) -> list[tuple[float, str]]:
    """Row r's numbers and failure counts as (x in data units, text), left to right."""
    found = texts(fig, f"risktable-row{r}-")
    return sorted((t.get_position()[0], t.get_text()) for gid, t in found.items() if not gid.endswith("title"))


# ---------------------------------------------------------------- failevents
def test_failevents_counts_midway_between_the_times(small):
    _, fig = drawn(small, "sts graph, risktable(0 5 10 20, failevents)")
    # at risk at the first st row >= u: 0 -> row 2 (9), 5 -> row 5 (8), 10 -> row 12 (4), 20 -> row 20 (2);
    # failures from the row found for the time before up to the row for this one: [2, 5): 2 and 4;
    # [5, 12): 5 and 7; [12, 20): 12 and 15 -- none before the first time, none after the last
    assert row(fig, 1) == [(0, "9"), (2.5, "(2)"), (5, "8"), (7.5, "(2)"), (10, "4"), (15, "(2)"), (20, "2")]
    found = texts(fig)
    assert found["risktable-row1-fail2"].get_position()[1] == found["risktable-row1-value1"].get_position()[1]
    assert {t.get_ha() for gid, t in found.items() if "-fail" in gid} == {"center"}
    assert found["risktable-row1-fail2"].get_fontsize() == found["risktable-row1-value1"].get_fontsize()


def test_failevents_reaching_the_last_row_and_beyond(small):
    _, fig = drawn(small, "sts graph, by(g) risktable(0 10, failevents)")
    # group 1: 10 -> row 12 (3 at risk); failures at 4, 5 (9 censored): (2)
    assert row(fig, 1) == [(0, "6"), (5, "(2)"), (10, "3")]
    # group 2: 10 -> row 15, its last: 1 at risk; the Mata adds the last row's failures once its search
    # reaches it, so 2 and 7 and also 15: (3)
    assert row(fig, 2) == [(0, "3"), (5, "(3)"), (10, "1")]
    _, fig = drawn(small, "sts graph, by(g) risktable(0 20 25, failevents)")
    # group 2 past its last row (15): 0 at risk; [2, end] holds 3 failures, then none
    assert row(fig, 2) == [(0, "3"), (10, "(3)"), (20, "0"), (22.5, "(0)"), (25, "0")]


def test_failevents_of_the_last_risktable_and_format(small):
    # each risktable() without group() relabels every row; the last one's failevents count
    _, fig = drawn(small, "sts graph, risktable(0 10, failevents) risktable(, size(small))")
    assert row(fig, 1) == [(0, "9"), (10, "4")]
    _, fig = drawn(small, "sts graph, risktable(0 10, size(small)) risktable(, failevents)")
    assert row(fig, 1) == [(0, "9"), (5, "(4)"), (10, "4")]  # rows 2..9: 2, 4, 5, 7
    # a format: the Mata writes the numbers with it and no failures
    _, fig = drawn(small, "sts graph, risktable(0 10, failevents format(%4.1f))")
    assert row(fig, 1) == [(0, "9.0"), (10, "4.0")]


def test_failevents_labels_alternate_by_position(small):
    _, fig = drawn(small, "sts graph, risktable(0 10 20, failevents alternate)")
    found = texts(fig)
    y = [found[g].get_position()[1] for g in ("risktable-row1-value1", "risktable-row1-fail2", "risktable-row1-value2",
                                               "risktable-row1-fail3", "risktable-row1-value3")]
    assert y[0] == y[2] == y[4] and y[1] == y[3] and y[1] < y[0]


def test_failevents_grid_lines_at_the_counts_too(small):
    _, fig = drawn(small, "sts graph, risktable(0 10 20, failevents grid gmin gmax)")
    lines = {ln.get_gid(): ln for ln in axes(fig).lines if (ln.get_gid() or "").startswith("risktable-row1")}
    assert sorted(lines) == ["risktable-row1-failgrid2", "risktable-row1-failgrid3", "risktable-row1-grid1",
                             "risktable-row1-grid2", "risktable-row1-grid3"]
    assert list(lines["risktable-row1-failgrid3"].get_xdata()) == [15, 15]


# ---------------------------------------------------------------- a numlist per row
def test_group_numlist_relabels_its_row_only(small):
    _, fig = drawn(small, "sts graph, by(g) risktable(0 10 20) risktable(0 5, group(#2))")
    assert row(fig, 1) == [(0, "6"), (10, "3"), (20, "2")]
    assert row(fig, 2) == [(0, "3"), (5, "3")]  # 5 -> group 2's row 7: 3 at risk
    # failevents with group() and no numlist: the row's own last numlist; [2, 7): 2 (and 3: none)
    _, fig = drawn(small, "sts graph, by(g) risktable(0 10 20) risktable(0 5, group(#2)) risktable(, failevents group(2))")
    assert row(fig, 1) == [(0, "6"), (10, "3"), (20, "2")]
    assert row(fig, 2) == [(0, "3"), (2.5, "(1)"), (5, "3")]
    # without a numlist of its own, the table's
    _, fig = drawn(small, "sts graph, by(g) risktable(0 10) risktable(, failevents group(#1))")
    assert row(fig, 1) == [(0, "6"), (5, "(2)"), (10, "3")] and row(fig, 2) == [(0, "3"), (10, "1")]


def test_group_relabelling_takes_only_group_formats(small):
    # the class file's .lastFormat[] holds group() formats only: a row relabelled by group() is
    # written without the table's format
    _, fig = drawn(small, "sts graph, by(g) risktable(0 10, format(%3.1f)) risktable(0 20, group(#1))")
    assert row(fig, 1) == [(0, "6"), (20, "2")]
    assert row(fig, 2) == [(0, "3.0"), (10, "1.0")]
    _, fig = drawn(small, "sts graph, by(g) risktable(0 10) risktable(, format(%3.1f) group(#2))")
    assert row(fig, 1) == [(0, "6"), (10, "3")] and row(fig, 2) == [(0, "3.0"), (10, "1.0")]


# ---------------------------------------------------------------- group() matching no row
def test_group_number_matching_no_row_notes_and_draws(small):
    plain, fig0 = drawn(small, "sts graph, by(g) risktable(0 10)")
    size = texts(fig0)["risktable-row1-value1"].get_fontsize()
    out, rc = run(small, 'sts graph, by(g) risktable(0 10) risktable(0 5, group(#9) size(large) failevents '
                         'rowtitle(X) title("Seen"))')
    assert rc == 0 and NOTE.format("#9") in out
    fig = figure(small.graphs[-1])
    found = texts(fig)
    # its numlist, look, failevents and rowtitle left out; title() kept (read for every risktable())
    assert row(fig, 2) == [(0, "3"), (10, "1")]
    assert found["risktable-row2-value1"].get_fontsize() == size
    assert found["risktable-row1-title"].get_text() == "g = 1"
    assert found["risktable-title"].get_text() == "Seen"


def test_group_value_matching_nothing_is_silent(small):
    out, rc = run(small, "sts graph, by(g) risktable(0 10) risktable(0 5, group(9) failevents)")
    assert rc == 0 and "note" not in out
    fig = figure(small.graphs[-1])
    assert row(fig, 1) == [(0, "6"), (10, "3")] and row(fig, 2) == [(0, "3"), (10, "1")]


def test_group_of_a_row_order_left_out_and_without_by(small):
    out, rc = run(small, "sts graph, by(g) risktable(, order(1)) risktable(0 5, group(2))")
    assert rc == 0 and NOTE.format("2") in out
    # without by(), the ado never matches a group(): even #1 is noted
    out, rc = run(small, "sts graph, risktable(0 10) risktable(0 5, group(#1))")
    assert rc == 0 and NOTE.format("#1") in out
    assert row(figure(small.graphs[-1]), 1) == [(0, "9"), (10, "4")]


def test_group_by_value_label(small):
    run(small, 'label define gl 1 "low" 2 "high"\nlabel values g gl')
    out, rc = run(small, "sts graph, by(g) risktable(0 10) risktable(0 5, group(high))")
    assert rc == 0 and "note" not in out
    assert row(figure(small.graphs[-1]), 2) == [(0, "3"), (5, "3")]


def test_rowtitle_text_wins_over_order_text(small):
    _, fig = drawn(small, 'sts graph, by(g) risktable(, order(1 "A" 2 "B")) risktable(, rowtitle(S) group(#2))')
    found = texts(fig)
    assert found["risktable-row1-title"].get_text() == "A" and found["risktable-row2-title"].get_text() == "S"


def test_failevents_counts_ignore_tmax(small):
    # the ado builds the table before it drops the rows beyond tmax(): the failure at 15 counts
    _, fig = drawn(small, "sts graph, risktable(0 20, failevents) tmax(12)")
    assert max(axes(fig).get_xlim()) < 20
    assert row(fig, 1) == [(0, "9"), (10, "(6)")]  # 2 4 5 7 12 15; 20 lies beyond the axis
