"""graph dot's value axis and plot region as graph bar's: bargraph_g.class gives a dot chart the
bar chart's plot region (style ``bargraph``, ``hbargraph`` when horizontal) and the same
``include0`` scale, so `graph dot, vertical` is laid out as `graph bar` (its top marker no longer
at the plot region's edge, the region no longer pushed up to the figure's top by the top label)."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, drawn, make_session, run


@pytest.fixture
def s():
    return make_session()


def _reach(lo: float, hi: float, low: float, high: float) -> tuple[float, float]:
    """Limits ``low``..``high`` widened to the natural labels over ``lo``..``hi`` (the axis
    reaches its outer labels, 5% of the whole range beyond one outside: natural_scale.py)."""
    from mlmcli.graphs.natural_scale import natural_ticks

    ticks = natural_ticks(lo, hi)
    span = max(hi, ticks[-1]) - min(lo, ticks[0])
    return (min(low, ticks[0] - 0.05 * span) if ticks[0] < low else low,
            max(high, ticks[-1] + 0.05 * span) if ticks[-1] > high else high)


def _group_means(s) -> np.ndarray:
    y, g = s.data.numeric("y"), s.data.numeric("g")
    return np.array([y[g == k].mean() for k in (1, 2, 3)])


@pytest.mark.parametrize("tail", ["", " title(Means)", " title(T) subtitle(S) note(N)", " ytitle(Mean of y)"])
def test_vertical_dot_is_laid_out_as_bar(s, tail):
    _, bar = drawn(s, f"graph bar y, over(g){tail}")
    _, dot = drawn(s, f"graph dot y, over(g) vertical{tail}")
    np.testing.assert_allclose(axes(dot).get_position().bounds, axes(bar).get_position().bounds, atol=1e-9)
    np.testing.assert_allclose(axes(dot).get_ylim(), axes(bar).get_ylim())


def test_vertical_dot_value_axis_runs_from_zero_to_the_bars_room(s):
    top = _group_means(s).max()
    assert top > 0 and _group_means(s).min() > 0
    graph, fig = drawn(s, "graph dot y, over(g) vertical")
    ax = axes(fig)
    lo, hi = ax.get_ylim()
    assert lo == 0.0 and hi == pytest.approx(1.05 * top)  # matplotlib's 5%, of the range from 0
    assert np.nanmax(graph.panels[0].series[0].y) == pytest.approx(top)  # the top dot, 5% below
    # the plot region ends below the figure's top by the graph region's margin, as bar's
    _, bar = drawn(s, "graph bar y, over(g)")
    assert ax.get_position().y1 == pytest.approx(axes(bar).get_position().y1)
    assert ax.get_position().y1 < 0.995


def test_horizontal_dot_value_axis_as_hbar(s):
    _, hbar = drawn(s, "graph hbar y, over(g)")
    _, dot = drawn(s, "graph dot y, over(g)")
    np.testing.assert_allclose(axes(dot).get_xlim(), axes(hbar).get_xlim())
    assert axes(dot).get_xlim()[1] == pytest.approx(1.05 * _group_means(s).max())


def test_negative_dots_end_at_zero_as_bars(s):
    run(s, "replace y = y - 20")
    means = _group_means(s)
    assert means.max() < 0
    _, bar = drawn(s, "graph bar y, over(g)")
    _, dot = drawn(s, "graph dot y, over(g) vertical")
    lo, hi = axes(dot).get_ylim()
    assert (lo, hi) == pytest.approx(_reach(means.min(), 0.0, 1.05 * means.min(), 0.0))
    assert hi == 0.0
    np.testing.assert_allclose(axes(dot).get_ylim(), axes(bar).get_ylim())


def test_by_panels_and_exclude0(s):
    _, bar = drawn(s, "graph bar y, over(g) by(h)")
    _, dot = drawn(s, "graph dot y, over(g) vertical by(h)")
    np.testing.assert_allclose(axes(dot, "panel1").get_ylim(), axes(bar, "panel1").get_ylim())
    np.testing.assert_allclose(axes(dot, "panel1").get_position().bounds,
                               axes(bar, "panel1").get_position().bounds, atol=1e-9)
    _, dot = drawn(s, "graph dot y, over(g) vertical exclude0")  # no 0: the markers' own range
    lo, hi = axes(dot).get_ylim()
    means = _group_means(s)
    span = means.max() - means.min()
    assert (lo, hi) == pytest.approx(_reach(means.min(), means.max(), means.min() - 0.05 * span,
                                            means.max() + 0.05 * span))


def test_one_dot_as_one_bar(s):
    """A single dot (no over()): matplotlib widens a one-value range itself; the axis still
    reaches 5% beyond the value from 0, as the single bar's."""
    mean = float(np.mean(s.data.numeric("y")))
    _, bar = drawn(s, "graph bar y")
    _, dot = drawn(s, "graph dot y, vertical")
    assert axes(dot).get_ylim() == pytest.approx(axes(bar).get_ylim())
    assert axes(dot).get_ylim() == pytest.approx(_reach(0.0, mean, 0.0, 1.05 * mean))
    _, dot = drawn(s, "graph dot y, over(g) vertical yline(30)")  # an added line widens it as bar's
    _, bar = drawn(s, "graph bar y, over(g) yline(30)")
    assert axes(dot).get_ylim() == pytest.approx(axes(bar).get_ylim())
