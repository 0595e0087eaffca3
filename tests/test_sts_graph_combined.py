"""sts graph's estimated curves (sh40: adjustfor(), hazard, per(), separate, cumhaz's band) with
its drawn extras (sr40: risktable, lost, atrisk, censored(), byopts()): what combines, by hand,
and what sts.ado (8.6.0, Graph_wrk) refuses, with its messages."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import all_texts, double_session, drawn, run


@pytest.fixture()
def small():
    """Ten records, one entering late (t0 = 3); times and counts easy to follow by hand."""
    session = double_session({"t0": [0, 0, 0, 0, 0, 0, 0, 3, 0, 0], "t": [4, 2, 30, 9, 7, 7, 12, 15, 20, 5],
                               "d": [1, 1, 0, 0, 1, 0, 1, 1, 0, 1], "g": [1, 2, 1, 1, 2, 2, 1, 2, 1, 1],
                               "x": [0.5, -1, 0, 1, 2, -0.5, 0, 1, -1, 0.25]})
    run(session, "stset t, failure(d) enter(time t0)")
    return session


# rows (t: at risk, d): 2:9,1  3:8,0  4:9,1  5:8,1  7:7,1 (+1 censored)  9:5,0  12:4,1  15:3,1  20:2,0  30:1,0
ROW_T = np.array([2, 3, 4, 5, 7, 9, 12, 15, 20, 30.0])
ROW_N = np.array([9, 8, 9, 8, 7, 5, 4, 3, 2, 1.0])
ROW_D = np.array([1, 0, 1, 1, 1, 0, 1, 1, 0, 0.0])
S = np.cumprod(1 - ROW_D / ROW_N)
NA = np.cumsum(ROW_D / ROW_N)
CENSORED = np.isin(ROW_T, [7, 9, 20, 30])


def hash_marks(graph):
    return [se for se in graph.panels[0].series if se.kind == "scatter"
            and not (se.labels is not None and len(se.labels))]


def error(session, text):
    out, rc = run(session, text, stop_on_error=False)
    return out.strip().splitlines()[0] if out.strip() else "", rc


@pytest.mark.parametrize("option, values", [("", S), ("failure", 1 - S), ("cumhaz", NA), ("per(100)", 100 * S)])
def test_censored_marks_sit_on_the_estimated_curve(small, option, values):
    graph, _ = drawn(small, f"sts graph, {option} censored(single)")
    (marks,) = hash_marks(graph)
    np.testing.assert_allclose(marks.y, values[CENSORED], atol=1e-12)


def test_censored_number_on_the_cumulative_hazard(small):
    graph, _ = drawn(small, "sts graph, cumhaz censored(number)")
    labelled = [se for se in graph.panels[0].series if se.labels is not None and len(se.labels)]
    (numbers,) = labelled
    # the ado lifts the numbers (max - min)/45 of the cumulative hazard above the marks
    np.testing.assert_allclose(numbers.y, NA[CENSORED] + (NA.max() - NA.min()) / 45, atol=1e-12)


def test_risktable_and_lost_with_the_failure_function_by_group(small):
    graph, _ = drawn(small, "sts graph, by(g) failure risktable")
    assert graph.title == "Kaplan-Meier failure estimates"
    graph, _ = drawn(small, "sts graph, failure lost")
    labels = [se for se in graph.panels[0].series if se.labels is not None and len(se.labels)]
    eps = (S.max() - S.min()) / 30
    # net lost -1 over [2, 4): above the failure function's first step (1 - S at t = 2)
    assert labels[0].y[0] == pytest.approx(1 - S[0] + eps)


def test_separate_byopts_title_and_legend(small):
    graph, fig = drawn(small, 'sts graph, by(g) separate byopts(title("Two groups"))')
    assert "Two groups" in all_texts(fig) and "Kaplan-Meier survival estimates" not in all_texts(fig)


@pytest.mark.parametrize("command, message", [
    ("sts graph, adjustfor(x) risktable", "options adjustfor() and risktable may not be combined"),
    ("sts graph, adjustfor(x) lost", "options atrisk, censored, lost, and enter may not be combined with adjustfor()"),
    ("sts graph, adjustfor(x) atriskopts(mlabsize(small))",
     "options atrisk, censored, lost, and enter may not be combined with adjustfor()"),
    ("sts graph, hazard risktable", "options hazard and risktable may not be combined"),
    ("sts graph, hazard lostopts(mlabsize(small))", "options lost and hazard may not be combined"),
    ("sts graph, by(g) separate risktable", "options separate and risktable may not be combined"),
    ("sts graph, per(10) atrisk", "option atrisk not allowed with per()"),
    ("sts graph, per(10) enter", "options lost and enter not allowed with per()"),
    ("sts graph, by(g) separate censored(single)", "option separate with censored() not supported by mlmcli"),
    ("sts graph, hazard outfile(h.dta)", "option outfile() with hazard not supported by mlmcli"),
])
def test_combinations_refused(small, command, message):
    assert error(small, command) == (message, 198)
    assert len(small.graphs) == 0
