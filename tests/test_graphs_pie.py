"""graph pie: slices' angles from sums and counts, order, labels, looks."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, axes, drawn, legend_texts, make_session, run
from mlmcli.graphs.pie import slice_angles


@pytest.fixture()
def s():
    return make_session()


def _wedges(fig, n):
    return [artists(fig, f"p1-s{k}-wedge")[0] for k in range(1, n + 1)]


def test_slice_angles_clockwise_from_noon():
    assert slice_angles(np.array([1.0, 3.0])) == [(0.0, 90.0), (-270.0, 0.0)]
    assert slice_angles(np.array([1.0, 1.0]), angle0=0, clockwise=False) == [(0.0, 180.0), (180.0, 360.0)]


def test_pie_of_counts_over_groups(s):
    graph, fig = drawn(s, "graph pie, over(g) plabel(_all percent, format(%4.1f)) title(P)")
    wedges = _wedges(fig, 3)
    sweeps = [w.theta2 - w.theta1 for w in wedges]
    np.testing.assert_allclose(sweeps, [120.0, 120.0, 120.0])
    assert wedges[0].theta2 == pytest.approx(90.0)  # the first slice starts at 12 o'clock
    assert legend_texts(fig) == ["low", "mid", "high"]
    texts = [t.get_text() for t in axes(fig).texts]
    assert texts == ["33.3%"] * 3
    assert not axes(fig).xaxis.get_visible() or not axes(fig).spines["bottom"].get_visible()


def test_pie_of_sums_sorted_and_exploded(s):
    z, g = s.data.numeric("z"), s.data.numeric("g")
    sums = np.array([z[g == k].sum() for k in (1, 2, 3)])
    graph, fig = drawn(s, "graph pie z, over(g) sort descending pie(1, explode color(red)) plabel(2 sum, format(%9.2f))")
    order = np.argsort(sums)[::-1]
    wedges = _wedges(fig, 3)
    np.testing.assert_allclose([w.theta2 - w.theta1 for w in wedges], 360 * sums[order] / sums.sum())
    assert wedges[0].center != (0.0, 0.0) and wedges[1].center == (0.0, 0.0)
    assert wedges[0].get_facecolor()[:3] == pytest.approx((1.0, 0.0, 0.0))
    assert [t.get_text() for t in axes(fig).texts] == [f"{sums[order][1]:.2f}"]
    assert legend_texts(fig) == [["low", "mid", "high"][k] for k in order]


def test_pie_of_variables_and_errors(s):
    graph, fig = drawn(s, "graph pie z w, noclockwise angle0(0)")
    z, w = s.data.numeric("z").sum(), s.data.numeric("w").sum()
    wedges = _wedges(fig, 2)
    assert wedges[0].theta1 == pytest.approx(0.0)
    assert wedges[0].theta2 == pytest.approx(360 * z / (z + w))
    assert legend_texts(fig) == ["z", "w"]
    assert run(s, "graph pie", stop_on_error=False)[1] == 100
    assert run(s, "graph pie z w, over(g)", stop_on_error=False)[1] == 103
    out, rc = run(s, "graph pie z, over(g) by(h)", stop_on_error=False)
    assert rc == 198 and "not supported by mlmcli" in out
    out, rc = run(s, "graph pie z, over(g) xlabel(1 2)", stop_on_error=False)
    assert rc == 198
