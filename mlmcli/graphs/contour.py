"""``twoway contour z y x`` and ``twoway contourline z y x`` ([G-2] graph twoway contour,
contourline): z over the (x, y) plane as filled regions between cuts, or as lines at the cuts.

The surface.  ``interp(thinplatespline)`` (the default): the thin-plate spline through the
points, z(p) = a0 + a'p + sum_i w_i r_i^2 log r_i (r_i = |p - p_i|, exact at the points),
evaluated on a 60 x 60 grid over the range of x and y; ``interp(shepard)``: Shepard's
inverse-distance weights, z(p) = sum_i z_i / r_i^2 / sum_i 1 / r_i^2 (z_i where p = p_i);
``interp(none)``: the data are the grid (every pair of distinct x and y values once).

The cuts.  ``ccuts(numlist)`` as typed; else ``levels(#)`` (default 5) regions of equal width
between the minimum and maximum of z in the data, that is # - 1 cuts (the surface beyond them
takes the first and last regions' colours); ``minmax`` adds the minimum and
maximum to the cuts.  Region k (from the lowest) is coloured by ``crule()``: ``hue`` (the
default) steps the hue from ``scolor()`` (default blue) to ``ecolor()`` (default red) the long
way round the colour wheel (blue, cyan, green, yellow, red), saturation and value
interpolated; ``chue`` the same, the other way (through magenta); ``intensity`` ``ecolor()`` at intensities rising from a tenth to full; ``linear`` straight
between the two colours in RGB; ``ccolors()`` lists them.  ``heatmap``: the grid's cells as
rectangles in their region's colour, not smooth regions.

The legend: ``contour`` draws Stata's colour ramp beside the plot (``contour_ramp``: the
regions' colours on a z axis, labelled at the edges or as ``zlabel()`` says; without ``ccuts()``
or ``levels()`` the ``zlabel()`` values are the cuts); ``contourline, colorlines`` one key per
cut, labelled in ``format()`` (default %9.0g) or by ``zlabel()``'s text, highest first unless
``reversekey``.  Under ``by()`` every panel has the cuts and colours of the plot's whole sample
(its smallest and largest z the outer edges, a panel's surface beyond them clipped to the end
regions) and no ramp of its own: ``contour_ramp.by_graph_ramp`` gives the graph one, when
``by(..., clegend(on))`` asks for it.
"""
from __future__ import annotations

import colorsys

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.graph_options import number
from mlmcli.graphs.series_parts import last_option, look_fields
from mlmcli.graphs.spec import Series

GRID = 60
CONTOUR_KINDS = ("contour", "contourline")


def thin_plate_surface(x, y, z, gx, gy) -> np.ndarray:
    """The thin-plate spline through (x, y, z) at the grid gx x gy (rows: gy)."""
    from scipy.interpolate import RBFInterpolator

    points = np.column_stack([x, y])
    scale = np.array([np.ptp(x) or 1.0, np.ptp(y) or 1.0])  # both axes on a unit scale
    kwargs = {"neighbors": 80} if len(x) > 1500 else {}
    mx, my = np.meshgrid(gx, gy)
    at = np.column_stack([mx.ravel(), my.ravel()]) / scale
    try:
        if len(z) < 3:  # two points: on one line
            raise np.linalg.LinAlgError
        spline = RBFInterpolator(points / scale, z, kernel="thin_plate_spline", **kwargs)
    except np.linalg.LinAlgError:  # points on one line: the n + 3 system is singular
        return _thin_plate_least_norm(points / scale, z, at).reshape(my.shape)
    return spline(at).reshape(my.shape)


def _tps_kernel(d: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d > 0, d * d * np.log(np.where(d > 0, d, 1.0)), 0.0)


def _thin_plate_least_norm(points, z, at) -> np.ndarray:
    """The spline's n + 3 system solved by least squares (its smallest-norm solution): when
    the points lie on one line the plane's slope across the line is not determined; this one
    takes none, and the surface still passes through the points."""
    from scipy.spatial.distance import cdist

    n = len(z)
    poly = np.column_stack([np.ones(n), points])
    system = np.block([[_tps_kernel(cdist(points, points)), poly], [poly.T, np.zeros((3, 3))]])
    coef = np.linalg.lstsq(system, np.concatenate([z, np.zeros(3)]), rcond=None)[0]
    out = np.empty(len(at))
    for start in range(0, len(at), 400):
        block = at[start:start + 400]
        out[start:start + 400] = (_tps_kernel(cdist(block, points)) @ coef[:n]
                                  + coef[n] + block @ coef[n + 1:])
    return out


def shepard_surface(x, y, z, gx, gy) -> np.ndarray:
    """Shepard's inverse squared distance weights at the grid."""
    scale = np.array([np.ptp(x) or 1.0, np.ptp(y) or 1.0])
    mx, my = np.meshgrid(gx, gy)
    grid = np.column_stack([mx.ravel(), my.ravel()]) / scale
    points = np.column_stack([x, y]) / scale
    out = np.empty(len(grid))
    for start in range(0, len(grid), 400):
        block = grid[start:start + 400]
        d2 = ((block[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
        exact = d2 == 0
        w = np.where(exact, 0.0, 1.0 / np.where(exact, 1.0, d2))
        values = (w @ z) / w.sum(axis=1)
        hit = exact.any(axis=1)
        values[hit] = z[np.argmax(exact[hit], axis=1)]
        out[start:start + 400] = values
    return out.reshape(my.shape)


def distinct_points(x, y, z) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each (x, y) pair once, with its smallest z (help twoway_contour: "If there is more than one
    z value corresponding to a pair of (y,x), the smallest z value is used"); missing values out."""
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(z)
    x, y, z = x[ok], y[ok], z[ok]
    order = np.lexsort((z, y, x))
    x, y, z = x[order], y[order], z[order]
    first = np.ones(len(x), bool)
    first[1:] = (np.diff(x) != 0) | (np.diff(y) != 0)
    return x[first], y[first], z[first]


def fills_grid(x, y) -> bool:
    """Distinct pairs that are every pair of the distinct x and y values: Stata's "regular grid",
    plotted as is whatever ``interp()`` says."""
    return len(np.unique(x)) * len(np.unique(y)) == len(x)


def data_grid(x, y, z) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The data as a grid of the distinct x and y values (``interp(none)``, or data filling a
    regular grid): a pair without a z is missing (its cells left in the background colour, as
    help twoway_contour says of interp(none)); a repeated pair keeps its smallest z."""
    x, y, z = distinct_points(np.asarray(x, float), np.asarray(y, float), np.asarray(z, float))
    gx, gy = np.unique(x), np.unique(y)
    grid = np.full((len(gy), len(gx)), np.nan)
    grid[np.searchsorted(gy, y), np.searchsorted(gx, x)] = z
    return gx, gy, grid


def cuts_of(z: np.ndarray, levels: int, typed: list[float] | None, minmax: bool) -> np.ndarray:
    lo, hi = float(np.nanmin(z)), float(np.nanmax(z))
    if typed is not None:
        cuts = sorted(typed)
    else:
        cuts = [lo + (hi - lo) * k / levels for k in range(1, levels)]
    if minmax:
        cuts = sorted(set(cuts) | {lo, hi})
    return np.unique(np.array(cuts, float))  # a constant z: its levels' cuts are one value


def _hsv(color: str) -> tuple[float, float, float]:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hsv(r, g, b)


def _hex(rgb) -> str:
    return "#" + "".join(f"{min(max(round(v * 255), 0), 255):02x}" for v in rgb)


def region_colors(n: int, rule: str, start: str, end: str) -> list[str]:
    """``n`` colours from ``start`` to ``end`` by Stata's ``crule()``."""
    from mlmcli.graphs.style import intensity

    steps = np.linspace(0.0, 1.0, n) if n > 1 else np.array([0.0])
    if rule == "intensity":
        return [intensity(end, 0.1 + 0.9 * t) for t in steps]
    if rule == "linear":
        a = np.array([int(start[i:i + 2], 16) / 255 for i in (1, 3, 5)])
        b = np.array([int(end[i:i + 2], 16) / 255 for i in (1, 3, 5)])
        return [_hex(a + (b - a) * t) for t in steps]
    h0, s0, v0 = _hsv(start)
    h1, s1, v1 = _hsv(end)
    delta = h1 - h0
    short = (delta + 0.5) % 1.0 - 0.5  # the short way round
    long = short - np.sign(short or 1.0)
    sweep = long if rule == "hue" else short
    return [_hex(colorsys.hsv_to_rgb((h0 + sweep * t) % 1.0, s0 + (s1 - s0) * t, v0 + (v1 - v0) * t))
            for t in steps]


def contour(ctx, plot, keep) -> list[Series]:
    """The surface, its cuts and colours as a ``contour``/``heatmap``/``contourline`` series,
    and one empty key series per legend entry."""
    from mlmcli.graphs.style import parse_color
    from mlmcli.render.numfmt import format_number
    from mlmcli.syntax.numlist import numlist

    from mlmcli.graphs.series_parts import var_label

    from mlmcli.graphs import contour_ramp

    opts, kind = plot.options, plot.kind
    zvalues, zfields = contour_ramp.read_zlabels(opts.get("zlabel") or (), getattr(ctx, "notes", []))
    zname, yname = plot.ys
    z = ctx.data.numeric(zname)[keep]
    y = ctx.data.numeric(yname)[keep]
    x = ctx.data.numeric(plot.x)[keep]
    if "ccuts" in opts and "levels" in opts:  # twoway_zyx2view_parse 1.0.5
        raise StataError("may not combine options ccuts() and levels()", 198)
    method = str(last_option(opts, "interp") or "thinplatespline").strip().lower()
    if len(method) >= 4 and "thinplatespline".startswith(method):  # help: thin:platespline
        method = "thinplatespline"
    if method not in ("thinplatespline", "tps", "shepard", "none"):
        raise StataError(f"interp({method}) invalid: thinplatespline, shepard or none", 198)
    x, y, z = distinct_points(x, y, z)
    if z.size == 0:
        raise StataError("no observations", 2000)
    if method == "none" or fills_grid(x, y):  # Stata interpolates only off a regular grid
        gx, gy, grid = data_grid(x, y, z)
    else:  # off a grid there are at least two distinct x and two distinct y
        gx, gy = np.linspace(x.min(), x.max(), GRID), np.linspace(y.min(), y.max(), GRID)
        surface = shepard_surface if method == "shepard" else thin_plate_surface
        grid = surface(x, y, z, gx, gy)
    levels = int(number(last_option(opts, "levels"), "levels")) if "levels" in opts else 5
    if levels < 1:
        raise StataError("option levels() incorrectly specified", 198)
    typed = numlist(last_option(opts, "ccuts")) if isinstance(last_option(opts, "ccuts"), str) else None
    # by(): every panel has the cuts, colours and legend of the plot's whole sample (one contour
    # legend keys them all, as the panels share their axes' scales)
    shared = getattr(ctx, "by_panels", False)
    every_z = ctx.data.numeric(zname)[plot.mask] if shared else z
    zlo, zhi = float(np.nanmin(every_z)), float(np.nanmax(every_z))
    if typed is None and "levels" not in opts and (zvalues is not None or zfields) and not zfields.get("add"):
        # zlabel(): the cuts (with add, labels beside the default ones: the cuts stay the default)
        typed = list(contour_ramp.label_values(zvalues, zfields, zlo, zhi) or ()) or None
    cuts = cuts_of(every_z, levels, typed, bool(opts.get("minmax")))
    fmt = str(zfields.get("format") or last_option(opts, "format") or "%9.0g").strip()
    named = dict(zfields.get("ticklabels") or ())

    def text(v: float) -> str:
        return named.get(v) or format_number(v, fmt).strip()

    rule = str(last_option(opts, "crule") or "hue").strip().lower()
    if rule not in ("hue", "chue", "intensity", "linear"):
        raise StataError(f"crule({rule}) invalid", 198)
    start = parse_color(str(last_option(opts, "scolor") or "blue")) or "#0000ff"
    end = parse_color(str(last_option(opts, "ecolor") or "red")) or "#ff0000"
    typed_colors = None
    if isinstance(last_option(opts, "ccolors"), str):
        from mlmcli.graphs.syntax import items

        typed_colors = [parse_color(word) for _, word in items(last_option(opts, "ccolors"))]
        if any(c is None for c in typed_colors):
            raise StataError("option ccolors() invalid", 198)
    lo, hi = (zlo, zhi) if shared else (float(np.nanmin(grid)), float(np.nanmax(grid)))
    keys: list[tuple[str, str, float | None]] = []
    if kind == "contour":
        edges = np.unique(np.concatenate([[min(lo, cuts[0] if cuts.size else lo)], cuts,
                                          [max(hi, cuts[-1] if cuts.size else hi)]]))
        if edges.size < 2:  # z constant and no cut apart from it: one region around it (mlm's choice)
            half = 0.5 * (abs(edges[0]) or 1.0)
            edges = np.array([edges[0] - half, edges[0] + half])
        if shared:  # a panel's surface beyond the whole sample's z takes the end regions' colours
            grid = np.clip(grid, edges[0], edges[-1])
        count = len(edges) - 1
        colors = typed_colors or region_colors(count, rule, start, end)
        if len(colors) < count:
            raise StataError(f"ccolors() needs {count} colours", 198)
        colors = colors[:count]
        # Stata's contour legend is one key, the ramp of the colours with a z axis (clegend)
        at = contour_ramp.label_values(zvalues, zfields, float(edges[0]), float(edges[-1]))
        at = tuple(edges) if at is None else at  # no rule typed: the edges
        if zfields.get("add"):  # zlabel(..., add): the typed labels beside the default ones (the edges)
            at = tuple(sorted({float(v) for v in edges} | {float(v) for v in at}))
        shown, key_look, zticks = contour_ramp.legend_options(opts, last_option, getattr(ctx, "notes", None))
        # [G-2] graph twoway contour: the key's axis is titled by z's label (or name) unless
        # ztitle() says otherwise (ztitle(""): none)
        own_title = var_label(ctx, zname)
        affix = key_look.pop("axis_title_affix", None)
        if affix and own_title:  # ztitle("x", prefix|suffix): joined to it on one line
            typed_title = key_look["axis_title"]
            key_look["axis_title"] = (f"{typed_title} {own_title}" if affix == "prefix"
                                      else f"{own_title} {typed_title}")
        key_look.setdefault("axis_title", own_title)
        if "at" in key_look and not shared and getattr(ctx, "notes", None) is not None:
            note = "(note: clegend(at()) places the contour legend in a by() graph's cell: not used without by())"
            if note not in ctx.notes:
                ctx.notes.append(note)
        if key_look.get("scale_log") and edges[0] <= 0:  # a log axis has no place for z <= 0
            at = contour_ramp.log_key(key_look, edges, grid, at, getattr(ctx, "notes", None))
        log = bool(key_look.get("scale_log"))
        reach = list(contour_ramp.rescaled_to(at, zfields, log))  # labels beyond the key widen its axis
        if zticks:  # ztick(): ticks without labels
            ticked = contour_ramp.label_values(zticks[0], zticks[1], float(edges[0]), float(edges[-1]))
            key_look["ticks"] = tuple(float(v) for v in ticked or ())
            reach += contour_ramp.rescaled_to(ticked, zticks[1], log)
        if "minor_rules" in key_look:  # zmlabel(), zmtick(): minor ticks on the ramp's axis
            minor_look, key_look["minor"] = contour_ramp.minor_ticks(
                key_look.pop("minor_rules"), at, float(edges[0]), float(edges[-1]), fmt)
            reach += contour_ramp.rescaled_to(minor_look.pop("minor_reach", ()), {}, log)
            key_look.update(minor_look)
        if reach and (min(reach) < edges[0] or max(reach) > edges[-1]):
            key_look["reach"] = (min(reach), max(reach))
        ramp = contour_ramp.ramp_labels(at, zfields, fmt) if shown else None
        main = Series("heatmap" if opts.get("heatmap") else "contour", gx, gy, stats=grid,
                      pos=edges, labels=tuple(colors), style=plot.styles[0], legend=False,
                      label=var_label(ctx, yname), ramp=ramp,
                      ramp_look=contour_ramp.ramp_look(zfields) + tuple(key_look.items()))
    else:
        typed = [name for name in ("clegend", "ztitle", "ztick", "zscale", "zmlabel", "zmtick") if name in opts]
        notes = getattr(ctx, "notes", None)
        if typed and notes is not None:  # twoway options Stata accepts: they set the contour legend,
            # which a contourline plot has not ([G-3] axis_title_options: ztitle() "has effect only
            # when the graph includes a twoway contour plot"); its lines are keyed by legend()
            note = (f"(note: {', '.join(n + '()' for n in typed)} not used with contourline: "
                    f"{'they set' if len(typed) > 1 else 'it sets'} a twoway contour plot's legend; "
                    "contourline's lines are keyed by legend() and zlabel())")
            if note not in notes:
                notes.append(note)
        if zfields.get("rescale") is False and notes is not None:  # no z axis to keep from widening
            note = "(note: zlabel()'s norescale not used with contourline: it draws no contour legend axis)"
            if note not in notes:
                notes.append(note)
        colorlines = bool(opts.get("colorlines"))
        fields = look_fields(plot, "line")
        if colorlines:
            colors = typed_colors or region_colors(len(cuts), rule, start, end)
        else:
            from mlmcli.graphs.style import series_color

            colors = [fields.get("color") or series_color(plot.styles[0], getattr(ctx, "scheme", None))] * len(cuts)
        widths = None
        if isinstance(last_option(opts, "clwidths"), str):  # clwidths(): a width per line, recycled
            from mlmcli.graphs.look_options import line_width_value
            from mlmcli.graphs.style import line_width

            words = last_option(opts, "clwidths").split()
            widths = tuple(line_width_value(w, getattr(ctx, "notes", [])) or line_width("medium")
                           for w in words) or None
        if colorlines:  # a key per line, in its colour and width
            keys = [(colors[k], text(cuts[k]), widths[k % len(widths)] if widths else fields.get("line_width"))
                    for k in range(len(cuts))]
        main = Series("contourline", gx, gy, stats=grid, pos=cuts, labels=tuple(colors[:len(cuts)]),
                      style=plot.styles[0], legend=False, label=var_label(ctx, yname), line_widths=widths,
                      **{k: v for k, v in fields.items() if k in ("line_width", "pattern")})
    if not opts.get("reversekey"):
        keys = keys[::-1]
    key_kind = "area" if kind == "contour" else "line"
    empty = np.empty(0)
    out = [main]
    for k, (colour, label, width) in enumerate(keys):
        out.append(Series(key_kind, empty, empty, empty if key_kind == "area" else None, label=label,
                          color=colour, style=plot.styles[0], line_width=width, line_key=kind == "contourline"))
    return out


def line_legend_fields(plots_data, gopts: dict, notes: list[str] | None = None) -> dict:
    """The contour-line legend ([G-3] legend_options' ``plegend()``).  Stata keys the lines of
    ``contourline, colorlines`` in a legend of their own, right of the plot region in one column
    (s2color's zyx2 legend: clock 3, one column).  When every plot is a contour plot that is the
    graph's one legend and ``plegend()`` is read as ``legend()``; beside other plots it is a
    second legend (``line_legend``: its own Graph fields, ``plegend()``'s suboptions read as
    ``legend()``'s) while ``legend()`` keys the other plots; without keyed contour lines there is
    no contour-line legend and ``plegend()`` changes nothing, as in Stata.  Moves ``plegend``
    out of ``gopts``; returns Graph defaults."""
    from mlmcli.graphs.legend_options import legend_fields

    typed = gopts.pop("plegend", [])
    keyed = [p for p in plots_data if p.kind == "contourline" and p.options.get("colorlines")]
    if not keyed:
        return {}
    if any(p.kind not in CONTOUR_KINDS for p in plots_data):
        own: dict = {"legend_position": 3, "legend_cols": 1}
        for arg in typed:
            own.update(legend_fields(arg, notes, own.get("legend_look")))
        return {"line_legend": tuple(own.items())}
    gopts["legend"] = list(typed) + list(gopts.get("legend", []))
    return {"legend_position": 3, "legend_cols": 1}
