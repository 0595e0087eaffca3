"""twoway contour / contourline: surfaces, cuts, colour rules, legend keys."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, drawn, legend_texts, make_session, run
from mlmcli.graphs.contour import cuts_of, data_grid, region_colors, shepard_surface, thin_plate_surface


@pytest.fixture()
def s():
    session = make_session(n=80)
    run(session, "gen q = x^2/10 - z")
    return session


def test_surfaces_reproduce_the_points():
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 1, 30), rng.uniform(0, 1, 30)
    z = 1 + 2 * x - y  # a plane: the thin-plate spline is exact on it
    gx, gy = np.linspace(0, 1, 7), np.linspace(0, 1, 5)
    grid = thin_plate_surface(x, y, z, gx, gy)
    np.testing.assert_allclose(grid, 1 + 2 * gx[None, :] - gy[:, None], atol=1e-8)
    at = shepard_surface(x, y, z, x[:3], y[:3])  # exact at the data points
    np.testing.assert_allclose(np.diag(at), z[:3])
    gx, gy, full = data_grid(np.array([0, 1, 0, 1.0]), np.array([0, 0, 1, 1.0]), np.array([1, 2, 3, 4.0]))
    np.testing.assert_allclose(full, [[1, 2], [3, 4]])
    with pytest.raises(Exception):
        data_grid(np.array([0, 1, 0.0]), np.array([0, 0, 1.0]), np.array([1, 2, 3.0]))


def test_cuts_and_colour_rules():
    z = np.array([0.0, 10.0])
    np.testing.assert_allclose(cuts_of(z, 5, None, False), [2, 4, 6, 8])
    np.testing.assert_allclose(cuts_of(z, 5, [3, 1], True), [0, 1, 3, 10])
    hue = region_colors(5, "hue", "#0000ff", "#ff0000")
    assert hue[0] == "#0000ff" and hue[-1] == "#ff0000" and hue[2] == "#00ff00"  # through green
    assert region_colors(3, "chue", "#0000ff", "#ff0000")[1] == "#ff00ff"  # through magenta
    assert region_colors(2, "linear", "#000000", "#ffffff") == ["#000000", "#ffffff"]


def test_contour_draws_regions_and_keys(s):
    graph, fig = drawn(s, "twoway contour q y x, levels(4) format(%4.1f)")
    main = graph.panels[0].series[0]
    assert main.kind == "contour" and main.stats.shape == (60, 60) and len(main.pos) == 5
    keys = legend_texts(fig)
    assert len(keys) == 4 and all(" - " in k for k in keys)
    assert axes(fig).get_ylabel() == "Outcome" and axes(fig).get_xlabel() == "x"
    drawn_sets = [c for c in axes(fig).collections if c.get_gid() == "p1-s1-contour"]
    assert drawn_sets
    graph, fig = drawn(s, "twoway contour q y x, heatmap ccuts(-2 0 2) ccolors(red green blue navy)")
    main = graph.panels[0].series[0]
    assert main.kind == "heatmap" and len(main.labels) == len(main.pos) - 1


def test_contourline_and_errors(s):
    graph, fig = drawn(s, "twoway contourline q y x, ccuts(-1 0 1) colorlines reversekey")
    main = graph.panels[0].series[0]
    np.testing.assert_allclose(main.pos, [-1, 0, 1])
    assert legend_texts(fig) == ["-1", "0", "1"]
    graph, fig = drawn(s, "twoway contourline q y x, levels(3)")
    assert len(set(graph.panels[0].series[0].labels)) == 1  # one colour without colorlines
    for text in ("twoway contour q y", "twoway contour q y x, interp(bogus)",
                 "twoway contour q y x, zlabel(1 2)", "twoway contour q y x, interp(none)"):
        out, rc = run(s, text, stop_on_error=False)
        assert rc != 0, text
