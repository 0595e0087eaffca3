"""The contour plot's legend ([G-3] clegend_option): one key showing every region's colour as a
ramp beside the plot region, with a z axis that gives it a scale ([G-2] graph twoway contour).

The ramp spans the regions' edges (the lowest and highest z of the surface, and the cuts between
them) on a linear z scale, each region's colour from its lower to its upper edge, the blocks
touching so that it reads as one continuous key.  s2color places it to the right of the plot
region (``clegend_pos right``), as tall as the plot region (``clegend_height zero``), ``huge``
(17 points) wide and ``medium`` (3.5 units) off the plot region, its axis on its right with
horizontal labels.

Its labels: by default the edges, in the plot's ``format()`` (default %9.0g).  ``zlabel()`` takes
the axis-label rules of [G-3] axis_label_options: ``#n`` (about n nice values over the ramp),
``minmax``, a numlist, values with text (``zlabel(-2 "Cut 1" -1 "Cut 2")``), ``none``, and the
suboptions ``format()``, ``labsize()``, ``labcolor()``, ``angle()``, ``labgap()``, ``nolabels``,
``noticks``, ``tlength()``, ``tlcolor()``, ``tlwidth()``, ``labstyle()``, ``tstyle()``.  Without
``ccuts()`` or ``levels()`` the labels' values are also the contour cuts, as the manual says
(zlabel() is "an alternative way of controlling the contour values").

Labels and ticks typed beyond the regions' edges widen the axis to them (the key's colours keep
the edges) unless ``norescale`` (``rescaled_to``), as Stata expands an axis to its labels.  The
axis is titled by z's variable label (``contour`` sets it) unless ``ztitle()``.

``zmlabel()``/``zmtick()`` put minor ticks on that axis (a numlist, ``##k`` between the labels,
``#k``), labelled in the minor labels' 6.5 points; ``ztitle()`` takes the textbox options as
``ytitle()`` does (size, colour, orientation, box, margins, justification, ``position()``'s side); ``zscale()`` takes ``log`` (positive z only), ``reverse``, ``range()``, ``off``, ``alt`` and the axis
line's ``noline``, ``lcolor()``, ``lwidth()``, ``lpattern()``, ``lstyle()``, ``titlegap()``,
``outergap()`` (room beyond the axis' labels and title).

Reading ``zlabel()`` is here; ``contour_ramp_draw`` draws the key.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

# Axis fields zlabel() may set: the ramp draws these; any other suboption is refused
RAMP_FIELDS = {"nticks", "minmax", "ticklabels", "format", "labsize", "angle", "label_color",
               "label_gap", "tick_length", "tick_color", "tick_width", "tick_position", "alternate",
               "grid", "grid_color", "grid_width", "grid_pattern", "grid_min", "grid_max", "add", "rescale",
               "custom"}
def own_looks(fields: dict) -> dict:
    """``zlabel(# "text", add custom labcolor() labsize() angle() tlength() tlcolor() tlwidth())``:
    the looks ``axis_options`` set aside for this option's labels alone (``custom_looks``,
    (value, ((name, value), ...)) each) as the ramp's ``custom``."""
    looks = fields.pop("custom_looks", None)
    if looks:
        fields["custom"] = looks
    return fields


def read_zlabels(args, notes: list[str]) -> tuple[tuple[float, ...] | None, dict]:
    """Every ``zlabel()`` typed, merged (``merged``)."""
    return merged(args, lambda arg: read_zlabel(arg, notes))


def merged(args, read) -> tuple[tuple[float, ...] | None, dict]:
    """Repeated ``zlabel()``s (``ztick()``, ``zmlabel()``, ``zmtick()``), each read by ``read``,
    merged as repeated ``xlabel()``s are (graph_options): a later rule replaces an earlier one,
    later suboptions override earlier ones and keep the rest, and each ``custom`` option keeps
    its labels' own look."""
    values, fields = None, {}
    for arg in args:
        if not isinstance(arg, str):
            continue
        typed, own = read(arg)
        if typed is not None:
            values = typed
        if "custom" in own:
            own["custom"] = fields.get("custom", ()) + own["custom"]
        fields.update(own)
    return values, fields


def read_zlabel(arg: str, notes: list[str]) -> tuple[tuple[float, ...] | None, dict]:
    """``zlabel(rule [, suboptions])`` -> (typed values or None, the ramp axis' fields)."""
    from mlmcli.graphs.axis_options import axis_labels

    values, fields = axis_labels(arg, None, notes, "z")
    fields = own_looks(fields)
    extra = sorted(set(fields) - RAMP_FIELDS)
    if extra:
        raise StataError(f"option zlabel() suboption {extra[0]} not supported by mlmcli: the "
                         "contour legend's axis draws labels and ticks only", 198)
    return values, fields


def label_values(values, fields: dict, lo: float, hi: float) -> tuple[float, ...] | None:
    """The ramp's label positions for the rule read by ``read_zlabel`` over [lo, hi]; None when
    no rule was typed (the default labels: the regions' edges)."""
    if values is not None:
        return tuple(float(v) for v in values)
    if fields.get("minmax"):
        return (lo, hi)
    if fields.get("nticks"):
        from matplotlib.ticker import MaxNLocator

        found = MaxNLocator(nbins=fields["nticks"], steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
        span = (hi - lo) or 1.0
        step = float(found[1] - found[0]) if len(found) > 1 else span
        return tuple(float(np.round(v / step) * step) for v in found  # no 5.000000000007
                     if lo - 1e-9 * span <= v <= hi + 1e-9 * span)
    return () if fields.get("ticklabels") == () else None


def ramp_labels(positions, fields: dict, fmt: str) -> tuple[tuple[float, str], ...]:
    """(value, text) of each label: typed texts first, else the value in ``format()``."""
    from mlmcli.render.numfmt import format_number

    if fields.get("ticklabels") == ():  # zlabel(none) / nolabels: ticks without text
        return tuple((float(v), "") for v in positions)
    typed = dict(fields.get("ticklabels") or ())
    fmt = fields.get("format") or fmt
    return tuple((float(v), typed.get(v, format_number(float(v), fmt).strip())) for v in positions)


def rescaled_to(values, fields: dict, log: bool = False) -> tuple[float, ...]:
    """The values a label/tick option widens the ramp's axis to: its typed values, as an axis is
    "expanded to include labels outside the data's range" unless ``norescale`` ([G-3]
    axis_label_options); none with ``norescale``, and on a log axis only positive ones."""
    if fields.get("rescale") is False:
        return ()
    return tuple(float(v) for v in values or () if not log or v > 0)


def ramp_look(fields: dict) -> tuple[tuple[str, object], ...]:
    """The look fields of the ramp's axis, as (name, value) pairs a Series can hold."""
    return tuple((k, fields[k]) for k in ("labsize", "angle", "label_color", "label_gap", "tick_length",
                                          "tick_color", "tick_width", "tick_position", "alternate", "grid",
                                          "grid_color", "grid_width", "grid_pattern", "grid_min", "grid_max",
                                          "custom")
                 if fields.get(k) is not None)


CLEGEND_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("off", None), ("on", None), ("width", None, True), ("height", None, True), ("altaxis", None),
    ("title", 2, True), ("subtitle", 3, True), ("note", None, True), ("caption", 3, True),
    ("bmargin", 2, True), ("region", 1, True), ("position", 3, True), ("ring", None, True),
    ("bplacement", 6, True), ("at", None, True))]
DRAWN_CLEGEND = ("off", "on", "width", "height", "altaxis", "title", "subtitle", "note", "caption",
                 "position", "ring", "bplacement", "region", "bmargin", "at")
# the location suboptions ([G-3] clegend_option): under by() read from by()'s clegend() only
LOCATION = ("position", "ring", "bplacement", "at")


def _key_size(text, what: str, default: float) -> float:
    """``width()``/``height()`` of the key: a size, or ``*#`` times the default."""
    from mlmcli.graphs.look_options import number, relative_size

    word = str(text).strip()
    if word.startswith("*"):
        return number(word[1:], what) * default
    return relative_size(word, what)


# zscale() suboptions the ramp's axis draws: the scale (log, reverse, range(), off, fill: with off
# the axis' room kept), the axis line's look, titlegap() and outergap(); extend/noextend: whether
# the line reaches over the plot region's margins -- the key has none, its line spans it either way
ZSCALE_DRAWN = {"reverse", "range", "off", "line", "line_color", "line_width", "line_pattern",
                "title_gap", "alt", "outergap", "log", "fill", "extend"}
# ztitle() suboptions with nothing to place: ring() and span place a title among the graph's
# rings around the plot region, and the z title is the key's axis title, beside the key
ZTITLE_NOTED = ("ring", "span")


def minor_values(rule: tuple, major, lo: float, hi: float) -> tuple[float, ...]:
    """``zmlabel()``/``zmtick()``'s positions over [lo, hi]: typed values, ``##k`` (k - 1
    between each pair of the major labels ``major``) or ``#k`` (about k nice values)."""
    values, fields = rule
    if values is not None:
        return tuple(float(v) for v in values)
    if fields.get("subdivide"):
        k, at = fields["subdivide"], sorted(float(v) for v in major)
        return tuple(a + (b - a) * j / k for a, b in zip(at, at[1:]) for j in range(1, k))
    return label_values(None, fields, lo, hi) or ()


def _read_placement(sub: dict, look: dict) -> None:
    """``clegend(position() ring() bplacement())`` -> the look's ``position``, ``ring`` and
    ``bplacement`` (a short compass word), as ``legend()`` reads them (``contour_ramp_place``)."""
    from mlmcli.graphs.look_options import clock_position, compass, number, short_compass

    if "position" in sub:
        look["position"] = clock_position(str(sub["position"]).split()[-1])
    if "ring" in sub:
        ring = number(str(sub["ring"]).split()[-1], "ring")
        if ring < 0:
            raise StataError("option ring() incorrectly specified", 198)
        look["ring"] = float(ring)
    if "bplacement" in sub:
        compass(sub["bplacement"], "bplacement")
        look["bplacement"] = short_compass(sub["bplacement"])
    if "at" in sub:  # by(): the legend in cell # of the trellis, numbered as holes() numbers them
        cell = number(str(sub["at"]).split()[-1], "at") if str(sub["at"]).strip() else 0
        if cell < 1 or cell != int(cell):
            raise StataError("option at() incorrectly specified", 198)
        look["at"] = int(cell)


def _read_region(arg: str, look: dict) -> None:
    """``clegend(region(fcolor() color() lcolor() lwidth() lpattern() lstyle() style() margin()
    lalign()))`` -> the look's ``region_fill``, ``region_edge``, ``region_margin`` (points) and
    ``region_align``."""
    from mlmcli.graphs.look_options import in_points, region

    found = region(str(arg), [])
    if found.get("align") is not None:  # lalign(): the outline inside, outside or centred on the edge
        look["region_align"] = found["align"]
    if found.get("fill") is not None:
        look["region_fill"] = found["fill"]
    if found.get("edge") is not None:
        look["region_edge"] = tuple(found["edge"])
    if found.get("margin") is not None:
        look["region_margin"] = tuple(in_points(found["margin"]))


def _read_ztitle(arg: str, look: dict, notes: list[str]) -> None:
    """``ztitle("text", textbox options)`` -> the look's axis title fields: ``axis_title``,
    ``axis_title_size``/``_color``/``_angle`` and ``axis_title_box`` (the TitleLook of its box,
    placement and margins: ``box``, ``fcolor()``, ``lcolor()`` ..., ``width()``/``height()``,
    ``bexpand``, ``justification()``, ``placement()``, ``margin()``, ``position()``).
    [G-3] axis_title_options: ztitle() "acts like xtitle(), ytitle()" in all other respects;
    Without text the title stays the default one (``contour`` sets z's label), ``ztitle("")``
    suppresses it; ``prefix``/``suffix`` join the typed text to that default."""
    from mlmcli.graphs.text_box_options import TEXTBOX_SUBOPTIONS, text_box
    from mlmcli.graphs.syntax import title_text
    from mlmcli.syntax.options import resolve_options, split_options

    body, subs, _ = split_options(arg)
    opts = resolve_options(subs, TEXTBOX_SUBOPTIONS)
    size, color, box, affix, axis = text_box(opts, "ztitle", notes)
    if axis != 1:
        raise StataError("option ztitle() suboption axis() incorrectly specified: the contour legend "
                         "has one z axis, axis(1)", 198)
    for name in ZTITLE_NOTED:
        if opts.get(name) is not None and opts.get(name) is not False:
            note = (f"(note: ztitle()'s {name}{'()' if name == 'ring' else ''} not used: the z title "
                    "stays beside the contour legend's key, outside the graph's title rings)")
            if note not in notes:
                notes.append(note)
    if body.strip():  # ztitle(, size(large)): the default title (z's label) in that look
        look["axis_title"] = title_text(body)
        if affix:  # ztitle("x", prefix|suffix): joined to the default title by ``contour``
            look["axis_title_affix"] = affix
    if size is not None:
        look["axis_title_size"] = size
    if color is not None:
        look["axis_title_color"] = color
    if box is not None and box.orientation is not None:
        look["axis_title_angle"] = box.orientation
    if box is not None:
        from dataclasses import replace

        box = replace(box, ring=None, span=False, orientation=None)
        if box != type(box)("ztitle"):
            look["axis_title_box"] = box


def legend_options(opts: dict, last, notes: list[str] | None = None) -> tuple[bool, dict, tuple]:
    """``clegend()``, ``ztitle()``, ``ztick()``, ``zmlabel()``, ``zmtick()``, ``zscale()`` of a
    contour plot -> (the ramp drawn, its look fields, ``ztick()``'s (values, fields) for
    ``label_values``).  ``zmlabel()``/``zmtick()``'s rules are in the look as ``minor_rules``
    ((values, fields, labelled) for ``minor_values``)."""
    from mlmcli.graphs.syntax import title_text
    from mlmcli.syntax.options import read_options, resolve_options

    look: dict = {}
    if isinstance(last(opts, "zscale"), str):  # the ramp's axis
        from mlmcli.graphs.axis_options import axis_scale

        scale = axis_scale(last(opts, "zscale"))
        other = sorted(set(scale) - ZSCALE_DRAWN)
        if other:
            raise StataError(f"option zscale() suboption {other[0]} not supported by mlmcli", 198)
        if scale.pop("alt", False):  # the axis on the other side: clegend(altaxis)
            look["altaxis"] = True
        look.update({f"scale_{k}": v for k, v in scale.items()})
    shown = True
    if isinstance(last(opts, "clegend"), str):
        sub = resolve_options(read_options(last(opts, "clegend")), CLEGEND_SUBOPTIONS)
        other = [k for k in sub if k not in DRAWN_CLEGEND]
        if other:
            raise StataError(f"option clegend({other[0]}()) not supported by mlmcli: it draws off, width(), "
                             "height(), altaxis, title() ..., region(), bmargin(), position(), ring(), bplacement() "
                             "and at()", 198)
        shown = not sub.get("off") or bool(sub.get("on"))
        if "width" in sub:
            look["width"] = _key_size(sub["width"], "width", 17.0)
        if "height" in sub:
            look["height"] = _key_size(sub["height"], "height", 0.0) or None
        if sub.get("altaxis"):
            look["altaxis"] = True
        for name in ("title", "subtitle", "note", "caption"):
            if name in sub:
                look[name] = title_text(sub[name])
        _read_placement(sub, look)
        if "region" in sub:
            _read_region(sub["region"], look)
        if "bmargin" in sub:  # the outer margin: room kept around the legend where it is placed
            from mlmcli.graphs.look_options import in_points, margin_value

            look["outer_margin"] = tuple(in_points(margin_value(sub["bmargin"], "bmargin")))
    if isinstance(last(opts, "ztitle"), str):
        _read_ztitle(last(opts, "ztitle"), look, notes if notes is not None else [])
    ticks: tuple = ()
    if isinstance(last(opts, "ztick"), str):
        ticks = merged(opts.get("ztick") or (), lambda arg: read_zlabel(arg, []))
        for _, own in ticks[1].pop("custom", ())[:1]:  # ztick(, custom): its ticks' look is theirs already
            ticks[1].update(dict(own))
        _note_unseen("ztick", ticks[1], notes)  # ztick(tlength() tlcolor() tlwidth()): its ticks' look
        look.update({f"ztick_{k}": ticks[1][k] for k in TICK_LOOKS if ticks[1].get(k) is not None})
    rules = []
    for name, labelled in (("zmlabel", True), ("zmtick", False)):
        if isinstance(last(opts, name), str):
            from mlmcli.graphs.axis_options import axis_labels

            values, fields = merged(opts.get(name) or (),
                                    lambda arg: _minor_rule(axis_labels(arg, None, [], "z")))
            if not labelled:  # zmtick(, custom): its ticks' look is theirs already
                fields.update(dict(next(iter(fields.pop("custom", ())), (0, ()))[1]))
            extra = sorted(set(fields) - RAMP_FIELDS - {"subdivide"})
            if extra:
                raise StataError(f"option {name}() suboption {extra[0]} not supported by mlmcli: the "
                                 "contour legend's axis draws labels and ticks only", 198)
            if not labelled:
                _note_unseen(name, fields, notes)
            rules.append((values, fields, labelled))
    if rules:
        look["minor_rules"] = tuple(rules)
    return shown, look, ticks


def _minor_rule(read: tuple) -> tuple:
    values, fields = read
    return values, own_looks(fields)


# the labels' look fields (a zmtick() draws no labels) and their suboptions' names
LABEL_LOOKS = {"labsize", "angle", "label_color", "label_gap", "format", "alternate"}
UNSEEN_NAMES = {"labsize": "labsize()", "angle": "angle()", "label_color": "labcolor()",
                "label_gap": "labgap()", "format": "format()", "alternate": "alternate"}


# ztick()/zmtick()'s look of their own ticks: size, colour, direction and grid lines across the key
TICK_LOOKS = ("tick_length", "tick_color", "tick_width", "tick_position", "grid", "grid_color", "grid_width",
              "grid_pattern", "grid_min", "grid_max")


def _note_unseen(name: str, fields: dict, notes: list[str] | None) -> None:
    """``ztick()``/``zmtick()`` draw ticks without labels: their label suboptions (``labsize()``
    ...) style nothing, which a note says."""
    unseen = sorted(set(fields) & LABEL_LOOKS)
    if unseen and notes is not None:
        note = f"(note: {name}()'s {', '.join(UNSEEN_NAMES[k] for k in unseen)} styles labels {name}() does not draw)"
        if note not in notes:
            notes.append(note)


def minor_ticks(rules, major, lo: float, hi: float, fmt: str) -> tuple[dict, tuple]:
    """``zmlabel()``/``zmtick()`` rules (from ``legend_options``) -> (zmlabel()'s look fields
    as ``minor_``-prefixed names, zmtick()'s tick look as ``mtick_``-prefixed ones and its own
    ticks as ``mtick_at``, the values that widen the axis (``rescaled_to``) as ``minor_reach``;
    the minor ticks' (value, text); text "" for an unlabelled tick
    and for a value that is already a major label)."""
    named: dict = {}
    look: dict = {}
    own: set = set()
    reach: list[float] = []
    for values, fields, labelled in rules:
        at = minor_values((values, fields), major, lo, hi)
        reach += rescaled_to(at, fields)
        for value, text in ramp_labels(at, fields, fmt):
            if labelled or value not in named:
                named[value] = text if labelled else ""
                if not labelled:
                    own.add(float(value))
        if labelled:
            look.update({f"minor_{k}": v for k, v in ramp_look(fields)})
        else:  # zmtick(tlength() tlcolor() tlwidth()): the look of its own ticks
            look.update({f"mtick_{k}": fields[k] for k in TICK_LOOKS if fields.get(k) is not None})
    majors = {float(v) for v in major}
    if reach:  # zmlabel()/zmtick() values beyond the key widen its axis unless norescale
        look["minor_reach"] = tuple(reach)
    if any(k.startswith("mtick_") for k in look):
        look["mtick_at"] = tuple(sorted(v for v in own if v not in majors))
    return look, tuple((v, t) for v, t in sorted(named.items()) if v not in majors)


def by_graph_ramp(panels, typed, notes: list[str]) -> tuple[list, object]:
    """``by()``'s contour legend ([G-3] clegend_option, "Use of legends with by()": legends are
    omitted under by() unless ``clegend(on)`` is typed inside by(); its location suboptions go
    there, those typed outside by() "will be ignored"; the look suboptions go outside).  Every
    panel's ramp is removed; with ``by(..., clegend(on ...))`` the graph's one ramp is the first
    panel's (every panel has the whole sample's cuts and colours), placed by the location typed
    in by().  -> (the panels, the graph's ramp series or None)."""
    from dataclasses import replace

    from mlmcli.syntax.options import read_options, resolve_options

    first = None
    out = []
    for panel in panels:
        series = []
        for s in panel.series:
            if s.ramp is not None and s.kind in ("contour", "heatmap"):
                first = first or s
                s = replace(s, ramp=None)
            series.append(s)
        out.append(replace(panel, series=tuple(series)))
    if first is None:
        return out, None
    look = dict(first.ramp_look)
    outside = [name for name in LOCATION if name in look]
    if outside:
        note = (f"(note: clegend()'s {', '.join(n + '()' for n in outside)} typed outside by() not used: "
                "under by() the contour legend's location is typed in by(..., clegend())")
        if note not in notes:
            notes.append(note)
        for name in outside:
            look.pop(name)
    if not isinstance(typed, str):
        return out, None
    sub = resolve_options(read_options(typed), CLEGEND_SUBOPTIONS)
    if not sub.get("on") or sub.get("off"):
        return out, None
    _, inside, _ = legend_options({"clegend": [typed]}, lambda opts, name: opts[name][-1] if opts.get(name) else None)
    look.update(inside)
    return out, replace(first, ramp_look=tuple(look.items()))


def log_key(key_look: dict, edges, grid, at, notes) -> tuple:
    """``zscale(log)`` when z reaches 0 or below: the plot keeps every region, and the key's log
    axis shows the positive z only, from the surface's smallest positive z (or the lowest
    positive edge, if lower) -- the region across 0 keyed by its positive part, the regions at or
    below 0 and labels at z <= 0 left off the key, with a note; without positive z a log axis
    has nothing to show: the key's axis stays linear, with a note.  Returns the key's labels."""
    import numpy as np

    values = np.asarray(grid, float)
    positive = values[np.isfinite(values) & (values > 0)]
    if positive.size == 0 or edges[-1] <= 0:
        key_look.pop("scale_log", None)
        message = "(note: zscale(log) not used: z has no positive values; the contour legend's axis is linear)"
        kept = at
    else:
        above = [float(e) for e in edges if e > 0]
        key_look["log_floor"] = min(float(positive.min()), above[0])
        message = (f"(note: zscale(log): the contour legend's log axis shows z > 0 only, from "
                   f"{float(key_look['log_floor']):g}; z <= 0 is drawn in the plot, not on the key)")
        kept = tuple(float(v) for v in at if float(v) > 0)
    if notes is not None and message not in notes:
        notes.append(message)
    return kept
