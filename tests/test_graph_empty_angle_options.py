"""An empty angle option (``mlabangle()``, ``msangle()``, an axis label's ``angle()``) and
twoway function's empty ``n()`` are taken as not specified, as Stata does: SSC's spider 1.0
passes ``mlabangle(`angle')`` and ``n(`sides')`` with both macros empty in every graph it
draws."""
from __future__ import annotations

import pytest

from graphs_helpers import drawn, make_session, run


@pytest.fixture
def s():
    return make_session()


def _series(s, line):
    graph, _ = drawn(s, line)
    return graph, graph.panels[0].series


def test_empty_mlabangle_is_the_default(s):
    run(s, 'gen str4 lab = "a" + string(g)')
    _, (plain,) = _series(s, "twoway scatter y x, mlabel(lab)")
    _, (empty,) = _series(s, "twoway scatter y x, mlabel(lab) mlabangle() msangle()")
    assert empty.label_angle == plain.label_angle and empty.marker_angle == plain.marker_angle
    _, (turned,) = _series(s, "twoway scatter y x, mlabel(lab) mlabangle(45)")
    assert turned.label_angle == 45.0 != plain.label_angle


def test_empty_axis_label_angle_is_the_default(s):
    plain, _ = _series(s, "twoway scatter y x")
    empty, _ = _series(s, "twoway scatter y x, ylabel(, angle())")
    assert empty.yaxis.angle == plain.yaxis.angle
    turned, _ = _series(s, "twoway scatter y x, ylabel(, angle(90))")
    assert turned.yaxis.angle == 90.0


def test_function_with_empty_n_uses_300_points(s):
    _, (f,) = _series(s, "twoway function y = x^2, range(0 2) n()")
    assert len(f.x) == 300 and f.x[0] == 0 and f.x[-1] == 2


@pytest.mark.parametrize("line", ["twoway scatter y x, mlabangle(sideways)",
                                  "twoway function y = x, n(0)"])
def test_a_bad_argument_is_still_refused(s, line):
    out, rc = run(s, line)
    assert rc == 198
