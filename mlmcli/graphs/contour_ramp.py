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

Reading ``zlabel()`` is here; ``contour_ramp_draw`` draws the key.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

# Axis fields zlabel() may set: the ramp draws these; any other suboption is refused
RAMP_FIELDS = {"nticks", "minmax", "ticklabels", "format", "labsize", "angle", "label_color",
               "label_gap", "tick_length", "tick_color", "tick_width"}


def read_zlabel(arg: str, notes: list[str]) -> tuple[tuple[float, ...] | None, dict]:
    """``zlabel(rule [, suboptions])`` -> (typed values or None, the ramp axis' fields)."""
    from mlmcli.graphs.axis_options import axis_labels

    values, fields = axis_labels(arg, None, notes, "z")
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


def ramp_look(fields: dict) -> tuple[tuple[str, object], ...]:
    """The look fields of the ramp's axis, as (name, value) pairs a Series can hold."""
    return tuple((k, fields[k]) for k in ("labsize", "angle", "label_color", "label_gap", "tick_length",
                                          "tick_color", "tick_width") if fields.get(k) is not None)


CLEGEND_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("off", None), ("on", None), ("width", None, True), ("height", None, True), ("altaxis", None),
    ("title", 2, True), ("subtitle", 3, True), ("note", None, True), ("caption", 3, True),
    ("bmargin", 2, True), ("region", 1, True), ("position", 3, True), ("ring", None, True),
    ("bplacement", 6, True))]
DRAWN_CLEGEND = ("off", "on", "width", "height", "altaxis", "title")


def _key_size(text, what: str, default: float) -> float:
    """``width()``/``height()`` of the key: a size, or ``*#`` times the default."""
    from mlmcli.graphs.look_options import number, relative_size

    word = str(text).strip()
    if word.startswith("*"):
        return number(word[1:], what) * default
    return relative_size(word, what)


def legend_options(opts: dict, last) -> tuple[bool, dict, tuple]:
    """``clegend()``, ``ztitle()``, ``ztick()``, ``zscale(reverse range() off)`` of a contour plot
    -> (the ramp drawn, its look fields, ``ztick()``'s (values, fields) for ``label_values``).
    ``zmlabel()`` and ``zmtick()`` are refused: mlm's ramp has no minor ticks."""
    from mlmcli.graphs.syntax import title_text
    from mlmcli.syntax.options import read_options, resolve_options, split_options

    for name in ("zmlabel", "zmtick"):
        if name in opts:
            raise StataError(f"option {name}() not supported by mlmcli: the contour legend's z axis has "
                             "no minor ticks (zlabel() and ztick() label and tick it)", 198)
    look: dict = {}
    if isinstance(last(opts, "zscale"), str):  # reverse, range(), off: the ramp's axis
        from mlmcli.graphs.axis_options import axis_scale

        scale = axis_scale(last(opts, "zscale"))
        other = sorted(set(scale) - {"reverse", "range", "off"})
        if other:
            raise StataError(f"option zscale() suboption {other[0]} not supported by mlmcli: the contour "
                             "legend's z axis takes reverse, range() and off", 198)
        look.update({f"scale_{k}": v for k, v in scale.items()})
    shown = True
    if isinstance(last(opts, "clegend"), str):
        sub = resolve_options(read_options(last(opts, "clegend")), CLEGEND_SUBOPTIONS)
        other = [k for k in sub if k not in DRAWN_CLEGEND]
        if other:
            raise StataError(f"option clegend({other[0]}()) not supported by mlmcli: it draws off, width(), "
                             "height(), altaxis and title()", 198)
        shown = not sub.get("off") or bool(sub.get("on"))
        if "width" in sub:
            look["width"] = _key_size(sub["width"], "width", 17.0)
        if "height" in sub:
            look["height"] = _key_size(sub["height"], "height", 0.0) or None
        if sub.get("altaxis"):
            look["altaxis"] = True
        if "title" in sub:
            look["title"] = title_text(sub["title"])
    if isinstance(last(opts, "ztitle"), str):
        body, subs, _ = split_options(last(opts, "ztitle"))
        if subs:
            raise StataError("option ztitle() suboptions not supported by mlmcli: the z title is drawn in "
                             "the axis title's look", 198)
        look["axis_title"] = title_text(body)
    ticks: tuple = ()
    if isinstance(last(opts, "ztick"), str):
        ticks = read_zlabel(last(opts, "ztick"), [])
        if set(ticks[1]) - {"nticks", "minmax"}:  # the ticks are drawn as zlabel()'s are
            raise StataError("option ztick() suboptions not supported by mlmcli: the ticks take "
                             "zlabel()'s look", 198)
    return shown, look, ticks
