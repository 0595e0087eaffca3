"""Weights on the plots without markers (`line`, `area`, `bar`, `spike`, `dropline`, and ``twoway rcap|rspike|rline|rarea|rbar|rbarm y1 y2 x
[fw=w]``, ``tsrline``): twoway_y2xview_parse inherits twoway_yxview_parse's ``syntax ... [aw fw
pw]``, and their draws never read the weight (only yxview's ``_draw_points`` does, for markers),
so Stata accepts the weight and draws the same picture; iweights stay ``iweights not allowed``
r(101)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from graphs_helpers import drawn, make_session, run


@pytest.fixture(scope="module")
def s():
    session = make_session(n=30)
    run(session, "gen hi = y + 1")
    run(session, "gen lo = y - 1")
    run(session, "gen t = _n")
    run(session, "tsset t")
    return session


def _pixels(session, text):
    graph, fig = drawn(session, text)
    picture = np.asarray(fig.canvas.buffer_rgba()).copy()
    plt.close(fig)
    return graph, picture


@pytest.mark.parametrize("command", [
    "twoway rcap hi lo x", "twoway rspike hi lo x", "twoway rline hi lo x, sort",
    "twoway rarea hi lo x, sort", "twoway rbar hi lo x", "twoway rbar hi lo x, mwidth",
    "twoway rcap hi lo x, horizontal", "tsrline hi lo",
    # the yxview plots without markers: twoway_yxview_parse's [aw fw pw], drawn the same
    "twoway line y x, sort", "twoway area y x, sort", "twoway bar y x", "twoway spike y x",
    "twoway dropline y x", "line y x, sort",
])
@pytest.mark.parametrize("weight", ["[fw=w]", "[aweight=z]", "[pw=w]"])
def test_a_weight_draws_the_same_picture(s, command, weight):
    head, _, tail = command.partition(",")
    plain_graph, plain = _pixels(s, command)
    weighted_graph, weighted = _pixels(s, f"{head} {weight}" + (f",{tail}" if tail else ""))
    assert plain.shape == weighted.shape and np.array_equal(plain, weighted)
    for a, b in zip(plain_graph.panels[0].series, weighted_graph.panels[0].series):
        np.testing.assert_array_equal(a.x, b.x)
        np.testing.assert_array_equal(a.y, b.y)


def test_overlaid_with_a_plain_scatter(s):
    _, plain = _pixels(s, "twoway (rcap hi lo x) (scatter y x)")
    _, weighted = _pixels(s, "twoway (rcap hi lo x [fw=w]) (scatter y x)")
    assert np.array_equal(plain, weighted)


@pytest.mark.parametrize("kind", ["rcap", "rspike", "rline", "rarea", "rbar", "line", "bar"])
def test_iweights_stay_not_allowed(s, kind):
    varlist = "y x" if kind in ("line", "bar") else "hi lo x"
    assert run(s, f"twoway {kind} {varlist} [iw=w]", stop_on_error=False) == ("iweights not allowed\nr(101);\n", 101)
