"""The frame of a graph around its plot region: titles, subtitle, side titles, the legend, the
note and the caption placed by clock position and ring, as Stata places them, and the graph
region's margin and outline.  The plot region itself is drawn by a callback (``draw``: the
panels of a graph, or the graphs of ``graph combine``).

Placement: an element at clock position 11, 12 or 1 sits above the plot region, 5, 6 or 7
below it, 2, 3 or 4 right of it, 8, 9 or 10 left of it; ``ring(0)`` puts it inside the plot
region at its clock position (0: the centre).  Elements on one side are stacked by ring, the
highest outermost.  Defaults (Stata's): title 12/ring 7, subtitle 12/6, t1/t2 titles 12/1,
legend 6/3, b1/b2 titles 6/3.5, note 7/4, caption 7/5, l titles 9/1, r titles 3/1.  An element
is justified on the plot region (left edge, centre, right edge by its clock position or
``justification()``), or with ``span`` on the whole graph.  Each element's height (or width,
on the sides) is estimated from its font size and reserved as a row (column) of sub-figures,
so titles and legends never overlap the plot region.
"""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.graphs import style
from mlmcli.graphs.clock_places import COMPASS_LOC, JUSTIFY, LEGEND_INSIDE, SIDE_Y, clock_side
from mlmcli.graphs.legend_draw import GAP, finish_legend, legend_extent, legend_kwargs
from mlmcli.graphs.spec import Graph, TitleLook
from mlmcli.graphs.text_box_draw import SizedBox, text_kwargs

PT = 72.0  # points per inch
_INSIDE = {0: (0.5, 0.5, "center", "center"), 12: (0.5, 0.97, "center", "top"),
           1: (0.97, 0.97, "right", "top"), 2: (0.97, 0.8, "right", "center"),
           3: (0.97, 0.5, "right", "center"), 4: (0.97, 0.2, "right", "center"),
           5: (0.97, 0.03, "right", "bottom"), 6: (0.5, 0.03, "center", "bottom"),
           7: (0.03, 0.03, "left", "bottom"), 8: (0.03, 0.2, "left", "center"),
           9: (0.03, 0.5, "left", "center"), 10: (0.03, 0.8, "left", "center"),
           11: (0.03, 0.97, "left", "top")}
# element -> (clock position, ring, size in points, default colour is the title's)
DEFAULTS = {"title": (12, 7.0, 12.0), "subtitle": (12, 6.0, 10.0), "t": (12, 1.0, 9.0),
            "b": (6, 3.5, 9.0), "note": (7, 4.0, 7.0), "caption": (7, 5.0, 7.0),
            "l": (9, 1.0, 9.0), "r": (3, 1.0, 9.0), "legend": (6, 3.0, 8.0)}


@dataclass
class Element:
    """One thing drawn around (or inside) the plot region."""

    name: str  # title, subtitle, note, caption, t, b, l, r (l1title ... placed on its own), legend
    clock: int
    ring: float
    text: str = ""
    size: float = 8.0
    color: str | None = None
    look: TitleLook | None = None
    rotation: float = 0.0

    @property
    def side(self) -> str:
        return clock_side(self.clock, self.ring)

    @property
    def margin(self) -> tuple[float, float, float, float]:
        return self.look.margin if self.look is not None else (0.0, 0.0, 0.0, 0.0)


def text_look(graph: Graph, element: str, size: float) -> dict:
    """fontsize/color of a title element, with its ``size()``/``color()`` when typed."""
    k = graph.scale
    for name, typed_size, color in graph.text_styles:
        if name == element:
            out = {"fontsize": (typed_size or size) * k}
            if color:
                out["color"] = style.text_color(color, graph.scheme)
            return out
    return {"fontsize": size * k}


def title_look(graph: Graph, element: str) -> TitleLook | None:
    for look in graph.title_looks:
        if look.element == element:
            return look
    return None


def _elements(graph: Graph, legend: bool) -> list[Element]:
    k = graph.scale
    out: list[Element] = []
    sides = {key: text for key, text in graph.side_titles if len(key) == 1}
    heading_color = style.text_color(style.HEADING, graph.scheme)
    for name in ("title", "subtitle", "note", "caption"):
        text = getattr(graph, name)
        if not text:
            continue
        clock, ring, size = DEFAULTS[name]
        look = title_look(graph, name)
        if look is not None:
            clock = look.position if look.position is not None else clock
            ring = float(look.ring) if look.ring is not None else ring
        fmt = text_look(graph, name, size)
        color = fmt.get("color") or (heading_color if name in ("title", "subtitle") else None)
        rotation = look.orientation if look is not None and look.orientation is not None else 0.0
        out.append(Element(name, clock, ring, text, fmt["fontsize"], color, look, rotation))
    for side in ("t", "b", "l", "r"):
        if sides.get(side):
            clock, ring, size = DEFAULTS[side]
            placed = {key for key, _ in graph.side_titles}
            names = [n for n in (f"{side}1title", f"{side}2title") if n not in placed]
            fmt = next((text_look(graph, n, size) for n in names if any(s[0] == n for s in graph.text_styles)),
                       {"fontsize": size * k})
            look = next((found for n in names if (found := title_look(graph, n)) is not None), None)
            rotation = 90.0 if side == "l" else 270.0 if side == "r" else 0.0
            if look is not None and look.orientation is not None:
                rotation = look.orientation
            out.append(Element(side, clock, ring, sides[side], fmt["fontsize"], fmt.get("color"), look,
                               rotation))
    out += _placed_side_titles(graph)
    out += _framed_axis_titles(graph)
    if legend:
        clock = graph.legend_position
        ring = 0.0 if graph.legend_ring == 0 else float(graph.legend_ring or DEFAULTS["legend"][1])
        out.append(Element("legend", clock, ring, size=(graph.legend_size or 8.0) * k))
    if graph.risk_table:  # sts graph, risktable: beneath the x axis, above the legend (risk_table_draw)
        out.append(Element("risktable", 6, 2.5))
    if graph.line_legend and graph.line_legend_graph().shows_legend():  # plegend(): a second legend
        lines = graph.line_legend_graph()
        ring = 0.0 if lines.legend_ring == 0 else float(lines.legend_ring or DEFAULTS["legend"][1])
        out.append(Element("plegend", lines.legend_position, ring, size=(lines.legend_size or 8.0) * k))
    return out


def title_elements(graph: Graph) -> list[Element]:
    """The title, subtitle, note, caption and side titles (``t1title()`` ...) of ``graph`` as
    placed elements (by_panel_title_draw frames each panel of a by() graph with those typed
    outside ``by()``)."""
    named = ("title", "subtitle", "note", "caption", "t", "b", "l", "r")
    return [el for el in _elements(graph, False)
            if el.name in named or (len(el.name) == 7 and el.name[0] in "tblr" and el.name.endswith("title"))]


def draw_inside(target, el: Element, graph: Graph) -> None:
    """A ``ring(0)`` element inside ``target``'s plot region at its clock position."""
    _draw_inside(target, el, graph)


def attach_box(text) -> None:
    """A sized textbox measures from the text it surrounds."""
    _attach(text)


def _legend_of(el: Element, graph: Graph) -> Graph:
    """The Graph whose legend ``el`` draws: the contour-line legend for ``plegend``."""
    return graph.line_legend_graph() if el.name == "plegend" else graph


_SIDE_CLOCK = {"left": 9, "right": 3, "bottom": 6, "top": 12}


def _placed_side_titles(graph: Graph) -> list[Element]:
    """``l1title("a", position(3) ring(2) span)`` ...: a side title typed with ``position()``,
    ``ring()`` or ``span`` is an element of its own, as ``title()`` is: at its side's clock
    position and ring (DEFAULTS; a 2 title just outside its 1 title) unless typed, turned as its
    side turns it (l titles up, r titles down) unless ``orientation()`` says otherwise."""
    out = []
    for name, text in graph.side_titles:
        if len(name) == 1:
            continue
        side = name[0]
        clock, ring, size = DEFAULTS[side]
        look = title_look(graph, name)
        clock = look.position if look is not None and look.position is not None else clock
        ring = float(look.ring) if look is not None and look.ring is not None else \
            ring + (0.1 if name[1] == "2" else 0.0)
        rotation = 90.0 if side == "l" else 270.0 if side == "r" else 0.0
        if look is not None and look.orientation is not None:
            rotation = look.orientation
        fmt = text_look(graph, name, size)
        out.append(Element(name, clock, ring, text, fmt["fontsize"], fmt.get("color"), look, rotation))
    return out


def _framed_axis_titles(graph: Graph) -> list[Element]:
    """Axis titles typed with ``position()``, ``ring()``, ``span``, ``width()``, ``height()`` or
    ``bexpand``: title elements on their axis' side (clock 6 or 12 for x axes, 9 or 3 for y
    axes), innermost (ring 0.5, further axes outside) unless ``ring()`` says otherwise, at
    ``position()``'s clock position when typed, read along the axis (y titles vertical)."""
    import re

    from mlmcli.graphs.more_axes import axis_side, axis_title_text, framed

    out = []
    for look in graph.title_looks:
        found = re.fullmatch(r"([xy])title([2-9]?)", look.element)
        if not found or not framed(look):
            continue
        letter, number = found.group(1), int(found.group(2) or 1)
        text = axis_title_text(graph, letter, number)
        if not text:
            continue
        spec = {("x", 1): graph.xaxis, ("y", 1): graph.yaxis, ("y", 2): graph.yaxis2}.get((letter, number))
        if spec is None:
            spec = next((r.axis for r in graph.more_axes if (r.letter, r.number) == (letter, number)), None)
        side = axis_side(letter, number, bool(spec and spec.alt))
        clock = look.position if look.position is not None else _SIDE_CLOCK[side]
        ring = float(look.ring) if look.ring is not None else 0.5 + 0.01 * number
        size = (graph.xaxis.title_size or (9.0 if len(graph.panels) > 1 else 9.5))
        fmt = text_look(graph, look.element, size)
        rotation = look.orientation if look.orientation is not None else (90.0 if letter == "y" else 0.0)
        out.append(Element(look.element, clock, ring, text, fmt["fontsize"], fmt.get("color"), look, rotation))
    return out


def _extent(el: Element, graph: Graph) -> tuple[float, float]:
    """(width, height) in points an element needs."""
    if el.name in ("legend", "plegend"):
        return legend_extent(_legend_of(el, graph))
    if el.name == "risktable":
        from mlmcli.graphs.risk_table_draw import table_extent

        return 0.0, table_extent(graph)
    lines = el.text.split("\n")
    spacing = text_kwargs(el.look, el.size).get("linespacing", 1.2)
    w = max(len(line) for line in lines) * 0.55 * el.size
    h = len(lines) * el.size * spacing
    if abs(el.rotation) % 180 == 90:
        w, h = h, w
    left, right, bottom, top = el.margin
    pad = 0.6 * el.size if el.look is not None and (el.look.box or el.look.fill or el.look.line) else 0.0
    if el.look is not None and (el.look.width is not None or el.look.height is not None):
        w = el.look.width * graph.scale if el.look.width is not None else w + pad
        if el.look.height is not None and el.look.height < 0:  # height(-3): the text's room less 3 (pulled in)
            h = max(0.0, h + pad + el.look.height * graph.scale)
        else:
            h = el.look.height * graph.scale if el.look.height is not None else h + pad
        if abs(el.rotation) % 180 == 90:
            w, h = h, w
        pad = 0.0
    return w + left + right + pad + GAP, h + bottom + top + pad + GAP


# ---------------------------------------------------------------- the frame
def draw_frame(container, graph: Graph, width: float, height: float, central) -> list:
    """Lay out the frame of ``graph`` in ``container`` (``width`` x ``height`` inches) and draw
    the plot region with ``central(host, width, height)``, which returns its axes."""
    sch = style.scheme(graph.scheme)
    color = graph.graph_color or sch.graph_region
    legend = graph.shows_legend()
    elements = _elements(graph, legend)
    extents = {id(el): _extent(el, graph) for el in elements}
    gl, gr, gb, gt = graph.graph_margin or (0.0, 0.0, 0.0, 0.0)
    top = sorted((e for e in elements if e.side == "top"), key=lambda e: -e.ring)
    bottom = sorted((e for e in elements if e.side == "bottom"), key=lambda e: e.ring)
    left = sorted((e for e in elements if e.side == "left"), key=lambda e: -e.ring)
    right = sorted((e for e in elements if e.side == "right"), key=lambda e: e.ring)
    inside = [e for e in elements if e.side == "inside"]

    rows = ([("space", gt)] if gt else []) + [(e, extents[id(e)][1]) for e in top] + [("middle", 0.0)] \
        + [(e, extents[id(e)][1]) for e in bottom] + ([("space", gb)] if gb else [])
    fixed = sum(h for _, h in rows) / PT
    middle_h = max(height - fixed, 0.5)
    hosts_v = _split(container, [h / PT if k != "middle" else middle_h for k, h in rows], "v", color)
    middle = hosts_v[[k for k, _ in rows].index("middle")]
    cols = ([("space", gl)] if gl else []) + [(e, extents[id(e)][0]) for e in left] + [("center", 0.0)] \
        + [(e, extents[id(e)][0]) for e in right] + ([("space", gr)] if gr else [])
    fixed_w = sum(w for _, w in cols) / PT
    center_w = max(width - fixed_w, 0.5)
    hosts_h = _split(middle, [w / PT if k != "center" else center_w for k, w in cols], "h", color)
    center = hosts_h[[k for k, _ in cols].index("center")]
    axes = central(center, center_w, middle_h)
    ref = axes[0].transAxes if len(axes) == 1 else center.transSubfigure

    for (el, h), host in zip(rows, hosts_v):
        if isinstance(el, Element) and el.name == "risktable":
            from mlmcli.graphs.risk_table_draw import draw_risk_table

            draw_risk_table(host, graph, axes[0])
        elif isinstance(el, Element):
            _draw_in_band(host, el, graph, ref, "row", h)
    for (el, w), host in zip(cols, hosts_h):
        if isinstance(el, Element):
            _draw_in_band(host, el, graph, ref, "column", w)
    for el in inside:
        _draw_inside(axes[0] if len(axes) == 1 else center, el, graph)
    if graph.graph_edge:
        edge_color, edge_width, edge_pattern = graph.graph_edge
        look = dict(edgecolor=edge_color or "black",
                    linewidth=(edge_width if edge_width is not None else 0.8) * graph.scale,
                    linestyle=style.line_pattern(edge_pattern or "solid") or "-")
        if graph.graph_edge_align in ("inside", "outside"):  # lalign(): moved off the edge
            from mlmcli.graphs.artists import region_outline

            container.add_artist(region_outline(lambda: container.bbox, graph.graph_edge_align,
                                                gid="graphregion-outline", zorder=10, **look))
        else:
            container.patch.set(**look)
            if hasattr(container, "set_frameon"):
                container.set_frameon(True)
            if getattr(container, "subfigs", None):  # the bands (titles, a by() graph's note) are
                from mlmcli.graphs.artists import region_outline  # painted over the patch's edge

                container.add_artist(region_outline(lambda: container.bbox, None,
                                                    gid="graphregion-outline", zorder=10, **look))
    return axes


def _split(container, sizes: list[float], direction: str, color: str) -> list:
    if len(sizes) == 1:
        return [container]
    if direction == "v":
        subs = list(container.subfigures(len(sizes), 1, height_ratios=[max(s, 1e-3) for s in sizes],
                                         hspace=0.0).ravel())
    else:  # no space between the bands (constrained layout's default would take 2% from them)
        subs = list(container.subfigures(1, len(sizes), width_ratios=[max(s, 1e-3) for s in sizes],
                                         wspace=0.0).ravel())
    for sub in subs:
        sub.set_facecolor(color)
    return subs


def _draw_in_band(host, el: Element, graph: Graph, ref, band: str, thickness: float) -> None:
    """An element in its row (above/below) or column (left/right) of the frame."""
    from matplotlib.transforms import blended_transform_factory, offset_copy

    look = el.look
    span = look is not None and look.span
    if el.name in ("legend", "plegend"):
        graph = _legend_of(el, graph)
        span = graph.legend_look.span
    along = host.transSubfigure if span else ref
    left, right, bottom, top = el.margin
    if band == "row":
        just = (look.justification if look is not None and look.justification else JUSTIFY[el.clock])
        x = {"left": 0.0, "center": 0.5, "right": 1.0}[just]
        if span:
            x = {"left": 0.01, "center": 0.5, "right": 0.99}[just]
        dx = left if just == "left" else -right if just == "right" else (left - right) / 2
        y, dy = 0.5, (bottom - top) / 2
        trans = blended_transform_factory(along, host.transSubfigure)
        ha, va = just, "center"
    else:
        where = SIDE_Y.get(el.clock, "middle")
        if look is not None and look.alignment in ("top", "bottom"):
            where = look.alignment
        y = {"top": 1.0, "middle": 0.5, "bottom": 0.0}[where]
        if span:
            y = {"top": 0.99, "middle": 0.5, "bottom": 0.01}[where]
        x, dx = 0.5, (left - right) / 2
        dy = -top if where == "top" else bottom if where == "bottom" else (bottom - top) / 2
        trans = blended_transform_factory(host.transSubfigure, along)
        ha, va = "center", {"top": "top", "middle": "center", "bottom": "bottom"}[where]
    trans = offset_copy(trans, fig=host.figure, x=dx, y=dy, units="points")
    if el.name in ("legend", "plegend"):
        handles, labels, kwargs = legend_kwargs(graph)
        loc = {("center", "center"): "center", ("left", "center"): "center left",
               ("right", "center"): "center right", ("center", "top"): "upper center",
               ("center", "bottom"): "lower center"}[(ha, va)]
        if graph.legend_look.bexpand:
            box = (0.0, 0.0, 1.0, 1.0)
            kwargs["mode"] = "expand"
            trans = blended_transform_factory(along, host.transSubfigure) if band == "row" else \
                blended_transform_factory(host.transSubfigure, along)
            legend = host.legend(handles, labels, loc="center", bbox_to_anchor=box, bbox_transform=trans,
                                 **kwargs)
        elif graph.legend_look.width:  # legend(width()): a box this many points wide at the anchor
            from matplotlib.transforms import Affine2D, ScaledTranslation

            w = graph.legend_look.width
            points = Affine2D().scale(1 / 72) + host.figure.dpi_scale_trans + ScaledTranslation(x, y, trans)
            x0 = {"left": 0.0, "center": -w / 2, "right": -w}[ha]
            kwargs["mode"] = "expand"
            legend = host.legend(handles, labels, loc=loc, bbox_to_anchor=(x0, 0.0, w, 0.0),
                                 bbox_transform=points, **kwargs)
            pad = legend.borderaxespad * legend._fontsize  # expand keeps this pad inside the bbox
            legend.set_bbox_to_anchor((x0 - pad, 0.0, w + 2 * pad, 0.0), transform=points)
        else:
            legend = host.legend(handles, labels, loc=loc, bbox_to_anchor=(x, y), bbox_transform=trans,
                                 **kwargs)
        finish_legend(legend, graph.legend_look, graph.scale)
        return
    if look is not None and look.alignment and band == "row":
        va = {"top": "top", "middle": "center", "bottom": "bottom", "baseline": "baseline"}[look.alignment]
        y = {"top": 1.0 - GAP / 2 / max(thickness, 1.0), "center": 0.5,
             "bottom": GAP / 2 / max(thickness, 1.0), "baseline": GAP / max(thickness, 1.0)}[va]
    _attach(host.text(x, y, el.text, transform=trans, ha=ha, va=va, fontsize=el.size, color=el.color or "black",
                      rotation=el.rotation, gid=el.name,
                      **text_kwargs(look, el.size, graph.scale, along)))


def _attach(text) -> None:
    """A SizedBox measures from the text it surrounds."""
    patch = text.get_bbox_patch()
    if patch is not None and isinstance(patch.get_boxstyle(), SizedBox):
        patch.get_boxstyle().text = text


def _draw_inside(target, el: Element, graph: Graph) -> None:
    """``ring(0)``: the element inside the plot region at its clock position."""
    if el.name in ("legend", "plegend"):
        graph = _legend_of(el, graph)
        handles, labels, kwargs = legend_kwargs(graph)
        layout = graph.legend_look
        loc = COMPASS_LOC.get(layout.bplacement or "", LEGEND_INSIDE.get(el.clock, "best"))
        if el.name == "plegend":  # beside the plots' legend (a second target.legend() would replace it)
            from matplotlib.legend import Legend

            legend = Legend(target, handles, labels, loc=loc, **kwargs)
            target.add_artist(legend)
        else:
            legend = target.legend(handles, labels, loc=loc, **kwargs)
        finish_legend(legend, layout, graph.scale)
        return
    x, y, ha, va = _INSIDE.get(el.clock, _INSIDE[0])
    if el.look is not None and el.look.justification:
        ha = el.look.justification
    trans = target.transAxes if hasattr(target, "transAxes") else target.transSubfigure
    _attach(target.text(x, y, el.text, transform=trans, ha=ha, va=va, fontsize=el.size, color=el.color or "black",
                        rotation=el.rotation, gid=el.name, zorder=6,
                        **text_kwargs(el.look, el.size, graph.scale, trans)))
