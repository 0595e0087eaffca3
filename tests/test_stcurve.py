"""stcurve after stcox and streg (mlmcli/commands/graphs/survival_curves.py,
mlmcli/postest/survival_curves.py): curves read from the drawn series and figure, values from R's
survfit/survreg (tests/survival_reference/stcurve.R and .json), Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import axes, drawn, legend_texts, run, segments, survival_reference_session

REF = json.loads((Path(__file__).parent / "survival_reference" / "stcurve.json").read_text())


@pytest.fixture
def s():
    return survival_reference_session("lung.csv", "stset time, failure(died)")


def fails(session, text):
    out, rc = run(session, text, stop_on_error=False)
    lines = [line for line in out.strip().splitlines() if line.strip()]
    assert lines[-1] == f"r({rc});"
    return lines[-2], rc


def _at_times(series, times):
    """The curve's value at each of R's times (the step function's value on or before it)."""
    x, y = np.asarray(series.x, float), np.asarray(series.y, float)
    keep = ~np.isnan(y)
    x, y = x[keep], y[keep]
    return y[np.searchsorted(x, times, side="right") - 1]


def test_cox_survival_and_cumhaz_match_survfit_at_means(s):
    run(s, "quietly stcox age sex")
    graph, fig = drawn(s, "stcurve, survival")
    (curve,) = graph.panels[0].series
    np.testing.assert_allclose(_at_times(curve, REF["times"]), REF["surv_means_km"], rtol=1e-6)
    ax = axes(fig)
    assert ax.get_ylabel() == "Survival" and ax.get_xlabel() == "analysis time"
    assert graph.title == "Cox proportional hazards regression"
    assert legend_texts(fig) == []
    graph, fig = drawn(s, "stcurve, cumhaz")
    np.testing.assert_allclose(_at_times(graph.panels[0].series[0], REF["times"]), REF["cumhaz_means"], rtol=1e-6)
    assert axes(fig).get_ylabel() == "Cumulative Hazard"


def test_cox_at1_at2_one_curve_each_with_at_text_in_legend(s):
    run(s, "quietly stcox age sex")
    graph, fig = drawn(s, "stcurve, cumhaz at1(sex=1) at2(sex=2)")
    one, two = graph.panels[0].series
    np.testing.assert_allclose(_at_times(one, REF["times"]), REF["cumhaz_sex1"], rtol=1e-6)
    np.testing.assert_allclose(_at_times(two, REF["times"]), REF["cumhaz_sex2"], rtol=1e-6)
    assert legend_texts(fig) == ["sex=1", "sex=2"]
    assert axes(fig).get_ylabel() == "Cumulative Hazard"
    for j, series in ((1, one), (2, two)):  # both drawn whole, as steps (connect(J))
        points = np.vstack(segments(fig, f"p1-s{j}-line"))
        assert points[:, 1].max() == pytest.approx(np.nanmax(series.y))
        assert len(points) >= 2 * len(np.unique(series.x)) - 1


def test_cox_hazard_is_kernel_smooth_of_breslow_increments(s):
    run(s, "quietly stcox age sex")
    graph, fig = drawn(s, "stcurve, hazard width(60)")
    (curve,) = graph.panels[0].series
    t, inc = np.array(REF["event_times"]), np.array(REF["hazard_increments"])
    # Breslow's increments are Stata's 1 - (1 - basehc)^exp(xb) only to first order: compare loosely
    z = (np.asarray(curve.x)[:, None] - t[None, :]) / 60
    # Stata's epanechnikov kernel: 3/(4 sqrt 5) (1 - z^2/5) on |z| < sqrt 5
    expected = (0.75 / np.sqrt(5) * (1 - z ** 2 / 5) * (np.abs(z) < np.sqrt(5))) @ inc / 60
    np.testing.assert_allclose(curve.y, expected, rtol=2e-2)
    assert min(curve.x) >= min(t) + 60 and max(curve.x) <= max(t) - 60  # the boundary restriction
    assert axes(fig).get_ylabel() == "Smoothed hazard function"
    graph, _ = drawn(s, "stcurve, hazard width(60) noboundary")
    assert len(graph.panels[0].series[0].x) == 101


@pytest.mark.parametrize("dist,title", [("weibull", "Weibull regression"), ("lognormal", "Lognormal regression"),
                                        ("exponential", "Exponential regression"),
                                        ("loglogistic", "Loglogistic regression")])
def test_streg_curves_from_the_fitted_distribution(s, dist, title):
    ref = REF[dist]
    run(s, f"quietly streg age sex, dist({dist})")
    graph, fig = drawn(s, "stcurve, survival")
    (curve,) = graph.panels[0].series
    np.testing.assert_allclose(curve.x, REF["grid"], rtol=1e-10)
    np.testing.assert_allclose(curve.y, ref["surv"], rtol=1e-4)
    assert graph.title == title and axes(fig).get_ylabel() == "Survival"
    graph, fig = drawn(s, "stcurve, hazard at(sex=2)")
    assert len(graph.panels[0].series[0].y) == 101 and legend_texts(fig) == []
    assert axes(fig).get_ylabel() == "Hazard function"
    graph, fig = drawn(s, "stcurve, hazard")
    np.testing.assert_allclose(graph.panels[0].series[0].y, ref["hazard"], rtol=1e-4)
    graph, fig = drawn(s, "stcurve, cumhaz at1(sex=1) at2(sex=2)")
    np.testing.assert_allclose(graph.panels[0].series[1].y, -np.log(ref["surv_sex2"]), rtol=1e-4)
    assert legend_texts(fig) == ["sex=1", "sex=2"]


def test_range_and_outfile(s, tmp_path):
    run(s, "quietly streg age sex, dist(weibull)")
    graph, _ = drawn(s, "stcurve, survival range(0 500)")
    np.testing.assert_allclose(graph.panels[0].series[0].x, np.linspace(0, 500, 101))
    out_file = tmp_path / "curves"
    drawn(s, f"stcurve, survival outfile({out_file})")
    assert fails(s, f"stcurve, survival outfile({out_file})")[1] == 602
    drawn(s, f"stcurve, survival outfile({out_file}, replace)")
    out, rc = run(s, f"use {out_file}, clear")
    assert rc == 0 and s.data.varnames == ["surv1", "_t"] and s.data.nobs == 101
    s = survival_reference_session("lung.csv", "stset time, failure(died)")
    run(s, "quietly streg age sex, dist(weibull)")
    drawn(s, f"stcurve, cumhaz at1(sex=1) at3(sex=2) outfile({out_file}, replace)")
    run(s, f"use {out_file}, clear")
    assert s.data.varnames == ["cumhaz1", "cumhaz2", "_t"]  # numbered as drawn (Stata 16 on)


def test_errors(s):
    assert fails(s, "stcurve, survival") == ("last estimates not found", 301)
    run(s, "quietly regress age sex")
    assert fails(s, "stcurve, survival") == ("last estimates not found", 301)
    run(s, "quietly stcox age sex")
    assert fails(s, "stcurve") == ("at least one of survival, cumhaz, hazard, or cif must be specified", 198)
    assert fails(s, "stcurve, survival hazard") == ("only one of survival hazard may be specified", 198)
    assert fails(s, "stcurve, survival alpha1") == ("alpha1 allowed only with parametric frailty models", 198)
    assert fails(s, "stcurve, survival kernel(gaussian)") == ("kernel() allowed only with hazard", 198)
    assert fails(s, "stcurve, survival at(ph_ecog=1)") == ("at() variable ph_ecog not in the estimated model", 198)
    assert fails(s, "stcurve, survival at(sex=abc)") == ("'abc' found where number expected", 7)
    assert fails(s, "stcurve if age > 50, survival") == ("if not allowed", 101)
    assert fails(s, "stcurve in 1/5, survival") == ("in range not allowed", 101)
    assert fails(s, "stcurve age, survival") == ("varlist not allowed", 101)
    assert fails(s, "stcurve, survival bogus") == ("option bogus not allowed", 198)
    before = (s.data.nobs, list(s.data.varnames))
    run(s, "stcurve, survival at(sex = 2)")
    assert (s.data.nobs, list(s.data.varnames)) == before
    run(s, "quietly stcox age, strata(sex)")
    assert fails(s, "stcurve, survival") == ("stcurve not allowed after stcox, strata()", 198)
    run(s, "quietly streg age sex, dist(weibull)")
    assert fails(s, "stcurve, hazard width(3)") == (
        "smoothing options kernel() and width() only valid after stcox", 198)
    run(s, "quietly streg age, dist(weibull) ancillary(sex)")
    out, rc = fails(s, "stcurve, survival")
    assert rc == 301 and out == "when ancillary() or strata() options are specified"


def test_factor_at_levels_shared_frailty_note_and_tvc(s):
    run(s, "quietly stcox age i.ph_ecog")
    graph, fig = drawn(s, "stcurve, survival at1(ph_ecog=2) at2(ph_ecog=0)")
    two, zero = graph.panels[0].series
    b = s.e.matrices["b"].values[0]
    names = list(s.e.matrices["b"].colnames)
    # the curves differ by the factor's coefficients only: ln(-ln S) shifts by b[2.ph_ecog]
    shift = np.log(-np.log(two.y[-1])) - np.log(-np.log(zero.y[-1]))
    assert shift == pytest.approx(b[names.index("2.ph_ecog")] - b[names.index("0b.ph_ecog")]
                                  if "0b.ph_ecog" in names else b[names.index("2.ph_ecog")], rel=1e-9)
    assert legend_texts(fig) == ["ph_ecog=2", "ph_ecog=0"]
    assert fails(s, "stcurve, survival at1(ph_ecog=7)") == ("7 is not a valid level for factor ph_ecog", 198)
    run(s, "quietly stcox age, shared(sex)")
    out, rc = run(s, "stcurve, survival")
    assert rc == 0 and out.strip() == "note: all plots evaluated at frailty equal to one"
    run(s, "quietly stcox age, tvc(sex)")
    assert fails(s, "stcurve, survival") == ("see tvc note for an alternative to the tvc() option", 198)


def test_streg_frailty_default_is_said(s):
    run(s, "quietly streg age sex, dist(weibull) frailty(gamma)")
    out, rc = run(s, "stcurve, survival")
    assert rc == 0 and "(option unconditional assumed)" in out
    uncond = s.graphs[-1].panels[0].series[0].y
    out, rc = run(s, "stcurve, survival alpha1")
    assert rc == 0 and "assumed" not in out
    assert not np.allclose(s.graphs[-1].panels[0].series[0].y, uncond)
