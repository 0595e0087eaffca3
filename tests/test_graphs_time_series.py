"""tsline/tsrline (twoway and commands) against tsset's time variable, and xtline."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, drawn, legend_texts, make_session, run, segments, tick_texts


@pytest.fixture()
def s():
    session = make_session(n=30)
    run(session, "gen id = ceil(_n/10)")
    run(session, "gen year = 2000 + mod(_n-1, 10)")
    run(session, "gen lo = y - 1")
    run(session, "gen hi = y + 1")
    return session


def test_tsline_needs_tsset(s):
    out, rc = run(s, "tsline y", stop_on_error=False)
    assert rc == 111 and "time variable not set" in out
    out, rc = run(s, "twoway tsrline lo hi", stop_on_error=False)
    assert rc == 111


def test_tsline_draws_against_time_in_order(s):
    run(s, "gen t = 31 - _n")
    run(s, "tsset t")
    run(s, "sort y")  # joined in time order whatever the sort
    graph, fig = drawn(s, "tsline y x, msymbol(O)")
    out, _ = run(s, "tsline y, msymbol(O)")
    assert "ignores marker options" in out
    graph, fig = drawn(s, "tsline y x")
    (seg,) = segments(fig, "p1-s1-line")
    assert np.all(np.diff(seg[:, 0]) > 0) and len(seg) == 30
    t, y = s.data.numeric("t"), s.data.numeric("y")
    order = np.argsort(t)
    np.testing.assert_allclose(seg[:, 1], y[order])
    assert [x.kind for x in graph.panels[0].series] == ["line", "line"]
    assert axes(fig).get_xlabel() == "t"


def test_tsrline_and_overlay_with_time_format(s):
    run(s, "gen t = tm(2001m1) + _n")
    run(s, "format t %tm")
    run(s, "tsset t")
    graph, fig = drawn(s, "twoway tsrline lo hi || tsline y, lcolor(red)")
    kinds = [x.kind for x in graph.panels[0].series]
    assert kinds[-1] == "line" and len(kinds) >= 2
    labels = tick_texts(axes(fig), "x")
    assert labels and all("m" in text for text in labels)  # %tm labels: 2001m6 ...
    out, rc = run(s, "tsrline lo hi x", stop_on_error=False)
    assert rc == 103


def test_xtline_panels_and_overlay(s):
    out, rc = run(s, "xtline y", stop_on_error=False)
    assert rc == 459 and "panel variable not set" in out
    run(s, "xtset id year")
    graph, fig = drawn(s, "xtline y")
    assert len(graph.panels) == 3 and [p.title for p in graph.panels] == ["1", "2", "3"]
    for k in (1, 2, 3):
        (seg,) = segments(fig, f"p{k}-s1-line")
        np.testing.assert_allclose(seg[:, 0], np.arange(2000, 2010))
    graph, fig = drawn(s, "xtline y, overlay plot2opts(lpattern(dash)) title(Overlay)")
    assert len(graph.panels) == 1 and len(graph.panels[0].series) == 3
    assert legend_texts(fig) == ["1", "2", "3"]
    assert graph.panels[0].series[1].pattern not in ("solid", None)
    assert axes(fig).get_ylabel() == "Outcome"
    graph, fig = drawn(s, "xtline y if id < 3, i(id) t(year) byopts(cols(1))")
    assert len(graph.panels) == 2 and graph.cols == 1
    out, rc = run(s, "xtline y x, overlay", stop_on_error=False)
    assert rc == 103


def test_tsline_after_delta_draws_at_the_time_values(s):
    """tsset's delta() does not enter tsline (tsline.ado is ``graph twoway tsline``: a line of
    the series against the time variable): after ``tsset t, delta(2)`` with one period missing
    the points are at t itself, not t/2, and the line joins them in time order."""
    run(s, "gen t = 2*_n")
    run(s, "drop if _n == 5")
    run(s, "tsset t, delta(2)")
    graph, fig = drawn(s, "tsline y")
    (seg,) = segments(fig, "p1-s1-line")
    t, y = s.data.numeric("t"), s.data.numeric("y")
    np.testing.assert_allclose(seg[:, 0], np.sort(t))
    np.testing.assert_allclose(seg[:, 1], y[np.argsort(t)])
    assert len(seg) == 29 and 10.0 not in seg[:, 0]
