"""Graph fits and regression diagnostic plots of values near Stata's largest double (the fuzzers'
``huge`` shape: y up to 8.98e307, x at 1e307): they draw, the curves those of the same data
divided by a power of two (exact) and scaled back -- the sums and cross-products of the values
themselves pass the largest double (they used to end in an internal error r(9999))."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, double_session, figure, line_xy, run, segments

SCALE = 2.0 ** 1000  # ~1.07e301: the small copy of the data is the huge one divided by it, exactly


def sessions(seed: int = 3, n: int = 40):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, n)
    y = 2 + 3 * x - x * x + rng.normal(0, .3, n)
    c = rng.uniform(-1, 0, n)
    small = {"y": y * 8, "x2": x * 9, "c": c * 9}
    huge = {k: v * SCALE for k, v in small.items()}
    assert max(np.abs(v).max() for v in huge.values()) > 8e301
    return double_session(huge), double_session(small)


def drawn(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return figure(session.graphs[-1])


def curve(fig, gid="p1-s1-line"):
    (seg,) = segments(fig, gid)
    return seg[:, 0], seg[:, 1]


@pytest.mark.parametrize("cmd", ["twoway lfit y x2", "twoway qfit y x2", "twoway lpoly y x2",
                                 "twoway lpoly y x2, degree(1)", "twoway mspline y x2", "lpoly y x2, nograph(0)"])
def test_fits_of_huge_values_are_the_scaled_fits(cmd):
    cmd = cmd.replace(", nograph(0)", "")
    huge, small = sessions()
    gid = "p1-s2-line" if cmd.startswith("lpoly") else "p1-s1-line"
    hx, hy = curve(drawn(huge, cmd), gid)
    sx, sy = curve(drawn(small, cmd), gid)
    assert len(hx) >= 3 and np.all(np.isfinite(hy))  # lfit: n(3)
    np.testing.assert_allclose(hx / SCALE, sx, rtol=1e-12)
    np.testing.assert_allclose(hy / SCALE, sy, rtol=1e-9)


def test_lfit_of_huge_values_is_least_squares():
    huge, small = sessions()
    hx, hy = curve(drawn(huge, "twoway lfit y x2"))
    slope, intercept = np.polyfit(small.data.numeric("x2"), small.data.numeric("y"), 1)
    np.testing.assert_allclose(hy / SCALE, intercept + slope * hx / SCALE, rtol=1e-9)


@pytest.mark.parametrize("cmd", ["twoway lfitci y x2", "twoway qfitci y x2", "twoway lpolyci y x2"])
def test_bands_of_huge_values_draw(cmd):
    huge, small = sessions()
    fig_h, fig_s = drawn(huge, cmd), drawn(small, cmd)
    hx, hy = curve(fig_h, "p1-s2-line")
    sx, sy = curve(fig_s, "p1-s2-line")
    assert len(hx) == len(sx) >= 3 and np.all(np.isfinite(hy))
    np.testing.assert_allclose(hy / SCALE, sy, rtol=1e-9)
    # the band (an area): its outline is the small data's band scaled back
    (band_h,), (band_s,) = artists(fig_h, "p1-s1-area"), artists(fig_s, "p1-s1-area")
    outline_h, outline_s = band_h.get_paths()[0].vertices, band_s.get_paths()[0].vertices
    assert len(outline_h) == len(outline_s) > 6 and np.all(np.isfinite(outline_h))
    np.testing.assert_allclose(outline_h / SCALE, outline_s, rtol=1e-8)


@pytest.mark.parametrize("cmd", ["lvr2plot", "avplot x2", "cprplot x2", "rvfplot"])
def test_regression_diagnostics_of_huge_regressors(cmd):
    huge, small = sessions()
    for s in (huge, small):
        out, rc = run(s, "regress y c x2")
        assert rc == 0, out
    hx, hy = line_xy(drawn(huge, cmd), "p1-s1-scatter")
    sx, sy = line_xy(drawn(small, cmd), "p1-s1-scatter")
    assert len(hx) == 40
    # lvr2plot's leverage and normalized residual squared are free of the scale; the others scale
    k = 1.0 if cmd == "lvr2plot" else SCALE
    np.testing.assert_allclose(np.sort(hx) / k, np.sort(sx), rtol=1e-8)
    np.testing.assert_allclose(np.sort(hy) / k, np.sort(sy), rtol=1e-8, atol=1e-12)


def test_acprplot_of_huge_regressor_is_statas_no_observations():
    # acprplot.ado's x^2 is missing for every row (past the largest double): _regress r(2000)
    huge, _ = sessions()
    s = double_session({"y": huge.data.numeric("y"), "x2": huge.data.numeric("x2") * 8})
    run(s, "regress y x2")
    out, rc = run(s, "acprplot x2", stop_on_error=False)
    assert rc == 2000 and "no observations" in out
