"""A graph as pure data: what to draw, already computed; ``draw`` only lays it out.

A ``Graph`` has one or more ``Panel``s (several for ``by()`` and for the
caterpillar plot); a panel holds ``Series`` in drawing order.  ``Series.style``
is the plot's position in the command (Stata's ``p1``, ``p2`` … styles), which
picks its colour from the scheme.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Series:
    """One thing drawn in a panel.

    ``kind``:
      - ``scatter``: markers at (x, y);
      - ``line``: polylines through (x, y); ``breaks`` are the indices where a
        new line starts (``connect(ascending)`` and missing values split lines);
      - ``area``: the band between ``y`` (lower) and ``y2`` (upper) over ``x``;
      - ``pointci``: horizontal intervals ``[y, y2]`` with a dot at ``x``,
        one per row at vertical position ``pos`` (the caterpillar plot);
      - ``connected``: a line through (x, y) with a marker at each point;
      - ``rcap`` / ``rspike``: vertical intervals from ``y`` to ``y2`` at each ``x``, with or
        without caps (marginsplot's confidence intervals).
    ``label``: the legend text; ``style``: 1-based plot style number, or 0 for
    the grey confidence-band style.
    """

    kind: str
    x: np.ndarray
    y: np.ndarray
    y2: np.ndarray | None = None
    pos: np.ndarray | None = None
    breaks: tuple[int, ...] = ()
    label: str = ""
    style: int = 1
    legend: bool = True
    color: str | None = None
    pattern: str = "solid"
    step: bool = False

    @property
    def n_lines(self) -> int:
        """Number of separate polylines a ``line`` series draws."""
        return len(self.runs())

    def runs(self) -> list[tuple[int, int]]:
        """``[start, stop)`` index ranges of the polylines (``line`` series)."""
        n = len(self.x)
        if n == 0:
            return []
        cuts = [0] + [b for b in self.breaks if 0 < b < n] + [n]
        return [(a, b) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]


@dataclass(frozen=True)
class Panel:
    """One plot region: its title (``by()`` group), series and optional y tick labels.

    ``yticks``/``yticklabels`` set categorical y labels (caterpillar: group names),
    ``xticks``/``xticklabels`` categorical x labels (marginsplot over factor levels);
    ``zero_line`` draws a vertical reference line at x = 0.
    """

    series: tuple[Series, ...]
    title: str = ""
    xtitle: str | None = None
    yticks: tuple[float, ...] | None = None
    yticklabels: tuple[str, ...] | None = None
    zero_line: bool = False
    xticks: tuple[float, ...] | None = None
    xticklabels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Graph:
    """A whole graph.

    ``xtitle``/``ytitle`` are shared by all panels (Stata's trellis prints
    them once); ``note`` is the ``Graphs by …`` line of a ``by()`` graph.
    ``cols``: panels per row (0: choose).  ``share_y``: panels share the y
    scale (``by()``); the caterpillar panels each keep their own.
    ``xlines``/``ylines``: reference lines (``xline()``/``yline()``);
    ``xticks``/``yticks``: tick positions from ``xlabel()``/``ylabel()``;
    ``legend``: ``auto`` (shown for more than one key), ``on`` or ``off``;
    ``legend_order``: ``order()`` as (key, text or "") pairs; ``legend_labels``:
    ``label(# "text")`` pairs; keys are numbered 1, 2, ... over the series in
    command order (``lfitci`` has two: the band and the line).
    ``name``: the graph's name in memory (``name()``), ``command``: as typed.
    """

    panels: tuple[Panel, ...]
    xtitle: str = ""
    ytitle: str = ""
    title: str = ""
    subtitle: str = ""
    note: str = ""
    caption: str = ""
    legend: str = "auto"
    legend_order: tuple[tuple[int, str], ...] | None = None
    legend_labels: tuple[tuple[int, str], ...] = ()
    legend_cols: int = 2
    cols: int = 0
    share_x: bool = True
    share_y: bool = True
    xlines: tuple[float, ...] = ()
    ylines: tuple[float, ...] = ()
    xticks: tuple[float, ...] | None = None
    yticks: tuple[float, ...] | None = None
    name: str = "Graph"
    command: str = ""

    def legend_keys(self) -> list[tuple[str, str, int]]:
        """``(kind, label, style)`` of every legend key, numbered from 1 in command order."""
        seen: list[tuple[str, str, int]] = []
        for panel in self.panels:
            for s in panel.series:
                entry = (s.kind, s.label, s.style)
                if s.legend and entry not in seen:
                    seen.append(entry)
        return seen

    def legend_entries(self) -> list[tuple[str, str, int]]:
        """The keys the legend shows, in order, with ``label()``/``order()`` texts applied."""
        keys = self.legend_keys()
        texts = dict(self.legend_labels)
        keys = [(kind, texts.get(k + 1, label), sty) for k, (kind, label, sty) in enumerate(keys)]
        if self.legend_order is None:
            return keys
        return [(keys[k - 1][0], text or keys[k - 1][1], keys[k - 1][2])
                for k, text in self.legend_order if 1 <= k <= len(keys)]

    def shows_legend(self) -> bool:
        if self.legend == "off":
            return False
        entries = self.legend_entries()
        if self.legend == "on" or self.legend_order is not None:
            return len(entries) > 0
        return len(entries) > 1


def grid_shape(n_panels: int, cols: int = 0) -> tuple[int, int]:
    """Rows and columns of a trellis: Stata's default is about square, columns first."""
    if n_panels <= 0:
        return (1, 1)
    if cols <= 0:
        cols = int(np.ceil(np.sqrt(n_panels)))
    cols = min(cols, n_panels)
    rows = int(np.ceil(n_panels / cols))
    return rows, cols

