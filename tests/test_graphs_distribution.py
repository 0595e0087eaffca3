"""histogram, kdensity, qnorm, pnorm, lowess and lpoly: printed notes, r(), generated
variables, and the drawn figure."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import (all_texts, artists, axes, bars, figure, legend_texts, make_session, run,
                            segments)
from mlmcli.graphs import smoothers


@pytest.fixture()
def s():
    return make_session(n=120, seed=11)


def ok(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return out


def y_of(session, name="y"):
    return session.data.numeric(name)


# ---------------------------------------------------------------- histogram
def test_histogram_default_bins_note_and_bars(s):
    out = ok(s, "histogram y")
    y = y_of(s)
    bins = smoothers.histogram_bins(y)
    assert bins.bins == 10  # int(min(sqrt(120), 10 log10(120))) = int(10.95)
    from mlmcli.render.numfmt import format_number
    assert out == (f"(bin=10, start={format_number(y.min(), '%10.0g').strip()}, "
                   f"width={format_number(bins.width, '%10.0g').strip()})\n")
    graph = s.graphs[-1]
    fig = figure(graph)
    rects = bars(fig, "p1-s1-bar")
    np.testing.assert_allclose(sorted(r.get_height() for r in rects), sorted(bins.heights))
    assert {round(r.get_width(), 9) for r in rects} == {round(bins.width, 9)}
    ax = axes(fig)
    assert ax.get_ylabel() == "Density" and ax.get_xlabel() == "Outcome"
    assert ax.get_ylim()[0] == 0  # bars stand on the axis
    assert legend_texts(fig) == []


@pytest.mark.parametrize("kind, total", [("fraction", 1.0), ("frequency", 120.0), ("percent", 100.0)])
def test_histogram_height_kinds(s, kind, total):
    ok(s, f"histogram y, {kind} bin(7)")
    series = s.graphs[-1].panels[0].series[0]
    assert series.y.sum() == pytest.approx(total)
    assert s.graphs[-1].ytitle == kind.capitalize()


def test_histogram_width_start_and_discrete(s):
    out = ok(s, "histogram x, width(2) start(0)")
    assert out.startswith("(bin=5, start=0, width=2)")
    series = s.graphs[-1].panels[0].series[0]
    assert set(np.round(series.x, 9)) <= {1.0, 3.0, 5.0, 7.0, 9.0}
    out = ok(s, "histogram g, discrete frequency")
    assert out == "(start=1, width=1)\n"
    series = s.graphs[-1].panels[0].series[0]
    np.testing.assert_allclose(series.x, [1, 2, 3])
    np.testing.assert_allclose(series.y, [40, 40, 40])


def test_histogram_normal_and_kdensity_overlays(s):
    ok(s, "histogram y, normal kdensity")
    hist, kde, normal = s.graphs[-1].panels[0].series
    y = y_of(s)
    np.testing.assert_allclose(normal.y, norm.pdf(normal.x, y.mean(), y.std(ddof=1)), rtol=1e-10)
    np.testing.assert_allclose(kde.y, smoothers.kernel_density(y, kde.x, smoothers.silverman_bandwidth(y)))
    assert kde.label == "kdensity y" and normal.label == "normal y"
    ok(s, "histogram y, frequency normal bin(5)")
    hist, normal = s.graphs[-1].panels[0].series
    width = smoothers.histogram_bins(y, bins=5).width
    np.testing.assert_allclose(normal.y, 120 * width * norm.pdf(normal.x, y.mean(), y.std(ddof=1)))


def test_histogram_by_groups_share_bins(s):
    out = ok(s, "histogram y, by(h) percent")
    assert out == ""  # no bin note with by()
    graph = s.graphs[-1]
    assert [p.title for p in graph.panels] == ["0", "1"]
    widths = {round(float(p.series[0].width), 9) for p in graph.panels}
    assert len(widths) == 1
    assert "Graphs by h" in all_texts(figure(graph))


def test_histogram_addlabels(s):
    ok(s, "histogram g, discrete frequency addlabels")
    fig = figure(s.graphs[-1])
    assert [t.get_text() for t in axes(fig).texts] == ["40", "40", "40"]


def test_histogram_errors(s):
    for text, rc, message in (
            ("histogram y, discrete bin(3)", 198, "options discrete and bin() may not be combined"),
            ("histogram y, bin(3) width(1)", 198, "options bin() and width() may not be combined"),
            ("histogram y, density percent", 198, "options density percent may not be combined"),
            ("histogram y, by(h) frequency normal", 191, "may not be combined with the normal"),
            ("histogram y, start(100)", 198, "option start() may not be larger than minimum of y"),
            ("histogram y x", 103, "too many variables specified")):
        out, code = run(s, text, stop_on_error=False)
        assert code == rc and message in out, (text, out)


def test_histogram_frequency_weights(s):
    ok(s, "histogram g [fw=w], discrete frequency")
    np.testing.assert_allclose(s.graphs[-1].panels[0].series[0].y, [40, 80, 120])


# ---------------------------------------------------------------- kdensity
def test_kdensity_defaults_r_and_drawing(s):
    ok(s, "kdensity y")
    y = y_of(s)
    h = smoothers.silverman_bandwidth(y)
    assert s.r["bwidth"] == pytest.approx(h) and s.r["n"] == 50 and s.r["kernel"] == "epanechnikov"
    series = s.graphs[-1].panels[0].series[0]
    np.testing.assert_allclose(series.x, smoothers.density_grid(y, h, 50))
    np.testing.assert_allclose(series.y, smoothers.kernel_density(y, series.x, h))
    assert s.r["scale"] == pytest.approx(1 / (50 * series.y.mean()))
    fig = figure(s.graphs[-1])
    (seg,) = segments(fig, "p1-s1-line")
    assert len(seg) == 50
    texts = all_texts(fig)
    assert "Kernel density estimate" in texts
    assert f"kernel = epanechnikov, bandwidth = {h:6.4f}" in texts
    assert axes(fig).get_ylabel() == "Density"


def test_kdensity_options(s):
    ok(s, "kdensity y, kernel(gaussian) bwidth(.5) n(30) normal")
    estimate, normal = s.graphs[-1].panels[0].series
    assert len(estimate.x) == 30 and s.r["bwidth"] == 0.5
    np.testing.assert_allclose(estimate.y, smoothers.kernel_density(y_of(s), estimate.x, .5, "gaussian"))
    assert legend_texts(figure(s.graphs[-1])) == ["Kernel density estimate", "Normal density"]
    ok(s, "kdensity y, biweight student(5)")
    assert s.r["kernel"] == "biweight"
    assert s.graphs[-1].panels[0].series[1].label == "t density, df = 5"


def test_kdensity_generate_at_and_nograph(s):
    graphs = len(s.graphs)
    ok(s, "kdensity y, generate(px py) n(20) nograph")
    assert len(s.graphs) == graphs
    px, py = y_of(s, "px"), y_of(s, "py")
    assert np.isfinite(px).sum() == 20 and np.isfinite(py).sum() == 20
    np.testing.assert_allclose(py[:20], smoothers.kernel_density(y_of(s), px[:20], s.r["bwidth"]))
    ok(s, "kdensity y, at(x) generate(dx) nograph")
    np.testing.assert_allclose(y_of(s, "dx"), smoothers.kernel_density(y_of(s), y_of(s, "x"), s.r["bwidth"]))
    out, rc = run(s, "kdensity y, generate(px py)", stop_on_error=False)
    assert rc == 110


def test_kdensity_n_above_the_observations_is_capped(s):
    out = ok(s, "kdensity y, n(500)")
    assert "(n() set to 120)" in out and s.r["n"] == 120


def test_kdensity_refuses_by_and_two_kernels(s):
    assert run(s, "kdensity y, by(h)", stop_on_error=False)[1] == 198
    assert run(s, "kdensity y, gaussian biweight", stop_on_error=False)[1] == 198
    assert run(s, "kdensity y, kernel(foo)", stop_on_error=False)[1] == 198


# ---------------------------------------------------------------- qnorm, pnorm
def test_qnorm_points_and_reference_line(s):
    ok(s, "qnorm y")
    points, reference = s.graphs[-1].panels[0].series
    y = np.sort(y_of(s))
    p = np.arange(1, 121) / 121
    np.testing.assert_allclose(points.y, y)
    np.testing.assert_allclose(points.x, norm.ppf(p) * y.std(ddof=1) + y.mean(), rtol=1e-6)
    np.testing.assert_allclose(reference.x, reference.y)
    fig = figure(s.graphs[-1])
    assert axes(fig).get_xlabel() == "Inverse Normal" and axes(fig).get_ylabel() == "Outcome"
    ok(s, "qnorm y, grid")
    assert "Grid lines are 5, 10, 25, 50, 75, 90, and 95 percentiles" in all_texts(figure(s.graphs[-1]))


def test_pnorm_points(s):
    ok(s, "pnorm y")
    points, reference = s.graphs[-1].panels[0].series
    y = np.sort(y_of(s))
    np.testing.assert_allclose(points.x, np.arange(1, 121) / 121, rtol=1e-6)
    np.testing.assert_allclose(points.y, norm.cdf((y - y.mean()) / y.std(ddof=1)), rtol=1e-6)
    assert s.graphs[-1].ytitle == "Normal F[(y-m)/s]"
    assert list(reference.x) == [0.0, 1.0]


# ---------------------------------------------------------------- lowess, lpoly
def test_lowess_graph_generate_and_titles(s):
    ok(s, "lowess y x, generate(sm)")
    y, x = y_of(s), y_of(s, "x")
    np.testing.assert_allclose(y_of(s, "sm"), smoothers.lowess(y, x, .8), rtol=1e-6)
    scatter, line = s.graphs[-1].panels[0].series
    assert scatter.kind == "scatter" and line.style == 2
    texts = all_texts(figure(s.graphs[-1]))
    assert "Lowess smoother" in texts and "bandwidth = .8" in texts
    ok(s, "lowess y x, mean bwidth(.4) nograph generate(sm2)")
    np.testing.assert_allclose(y_of(s, "sm2"), smoothers.lowess(y, x, .4, mean=True), rtol=1e-6)
    ok(s, "lowess y x, noweight")
    assert s.graphs[-1].title == "Running line smoother"


def test_lowess_by_smooths_within_groups(s):
    ok(s, "lowess y x, by(h) generate(smb)")
    y, x, h = y_of(s), y_of(s, "x"), y_of(s, "h")
    for k in (0, 1):
        np.testing.assert_allclose(y_of(s, "smb")[h == k], smoothers.lowess(y[h == k], x[h == k]),
                                   rtol=1e-6)
    assert len(s.graphs[-1].panels) == 2


def test_lpoly_r_and_generate(s):
    ok(s, "lpoly y x, bwidth(1.5) degree(1) generate(gx gs) n(25)")
    assert s.r["bwidth"] == 1.5 and s.r["degree"] == 1 and s.r["ngrid"] == 25
    gx, gs = y_of(s, "gx")[:25], y_of(s, "gs")[:25]
    np.testing.assert_allclose(gs, smoothers.local_polynomial(y_of(s), y_of(s, "x"), gx, 1.5, 1),
                               rtol=1e-6)
    texts = all_texts(figure(s.graphs[-1]))
    assert "Local polynomial smooth" in texts
    assert "kernel = epanechnikov, degree = 1, bandwidth = 1.5" in texts
    ok(s, "lpoly y x")
    assert s.r["bwidth"] == pytest.approx(smoothers.rot_bandwidth(y_of(s), y_of(s, "x"), 0))


def test_lpoly_ci_band_se_and_legend(s):
    """``ci``: the band m -/+ z se drawn behind the scatter and the smooth, in the CI colour,
    with a legend; ``se()`` keeps the standard errors; the pilot bandwidth is 1.5 times the
    rule of thumb unless ``pwidth()`` says otherwise."""
    from mlmcli.graphs.style import scheme

    ok(s, "lpoly y x, bwidth(1.5) degree(1) n(20) ci level(90) generate(gx gs) se(gse)")
    y, x = y_of(s), y_of(s, "x")
    gx, gse = y_of(s, "gx")[:20], y_of(s, "gse")[:20]
    pilot = 1.5 * smoothers.rot_bandwidth(y, x, 1)
    assert s.r["pwidth"] == pytest.approx(pilot) and s.r["N"] == len(y)
    want = np.sqrt(smoothers.local_polynomial_variance(y, x, gx, 1.5, 1, "epanechnikov", pilot))
    np.testing.assert_allclose(gse, want, rtol=1e-6)
    graph = s.graphs[-1]
    band, scatter, line = graph.panels[0].series
    assert band.kind == "area" and band.style == 0 and scatter.kind == "scatter" and line.style == 2
    z = norm.ppf(.95)
    fit = smoothers.local_polynomial(y, x, band.x, 1.5, 1)
    np.testing.assert_allclose(band.y, fit - z * np.sqrt(smoothers.local_polynomial_variance(
        y, x, band.x, 1.5, 1, "epanechnikov", pilot)), rtol=1e-9)
    fig = figure(graph)
    assert legend_texts(fig) == ["90% CI", "Outcome", "lpoly smooth"]
    texts = all_texts(fig)
    assert any(t.startswith("kernel = epanechnikov, degree = 1, bandwidth = 1.5, pwidth = ") for t in texts)
    from matplotlib.colors import to_hex
    polys = [a for a in artists(fig, "p1-s1-area") if hasattr(a, "get_facecolor")]
    assert polys and to_hex(polys[0].get_facecolor()[0]) == to_hex(scheme("s2color").ci_area)
    (drawn_line,) = segments(fig, "p1-s3-line")
    np.testing.assert_allclose(drawn_line[:, 1], fit, rtol=1e-9)
    # the band spans the smooth: lower < fit < upper where defined
    assert np.all(band.y < fit) and np.all(band.y2 > fit)


def test_lpoly_pwidth_var_ciopts_and_noscatter(s):
    ok(s, "lpoly y x, bwidth(2) pwidth(3) var(.25) ciopts(fcolor(red)) noscatter n(15)")
    y, x = y_of(s), y_of(s, "x")
    band, line = s.graphs[-1].panels[0].series
    se = np.sqrt(smoothers.local_polynomial_variance(y, x, band.x, 2, 0, "epanechnikov", 3, .25))
    fit = smoothers.local_polynomial(y, x, band.x, 2, 0)
    np.testing.assert_allclose(band.y2, fit + norm.ppf(.975) * se, rtol=1e-9)
    assert s.r["pwidth"] == 3 and band.color is not None
    fig = figure(s.graphs[-1])
    assert legend_texts(fig) == ["95% CI", "lpoly smooth"]
    from matplotlib.colors import to_hex
    polys = [a for a in artists(fig, "p1-s1-area") if hasattr(a, "get_facecolor")]
    assert to_hex(polys[0].get_facecolor()[0]) == "#ff0000"
    out, rc = run(s, "lpoly y x, se(sx)", stop_on_error=False)
    assert rc == 198 and "generate()" in out
    out, rc = run(s, "lpoly y x, generateci(a b)", stop_on_error=False)
    assert rc == 198 and "not allowed" in out


def test_failing_command_leaves_data_unchanged(s):
    before = list(s.data.df.columns)
    out, rc = run(s, "lowess y x, generate(sm) name(bad name)", stop_on_error=False)
    assert rc == 198 and list(s.data.df.columns) == before


def test_lpoly_se_at_points_with_a_variance_variable(s):
    """``at(var) var(varname) se()``: the standard errors at the at() points, each with its
    own residual variance from the variable, stored where at() is not missing."""
    ok(s, "generate at = x in 1/10")
    ok(s, "generate v = .3 in 1/10")
    ok(s, "replace v = .6 in 1/5")
    ok(s, "lpoly y x, at(at) bwidth(2) var(v) se(sat) nograph")
    y, x, at = y_of(s), y_of(s, "x"), y_of(s, "at")[:10]
    sigma2 = np.r_[np.full(5, .6), np.full(5, .3)]
    want = np.sqrt(smoothers.local_polynomial_variance(y, x, at, 2, 0, "epanechnikov", 1.0, sigma2))
    np.testing.assert_allclose(y_of(s, "sat")[:10], want, rtol=1e-6)
    assert np.isnan(y_of(s, "sat")[10:]).all()
    out, rc = run(s, "lpoly y x, pwidth(-1)", stop_on_error=False)
    assert rc == 198
