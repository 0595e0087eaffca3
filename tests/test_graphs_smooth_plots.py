"""twoway mband, mspline (cross medians), fpfit, fpfitci (fractional polynomials) and dot."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, axes, drawn, legend_texts, line_xy, make_session, run, segments
from mlmcli.fractional_polynomials import best_fp, shift_and_scale
from mlmcli.graphs.median_bands import cross_medians, default_bands, natural_cubic_spline


@pytest.fixture()
def s():
    return make_session()


def test_cross_medians_by_hand():
    x = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 10.0])
    y = np.array([5, 1, 3, 9, 2, 4, 8, 6, 7, 0.0])
    mx, my = cross_medians(y, x, 2)  # bands [0, 5) and [5, 10]
    np.testing.assert_allclose(mx, [2.0, 7.0])
    np.testing.assert_allclose(my, [3.0, 6.0])
    mx, my = cross_medians(y, x, 5)  # width 2: {0,1} {2,3} {4,5} {6,7} {8,10}
    np.testing.assert_allclose(mx, [0.5, 2.5, 4.5, 6.5, 9.0])
    np.testing.assert_allclose(my, [3.0, 6.0, 3.0, 7.0, 3.5])
    assert default_bands(60) == 18 and default_bands(5) == 10 and default_bands(1000) == 30


def test_natural_spline_through_knots():
    kx, ky = np.array([0, 1, 2, 4.0]), np.array([0, 1, 0, 2.0])
    sx, sy = natural_cubic_spline(kx, ky, 10)
    assert sx.size == 3 * 11 + 1
    for a, b in zip(kx, ky):
        assert sy[np.argmin(np.abs(sx - a))] == pytest.approx(b)
    # natural: the second differences vanish at both ends
    h = sx[1] - sx[0]
    assert abs((sy[2] - 2 * sy[1] + sy[0]) / h ** 2) < 0.5
    assert abs((sy[-1] - 2 * sy[-2] + sy[-3]) / (sx[-1] - sx[-2]) ** 2) < 0.5


def test_mband_and_mspline_draw_the_medians(s):
    graph, fig = drawn(s, "twoway (scatter y x) (mband y x, bands(4)) (mspline y x, bands(4) n(5))")
    x, y = s.data.numeric("x"), s.data.numeric("y")
    mx, my = cross_medians(y, x, 4)
    (band,) = segments(fig, "p1-s2-line")
    np.testing.assert_allclose(band[:, 0], mx)
    np.testing.assert_allclose(band[:, 1], my)
    (spline,) = segments(fig, "p1-s3-line")
    assert len(spline) == (len(mx) - 1) * 6 + 1
    np.testing.assert_allclose(spline[::6, 1], my)
    out, rc = run(s, "twoway mband y x, bands(0)", stop_on_error=False)
    assert rc == 198
    graph, fig = drawn(s, "twoway mspline y x")  # default bands: max(10, round(10 log10 60)) = 18
    assert graph.panels[0].series[0].kind == "line"


def test_fp_finds_the_generating_powers():
    x = np.linspace(0.5, 5, 40)
    fp = best_fp(1 + 2 * x ** -0.5 + 3 * x ** 2, x)
    assert fp.powers == (-0.5, 2.0) and fp.rss < 1e-16
    fp = best_fp(1 + x + 2 * x * np.log(x), x)
    assert fp.powers == (1.0, 1.0)
    np.testing.assert_allclose(fp.predict(np.array([2.0])), 1 + 2 + 4 * np.log(2), rtol=1e-8)
    shift, _ = shift_and_scale(np.array([-1.0, 0.0, 0.5, 2.0]))
    assert shift == pytest.approx(1.5)  # -min + the smallest gap between sorted values


def test_fpfit_and_fpfitci(s):
    x, y = s.data.numeric("x"), s.data.numeric("y")
    graph, fig = drawn(s, "twoway (fpfitci y x, level(90)) (fpfit y x, lcolor(red))")
    fp = best_fp(y, x)
    (fit,) = segments(fig, "p1-s2-line")
    np.testing.assert_allclose(fit[:, 0], np.unique(x))
    np.testing.assert_allclose(fit[:, 1], fp.predict(np.unique(x)))
    band = graph.panels[0].series[0]
    assert band.kind == "area"
    from mlmcli.distributions import t as student_t

    q = float(student_t.ppf(0.95, len(y) - 3))
    se = np.sqrt(fp.prediction_variance(np.unique(x)))
    np.testing.assert_allclose(band.y2 - band.y, 2 * q * se, rtol=1e-8)
    assert "90% CI" in legend_texts(fig)
    # (jackknife's saving() with xtlogit is honoured now: tests/test_graphs_fpfit_xt_replicate_options.py)
    # (bootstrap's reject() with xtlogit too: tests/test_graphs_fpfit_xt_bootstrap_reject.py; its
    # noisily prints xtlogit's runs: tests/test_graphs_fpfit_printed_runs.py)


def test_twoway_dot(s):
    graph, fig = drawn(s, "twoway dot y x in 1/5, ndots(20)")
    dots, points = graph.panels[0].series
    assert dots.x.size == 5 * 20 and not dots.legend
    np.testing.assert_allclose(points.x, s.data.numeric("x")[:5])
    mx, my = line_xy(fig, "p1-s2-scatter")
    np.testing.assert_allclose(my, s.data.numeric("y")[:5])
    graph, fig = drawn(s, "twoway dot y x in 1/5, horizontal dotextend(no) base(0) dcolor(red)")
    dots = graph.panels[0].series[0]
    dx, dy = line_xy(fig, "p1-s1-scatter")
    ys = s.data.numeric("y")[:5]
    assert dx.min() == pytest.approx(min(0.0, ys.min())) and dx.max() <= max(0.0, ys.max()) + 1e-9
    assert axes(fig).get_xlabel() == "Outcome" and axes(fig).get_ylabel() == "x"
    (line,) = artists(fig, "p1-s1-scatter")
    from matplotlib.colors import to_rgb

    assert to_rgb(line.get_markerfacecolor()) == pytest.approx((1.0, 0.0, 0.0))
