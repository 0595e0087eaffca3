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
    return [se for se in graph.panels[0].series if se.kind == "rspike"]


def error(session, text):
    out, rc = run(session, text, stop_on_error=False)
    # the message's first line, after the st settings sts graph prints before SmoothHazard's errors
    settings = ("failure _d:", "analysis time _t:", "enter on or after:", "exit on or before:", "origin:", "id:")
    lines = [line for line in out.splitlines() if line.strip() and not line.strip().startswith(settings)]
    return lines[0] if lines else "", rc


@pytest.mark.parametrize("option, values", [("", S), ("failure", 1 - S), ("cumhaz", NA), ("per(100)", 100 * S)])
def test_censored_marks_sit_on_the_estimated_curve(small, option, values):
    graph, _ = drawn(small, f"sts graph, {option} censored(single)")
    (marks,) = hash_marks(graph)
    np.testing.assert_allclose(marks.y, values[CENSORED], atol=1e-12)
    # x: the survivor function's marks (30 - 0)/450 right of their times (each stays before the
    # next step); the rising functions' marks stay put -- sts.ado sorts its rows by 1 - s, so a
    # part's "next time" is an earlier part's and no move passes its test
    moved = option in ("", "per(100)")
    np.testing.assert_allclose(marks.x, ROW_T[CENSORED] + (30 / 450 if moved else 0.0), atol=1e-12)
    # the tick's top: .02 above the curve, the cumulative hazard's (max - min)/45 -- min 0, st_ct's
    # row at time 0 (za46: it was the first failure's NA)
    lift = NA.max() / 45 if option == "cumhaz" else 0.02
    np.testing.assert_allclose(marks.y2, values[CENSORED] + lift, atol=1e-12)


def test_censored_single_moves_stop_at_the_next_step():
    from mlmcli.commands.survival.sts_graph_st_ct import ado_next_times

    t = np.array([0.0, 1, 2, 2.01, 5])
    s_ = np.array([1.0, 1, 0.5, 0.5, 0.25])  # the flat parts [0, 1], [2, 2.01], [5]
    np.testing.assert_allclose(ado_next_times(t, s_), [2, 2, 5, 5, np.inf])
    np.testing.assert_allclose(ado_next_times(t, 1 - s_), [np.inf, np.inf, 0, 0, 2])  # failure: earlier parts


def test_censored_number_on_the_cumulative_hazard(small):
    graph, _ = drawn(small, "sts graph, cumhaz censored(number)")
    labelled = [se for se in graph.panels[0].series if se.labels is not None and len(se.labels)]
    (numbers,) = labelled
    # the ado lifts the numbers (max - min)/45 of the cumulative hazard above the marks, min the
    # 0 of st_ct's row at time 0 (za46: it was the first failure's NA)
    np.testing.assert_allclose(numbers.y, NA[CENSORED] + NA.max() / 45, atol=1e-12)


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
])
def test_combinations_refused(small, command, message):
    assert error(small, command) == (message, 198)
    assert len(small.graphs) == 0


# ---------------------------------------------------------------- hazard with the boundary kernels
def epan2_boundary(u, q):
    """Mueller and Wang's (1994) epan2 boundary kernel on [-1, q], written out here by hand."""
    k = 12 * (u + 1) * ((1 - 2 * q) * u + (3 * q * q - 2 * q + 1) / 2) / (1 + q) ** 4
    return np.where((u >= -1) & (u <= q), k, 0.0)


def test_epan2_boundary_kernel_moments():
    for q in (0.0, 0.3, 0.7):
        u = np.linspace(-1, q, 200001)  # the kernel's support
        k = epan2_boundary(u, q)
        assert np.trapezoid(k, u) == pytest.approx(1, abs=1e-8)
        assert np.trapezoid(u * k, u) == pytest.approx(0, abs=1e-8)
    u = np.linspace(-1, 1, 2001)
    np.testing.assert_allclose(epan2_boundary(u, 1.0), 0.75 * (1 - u * u), atol=1e-12)


def test_hazard_epan2_boundary_kernel_and_its_band(small):
    from mlmcli.distributions import norm

    graph, _ = drawn(small, "sts graph, hazard kernel(epan2) width(4) ci")
    band, line = graph.panels[0].series
    dead = ROW_D > 0
    t, c, v = ROW_T[dead], (ROW_D / ROW_N)[dead], (ROW_D / ROW_N ** 2)[dead]
    L, R, h = t.min(), t.max(), 4.0
    grid = L + (R - L) * np.arange(101) / 100  # every point kept: the boundary kernels reach L and R
    np.testing.assert_allclose(line.x, grid, atol=1e-12)
    want, var = np.empty(101), np.empty(101)
    for i, x in enumerate(grid):
        if x < L + h:
            k = epan2_boundary((x - t) / h, (x - L) / h)
        elif x > R - h:
            k = epan2_boundary((t - x) / h, (R - x) / h)  # the mirror image
        else:
            u = (x - t) / h
            k = np.where(np.abs(u) <= 1, 0.75 * (1 - u * u), 0.0)
        want[i], var[i] = k @ c / h, (k * k) @ v / h ** 2
    y = np.maximum(want, 0.0)
    np.testing.assert_allclose(line.y, y, atol=1e-12)
    z = norm.ppf(0.975)
    ok = y > 0
    np.testing.assert_allclose(band.y[ok], (y * np.exp(-z * np.sqrt(var) / y))[ok], rtol=1e-10)
    np.testing.assert_allclose(band.y2[ok], (y * np.exp(z * np.sqrt(var) / y))[ok], rtol=1e-10)


def test_hazard_boundary_kernels_need_room(small):
    assert error(small, "sts graph, hazard kernel(biweight) width(20)") == (
        "left and right boundary regions overlap;", 198)
    graph, _ = drawn(small, "sts graph, hazard kernel(rectangle) width(4) noboundary")
    assert len(graph.panels[0].series[0].x) == 101


# ---------------------------------------------------------------- sts.ado's fixes: settings, survival, kernel()
def test_graph_prints_the_st_settings_first(small):
    out, rc = run(small, "sts graph, survival", stop_on_error=False)
    assert rc == 0 and out.splitlines()[-4:] == ["", "         failure _d:  d", "   analysis time _t:  t",
                                                 "  enter on or after:  time t0"]
    out, _ = run(small, "sts graph, noshow")
    assert "failure _d:" not in out
    # the option checks come before the settings (the ado's order), SmoothHazard's errors after them
    out, rc = run(small, "sts graph, hazard per(2)", stop_on_error=False)
    assert rc == 198 and "_d:" not in out
    out, rc = run(small, "sts graph, hazard kernel(bogus)", stop_on_error=False)
    assert rc == 198 and out.splitlines()[-3:] == ["  enter on or after:  time t0", "option bogus not allowed", "r(198);"]
    out, rc = run(small, "sts graph, hazard width(x)", stop_on_error=False)
    assert rc == 7 and out.splitlines()[-3:-1] == ["  enter on or after:  time t0", "'x' found where number expected"]


def test_graph_survival_is_the_default(small):
    plain, _ = drawn(small, "sts graph")
    typed, _ = drawn(small, "sts graph, surv")
    np.testing.assert_allclose(typed.panels[0].series[0].y, plain.panels[0].series[0].y)
    np.testing.assert_allclose(plain.panels[0].series[0].y, np.r_[1.0, S])
    assert error(small, "sts graph, survival failure") == ("options survival and failure may not be combined", 198)


def test_graph_cumhaz_starts_at_the_first_row(small):
    graph, _ = drawn(small, "sts graph, na")
    np.testing.assert_allclose(graph.panels[0].series[0].x, ROW_T)
    np.testing.assert_allclose(graph.panels[0].series[0].y, NA, atol=1e-12)


def test_hazard_leftboundary_moves_the_left_boundary(small):
    graph, _ = drawn(small, "sts graph, hazard kernel(epan2) width(4) leftboundary(0)")
    line = graph.panels[0].series[0]
    dead = ROW_D > 0
    t, c = ROW_T[dead], (ROW_D / ROW_N)[dead]
    L, R, h = 0.0, t.max(), 4.0  # L = leftboundary(): the grid starts there, and its boundary region
    grid = L + (R - L) * np.arange(101) / 100
    want = np.empty(101)
    for i, x in enumerate(grid):
        if x < L + h:
            k = epan2_boundary((x - t) / h, (x - L) / h)
        elif x > R - h:
            k = epan2_boundary((t - x) / h, (R - x) / h)
        else:
            u = (x - t) / h
            k = np.where(np.abs(u) <= 1, 0.75 * (1 - u * u), 0.0)
        want[i] = k @ c / h
    np.testing.assert_allclose(line.x, grid, atol=1e-12)
    np.testing.assert_allclose(line.y, np.maximum(want, 0.0), atol=1e-12)
    graph, _ = drawn(small, "sts graph, hazard width(4) leftboundary(0)")  # epanechnikov: [L + h, R - h] kept
    assert graph.panels[0].series[0].x.min() >= 4 and graph.panels[0].series[0].x.min() < 4 + 0.16
    assert error(small, "sts graph, hazard leftboundary(a)") == ("option leftboundary() incorrectly specified", 198)


def test_refused_risktable_suboptions_print_nothing(small):
    out, rc = run(small, "sts graph, risktable(, axis(2))", stop_on_error=False)
    assert rc == 198 and "_d:" not in out and "option risktable(, axis()) not supported by mlmcli" in out
