"""Stata's named styles, the words of ``pstyle()``, ``lstyle()``, ``mstyle()``, ``mlstyle()``,
``astyle()``, ``bstyle()``, ``mlabstyle()`` and of the line styles of grids, reference lines and
regions ([G-4] pstyle, linestyle, areastyle, markerstyle, markerlabelstyle) -> the look mlm draws
for them, after s2color.

- ``p1`` ... ``p15`` with any of Stata's suffixes (``p2line``, ``p3bar``, ``p1solid``,
  ``p2mark`` ...): that plot style's colour, symbol and pattern (``Series.style``);
- ``ci``: the confidence band's look (style 0: gs13), ``ci2``: a second band (gs10);
- ``histogram``: the histogram bars' khaki; ``refline``: the reference curves' emerald (the
  normal density of ``histogram, normal``); ``yxline``/``xyline``: the ``xline()``/``yline()``
  look; ``grid``/``major``/``minor``: the grid lines' look;
- ``foreground``: black; ``background``: the graph region's colour; ``outline``: a black
  outline, no fill; ``plotregion``: the plot region's white, no outline; ``none``: nothing.

A word Stata's manuals do not list gets Stata's note ``(note:  named style X not found in class
Y, default attributes used)`` and the default look, as in Stata.
"""
from __future__ import annotations

import re

from mlmcli.graphs import style

NUMBERED = re.compile(r"p(\d+)(line|bar|box|dot|pie|area|arrow|solid|mark|boxmark|dotmark|other|label)?")
HISTOGRAM_FILL = style.NAMED_COLORS["khaki"]
HISTOGRAM_LINE = style.intensity(style.NAMED_COLORS["khaki"], 1.8)
REFLINE = style.NAMED_COLORS["emerald"]
CI2 = style.NAMED_COLORS["gs10"]
GRID_WIDTH = 0.8  # points: the width panel_axes draws grid lines at

_BLACK = "#000000"


def _everything(color: str, **more) -> dict:
    return {"color": color, "line_color": color, "fill": color, **more}


# name -> Look fields (plot_options.Look); typed colours and widths are applied after
NAMED: dict[str, dict] = {
    "ci": {"style": 0},
    "ci2": _everything(CI2, style=0),
    "histogram": {"color": HISTOGRAM_FILL, "fill": HISTOGRAM_FILL, "line_color": HISTOGRAM_LINE},
    "refline": {"line_color": REFLINE, "color": REFLINE},
    "yxline": {"line_color": style.SCHEMES["s2color"].reference_line,
               "color": style.SCHEMES["s2color"].reference_line},
    "grid": {"line_color": style.GRID, "color": style.GRID, "line_width": GRID_WIDTH},
    "foreground": _everything(_BLACK),
    "background": _everything(style.GRAPH_REGION),
    "outline": {"fill": "none", "line_color": _BLACK},
    "plotregion": {"fill": style.PLOT_REGION, "color": style.PLOT_REGION, "line_color": "none"},
    "none": _everything("none"),
}
NAMED["xyline"] = NAMED["yxline"]
NAMED["major"] = NAMED["minor"] = NAMED["grid"]

# the class Stata names in its note for a style it does not know
CLASSES = {"pstyle": "seriesstyle", "lstyle": "linestyle", "mstyle": "markerstyle",
           "mlstyle": "linestyle", "astyle": "areastyle", "bstyle": "areastyle",
           "mlabstyle": "markerlabelstyle", "glstyle": "linestyle", "style": "linestyle"}


def style_note(notes: list[str], name: str, klass: str) -> None:
    """Stata's note for a style name its class does not have (the default look is drawn),
    once per graph command."""
    note = f"(note:  named style {name} not found in class {klass}, default attributes used)"
    if note not in notes:
        notes.append(note)


def plot_style(word: str, option: str, notes: list[str]) -> dict:
    """The Look fields of a named style typed in ``option`` ({} with Stata's note when
    Stata would not know the name)."""
    name = str(word).strip().strip('"').lower()
    numbered = NUMBERED.fullmatch(name)
    if numbered:
        return {"style": int(numbered.group(1))}
    if name in NAMED:
        return dict(NAMED[name])
    style_note(notes, name, CLASSES.get(option, option))
    return {}


def line_style(word: str, option: str, notes: list[str]) -> tuple[str | None, float | None, str | None] | None:
    """A linestyle (``lstyle()`` of an axis, a region, a reference line; ``glstyle()``) ->
    (colour, width or None, pattern or None); None for a name Stata would not know (noted).
    ``p#``: that plot style's colour."""
    fields = plot_style(word, option, notes)
    if not fields:
        return None
    if "style" in fields and "line_color" not in fields:
        return style.series_color(fields["style"]), None, None
    color = fields.get("line_color")
    return color, (0.0 if color == "none" else fields.get("line_width")), "solid" if color != "none" else None


# [G-4] textstyle, textboxstyle: a named text style is the look of the text that, by the
# manual, uses it by default -> (size in points, colour).  "heading": the scheme's title colour
# (s2color's dknavy; black in the other schemes), resolved where the graph is drawn.
HEADING = style.HEADING
TEXT_STYLES: dict[str, tuple[float, str | None]] = {
    "heading": (12.0, HEADING),        # title()
    "subheading": (10.0, HEADING),     # subtitle()
    "body": (7.0, None),               # caption()
    "small_body": (7.0, None),         # note()
    "smbody": (7.0, None),
    "axis_title": (9.5, None),         # xtitle(), ytitle()
    "label": (8.5, None),              # text()
    "key_label": (8.0, None),          # the legend's keys
    "small_label": (7.0, None),        # marker labels
    "tick_label": (8.5, None),         # axis labels
    "minor_ticklabel": (6.5, None),    # minor tick labels
}


def text_style(word, klass: str, notes: list[str]) -> tuple[float | None, str | None]:
    """(size in points, colour or None) of a named textstyle/textboxstyle typed in an option of
    class ``klass`` (``textboxstyle``, ``textstyle``); (None, None) and Stata's note for a name
    its manuals do not list."""
    name = str(word).strip().strip('"').lower()
    if name in TEXT_STYLES:
        return TEXT_STYLES[name]
    style_note(notes, name, klass)
    return None, None


# [G-4] tickstyle: ticks and their labels -> Axis fields (tick length in points, label size)
TICK_STYLES: dict[str, dict] = {
    "major": {}, "major_nolabel": {"nolabels": True}, "major_notick": {"tick_length": 0.0},
    "minor": {"labsize": 6.5, "tick_length": 1.5}, "minor_nolabel": {"nolabels": True, "tick_length": 1.5},
    "minor_notick": {"labsize": 6.5, "tick_length": 0.0}, "none": {"nolabels": True, "tick_length": 0.0},
}


def tick_style(word, notes: list[str]) -> dict:
    """The Axis look of a named tickstyle (``xlabel(, tstyle(minor))``); {} with Stata's note
    for a name its manuals do not list."""
    name = str(word).strip().strip('"').lower()
    if name in TICK_STYLES:
        return dict(TICK_STYLES[name])
    style_note(notes, name, "tickstyle")
    return {}


def default_style(word, klass: str, notes: list[str]) -> None:
    """A style class whose only documented name is ``default`` (legendstyle, the legend's
    keystyle): ``default`` draws as without it; another name gets Stata's note and the default."""
    name = str(word).strip().strip('"').lower()
    if name != "default":
        style_note(notes, name, klass)
