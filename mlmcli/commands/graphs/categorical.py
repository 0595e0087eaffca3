"""``graph bar``, ``graph hbar``, ``graph dot``, ``graph box``, ``graph hbox``.

    graph bar  yvars [if] [in] [weight] [, over(var[, sort(#) descending relabel()])...
               asyvars stack percentages blabel(bar|total|name|group[, format()])
               bar(#, color()) nofill missing by() graph_options]
    graph box  yvars [if] [in] [, over(var[, ...])... nooutsides medtype(line|cline|marker)
               asyvars box(#, color()) by() graph_options]

For horizontal charts (``hbar``, ``hbox``, ``dot``) the ``y`` options (``ytitle()``,
``ylabel()``, ``yscale()``, ``yline()``) apply to the value axis, as in Stata.
The numbers are computed by ``mlmcli.graphs.categorical``.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.twoway import mark_function
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options


def _o(name: str, abbrev: int | None, takes_arg: bool = True) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, repeatable=True)


_SHARED = [_o(*row) for row in (
    ("over", None), ("nofill", None, False), ("missing", 4, False), ("allcategories", 4, False),
    ("asyvars", 3, False), ("cw", None, False), ("yalternate", 4, False), ("xalternate", 4, False),
    ("exclude0", 6, False), ("yreverse", 4, False), ("outergap", 6), ("nolabel", 5, False),
)]
_INTENSITY = [_o("intensity", 3), _o("lintensity", 4)]  # bars and boxes: a dot chart has none
_YVARS = [_o("ascategory", 5, False), _o("showyvars", None, False), _o("yvaroptions", 4)]
BAR_SPECS = _SHARED + _INTENSITY + _YVARS + [_o(*row) for row in (
    ("percentages", 4, False), ("stack", None, False), ("bargap", 4), ("blabel", 3), ("bar", None),
)]
DOT_SPECS = _SHARED + _YVARS + [_o(*row) for row in (
    ("percentages", 4, False), ("linetype", 5), ("ndots", 5), ("dots", None), ("lines", None),
    ("rectangles", 4), ("rwidth", 2), ("marker", None), ("linegap", 5), ("stack", None, False),
)]
BOX_SPECS = _SHARED + _INTENSITY + [_o(*row) for row in (
    ("nooutsides", 5, False), ("medtype", 4), ("medline", 4), ("medmarker", 4), ("cwhiskers", 3, False),
    ("lines", None), ("alsize", 3), ("capsize", 3), ("box", None), ("marker", None), ("boxgap", 4),
)]
OVER_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("relabel", None, True), ("label", None, True), ("axis", None, True), ("gap", None, True),
    ("sort", None, True), ("descending", 4), ("total", None), ("reverse", 3),
)]
# chart options Stata has that mlmcli does not draw: the dot chart's dots and rectangles,
# the outer gap
REFUSED = ("rectangles", "rwidth", "linegap")
# bar(#, ...) and box(#, ...) take Stata's barlook_options, marker(#, ...) its marker_options
BAR_LOOK_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("color", 3, True), ("fcolor", 2, True), ("lcolor", 2, True), ("lwidth", 2, True),
    ("lpattern", 2, True), ("fintensity", 2, True), ("bstyle", 2, True), ("lstyle", 2, True),
    ("astyle", 3, True), ("pstyle", 4, True), ("lalign", 3, True),
)]
MARKER_LOOK_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("msymbol", 1, True), ("mcolor", 2, True), ("msize", 4, True), ("mstyle", 3, True),
    ("mfcolor", 3, True), ("mlcolor", 3, True), ("mlwidth", 3, True), ("mlstyle", 3, True),
    ("msangle", 4, True),
)]
LOOK_SUBOPTIONS = {"bar": BAR_LOOK_SUBOPTIONS, "box": BAR_LOOK_SUBOPTIONS, "marker": MARKER_LOOK_SUBOPTIONS}
BLABEL_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("format", None, True), ("position", 3, True), ("gap", None, True),
    ("size", None, True), ("color", None, True), ("orientation", 6, True),
    ("justification", 1, True), ("alignment", 1, True), ("angle", 3, True),
    ("box", None), ("margin", 1, True),
)]


def _last(opts: dict, name: str):
    values = opts.get(name)
    return values[-1] if values else None


def _overs(session, opts: dict, rows: np.ndarray, limit: int):
    """The ``over()`` groupings and the category-axis label look their ``label()`` asks for.
    ``allcategories``: every category in the data, also those outside the sample;
    ``nolabel``: values, not value labels."""
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.categorical import Over, group_codes
    from mlmcli.graphs.look_options import refuse

    overs = []
    label_fields: dict = {}
    every = np.ones(session.data.nobs, dtype=bool)
    for arg in opts.get("over", []):
        body, subs, _ = split_options(arg)
        sub = resolve_options(subs, OVER_SUBOPTIONS)
        names = session.data.expand_varlist(body)
        if len(names) != 1:
            raise StataError("over() takes one variable", 198)
        codes, labels = group_codes(session.data, names[0], every if opts.get("allcategories") else rows,
                                    bool(opts.get("missing")), labels=not opts.get("nolabel"))
        if opts.get("allcategories"):
            codes = np.where(rows, codes, -1)
        sort_by = None
        if isinstance(sub.get("sort"), str):
            word = sub["sort"].strip()
            sort_by = int(gopt.number(word, "sort")) if word.isdigit() else 1
        relabel = None
        if isinstance(sub.get("relabel"), str):
            relabel = dict(gopt.legend_keys_and_texts(sub["relabel"]))
        gap = gopt.number(sub["gap"], "gap") if isinstance(sub.get("gap"), str) else None
        if isinstance(sub.get("label"), str):  # the category labels' look: angle(), labsize() ...
            _, fields = gopt.axis_labels(", " + sub["label"])
            label_fields.update(fields)
        if isinstance(sub.get("axis"), str):  # the category axis line: noline, lcolor() ...
            label_fields.update(_category_axis_line(sub["axis"]))
        total = bool(sub.get("total"))  # a last group of every row, labelled Total
        overs.append(Over(names[0], codes, labels + ["Total"] if total else labels, sort_by,
                          bool(sub.get("descending")), relabel, gap, bool(sub.get("reverse")), total))
    if len(overs) > limit:
        raise StataError(f"too many over() options; at most {limit} allowed", 198)
    return overs, label_fields


CATEGORY_AXIS_LINE = [OptionSpec(*row) for row in (
    ("noline", None), ("line", None), ("lstyle", 2, True), ("lcolor", 2, True), ("lwidth", 2, True),
    ("lpattern", 2, True),
)]


def _yvar_options(opts: dict, yspecs):
    """``yvaroptions(relabel() label())``: the yvars' labels and, when they are on the category
    axis (``ascategory``, ``showyvars``), the look of those labels; the ordering suboptions of
    an over() group are refused for the yvars."""
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.look_options import refuse

    if not isinstance(_last(opts, "yvaroptions"), str):
        return yspecs, {}
    sub = resolve_options(split_options(", " + _last(opts, "yvaroptions"))[1], OVER_SUBOPTIONS)
    refuse(sub, ("sort", "descending", "reverse", "total", "gap", "axis"), "yvaroptions(): ")
    if isinstance(sub.get("relabel"), str):
        names = dict(gopt.legend_keys_and_texts(sub["relabel"]))
        yspecs = [replace(spec, label=names.get(n + 1, spec.label)) for n, spec in enumerate(yspecs)]
    look = {}
    if isinstance(sub.get("label"), str):
        look = gopt.axis_labels(", " + sub["label"])[1]
    return yspecs, look


def _category_axis_line(text: str) -> dict:
    """``over(var, axis(noline lcolor() lwidth() lpattern() lstyle()))`` -> Axis fields of the
    category axis' line (Stata's cat_axis_line_options; ``outergap()`` is the chart's option)."""
    from mlmcli.graphs.look_options import scale_look
    from mlmcli.syntax.options import read_options

    typed = read_options(text.replace(",", " "))
    for option in typed:
        if not any(spec.matches(option.name) for spec in CATEGORY_AXIS_LINE):
            raise StataError(f"over(): axis() option {option.name} not allowed", 198)
    return scale_look(resolve_options(typed, CATEGORY_AXIS_LINE), [])


def _looks(session, opts: dict, name: str, notes: list[str]):
    """``bar(#, color() lcolor() ...)`` / ``box(#, ...)`` / ``marker(#, msymbol() ...)`` and
    ``intensity()``/``lintensity()`` -> ``look(style number, kind)``: Series look fields."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.style import intensity, series_color

    typed: dict[int, dict] = {}
    for arg in opts.get(name, []):
        body, subs, _ = split_options(arg)
        k = int(number(body, name))
        typed.setdefault(k, {})
        for key, value in resolve_options(subs, LOOK_SUBOPTIONS[name]).items():
            typed[k].setdefault(key, []).append(value)
    fill_share = number(_last(opts, "intensity"), "intensity") / 100.0 if "intensity" in opts else None
    line_share = number(_last(opts, "lintensity"), "lintensity") / 100.0 if "lintensity" in opts else None
    scheme = getattr(session, "graph_scheme", "s2color")

    def look_for(style_no: int, kind: str) -> dict:
        """Series fields; ``style`` too when ``pstyle()``/``bstyle()``... name another p#."""
        drawn_style = style_no
        if style_no in typed:  # the style options choose the colours the others start from
            named = popt.look(typed[style_no], [], None).style
            drawn_style = style_no if named is None else named  # bstyle(ci): style 0
        base = series_color(drawn_style, scheme)
        out: dict = {"style": drawn_style} if drawn_style != style_no else {}
        if fill_share is not None and kind in ("bar", "box"):
            out["color"] = intensity(base, fill_share)
        if line_share is not None and kind in ("bar", "box"):
            out["line_color"] = intensity(base, line_share)
        if style_no in typed:
            look = popt.look(typed[style_no], notes, base)
            out.update(look.series_fields(kind))
        return out

    return look_for


def _box_fields(opts: dict, notes: list[str]) -> tuple[dict, dict]:
    """(fields of every box, the median markers' look): ``medline()``, ``cwhiskers lines()``,
    ``alsize()``, ``medmarker()``."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.syntax import split_top
    from mlmcli.syntax.options import read_options

    def read(text, specs):
        typed = [o for part in split_top(text, ",") for o in read_options(part)]
        return popt.look(resolve_options(typed, specs), notes)

    fields: dict = {}
    if isinstance(_last(opts, "medline"), str):
        look = read(_last(opts, "medline"), popt.LINE_SPECS)
        fields.update({k: v for k, v in (("median_color", look.line_color),
                                         ("median_width", look.line_width)) if v is not None})
    if isinstance(_last(opts, "lines"), str):
        look = read(_last(opts, "lines"), popt.LINE_SPECS)
        fields.update({k: v for k, v in (("whisker_color", look.line_color), ("whisker_width", look.line_width),
                                         ("whisker_pattern", look.pattern)) if v is not None})
    if "alsize" in opts:
        share = number(_last(opts, "alsize"), "alsize")
        if share < 0:
            raise StataError("option alsize() incorrectly specified", 198)
        fields["fence"] = share / 100.0
    if "capsize" in opts:
        from mlmcli.graphs.look_options import relative_size

        fields["cap_size"] = relative_size(_last(opts, "capsize"), "capsize")
    marker: dict = {}
    if isinstance(_last(opts, "medmarker"), str):
        marker = read(_last(opts, "medmarker"), popt.MARKER_SPECS).series_fields("scatter")
    return fields, marker


def _blabel_look(sub: dict, notes: list[str]) -> dict:
    """``blabel(..., position() size() color() orientation() justification() alignment() box
    margin() gap())`` -> ``position`` and TextBox fields (``gap()``: the label's distance
    from the bar's end, in points)."""
    from mlmcli.graphs import look_options as look

    out: dict = {}
    if "gap" in sub:
        out["offset"] = look.relative_size(sub["gap"], "gap")
    if "position" in sub:
        from mlmcli.syntax.abbreviation import resolve_choice

        word = resolve_choice(sub["position"].strip().lower(),
                              (("outside", 1), ("inside", 1), ("base", 1), ("center", 1)))
        if word is None:
            raise StataError("option position() incorrectly specified", 198)
        out["position"] = word
    out.update(look.text_fields(sub, notes))
    return out


def _parse(session, rest: str, cmd: Command, specs: list[OptionSpec]):
    """(yvars text, rows, weights, chart options, graph options)."""
    from mlmcli.commands.data.common import weights as read_weights
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.syntax import split_if_in, split_weight

    body, options, _ = split_options(rest)
    body, weight = split_weight(body)
    yvars, if_exp, in_range = split_if_in(body)
    if not yvars.strip():
        raise StataError("varlist required", 100)
    chart, graph = [], []
    for opt in options:
        (chart if any(s.matches(opt.name) for s in specs) else graph).append(opt)
    chart_opts = resolve_options(chart, specs)
    from mlmcli.graphs.look_options import refuse

    refuse(chart_opts, REFUSED)
    graph_opts = gopt.resolve_graph_options(graph)
    mark = mark_function(session)
    rows = mark(if_exp, in_range, [])
    w = None
    if weight is not None:
        fake = Command(name=cmd.name, weight=weight)
        rows, w, _ = read_weights(session, fake, rows, ("fweight", "aweight", "pweight", "iweight"))
    return yvars, rows, w, chart_opts, graph_opts


def _horizontal_fields(fields: dict, horizontal: bool) -> dict:
    """Horizontal charts: the y options describe the value axis, drawn along x."""
    if not horizontal:
        return fields
    out = dict(fields)
    for a, b in (("ytitle", "xtitle"), ("yaxis", "xaxis"), ("yticks", "xticks"), ("ylines", "xlines")):
        if a in fields or b in fields:
            out[b], out[a] = fields.get(a), fields.get(b)
            for key in (a, b):
                if out[key] is None:
                    del out[key]
    return out


def _chart(session, rest: str, cmd: Command, kind: str) -> None:
    from mlmcli.graphs import categorical as cat
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.build import by_graph_fields, read_by
    from mlmcli.graphs.plotdata import by_groups
    from mlmcli.graphs.spec import Axis, Graph, Panel

    boxes = kind in ("box", "hbox")
    horizontal = kind in ("hbar", "hbox", "dot")
    dots = kind == "dot"
    specs = BOX_SPECS if boxes else DOT_SPECS if dots else BAR_SPECS
    yvars_text, rows, w, opts, gopts = _parse(session, rest, cmd, specs)
    notes: list[str] = []
    data = session.data
    if boxes:
        yvars = data.expand_varlist(yvars_text)
        for var in yvars:
            data.numeric(var)
        yspecs, yvar_look = None, {}
    else:
        yspecs = cat.parse_yvars(yvars_text, data)
        yspecs, yvar_look = _yvar_options(opts, yspecs)
        yvars = [s.var for s in yspecs]
    if opts.get("cw"):
        for var in yvars:
            rows &= np.isfinite(data.numeric(var))
    any_value = np.zeros(data.nobs, dtype=bool)
    for var in yvars:
        any_value |= np.isfinite(data.numeric(var))
    if not (rows & any_value).any():
        raise StataError("no observations", 2000)
    overs, category_look = _overs(session, opts, rows & any_value, 2)
    medtype = str(_last(opts, "medtype") or "line").strip().lower()
    if medtype not in ("line", "cline", "marker"):
        raise StataError("option medtype() incorrectly specified", 198)
    linetype = str(_last(opts, "linetype") or "dot").strip().lower()
    if linetype not in ("dot", "line"):
        raise StataError(f"option linetype({linetype}) not supported by mlmcli: it draws dot and line", 198)
    looks = _looks(session, opts, "box" if boxes else "marker" if dots else "bar", notes)
    from mlmcli.graphs.graph_options import number

    def panel_for(panel_rows: np.ndarray) -> tuple[Panel, list[str]]:
        if boxes:
            box_fields, median_marker = _box_fields(opts, notes)
            if "marker" in opts:  # marker(#, ...): the outside values' look
                outside = _looks(session, opts, "marker", notes)
                box_looks = lambda k, kind: looks(k, kind) if kind == "box" else outside(k, kind)  # noqa: E731
            else:
                box_looks = looks
            return cat.box_panel(data, panel_rows, yvars, overs, horizontal=horizontal,
                                 outsides=not opts.get("nooutsides"), medtype=medtype,
                                 asyvars=bool(opts.get("asyvars")), looks=box_looks,
                                 boxgap=number(_last(opts, "boxgap"), "boxgap") if "boxgap" in opts else None,
                                 box_fields=box_fields, median_marker=median_marker,
                                 nofill=bool(opts.get("nofill")))
        blabel, fmt, label_look = None, "%9.0g", {}
        if isinstance(_last(opts, "blabel"), str):
            body, subs, _ = split_options(_last(opts, "blabel"))
            sub = resolve_options(subs, BLABEL_SUBOPTIONS)
            blabel = body.strip().lower() or "none"
            if blabel not in ("none", "bar", "total", "name", "group"):
                raise StataError(f"option blabel({body.strip()}) invalid", 198)
            fmt = sub.get("format", fmt)
            label_look = _blabel_look(sub, notes)
        return cat.bar_panel(data, panel_rows, yspecs, overs, weights=w,
                             asyvars=bool(opts.get("asyvars")), stack=bool(opts.get("stack")),
                             percentages=bool(opts.get("percentages")), horizontal=horizontal,
                             dots=dots, blabel=None if blabel == "none" else blabel,
                             blabel_format=fmt, looks=looks,
                             bargap=number(_last(opts, "bargap"), "bargap") if "bargap" in opts else 0.0,
                             blabel_look=label_look, nofill=bool(opts.get("nofill")),
                             ascategory=bool(opts.get("ascategory")), showyvars=bool(opts.get("showyvars")))

    by_arg = gopt.last(gopts, "by")
    fields: dict = {"scheme": getattr(session, "graph_scheme", "s2color")}
    if isinstance(by_arg, str):
        by_vars, sub = read_by(data, by_arg, notes)
        panels = []
        for title, group_rows in by_groups(data, by_vars, rows & any_value, bool(sub.get("missing"))):
            panel, labels = panel_for(group_rows)
            panels.append(replace(panel, title=title))
        if sub.get("total"):
            panel, labels = panel_for(rows & any_value)
            panels.append(replace(panel, title="Total"))
        fields.update(by_graph_fields(data, by_vars, sub, len(panels), notes))
        if isinstance(sub.get("legend"), str):
            fields.update(gopt.legend_fields(sub["legend"], notes))
    else:
        panel, labels = panel_for(rows & any_value)
        panels = [panel]
    # default titles: one y -> the value axis title, several -> the legend
    if len(labels) == 1:
        fields["ytitle"] = labels[0]
        fields["legend"] = "off"
    else:
        fields["ytitle"] = ""
    exclude0 = bool(opts.get("exclude0"))
    if boxes:
        value_axis = Axis()
    elif dots:
        value_axis = Axis(include_zero=not exclude0)
    else:
        value_axis = Axis(tight_low=not exclude0, include_zero=not exclude0)
    if opts.get("yreverse"):
        value_axis = replace(value_axis, reverse=True)
    if opts.get("yalternate"):  # the value axis on the other side
        value_axis = replace(value_axis, alt=True)
    common = gopt.apply_affixes(fields, gopt.common_fields(gopts, notes))
    typed = common.pop("yaxis")
    changed = {k: getattr(typed, k) for k in typed.__dataclass_fields__
               if getattr(typed, k) != getattr(Axis(), k)}
    fields["yaxis"] = replace(value_axis, **changed)
    common.pop("xaxis", None)
    fields.update(common)
    fields = _horizontal_fields(fields, horizontal)
    category = dict(category_look)
    if opts.get("ascategory") or opts.get("showyvars"):
        category.update(yvar_look)
    if opts.get("xalternate"):  # the category axis on the other side
        category["alt"] = True
    if "outergap" in opts:
        category["outer_gap"] = _outer_gap(_last(opts, "outergap"), panels, dots)
    if horizontal:
        # categories down the y axis, first on top; grid lines across the value axis
        if dots:  # the dotted (or, linetype(line), solid) line along each category
            category.update(grid_pattern="dot" if linetype == "dot" else None)
            if isinstance(_last(opts, "lines"), str):
                from mlmcli.graphs import plot_options as popt
                from mlmcli.graphs.syntax import split_top
                from mlmcli.syntax.options import read_options

                typed = [o for part in split_top(_last(opts, "lines"), ",") for o in read_options(part)]
                line = popt.look(resolve_options(typed, popt.LINE_SPECS), notes)
                category.update({k: v for k, v in (("grid_color", line.line_color), ("grid_width", line.line_width),
                                                   ("grid_pattern", line.pattern)) if v is not None})
            if linetype == "dot" and ("ndots" in opts or "dots" in opts):  # markers, not a dotted line
                category.update(_dot_markers(opts, notes))
        fields["yaxis"] = replace(Axis(reverse=True, grid=dots), **category)
        fields["xaxis"] = replace(fields.get("xaxis", Axis()), grid=not dots if
                                  fields.get("xaxis", Axis()).grid is None else fields["xaxis"].grid)
    elif category:
        fields["xaxis"] = replace(fields.get("xaxis", Axis()), **category)
    fields.setdefault("xtitle", "")
    graph = Graph(panels=tuple(panels), name=gopt.graph_name(gopt.last(gopts, "name"))[0],
                  command=cmd.text, **fields)
    for note in notes:
        session.print(note)
    finish(session, graph, gopts)


def _outer_gap(text, panels, dots: bool) -> float:
    """``outergap(#)``: percent of a bar's (box's) width from the outer bars to the axis'
    ends; ``outergap(*#)``: # times the gap drawn by default (5% of the bars' span)."""
    from mlmcli.graphs.graph_options import number

    if dots:
        raise StataError("option outergap() not supported by mlmcli for graph dot: its markers "
                         "have no width to measure the gap in", 198)
    word = str(text).strip()
    factor = number(word[1:] if word.startswith("*") else word, "outergap")
    if factor < 0:
        raise StataError("option outergap() incorrectly specified", 198)
    if not word.startswith("*"):
        return factor / 100.0
    xs = [x for p in panels for s in p.series if s.kind in ("bar", "box") for x in s.x]
    width = max((s.width or 1.0 for p in panels for s in p.series if s.kind in ("bar", "box")), default=1.0)
    span = (max(xs) - min(xs) + width) if xs else width
    return factor * 0.05 * span / width


DEFAULT_NDOTS = 100  # Stata's ndots()


def _dot_markers(opts: dict, notes: list[str]) -> dict:
    """``ndots(#)`` (default 100) and ``dots(marker_options)``: Axis fields of the dots drawn
    along each category of a dot chart."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.syntax import split_top
    from mlmcli.syntax.options import read_options

    n = DEFAULT_NDOTS
    if "ndots" in opts:
        n = number(_last(opts, "ndots"), "ndots")
        if n < 1 or n != int(n):
            raise StataError("option ndots() incorrectly specified", 198)
    fields: dict = {}
    if isinstance(_last(opts, "dots"), str):
        typed = [o for part in split_top(_last(opts, "dots"), ",") for o in read_options(part)]
        fields = popt.look(resolve_options(typed, popt.MARKER_SPECS), notes).series_fields("scatter")
    return {"dots": int(n), "dot_look": (fields.get("marker"), fields.get("color"), fields.get("marker_size"))}


def graph_bar(session, rest: str, cmd: Command) -> None:
    _chart(session, rest, cmd, "bar")


def graph_hbar(session, rest: str, cmd: Command) -> None:
    _chart(session, rest, cmd, "hbar")


def graph_dot(session, rest: str, cmd: Command) -> None:
    _chart(session, rest, cmd, "dot")


def graph_box(session, rest: str, cmd: Command) -> None:
    _chart(session, rest, cmd, "box")


def graph_hbox(session, rest: str, cmd: Command) -> None:
    _chart(session, rest, cmd, "hbox")
