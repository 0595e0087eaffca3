"""The view types behind ``fitplot()`` and ``ciplot()`` of lfitci/qfitci/fpfitci/lpolyci and
``recast()`` of scatteri.

Stata does not re-plot with another plot command here: it sets the type style of the view it
has already made (twoway_lfitci_parse.class and twoway_lpolyci_parse.class, 01jun2013,
log_edits: ``.view.type.setstyle, style(fittype|citype)``; twoway_yxview_parse.class reads
``recast()`` as ``recastas()``, the view's type). The fit is a ``yxview`` (type class
``yxtype``), the band a ``y2xview_g`` (``y2xtype``), and a view draws with
``yxview_<type>_draw``. So:

- a word that is a named style of the type class (the ``yxtype-*.style`` / ``y2xtype-*.style``
  files) draws the view that way; ``yxtype.class``/``y2xtype.class`` ``_unabbrev`` take
  ``sc``/``li``/``co``/``b`` and ``rsc``/``rli``/``rco`` for the full names;
- any other word (``lfit``, ``rarea`` for the fit, ``pcspike``, ``bogus`` ...) is a style the
  class does not have: Stata's note, and the type stays what it was -- ``line`` for the fit and
  for the band (both views are made with the parser's viewtype ``line``), ``scatter`` for
  scatteri (yxview's class default);
- a one-y type on the band's ``y2xview_g`` draws its first y alone, the lower limit: the
  drawing programs of line, scatter, connected, area, bar, spike, dropline and dot read
  ``.yvar`` only (the range types' programs swap in ``.y2var``)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.named_styles import style_note
from mlmcli.graphs.series_parts import base_value
from mlmcli.graphs.spec import Series

# the plots whose parser refuses a type of its own (twoway_lfitci_parse.class, which qfitci's and
# fpfitci's parse through, and twoway_lpolyci_parse.class: ``TYPE(string) RECASTas(string)``)
BANDED = ("lfitci", "qfitci", "fpfitci", "lpolyci")
_OWN_TYPE = {"type": "type", "recast": "recastas", "recasta": "recastas", "recastas": "recastas"}

ONE_Y = ("scatter", "line", "connected", "area", "bar", "spike", "dropline", "dot")  # yxtype-*.style
RANGES = ("rarea", "rbar", "rspike", "rcap", "rcapsym", "rscatter", "rline", "rconnected")
_NAMED = {"yxtype": ONE_Y, "y2xtype": ONE_Y + RANGES + ("rbarm",)}
# (name, shortest abbreviation) of the classes' _unabbrev programs
_ABBREVIATIONS = {"yxtype": (("scatter", 2), ("line", 2), ("connected", 2), ("bar", 1)),
                  "y2xtype": (("rscatter", 3), ("rline", 3), ("rconnected", 3))}


def view_type(word, klass: str, default: str, notes) -> str:
    """The type a view of class ``klass`` draws as after ``.type.setstyle, style(word)``."""
    name = str(word).strip()
    for full, shortest in _ABBREVIATIONS[klass]:
        if shortest <= len(name) <= len(full) and full.startswith(name):
            name = full
            break
    if name in _NAMED[klass]:
        return name
    if notes is not None:
        style_note(notes, name, klass)
    return default


def lower_limit_as(ctx, plot, kind: str, x, lower, label: str, fields: dict) -> list[Series]:
    """The band's lower limit drawn as the one-y type ``kind`` in the CI look (style 0)."""
    from mlmcli.graphs.smooth_plots import dot_series
    from mlmcli.graphs.style import NAMED_COLORS

    color = fields.get("line_color") or fields.get("color") or NAMED_COLORS["gs10"]
    if kind in ("line", "scatter", "connected"):
        return [Series(kind, x, lower, label=label, style=0, color=color)]
    if kind == "dot":
        return dot_series(ctx, plot, np.asarray(x, float), np.asarray(lower, float), label, 0, {"color": color})
    base = base_value(plot)
    if kind == "area":
        return [Series("area", x, np.full_like(lower, base), lower, base=base, label=label, style=0, **fields)]
    if kind == "bar":  # twoway bar's default barwidth(1), in x's units
        return [Series("bar", x, lower, width=1.0, base=base, label=label, style=0, **fields)]
    out = [Series("rspike", x, np.full_like(lower, base), lower, label=label, style=0, color=color,
                  legend=kind == "spike")]
    if kind == "dropline":
        out.append(Series("scatter", x, lower, label=label, style=0, color=color))
    return out


def without_own_type(plot):
    """A fit-with-band plot as its parser reads ``type()`` and ``recast()``: typed with a word,
    Stata's ``type() option not allowed`` / ``recastas() option not allowed`` r(198) (the band
    and the fit are two views whose types fitplot() and ciplot() set); empty, nothing (the
    parser tests the word only), so the option is dropped."""
    from dataclasses import replace

    kept = []
    for opt in plot.options:
        own = _OWN_TYPE.get(opt.name)
        if own is None:
            kept.append(opt)
        elif str(opt.arg or "").strip():
            raise StataError(f"{own}() option not allowed", 198)
    return plot if len(kept) == len(plot.options) else replace(plot, options=tuple(kept))
