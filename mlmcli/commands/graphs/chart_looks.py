"""The suboption readers of the category charts (``graph bar``/``hbar``/``dot``/``box``): the
looks of ``bar(#, ...)``, ``box(#, ...)``, ``marker(#, ...)`` and ``intensity()``, the box
chart's median, whiskers and caps, ``blabel()``'s look, the yvars' ``yvaroptions()``, the
category axis' line, ``outergap()`` and the dot chart's dots -> Series, TextBox and Axis fields."""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from mlmcli.errors import StataError, not_allowed_text
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options


def last_value(opts: dict, name: str):
    values = opts.get(name)
    return values[-1] if values else None


OVER_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("relabel", None, True), ("label", None, True), ("axis", None, True), ("gap", None, True),
    ("sort", None, True), ("descending", 4), ("total", None), ("reverse", 3),
)]
# bar(#, ...) and box(#, ...) take Stata's barlook_options, marker(#, ...) its marker_options
BAR_LOOK_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("color", 3, True), ("fcolor", 2, True), ("lcolor", 2, True), ("lwidth", 2, True),
    ("lpattern", 2, True), ("fintensity", 2, True), ("bstyle", 2, True), ("lstyle", 2, True),
    ("astyle", 3, True), ("pstyle", 4, True), ("lalign", 3, True),
    # the older names twoway bar takes too (plot_options' _BAR_SYNONYMS): bar(1, bcolor(green))
    ("bcolor", 2, True), ("bfcolor", 3, True), ("blcolor", 3, True), ("blwidth", 3, True),
    ("blpattern", 3, True),
)]
MARKER_LOOK_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("msymbol", 1, True), ("mcolor", 2, True), ("msize", 4, True), ("mstyle", 3, True),
    ("mfcolor", 3, True), ("mlcolor", 3, True), ("mlwidth", 3, True), ("mlstyle", 3, True),
    ("msangle", 4, True), ("mlalign", 3, True),
)]
LOOK_SUBOPTIONS = {"bar": BAR_LOOK_SUBOPTIONS, "box": BAR_LOOK_SUBOPTIONS, "marker": MARKER_LOOK_SUBOPTIONS}
# graph box's marker(#, ...): the outside values' markers and their marker_label_options
BOX_MARKER_SUBOPTIONS = MARKER_LOOK_SUBOPTIONS + [OptionSpec(*row) for row in (
    ("mlabel", 2, True), ("mlabposition", 5, True), ("mlabsize", 5, True), ("mlabcolor", 5, True),
    ("mlabangle", 5, True), ("mlabgap", 5, True), ("mlabstyle", 5, True), ("mlabtextstyle", 5, True),
    ("mlabformat", 6, True),
)]
BLABEL_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("format", None, True), ("position", 3, True), ("gap", None, True),
    ("size", None, True), ("color", None, True), ("orientation", 6, True),
    ("justification", 1, True), ("alignment", 1, True), ("angle", 3, True),
    ("box", None), ("margin", 1, True),
)]



CATEGORY_AXIS_LINE = [OptionSpec(*row) for row in (
    ("noline", None), ("line", None), ("lstyle", 2, True), ("lcolor", 2, True), ("lwidth", 2, True),
    ("lpattern", 2, True),
)]


def sort_option(data, text) -> tuple[int | None, tuple | None]:
    """``sort(#)`` -> (#, None); ``sort(varname)`` -> (None, ("mean", var)): the groups in the
    order of the variable (its mean in each group); ``sort((stat) varname)`` -> (None, (stat,
    var))."""
    import re

    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.categorical import is_statistic

    if not isinstance(text, str):
        return None, None
    word = text.strip()
    if word.isdigit():
        return int(gopt.number(word, "sort")), None
    found = re.fullmatch(r"(?:\(\s*(\w+)\s*\))?\s*(\S+)", word)
    if not found and not word.startswith("(") and not word.split()[0][:1].isdigit():
        # sort(v1 v2): bargraph_g.class's SetSort takes the first word (`gettoken stat name :
        # sort, match(paren)`, then `local name `stat'`): the groups in v1's order, v2 unread
        found = re.fullmatch(r"()(\S+)", word.split()[0])
    if not found:
        raise StataError("option sort() incorrectly specified", 198)
    stat = (found.group(1) or "mean").lower()
    stat = "median" if stat == "med" else stat
    if not is_statistic(stat):
        raise StataError(f"{stat} invalid statistic", 198)
    names = data.expand_varlist(found.group(2))
    if len(names) != 1:
        raise StataError("option sort() incorrectly specified", 198)
    data.numeric(names[0])  # a string variable: type mismatch
    return None, (stat, names[0])


def yvar_options(opts: dict, data, yspecs):
    """``yvaroptions(relabel() label() axis() sort() descending reverse gap() total)`` -> (yspecs,
    the look of their labels and axis line on the category axis, their order as Over fields
    ``sort_by``/``descending``/``reverse``/``gap``/``total``).  The yvars are laid out as an
    over() group is (Stata's over_subopts for the yvars): the bars of each group, or with
    ``ascategory`` the innermost categories; the label and axis looks apply where the yvars are
    labelled on the category axis (``ascategory``, ``showyvars``)."""
    from mlmcli.graphs import graph_options as gopt

    if not isinstance(last_value(opts, "yvaroptions"), str):
        return yspecs, {}, {}
    sub = resolve_options(split_options(", " + last_value(opts, "yvaroptions"))[1], OVER_SUBOPTIONS)
    order: dict = {"descending": bool(sub.get("descending")), "reverse": bool(sub.get("reverse")),
                   "total": bool(sub.get("total"))}
    if isinstance(sub.get("sort"), str):  # sort(#): by each yvar's statistic; sort([(stat)] varname):
        by, var = sort_option(data, sub["sort"])  # by the variable over each yvar's observations
        order["sort_by" if by is not None else "sort_var"] = by if by is not None else var
    order["gap"], order["gap_scale"] = gap_option(sub)
    if isinstance(sub.get("relabel"), str):
        names = dict(gopt.legend_keys_and_texts(sub["relabel"]))
        yspecs = [replace(spec, label=names.get(n + 1, spec.label)) for n, spec in enumerate(yspecs)]
    look = {}
    if isinstance(sub.get("label"), str):
        look = gopt.axis_labels(", " + sub["label"])[1]
    if isinstance(sub.get("axis"), str):  # the yvars' axis line, the innermost when they are labelled
        look.update(category_axis_line(sub["axis"]))
    return yspecs, look, order


# A word that is no number in a bar chart's gap (over()'s gap(), bargap(), boxgap(), outergap()):
# bargraph_g.class hands it to the barstyle's relsize, whose setstyle (numstyle.class 1.1.0) takes
# a number, *#, or a scheme entry of that name and otherwise "just keep[s] current settings" --
# no message, the default gap (public do-files type over(country, gap(country)))
_KEPT_WORD = re.compile(r"\*?[A-Za-z_][A-Za-z0-9_]*")


def kept_gap(text) -> bool:
    """True when a gap option's text is a word Stata's relsize ignores (the default drawn)."""
    return bool(_KEPT_WORD.fullmatch(str(text).strip()))


def chart_gap(text, what: str) -> float | None:
    """``bargap(#)``/``boxgap(#)``: the number, None (the default) for a word Stata ignores."""
    from mlmcli.graphs.graph_options import number

    return None if kept_gap(text) else number(text, what)


def gap_option(sub: dict) -> tuple[float | None, float | None]:
    """An over_subopt ``gap(#)`` (percent of a bar) or ``gap(*#)`` (# times the default) ->
    (gap, scale); a word (``gap(country)``) keeps the default, as Stata does."""
    from mlmcli.graphs.graph_options import number

    if not isinstance(sub.get("gap"), str) or kept_gap(sub["gap"]):
        return None, None
    word = sub["gap"].strip()
    if word.startswith("*"):
        scale = number(word[1:], "gap")
        if scale < 0:
            raise StataError("option gap() incorrectly specified", 198)
        return None, scale
    return number(word, "gap"), None


def category_axis_line(text: str) -> dict:
    """``over(var, axis(noline lcolor() lwidth() lpattern() lstyle()))`` -> Axis fields of the
    category axis' line (Stata's cat_axis_line_options; ``outergap()`` is the chart's option)."""
    from mlmcli.graphs.look_options import scale_look
    from mlmcli.syntax.options import read_options

    typed = read_options(text.replace(",", " "))
    for option in typed:
        if not any(spec.matches(option.name) for spec in CATEGORY_AXIS_LINE):
            raise StataError(f"over(): axis() {not_allowed_text(option.name, option.arg)}", 198)
    return scale_look(resolve_options(typed, CATEGORY_AXIS_LINE), [])


def series_looks(session, opts: dict, name: str, notes: list[str], suboptions=None):
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
        for key, value in resolve_options(subs, suboptions or LOOK_SUBOPTIONS[name]).items():
            typed[k].setdefault(key, []).append(value)
    def share(name: str) -> float | None:  # intensity(#): percent; intensity(*#): # times the default (full)
        if name not in opts:
            return None
        word = str(last_value(opts, name)).strip()
        value = number(word[1:], name) if word.startswith("*") else number(word, name) / 100.0
        if value < 0:
            raise StataError(f"option {name}() incorrectly specified", 198)
        return value

    fill_share, line_share = share("intensity"), share("lintensity")
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


def outside_labels(data, opts: dict) -> dict[int, np.ndarray]:
    """graph box's ``marker(#, mlabel(var) [mlabformat()])``: box style number -> each row's label
    text (the outside values of box # are labelled by them)."""
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.plotdata import value_text

    out: dict[int, np.ndarray] = {}
    for arg in opts.get("marker", []):
        body, subs, _ = split_options(arg)
        sub = resolve_options(subs, BOX_MARKER_SUBOPTIONS)
        if not isinstance(sub.get("mlabel"), str):
            continue
        var = data.resolve(sub["mlabel"].strip())
        if data.is_string(var):
            out[int(number(body, "marker"))] = data.column(var).fillna("").astype(str).to_numpy()
            continue
        values = data.numeric(var)
        fmt = sub.get("mlabformat")
        if isinstance(fmt, str) and data.value_label_of.get(var) is None:
            from mlmcli.graphs.axis_options import display_format
            from mlmcli.render.numfmt import format_number

            texts = ["." if np.isnan(v) else format_number(v, display_format(fmt)).strip() for v in values]
        else:
            texts = ["." if np.isnan(v) else value_text(data, var, v) for v in values]
        out[int(number(body, "marker"))] = np.array(texts, dtype=object)
    return out


def box_fields(opts: dict, notes: list[str]) -> tuple[dict, dict]:
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
    if isinstance(last_value(opts, "medline"), str):
        look = read(last_value(opts, "medline"), popt.LINE_SPECS)
        fields.update({k: v for k, v in (("median_color", look.line_color),
                                         ("median_width", look.line_width)) if v is not None})
    if isinstance(last_value(opts, "lines"), str):
        look = read(last_value(opts, "lines"), popt.LINE_SPECS)
        fields.update({k: v for k, v in (("whisker_color", look.line_color), ("whisker_width", look.line_width),
                                         ("whisker_pattern", look.pattern)) if v is not None})
    if "alsize" in opts:
        share = number(last_value(opts, "alsize"), "alsize")
        if share < 0:
            raise StataError("option alsize() incorrectly specified", 198)
        fields["fence"] = share / 100.0
    if "capsize" in opts:
        from mlmcli.graphs.look_options import relative_size

        fields["cap_size"] = relative_size(last_value(opts, "capsize"), "capsize")
    marker: dict = {}
    if isinstance(last_value(opts, "medmarker"), str):
        marker = read(last_value(opts, "medmarker"), popt.MARKER_SPECS).series_fields("scatter")
    return fields, marker


def blabel_look(sub: dict, notes: list[str]) -> dict:
    """``blabel(..., position() size() color() orientation() justification() alignment() box
    margin() gap())`` -> ``position`` and TextBox fields (``gap()``: the label's distance
    from the bar's end, in points)."""
    from mlmcli.graphs import look_options as look
    from mlmcli.graphs.text_box_options import text_fields

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
    out.update(text_fields(sub, notes))
    return out


def outer_gap(text, panels, dots: bool) -> float:
    """``outergap(#)``: percent of a bar's (box's, dot line's area's) width from the outer bars
    (areas) to the axis' ends; ``outergap(*#)``: # times the gap drawn by default (5% of the
    bars' span; a dot chart: 5% of the span of its lines, from the outer lines)."""
    from mlmcli.graphs.graph_options import number

    word = str(text).strip()
    factor = number(word[1:] if word.startswith("*") else word, "outergap")
    if factor < 0:
        raise StataError("option outergap() incorrectly specified", 198)
    if not word.startswith("*"):
        return factor / 100.0
    if dots:  # a line's area is 1 wide: the gap from the area's edge is half an area less
        lines = [t for p in panels for t in (p.yticks or ())]
        span = (max(lines) - min(lines)) if lines else 0.0
        return factor * 0.05 * (span or 1.0) - 0.5
    xs = [x for p in panels for s in p.series if s.kind in ("bar", "box") for x in s.x]
    width = max((s.width or 1.0 for p in panels for s in p.series if s.kind in ("bar", "box")), default=1.0)
    span = (max(xs) - min(xs) + width) if xs else width
    return factor * 0.05 * span / width


DEFAULT_RWIDTH = 0.45  # Stata's rwidth() default ([G-2] graph dot), a relative size
RECTANGLE_SPECS = [OptionSpec(name, abbrev, True, repeatable=True) for name, abbrev in (
    ("color", 3), ("fcolor", 2), ("fintensity", 2), ("lcolor", 2), ("lwidth", 2), ("lpattern", 2),
    ("lstyle", 2), ("astyle", 3), ("bstyle", 3), ("pstyle", 4), ("lalign", 3),
)]  # rectangles(area_options), read as plot_options reads a plot's look


def dot_rectangles(opts: dict, notes: list[str]) -> dict:
    """``linetype(rectangle)`` with ``rwidth(size)`` (default .45: points, Stata's relative
    size) and ``rectangles(area_options)`` -> the Axis field ``dot_rectangle``; ``lalign()``:
    the outline inside (the rectangle that much lower) or outside it."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.look_options import relative_size
    from mlmcli.graphs.syntax import split_top
    from mlmcli.syntax.options import read_options

    height = relative_size(last_value(opts, "rwidth") if "rwidth" in opts else str(DEFAULT_RWIDTH), "rwidth")
    look = popt.Look()
    if isinstance(last_value(opts, "rectangles"), str):
        typed = [o for part in split_top(last_value(opts, "rectangles"), ",") for o in read_options(part)]
        look = popt.look(resolve_options(typed, RECTANGLE_SPECS), notes)
    if look.line_align in ("inside", "outside"):
        from mlmcli.graphs.dot_lines import DEFAULT_OUTLINE_WIDTH

        width = look.line_width if look.line_width is not None else DEFAULT_OUTLINE_WIDTH
        height = max(height + (width if look.line_align == "outside" else -width), 0.0)
    return {"dot_rectangle": (height, look.fill or look.color, look.line_color, look.line_width, look.pattern)}


DEFAULT_NDOTS = 100  # Stata's ndots()


def dot_markers(opts: dict, notes: list[str]) -> dict:
    """``ndots(#)`` (default 100) and ``dots(marker_options)``: Axis fields of the dots drawn
    along each category of a dot chart."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.syntax import split_top
    from mlmcli.syntax.options import read_options

    n = DEFAULT_NDOTS
    if "ndots" in opts:
        n = number(last_value(opts, "ndots"), "ndots")
        if n < 1 or n != int(n):
            raise StataError("option ndots() incorrectly specified", 198)
    fields: dict = {}
    if isinstance(last_value(opts, "dots"), str):
        typed = [o for part in split_top(last_value(opts, "dots"), ",") for o in read_options(part)]
        fields = popt.look(resolve_options(typed, popt.MARKER_SPECS), notes).series_fields("scatter")
    return {"dots": int(n), "dot_look": (fields.get("marker"), fields.get("color"), fields.get("marker_size"))}


def dot_extent(opts: dict, linetype: str) -> tuple:
    """``extendline`` (the default: the lines across the plot region, through its margins),
    ``noextendline`` (over the value axis' range only), ``lowextension(size)``/
    ``highextension(size)`` (that much further through the axes, in points) -> the Axis field
    ``dot_extent`` (empty: the default lines)."""
    from mlmcli.graphs.look_options import relative_size

    extend = not opts.get("noextendline")
    low = relative_size(last_value(opts, "lowextension"), "lowextension") if "lowextension" in opts else 0.0
    high = relative_size(last_value(opts, "highextension"), "highextension") if "highextension" in opts else 0.0
    if extend and not low and not high:
        return ()
    return (extend, low, high)
