"""The options of one plot (marker, line, area and bar looks, ``sort``, ``connect()``,
``jitter()``, ``mlabel()`` ...) -> ``Series`` look fields.

Stata's minimal abbreviations: ``m()``/``msymbol()``, ``mc()``/``mcolor()``,
``msiz()``/``msize()``, ``lc()``/``lcolor()``, ``lw()``/``lwidth()``,
``lp()``/``lpattern()``, ``c()``/``connect()``, ``col()``/``color()``,
``fc()``/``fcolor()``, ``mlab()``/``mlabel()``, ``psty()``/``pstyle()``.
A style word Stata would not know gets Stata's note and the default look.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from mlmcli.errors import StataError
from mlmcli.graphs import style
from mlmcli.graphs.graph_options import clock_position, color_value, number
from mlmcli.syntax.options import OptionSpec


def _o(name: str, abbrev: int | None, takes_arg: bool = True) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, repeatable=True)


MARKER_SPECS = [_o(*row) for row in (
    ("msymbol", 1), ("mcolor", 2), ("msize", 4), ("mfcolor", 3), ("mlcolor", 3), ("mlwidth", 3),
    # mlalign before mlabel: mla() stays mlalign's, ml() is mlabel's (MLabel, as Stata reads it)
    ("mlstyle", 3), ("mstyle", 3), ("msangle", 4), ("mlalign", 3), ("mlabel", 2), ("mlabposition", 5),
    ("mlabsize", 5), ("mlabcolor", 5), ("mlabangle", 5), ("mlabgap", 5), ("mlabstyle", 5),
    ("mlabvposition", 5), ("mlabtextstyle", 5), ("mlabformat", 6),
    # Symbol(): twoway_yxview_parse.class's factor reads s() as msymbol() (Stata 7's `c(l) s(i)`)
    ("symbol", 1),
)]
# scatter's (and so connected's) jitter_options: not marker options of the other plots
JITTER_SPECS = [_o("jitter", None), _o("jitterseed", None)]
LINE_SPECS = [_o(*row) for row in (
    ("lcolor", 2), ("lwidth", 2), ("lpattern", 2), ("lstyle", 2), ("lalign", 3),
)]
# Stata 8's names of the connecting line's look, still read (clpat(dash), clwidth(*1.5) in public
# do-files); not on the ci plots, whose clcolor() ... are the fit line's, nor contourline (clwidths())
OLD_LINE_SPECS = [_o(*row) for row in (("clcolor", 3), ("clwidth", 3), ("clpattern", 3), ("clstyle", 5))]
_LINE_SYNONYMS = {"clcolor": "lcolor", "clwidth": "lwidth", "clpattern": "lpattern", "clstyle": "lstyle"}
CONNECT_SPECS = [_o("connect", 1), OptionSpec("sort", None, True, arg_optional=True, repeatable=True),
                 _o("cmissing", 4)]
AREA_SPECS = [_o(*row) for row in (
    ("fcolor", 2), ("fintensity", 2), ("astyle", 3), ("bstyle", 3),
    # the bar looks' older names, as public do-files still type them
    ("bcolor", 2), ("bfcolor", 3), ("blcolor", 3), ("blwidth", 3), ("blpattern", 3),
)]
_BAR_SYNONYMS = {"bcolor": "color", "bfcolor": "fcolor", "blcolor": "lcolor", "blwidth": "lwidth",
                 "blpattern": "lpattern", "blstyle": "lstyle"}
# the bar outline's old names on the spike plots (rspike ..., blcolor(black) in Kohler's do-files)
SPIKE_OLD_SPECS = [_o(*row) for row in (("blcolor", 3), ("blwidth", 3), ("blpattern", 3), ("blstyle", 5))]
COMMON_SPECS = [_o(*row) for row in (
    ("color", 3), ("pstyle", 4), ("recast", None), ("yaxis", None), ("xaxis", None),
    ("horizontal", 3, False), ("vertical", 4, False), ("yvarlabel", 4), ("xvarlabel", 4),
)]

# connect() styles (connectstyle)
CONNECT_STYLES = {"l": "direct", "direct": "direct", "L": "ascending", "ascending": "ascending",
                  "i": "none", "none": "none", "J": "stairstep", "stairstep": "stairstep",
                  "stepstair": "stepstair", ".": "direct"}


@dataclass
class Look:
    """The look fields a plot's options set (None: the scheme's default)."""

    color: str | None = None
    line_color: str | None = None
    fill: str | None = None
    marker: str | None = None
    marker_size: float | None = None
    line_width: float | None = None
    pattern: str | None = None
    style: int | None = None
    label_position: int = 3
    label_size: float | None = None
    opacity: float = 1.0
    connect: list[str] = field(default_factory=list)
    label_color: str | None = None
    label_angle: float = 0.0
    marker_fill: str | None = None
    marker_edge: str | None = None
    marker_edge_width: float | None = None
    marker_angle: float = 0.0
    label_gap: float | None = None
    line_align: str | None = None
    marker_align: str | None = None

    def ready_fields(self, kind: str, default_style: int) -> dict:
        """``series_fields`` and the plot style (typed ``pstyle()``/``lstyle()`` ..., or the
        command's own) of a series a command draws itself (kdensity's density, qnorm's markers)."""
        return {"style": default_style if self.style is None else self.style, **self.series_fields(kind)}

    def series_fields(self, kind: str) -> dict:
        """Fields for a ``Series`` of ``kind``: markers take the marker colour, lines the
        line colour, areas and bars the fill colour with the line colour as outline."""
        out: dict = {}
        if kind in ("scatter", "connected", "pointci"):
            if self.color:
                out["color"] = self.color
            if kind == "connected" and self.line_color:
                out["line_color"] = self.line_color
        elif kind in ("line", "rspike", "rcap"):
            if self.line_color or self.color:
                out["color"] = self.line_color or self.color
        else:  # area, bar, box
            if self.fill or self.color:
                out["color"] = self.fill or self.color
            if self.line_color:
                out["line_color"] = self.line_color
        for name in ("marker", "marker_size", "line_width", "label_size", "label_color", "marker_fill",
                     "marker_edge", "marker_edge_width", "label_gap", "line_align", "marker_align"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.pattern is not None:
            out["pattern"] = self.pattern
        if self.label_position != 3:
            out["label_position"] = self.label_position
        if self.label_angle:
            out["label_angle"] = self.label_angle
        if self.marker_angle:
            out["marker_angle"] = self.marker_angle
        return out


def _last(opts: dict, name: str):
    values = opts.get(name)
    return values[-1] if values else None


def _given(opts: dict, name: str) -> bool:
    """The option's last argument is not empty: Stata takes an empty angle option
    (``mlabangle()``) as not specified -- SSC spider 1.0 draws every label with one."""
    value = _last(opts, name)
    return value is not None and str(value).strip() != ""


# plot options Stata has that mlmcli does not draw
REFUSED: tuple[str, ...] = ()
# the style options in the order they apply (pstyle the overall look, then its parts), and the
# Look fields each sets of a named style's fields (named_styles.NAMED)
_STYLE_OPTIONS = (
    ("pstyle", {"color": "color", "line_color": "line_color", "fill": "fill", "line_width": "line_width"}),
    ("mstyle", {"color": "color"}),
    ("astyle", {"fill": "fill", "line_color": "line_color"}),
    ("bstyle", {"fill": "fill", "line_color": "line_color"}),
    ("lstyle", {"line_color": "line_color", "line_width": "line_width"}),
    ("mlstyle", {"line_color": "marker_edge", "line_width": "marker_edge_width"}),
)


def _styled(out: "Look", opts: dict, notes: list[str]) -> None:
    """The named styles typed (``pstyle(ci)``, ``lstyle(refline)``, ``mstyle(p2)`` ...) set the
    plot style number and colours; the typed colours applied after them win."""
    from mlmcli.graphs.named_styles import plot_style

    for name, fields in _STYLE_OPTIONS:
        if name not in opts:
            continue
        named = plot_style(_last(opts, name), name, notes)
        if "style" in named and (out.style is None or name == "pstyle"):
            out.style = named["style"]
        for key, attribute in fields.items():
            if key in named:
                setattr(out, attribute, named[key])
    if "mlabstyle" in opts:  # p#, p#box: mlm draws every plot's marker labels alike (black)
        plot_style(_last(opts, "mlabstyle"), "mlabstyle", notes)


def intensity_factor(text: str) -> float:
    """An intensitystyle (``fintensity()``): ``full``, ``inten50`` or ``50`` -> 0.5."""
    word = str(text).strip().lower()
    if word == "full":
        return 1.0
    if word.startswith("inten"):
        return number(word[5:], "fintensity") / 100.0
    return number(word, "fintensity") / 100.0


def look(opts: dict, notes: list[str], default_color: str | None = None) -> Look:
    """Read the look options of one plot (resolved with the specs above).  The style options
    (``pstyle()``, ``lstyle()``, ``mstyle()``, ``mlstyle()``, ``astyle()``, ``bstyle()``) take
    Stata's named styles (``named_styles``)."""
    from mlmcli.graphs.look_options import refuse

    refuse(opts, REFUSED)
    out = Look()
    for old_name, name in {**_BAR_SYNONYMS, **_LINE_SYNONYMS}.items():
        if old_name in opts and name not in opts:
            opts = {**opts, name: opts[old_name]}
    _styled(out, opts, notes)
    if "color" in opts:
        color = color_value(_last(opts, "color"), notes, default_color)
        out.color = out.line_color = out.fill = color
    if "mcolor" in opts:
        out.color = color_value(_last(opts, "mcolor"), notes, default_color) or out.color
    if "lcolor" in opts:
        out.line_color = color_value(_last(opts, "lcolor"), notes, default_color) or out.line_color
    if "fcolor" in opts:
        out.fill = color_value(_last(opts, "fcolor"), notes, default_color) or out.fill
    if "mfcolor" in opts:
        out.marker_fill = color_value(_last(opts, "mfcolor"), notes, default_color)
    if "fintensity" in opts:
        factor = intensity_factor(_last(opts, "fintensity"))
        base = out.fill or default_color
        if base and base != "none":
            out.fill = style.intensity(base, factor)
    if "symbol" in opts and "msymbol" not in opts:  # s(): msymbol()'s old name (MARKER_SPECS)
        opts = {**opts, "msymbol": opts["symbol"]}
    if "msymbol" in opts:
        word = _last(opts, "msymbol")
        symbol = style.marker_symbol(word)
        if symbol is None:
            _note(notes, word, "symbolstyle")
        out.marker = symbol
    if "msize" in opts:
        size = style.marker_size(_last(opts, "msize"))
        if size is None:
            _note(notes, _last(opts, "msize"), "markersizestyle")
        out.marker_size = size
    if "lwidth" in opts:
        out.line_width = _width(opts, "lwidth", notes)
    if "lpattern" in opts:
        word = _last(opts, "lpattern").strip().strip('"')
        if style.line_pattern(word) is None:
            _note(notes, word, "linepatternstyle")
        else:
            out.pattern = word
    if "mlabtextstyle" in opts:  # a named textstyle: the labels' size and colour, typed ones win
        from mlmcli.graphs.named_styles import text_style

        out.label_size, out.label_color = text_style(_last(opts, "mlabtextstyle"), "textstyle", notes)
    if "mlabposition" in opts:
        out.label_position = clock_position(_last(opts, "mlabposition"))
    if "mlabsize" in opts:
        out.label_size = style.text_size(_last(opts, "mlabsize"))
    if "mlabcolor" in opts:
        out.label_color = color_value(_last(opts, "mlabcolor"), notes)
    if "mlabangle" in opts and _given(opts, "mlabangle"):  # mlabangle() empty: the default
        from mlmcli.graphs.graph_options import angle_value

        out.label_angle = angle_value(_last(opts, "mlabangle"))
    if "mlcolor" in opts:
        out.marker_edge = color_value(_last(opts, "mlcolor"), notes, default_color)
    if "mlwidth" in opts:
        out.marker_edge_width = _width(opts, "mlwidth", notes)
    if "msangle" in opts and _given(opts, "msangle"):
        from mlmcli.graphs.graph_options import angle_value

        out.marker_angle = angle_value(_last(opts, "msangle"))
    if "mlabgap" in opts:
        from mlmcli.graphs.look_options import relative_size

        out.label_gap = relative_size(_last(opts, "mlabgap"), "mlabgap")
    if "connect" in opts:
        out.connect = connect_list(_last(opts, "connect"), notes)
    for name, attribute in (("lalign", "line_align"), ("mlalign", "marker_align")):
        if name in opts:  # linealignmentstyle: the outlines of bars, areas, boxes and markers
            from mlmcli.graphs.look_options import line_alignment

            setattr(out, attribute, line_alignment(_last(opts, name), notes))
    return out


def _width(opts: dict, name: str, notes: list[str]) -> float | None:
    width = style.line_width(_last(opts, name))
    if width is None:
        _note(notes, _last(opts, name), "linewidthstyle")
    return width


def _note(notes: list[str], word: str, klass: str) -> None:
    note = f"(note:  named style {word.strip()} not found in class {klass}, default attributes used)"
    if note not in notes:
        notes.append(note)


def connect_list(arg, notes: list[str]) -> list[str]:
    """``connect(L l)`` -> connect styles; an unknown one is noted and drawn direct, as Stata does.
    ``l[p]`` and ``L`` repeated styles are read one per y variable."""
    if not isinstance(arg, str):
        return []
    from mlmcli.syntax.abbreviation import resolve_choice

    out = []
    for word in arg.split():
        word = word.strip()
        style_name = CONNECT_STYLES.get(word) or CONNECT_STYLES.get(word.lower())
        if style_name is None:  # abbreviated names: c(asc), c(stair)
            style_name = resolve_choice(word.lower(), (("direct", 1), ("ascending", 3), ("stairstep", 4),
                                                       ("stepstair", 4), ("none", 1)))
        if style_name is None and word.startswith("l") and word[1:] in ("", "[p]"):
            style_name = "direct"
        if style_name is None:
            _note(notes, word, "connectstyle")
            style_name = "direct"
        out.append(style_name)
    return out


def jitter(opts: dict) -> float:
    """``jitter(#)``: the noise, as a percentage of the graph (0: none)."""
    if "jitter" not in opts:
        return 0.0
    value = number(_last(opts, "jitter"), "jitter")
    if value < 0:
        raise StataError("option jitter() incorrectly specified", 198)
    return value


def jitter_seed(opts: dict) -> int | None:
    if "jitterseed" not in opts:
        return None
    return int(number(_last(opts, "jitterseed"), "jitterseed"))


def axis_numbers(opts: dict, which: str) -> tuple[int, ...]:
    """``yaxis(# [# ...])``/``xaxis(# [# ...])``: the axes (1-9) a plot is on, the first one
    scaling it, the others showing the same scale ([G-3] axis_choice_options)."""
    if which not in opts:
        return (1,)
    try:
        values = [int(v) for v in str(_last(opts, which)).split()]
    except ValueError:
        raise StataError(f"option {which}() incorrectly specified", 198) from None
    if not values or any(not 1 <= v <= 9 for v in values):
        raise StataError(f"option {which}() incorrectly specified", 198)
    return tuple(dict.fromkeys(values))


def axis_number(opts: dict, which: str) -> int:
    """``yaxis()`` as ``Series.axis``: 1, 2 (the right axis), 3 for ``yaxis(1 2)`` (drawn
    against axis 1, and axis 2 shows the same scale); 1 for the lists it cannot say
    (``yaxis(3)``: ``Series.yaxes`` holds them)."""
    values = axis_numbers(opts, which)
    if values == (1, 2):
        return 3
    return values[0] if values[0] in (1, 2) else 1
