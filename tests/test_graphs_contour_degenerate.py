"""twoway contour / contourline on degenerate data: points on a line, repeated pairs, one
distinct x or y, a constant or missing z, too few points -- drawn as help twoway_contour
describes (a regular grid plotted as is, the smallest z of a repeated pair), never an internal
error.  docs/graphs.md (the contour row) says what is Stata's and what is mlm's choice."""
from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphs_helpers import axes, double_session, drawn, figure, run


def _surface(session, text):
    graph, fig = drawn(session, text)
    main = graph.panels[0].series[0]
    return main, fig


def _filled(fig) -> list:
    return [c for c in axes(fig).collections if (c.get_gid() or "").endswith("-contour")]


def test_points_on_one_line_draw_the_least_norm_spline():
    # the case: y = x, so the spline's n + 3 system is singular; its smallest-norm
    # solution is the plane (x + y) / 2 (z rises along the line, no slope across it)
    s = double_session({"x": np.arange(1.0, 6.0), "y": np.arange(1.0, 6.0)})
    out, rc = run(s, "twoway contour y x x")
    assert rc == 0 and "internal error" not in out
    main = s.graphs[-1].panels[0].series[0]
    assert main.stats.shape == (60, 60)
    np.testing.assert_allclose(main.stats, (main.x[None, :] + main.y[:, None]) / 2, atol=1e-8)
    for opt in ("interp(shepard)", "interp(none)", "heatmap", ""):
        for kind in ("contour", "contourline"):
            if kind == "contourline" and opt == "heatmap":
                continue
            _, fig = drawn(s, f"twoway {kind} y x x, {opt}")
            plt.close(fig)


def test_two_points_draw():
    s = double_session({"z": [1.0, 3.0], "y": [0.0, 2.0], "x": [0.0, 4.0]})
    main, fig = _surface(s, "twoway contour z y x")
    assert np.isclose(main.stats[0, 0], 1) and np.isclose(main.stats[-1, -1], 3)  # through the points
    assert _filled(fig)


def test_a_regular_grid_is_plotted_as_is_with_the_smallest_z():
    # help twoway_contour: interp() is "the interpolation method to use if z, y, and x do not fill
    # a regular grid"; of two z at one pair "the smallest z value is used"
    s = double_session({"z": [1, 2, 3, 1, 1.0], "y": [1, 4, 4, 1, 4.0], "x": [1, 1, 1, 2, 2.0]})
    for opt in ("", "interp(shepard)", "interp(none)"):
        main, fig = _surface(s, f"twoway contour z y x, {opt}")
        np.testing.assert_allclose(main.x, [1, 2])
        np.testing.assert_allclose(main.y, [1, 4])
        np.testing.assert_allclose(main.stats, [[1, 1], [2, 1]])
        plt.close(fig)


def test_interp_none_off_a_grid_leaves_the_pair_missing():
    # help twoway_contour: "Any grid cell with edge points containing a missing z value will be
    # displayed using background color" (mlm refused with r(498) before)
    s = double_session({"z": [1, 2, 1.0], "y": [1, 2, 1.0], "x": [1, 1, 2.0]})
    out, rc = run(s, "twoway contour z y x, interp(none)")
    assert rc == 0, out
    main = s.graphs[-1].panels[0].series[0]
    np.testing.assert_allclose(main.stats, [[1, 1], [2, np.nan]])
    plt.close(figure(s.graphs[-1]))


@pytest.mark.parametrize("columns", [
    {"z": [1, 2, 3.0], "y": [1, 2, 3.0], "x": [5, 5, 5.0]},  # one distinct x: a 3 x 1 grid
    {"z": [1, 2, 3.0], "y": [7, 7, 7.0], "x": [1, 2, 3.0]},  # one distinct y
    {"z": [4.0], "y": [1.0], "x": [1.0]},                   # one point
    {"z": [4, 2.0], "y": [1, 1.0], "x": [1, 1.0]},          # one pair twice
])
def test_one_distinct_x_or_y_draws_no_area(columns):
    s = double_session(columns)
    for kind, opt in (("contour", ""), ("contour", "heatmap"), ("contourline", "")):
        main, fig = _surface(s, f"twoway {kind} z y x, {opt}")
        assert min(main.stats.shape) == 1
        assert not _filled(fig)  # a line of grid points has no cell to fill
        plt.close(fig)


def test_constant_z_is_one_region():
    s = double_session({"z": [2.0] * 4, "y": [0, 1, 0, 1.0], "x": [0, 0, 1, 1.0]})
    main, fig = _surface(s, "twoway contour z y x")
    np.testing.assert_allclose(main.pos, [1, 3])  # one region around z (mlm's choice)
    assert len(main.labels) == 1
    plt.close(fig)
    main, fig = _surface(s, "twoway contourline z y x, colorlines")
    np.testing.assert_allclose(main.pos, [2])  # levels(5)'s four equal cuts: one line
    plt.close(fig)


def test_no_nonmissing_z_is_no_observations():
    s = double_session({"z": [np.nan, np.nan], "y": [1, 2.0], "x": [1, 2.0]})
    out, rc = run(s, "twoway contour z y x", stop_on_error=False)
    assert rc == 2000 and "no observations" in out


_VALUE = st.sampled_from([0.0, 1.0, 2.0, 3.5, np.nan])
_OPTION = st.sampled_from(["", "interp(thinplatespline)", "interp(thin)", "interp(shepard)",
                           "interp(none)", "heatmap", "heatmap interp(none)", "levels(3)",
                           "ccuts(0 1.5)", "ccuts(5 6)", "levels(1)", "minmax levels(2)", "minmax",
                           "colorlines", "zscale(log)", "by(g)", "by(g, clegend(on))",
                           "heatmap interp(shepard)"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(_VALUE, _VALUE, st.sampled_from([1.0, 2.0, -1.0, np.nan])),
                     min_size=1, max_size=6),
       diagonal=st.booleans(), kind=st.sampled_from(["contour", "contourline"]), opt=_OPTION)
def test_small_degenerate_data_never_give_an_internal_error(rows, diagonal, kind, opt):
    if kind == "contourline" and "heatmap" in opt or kind == "contour" and opt == "colorlines":
        return
    x = [r[0] for r in rows]
    y = [r[0] if diagonal else r[1] for r in rows]  # diagonal: every point on y = x
    s = double_session({"z": [r[2] for r in rows], "y": y, "x": x, "g": [k % 2 for k in range(len(rows))]})
    out, rc = run(s, f"twoway {kind} z y x, {opt}", stop_on_error=False)
    usable = [(a, b, c) for a, b, c in zip(x, y, [r[2] for r in rows])
              if not np.isnan(a) and not np.isnan(b) and not np.isnan(c)]
    assert rc == (0 if usable else 2000), out
    if rc == 0:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # matplotlib: no contour level inside a flat surface
            plt.close(figure(s.graphs[-1]))


def test_ccuts_and_levels_together_are_refused():
    # twoway_zyx2view_parse: "may not combine options ccuts() and levels()", exit 198
    s = double_session({"z": [1, 2, 3, 4.0], "y": [0, 0, 1, 1.0], "x": [0, 1, 0, 1.0]})
    out, rc = run(s, "twoway contourline z y x, ccuts(1 2) levels(3)", stop_on_error=False)
    assert (out, rc) == ("may not combine options ccuts() and levels()\nr(198);\n", 198)
