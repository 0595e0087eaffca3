"""sts graph's labels and marks with st_ct's row at time 0 (za46): sts.ado 8.6.0's Graph_wrk
builds ``lost``, ``enter``, ``atrisk`` and ``censored()`` from st_ct's rows, which have a row at
time 0 for the records entering there (nobody at risk yet, S = 1, the cumulative hazard 0).  It
drops that row only for ``lost`` alone (no failure, none lost); with ``enter`` and ``atrisk`` it
starts the flat part [0, first failure), whose label beneath is the number entering at 0, and S = 1
counts in the labels' lift (max - min)/30; with ``censored()`` it counts in the marks' time range
(under ``noorigin`` too) and in their "next time", and the cumulative hazard's 0 in the ticks'
height (max - min)/45.  The line is drawn from the same rows, so with these options it starts at
time 0 under ``noorigin`` and for the cumulative hazard.  Every value below is derived by hand
and read back from the matplotlib figure."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, double_session, drawn, run

# Ten records, nine entering at 0 and one at 3 (st rows, t: at risk, d, censored, entered):
# 0:0,0,0,9  2:9,1,0,0  3:8,0,0,1  4:9,1,0,0  5:8,1,0,0  7:7,1,1,0  9:5,0,1,0  12:4,1,0,0
# 15:3,1,0,0  20:2,0,1,0  30:1,0,1,0
S2, S4, S5, S7, S12, S15 = 8 / 9, 64 / 81, 56 / 81, 48 / 81, 36 / 81, 24 / 81
EPS = (1 - S15) / 30  # the lift with the row at 0 (S = 1) and S's minimum, from 15 on


@pytest.fixture()
def small():
    session = double_session({"t0": [0, 0, 0, 0, 0, 0, 0, 3, 0, 0], "t": [4, 2, 30, 9, 7, 7, 12, 15, 20, 5],
                               "d": [1, 1, 0, 0, 1, 0, 1, 1, 0, 1], "g": [1, 2, 1, 1, 2, 2, 1, 2, 1, 1]})
    run(session, 'stset t, failure(d) enter(time t0)\nlabel define gl 1 "one" 2 "two"\nlabel values g gl')
    return session


@pytest.fixture()
def three():
    """(0, 2] failed, (0, 4] censored, (0, 6] failed: S = 2/3 from 2, 0 from 6; H = 1/3, 4/3."""
    session = double_session({"t": [2, 4, 6], "d": [1, 0, 1], "g": [1, 1, 1]})
    run(session, "stset t, failure(d)")
    return session


def labels(fig, panel: int = 1) -> list[tuple[float, float, str]]:
    """(x, y, text) of the marker labels in a panel (matplotlib Annotations), in drawing order."""
    ax = axes(fig, f"panel{panel}")
    found = [a for a in ax.get_children() if (a.get_gid() or "").endswith("-labels")]
    return [(float(a.xy[0]), float(a.xy[1]), a.get_text()) for a in found]


def first_point(fig, panel: int = 1) -> tuple[float, float]:
    """The curve's first drawn point (its step line's first segment start)."""
    ax = axes(fig, f"panel{panel}")
    (line,) = [a for a in ax.get_children() if (a.get_gid() or "").endswith("-line")]
    return tuple(float(v) for v in line.get_segments()[0][0])


def ticks(fig, panel: int = 1) -> np.ndarray:
    """The censoring ticks of a panel: rows (x, bottom, top)."""
    ax = axes(fig, f"panel{panel}")
    (spikes,) = [a for a in ax.get_children() if (a.get_gid() or "").endswith("-rspike")]
    return np.array([(s[0][0], s[0][1], s[1][1]) for s in spikes.get_segments()])


def assert_labels(found, expected):
    assert [t for _, _, t in found] == [t for _, _, t in expected]
    np.testing.assert_allclose([(x, y) for x, y, _ in found], [(x, y) for x, y, _ in expected], atol=1e-12)


# ---------------------------------------------------------------- atrisk, enter, lost
def test_atrisk_writes_the_number_at_the_start_under_the_first_flat_part(small):
    _, fig = drawn(small, "sts graph, atrisk")
    # [0, 2): the nine entering at 0; then after each failure the next row's number at risk (plus
    # the entries before the next failure: 8 + 1 over [2, 4)); the last part [30] nothing
    assert_labels(labels(fig), [(1, 1 - EPS, "9"), (3, S2 - EPS, "9"), (4.5, S4 - EPS, "8"), (6, S5 - EPS, "7"),
                                (9.5, S7 - EPS, "5"), (13.5, S12 - EPS, "3"), (22.5, S15 - EPS, "2")])


def test_enter_writes_the_number_entering_at_0(small):
    _, fig = drawn(small, "sts graph, enter")
    # lost (censored) above, entered beneath: nine at 0 under [0, 2), one at 3 under [2, 4)
    assert_labels(labels(fig), [(9.5, S7 + EPS, "2"), (22.5, S15 + EPS, "1"), (30, S15 + EPS, "1"),
                                (1, 1 - EPS, "9"), (3, S2 - EPS, "1")])


def test_lost_alone_drops_the_row_at_0(small):
    """Without enter/atrisk Graph_wrk drops rows with no failure and no net loss, the row at 0 too:
    no label before the first failure, and the lift is over the other rows' S (8/9 down to 24/81)."""
    _, fig = drawn(small, "sts graph, lost")
    eps = (S2 - S15) / 30
    assert_labels(labels(fig), [(3, S2 + eps, "-1"), (9.5, S7 + eps, "2"), (22.5, S15 + eps, "1"),
                                (30, S15 + eps, "1")])


def test_tmin_past_0_drops_the_row_at_0(small):
    """tmin() drops the rows before it (the ado's ``drop if _t<tmin``) before the labels: no part
    [0, 2), the lift over S from 8/9."""
    _, fig = drawn(small, "sts graph, atrisk tmin(1)")
    eps = (S2 - S15) / 30
    found = labels(fig)
    assert [t for _, _, t in found] == ["9", "8", "7", "5", "3", "2"]
    assert_labels(found[:1], [(3, S2 - eps, "9")])


def test_atrisk_by_group_each_groups_start(small):
    _, fig = drawn(small, "sts graph, by(g) atrisk")
    # group 1: six entering at 0, S = 5/6, 2/3, 4/9 after 4, 5, 12; group 2: three at 0, S = 2/3,
    # 4/9, 0 after 2, 7, 15; the lift over both groups' rows: (1 - 0)/30
    eps = 1 / 30
    assert_labels(labels(fig), [(2, 1 - eps, "6"), (4.5, 5 / 6 - eps, "5"), (8.5, 2 / 3 - eps, "4"),
                                (21, 4 / 9 - eps, "2"),
                                (1, 1 - eps, "3"), (4.5, 2 / 3 - eps, "3"), (11, 4 / 9 - eps, "1")])


def test_noorigin_curve_still_starts_at_0_with_atrisk(small):
    _, fig = drawn(small, "sts graph, atrisk noorigin")
    assert first_point(fig) == (0.0, 1.0)
    assert_labels(labels(fig)[:1], [(1, 1 - EPS, "9")])
    _, fig = drawn(small, "sts graph, lost noorigin")  # lost alone: the row is dropped
    assert first_point(fig) == (2.0, S2)


def test_separate_panels_start_at_0(small):
    _, fig = drawn(small, "sts graph, by(g) separate atrisk noorigin")
    assert first_point(fig, 1) == (0.0, 1.0) and first_point(fig, 2) == (0.0, 1.0)
    assert_labels(labels(fig, 1)[:1], [(2, 1 - 1 / 30, "6")])
    assert_labels(labels(fig, 2)[:1], [(1, 1 - 1 / 30, "3")])


# ---------------------------------------------------------------- censored()
def test_noorigin_marks_move_by_the_range_from_0(three):
    _, fig = drawn(three, "sts graph, censored(single) noorigin")
    # the censored mark at 4 moves (6 - 0)/450 right (the row at 0 in the ado's sum _t), before 6
    np.testing.assert_allclose(ticks(fig), [(4 + 6 / 450, 2 / 3, 2 / 3 + .02)], atol=1e-12)
    assert first_point(fig) == (0.0, 1.0)


def test_cumulative_hazard_ticks_from_0(three):
    _, fig = drawn(three, "sts graph, cumhaz censored(single)")
    # the tick's height (4/3 - 0)/45 (H = 0 at the row at 0); the mark at 4 stays: sorted by 1 - H,
    # its part's "next time" is the row at 0's
    np.testing.assert_allclose(ticks(fig), [(4, 1 / 3, 1 / 3 + (4 / 3) / 45)], atol=1e-12)
    assert first_point(fig) == (0.0, 0.0)  # the curve from the row at 0 (H = 0)
    _, fig = drawn(three, "sts graph, cumhaz")  # without censored(): from the first failure
    assert first_point(fig) == (2.0, 1 / 3)


def test_failure_by_group_first_part_marks_stay(three):
    """by() and the failure function: the origin rows copy each group's last value, so before
    za46 no part followed the first failure's and its marks moved; st_ct's row at 0 (F = 0) is
    that next part (time 0), so they stay, as Graph_wrk's ``_t + adjd < nextt`` test says."""
    run(three, "expand 2\nreplace g = 2 in 4/6\nreplace t = t + 1 in 4/6\nstset t, failure(d)")
    # group 1: 2 failed, 4 censored, 6 failed; group 2: 3, 5, 7 likewise; F = 1/3 after the first
    _, fig = drawn(three, "sts graph, by(g) failure censored(single)")
    np.testing.assert_allclose(ticks(fig), [(4, 1 / 3, 1 / 3 + .02), (5, 1 / 3, 1 / 3 + .02)], atol=1e-12)


def test_censored_number_on_the_cumulative_hazard_separate(three):
    run(three, "expand 2\nreplace g = 2 in 4/6\nreplace t = t + 1 in 4/6\nstset t, failure(d)")
    _, fig = drawn(three, "sts graph, by(g) separate cumhaz censored(number)")
    lift = (4 / 3) / 45  # both groups' H from 0 to 4/3
    assert_labels(labels(fig, 1), [(4, 1 / 3 + lift, "1")])
    assert_labels(labels(fig, 2), [(5, 1 / 3 + lift, "1")])
    assert first_point(fig, 1) == (0.0, 0.0) and first_point(fig, 2) == (0.0, 0.0)


def test_atrisk_after_a_groups_last_failure_writes_nothing():
    """Graph_wrk's ``replace ent = n[_n+1] if _d`` has no by(): a group's last failure row reads
    the next group's first st_ct row, whose number at risk is 0 (st_ct's Pop on each group's first
    row), so nothing is written there, as after the last group's."""
    session = double_session({"t": [2, 5, 3, 4], "d": [1, 1, 1, 0], "g": [1, 1, 2, 2]})
    run(session, "stset t, failure(d)")
    _, fig = drawn(session, "sts graph, by(g) atrisk")
    # group 1: [0, 2) two at the start, [2, 5) one, [5] none; group 2: [0, 3) two, [3, 4) one,
    # [4] none; lift (1 - 0)/30 (group 1's S reaches 0 at 5)
    eps = 1 / 30
    assert_labels(labels(fig), [(1, 1 - eps, "2"), (3.5, .5 - eps, "1"), (1.5, 1 - eps, "2"), (3.5, .5 - eps, "1")])
