"""Drawing a panel's axes beyond x axis 1 and y axis 1: the matplotlib Axes each plot is
drawn into (``yaxis(#)``/``xaxis(#)``), the extra axes' labels, scales, titles and lines, and
their places: Stata's y axes 1, 3, 5 ... on the left and 2, 4 ... on the right, x axes 1, 3 ...
below and 2, 4 ... above, each further out than the ones before it on its side
(``more_axes.axis_side``; ``yscale(alt axis(#))`` moves one across).

Axes carry gids ``<panel>-axis2`` (y axis 2, as before), ``<panel>-yaxis<n>``,
``<panel>-xaxis<m>`` and ``<panel>-x<m>y<n>`` (a plot on x axis m and y axis n, both not 1:
no axis of its own is drawn).  matplotlib is reached only through the Axes handed in.
"""
from __future__ import annotations

from dataclasses import replace

from mlmcli.graphs import style
from mlmcli.graphs.more_axes import axis_side, axis_title_text, framed
from mlmcli.graphs.axis_spec import MoreAxis
from mlmcli.graphs.spec import Graph, Panel

GAP_PT = 4.0  # between axes stacked on one side


class PanelAxes:
    """The Axes of one panel: ``ax`` (x axis 1, y axis 1), a twin per further y axis (sharing
    x axis 1), per further x axis (sharing y axis 1), and per pair of further axes."""

    def __init__(self, ax, gid: str):
        self.ax, self.gid = ax, gid
        self.y = {1: ax}
        self.x = {1: ax}
        self.pairs: dict = {}

    def y_axis(self, n: int):
        if n not in self.y:
            twin = self.ax.twinx()
            twin.set_gid(f"{self.gid}-axis2" if n == 2 else f"{self.gid}-yaxis{n}")
            self.y[n] = twin
        return self.y[n]

    def x_axis(self, m: int):
        if m not in self.x:
            twin = self.ax.twiny()
            twin.set_gid(f"{self.gid}-xaxis{m}")
            self.x[m] = twin
        return self.x[m]

    def target(self, series):
        """The Axes a series is drawn into: the scales of its first x and y axes."""
        m, n = series.x_axes()[0], series.y_axes()[0]
        if m == 1:
            return self.y_axis(n)
        if n == 1:
            return self.x_axis(m)
        if (m, n) not in self.pairs:  # both scales another axis': an Axes sharing both, not drawn
            pair = self.x_axis(m).twinx()  # x axis m's scale ...
            pair.sharey(self.y_axis(n))  # ... and y axis n's
            pair.set_axis_off()
            pair.set_gid(f"{self.gid}-x{m}y{n}")
            self.pairs[(m, n)] = pair
        return self.pairs[(m, n)]

    def extent(self, letter: str, number: int):
        """The data's range on axis ``number`` of ``letter`` over every Axes scaled by it (its
        own and the pairs'); None when nothing is drawn on it."""
        import numpy as np

        held = [self.on(letter, number)] + [pair for (m, n), pair in self.pairs.items()
                                            if (m if letter == "x" else n) == number]
        ends = [getattr(a.dataLim, "intervalx" if letter == "x" else "intervaly") for a in held]
        ends = [e for e in ends if np.all(np.isfinite(e)) and e[0] <= e[1]]
        return (min(e[0] for e in ends), max(e[1] for e in ends)) if ends else None

    def on(self, letter: str, number: int):
        """The Axes whose scale axis ``number`` of ``letter`` is (made if needed)."""
        return self.x_axis(number) if letter == "x" else self.y_axis(number)


def more_axis(graph: Graph, letter: str, number: int) -> MoreAxis:
    for row in graph.more_axes:
        if row.letter == letter and row.number == number:
            return row
    return MoreAxis(letter, number)


def axes_needed(panel: Panel, graph: Graph) -> dict[str, list[int]]:
    """The further axes a panel shows (beyond x 1, y 1, y 2): those its plots are on, those
    reference lines and ``text()`` are on and those options name."""
    out: dict[str, set] = {"x": set(), "y": set()}
    for s in panel.series:
        out["x"].update(s.x_axes())
        out["y"].update(s.y_axes())
    for line in graph.reflines:
        out[line.axis].add(line.scale)
    for row in graph.more_axes:
        out[row.letter].add(row.number)
    for box in graph.texts + panel.texts:
        out["x"].add(box.xaxis)
        out["y"].add(box.yaxis)
    return {"x": sorted(n for n in out["x"] if n >= 2), "y": sorted(n for n in out["y"] if n >= 3)}


def shared_limits(graph: Graph) -> dict:
    """The range of each further axis over every panel of a ``by()`` graph whose panels share
    that direction's scale (as axis 1's: ``panel_axes.common_limits``, then the axis' own
    ``range()`` and labels): {(letter, number): (low, high)}."""
    from mlmcli.graphs.panel_axes import adjust_limits, common_limits

    out: dict = {}
    if len(graph.panels) < 2:
        return out
    margins = graph.plot_margin
    for letter, shared in (("x", graph.share_x), ("y", graph.share_y)):
        numbers = {(s.x_axes() if letter == "x" else s.y_axes())[0] for p in graph.panels for s in p.series}
        for n in sorted(v for v in numbers if v >= (2 if letter == "x" else 3)):
            row = more_axis(graph, letter, n)
            if not shared or row.axis.log:
                continue
            on = [replace(p, series=tuple(s for s in p.series
                                          if (s.x_axes() if letter == "x" else s.y_axes())[0] == n))
                  for p in graph.panels]
            limits = common_limits(on, letter, (margins[:2] if letter == "x" else margins[2:]) if margins else None)
            if limits:
                out[(letter, n)] = adjust_limits(*limits, row.axis, None, row.ticks)
    return out


def finish_more_axes(axes: PanelAxes, panel: Panel, graph: Graph, small: bool, k: float,
                     shared: dict | None = None) -> None:
    """Each further axis of the panel: its range (its plots', ``range()``, ``log``, ``reverse``;
    ``shared``: the ranges a ``by()`` graph's panels share; an axis without plots of its own shows
    the scale of the axis its plots are scaled by, or of axis 1), its labels, ticks and line, and
    its title."""
    from mlmcli.graphs.panel_axes import finish_limits, finish_ticks

    needed = axes_needed(panel, graph)
    scaled = {(letter, s_.x_axes()[0] if letter == "x" else s_.y_axes()[0])
              for s_ in panel.series for letter in ("x", "y")}
    alike: dict = {}
    for s_ in panel.series:  # yaxis(3 4): axis 4 shows axis 3's scale
        for letter, numbers in (("x", s_.x_axes()), ("y", s_.y_axes())):
            for n in numbers[1:]:
                alike.setdefault((letter, n), (letter, numbers[0]))
    for letter in ("y", "x"):
        for n in needed[letter]:
            row = more_axis(graph, letter, n)
            target = axes.on(letter, n)
            if row.axis.log:  # the limits are read on the log scale (as axis 1's: apply_axis first)
                (target.set_yscale if letter == "y" else target.set_xscale)("log")
            draw_axis(target, row, panel, graph, small, k)  # its locator first: the limits reach its labels
            if (letter, n) in (shared or {}):
                (target.set_ylim if letter == "y" else target.set_xlim)(shared[(letter, n)])
                finish_limits(target, row.axis, letter, None, graph, row.ticks, fixed=True)
                finish_ticks(target, row.axis, letter, row.ticks)
            elif (letter, n) in scaled:  # (its plots may be drawn into a pair's Axes: their extent)
                finish_limits(target, row.axis, letter, None, graph, row.ticks, extent=axes.extent(letter, n))
                finish_ticks(target, row.axis, letter, row.ticks)
            else:
                source = alike.get((letter, n), (letter, 1))
                limits = axes.on(*source).get_ylim() if letter == "y" else axes.on(*source).get_xlim()
                (target.set_ylim if letter == "y" else target.set_xlim)(limits)


def draw_axis(target, row: MoreAxis, panel: Panel, graph: Graph, small: bool, k: float) -> None:
    """One further axis: labels and ticks (``apply_axis``), its side, line and title."""
    from mlmcli.graphs.frame import text_look, title_look
    from mlmcli.graphs.text_box_draw import text_kwargs
    from mlmcli.graphs.panel_axes import apply_axis, style_spine

    spec = row.axis
    apply_axis(target, replace(spec, grid=spec.grid or False, alt=False, line=True), row.letter, row.ticks,
               panel, graph, small, k)
    side = axis_side(row.letter, row.number, spec.alt)
    axis = target.yaxis if row.letter == "y" else target.xaxis
    axis.set_ticks_position(side)
    axis.set_label_position(side)
    for name, spine in target.spines.items():
        spine.set_visible(name == side and spec.line and not spec.off)
    style_spine(target.spines[side], spec, k)
    if spec.off and not spec.fill:  # (off fill: apply_axis made it invisible, its room kept)
        axis.set_visible(False)
    title = axis_title_text(graph, row.letter, row.number, [panel])
    element = f"{row.letter}title{row.number}"
    if framed(title_look(graph, element)):  # drawn by the frame, around the plot region
        title = ""
    look = text_look(graph, element, 9.0)
    (target.set_ylabel if row.letter == "y" else target.set_xlabel)(
        title, **look, **text_kwargs(title_look(graph, element), look["fontsize"]))


def stack_axes(axes: PanelAxes, graph: Graph) -> None:
    """Set each side's axes outside one another: an axis' line goes ``GAP_PT`` beyond the
    outermost point (labels and title) of the axis inside it (measured with the figure's
    renderer; the sizes of labels do not depend on the layout)."""
    sides: dict[str, list] = {"left": [], "right": [], "bottom": [], "top": []}
    for letter, table in (("y", axes.y), ("x", axes.x)):
        for n in sorted(table):
            alt = (graph.yaxis if n == 1 else graph.yaxis2 if n == 2 else more_axis(graph, "y", n).axis).alt \
                if letter == "y" else (graph.xaxis if n == 1 else more_axis(graph, "x", n).axis).alt
            side = axis_side(letter, n, alt)
            sides[side].append((letter, table[n]))
    if all(len(stacked) <= 1 for stacked in sides.values()):
        return
    root = axes.ax.get_figure(root=True)
    renderer = root._get_renderer()
    to_pt = 72.0 / root.dpi
    for side, stacked in sides.items():
        offset = 0.0
        for i, (letter, target) in enumerate(stacked):
            if i > 0:
                target.spines[side].set_position(("outward", offset))
            axis = target.yaxis if letter == "y" else target.xaxis
            box = axis.get_tightbbox(renderer)
            edge = axes.ax.get_window_extent(renderer)
            if box is None:
                continue
            reach = {"left": edge.x0 - box.x0, "right": box.x1 - edge.x1,
                     "bottom": edge.y0 - box.y0, "top": box.y1 - edge.y1}[side]
            offset = max(offset, reach * to_pt + GAP_PT)


def more_axes_texts(axes: PanelAxes, boxes, graph: Graph, k: float) -> None:
    """``text(, xaxis(#) yaxis(#))``: text placed by the scales of those axes (drawn once they
    have their ranges; text on axes 1 is drawn with the plot region's other things)."""
    from matplotlib.transforms import blended_transform_factory

    from mlmcli.graphs.added_text import draw_text

    for box in boxes:
        if (box.xaxis, box.yaxis) == (1, 1):
            continue
        where = blended_transform_factory(axes.on("x", box.xaxis).transData, axes.on("y", box.yaxis).transData)
        draw_text(axes.ax, replace(box, color=style.text_color(box.color, graph.scheme)), k, where)
