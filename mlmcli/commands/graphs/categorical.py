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

import re
from dataclasses import replace

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.graphs.chart_looks import (BLABEL_SUBOPTIONS, BOX_MARKER_SUBOPTIONS, OVER_SUBOPTIONS, blabel_look, box_fields,
                                                 category_axis_line, chart_gap, dot_extent, dot_markers, dot_rectangles,
                                                 gap_option, kept_gap, outer_gap, outside_labels, series_looks, sort_option,
                                                 yvar_options)
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
    # the chart's direction: graph box ..., horizontal is graph hbox (Kohler's do-files type it)
    ("horizontal", 3, False), ("vertical", 4, False),
)]
_INTENSITY = [_o("intensity", 3), _o("lintensity", 4)]  # bars and boxes: a dot chart has none
_YVARS = [_o("ascategory", 5, False), _o("showyvars", 8, False), _o("yvaroptions", 4)]
BAR_SPECS = _SHARED + _INTENSITY + _YVARS + [_o(*row) for row in (
    ("percentages", 4, False), ("stack", None, False), ("bargap", 4), ("blabel", 3), ("bar", None),
)]
DOT_SPECS = _SHARED + _YVARS + [_o(*row) for row in (
    # help graph_dot: dot:s(), line:s() (``line(lw(thin))``, worldbank's dot-summary.do)
    ("percentages", 4, False), ("linetype", 5), ("ndots", 5), ("dots", 3), ("lines", 4),
    ("rectangles", 4), ("rwidth", 2), ("marker", None), ("linegap", 5), ("stack", None, False),
    ("extendline", 3, False), ("noextendline", 5, False), ("lowextension", 5), ("highextension", 6),
)]
BOX_SPECS = _SHARED + _INTENSITY + _YVARS + [_o(*row) for row in (
    ("nooutsides", 5, False), ("medtype", 4), ("medline", 4), ("medmarker", 4), ("cwhiskers", 3, False),
    ("lines", None), ("alsize", 3), ("capsize", 3), ("box", None), ("marker", 1), ("boxgap", 4),
)]
# chart options Stata has that mlmcli does not draw
REFUSED: tuple[str, ...] = ()
LINE_TYPES = ("dot", "line", "rectangle")  # graph dot's dottypestyles


def _last(opts: dict, name: str):
    values = opts.get(name)
    return values[-1] if values else None


def _overs(session, opts: dict, rows: np.ndarray, limit: int):
    """The ``over()`` groupings and the category-axis label look their ``label()`` asks for.
    ``allcategories``: every category in the data, also those outside the sample;
    ``nolabel``: values, not value labels."""
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.categorical import Over, group_codes

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
        sort_by, sort_var = sort_option(session.data, sub.get("sort"))
        relabel = None
        if isinstance(sub.get("relabel"), str):
            relabel = dict(gopt.legend_keys_and_texts(sub["relabel"]))
        gap, gap_scale = gap_option(sub)
        if isinstance(sub.get("label"), str):  # the category labels' look: angle(), labsize() ...
            _, fields = gopt.axis_labels(", " + sub["label"])
            label_fields.update(fields)
        if isinstance(sub.get("axis"), str):  # the category axis line: noline, lcolor() ...
            label_fields.update(category_axis_line(sub["axis"]))
        total = bool(sub.get("total"))  # a last group of every row, labelled Total
        overs.append(Over(names[0], codes, labels + ["Total"] if total else labels, sort_by,
                          bool(sub.get("descending")), relabel, gap, bool(sub.get("reverse")), total, gap_scale,
                          sort_var))
    if len(overs) > limit:
        raise StataError(f"too many over() options; at most {limit} allowed", 198)
    return overs, label_fields


# yvars Stata lets over() go without: nothing, (percent) or (count) -- a constant counted
_BARE_STATISTIC = re.compile(r"\s*(?:\(\s*(percent|count)\s*\))?\s*", re.I)
_ONE = "__mlm_one"


def _parse(session, rest: str, cmd: Command, specs: list[OptionSpec]):
    """(yvars text, rows, weights, chart options, graph options)."""
    from mlmcli.commands.data.common import weights as read_weights
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.syntax import split_if_in, split_weight

    body, options, _ = split_options(rest)
    body, weight = split_weight(body)
    yvars, if_exp, in_range = split_if_in(body)
    chart, graph = [], []
    for opt in options:
        (chart if any(s.matches(opt.name) for s in specs) else graph).append(opt)
    chart_opts = resolve_options(chart, specs)
    if not yvars.strip() and (specs is BOX_SPECS or "over" not in chart_opts):
        raise StataError("varlist required", 100)
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


def _other_axis(word: str) -> str:
    """An every_panel word ("ylabel", "no-xticks" ...) of the other axis."""
    prefix = "no-" if word.startswith("no-") else ""
    rest = word[len(prefix):]
    return prefix + {"x": "y", "y": "x"}[rest[0]] + rest[1:]


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
    if fields.get("every_panel"):  # by(, iyaxes noiylabel ...): the y (scale) axis is drawn along x
        out["every_panel"] = tuple(_other_axis(w) for w in fields["every_panel"])
    return out


def _chart(session, rest: str, cmd: Command, kind: str) -> None:
    from mlmcli.graphs import box_chart
    from mlmcli.graphs import categorical as cat
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.build import by_graph_fields, read_by
    from mlmcli.graphs.plotdata import by_groups, var_title
    from mlmcli.graphs.axis_spec import Axis
    from mlmcli.graphs.spec import Graph, Panel

    boxes = kind in ("box", "hbox")
    horizontal = kind in ("hbar", "hbox", "dot")
    dots = kind == "dot"
    specs = BOX_SPECS if boxes else DOT_SPECS if dots else BAR_SPECS
    yvars_text, rows, w, opts, gopts = _parse(session, rest, cmd, specs)
    if opts.get("horizontal") and opts.get("vertical"):
        raise StataError("options horizontal and vertical may not be combined", 198)
    if opts.get("horizontal"):
        horizontal = True
    elif opts.get("vertical"):
        # graph dot, vertical: bargraph_g.class's makegraph ("dots default horiz" unless
        # vertical is typed) -- the dot lines stand upright, the categories along x
        horizontal = False
    notes: list[str] = []
    data = session.data
    if boxes:
        yvars = data.expand_varlist(yvars_text)
        for var in yvars:
            data.numeric(var)
        yspecs, yvar_look, yvar_order = yvar_options(opts, session.data, [cat.YSpec("box", var, var_title(data, var))
                                                             for var in yvars])
    elif _BARE_STATISTIC.fullmatch(yvars_text):
        # no yvars, over() given: the share (or count) of the observations in each group
        if "over" not in opts:
            raise StataError("varlist required", 100)
        stat = (_BARE_STATISTIC.fullmatch(yvars_text).group(1) or "percent").lower()
        data = data.copy()
        data.df[_ONE], data.types[_ONE] = 1.0, "byte"
        yspecs, yvar_look, yvar_order = yvar_options(
            opts, data, [cat.YSpec(stat, _ONE, "percent" if stat == "percent" else "frequency")])
        yvars = [_ONE]
    else:
        yspecs = cat.parse_yvars(yvars_text, data)
        yspecs, yvar_look, yvar_order = yvar_options(opts, session.data, yspecs)
        yvars = [s.var for s in yspecs]
    if opts.get("cw"):
        for var in yvars:
            rows &= np.isfinite(data.numeric(var))
    any_value = np.zeros(data.nobs, dtype=bool)
    for var in yvars:
        any_value |= np.isfinite(data.numeric(var))
    if not (rows & any_value).any():
        raise StataError("no observations", 2000)
    overs, category_look = _overs(session, opts, rows & any_value, 3)
    medtype = str(_last(opts, "medtype") or "line").strip().lower()
    if medtype not in ("line", "cline", "marker"):
        raise StataError("option medtype() incorrectly specified", 198)
    linetype = str(_last(opts, "linetype") or "dot").strip().lower()
    if linetype not in LINE_TYPES:  # a dottypestyle Stata does not know: its note, the default
        from mlmcli.graphs.named_styles import style_note

        style_note(notes, linetype, "dottype")
        linetype = "dot"
    looks = series_looks(session, opts, "box" if boxes else "marker" if dots else "bar", notes)
    from mlmcli.graphs.graph_options import number

    def panel_for(panel_rows: np.ndarray) -> tuple[Panel, list[str]]:
        if boxes:
            every_box, median_marker = box_fields(opts, notes)
            if "marker" in opts:  # marker(#, ...): the outside values' look
                outside = series_looks(session, opts, "marker", notes, BOX_MARKER_SUBOPTIONS)
                box_looks = lambda k, kind: looks(k, kind) if kind == "box" else outside(k, kind)  # noqa: E731
            else:
                box_looks = looks
            return box_chart.box_panel(data, panel_rows, yvars, overs, horizontal=horizontal,
                                       outsides=not opts.get("nooutsides"), medtype=medtype,
                                       asyvars=bool(opts.get("asyvars")), looks=box_looks,
                                       boxgap=chart_gap(_last(opts, "boxgap"), "boxgap") if "boxgap" in opts else None,
                                       box_fields=every_box, median_marker=median_marker,
                                       nofill=bool(opts.get("nofill")), ascategory=bool(opts.get("ascategory")),
                                       showyvars=bool(opts.get("showyvars")),
                                       yvar_labels=[spec.label for spec in yspecs], yvar_order=yvar_order,
                                       outside_texts=outside_labels(data, opts))
        blabel, fmt, label_look = None, "%9.0g", {}
        if isinstance(_last(opts, "blabel"), str):
            body, subs, _ = split_options(_last(opts, "blabel"))
            sub = resolve_options(subs, BLABEL_SUBOPTIONS)
            blabel = body.strip().lower() or "none"
            if blabel not in ("none", "bar", "total", "name", "group"):
                raise StataError(f"option blabel({body.strip()}) invalid", 198)
            fmt = sub.get("format", fmt)
            label_look = blabel_look(sub, notes)
        return cat.bar_panel(data, panel_rows, yspecs, overs, weights=w,
                             asyvars=bool(opts.get("asyvars")), stack=bool(opts.get("stack")),
                             percentages=bool(opts.get("percentages")), horizontal=horizontal,
                             dots=dots, blabel=None if blabel == "none" else blabel,
                             blabel_format=fmt, looks=looks,
                             bargap=chart_gap(_last(opts, "bargap"), "bargap") if "bargap" in opts else None,
                             blabel_look=label_look, nofill=bool(opts.get("nofill")),
                             ascategory=bool(opts.get("ascategory")), showyvars=bool(opts.get("showyvars")),
                             yvar_order=yvar_order,
                             linegap=number(_last(opts, "linegap"), "linegap") if "linegap" in opts else None)

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
    own_opts = gopts
    if isinstance(by_arg, str):  # title and region options outside by(): every panel's ([G-3] by_option)
        from mlmcli.graphs.by_panel_titles import by_panel_options, retitled

        own_opts, panel_fields, label = by_panel_options(gopts, notes)
        fields.update(panel_fields)
        panels = retitled(panels, label)
    common = gopt.apply_affixes(fields, gopt.common_fields(own_opts, notes))
    if isinstance(by_arg, str):  # legend() outside by(): its contents; on/off and place are the panels'
        from mlmcli.graphs.by_panel_legends import split_legends

        common = split_legends(common, gopts, notes)
        if isinstance(sub.get("legend"), str):  # by(, legend()): the overall one's, over what is typed outside
            common.update(gopt.legend_fields(sub["legend"], notes, common.get("legend_look")))
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
    if "outergap" in opts and not kept_gap(_last(opts, "outergap")):
        category["outer_gap"] = outer_gap(_last(opts, "outergap"), panels, dots)
    if dots:  # the dotted (or solid) line along each category, its dots, rectangles and ends
        category.update(_dot_line_fields(opts, linetype, notes))
    if horizontal:
        # categories down the y axis, first on top; grid lines across the value axis
        fields["yaxis"] = replace(Axis(reverse=True, grid=dots), **category)
        fields["xaxis"] = replace(fields.get("xaxis", Axis()), grid=not dots if
                                  fields.get("xaxis", Axis()).grid is None else fields["xaxis"].grid)
    elif dots:  # graph dot, vertical: the same lines up each category, no grid across
        fields["xaxis"] = replace(fields.get("xaxis", Axis()), **{"grid": True, **category})
        if fields["yaxis"].grid is None:
            fields["yaxis"] = replace(fields["yaxis"], grid=False)
    elif category:
        fields["xaxis"] = replace(fields.get("xaxis", Axis()), **category)
    fields.setdefault("xtitle", "")
    graph = Graph(panels=tuple(panels), name=gopt.graph_name(gopt.last(gopts, "name"))[0],
                  command=cmd.text, **fields)
    for note in notes:
        session.print(note)
    finish(session, graph, gopts)


def _dot_line_fields(opts: dict, linetype: str, notes: list[str]) -> dict:
    """A dot chart's category lines as Axis fields of its category axis, whichever way the
    chart stands (dot_lines.py and panel_axes.category_dots draw them on x or y):
    ``linetype(dot|line|rectangle)``, ``lines()``, ``ndots()``/``dots()``, ``rwidth()``/
    ``rectangles()``, ``noextendline`` and ``lowextension()``/``highextension()``."""
    fields: dict = {"grid_pattern": "dot" if linetype == "dot" else None}
    if isinstance(_last(opts, "lines"), str):
        from mlmcli.graphs import plot_options as popt
        from mlmcli.graphs.syntax import split_top
        from mlmcli.syntax.options import read_options

        typed = [o for part in split_top(_last(opts, "lines"), ",") for o in read_options(part)]
        line = popt.look(resolve_options(typed, popt.LINE_SPECS), notes)
        fields.update({k: v for k, v in (("grid_color", line.line_color), ("grid_width", line.line_width),
                                         ("grid_pattern", line.pattern)) if v is not None})
    if linetype == "dot" and ("ndots" in opts or "dots" in opts):  # markers, not a dotted line
        fields.update(dot_markers(opts, notes))
    if linetype == "rectangle":  # a long rectangle along each line, no dotted line
        fields.update(dot_rectangles(opts, notes), grid=False)
    extent = dot_extent(opts, linetype)
    if extent:  # the lines' ends moved: mlm draws them, not the grid
        fields.update(dot_extent=extent, grid=False)
    return fields


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
