"""``rbarm``: drawing range bars as wide as the marker size (``twoway rbarm y1 y2 x``,
``twoway rbar ..., mwidth``, ``lfitci|qfitci|fpfitci|lpolyci ..., ciplot(rbarm)``).

Stata's drawing program (yxview_rbarm_draw.ado, 27nov2006) fills and outlines, with the view's
area style, one rectangle per observation from y1 to y2, centred on x, whose width is the
view's marker size (``.style.marker.size``, graph units, turned into x units by the axis scale)
-- where ``rbar`` takes ``barwidth()`` in x units. So the width is fixed on the page, whatever
the x scale: ``msize()`` sets it, and ``barwidth(#)`` on an rbarm view sets the marker size to #
(twoway_y2xview_parse.class ``log_edits``: ``style.editstyle marker(size(#))``).

Here the rectangles are recomputed at each draw from the axes' data-to-display transform, so
their width stays the marker's size in points on any scale (log axes too)."""
from __future__ import annotations

import numpy as np

from mlmcli.graphs import style
from mlmcli.graphs.spec import Series


def bar_points(s: Series, small: bool, k: float = 1.0) -> float:
    """The width of the bars in points: the series' marker size (``msize()``), or the scheme's
    marker size (medium; a small panel's, as its markers), times ``scale()``."""
    if s.marker_size is not None:
        return s.marker_size * k
    return (1.8 if small else style.DEFAULT_MARKER_SIZE) * k


def draw_marker_bars(ax, s: Series, fill: str, edge: str, line_width: float, width_pt: float,
                     gid: str, z: float, alpha) -> None:
    """Add the rectangles of ``s`` (from ``s.y`` to ``s.y2`` at each ``s.x``), ``width_pt``
    points wide (tall when ``s.horizontal``)."""
    from matplotlib.collections import PolyCollection

    pos = np.asarray(s.x, float)
    lo, hi = np.asarray(s.y, float), np.asarray(s.y2, float)
    ok = np.isfinite(pos) & np.isfinite(lo) & np.isfinite(hi)
    pos, lo, hi = pos[ok], lo[ok], hi[ok]
    horizontal = s.horizontal

    class MarkerBars(PolyCollection):
        def draw(self, renderer):
            self.set_verts(_rectangles(ax, pos, lo, hi, width_pt, horizontal))
            super().draw(renderer)

    bars = MarkerBars(_rectangles(ax, pos, lo, hi, width_pt, horizontal), facecolors=fill, edgecolors=edge,
                      linewidths=line_width, gid=gid, zorder=z, alpha=alpha)
    ax.add_collection(bars, autolim=False)
    ends = np.concatenate([lo, hi])
    if ends.size:  # the bars' data extent (their width is the page's, not the data's)
        along = np.repeat(pos, 2)
        ax.update_datalim(np.column_stack([ends, along] if horizontal else [along, ends]))


def _rectangles(ax, pos, lo, hi, width_pt: float, horizontal: bool) -> list[np.ndarray]:
    """Each bar's corners in data units: half the width each side of its position, measured
    in display units at the axes' current scale."""
    half = width_pt / 2 * ax.figure.dpi / 72.0
    to_display, to_data = ax.transData, ax.transData.inverted()
    out = []
    for p, a, b in zip(pos, lo, hi):
        centre = to_display.transform((a, p) if horizontal else (p, a))
        if horizontal:
            low = to_data.transform((centre[0], centre[1] - half))[1]
            high = to_data.transform((centre[0], centre[1] + half))[1]
            out.append(np.array([[a, low], [b, low], [b, high], [a, high]]))
        else:
            left = to_data.transform((centre[0] - half, centre[1]))[0]
            right = to_data.transform((centre[0] + half, centre[1]))[0]
            out.append(np.array([[left, a], [right, a], [right, b], [left, b]]))
    return out
