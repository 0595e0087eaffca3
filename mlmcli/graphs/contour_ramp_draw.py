"""Drawing the contour plot's colour ramp (see ``contour_ramp``): an axes right of the plot
region, a rectangle per region, the z labels on its right."""
from __future__ import annotations

import numpy as np

GAP_PT = 3.5 * 2.88   # margin clegend medium: 3.5% of the graph's 4-inch side
WIDTH_PT = 17.0       # gsize clegend_width huge
LABEL_PT = 8.5        # the tick labels' medsmall


def label_room(fields: dict, labels, k: float) -> float:
    """Points beside the key its axis labels and title take (placing it needs them)."""
    size = (fields.get("labsize") or LABEL_PT) * k
    return (max((len(t) for _, t in labels), default=0) * 0.55 * size + 6.0 * k
            + (1.3 * LABEL_PT * k if fields.get("axis_title") else 0.0)
            + (fields.get("scale_outergap") or 0.0) * k)  # zscale(outergap()): room beyond them


def band_size(look: tuple, labels, k: float, across: bool) -> float:
    """Points a band beside a by() trellis needs for the key: beside it (``across`` False) the
    gaps, the key's width and its labels' room; above or below it the gaps, the key's height and
    its title lines.  Region margins and ``bmargin()`` add theirs."""
    fields = dict(look)
    margin = [a + b for a, b in zip(fields.get("region_margin") or (0.0,) * 4, fields.get("outer_margin") or (0.0,) * 4)]
    if not across:
        return 2 * GAP_PT * k + (fields.get("width") or WIDTH_PT) * k + label_room(fields, labels, k) \
            + (margin[0] + margin[1]) * k
    titled = 1.4 * LABEL_PT * sum(bool(fields.get(n)) for n in ("title", "subtitle"))
    return 2 * GAP_PT * k + ((fields.get("height") or 0.0) + titled + _footer_height(fields)
                             + margin[2] + margin[3]) * k + LABEL_PT * k


def draw_ramp(ax, edges, colors, labels, look: tuple, gid: str, k: float, parent=None):
    """The key: an axes to the right of ``ax`` (placed in points from it at every draw),
    a rectangle per region from its lower to its upper edge, the labels on its right (on its
    left with ``clegend(altaxis)``, the key then that much further from the plot region).
    ``look``: (name, value) pairs -- the labels' ``labsize``, ``angle``, ``label_color``,
    ``label_gap``, the ticks' ``tick_length``, ``tick_width``, ``tick_color``, ``ticks``
    (``ztick()``: unlabelled ticks), ``axis_title`` (``ztitle()``), ``title``, ``width``,
    ``height`` (points; None: the plot region's height) and ``altaxis`` (``clegend()``),
    ``scale_reverse``, ``scale_range``, ``scale_off``, ``scale_line``, ``scale_line_color``,
    ``scale_line_width``, ``scale_line_pattern``, ``scale_title_gap`` (``zscale()``), ``reach``
    (the lowest and highest label typed beyond the key, which widen its axis), ``minor``
    and ``minor_*`` (``zmlabel()``, ``zmtick()``), ``axis_title_size``/``_color``/``_angle``.
    ``parent``: what the key is placed by, ``ax``'s plot region unless a by() graph's trellis or
    cell (``contour_ramp_place.PlacedRegion``): the key is then an axes of that region's figure."""
    from matplotlib.patches import Rectangle

    from mlmcli.graphs.contour_ramp_place import ramp_bounds

    edges = np.asarray(edges, float)
    fields = dict(look)
    floor = fields.get("log_floor")  # zscale(log) with z <= 0: the key from the smallest positive z
    if floor is not None:  # and no label or tick at z <= 0, which a log axis cannot place
        edges = np.maximum(edges, floor)
        labels = tuple((v, t) for v, t in labels if v > 0)
        for name in ("ticks", "minor"):
            if fields.get(name):
                fields[name] = tuple(v for v in fields[name] if (v[0] if isinstance(v, tuple) else v) > 0)
    size = (fields.get("labsize") or LABEL_PT) * k
    alt = bool(fields.get("altaxis"))
    room = label_room(fields, labels, k)  # its axis labels and title beside the key
    width, height = fields.get("width") or WIDTH_PT, fields.get("height")
    if parent is None:
        parent = ax
        ramp = ax.inset_axes([1.0, 0.0, 0.05, 1.0])
    else:
        ramp = parent.get_figure(root=False).add_axes([0.9, 0.0, 0.05, 1.0])
    ramp.set_gid(gid + "-ramp")

    backdrop = _region(ramp, fields, k)
    inner = (0.0, 0.0, 0.0, 0.0)  # room its region keeps around the key, labels and title
    if backdrop is not None:
        margin = fields.get("region_margin") or (2.0, 2.0, 2.0, 2.0)
        titled = 1.4 * LABEL_PT * sum(bool(fields.get(n)) for n in ("title", "subtitle"))
        inner = tuple(v * k for v in (margin[0], margin[1], margin[2] + _footer_height(fields), margin[3] + titled))
    # clegend(bmargin()): outside the region, room the placement keeps too
    around = tuple(a + b * k for a, b in zip(inner, fields.get("outer_margin") or (0.0,) * 4))

    def beside(_axes, renderer, parent=parent):  # clegend(position() ring() bplacement()): contour_ramp_place
        bounds = ramp_bounds(parent, renderer, fields, width * k, None if height is None else height * k,
                             room, GAP_PT * k, around)
        if backdrop is not None:  # clegend(region()): around the key, its labels and its title
            host = parent.get_figure(root=False)
            dots = host.get_figure(root=True).dpi / 72.0
            per_x, per_y = dots / max(host.bbox.width, 1e-9), dots / max(host.bbox.height, 1e-9)
            labels_x = bounds.x0 - room * per_x if alt else bounds.x0
            # region(lalign()): the outline's stroke inside the edge (half its width in), outside
            # it (half out) or centred on it (matplotlib's stroke, the default)
            half = {"inside": -0.5, "outside": 0.5}.get(fields.get("region_align"), 0.0) * backdrop.get_linewidth()
            backdrop.set_bounds(labels_x - (inner[0] + half) * per_x, bounds.y0 - (inner[2] + half) * per_y,
                                bounds.width + (room + inner[0] + inner[1] + 2 * half) * per_x,
                                bounds.height + (inner[2] + inner[3] + 2 * half) * per_y)
        return bounds

    ramp.set_axes_locator(beside)
    for i, colour in enumerate(colors):
        if edges[i + 1] > edges[i] or floor is None:
            ramp.add_patch(Rectangle((0.0, edges[i]), 1.0, edges[i + 1] - edges[i], facecolor=colour,
                                     edgecolor="none", linewidth=0.0, gid=gid + "-ramp-key"))
    ramp.set_xlim(0.0, 1.0)
    if fields.get("scale_log"):  # zscale(log): the regions' blocks on a log z axis, no minor ticks unless typed
        from matplotlib.ticker import NullFormatter, NullLocator

        ramp.set_yscale("log")
        ramp.yaxis.set_minor_locator(NullLocator())
        ramp.yaxis.set_minor_formatter(NullFormatter())
    low, high = edges[0], edges[-1]
    for wider in ("scale_range", "reach"):  # zscale(range()), and labels typed beyond the key
        if fields.get(wider):  # (unless norescale): the axis widened to the values
            low, high = min(low, fields[wider][0]), max(high, fields[wider][1])
    limits = (high, low) if fields.get("scale_reverse") else (low, high)  # zscale(reverse)
    ramp.set_ylim(*limits)
    ramp.set_xticks([])
    if alt:
        ramp.yaxis.tick_left()
    else:
        ramp.yaxis.tick_right()
    named = {float(v): t for v, t in labels}
    for v in fields.get("ticks") or ():  # ztick(): a tick, no label
        named.setdefault(float(v), "")
    at = sorted(named)
    own = {float(v) for v in fields.get("ticks") or ()} - {float(v) for v, _ in labels}  # ztick()'s
    _set_ticks(ramp, tuple((v, named[v]) for v in at), fields, "", size, 3.5 * k, k, own)
    _own_tick_look(ramp.yaxis.get_major_ticks(), own, fields, "ztick_", k)
    if fields.get("minor"):  # zmlabel(), zmtick(): in the minor labels' 6.5 points, 1.5-point ticks
        mine = set(fields.get("mtick_at") or ())
        _set_ticks(ramp, fields["minor"], fields, "minor_", (fields.get("minor_labsize") or 6.5) * k,
                   1.5 * k, k, mine)
        _own_tick_look(ramp.yaxis.get_minor_ticks(), mine, fields, "mtick_", k)
    from mlmcli.graphs.tick_looks import custom_tick_looks

    custom_tick_looks(ramp.yaxis.get_major_ticks(), fields.get("custom"), k)  # zlabel(..., custom)
    custom_tick_looks(ramp.yaxis.get_minor_ticks(), fields.get("minor_custom"), k)  # zmlabel(..., custom)
    ramp.set_ylim(*limits)  # set_yticks() widens the view to its ticks: norescale's labels stay off it
    if fields.get("axis_title"):
        _axis_title(ramp, fields, k)
    heading = "\n".join(t for t in (fields.get("title"), fields.get("subtitle")) if t)
    if heading:  # clegend(title() subtitle()): above the key, the subtitle a line under the title
        ramp.set_title(heading, fontsize=LABEL_PT * k)
    _footers(ramp, fields, k)
    if fields.get("scale_off"):  # zscale(off): the key without its axis
        if fields.get("scale_fill"):  # zscale(off fill): its room kept, nothing shown
            _transparent_axis(ramp)
        else:
            ramp.yaxis.set_visible(False)
            ramp.xaxis.label.set_visible(False)  # ztitle(, position(12|6))
    for spine in ramp.spines.values():
        spine.set_linewidth(0.6 * k)  # linewidth clegend thin, clegend_line black
    _axis_line(ramp.spines["left" if alt else "right"], fields, k)
    return ramp


def _axis_title(ramp, fields: dict, k: float) -> None:
    """``ztitle()``: beside the key on its axis' side (``position()``: 1-5 right, 7-11 left, along
    the key; 12 above it, 6 below it, across), in ``ytitle()``'s look (axis_title medsmall, 9.5
    points) with its textbox: ``box``, colours, ``width()``/``height()``, ``bexpand`` (the box along
    the key), ``justification()``/``placement()`` (where along the key), ``margin()`` (room from the
    labels, added to ``zscale(titlegap())``)."""
    from mlmcli.graphs.contour_ramp_place import title_side
    from mlmcli.graphs.text_box_draw import SizedBox, text_kwargs

    side = title_side(fields)
    box = fields.get("axis_title_box")
    size = (fields.get("axis_title_size") or 9.5) * k
    across = side in ("top", "bottom")
    kwargs = dict(text_kwargs(box, size, k, expand=ramp.transAxes))
    gap = (fields.get("scale_title_gap") or 0.0) * k
    if box is not None:  # margin(): (left, right, bottom, top); the side facing the key counts
        gap += {"right": box.margin[0], "left": box.margin[1], "top": box.margin[2],
                "bottom": box.margin[3]}[side] * k
        if box.justification:  # along the key: left/right are its bottom/top when it stands
            kwargs["loc"] = box.justification if across else \
                {"left": "bottom", "center": "center", "right": "top"}[box.justification]
            kwargs.pop("multialignment", None)
    if gap or fields.get("scale_title_gap") is not None:
        kwargs["labelpad"] = 4.0 + gap if fields.get("scale_title_gap") is None else gap  # matplotlib's 4
    look = dict(fontsize=size, color=fields.get("axis_title_color") or "black",
                rotation=fields.get("axis_title_angle", 0.0 if across else 90.0))
    if across:
        ramp.xaxis.set_label_position(side)
        label = ramp.set_xlabel(fields["axis_title"], **look, **kwargs)
    else:
        ramp.yaxis.set_label_position(side)
        label = ramp.set_ylabel(fields["axis_title"], **look, **kwargs)
    patch = label.get_bbox_patch()
    if patch is not None and isinstance(patch.get_boxstyle(), SizedBox):  # it measures from its text
        patch.get_boxstyle().text = label


def _own_tick_look(ticks, at: set, fields: dict, prefix: str, k: float) -> None:
    """``ztick(tlength() tlcolor() tlwidth() tposition() grid gl*() gmin gmax)`` (``prefix``
    ``ztick_``) and ``zmtick()``'s (``mtick_``): the look of that option's own ticks at ``at``, the
    labelled ones keeping theirs; grid lines at them only when that option asks."""
    from matplotlib import lines

    from mlmcli.graphs import style

    if not at:
        return
    direction = fields.get(prefix + "tick_position")
    for tick in ticks:
        value = float(tick.get_loc())
        if value not in at:
            continue
        gridded = bool(fields.get(prefix + "grid")) and not _at_end(tick, value, fields, prefix)
        tick.gridline.set_visible(gridded)
        if gridded:
            tick.gridline.set(color=fields.get(prefix + "grid_color") or style.GRID,
                              linewidth=(fields.get(prefix + "grid_width") or 0.8) * k,
                              linestyle=style.line_pattern(fields.get(prefix + "grid_pattern") or "solid") or "-")
        if direction:  # tposition(): the left (tick1) and right (tick2) tick marks turned
            inward, outward = lines.TICKRIGHT, lines.TICKLEFT
            tick.tick1line.set_marker({"outside": outward, "inside": inward, "crossing": "_"}[direction])
            tick.tick2line.set_marker({"outside": inward, "inside": outward, "crossing": "_"}[direction])
        for line in (tick.tick1line, tick.tick2line):
            if fields.get(prefix + "tick_length") is not None:
                line.set_markersize(fields[prefix + "tick_length"] * k)
            if fields.get(prefix + "tick_width") is not None:
                line.set_markeredgewidth(fields[prefix + "tick_width"] * k)
            if fields.get(prefix + "tick_color"):
                line.set_color(fields[prefix + "tick_color"])


def _transparent_axis(ramp) -> None:
    """``zscale(off fill)``: the axis' labels, ticks and title drawn invisible, so that the room
    they take is kept ([G-3] axis_scale_options ``fill``)."""
    clear = (0.0, 0.0, 0.0, 0.0)
    for which in ("major", "minor"):
        ramp.tick_params(axis="y", which=which, color=clear, labelcolor=clear)
    ramp.yaxis.label.set_color(clear)
    ramp.xaxis.label.set_color(clear)


def _set_ticks(ramp, ticks, fields: dict, prefix: str, size: float, length: float, k: float,
               own: set = frozenset()) -> None:
    """Major (``prefix`` "") or minor (``"minor_"``: ``zmlabel()``/``zmtick()``) ticks at
    (value, text) ``ticks``, in the look fields named with ``prefix``; ``size``/``length`` the
    labels' size and the ticks' default length, in points."""
    minor = bool(prefix)
    texts = [t for _, t in ticks]
    if fields.get(prefix + "alternate"):  # every other label further out (figure spaces before it)
        shown = [i for i, t in enumerate(texts) if t]
        for j, i in enumerate(shown):
            if j % 2:
                pad = "\u2007" * (2 * len(texts[i]))
                texts[i] = texts[i] + pad if fields.get("altaxis") else pad + texts[i]
    ramp.set_yticks([v for v, _ in ticks], minor=minor)
    ramp.set_yticklabels(texts, minor=minor, fontsize=size,
                         rotation=fields.get(prefix + "angle") or 0.0,
                         color=fields.get(prefix + "label_color") or "black")
    params = {"length": fields[prefix + "tick_length"] * k if prefix + "tick_length" in fields else length,
              "width": (fields.get(prefix + "tick_width") or 0.6) * k,
              "color": fields.get(prefix + "tick_color") or "black"}
    if fields.get(prefix + "label_gap") is not None:
        params["pad"] = fields[prefix + "label_gap"] * k
    if fields.get(prefix + "tick_position"):  # tposition(): the ticks into the key, out, or across
        params["direction"] = {"outside": "out", "inside": "in", "crossing": "inout"}[fields[prefix + "tick_position"]]
    ramp.tick_params(axis="y", which="minor" if minor else "major", **params)
    if fields.get(prefix + "grid"):  # grid: lines across the key at the labels (gmin/gmax: the ends too)
        from mlmcli.graphs import style

        ramp.grid(True, axis="y", which="minor" if minor else "major",
                  color=fields.get(prefix + "grid_color") or style.GRID,
                  linewidth=(fields.get(prefix + "grid_width") or 0.8) * k,
                  linestyle=style.line_pattern(fields.get(prefix + "grid_pattern") or "solid") or "-")
        drawn = (ramp.yaxis.get_minor_ticks if minor else ramp.yaxis.get_major_ticks)(len(ticks))
        for tick, (v, _) in zip(drawn, ticks):
            if v not in own and _at_end(tick, v, fields, prefix):  # own: ztick()'s, which say themselves
                tick.gridline.set_visible(False)


def _at_end(tick, value: float, fields: dict, prefix: str) -> bool:
    """A grid line at the key's lowest or highest z (its edge) is left out unless ``gmin``/``gmax``
    ([G-3] axis_label_options: grid lines at the axis' minimum and maximum)."""
    low, high = sorted(tick.axes.get_ylim())
    near = 1e-9 * ((high - low) or 1.0)
    return (abs(value - low) <= near and not fields.get(prefix + "grid_min")) or \
        (abs(value - high) <= near and not fields.get(prefix + "grid_max"))


def _footer_lines(fields: dict) -> list[tuple[str, str]]:
    return [(name, fields[name]) for name in ("note", "caption") if fields.get(name)]


def _footer_height(fields: dict) -> float:
    """Points (at scale 1) that ``clegend(note() caption())`` take under the key."""
    lines = sum(text.count("\n") + 1 for _, text in _footer_lines(fields))
    return (0.6 * LABEL_PT + 2.0 + lines * 1.25 * FOOTER * LABEL_PT) if lines else 0.0


FOOTER = 0.85  # note() and caption(): their size, a share of the labels' (as legend()'s are)


def _footers(ramp, fields: dict, k: float) -> None:
    """``clegend(note() caption())``: lines under the key (below its lowest label), the note
    first, left-aligned with the key."""
    below = (0.6 * LABEL_PT + 2.0) * k
    for name, text in _footer_lines(fields):
        ramp.annotate(text, xy=(0.0, 0.0), xycoords="axes fraction", xytext=(0.0, -below),
                      textcoords="offset points", ha="left", va="top", fontsize=FOOTER * LABEL_PT * k,
                      annotation_clip=False, gid=f"{ramp.get_gid()}-{name}")
        below += (text.count("\n") + 1) * 1.25 * FOOTER * LABEL_PT * k


def _region(ramp, fields: dict, k: float):
    """``clegend(region(fcolor() lcolor() lwidth() lpattern() margin()))``: a rectangle behind
    the key, its labels and title (placed with the key), or None without ``region()``."""
    from matplotlib.patches import Rectangle

    from mlmcli.graphs import style

    if "region_fill" not in fields and "region_edge" not in fields:
        return None
    edge = fields.get("region_edge") or (None, None, None)
    host = ramp.get_figure(root=False)
    backdrop = Rectangle((0.0, 0.0), 0.0, 0.0, transform=host.transSubfigure, clip_on=False, zorder=-10,
                         facecolor=fields.get("region_fill") or "none",
                         edgecolor=edge[0] or ("black" if fields.get("region_edge") else "none"),
                         linewidth=(edge[1] if edge[1] is not None else 0.6) * k,
                         linestyle=style.line_pattern(edge[2] or "solid") or "-", gid=ramp.get_gid() + "-region")
    ramp.add_artist(backdrop)
    return backdrop


def _axis_line(spine, fields: dict, k: float) -> None:
    """``zscale(noline lcolor() lwidth() lpattern() lstyle())``: the key's side holding the axis."""
    from mlmcli.graphs import style

    if fields.get("scale_line") is False:
        spine.set_visible(False)
    if fields.get("scale_line_color"):
        spine.set_color(fields["scale_line_color"])
    if fields.get("scale_line_width") is not None:
        spine.set_linewidth(fields["scale_line_width"] * k)
    if fields.get("scale_line_pattern"):
        spine.set_linestyle(style.line_pattern(fields["scale_line_pattern"]) or "-")
