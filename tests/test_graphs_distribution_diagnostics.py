"""symplot, quantile, qqplot, qchi, pchi, qladder and spikeplot ([R] diagnostic plots, [R] ladder,
[R] spikeplot): the plotted points against values computed here with numpy/scipy from the
ado-files' formulas, titles, reference lines, and Stata's errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import chi2, norm

from graphs_helpers import all_texts, axes, figure, make_session, run, tick_texts


@pytest.fixture()
def s():
    return make_session(n=120, seed=11)


def ok(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return out


def fails(session, text, rc):
    out, got = run(session, text, stop_on_error=False)
    assert got == rc, out
    return out.strip().splitlines()[-2]  # the message above r(#);


def var(session, name):
    return session.data.numeric(name).astype(np.float32).astype(float)


def series(session, k=-1):
    return session.graphs[k].panels[0].series


# ---------------------------------------------------------------- symplot
@pytest.mark.parametrize("last", [120, 119])
def test_symplot_points_titles_and_reference(s, last):
    ok(s, f"symplot y in 1/{last}")
    points, reference = series(s)
    y = np.sort(s.data.numeric("y")[:last])
    med = np.median(y)
    half = (last + 1) // 2  # 60 both times
    np.testing.assert_allclose(points.x, [med - y[i] for i in range(half)], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(points.y, [y[last - 1 - i] - med for i in range(half)], rtol=1e-6, atol=1e-6)
    assert len(points.x) == 60
    np.testing.assert_allclose(reference.x, reference.y)
    assert reference.x.min() == pytest.approx(points.x.min()) and reference.x.max() == pytest.approx(points.x.max())
    fig = figure(s.graphs[-1])
    assert axes(fig).get_xlabel() == "Distance below median"
    assert axes(fig).get_ylabel() == "Distance above median"
    assert "Outcome" in all_texts(fig)  # title(): y's label


def test_symplot_reference_line_options(s):
    ok(s, "symplot x, rlopts(lcolor(red)) msymbol(X)")
    points, reference = series(s)
    assert reference.color.lower() in ("#ff0000", "red", "#f00")
    assert s.graphs[-1].title == "x"  # no label: the name
    for command in ("qnorm y", "pchi z", "qqplot y x"):  # the ados' RLOPts: rlop is enough
        ok(s, command + ", rlop(lcolor(red))")
        assert series(s)[1].color.lower() in ("#ff0000", "red", "#f00")


# ---------------------------------------------------------------- quantile
def test_quantile_points_line_and_axis(s):
    ok(s, "quantile y if g < 3")
    points, line = series(s)
    y = np.sort(var(s, "y")[s.data.numeric("g") < 3])
    n = y.size
    i = np.arange(1, n + 1)
    np.testing.assert_allclose(points.x, (i - .5) / n, rtol=1e-6)
    np.testing.assert_allclose(points.y, y)
    np.testing.assert_allclose(line.x, (i - .5) / n, rtol=1e-6)
    np.testing.assert_allclose(line.y, y[0] + i * (y[-1] - y[0]) / n, rtol=1e-6)
    assert line.y[-1] == pytest.approx(y[-1])
    fig = figure(s.graphs[-1])
    assert axes(fig).get_ylabel() == "Quantiles of Outcome"
    assert axes(fig).get_xlabel() == "Fraction of the data"
    assert tick_texts(axes(fig), "x") == ["0", ".25", ".5", ".75", "1"]
    assert s.graphs[-1].yaxis.grid is None  # the scheme's y grid: quantile.ado types no nogrid
    ok(s, "qchi z")
    assert s.graphs[-1].yaxis.grid is False and s.graphs[-1].xaxis.grid is False  # qchi.ado's nogrid


def test_added_plots_take_the_styles_after_the_reference_line(s):
    ok(s, "quantile y, addplot(scatter x y)")
    assert [(x.kind, x.style) for x in series(s)] == [("scatter", 1), ("line", 2), ("scatter", 3)]
    assert s.graphs[-1].legend != "off"  # the ado's legend(nodraw) only without addplot()


# ---------------------------------------------------------------- qqplot
def test_qqplot_equal_counts_pairs_sorted_values(s):
    ok(s, "qqplot y x")
    points, reference = series(s)
    np.testing.assert_allclose(points.y, np.sort(var(s, "y")))
    np.testing.assert_allclose(points.x, np.sort(var(s, "x")))
    assert list(reference.x) == pytest.approx([points.x.min(), points.x.max()])
    g = s.graphs[-1]
    assert (g.title, g.ytitle, g.xtitle) == ("Quantile-Quantile Plot", "Outcome", "x")


def test_qqplot_interpolates_the_longer_variable(s):
    ok(s, "replace x = . in 1/40")
    ok(s, "qqplot y x")
    points, _ = series(s)
    y = np.sort(var(s, "y"))
    x = np.sort(var(s, "x")[40:])
    rank = (np.arange(1, 81) - .5) * 120 / 80 + .5  # 1-based plotting positions among the 120
    np.testing.assert_allclose(points.y, np.interp(rank, np.arange(1, 121), y), rtol=1e-6)
    np.testing.assert_allclose(points.x, x)
    ok(s, "qqplot x y")  # the other way round: x is the shorter, y is interpolated on the x axis
    points, _ = series(s)
    np.testing.assert_allclose(points.x, np.interp(rank, np.arange(1, 121), y), rtol=1e-6)


# ---------------------------------------------------------------- qchi, pchi
def test_qchi_points_titles_grid_and_df_error(s):
    ok(s, "qchi z, df(3)")
    points, reference = series(s)
    z = np.sort(s.data.numeric("z"))
    np.testing.assert_allclose(points.y, z)
    np.testing.assert_allclose(points.x, chi2.ppf(np.arange(1, 121) / 121, 3), rtol=1e-6)
    np.testing.assert_allclose(reference.x, reference.y)
    assert s.graphs[-1].xtitle == "Expected \u03c7\u00b2 d.f. = 3" and s.graphs[-1].ytitle == "z"
    ok(s, "qchi z, grid")
    assert "Grid lines are 5, 10, 25, 50, 75, 90, and 95 percentiles" in all_texts(figure(s.graphs[-1]))
    assert s.graphs[-1].xlines[0] == pytest.approx(chi2.ppf(.05, 1))
    assert fails(s, "qchi z, df(0)", 499) == "df() must be greater than zero"


def test_pchi_points(s):
    ok(s, "pchi z, df(2)")
    points, reference = series(s)
    z = np.sort(s.data.numeric("z"))
    np.testing.assert_allclose(points.x, np.arange(1, 121) / 121, rtol=1e-6)
    np.testing.assert_allclose(points.y, chi2.cdf(z, 2), rtol=1e-6)
    assert list(reference.x) == pytest.approx([1 / 121, 120 / 121])
    g = s.graphs[-1]
    assert g.ytitle == "\u03c7\u00b2(z) d.f. = 2" and g.xtitle == "Empirical P[i] = i/(N+1)"
    fig = figure(g)
    assert tick_texts(axes(fig), "x") == tick_texts(axes(fig), "y") == ["0.00", "0.25", "0.50", "0.75", "1.00"]


# ---------------------------------------------------------------- qladder
def test_qladder_rungs_points_and_note(s):
    ok(s, "qladder z, grid")
    g = s.graphs[-1]
    assert [p.subtitle for p in g.parts] == ["cubic", "square", "identity", "sqrt", "log", "1/sqrt",
                                              "inverse", "1/square", "1/cubic"]
    z = s.data.numeric("z")
    n = z.size
    cubic = np.sort((z ** 3).astype(np.float32).astype(float))
    points = g.parts[0].panels[0].series[0]
    np.testing.assert_allclose(points.y, cubic, rtol=1e-6)
    p = np.arange(1, n + 1) / (n + 1)
    np.testing.assert_allclose(points.x, norm.ppf(p) * cubic.std(ddof=1) + cubic.mean(), rtol=1e-5)
    assert ("Quantile-Normal plots by transformation\nGrid lines are 5,10,25,50,75,90, and 95 percentiles"
            in all_texts(figure(g)))  # the note's two lines
    assert not [c for c in s.data.df.columns if c.startswith("__")]
    ok(s, "qladder y")  # negative and positive values, no zero: no sqrt, log, 1/sqrt
    assert [p.subtitle for p in s.graphs[-1].parts] == ["cubic", "square", "identity", "inverse",
                                                         "1/square", "1/cubic"]


def test_qladder_errors(s):
    assert fails(s, "qladder y, addplot(scatter y x)", 198) == "option addplot() not allowed"
    assert fails(s, "qladder y in 1/2", 2001) == "insufficient observations"
    assert fails(s, "qladder y [fw=w]", 101) == "weights not allowed"
    assert fails(s, "qladder z, bogus(1)", 198) == "option bogus() not allowed"  # graph combine's
    assert list(s.data.df.columns) == ["y", "x", "z", "g", "h", "w"]
    assert run(s, "graph dir")[0].split() == []  # the rungs' graphs dropped, nothing drawn


# ---------------------------------------------------------------- spikeplot
def test_spikeplot_frequencies_fraction_root_and_weights(s):
    ok(s, "spikeplot g")
    (spikes,) = series(s)  # drawn as rspike from 0 (y) to the height (y2)
    np.testing.assert_allclose(spikes.x, [1, 2, 3])
    np.testing.assert_allclose(spikes.y2, [40, 40, 40])
    assert (s.graphs[-1].ytitle, s.graphs[-1].xtitle) == ("Frequency", "g")
    ok(s, "spikeplot g [fw=w]")
    w, g = s.data.numeric("w"), s.data.numeric("g")
    np.testing.assert_allclose(series(s)[0].y2, [w[g == k].sum() for k in (1, 2, 3)])
    ok(s, "spikeplot x, round(2) fraction")
    x = s.data.numeric("x")
    r = 2 * np.floor(x / 2 + .5)
    values, counts = np.unique(r, return_counts=True)
    order = np.argsort(series(s)[0].x)  # spikes in the data's order
    np.testing.assert_allclose(series(s)[0].x[order], values)
    np.testing.assert_allclose(series(s)[0].y2[order], counts / 120)
    assert s.graphs[-1].ytitle == "Fraction"
    ok(s, "spikeplot g, root")
    np.testing.assert_allclose(series(s)[0].y2, np.sqrt([40, 40, 40]))
    assert s.graphs[-1].ytitle == "Root of frequency"
    ok(s, "spikeplot g, base(5) lcolor(red)")  # twoway spike's options: "a baseline other than zero"
    assert list(series(s)[0].y) == [5, 5, 5]


def test_spikeplot_by_fractions_within_groups(s):
    before = list(s.data.df.columns)
    ok(s, "spikeplot g if x < 5, fraction by(h)")
    g, h, x = (s.data.numeric(v) for v in ("g", "h", "x"))
    panels = s.graphs[-1].panels
    assert len(panels) == 2
    for panel, level in zip(panels, (0, 1)):
        keep = (h == level) & (x < 5)
        expected = [np.mean(g[keep] == k) for k in (1, 2, 3)]
        order = np.argsort(panel.series[0].x)
        np.testing.assert_allclose(panel.series[0].x[order], [1, 2, 3])
        np.testing.assert_allclose(panel.series[0].y2[order], expected)  # spikes from 0 (y) to y2
    assert list(s.data.df.columns) == before


def test_spikeplot_errors(s):
    assert fails(s, "spikeplot g, frac root", 198) == "must choose only one of root and frac options"
    assert fails(s, "spikeplot g [pw=w]", 101) == "pweights not allowed"


def test_weights_by_prefix_and_by_option_refused(s):
    assert fails(s, "symplot y [fw=w]", 101) == "weights not allowed"
    assert fails(s, "quantile y, by(g)", 198) == "option by() not allowed"
    assert fails(s, "by g: qqplot y x", 190) == "qqplot may not be combined with by"
