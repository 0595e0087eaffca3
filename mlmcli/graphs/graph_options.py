"""The options of a whole graph (Stata's *twoway_options* and the title, axis, legend,
region and size options every graph command shares) -> ``Graph`` fields.

Options are declared as ``OptionSpec`` rows with Stata's minimal abbreviations and
resolved by ``mlmcli.syntax.options``; an option Stata does not have is ``option X
not allowed`` r(198).  Each accepted option changes the drawing; one Stata has that mlmcli
does not draw is refused (``look_options.refuse``: ``option X not supported by mlmcli``).
The axis options are read by ``axis_options``, ``legend()`` by ``legend_options`` and the
look suboptions (text boxes, legend layout, axis looks, regions) by ``look_options``,
``xline()``/``yline()``/``text()`` by ``added_line_text_options``; their
names are lent from here too, so callers import one module.  ``docs/graphs.md`` lists what
is drawn and what is refused.
Pure string work plus numlists: no data (value labels come through a callback).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Callable

from mlmcli.errors import StataError
from mlmcli.graphs import look_options as look
from mlmcli.graphs import style
from mlmcli.graphs.axis_options import (AXIS_LABEL_SUBOPTIONS, AXIS_SCALE_SUBOPTIONS, axis_labels, tick_text,  # noqa: F401
                                         axis_labels_on, axis_number, axis_scale, axis_scale_on,
                                         display_format, merge_axis)
from mlmcli.graphs.legend_options import LEGEND_SUBOPTIONS, legend_fields, legend_keys_and_texts  # noqa: F401
from mlmcli.graphs.more_axes import axis_key, more_axes_fields, outer_margin  # noqa: F401
from mlmcli.graphs.look_options import (REGION_SUBOPTIONS, angle_value,  # noqa: F401
                                         clock_position, color_value, number, region)
from mlmcli.graphs.text_box_options import TEXTBOX_SUBOPTIONS, text_box
from mlmcli.graphs.added_line_text_options import reference_lines, text_boxes
from mlmcli.graphs.axis_spec import Axis
from mlmcli.graphs.syntax import items, title_text
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options
from mlmcli.syntax.varlist import is_name


def _spec(name: str, abbrev: int | None, takes_arg: bool = True, optional: bool = False) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, arg_optional=optional, repeatable=True)


# (name, minimal abbreviation, takes an argument)
GRAPH_SPECS: list[OptionSpec] = [_spec(*row) for row in (
    ("title", 2), ("subtitle", 3), ("note", None), ("caption", 3),
    ("t1title", 2), ("t2title", 2), ("b1title", 2), ("b2title", 2),
    ("l1title", 2), ("l2title", 2), ("r1title", 2), ("r2title", 2),
    ("xtitle", 2), ("ytitle", 2), ("ttitle", 3),
    ("xlabel", 3), ("ylabel", 3), ("xtick", 4), ("ytick", 4), ("xmlabel", 4), ("ymlabel", 4),
    ("xmtick", 5), ("ymtick", 5), ("tlabel", 3), ("ttick", 4),
    ("xscale", 3), ("yscale", 3), ("tscale", 3),
    ("xline", 3), ("yline", 3), ("tline", 3), ("text", None), ("ttext", 2),
    ("legend", 3), ("plegend", 4), ("by", None), ("name", None), ("saving", None), ("scheme", 3),
    ("graphregion", 6), ("plotregion", 5), ("aspectratio", 6), ("xsize", None), ("ysize", None),
    ("scale", None), ("iscale", 2), ("fxsize", None), ("fysize", None), ("nodraw", None, False),
    ("xvarformat", 4), ("yvarformat", 4), ("play", None), ("bgcolor", None), ("pcycle", None),
)]
def recording_path(arg) -> str:
    """``play(recordingname)``'s file (``.grec`` added when it has no suffix), checked before
    the graph is drawn: r(601) when absent.  Its edits are made on the drawn graph
    (``recordings.play_recording``, by ``finish``)."""
    import os

    name = str(arg).strip().strip('"')
    if not name:
        raise StataError("option play() incorrectly specified", 198)
    path = name if os.path.splitext(name)[1] else name + ".grec"
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    return path


_SIDE_TITLES = ("t1title", "t2title", "b1title", "b2title", "l1title", "l2title", "r1title",
                "r2title")


def graph_option_names() -> set[str]:
    return {s.name for s in GRAPH_SPECS}


def is_graph_option(typed: str) -> bool:
    return any(s.matches(typed) for s in GRAPH_SPECS)


def resolve_graph_options(options) -> dict:
    """Typed options -> {canonical name: [values]} (every graph option may be repeated;
    the rightmost wins where only one can apply)."""
    opts = resolve_options(options, GRAPH_SPECS)
    if opts.get("by"):
        opts["by"] = [merged_by(opts["by"])]
    return opts


def merged_by(typed: list) -> str:
    """graph.ado's MergeBy: several ``by()`` are one, the last typed varlist with every by()'s
    options (``by(g) by(, title(x))``); none with a varlist: ``varlist required in by()`` r(100)."""
    from mlmcli.graphs.syntax import split_top

    varlist, options = "", []
    for arg in typed:
        parts = split_top(arg if isinstance(arg, str) else "", ",")
        if parts and parts[0].strip():
            varlist = parts[0].strip()
        options += [p.strip() for p in parts[1:] if p.strip()]
    if not varlist:
        raise StataError("varlist required in by()", 100)
    return varlist + (", " + " ".join(options) if options else "")


def last(opts: dict, name: str):
    values = opts.get(name)
    return values[-1] if values else None




# ---------------------------------------------------------------- regions, sizes, name
def region_color(arg: str, notes: list[str]) -> tuple[str | None, str | None]:
    """``graphregion(color(white) margin(zero))`` -> (fill colour or None, margin text or None)."""
    found = region(arg, notes)
    opts = resolve_options(read_options(arg.replace(",", " ")), REGION_SUBOPTIONS)
    return found["fill"], opts.get("margin")


# the regions' default margins as mlm draws them (relativesize units): the plot region's is
# matplotlib's 5% of the data range each side (s2color's ``large``), the graph region's none
# (matplotlib's layout pads the figure); ``margin(t=0)`` keeps them on the sides it does not name
PLOT_MARGIN_BASE = (5.0, 5.0, 5.0, 5.0)
GRAPH_MARGIN_BASE = (0.0, 0.0, 0.0, 0.0)


def region_fields(opts: dict, notes: list[str], graph_key: str = "graphregion",
                  plot_key: str = "plotregion", graph_base: tuple[float, float, float, float] = GRAPH_MARGIN_BASE) -> dict:
    """Graph fields of ``graphregion()`` and ``plotregion()``: colours, outlines, margins
    (``graph_base``: the graph region's default margin, relativesize units)."""
    out: dict = {}
    for key, prefix in ((graph_key, "graph"), (plot_key, "plot")):
        if key not in opts:
            continue
        found = region(last(opts, key), notes, graph_base if prefix == "graph" else PLOT_MARGIN_BASE)
        if found["fill"]:
            out[f"{prefix}_color"] = found["fill"]
        if found["edge"]:
            out[f"{prefix}_edge"] = found["edge"]
        if found["align"] not in (None, "center"):
            out[f"{prefix}_edge_align"] = found["align"]
        if found["margin"] is not None:  # graph: points around it; plot: fractions of the data range
            margin = found["margin"]
            if prefix == "plot" and "margin" not in resolve_options(
                    read_options(last(opts, key).replace(",", " ")), REGION_SUBOPTIONS):
                margin = tuple(a + b for a, b in zip(margin, PLOT_MARGIN_BASE))  # imargin() alone: added to the default
            out[f"{prefix}_margin"] = look.in_points(margin) if prefix == "graph" else \
                tuple(v / 100.0 for v in margin)
    return out


def graph_name(arg) -> tuple[str, bool]:
    """``name(gname[, replace])`` -> (gname, replace); default ``Graph`` (always replaced)."""
    if not isinstance(arg, str):
        return "Graph", True
    text = arg.strip()
    # graph.ado reads NAME(string): syntax drops the quotes round a string option's whole
    # argument (no asis), so name("weibull, replace") is name(weibull, replace) (MaxBo's st_fhs.do)
    if len(text) > 1 and text[0] == '"' and text[-1] == '"' and '"' not in text[1:-1]:
        text = text[1:-1]
    elif text.startswith('`"') and text.endswith('"\''):
        text = text[2:-2]
    body, subs, _ = split_options(text)
    opts = resolve_options(subs, [OptionSpec("replace", None)])
    name = body.strip()
    # the name itself quoted before the comma (name("h_fixed", replace)): its first token with
    # the quotes off, as a published mestreg case study's graphs are named
    if len(name) > 1 and name[0] == '"' and name[-1] == '"' and '"' not in name[1:-1]:
        name = name[1:-1].strip()
    if not is_name(name):
        raise StataError(f"{name} invalid name", 198)
    return name, bool(opts.get("replace")) or name == "Graph"


def saving_target(arg) -> tuple[str, bool] | None:
    """``saving(filename[, replace])`` -> (filename, replace); ``asis`` is how Stata 8 saved
    graphs and changes nothing in mlmcli's file."""
    if not isinstance(arg, str):
        return None
    body, subs, _ = split_options(arg)
    opts = resolve_options(subs, [OptionSpec("replace", None), OptionSpec("asis", None)])
    name = body.strip().strip('"')
    if not name:
        raise StataError("option saving() incorrectly specified", 198)
    return name, bool(opts.get("replace"))


def scheme_name(arg: str, notes: list[str]) -> str:
    name = arg.strip().lower()
    if name in style.SCHEMES:
        return name
    note = style.scheme_note(name)
    if note not in notes:
        notes.append(note)
    return style.DEFAULT_SCHEME


# ---------------------------------------------------------------- titles
def title_box(arg, element: str, notes: list[str]):
    """The textbox suboptions of ``title("text", size() color() position() box ...)`` ->
    (size, colour, TitleLook or None, prefix/suffix or None, axis number)."""
    if not isinstance(arg, str):
        return None, None, None, None, 1
    _, subs, _ = split_options(arg)
    return text_box(resolve_options(subs, TEXTBOX_SUBOPTIONS), element, notes)


def text_style(arg, notes: list[str]) -> tuple[float | None, str | None]:
    """The ``size()`` and ``color()`` of a title's textbox suboptions."""
    size, color, _, _, _ = title_box(arg, "title", notes)
    return size, color


def title_fields(opts: dict, notes: list[str] | None = None) -> dict:
    """title/subtitle/note/caption and the side titles -> Graph fields (text, size/colour in
    ``text_styles``, placement and box in ``title_looks``, ``prefix``/``suffix`` in
    ``title_affixes``)."""
    notes = notes if notes is not None else []
    out: dict = {}
    styles, looks, affixes = [], [], []
    for name in ("title", "subtitle", "caption", "note") + _SIDE_TITLES:
        if name not in opts:
            continue
        arg = last(opts, name)
        size, color, box_look, affix, _ = title_box(arg, name, notes)
        text = title_text(arg)
        typed = opts[name] if isinstance(opts[name], list) else [opts[name]]
        if affix and len(typed) > 1:
            # [G-3] title_options: title("One") ... title("Two", suffix) is a two-line title,
            # "One" then "Two" (prefix: "Two" first); the earlier ones are otherwise ignored
            text, affix = _typed_chain(typed, name)
        if name not in _SIDE_TITLES:  # (a side title has no title of the command's own to join:
            out[name] = text  # with prefix/suffix it is the typed text)
        if size is not None or color is not None:
            styles.append((name, size, color))
        if box_look is not None:
            looks.append(box_look)
        if affix:
            affixes.append((name, affix))
    if styles:
        out["text_styles"] = tuple(styles)
    if looks:
        out["title_looks"] = tuple(looks)
    if affixes:
        out["title_affixes"] = tuple(affixes)
    return out


def _typed_chain(typed: list, name: str) -> tuple[str, str | None]:
    """Repeated title options, left to right: each one with ``prefix``/``suffix`` adds its lines
    before/after the text so far, one without replaces it -> (text, the affix by which the
    text joins the command's own title: the first option's, if nothing replaced it)."""
    text, first_affix = None, None
    for arg in typed:
        affix = title_box(arg, name, [])[3]
        piece = title_text(arg)
        if affix and text is not None:
            text = f"{text}\n{piece}" if affix == "suffix" else f"{piece}\n{text}"
        else:
            text, first_affix = piece, affix
    return text or "", first_affix


def side_titles(opts: dict) -> dict[str, str]:
    """``l1title()`` ... ``t2title()`` -> {position letter: text} (l, r, t, b) for the titles
    drawn at their own side (one element per side, 1 above 2); {name: text} for a title typed
    with ``position()``, ``ring()`` or ``span``, which is placed on its own as ``title()`` is
    ([G-3] title_options gives every title these suboptions)."""
    out: dict[str, list[str]] = {}
    for name in _SIDE_TITLES:
        if name in opts:
            arg = last(opts, name)
            text = title_text(arg)
            if text:
                _, _, box_look, _, _ = title_box(arg, name, [])
                placed = box_look is not None and (box_look.position is not None or box_look.ring is not None
                                                   or box_look.span)
                out.setdefault(name if placed else name[0], []).append(text)
    return {k: "\n".join(v) for k, v in out.items()}


def apply_affixes(fields: dict, typed: dict) -> dict:
    """``title("x", prefix|suffix)``: the typed text joined to the title the command would
    draw (``fields``), on the same line."""
    typed = dict(typed)
    for element, affix in typed.pop("title_affixes", ()):
        default = fields.get(element, "")
        if default and element in typed:
            typed[element] = (f"{typed[element]} {default}" if affix == "prefix"
                              else f"{default} {typed[element]}")
    return typed


def scale_value(text, what: str) -> float:
    """``scale(#)``/``scale(*#)``: the multiplier (> 0)."""
    return _scale(text, what)


def _scale(text, what: str) -> float:
    word = str(text).strip()
    value = number(word[1:] if word.startswith("*") else word, what)
    if value <= 0:
        raise StataError(f"option {what}() incorrectly specified", 198)
    return value


GRID_LOOKS = ("grid_color", "grid_width", "grid_pattern")
MINOR_LOOKS = ("tick_length", "tick_color", "tick_width", "tick_position", "labsize", "label_color", "angle",
               "format", "label_gap")


def own_tick_set(axis: Axis, fields: dict, kind: str) -> Axis:
    """``xtick()`` (``kind`` "tick") or ``xmlabel()``/``xmtick()`` ("minor") fields onto ``axis``:
    their ``grid``/``nogrid`` and grid look are that tick set's own ([G-3] axis_label_options:
    each of the four options has its grid; ``xtick(..., grid)`` draws lines at its ticks only,
    its ``nogrid`` leaves the labels' grid alone); a minor set's tick and label looks are its
    own too; xtick()'s other looks go to the axis as before."""
    fields = dict(fields)
    grid = fields.pop("grid", None)
    look = tuple((k, fields.pop(k)) for k in GRID_LOOKS if k in fields)
    changes: dict = {}
    if grid is not None:
        changes[f"{kind}_grid"] = grid
    if look:
        changes[f"{kind}_grid_look"] = tuple(dict(getattr(axis, f"{kind}_grid_look") + look).items())
    if kind == "minor":
        for name in ("label_justification", "label_alignment"):  # the major labels' only
            if name in fields:
                option = "labjustification" if name == "label_justification" else "labalignment"
                raise StataError(f"{option}() of minor ticks is not implemented", 198)
        own = tuple((k, fields[k]) for k in MINOR_LOOKS if fields.get(k) is not None)
        if own:
            changes["minor_looks"] = tuple(dict(axis.minor_looks + own).items())
    else:
        changes.update(fields)
    return replace(axis, **changes)


def common_fields(opts: dict, notes: list[str], *,
                  value_labels: Callable[[str], Callable[[], dict | None]] | None = None) -> dict:
    """Graph fields from the options every graph command shares: titles, axes, lines,
    text, legend, scheme, regions, sizes, scale (not ``by()``, ``name()``, ``saving()``)."""
    if "play" in opts:
        recording_path(last(opts, "play"))
    out = title_fields(opts, notes)
    sides = side_titles(opts)
    if sides:
        out["side_titles"] = tuple(sorted(sides.items()))
    axes: dict = defaultdict(Axis)  # "x", "y", "y2" (Graph fields), "x2" ... "y9" (more_axes)
    outer_gaps: dict = defaultdict(float)  # xscale(outergap()): room beyond the axis title
    for letter in ("x", "y"):
        scale_opts = opts.get(f"{letter}scale", []) + (opts.get("tscale", []) if letter == "x" else [])
        for arg in scale_opts:
            if isinstance(arg, str):
                number_, fields = axis_scale_on(arg, notes, letter)
                key = axis_key(letter, number_)
                if "outergap" in fields:
                    outer_gaps[key] = fields.pop("outergap")
                axes[key] = merge_axis(axes[key], fields)
        label_opts = opts.get(f"{letter}label", []) + (opts.get("tlabel", []) if letter == "x" else [])
        for arg in label_opts:
            if isinstance(arg, str):
                callback = value_labels(letter) if value_labels else None
                number_, ticks, fields = axis_labels_on(arg, callback, notes, letter)
                if fields.pop("subdivide", None):  # ##k counts minor ticks only
                    raise StataError(f"option {letter}label() incorrectly specified: ##k is for "
                                     f"{letter}mlabel() and {letter}mtick()", 198)
                key = axis_key(letter, number_)
                if fields.get("add") and out.get(f"{key}ticks") and ticks:  # add: beside the labels typed before
                    fields["add"] = axes[key].add
                    before = out[f"{key}ticks"]
                    shown = axes[key].ticklabels or tuple((t, tick_text(t)) for t in before)
                    ticks = tuple(before) + tuple(t for t in ticks if t not in before)
                    fields["ticklabels"] = tuple(shown) + tuple(fields.get("ticklabels") or ())
                if ticks is not None:
                    out[f"{key}ticks"] = ticks
                if "custom_looks" in fields:  # each custom option styles its own labels
                    fields["custom_looks"] = axes[key].custom_looks + fields["custom_looks"]
                axes[key] = replace(axes[key], **fields)
        for option, labelled in ((f"{letter}mlabel", True), (f"{letter}mtick", False)):
            for arg in opts.get(option, []):
                if isinstance(arg, str):
                    number_, minor, fields = axis_labels_on(arg, None, notes, letter)
                    key = axis_key(letter, number_)
                    rule = (("between", fields["subdivide"]) if "subdivide" in fields else
                            ("about", fields["nticks"]) if "nticks" in fields else None)
                    if minor or rule:
                        axes[key] = replace(axes[key], minor=minor, minor_rule=rule,
                                            minor_labels=labelled or axes[key].minor_labels)
                    axes[key] = own_tick_set(axes[key], fields, "minor")
        ticks_opts = opts.get(f"{letter}tick", []) + (opts.get("ttick", []) if letter == "x" else [])
        for arg in ticks_opts:  # xtick(): ticks without labels
            if isinstance(arg, str):
                number_, ticks, fields = axis_labels_on(arg, None, notes, letter)
                key = axis_key(letter, number_)
                if ticks:
                    axes[key] = replace(axes[key], unlabelled=ticks)
                if "nticks" in fields:  # xtick(#k): about k ticks, unlabelled
                    axes[key] = replace(axes[key], unlabelled_nticks=fields["nticks"])
                look_only = {k: v for k, v in fields.items() if k not in ("nticks", "ticklabels", "subdivide")}
                axes[key] = own_tick_set(axes[key], look_only, "tick")
        fmt = last(opts, f"{letter}varformat")
        if fmt is not None:
            axes[letter] = replace(axes[letter], var_format=display_format(fmt))
    out["xaxis"], out["yaxis"] = axes["x"], axes["y"]
    if axes["y2"] != Axis():
        out["yaxis2"] = axes["y2"]
    styles = list(out.get("text_styles", ()))
    looks = list(out.get("title_looks", ()))
    for element in ("xtitle", "ytitle"):
        names = [element] + (["ttitle"] if element == "xtitle" else [])
        per_axis: dict = {}  # merged-explicit: the rightmost of each axis(#)
        for arg in [a for n in names for a in opts.get(n, [])]:
            per_axis[title_box(arg, element, [])[4]] = arg
        for axis_no, arg in per_axis.items():
            size, color, box_look, affix, _ = title_box(arg, element, notes)
            key = axis_key(element[0], axis_no)
            target = element if axis_no == 1 else f"{element}{axis_no}"
            if axis_no == 1:
                out[element] = title_text(arg)
                if affix:  # joined to the command's own axis title by apply_affixes
                    out["title_affixes"] = out.get("title_affixes", ()) + ((element, affix),)
            elif key == "y2":
                out["ytitle2"] = title_text(arg)
                if affix:  # joined to the second axis' own title where it is drawn
                    out["ytitle2_affix"] = affix
            else:
                out[f"{key}title"] = (title_text(arg), affix)
            if size is not None or color is not None:
                styles.append((target, size, color))
            if box_look is not None:
                looks.append(replace(box_look, element=target))
    if styles:
        out["text_styles"] = tuple(styles)
    if looks:
        out["title_looks"] = tuple(looks)
    reflines: tuple = ()
    if "xline" in opts or "tline" in opts:
        out["xlines"], styled = reference_lines(opts.get("xline", []) + opts.get("tline", []), "x", notes)
        reflines += styled
    if "yline" in opts:
        out["ylines"], styled = reference_lines(opts["yline"], "y", notes)
        reflines += styled
    if reflines:
        out["reflines"] = reflines
    if "text" in opts or "ttext" in opts:
        out["texts"] = text_boxes(opts.get("text", []) + opts.get("ttext", []), notes)
    for arg in opts.get("legend", []):
        out.update(legend_fields(arg, notes, out.get("legend_look")))
    if "scheme" in opts:
        out["scheme"] = scheme_name(last(opts, "scheme"), notes)
    out.update(region_fields(opts, notes))
    out.update(more_axes_fields(out, axes, outer_gaps))
    if any(outer_gaps.values()):
        out["graph_margin"] = outer_margin(out.get("graph_margin"), outer_gaps, axes)
    if "bgcolor" in opts:
        color = color_value(last(opts, "bgcolor"), notes)
        if color:
            out["graph_color"] = color
    plot_margin = out.get("plot_margin")
    if plot_margin is not None and plot_margin[2] == 0:
        out["yaxis"] = replace(out["yaxis"], tight_low=True)  # bars and histograms stand on the axis
    if "aspectratio" in opts:
        body, subs, _ = split_options(last(opts, "aspectratio"))
        ratio = number(body, "aspectratio")
        if ratio <= 0:
            raise StataError("option aspectratio() incorrectly specified", 198)
        out["aspect"] = ratio
        placement = resolve_options(subs, [OptionSpec("placement", 5, True)])
        if "placement" in placement:
            look.compass(placement["placement"], "placement")
            out["aspect_placement"] = look.short_compass(placement["placement"])
    if "xsize" in opts or "ysize" in opts:
        w = graph_size_inches(last(opts, "xsize"), "xsize") if "xsize" in opts else style.WIDTH_IN
        h = graph_size_inches(last(opts, "ysize"), "ysize") if "ysize" in opts else style.HEIGHT_IN
        if not (0 < w <= 100 and 0 < h <= 100):
            raise StataError("xsize() and ysize() must be between 0 and 100 inches", 198)
        out["size"] = (w, h)
    if "scale" in opts:
        out["scale"] = _scale(last(opts, "scale"), "scale")
    if "iscale" in opts:
        out["inner_scale"] = _scale(last(opts, "iscale"), "iscale")
    for name in ("fxsize", "fysize"):
        if name in opts:
            value = number(last(opts, name), name)
            if not 0 < value <= 100:
                raise StataError(f"option {name}() must be between 0 and 100", 198)
            out[name] = value
    if opts.get("nodraw"):
        out["draw"] = False
    return out


def graph_size_inches(text, what: str) -> float:
    """xsize()/ysize(): inches, or [G-4] size's absolute units (``16in``, ``20cm``, ``400pt``);
    ``rs`` is no size of the graph itself -- the relative size is relative to it."""
    sized = style.split_size_unit(str(text))
    if sized is None:
        return number(text, what)
    value, unit = sized
    if unit not in style.SIZE_UNITS_PT:
        raise StataError(f"option {what}() incorrectly specified", 198)
    return value * style.SIZE_UNITS_PT[unit] / 72.0


def clock_choice(word: str, choices: tuple[tuple[str, int | None], ...]) -> str | None:
    return resolve_choice(word.lower(), choices)
