"""A graph as pure data: what to draw, already computed; ``draw`` only lays it out.

A ``Graph`` has one or more ``Panel``s (its axes: ``graphs.axis_spec``) (several for ``by()``, the caterpillar plot,
``graph box, over() by()``); a panel holds ``Series`` in drawing order.  A combined
graph (``graph combine``) holds its graphs in ``parts`` and no panels.
``Series.style`` is the plot's position in the command (Stata's ``p1``, ``p2`` …
styles), which picks its colour, symbol and pattern from the scheme.

Every field has a default, so builders name only what they set; fields are only
ever added (with defaults), never renamed: ``marginsplot`` and ``graph use`` files
depend on them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.graphs.axis_spec import Axis, MoreAxis
from mlmcli.graphs.frame_looks import LegendLook, TitleLook  # noqa: F401 (part of the spec)

SERIES_KINDS = ("scatter", "line", "connected", "area", "bar", "rbarm", "rspike", "rcap", "box",
                "pointci", "wedge", "arrow", "barrow", "contour", "heatmap", "contourline")


@dataclass(frozen=True)
class Series:
    """One thing drawn in a panel.

    ``kind``:
      - ``scatter``: markers at (x, y); ``labels``: marker labels (``mlabel()``);
      - ``line``: polylines through (x, y); ``breaks`` are the indices where a
        new line starts (``connect(ascending)`` and missing values split lines);
      - ``connected``: markers and polylines (``twoway connected``, ``scatter, connect()``);
      - ``area``: the band between ``y`` (lower) and ``y2`` (upper) over ``x``;
      - ``bar``: a bar per x from ``y2`` (or ``base``, default 0) to ``y``, ``width`` wide;
      - ``rbarm``: a bar per x from ``y`` to ``y2`` as wide as the marker size (``marker_size``
        points, or the scheme's), whatever the x scale (``marker_bars``);
      - ``rspike``/``rcap``: a segment per x from ``y`` to ``y2`` (``rcap``: capped,
        caps ``width`` wide);
      - ``box``: a box per x: ``stats`` (n x 3: 25th percentile, median, 75th) and
        whiskers to the adjacent values ``y`` (lower) and ``y2`` (upper), ``width`` wide;
      - ``pointci``: horizontal intervals ``[y, y2]`` with a dot at ``x``,
        one per row at vertical position ``pos`` (the caterpillar plot);
      - ``wedge``: a pie slice (``graph pie``): ``x`` its start and end angles in degrees
        (counterclockwise from 3 o'clock), ``y`` its centre (x, y) and radius (start = end: a
        category without a share, keyed in the legend and not drawn);
      - ``arrow``/``barrow``: segments from (x, y) to (pos, y2) with a head at the end (both
        ends), ``marker_size`` points long, barbs ``width`` degrees apart, filled when
        ``cap_size`` > 0 (``paired_plots``);
      - ``contour``/``heatmap``/``contourline``: a surface on the grid ``x`` x ``y`` with z in
        ``stats`` (len(y) x len(x)): regions between the edges ``pos`` coloured ``labels``
        (smooth, or the grid's cells for ``heatmap``), or lines at the cuts ``pos``
        (``contour``).
    ``horizontal``: bar/rspike/rcap/box/area drawn along the x axis (``x`` then holds
    the positions on the y axis).
    ``label``: the legend text; ``style``: 1-based plot style number, or 0 for
    the grey confidence-band style; ``legend``: the series has a legend key.
    Look, None meaning the scheme's default for ``style``: ``color`` (markers,
    lines; fill of area/bar/box), ``line_color`` (outline of area/bar/box, line of
    ``connected``), ``marker`` (Stata msymbol code, ``style.MARKERS``),
    ``marker_size``/``line_width`` (points), ``pattern`` (Stata linepattern name or
    formula), ``opacity``; ``labels``: one marker label per point (``mlabel()``) at
    clock ``label_position`` (``label_positions``: one clock position per point,
    ``mlabvposition()``), ``label_gap`` points from the marker; ``axis``: 2 draws against a
    second y axis (``yaxis(2)``).  ``marker_fill``/``marker_edge``/``marker_edge_width``:
    a marker's inside and outline (``mfcolor()``, ``mlcolor()``, ``mlwidth()``);
    ``marker_angle``: rotation of the symbol (``msangle()``); ``edge_pattern``: the outline
    pattern of an area (``alpattern()``); ``drop_base`` False: an area's outline runs along
    its top only (``nodropbase``).  A box's ``median_color``/``median_width`` (``medline()``),
    ``whisker_color``/``whisker_width``/``whisker_pattern`` (``cwhiskers lines()``) and
    ``fence``: the adjacent lines' width as a share of the box's (``alsize()``, default 2/3);
    ``cap_size``: caps of that many points across the whiskers' ends (``capsize()``).
    ``marker_scales``: one factor per point on the marker's size (weighted markers,
    ``scatter y x [aw=w]``: the area of a marker proportional to its weight).
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
    marker: str | None = None
    marker_size: float | None = None
    line_width: float | None = None
    line_color: str | None = None
    fill: str | None = None
    opacity: float = 1.0
    labels: tuple[str, ...] | None = None
    label_position: int = 3
    label_size: float | None = None
    width: float | None = None
    base: float | None = None
    horizontal: bool = False
    stats: np.ndarray | None = None
    axis: int = 1
    label_color: str | None = None
    label_angle: float = 0.0
    marker_fill: str | None = None
    marker_edge: str | None = None
    marker_edge_width: float | None = None
    marker_angle: float = 0.0
    label_gap: float | None = None
    label_positions: tuple[int, ...] | None = None
    edge_pattern: str | None = None
    drop_base: bool = True
    line_align: str | None = None  # lalign(): the outline inside, outside or centred on the edge
    median_color: str | None = None
    median_width: float | None = None
    whisker_color: str | None = None
    whisker_width: float | None = None
    whisker_pattern: str | None = None
    fence: float | None = None
    cap_size: float | None = None
    marker_scales: np.ndarray | None = None
    marker_align: str | None = None  # mlalign(): the markers' outline inside or outside the symbol
    xaxes: tuple[int, ...] = ()  # xaxis(# ...): the x axes (1-9) it is on, the first scaling it; (): 1
    yaxes: tuple[int, ...] = ()  # yaxis(# ...) that ``axis`` cannot say (1, 2, 3 = yaxis(1 2)): the first scales it
    ramp: tuple[tuple[float, str], ...] | None = None  # contour: the ramp's (z, label); None: none
    ramp_look: tuple[tuple[str, object], ...] = ()  # its look, (name, value) pairs (contour_ramp_draw)
    line_widths: tuple[float, ...] | None = None  # contourline clwidths(): one width per line, recycled
    line_key: bool = False  # a contourline, colorlines key: in the contour-line legend (plegend())

    def y_axes(self) -> tuple[int, ...]:
        """The y axes the series is on, the first one scaling it (``yaxis(3 4)``: (3, 4))."""
        if self.yaxes:
            return self.yaxes
        return (1, 2) if self.axis == 3 else (self.axis,)

    def x_axes(self) -> tuple[int, ...]:
        """The x axes the series is on, the first one scaling it."""
        return self.xaxes or (1,)

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
class TextBox:
    """``text(y x "text", place() size() color())``: text at data coordinates.
    ``place``: Stata's compass placement (``c``, ``n``, ``ne``, ``e`` … ``w``, ``nw``);
    ``ha``/``va``: ``justification()``/``alignment()`` of the lines; ``box`` with ``fill``,
    ``line`` and ``line_width``; ``pad``: points of margin inside the box; ``linegap``:
    points between lines; ``offset``: points away from (x, y) in the direction of ``place``;
    ``width``/``height``: the box's size in points (``width()``/``height()``; None: the text's);
    ``bexpand``: the box runs across the plot region in the text's direction; ``xaxis``/``yaxis``:
    the axes whose scales place it (``text(, xaxis(2) yaxis(3))``)."""

    x: float
    y: float
    text: str
    place: str = "c"
    size: float | None = None
    color: str | None = None
    angle: float = 0.0
    ha: str | None = None
    va: str | None = None
    box: bool = False
    fill: str | None = None
    line: str | None = None
    line_width: float | None = None
    pad: float = 0.0
    linegap: float | None = None
    offset: float = 0.0
    width: float | None = None
    height: float | None = None
    bexpand: bool = False
    xaxis: int = 1
    yaxis: int = 1
    added: int = 0  # the Graph Editor's added_text[#] (gr_edit .plotregion1.AddTextBox); 0: typed


@dataclass(frozen=True)
class RefLine:
    """A styled reference line (``xline(5, lpattern(dash) lcolor(red))``): ``axis`` "x" or
    "y"; colour, Stata line pattern and width (points) as typed, None for the default;
    ``scale``: the y axis whose value it marks (``yline(5, axis(2))``); ``extend`` False
    (``noextend``): drawn over the axis' range only, not through the plot region's margins."""

    axis: str
    value: float
    color: str | None = None
    pattern: str | None = None
    width: float | None = None
    scale: int = 1
    extend: bool = True


@dataclass(frozen=True)
class Panel:
    """One plot region: its title (``by()`` group), series and optional tick labels.

    ``yticks``/``yticklabels`` (and ``xticks``/``xticklabels``) set categorical axis
    labels (caterpillar: group names; bar/box/dot charts: the ``over()`` groups);
    ``zero_line`` draws a vertical reference line at x = 0; ``texts``: text placed
    in this panel only.  ``limits``/``label_sides``/``axis_fields``: a ``graph matrix`` cell
    (``matrix``).
    """

    series: tuple[Series, ...]
    title: str = ""
    xtitle: str | None = None
    yticks: tuple[float, ...] | None = None
    yticklabels: tuple[str, ...] | None = None
    zero_line: bool = False
    xticks: tuple[float, ...] | None = None
    xticklabels: tuple[str, ...] | None = None
    texts: tuple[TextBox, ...] = ()
    ytitle: str | None = None
    limits: tuple[float, float, float, float] | None = None  # a graph matrix cell's own x and y ranges
    label_sides: str | None = None  # a graph matrix cell: framed, labels on these sides ("lrbt")
    # (Graph field, value) pairs this panel draws with instead of the graph's: a graph matrix
    # cell's own ``xaxis``/``yaxis``/``xticks``/``yticks`` (``xlabel(, axis(#))``)
    axis_fields: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Graph:
    """A whole graph.

    ``xtitle``/``ytitle`` are shared by all panels (Stata's trellis prints
    them once); ``note`` is the ``Graphs by …`` line of a ``by()`` graph.
    ``cols``: panels per row (0: choose); ``rows``: rows of a combined graph (0: choose).
    ``share_y``: panels share the y scale (``by()``); the caterpillar panels each keep
    their own.  ``xlines``/``ylines``: reference lines (``xline()``/``yline()``);
    ``xticks``/``yticks``: tick positions from ``xlabel()``/``ylabel()``;
    ``xaxis``/``yaxis``: the rest of the axis options (``Axis``);
    ``legend``: ``auto`` (shown for more than one key), ``on`` or ``off``;
    ``legend_order``: ``order()`` as (key, text or "") pairs; ``legend_labels``:
    ``label(# "text")`` pairs; keys are numbered 1, 2, ... over the series in
    command order (``lfitci`` has two: the band and the line); ``legend_cols``:
    columns (negative: rows); ``legend_position``: clock position (6: below);
    ``legend_ring``: 0 puts the legend inside the plot region.
    ``texts``: ``text()`` drawn in every panel; ``scheme``: ``s2color`` …;
    ``size``: inches (``xsize()``/``ysize()``); ``aspect``: plot region height/width;
    ``graph_color``/``plot_color``: region colours (None: the scheme's).
    ``parts``: the graphs of a ``graph combine`` (then ``panels`` is empty);
    ``legend_part``: 1-based, the part whose series key a combined graph's one legend
    (``grc1leg``; 0: none).
    ``reflines``: reference lines with their own look (plain ones are in ``xlines``/``ylines``).
    ``text_styles``: (element, size in points or None, colour or None) for ``title``,
    ``subtitle``, ``note``, ``caption``, ``xtitle``, ``ytitle`` (their ``size()``/``color()``);
    ``legend_size``/``legend_title``/``legend_fill``/``legend_edge``/``legend_colfirst``:
    ``legend(size() title() region(fcolor() lcolor()) colfirst)``; ``side_titles``: (side,
    text) of ``l1title()`` … ``t2title()`` (side ``l``, ``r``, ``t`` or ``b``).
    ``title_looks``: placement and box of title elements (``TitleLook``); ``legend_look``:
    the legend's layout (``LegendLook``).
    ``scale``: text, markers and lines times this (``scale()``); ``inner_scale``: the same
    for the panels of a ``by()`` graph or the graphs of a combined one (``iscale()``);
    ``alt_shrink``: a combined graph's parts shrunk as a whole, their text, markers and
    lines times their cell's size over their own (``altshrink``);
    ``draw`` False: ``nodraw`` (kept, never written by ``--graphs``); ``fxsize``/``fysize``:
    percent of its cell this graph takes in ``graph combine``; ``colfirst``/``holes``:
    panels (or combined graphs) placed down columns, cells left empty (1-based); ``gap``:
    points between panels or combined graphs (``imargin()``, ``compact``);
    ``every_panel``: what each panel of a trellis shows, not only the edge panels
    (``xlabel``, ``ylabel``, ``xticks``, ``yticks``, ``xtitle``, ``ytitle``: ``ixaxes`` ...);
    ``edge_labels`` False: x labels only on the bottom row (``noedgelabel``);
    ``yaxis2``/``y2ticks``/``ytitle2``: the second y axis' options (``axis(2)``), ``ytitle2_affix``
    ``prefix``/``suffix``: ``ytitle2`` joined before/after the axis' own title;
    ``graph_edge``/``plot_edge``: (colour, width, pattern) of the region outlines;
    ``plot_margin``: (left, right, bottom, top) room inside the plot region as fractions
    of the data range; ``graph_margin``: (left, right, bottom, top) room around the graph
    in points; ``aspect_placement``: compass placement of a plot region ``aspectratio()``
    made narrower than its room; ``graph_edge_align``/``plot_edge_align``: ``lalign()`` of the
    region outlines (``inside``/``outside``; None: centred on the edge).
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
    xaxis: Axis = Axis()
    yaxis: Axis = Axis()
    legend_position: int = 6
    legend_ring: int | None = None
    texts: tuple[TextBox, ...] = ()
    scheme: str = "s2color"
    size: tuple[float, float] | None = None
    aspect: float | None = None
    graph_color: str | None = None
    plot_color: str | None = None
    parts: tuple["Graph", ...] = ()
    rows: int = 0
    reflines: tuple[RefLine, ...] = ()
    text_styles: tuple[tuple[str, float | None, str | None], ...] = ()
    legend_size: float | None = None
    legend_title: str = ""
    legend_fill: str | None = None
    legend_edge: str | None = None
    legend_colfirst: bool = False
    side_titles: tuple[tuple[str, str], ...] = ()
    title_looks: tuple[TitleLook, ...] = ()
    legend_look: LegendLook = LegendLook()
    scale: float = 1.0
    inner_scale: float = 1.0
    alt_shrink: bool = False
    draw: bool = True
    fxsize: float | None = None
    fysize: float | None = None
    colfirst: bool = False
    holes: tuple[int, ...] = ()
    gap: float | None = None
    every_panel: tuple[str, ...] = ()
    edge_labels: bool = True
    yaxis2: Axis = Axis()
    y2ticks: tuple[float, ...] | None = None
    ytitle2: str | None = None
    graph_edge: tuple[str | None, float | None, str | None] | None = None
    plot_edge: tuple[str | None, float | None, str | None] | None = None
    plot_margin: tuple[float, float, float, float] | None = None
    graph_margin: tuple[float, float, float, float] | None = None
    aspect_placement: str | None = None
    legend_part: int = 0
    graph_edge_align: str | None = None
    ytitle2_affix: str | None = None
    plot_edge_align: str | None = None
    more_axes: tuple[MoreAxis, ...] = ()  # x axes 2-9, y axes 3-9 (MoreAxis)
    by_ramp: Series | None = None  # by(..., clegend(on)): the one contour legend of the trellis
    # plegend(): the contour-line legend's own Graph fields, (name, value) pairs, when it is drawn
    # beside the plots' legend (line_legend_graph); () when the line keys are in legend()
    line_legend: tuple[tuple[str, object], ...] = ()
    legend_of_lines: bool = False  # this Graph's legend is the contour-line legend
    # subtitle() typed outside by(): the panel titles' (size, colour, box True/False/None) and
    # placement, box colours, justification, margin (by_panel_titles)
    panel_title_style: tuple[float | None, str | None, bool | None] = (None, None, None)
    panel_title_look: TitleLook | None = None
    # title(), note(), caption(), t1title() ... typed outside by(): the title fields (title, note,
    # caption, side_titles, text_styles, title_looks) every panel is framed with; graphregion() typed outside by(): the
    # graph-region fields (graph_color, graph_edge, graph_edge_align, graph_margin) of each
    # panel's region (by_panel_titles)
    panel_frame: tuple[tuple[str, object], ...] = ()
    panel_region: tuple[tuple[str, object], ...] = ()
    # legend(on) typed outside by(): the legend fields of every panel's own legend (by_panel_legends)
    panel_legend: tuple[tuple[str, object], ...] = ()
    # by(..., plotregion()): the overall plot region, the area the panels are arrayed in: its
    # "fill", "edge" (colour, width, pattern), "align" (lalign()) and "margin" (points l r b t)
    trellis_region: tuple[tuple[str, object], ...] = ()
    # sts graph, risktable: the at-risk table beneath the plot, (name, value) pairs (risk_table_draw)
    risk_table: tuple[tuple[str, object], ...] = ()

    def legend_series(self) -> list[Series]:
        """One series per legend key, numbered from 1 in command order (the first series
        of each distinct (kind, label, style)); ``legend(all)`` keys the series that have
        none by default too."""
        seen: dict[tuple[str, str, int], Series] = {}
        panels = self.panels
        if not panels and 0 < self.legend_part <= len(self.parts):
            panels = self.parts[self.legend_part - 1].panels
        for panel in panels:
            for s in panel.series:
                key = (s.kind, s.label, s.style)
                if (self.line_legend or self.legend_of_lines) and s.line_key != self.legend_of_lines:
                    continue  # the contour lines' keys are in their own legend (plegend())
                if (s.legend or self.legend_look.all) and key not in seen:
                    seen[key] = s
        return list(seen.values())

    def line_legend_graph(self) -> "Graph":
        """The contour-line legend ([G-3] legend_options' ``plegend()``) as a Graph whose legend
        keys the contour lines only, laid out by ``plegend()``'s fields (not by ``legend()``'s)."""
        from dataclasses import fields, replace

        unset = {f.name: f.default for f in fields(self) if f.name.startswith("legend_")
                 and f.name not in ("legend_part", "legend_of_lines")}
        return replace(self, **{"legend": "auto", **unset, **dict(self.line_legend)}, line_legend=(),
                       legend_of_lines=True)

    def legend_keys(self) -> list[tuple[str, str, int]]:
        """``(kind, label, style)`` of every legend key, numbered from 1 in command order."""
        return [(s.kind, s.label, s.style) for s in self.legend_series()]

    def legend_items(self) -> list[tuple[Series, str]]:
        """The keys the legend shows, in order, with ``label()``/``order()`` texts applied."""
        keys = self.legend_series()
        texts = dict(self.legend_labels)
        items = [(s, texts.get(k + 1, s.label)) for k, s in enumerate(keys)]
        if self.legend_order is None:
            return items
        return [(items[k - 1][0], text or items[k - 1][1])
                for k, text in self.legend_order if 1 <= k <= len(items)]

    def legend_entries(self) -> list[tuple[str, str, int]]:
        """``(kind, text, style)`` of the keys the legend shows."""
        return [(s.kind, text, s.style) for s, text in self.legend_items()]

    def shows_legend(self) -> bool:
        if self.legend == "off":
            return False
        entries = self.legend_entries()
        if self.legend == "on" or self.legend_order is not None:
            return len(entries) > 0
        return len(entries) > 1


def grid_shape(n_panels: int, cols: int = 0, rows: int = 0) -> tuple[int, int]:
    """Rows and columns of a trellis: Stata's default is about square, columns first;
    ``rows`` alone fixes the rows."""
    if n_panels <= 0:
        return (1, 1)
    if cols <= 0 and rows > 0:
        cols = int(np.ceil(n_panels / rows))
    if cols <= 0:
        cols = int(np.ceil(np.sqrt(n_panels)))
    cols = min(cols, n_panels)
    rows = int(np.ceil(n_panels / cols))
    return rows, cols
