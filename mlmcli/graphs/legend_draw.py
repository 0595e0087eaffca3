"""The legend as matplotlib draws it: its keys in Stata's order (``holes()``, row by row unless
``colfirst``), its columns, the room it needs (``legend_extent``, for the frame's layout), the
``Legend`` keywords of its layout suboptions and what matplotlib's Legend cannot do by itself
(``stack``, ``symplacement()``, ``note()``/``caption()`` under the keys)."""
from __future__ import annotations

import textwrap

from mlmcli.graphs import style
from mlmcli.graphs.clock_places import LEGEND_INSIDE
from mlmcli.graphs.spec import Graph, LegendLook

GAP = 4.0  # points between the elements of the frame (titles, the legend) stacked on one side

def legend_columns(graph: Graph) -> int:
    """Columns of the legend: ``cols(#)``, or from ``rows(#)`` (stored negative); default 2
    (one for a legend at the side)."""
    n = max(len(legend_entries(graph)), 1)
    if graph.legend_cols < 0:
        return max(1, -(-n // -graph.legend_cols))
    cols = graph.legend_cols
    if graph.legend_position in (2, 3, 4, 8, 9, 10) and graph.legend_ring != 0 and cols == 2:
        cols = 1
    return max(1, min(cols, n))


def legend_entries(graph: Graph) -> list:
    """(series or None for a hole, text) in the legend's order, with ``holes()`` left empty."""
    items: list = list(graph.legend_items())
    for hole in graph.legend_look.holes:
        if hole <= len(items) + 1:
            items.insert(hole - 1, (None, ""))
    return items


def _wrapped(text: str, layout: LegendLook, size: float) -> str:
    if layout.textwidth is None:
        return text
    width = max(1, int(layout.textwidth / (0.55 * size)))
    return "\n".join(textwrap.fill(line, width) for line in text.split("\n"))


def legend_extent(graph: Graph) -> tuple[float, float]:
    layout, size = graph.legend_look, (graph.legend_size or 8.0) * graph.scale
    entries = legend_entries(graph)
    ncol = legend_columns(graph)
    rows = -(-max(len(entries), 1) // ncol)
    texts = [_wrapped(text, layout, size) for _, text in entries] or [""]
    lines_per_row = max(t.count("\n") + 1 for t in texts)
    row_h = max(size * 1.25 * lines_per_row, layout.symysize or 0.0)
    rowgap = layout.rowgap if layout.rowgap is not None else 0.5 * size
    border = (sum(layout.margin[2:]) if layout.margin else 0.8 * size)
    outer = layout.bmargin or (0.0, 0.0, 0.0, 0.0)
    title = (graph.legend_title + ("\n" + layout.subtitle if layout.subtitle else "")).strip("\n")
    title_h = (title.count("\n") + 1) * (size + 1) * 1.3 if title else 0.0
    for footer in (layout.note, layout.caption):
        if footer:
            title_h += (footer.count("\n") + 1) * LEGEND_FOOTER * size * 1.3
    height = rows * row_h + (rows - 1) * rowgap + border + title_h + outer[2] + outer[3] + 2 * GAP
    longest = max(max(len(line) for line in t.split("\n")) for t in texts)
    if layout.forcesize and layout.textwidth:  # the text's room is at least textwidth()
        longest = max(longest, layout.textwidth / (0.55 * size))
    key = (layout.symxsize or 2.0 * size) + (layout.keygap if layout.keygap is not None else 0.8 * size)
    colgap = layout.colgap if layout.colgap is not None else 2.0 * size
    width = ncol * (key + longest * 0.55 * size) + (ncol - 1) * colgap + border + outer[0] + outer[1] + 2 * GAP
    return width, height


def _row_major(items: list, ncol: int) -> list:
    """Reorder so that matplotlib's column-by-column legend reads row by row, as Stata's does."""
    rows = -(-len(items) // ncol)
    grid = [items[r * ncol:(r + 1) * ncol] for r in range(rows)]
    return [grid[r][c] for c in range(ncol) for r in range(rows) if c < len(grid[r])]


def legend_kwargs(graph: Graph) -> tuple[list, list, dict]:
    """(handles, labels, Legend keywords) of the graph's legend."""
    from matplotlib.lines import Line2D

    from mlmcli.graphs.artists import legend_handle

    layout, size = graph.legend_look, (graph.legend_size or 8.0) * graph.scale
    entries = legend_entries(graph)
    handles = [legend_handle(s, graph.scheme, graph.scale) if s is not None else
               Line2D([], [], linestyle="none", marker="") for s, _ in entries]
    labels = [_wrapped(text, layout, size) for _, text in entries]
    ncol = legend_columns(graph)
    if not graph.legend_colfirst:  # matplotlib fills columns first
        handles, labels = _row_major(handles, ncol), _row_major(labels, ncol)
    kwargs = dict(ncol=ncol, fontsize=size, frameon=layout.box,
                  facecolor=graph.legend_fill or "white",
                  edgecolor=graph.legend_edge or style.NAMED_COLORS["gs12"],
                  markerfirst=not layout.textfirst)
    title = (graph.legend_title + ("\n" + layout.subtitle if layout.subtitle else "")).strip("\n")
    if title:
        kwargs["title"] = title
        kwargs["title_fontsize"] = size + 1
    for name, key in (("symxsize", "handlelength"), ("symysize", "handleheight"),
                      ("keygap", "handletextpad"), ("rowgap", "labelspacing"), ("colgap", "columnspacing")):
        value = getattr(layout, name)
        if value is not None:
            kwargs[key] = value / size
    if layout.margin is not None:
        kwargs["borderpad"] = (sum(layout.margin) / 4) / size
    if layout.bmargin is not None:
        kwargs["borderaxespad"] = (sum(layout.bmargin) / 4) / size
    if layout.color:
        kwargs["labelcolor"] = layout.color
    if layout.justification:
        kwargs["alignment"] = layout.justification
    return handles, labels, kwargs


LEGEND_FOOTER = 0.85  # legend(note() caption()): their size, a share of the keys' text size


def _stack_keys(legend, textfirst: bool) -> None:
    """``legend(stack)``: each key's symbol above its text (matplotlib packs them side by
    side: its item boxes are repacked vertically)."""
    from matplotlib.offsetbox import VPacker

    gap = legend.handletextpad * legend._fontsize
    for column in legend._legend_handle_box.get_children():
        items = column.get_children()
        for n, item in enumerate(items):
            handle, text = item.get_children()[::-1] if textfirst else item.get_children()
            items[n] = VPacker(pad=0, sep=gap, align="center", children=[text, handle] if textfirst else [handle, text])
        column.align = "center"


def _place_symbols(legend, where: str) -> None:
    """``legend(symplacement())``: markers moved to that side of their key's space, lines to
    its top or bottom (matplotlib centres them)."""
    ha, va = compass_of(where)
    for column in legend._legend_handle_box.get_children():
        for item in column.get_children():
            for box in item.get_children():
                if not hasattr(box, "ydescent"):  # the text
                    continue
                low, high = -box.ydescent, box.height - box.ydescent
                for artist in box.get_children():
                    if not hasattr(artist, "get_markersize"):
                        continue
                    half = artist.get_markersize() / 2 if artist.get_marker() not in ("", "none", None) else 0.0
                    ys = {"top": high - max(half, artist.get_linewidth() / 2),
                          "bottom": low + max(half, artist.get_linewidth() / 2)}.get(va)
                    if ys is not None:
                        artist.set_ydata([ys] * len(artist.get_ydata()))
                    if half and artist.get_linestyle() in ("None", "none", ""):
                        xs = {"left": half, "right": box.width - half}.get(ha)
                        if xs is not None:
                            artist.set_xdata([xs] * len(artist.get_xdata()))


def compass_of(where: str) -> tuple[str, str]:
    from mlmcli.graphs.look_options import compass

    return compass(where, "symplacement")


def _frame_stroke(legend, layout: LegendLook, scale: float) -> None:
    """``legend(region(lwidth() lpattern() lalign()))``: the frame's stroke.  matplotlib
    strokes the frame centred on the legend's box; ``outside``/``inside`` grow or shrink the
    box by half the line's width (the boxstyle's pad, in units of the font size)."""
    frame = legend.get_frame()
    if layout.edge_width is not None:
        frame.set_linewidth(layout.edge_width * scale)
    if layout.edge_pattern:
        frame.set_linestyle(style.line_pattern(layout.edge_pattern) or "-")
    if layout.edge_align in ("inside", "outside"):
        half = frame.get_linewidth() / 2 / legend._fontsize
        pad = half if layout.edge_align == "outside" else -half
        box = frame.get_boxstyle()
        if hasattr(box, "rounding_size"):
            frame.set_boxstyle("round", pad=pad, rounding_size=box.rounding_size)
        else:
            frame.set_boxstyle("square", pad=pad)


def _forced_text_width(legend, layout: LegendLook, scale: float) -> None:
    """``legend(textwidth() forcesize)``: each key's text area is ``textwidth()`` wide even
    when its text is shorter (the text placed in it as ``justification()`` says)."""
    from matplotlib.offsetbox import TextArea
    from matplotlib.transforms import Bbox

    shift = {"center": 0.5, "right": 1.0}.get(layout.justification or "left", 0.0)
    for column in legend._legend_handle_box.get_children():
        for item in column.get_children():
            for area in item.get_children():
                if not isinstance(area, TextArea):
                    continue

                def get_bbox(renderer, inner=area.get_bbox):
                    box = inner(renderer)
                    wanted = renderer.points_to_pixels(layout.textwidth * scale)
                    if box.width >= wanted:
                        return box
                    x0 = box.x0 - shift * (wanted - box.width)
                    return Bbox.from_bounds(x0, box.y0, wanted, box.height)

                area.get_bbox = get_bbox


def finish_legend(legend, layout: LegendLook, scale: float = 1.0) -> None:
    _frame_stroke(legend, layout, scale)
    if layout.forcesize and layout.textwidth:
        _forced_text_width(legend, layout, scale)
    if layout.stack:
        _stack_keys(legend, layout.textfirst)
    if layout.symplacement:
        _place_symbols(legend, layout.symplacement)
    if layout.justification:
        for text in legend.get_texts():
            text.set_multialignment(layout.justification)
    # note() and caption(): lines under the keys, inside the legend's box (matplotlib's
    # Legend has no footer; its box is a VPacker of the title and the keys)
    footers = [(name, text) for name, text in (("legend-note", layout.note), ("legend-caption", layout.caption))
               if text]
    if footers:
        from matplotlib.offsetbox import TextArea

        size = legend.get_texts()[0].get_fontsize() if legend.get_texts() else 8.0
        for gid, text in footers:
            area = TextArea(text, textprops=dict(fontsize=LEGEND_FOOTER * size, gid=gid))
            area.set_figure(legend.figure)
            legend.get_children()[0].get_children().append(area)


def draw_legend_in_cell(host, graph: Graph, cell_axes) -> None:
    """``legend(at(#) position(#))`` of a ``by()`` trellis: the legend in the cell of
    ``cell_axes`` (an empty cell, hidden), at its clock position there (0: centred)."""
    handles, labels, kwargs = legend_kwargs(graph)
    legend = host.legend(handles, labels, loc=LEGEND_INSIDE.get(graph.legend_position, "center"),
                         bbox_to_anchor=(0.0, 0.0, 1.0, 1.0), bbox_transform=cell_axes.transAxes, **kwargs)
    legend.set_gid("legend-at")
    finish_legend(legend, graph.legend_look, graph.scale)
