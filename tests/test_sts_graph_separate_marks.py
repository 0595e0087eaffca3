"""sts graph, separate with lost, enter, atrisk, censored(single|number|multiple) and addplot()
(sp45): each by() panel shows its own group's labels and marks, placed as sts.ado 8.6.0's
Graph_wrk places them (by hand below); addplot() is Stata's by()-graph error.

Ten records, one entering late (t0 = 3).  Group 1 (t: 4 d, 5 d, 9 c, 12 d, 20 c, 30 c, all from
0): S = 5/6, 2/3, 2/3, 4/9, 4/9, 4/9.  Group 2 (t: 2 d, 3 entry, 7 d + c, 15 d): S = 2/3, 2/3,
4/9, 0.  The labels' lift (max - min of S over both groups' rows)/30 = (5/6)/30 = 1/36 with
``lost`` alone; with ``enter`` and ``atrisk`` st_ct's rows at time 0 (S = 1; six and three
entering) are kept, so it is 1/30 and the flat part [0, first failure) has a label (za46); the
marks' move (30 - 0)/450 = 1/15 (single, number), (30 - 0)/350 per mark (multiple)."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import all_texts, artists, axes, double_session, drawn, legend_texts, run

EPS = 1 / 36
EPS0 = 1 / 30  # with st_ct's rows at time 0 (enter, atrisk)


@pytest.fixture()
def small():
    session = double_session({"t0": [0, 0, 0, 0, 0, 0, 0, 3, 0, 0], "t": [4, 2, 30, 9, 7, 7, 12, 15, 20, 5],
                               "d": [1, 1, 0, 0, 1, 0, 1, 1, 0, 1], "g": [1, 2, 1, 1, 2, 2, 1, 2, 1, 1]})
    run(session, 'stset t, failure(d) enter(time t0)\nlabel define gl 1 "one" 2 "two"\nlabel values g gl')
    return session


def labels_in(fig, panel: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of the marker labels drawn in a panel's axes (matplotlib Annotations)."""
    ax = axes(fig, f"panel{panel}")
    found = [a for a in ax.get_children() if (a.get_gid() or "").endswith("-labels")]
    return [(float(a.xy[0]), float(a.xy[1]), a.get_text()) for a in found]


def spikes_in(fig, panel: int) -> np.ndarray:
    """The censoring ticks of a panel: rows (x, bottom, top) of its rspike's segments."""
    ax = axes(fig, f"panel{panel}")
    colls = [a for a in ax.get_children() if (a.get_gid() or "").endswith("-rspike")]
    assert len(colls) == 1
    segs = colls[0].get_segments()
    return np.array([(s[0][0], s[0][1], s[1][1]) for s in segs])


def assert_labels(found, expected):
    assert [t for _, _, t in found] == [t for _, _, t in expected]
    np.testing.assert_allclose([(x, y) for x, y, _ in found], [(x, y) for x, y, _ in expected], atol=1e-12)


# ---------------------------------------------------------------- lost, enter, atrisk
def test_lost_labels_in_each_panel(small):
    graph, fig = drawn(small, "sts graph, by(g) separate lost")
    assert [p.title for p in graph.panels] == ["one", "two"]
    # group 1, net lost over each flat part: [4] 0, [5, 9] 1, [12, 20] 1, [30] 1 -- at the part's
    # middle (the last at its own time), 1/36 above the curve
    assert_labels(labels_in(fig, 1), [(8.5, 2 / 3 + EPS, "1"), (21, 4 / 9 + EPS, "1"), (30, 4 / 9 + EPS, "1")])
    # group 2: [2, 3] censored 0 - entered 1 = -1, [7] 1, [15] 0 (not written)
    assert_labels(labels_in(fig, 2), [(4.5, 2 / 3 + EPS, "-1"), (11, 4 / 9 + EPS, "1")])
    # one scatter of all groups (pstyle(p1) as the ado's), after the curve; no legend (nodraw)
    for panel in graph.panels:
        kinds = [(se.kind, se.style) for se in panel.series]
        assert kinds == [("line", 1), ("scatter", 1)]
        assert panel.series[1].label == "Number lost"
    assert legend_texts(fig) == [] and "Kaplan-Meier survival estimates" in all_texts(fig)


def test_lost_labels_as_the_overlaid_graph_places_them(small):
    """The panels' labels are the overlaid graph's, group by group (the same rows and lift)."""
    for option in ("lost", "atrisk", "lost failure"):  # (enter: by hand below)
        overlaid, _ = drawn(small, f"sts graph, by(g) {option}")
        separate, _ = drawn(small, f"sts graph, by(g) separate {option}")
        mine = [[(list(se.x), list(se.y), list(se.labels)) for se in p.series if se.kind == "scatter"]
                for p in separate.panels]
        theirs = [(list(se.x), list(se.y), list(se.labels)) for se in overlaid.panels[0].series
                  if se.kind == "scatter"]
        assert mine == [[group] for group in theirs], option  # one scatter per group overlaid


def test_atrisk_labels_in_each_panel(small):
    graph, fig = drawn(small, "sts graph, by(g) separate atriskopts(mlabcolor(red))")
    # [0, first failure): the number entering at 0; then at risk after each failure: the next
    # row's number at risk, 1/30 beneath the curve
    assert_labels(labels_in(fig, 1), [(2, 1 - EPS0, "6"), (4.5, 5 / 6 - EPS0, "5"), (8.5, 2 / 3 - EPS0, "4"),
                                      (21, 4 / 9 - EPS0, "2")])
    # group 2: three entering at 0; after 2, the next row's 2 plus the entry at 3; after 7, 1
    assert_labels(labels_in(fig, 2), [(1, 1 - EPS0, "3"), (4.5, 2 / 3 - EPS0, "3"), (11, 4 / 9 - EPS0, "1")])
    assert {a.get_color() for a in artists(fig, "p1-s2-scatter-labels")} == {"#ff0000"}


def test_enter_shows_censored_and_entered_in_each_panel(small):
    graph, fig = drawn(small, "sts graph, by(g) separate enter")
    # enter: the number censored above (group 1: 9, 20, 30), the number entering beneath (at 0:
    # six in group 1, three in group 2, beneath [0, first failure); group 2's entry at 3)
    assert_labels(labels_in(fig, 1), [(8.5, 2 / 3 + EPS0, "1"), (21, 4 / 9 + EPS0, "1"), (30, 4 / 9 + EPS0, "1"),
                                      (2, 1 - EPS0, "6")])
    assert_labels(labels_in(fig, 2), [(11, 4 / 9 + EPS0, "1"), (1, 1 - EPS0, "3"), (4.5, 2 / 3 - EPS0, "1")])
    assert [len(se.x) for se in graph.panels[0].series if se.kind == "scatter"] == [3, 1]
    assert graph.panels[1].series[2].label == "Number entered"


# ---------------------------------------------------------------- censored()
def test_censored_single_marks_in_each_panel(small):
    graph, fig = drawn(small, "sts graph, by(g) separate censored(single) censopts(lcolor(red))")
    # group 1: censored at 9, 20, 30, each moved 1/15 right (before the next step: 12, none, none)
    np.testing.assert_allclose(spikes_in(fig, 1), [(9 + 1 / 15, 2 / 3, 2 / 3 + .02),
                                                   (20 + 1 / 15, 4 / 9, 4 / 9 + .02),
                                                   (30 + 1 / 15, 4 / 9, 4 / 9 + .02)], atol=1e-12)
    np.testing.assert_allclose(spikes_in(fig, 2), [(7 + 1 / 15, 4 / 9, 4 / 9 + .02)], atol=1e-12)
    assert [se.kind for se in graph.panels[0].series] == ["line", "rspike"]
    assert graph.panels[0].series[1].color == "#ff0000"  # censopts() on the ticks
    assert labels_in(fig, 1) == [] and legend_texts(fig) == []


def test_censored_number_counts_at_the_marks_tops(small):
    graph, fig = drawn(small, "sts graph, by(g) separate censored(number)")
    assert_labels(labels_in(fig, 1), [(9 + 1 / 15, 2 / 3 + .02, "1"), (20 + 1 / 15, 4 / 9 + .02, "1"),
                                      (30 + 1 / 15, 4 / 9 + .02, "1")])
    assert_labels(labels_in(fig, 2), [(7 + 1 / 15, 4 / 9 + .02, "1")])
    scatter = graph.panels[1].series[2]
    assert scatter.kind == "scatter" and scatter.label_color == "#000000" and scatter.label_position == 12


def test_censored_failure_marks_stay_put(small):
    """The failure function: sts.ado sorts its rows by 1 - s, so a flat part's "next time" is an
    earlier part's and no censored mark moves here."""
    _, fig = drawn(small, "sts graph, by(g) separate failure censored(single)")
    np.testing.assert_allclose(spikes_in(fig, 1)[:, :2], [(9, 1 / 3), (20, 5 / 9), (30, 5 / 9)], atol=1e-12)
    np.testing.assert_allclose(spikes_in(fig, 2)[:, :2], [(7, 5 / 9)], atol=1e-12)


def test_censored_multiple_one_tick_per_record_with_the_band():
    session = double_session({"t": [1, 3, 3, 3, 5, 8, 8, 10, 2, 4, 6, 6, 9],
                              "d": [1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
                              "g": [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]})
    run(session, "stset t, failure(d)")
    graph, fig = drawn(session, "sts graph, by(g) separate censored(multiple) ci")
    adjd = (10 - 0) / 350  # every group's times and the origin rows at 0
    s1, s3 = 7 / 8, 7 / 8 * 3 / 4 * 2 / 3  # group 1's S at 3 and at 8 (and 10)
    np.testing.assert_allclose(spikes_in(fig, 1), [
        (3 + adjd, s1, s1 + .02), (3 + 2 * adjd, s1, s1 + .02), (3 + 3 * adjd, s1, s1 + .02),
        (8 + adjd, s3, s3 + .02), (10 + adjd, s3, s3 + .02)], atol=1e-12)
    # group 2 (t: 2 d, 4 c, 6 d + c, 9 d): S = 4/5, 4/5, 4/5 * 2/3 = 8/15, 0
    np.testing.assert_allclose(spikes_in(fig, 2), [(4 + adjd, .8, .82), (6 + adjd, 8 / 15, 8 / 15 + .02)], atol=1e-12)
    # the band, the curve, the ticks; the legend keys the band and the curve only
    assert [se.kind for se in graph.panels[0].series] == ["area", "line", "rspike"]
    assert legend_texts(fig) == ["95% CI", "Survivor function"]


def test_censored_number_on_the_cumulative_hazard(small):
    graph, fig = drawn(small, "sts graph, by(g) separate cumhaz censored(number)")
    # Nelson-Aalen: group 1 1/6, 1/6 + 1/5, ... 0.7; group 2 1/3, 1/3, 2/3, 5/3; the ticks'
    # and counts' lift (max - min over both)/45 = (5/3 - 0)/45, the 0 of st_ct's rows at time 0
    lift = (5 / 3 - 0) / 45
    na1 = [1 / 6 + 1 / 5, 1 / 6 + 1 / 5 + 1 / 3, 1 / 6 + 1 / 5 + 1 / 3]
    found = labels_in(fig, 1)
    np.testing.assert_allclose([y for _, y, _ in found], np.array(na1) + lift, atol=1e-12)
    np.testing.assert_allclose(spikes_in(fig, 2)[:, 1:], [(2 / 3, 2 / 3 + lift)], atol=1e-12)


# ---------------------------------------------------------------- addplot(), the ado's checks
def test_addplot_is_statas_by_graph_error(small):
    before = small.data.df.copy()
    out, rc = run(small, "sts graph, by(g) separate lost addplot(scatter d t)", stop_on_error=False)
    assert rc == 198 and out.strip().splitlines()[-2:] == ["Graph family bygraph_g does not support addplot.",
                                                           "r(198);"]
    # the panels are made (the current graph, as Stata's graph in memory) without the added plot
    graph = small.graphs[-1]
    assert len(graph.panels) == 2 and [se.kind for se in graph.panels[0].series] == ["line", "scatter"]
    assert before.equals(small.data.df)
    # graph addplot fails before it reads the plots: a bad one is the same error
    out, rc = run(small, "sts graph, by(g) separate addplot(scatter nosuch t)", stop_on_error=False)
    assert rc == 198 and "does not support addplot" in out


def test_separate_keeps_the_ados_checks(small):
    out, rc = run(small, "sts graph, by(g) separate lost censored(single)", stop_on_error=False)
    assert rc == 198 and "censored() not possible with lost, enter, or atrisk" in out
    out, rc = run(small, "sts graph, by(g) separate censored(number) censopts(mlabel(d))", stop_on_error=False)
    assert rc == 198 and "option mlabel() not allowed" in out
