"""``rbarm``: range bars as wide as the marker size (yxview_rbarm_draw.ado: a rectangle from y1
to y2 centred on x, ``.style.marker.size`` wide in graph units), as ``twoway rbarm``, ``twoway
rbar, mwidth`` and the band of lfitci/qfitci/fpfitci/lpolyci with ``ciplot(rbarm)``; checked
on the drawn figure, where the bars' widths are measured in display units."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, axes, drawn, make_session, run
from mlmcli.graphs import style


@pytest.fixture()
def s():
    session = make_session(12)
    run(session, "generate lo = y - 1\ngenerate hi = y + 1.5")
    return session


def _bars(fig, gid="p1-s1-rbarm"):
    """Each drawn bar as (left, right, bottom, top) in display pixels, and the axes."""
    (coll,) = artists(fig, gid)
    ax = axes(fig)
    out = []
    for path in coll.get_paths():
        corners = ax.transData.transform(path.vertices[:4])
        out.append((corners[:, 0].min(), corners[:, 0].max(), corners[:, 1].min(), corners[:, 1].max()))
    return np.array(out), ax


def _points(fig, pixels):
    return np.asarray(pixels) * 72.0 / fig.dpi


def test_twoway_rbarm_bars_are_the_marker_size_wide(s):
    graph, fig = drawn(s, "twoway rbarm lo hi x")
    (series,) = graph.panels[0].series
    assert series.kind == "rbarm"
    boxes, ax = _bars(fig)
    x, lo, hi = (s.data.numeric(v) for v in ("x", "lo", "hi"))
    assert len(boxes) == len(x)
    np.testing.assert_allclose(_points(fig, boxes[:, 1] - boxes[:, 0]), style.DEFAULT_MARKER_SIZE, rtol=1e-6)
    centres = ax.transData.inverted().transform(np.column_stack([(boxes[:, 0] + boxes[:, 1]) / 2, boxes[:, 2]]))
    np.testing.assert_allclose(centres[:, 0], x, rtol=1e-6)           # centred on x
    bottoms = ax.transData.inverted().transform(np.column_stack([boxes[:, 0], boxes[:, 2]]))[:, 1]
    tops = ax.transData.inverted().transform(np.column_stack([boxes[:, 0], boxes[:, 3]]))[:, 1]
    np.testing.assert_allclose(bottoms, lo, rtol=1e-6)                # from y1 to y2
    np.testing.assert_allclose(tops, hi, rtol=1e-6)


def test_msize_and_barwidth_set_the_width_barwidth_winning(s):
    _, fig = drawn(s, "twoway rbarm lo hi x, msize(large)")
    boxes, _ = _bars(fig)
    np.testing.assert_allclose(_points(fig, boxes[:, 1] - boxes[:, 0]), style.MARKER_SIZES["large"], rtol=1e-6)
    # twoway_y2xview_parse log_edits: barwidth(#) on rbarm is style.editstyle marker(size(#)), after msize()
    _, fig = drawn(s, "twoway rbarm lo hi x, msize(large) barwidth(4)")
    boxes, _ = _bars(fig)
    np.testing.assert_allclose(_points(fig, boxes[:, 1] - boxes[:, 0]), style.marker_size("4"), rtol=1e-6)


def test_the_width_is_the_pages_on_any_x_scale(s):
    """gdi(gbeta)/gdi(xbeta) turns the marker size into x units: the same width everywhere,
    a log scale too."""
    _, fig = drawn(s, "twoway rbarm lo hi z, xscale(log)")
    boxes, _ = _bars(fig)
    widths = _points(fig, boxes[:, 1] - boxes[:, 0])
    np.testing.assert_allclose(widths, style.DEFAULT_MARKER_SIZE, rtol=1e-6)


def test_horizontal_bars_are_the_marker_size_tall(s):
    graph, fig = drawn(s, "twoway rbarm lo hi x, horizontal")
    boxes, _ = _bars(fig)
    np.testing.assert_allclose(_points(fig, boxes[:, 3] - boxes[:, 2]), style.DEFAULT_MARKER_SIZE, rtol=1e-6)
    assert (boxes[:, 1] - boxes[:, 0]).min() > (boxes[:, 3] - boxes[:, 2]).max() * 0.5


def test_rbar_mwidth_is_rbarm(s):
    """twoway_y2xview_parse: ``mwidth`` on rbar makes the view type rbarm."""
    graph, fig = drawn(s, "twoway rbar lo hi x, mwidth msize(small) fcolor(red)")
    (series,) = graph.panels[0].series
    assert series.kind == "rbarm"
    boxes, _ = _bars(fig)
    np.testing.assert_allclose(_points(fig, boxes[:, 1] - boxes[:, 0]), style.MARKER_SIZES["small"], rtol=1e-6)
    (coll,) = artists(fig, "p1-s1-rbarm")
    np.testing.assert_allclose(coll.get_facecolor()[0][:3], [1, 0, 0])


@pytest.mark.parametrize("command", ["twoway lfitci y x", "twoway qfitci y x", "twoway fpfitci y x",
                                     "twoway lpolyci y x"])
def test_ciplot_rbarm_draws_the_band_as_marker_sized_bars(s, command):
    """log_edits sets the band's y2xview_g type to the y2xtype-rbarm style: bars from the lower
    to the upper limit at the band's x, the fit line over them."""
    graph, _ = drawn(s, command)
    band = graph.panels[0].series[0]
    graph, fig = drawn(s, command + ", ciplot(rbarm)")
    bars, fit = graph.panels[0].series
    assert bars.kind == "rbarm" and fit.kind == "line" and bars.style == 0
    np.testing.assert_allclose(bars.x, band.x)
    np.testing.assert_allclose(bars.y, band.y)    # lower limits
    np.testing.assert_allclose(bars.y2, band.y2)  # upper limits
    boxes, _ = _bars(fig)
    assert len(boxes) == len(band.x)
    np.testing.assert_allclose(_points(fig, boxes[:, 1] - boxes[:, 0]), style.DEFAULT_MARKER_SIZE, rtol=1e-6)
    (coll,) = artists(fig, "p1-s1-rbarm")                       # the band's grey
    np.testing.assert_allclose(coll.get_facecolor()[0][:3], _rgb(style.scheme(None).ci_area), atol=1e-6)


def _rgb(color):
    from matplotlib.colors import to_rgb

    return to_rgb(color)


def test_rbarm_needs_three_variables_as_rbar(s):
    out_rbar, rc_rbar = run(s, "twoway rbar lo x", stop_on_error=False)
    out, rc = run(s, "twoway rbarm lo x", stop_on_error=False)
    assert rc == rc_rbar != 0 and out.replace("rbarm", "rbar") == out_rbar


def test_recast_to_rbarm(s):
    graph, fig = drawn(s, "twoway rcap lo hi x, recast(rbarm)")
    assert graph.panels[0].series[0].kind == "rbarm"
    boxes, _ = _bars(fig)
    np.testing.assert_allclose(_points(fig, boxes[:, 1] - boxes[:, 0]), style.DEFAULT_MARKER_SIZE, rtol=1e-6)
