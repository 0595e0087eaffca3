"""stcurve's boundary kernels (kernel(epan2|biweight|rectangle) with hazard after stcox),
leftboundary(), useoldbase, plot()/addplot(), and cif/cumhaz after stcrreg
(mlmcli/commands/graphs/survival_curves.py, mlmcli/postest/survival_curves.py).  Values from R:
tests/survival_reference/stcurve_boundary_cif.R and .json (the boundary smooth from survfit's
product-limit survivor and Mueller and Wang's table; finegray's cumulative incidence), cmprsk's
predict.crr in crr_melanoma.json; a hand-worked boundary sum."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.integrate import quad

from graphs_helpers import axes, drawn, legend_texts, run, segments, survival_reference_session

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcurve_boundary_cif.json").read_text())
CRR = json.loads((HERE / "crr_melanoma.json").read_text())["melanoma"]


@pytest.fixture
def lung():
    s = survival_reference_session("lung.csv", "stset time, failure(died)")
    run(s, "quietly stcox age sex")
    return s


@pytest.fixture
def melanoma():
    s = survival_reference_session("melanoma.csv", "stset time, failure(status==1)")
    run(s, "quietly stcrreg age sex thickness ulcer, compete(status==3)")
    return s


def fails(session, text):
    out, rc = run(session, text, stop_on_error=False)
    lines = [line for line in out.strip().splitlines() if line.strip()]
    assert lines[-1] == f"r({rc});"
    return lines[-2], rc


def _step_values(series, times):
    x, y = np.asarray(series.x, float), np.asarray(series.y, float)
    return y[np.searchsorted(x, times, side="right") - 1]


# ---------------------------------------------------------------- boundary kernels
@pytest.mark.parametrize("kernel", ["rectangle", "epan2", "biweight"])
def test_boundary_kernels_match_r_on_the_whole_grid(lung, kernel):
    graph, fig = drawn(lung, f"stcurve, hazard kernel({kernel}) width(150)")
    (curve,) = graph.panels[0].series
    # all 101 points drawn: those within h of the first or last failure time by the boundary kernels
    np.testing.assert_allclose(curve.x, REF["grid"], rtol=1e-12)
    np.testing.assert_allclose(curve.y, REF[kernel], rtol=1e-7, atol=1e-12)
    assert axes(fig).get_ylabel() == "Smoothed hazard function"
    # the interior points are kdensity's plain kernel sum (the corrected ones differ)
    graph, _ = drawn(lung, f"stcurve, hazard kernel({kernel}) width(150) noboundary")
    plain = np.asarray(graph.panels[0].series[0].y)
    grid = np.asarray(REF["grid"])
    inside = (grid >= grid[0] + 150) & (grid <= grid[-1] - 150)
    np.testing.assert_allclose(plain[inside], np.asarray(REF[kernel])[inside], rtol=1e-7)
    assert not np.allclose(plain[~inside], np.asarray(REF[kernel])[~inside], rtol=1e-3)


def test_epanechnikov_and_the_others_keep_the_interior_only(lung):
    for kernel in ("epanechnikov", "gaussian", "triangle"):
        graph, _ = drawn(lung, f"stcurve, hazard kernel({kernel}) width(150)")
        x = np.asarray(graph.panels[0].series[0].x)
        assert x.min() >= 5 + 150 and x.max() <= 883 - 150 and len(x) < 101


@pytest.mark.parametrize("name", ["rectangle", "epan2", "biweight"])
def test_boundary_kernel_moments_and_interior_limit(name):
    from mlmcli.graphs.smoothers import kernel
    from mlmcli.postest.survival_curves import boundary_kernel

    for q in (0.0, 0.25, 0.6, 0.95):
        assert quad(lambda u: boundary_kernel(name, u, q), -1, q)[0] == pytest.approx(1.0, abs=1e-10)
        assert quad(lambda u: u * boundary_kernel(name, u, q), -1, q)[0] == pytest.approx(0.0, abs=1e-10)
    u = np.linspace(-0.99, 0.99, 23)
    np.testing.assert_allclose(boundary_kernel(name, u, 1.0), kernel(name, u), atol=1e-12)


def test_boundary_sum_worked_by_hand():
    """Failures at 1, 2, 3, 4 with contribution 1 each, h = 1.5: at x = L = 1 (q = 0) the
    rectangle's K_0(u) = 4 + 6u on [-1, 0] weighs u = 0, -2/3 as 4 and 0: 4/1.5; epan2's
    K_0(u) = 12(u + 1)(u + 1/2) as 6 and -2/3: (16/3)/1.5; at x = R = 4 the mirror image."""
    from mlmcli.postest.survival_curves import boundary_smooth

    times, w = np.array([1.0, 2, 3, 4]), np.ones(4)
    rect = boundary_smooth([1.0, 4.0], times, w, 1.5, 1.0, 4.0, "rectangle")
    np.testing.assert_allclose(rect, [4 / 1.5, 4 / 1.5])
    epan = boundary_smooth([1.0, 4.0], times, w, 1.5, 1.0, 4.0, "epan2")
    np.testing.assert_allclose(epan, [16 / 3 / 1.5, 16 / 3 / 1.5])


def test_overlapping_boundary_regions_and_abbreviated_kernels(lung):
    assert fails(lung, "stcurve, hazard kernel(bi) width(500)") == (
        "specify a smaller bandwidth in width()", 198)
    graph, _ = drawn(lung, "stcurve, hazard kernel(rec) width(150)")  # the ado's substr(,1,3) == "rec"
    np.testing.assert_allclose(graph.panels[0].series[0].y, REF["rectangle"], rtol=1e-7, atol=1e-12)


# ---------------------------------------------------------------- leftboundary(), useoldbase
def test_leftboundary_moves_l_and_the_grid_start(lung):
    graph, _ = drawn(lung, "stcurve, hazard width(60) leftboundary(0)")
    x = np.asarray(graph.panels[0].series[0].x)
    grid = 883 * np.arange(101) / 100  # from leftboundary(#) to the last failure time
    np.testing.assert_allclose(x, grid[(grid >= 60) & (grid <= 883 - 60)])
    graph, _ = drawn(lung, "stcurve, hazard width(60) leftboundary(-1)")  # -1: CoxPlot's none
    assert min(graph.panels[0].series[0].x) >= 5 + 60
    graph, _ = drawn(lung, "stcurve, hazard width(60) leftboundary(0) range(100 500)")
    np.testing.assert_allclose(graph.panels[0].series[0].x, np.linspace(100, 500, 101))
    assert fails(lung, "stcurve, hazard leftboundary(abc)") == ("option leftboundary() incorrectly specified", 198)
    drawn(lung, "stcurve, survival leftboundary(0)")  # CoxPlot reads it with hazard only


def test_useoldbase_reads_stcox_stored_baseline(lung):
    assert fails(lung, "stcurve, survival useoldbase") == ("must specify basesurv() option in stcox", 198)
    assert fails(lung, "stcurve, hazard useoldbase") == ("must specify basehc() option in stcox", 198)
    assert fails(lung, "stcurve, cumhaz useoldbase") == ("must specify basechazard() option in stcox", 198)
    run(lung, "quietly stcox age sex, basesurv(s0) basechazard(H0)")
    graph, _ = drawn(lung, "stcurve, survival")
    fresh = np.asarray(graph.panels[0].series[0].y)
    graph, _ = drawn(lung, "stcurve, survival useoldbase")  # s0 is a float variable
    np.testing.assert_allclose(graph.panels[0].series[0].y, fresh, rtol=1e-6)
    run(lung, "quietly replace H0 = 2*H0")  # the stored variable as it now is, not predict's
    graph, _ = drawn(lung, "stcurve, cumhaz")
    fresh = np.asarray(graph.panels[0].series[0].y)
    graph, _ = drawn(lung, "stcurve, cumhaz useoldbase")
    np.testing.assert_allclose(graph.panels[0].series[0].y, 2 * fresh, rtol=1e-6)
    run(lung, "drop s0")
    assert fails(lung, "stcurve, survival useoldbase") == ("s0 not found", 111)
    # CoxPlot checks kernel() before it reads the variable
    assert fails(lung, "stcurve, survival useoldbase kernel(epan2)") == ("kernel() allowed only with hazard", 198)


# ---------------------------------------------------------------- plot(), addplot()
def test_addplot_and_plot_draw_on_the_curves_axes_with_a_legend(lung):
    run(lung, "quietly sts generate km = s")
    run(lung, 'label variable km "Kaplan-Meier"')
    graph, fig = drawn(lung, "stcurve, survival addplot(line km _t, sort connect(J))")
    curve, km = graph.panels[0].series
    assert len(km.x) == lung.data.nobs and np.nanmax(km.y) <= 1
    assert legend_texts(fig) == ["Survival", "Kaplan-Meier"]  # the ado draws no legend(nodraw) then
    assert axes(fig).get_ylabel() == "Survival"
    graph, fig = drawn(lung, "stcurve, cumhaz at1(sex=1) at2(sex=2) plot(scatter age _t)")
    assert len(graph.panels[0].series) == 3
    assert legend_texts(fig) == ["sex=1", "sex=2", "age"]


# ---------------------------------------------------------------- after stcrreg
def test_cif_after_stcrreg_matches_cmprsk_and_finegray(melanoma):
    graph, fig = drawn(melanoma, "stcurve, cif")
    (curve,) = graph.panels[0].series
    np.testing.assert_allclose(_step_values(curve, REF["cif_times"]), REF["cif_means"], rtol=1e-8)
    assert graph.title == "Competing-risks regression"
    assert axes(fig).get_ylabel() == "Cumulative Incidence" and axes(fig).get_xlabel() == "analysis time"
    assert legend_texts(fig) == []
    points = np.vstack(segments(fig, "p1-s1-line"))  # steps (connect(J))
    assert len(points) >= 2 * len(np.unique(curve.x)) - 1
    graph, fig = drawn(melanoma, "stcurve, cif at1(age=50 sex=1 thickness=2 ulcer=1) "
                                 "at2(age=60 sex=0 thickness=1 ulcer=0)")
    one, two = graph.panels[0].series
    cif = np.asarray(CRR["cif"])  # predict.crr at those covariates
    np.testing.assert_allclose(_step_values(one, CRR["cif_times"]), cif[:, 0], rtol=1e-8)
    np.testing.assert_allclose(_step_values(two, CRR["cif_times"]), cif[:, 1], rtol=1e-8)
    assert legend_texts(fig) == ["age=50 sex=1 thickness=2 ulcer=1", "age=60 sex=0 thickness=1 ulcer=0"]


def test_cumhaz_after_stcrreg_is_the_cumulative_subhazard(melanoma, tmp_path):
    graph, fig = drawn(melanoma, "stcurve, cumhaz at(age=50 sex=1 thickness=2 ulcer=1)")
    cif = np.asarray(CRR["cif"])[:, 0]
    np.testing.assert_allclose(_step_values(graph.panels[0].series[0], CRR["cif_times"]), -np.log(1 - cif),
                               rtol=1e-8)
    assert axes(fig).get_ylabel() == "Cumulative Subhazard"
    assert legend_texts(fig) == []
    graph, _ = drawn(melanoma, "stcurve, cif range(1000 3000)")
    x = np.asarray(graph.panels[0].series[0].x)
    assert x.min() >= 1000 and x.max() <= 3000
    out_file = tmp_path / "cif"
    drawn(melanoma, f"stcurve, cif outfile({out_file})")
    run(melanoma, f"use {out_file}, clear")
    assert melanoma.data.varnames == ["cif1", "_t"]


def test_stata_refusals_after_stcrreg(melanoma):
    assert fails(melanoma, "stcurve, survival") == ("survival not available after stcrreg", 198)
    assert fails(melanoma, "stcurve, hazard") == ("hazard not available after stcrreg", 198)
    assert fails(melanoma, "stcurve, cif width(3)") == (
        "smoothing options kernel() and width() only valid after stcox", 198)
    assert fails(melanoma, "stcurve, cif alpha1") == ("alpha1 allowed only with parametric frailty models", 198)
    assert fails(melanoma, "stcurve, cif noboundary") == ("noboundary allowed only with hazard", 198)
    assert fails(melanoma, "stcurve, cif at(bogus=1)")[1] == 111
    run(melanoma, "quietly stcrreg age sex, compete(status==3) tvc(thickness)")
    assert fails(melanoma, "stcurve, cif") == ("see tvc note for an alternative to the tvc() option", 198)
    run(melanoma, "quietly stcox age sex")
    assert fails(melanoma, "stcurve, cif") == ("cif available only after stcrreg", 198)


def test_stcurve_ado_notes_come_before_stcurv_checks():
    s = survival_reference_session("lung.csv", "stset time, failure(died)")
    run(s, "quietly streg age sex, dist(weibull) frailty(gamma)")
    out, rc = run(s, "stcurve, survival width(3)", stop_on_error=False)
    lines = [line for line in out.strip().splitlines() if line.strip()]
    assert rc == 198 and lines == ["(option unconditional assumed)",
                                   "smoothing options kernel() and width() only valid after stcox", "r(198);"]
