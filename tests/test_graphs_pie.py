"""graph pie: slices' angles from sums and counts, order, labels, looks."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import all_texts, artists, axes, drawn, legend_texts, make_session, run
from mlmcli.graphs.pie import RADIUS_UNITS, slice_angles


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
    # graph.ado: a family with nothing after it is "graph specification required"
    assert run(s, "graph pie", stop_on_error=False)[1] == 198
    assert run(s, "graph pie z w, over(g)", stop_on_error=False)[1] == 103
    out, rc = run(s, "graph pie z, over(g) bogus", stop_on_error=False)
    assert rc == 198 and "option bogus not allowed" in out
    out, rc = run(s, "graph pie z, over(g) pie(1, bogus)", stop_on_error=False)
    assert rc == 198
    out, rc = run(s, "graph pie z, over(g) xlabel(1 2)", stop_on_error=False)
    assert rc == 198


def _sweeps(fig, panel: int, n: int) -> list[float]:
    out = []
    for k in range(1, n + 1):
        found = artists(fig, f"p{panel}-s{k}-wedge")
        out.append(found[0].theta2 - found[0].theta1 if found else 0.0)
    return out


def test_pie_by_groups_one_pie_each(s):
    run(s, "replace g = 2 if h == 1 & g == 3")  # group h=1 has no g=3: a slice of no angle
    z, g, h = s.data.numeric("z"), s.data.numeric("g"), s.data.numeric("h")
    graph, fig = drawn(s, "graph pie z, over(g) by(h, total cols(3) title(T)) plabel(1 sum, format(%9.1f))")
    assert [p.title for p in graph.panels] == ["0", "1", "Total"]
    assert graph.note == "Graphs by h" and graph.cols == 3 and graph.title == "T"
    for j, rows in enumerate((h == 0, h == 1, np.ones_like(h, bool)), start=1):
        sums = np.array([z[rows & (g == k)].sum() for k in (1, 2, 3)])
        np.testing.assert_allclose(_sweeps(fig, j, 3), 360 * sums / sums.sum())
        ax = axes(fig, f"panel{j}")
        assert ax.get_title() == ["0", "1", "Total"][j - 1]
        assert [t.get_text() for t in ax.texts] == [f"{sums[0]:.1f}"]
    assert artists(fig, "p2-s3-wedge") == []  # no g == 3 when h == 1: nothing drawn ...
    assert legend_texts(fig) == ["low", "mid", "high"]  # ... but the key stays, once
    # every pie keeps its square: the axes' limits are the pie's, not the angles'
    assert axes(fig, "panel2").get_xlim() == pytest.approx(axes(fig, "panel1").get_xlim())
    assert max(abs(v) for v in axes(fig, "panel1").get_xlim()) < 1.5
    graph, fig = drawn(s, "graph pie z w, by(h, rows(2) legend(off))")
    assert len(graph.panels) == 2 and graph.legend == "off"


def test_pie_allcategories_keeps_absent_groups(s):
    graph, fig = drawn(s, "graph pie if g < 3, over(g)")
    assert legend_texts(fig) == ["low", "mid"]
    graph, fig = drawn(s, "graph pie if g < 3, over(g) allcategories")
    assert legend_texts(fig) == ["low", "mid", "high"]
    np.testing.assert_allclose(_sweeps(fig, 1, 3), [180.0, 180.0, 0.0])
    graph, fig = drawn(s, "graph pie if g < 3, over(g, allcategories)")
    assert legend_texts(fig) == ["low", "mid", "high"]


def test_pie_sort_by_variable(s):
    x, g = s.data.numeric("x"), s.data.numeric("g")
    means = [x[g == k].mean() for k in (1, 2, 3)]
    names = ["low", "mid", "high"]
    graph, fig = drawn(s, "graph pie, over(g) sort(x)")
    assert legend_texts(fig) == [names[k] for k in np.argsort(means)]
    graph, fig = drawn(s, "graph pie, over(g) sort(x) descending")
    assert legend_texts(fig) == [names[k] for k in np.argsort(means)[::-1]]


def test_pie_of_variables_sorted_by_a_variable(s):
    """sort(varname) without over(): each slice (a variable, summed over its non-missing rows)
    placed by varname's mean over those rows, as graph bar orders its yvars; variables with the
    same rows tie and keep the typed order, descending reverses it."""
    graph, fig = drawn(s, "graph pie z w, sort(x)")
    assert legend_texts(fig) == ["z", "w"]
    graph, fig = drawn(s, "graph pie z w, sort(x) descending")
    assert legend_texts(fig) == ["w", "z"]
    x = s.data.numeric("x")
    s.data.df.loc[x < 3, "z"] = np.nan   # z's rows: the larger x
    s.data.df.loc[x > 7, "w"] = np.nan   # w's rows: the smaller x
    graph, fig = drawn(s, "graph pie z y w, sort(x)")
    assert legend_texts(fig) == ["w", "Outcome", "z"]
    sums = [np.nansum(s.data.numeric(v)) for v in ("w", "y", "z")]
    sweeps = [w.theta2 - w.theta1 for w in _wedges(fig, 3)]
    np.testing.assert_allclose(sweeps, 360.0 * np.array(sums) / sum(sums))
    graph, fig = drawn(s, "graph pie z y w, sort(x) descending")
    assert legend_texts(fig) == ["z", "Outcome", "w"]
    graph, fig = drawn(s, "graph pie z y w, sort(x) cw")  # cw: every slice the same rows, a tie
    assert legend_texts(fig) == ["z", "Outcome", "w"]
    out, rc = run(s, "graph pie z w, sort(nosuchvar)", stop_on_error=False)
    assert rc == 111


def test_pie_ptext_polar_coordinates(s):
    graph, fig = drawn(s, f'graph pie, over(g) ptext(90 {RADIUS_UNITS} "top" 180 19 "west" "2nd", '
                          'size(large) color(red))')
    texts = {t.get_text(): t for t in axes(fig).texts}
    assert texts["top"].get_position() == pytest.approx((0.0, 1.0), abs=1e-9)  # on the rim at noon
    assert texts["west\n2nd"].get_position() == pytest.approx((-0.5, 0.0), abs=1e-9)
    assert texts["top"].get_fontsize() == pytest.approx(12.0)
    assert texts["top"].get_color() in ("red", "#ff0000", (1.0, 0.0, 0.0, 1.0))
    graph, fig = drawn(s, 'graph pie, over(g) ptext(0 76 "far")')  # the square widens to show it
    assert axes(fig).get_xlim()[1] >= 2.0


def test_pie_explode_sizes_numlists_and_pcycle(s):
    def offset(fig, k):
        return float(np.hypot(*artists(fig, f"p1-s{k}-wedge")[0].center))

    graph, fig = drawn(s, "graph pie, over(g) pie(1, explode(5)) pie(2, explode(medium)) pie(3, explode)")
    assert offset(fig, 1) == pytest.approx(5 / RADIUS_UNITS)
    assert offset(fig, 2) == pytest.approx(9.5 / (RADIUS_UNITS * 2.88))  # medium: 9.5 points
    assert offset(fig, 3) == pytest.approx(0.1)  # Stata's default 3.8: a tenth of the radius
    graph, fig = drawn(s, "graph pie, over(g) pie(_all, explode(*2))")
    assert [offset(fig, k) for k in (1, 2, 3)] == pytest.approx([0.2] * 3)
    graph, fig = drawn(s, "graph pie, over(g) pie(1 3, color(red))")
    red = [artists(fig, f"p1-s{k}-wedge")[0].get_facecolor()[:3] == pytest.approx((1, 0, 0)) for k in (1, 2, 3)]
    assert red == [True, False, True]
    graph, fig = drawn(s, "graph pie, over(g) pcycle(2)")
    colours = [artists(fig, f"p1-s{k}-wedge")[0].get_facecolor() for k in (1, 2, 3)]
    assert colours[2] == colours[0] and colours[1] != colours[0]
    graph, fig = drawn(s, "graph pie, over(g) plabel(1 name, gap(19))")
    (label,) = axes(fig).texts
    assert float(np.hypot(*label.get_position())) == pytest.approx(2 / 3 + 0.5)
