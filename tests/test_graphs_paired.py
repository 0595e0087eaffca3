"""Paired-coordinate plots: pcspike, pccapsym, pcarrow, pcbarrow, pcscatter, pci, pcarrowi."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, axes, drawn, line_xy, make_session, run, segments


@pytest.fixture()
def s():
    session = make_session(n=8)
    run(session, "gen x2 = x + 1")
    run(session, "gen y2 = y + 2")
    return session


def test_pcspike_segments(s):
    graph, fig = drawn(s, "twoway pcspike y x y2 x2")
    segs = segments(fig, "p1-s1-line")
    assert len(segs) == 8
    for k, seg in enumerate(segs):
        np.testing.assert_allclose(seg, [[s.data.numeric("x")[k], s.data.numeric("y")[k]],
                                         [s.data.numeric("x2")[k], s.data.numeric("y2")[k]]])


def test_pccapsym_pcscatter_and_labels(s):
    run(s, "gen lab = string(_n)")
    graph, fig = drawn(s, "twoway pccapsym y x y2 x2, mlabel(lab) headlabel msymbol(S)")
    line, marks = graph.panels[0].series
    assert line.kind == "line" and marks.kind == "scatter" and marks.marker == "S"
    mx, my = line_xy(fig, "p1-s2-scatter")
    np.testing.assert_allclose(np.sort(mx), np.sort(np.concatenate([s.data.numeric("x"), s.data.numeric("x2")])))
    assert marks.labels[:8] == ("",) * 8 and marks.labels[8:] == tuple(str(k) for k in range(1, 9))
    graph, fig = drawn(s, "twoway pcscatter y x y2 x2")
    (only,) = graph.panels[0].series
    assert only.kind == "scatter" and len(only.x) == 16


def test_arrows_and_immediate_forms(s):
    graph, fig = drawn(s, "twoway (pcarrow y x y2 x2, barbsize(small)) (pcbarrow y x y2 x2, mangle(60)) "
                          "(pcarrowi 1 2 3 4 (9) \"label\") (pci 0 0 1 1 2 2 3 3)")
    series = [x for x in graph.panels[0].series]
    kinds = [x.kind for x in series]
    assert kinds[:2] == ["arrow", "barrow"] and series[0].cap_size > 0 and series[1].width == 60
    heads = artists(fig, "p1-s1-arrow-heads")
    assert len(heads) == 8
    start, end = heads[0]._posA_posB
    assert start == pytest.approx((s.data.numeric("x")[0], s.data.numeric("y")[0]))
    assert end == pytest.approx((s.data.numeric("x2")[0], s.data.numeric("y2")[0]))
    assert heads[0].get_arrowstyle().__class__.__name__ == "CurveFilledB"  # barbsize() > 0: filled
    assert artists(fig, "p1-s2-barrow-heads")[0].get_arrowstyle().__class__.__name__ == "CurveAB"
    arrowi = series[2]
    assert arrowi.kind == "arrow" and arrowi.x[0] == 2 and arrowi.y[0] == 1 and arrowi.pos[0] == 4
    labelled = series[3]
    assert labelled.labels[0] == "label" and labelled.label_positions[0] == 9
    pci = series[4]
    assert pci.kind == "line" and len(pci.runs()) == 2
    out, rc = run(s, "twoway pci 1 2 3", stop_on_error=False)
    assert rc == 198
    out, rc = run(s, "twoway pcspike y x y2", stop_on_error=False)
    assert rc == 102
    graph, fig = drawn(s, "twoway pci 1 2 3 4, recast(pccapsym)")
    assert [x.kind for x in graph.panels[0].series] == ["line", "scatter"]


def test_horizontal_swaps_y_and_x(s):
    y, x, y2, x2 = (s.data.numeric(v) for v in ("y", "x", "y2", "x2"))
    graph, fig = drawn(s, "twoway pcspike y x y2 x2, horizontal")
    for k, seg in enumerate(segments(fig, "p1-s1-line")):  # (y1, x1) drawn at x = y1, y = x1
        np.testing.assert_allclose(seg, [[y[k], x[k]], [y2[k], x2[k]]])
    ax = axes(fig)
    assert ax.get_xlim()[0] <= min(y.min(), y2.min()) and ax.get_xlim()[1] >= max(y.max(), y2.max())
    assert ax.get_ylim()[0] <= min(x.min(), x2.min()) and ax.get_ylim()[1] >= max(x.max(), x2.max())
    assert ax.get_xlabel() == "Outcome" and ax.get_ylabel() == "x2"  # the titles turn with the data
    graph, fig = drawn(s, "twoway pccapsym y x y2 x2, horizontal")
    mx, my = line_xy(fig, "p1-s2-scatter")
    np.testing.assert_allclose(mx, np.concatenate([y, y2]))
    np.testing.assert_allclose(my, np.concatenate([x, x2]))
    graph, fig = drawn(s, "twoway pcscatter y x y2 x2, horizontal")
    mx, my = line_xy(fig, "p1-s1-scatter")
    np.testing.assert_allclose(mx, np.concatenate([y, y2]))
    graph, fig = drawn(s, "twoway (pcarrow y x y2 x2, horizontal) (pcbarrow y x y2 x2, horizontal)")
    for gid in ("p1-s1-arrow-heads", "p1-s2-barrow-heads"):
        heads = artists(fig, gid)
        start, end = heads[0]._posA_posB
        assert start == pytest.approx((y[0], x[0])) and end == pytest.approx((y2[0], x2[0]))
    graph, fig = drawn(s, "twoway (pci 1 2 3 4, horizontal) (pcarrowi 1 2 3 4, horizontal)")
    (seg,) = segments(fig, "p1-s1-line")
    np.testing.assert_allclose(seg, [[1, 2], [3, 4]])
    (head,) = artists(fig, "p1-s2-arrow-heads")
    assert head._posA_posB[0] == pytest.approx((1, 2)) and head._posA_posB[1] == pytest.approx((3, 4))
    graph, fig = drawn(s, "twoway pcspike y x y2 x2, vertical")  # the default
    np.testing.assert_allclose(segments(fig, "p1-s1-line")[0], [[x[0], y[0]], [x2[0], y2[0]]])
