"""Look of the graphs, after Stata's schemes: plot styles p1..p15, regions, named colours,
marker symbols and sizes, line widths and patterns, text sizes.

Everything here maps a Stata style word to what matplotlib draws; nothing imports
matplotlib.  Sizes are in points.  Stata states marker sizes, line widths and text
sizes relative to the graph; the point values below are chosen so that a 5.5 x 4
inch graph looks like Stata's at the same size.
"""
from __future__ import annotations

from dataclasses import dataclass, replace


def _rgb(text: str) -> str:
    r, g, b = (int(v) for v in text.split())
    return f"#{r:02x}{g:02x}{b:02x}"


# Stata's colour names (RGB as in its color-style files)
NAMED_COLORS: dict[str, str] = {name: _rgb(rgb) for name, rgb in {
    "black": "0 0 0", "white": "255 255 255", "red": "255 0 0", "green": "0 255 0",
    "blue": "0 0 255", "yellow": "255 255 0", "orange": "255 128 0", "gold": "255 180 0",
    "navy": "26 71 111", "maroon": "144 53 59", "forest_green": "85 117 47",
    "dkorange": "227 119 40", "teal": "110 142 132", "cranberry": "193 5 52",
    "lavender": "147 141 210", "khaki": "202 194 126", "sienna": "160 82 45",
    "emidblue": "123 146 168", "emerald": "0 140 72", "brown": "140 85 42",
    "olive": "123 146 86", "olive_teal": "86 130 106", "dkgreen": "0 95 40",
    "erose": "232 200 200", "eltblue": "192 215 234", "ltblue": "170 200 225",
    "ltbluishgray": "214 224 236", "bluishgray": "217 230 235", "gray": "128 128 128",
    "grey": "128 128 128", "ltkhaki": "240 230 150", "magenta": "255 0 255",
    "pink": "255 170 200", "purple": "128 0 128", "edkblue": "62 97 132", "mint": "170 230 185",
    "eggshell": "253 253 230", "sand": "240 220 180", "sandb": "255 230 170",
    "dknavy": "0 37 74", "midblue": "0 90 190", "dimgray": "105 105 105",
    "ebblue": "24 116 205", "eltgreen": "178 206 163", "stone": "243 242 225",
    "ebg": "222 230 239", "dkgray": "64 64 64", "ltgray": "192 192 192",
    "orange_red": "255 69 0", "lime": "0 255 0", "cyan": "0 255 255", "olive_green": "85 107 47",
    "midgreen": "0 160 80", "bluishgray8": "198 215 222",
}.items()}
for _level in range(17):  # gs0 (black) .. gs16 (white)
    NAMED_COLORS[f"gs{_level}"] = _rgb(" ".join([str(round(_level * 255 / 16))] * 3))

GRID = "#e8eef5"
TEXT = "#000000"
WIDTH_IN, HEIGHT_IN = 5.5, 4.0                 # Stata's default graph size
DPI = 150


@dataclass(frozen=True)
class Scheme:
    """A graph scheme: colours, symbols and patterns of the plot styles p1, p2, ... and of
    the regions.  ``grid`` None: no grid lines by default.  ``y_label_angle``: the y axis
    labels' angle (None: along the axis, Stata's default; 0: horizontal); ``grid_both``:
    grid lines on both axes by default; ``grid_pattern``: their line pattern."""

    name: str
    series_colors: tuple[str, ...]
    symbols: tuple[str, ...]
    patterns: tuple[str, ...]
    graph_region: str
    plot_region: str
    grid: str | None
    ci_area: str
    panel_title_bg: str
    reference_line: str
    bar_outline: bool = False   # mono schemes outline bars
    y_label_angle: float | None = None
    grid_both: bool = False
    grid_pattern: str = "solid"
    foreground: str = "#000000"  # text, axes, ticks and outlines (white on s1rcolor's black)
    size: tuple[float, float] | None = None  # the scheme's graphsize x, y in inches (None: 5.5 x 4)
    grid_width: float | None = None  # linewidth major_grid (None: mlm's default grid width)
    grid_draw_min: bool = False      # yesno grid_draw_min: the line at the lowest label always
    grid_draw_max: bool = False      # yesno grid_draw_max
    axes_extend: bool = True         # yesno extend_axes_*: no -> the axis line only over the labels


def _colors(*names: str) -> tuple[str, ...]:
    return tuple(NAMED_COLORS[c] for c in names)


_S2_COLORS = _colors("navy", "maroon", "forest_green", "dkorange", "teal", "cranberry",
                     "lavender", "khaki", "sienna", "emidblue", "emerald", "brown", "erose",
                     "gold", "bluishgray")
_MONO_SYMBOLS = ("O", "D", "T", "S", "+", "X", "Oh", "Dh", "Th", "Sh", "o", "d", "t", "s", "x")
_MONO_PATTERNS = ("solid", "dash", "vshortdash", "longdash_dot", "longdash", "dash_dot", "dot",
                  "shortdash_dot", "tight_dot", "dash_dot_dot", "longdash_shortdash", "dash_3dot",
                  "longdash_dot_dot", "shortdash_dot_dot", "longdash_3dot")

SCHEMES: dict[str, Scheme] = {
    # Stata 13's default: coloured series on a light blue-grey outer region
    "s2color": Scheme("s2color", _S2_COLORS, ("O",) * 15, ("solid",) * 15,
                      NAMED_COLORS["ltbluishgray"], "#ffffff", GRID, NAMED_COLORS["gs13"],
                      NAMED_COLORS["ltbluishgray"], NAMED_COLORS["gs6"]),
    # plain white regions, same series colours
    "s1color": Scheme("s1color", _S2_COLORS, ("O",) * 15, ("solid",) * 15,
                      "#ffffff", "#ffffff", NAMED_COLORS["gs14"], NAMED_COLORS["gs13"],
                      NAMED_COLORS["gs14"], NAMED_COLORS["gs6"]),
    # grey levels, symbols and patterns tell the series apart
    "s2mono": Scheme("s2mono", _colors("gs6", "gs10", "gs8", "gs4", "gs12", "gs2", "gs9", "gs5",
                                       "gs11", "gs3", "gs7", "gs1", "gs13", "gs0", "gs14"),
                     _MONO_SYMBOLS, _MONO_PATTERNS, NAMED_COLORS["gs15"], "#ffffff",
                     NAMED_COLORS["gs14"], NAMED_COLORS["gs13"], NAMED_COLORS["gs14"],
                     NAMED_COLORS["gs6"], bar_outline=True),
    "s1mono": Scheme("s1mono", ("#000000",) * 15, _MONO_SYMBOLS, _MONO_PATTERNS, "#ffffff",
                     "#ffffff", None, NAMED_COLORS["gs13"], NAMED_COLORS["gs14"],
                     NAMED_COLORS["gs6"], bar_outline=True),
}
# [G-4] scheme s1: s1rcolor is s1color on black -- its scheme file's p1..p15 colours, white
# foreground, gs5 grid lines and confidence areas, midgreen reference lines, maroon filled boxes
SCHEMES["s1rcolor"] = Scheme("s1rcolor", _colors("yellow", "lime", "midblue", "magenta", "orange", "red",
                                                 "ltblue", "sandb", "mint", "olive_teal", "orange_red",
                                                 "blue", "pink", "teal", "sienna"),
                             ("O",) * 15, ("solid",) * 15, "#000000", "#000000", NAMED_COLORS["gs5"],
                             NAMED_COLORS["gs5"], NAMED_COLORS["maroon"], NAMED_COLORS["midgreen"],
                             foreground="#ffffff")
# [G-4] scheme s2: s2gcolor, the [G] manual's, is s2color at 3.12 x 2.392 inches
SCHEMES["s2gcolor"] = replace(SCHEMES["s2color"], name="s2gcolor", size=(3.12, 2.392))
SCHEMES["s1manual"] = SCHEMES["s1mono"]
SCHEMES["s2manual"] = SCHEMES["s2mono"]
SCHEMES["sj"] = SCHEMES["s2mono"]
DEFAULT_SCHEME = "s2color"
# schemes Stata 13 ships ([G-4] schemes intro) that mlm does not draw: their own layouts
# (economist: axes on the right, titles at 11 o'clock ...; s2gmanual: line colours apart from
# the markers'); a graph asking for one is drawn in s2color with a note that says so
SCHEMES_NOT_DRAWN = ("economist", "s2gmanual")


def scheme_note(name: str) -> str:
    """The note for a scheme mlm does not have: Stata's for a name Stata does not know either."""
    if name in SCHEMES_NOT_DRAWN:
        return f"(note:  scheme {name} is not drawn by mlmcli, using {DEFAULT_SCHEME})"
    return f"(note:  scheme {name} not found, using {DEFAULT_SCHEME})"

# the s2color constants other modules have read since the first version
SERIES_COLORS = _S2_COLORS
GRAPH_REGION = SCHEMES["s2color"].graph_region
HEADING = "heading"  # a text colour: the scheme's title colour (named textstyles heading, subheading)


def text_color(color: str | None, scheme_name: str | None) -> str | None:
    """A text colour as drawn: ``HEADING`` is s2color's dknavy title colour, black in the
    other schemes."""
    if color == HEADING:
        return NAMED_COLORS["dknavy"] if (scheme_name or DEFAULT_SCHEME).lower() in ("s2color", "s2gcolor") else \
            scheme(scheme_name).foreground
    return color
PLOT_REGION = "#ffffff"
CI_AREA = NAMED_COLORS["gs13"]                 # lfitci band
PANEL_TITLE_BG = NAMED_COLORS["ltbluishgray"]


def derived_scheme(base: str, **changes) -> str:
    """Register a scheme that is ``base`` with ``changes`` (a user's own scheme, as grstyle
    writes one) and return its name: ``_grstyle_`` plus a digest of its content, so the same
    look always has the same name and two sessions never overwrite each other's."""
    import hashlib

    derived = replace(scheme(base), **changes)
    digest = hashlib.sha1(repr(sorted(changes.items())).encode() + base.encode()).hexdigest()[:8]
    name = f"_grstyle_{digest}"
    SCHEMES[name] = replace(derived, name=name)
    return name


def scheme(name: str | None) -> Scheme:
    return SCHEMES.get((name or DEFAULT_SCHEME).lower(), SCHEMES[DEFAULT_SCHEME])


def series_color(style: int, scheme_name: str | None = None) -> str:
    """Colour of plot style ``p<style>``; style 0 is the grey confidence band."""
    sch = scheme(scheme_name)
    if style <= 0:
        return sch.ci_area
    return sch.series_colors[(style - 1) % len(sch.series_colors)]


def series_symbol(style: int, scheme_name: str | None = None) -> str:
    sch = scheme(scheme_name)
    return sch.symbols[(max(style, 1) - 1) % len(sch.symbols)]


def series_pattern(style: int, scheme_name: str | None = None) -> str:
    sch = scheme(scheme_name)
    return sch.patterns[(max(style, 1) - 1) % len(sch.patterns)]


def intensity(color: str, factor: float) -> str:
    """Stata's ``color*#``: below 1 toward white, above 1 toward black (an opacity, the
    ``#rrggbbaa`` of ``color%#``, is kept)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    if factor <= 1:
        mixed = [round(255 - (255 - v) * max(factor, 0.0)) for v in (r, g, b)]
    else:
        mixed = [round(v / factor) for v in (r, g, b)]
    return "#" + "".join(f"{min(max(v, 0), 255):02x}" for v in mixed) + color[7:9]


def parse_color(text: str, default: str | None = None) -> str | None:
    """A Stata colorstyle -> ``#rrggbb``: a name (``navy``, ``gs8``), ``"r g b"``, either with
    ``*#`` intensity, or ``*#`` alone (intensity of ``default``).  ``none`` is ``"none"``.
    Stata 15's ``color%#`` (``%#`` alone: of ``default``) is ``#rrggbbaa``, the opacity # percent.
    None for a name Stata would not know (Stata then notes it and uses the default)."""
    raw = text.strip().strip('"').strip()
    spec, percent, opacity = raw.partition("%")
    color = _opaque_color(spec, default)
    if not percent or color is None or color == "none":
        return color
    try:
        share = float(opacity)
    except ValueError:
        return None
    alpha = round(255 * min(max(share, 0.0), 100.0) / 100.0)
    return color[:7] + f"{alpha:02x}"


def _opaque_color(spec: str, default: str | None) -> str | None:
    spec, star, factor = spec.partition("*")
    spec = spec.strip().lower()
    scale = 1.0
    if star:
        try:
            scale = float(factor)
        except ValueError:
            return None
    parts = spec.split()
    if not spec:
        base = default
    elif spec in ("none", "bg", "background"):
        return "none" if spec == "none" else "#ffffff"
    elif spec in ("fg", "foreground"):
        base = "#000000"
    elif len(parts) == 3 and all(p.isdecimal() for p in parts) and all(int(p) <= 255 for p in parts):
        base = _rgb(spec)
    else:
        base = NAMED_COLORS.get(spec)
    if base is None:
        return None
    return intensity(base, scale) if star else base


# Stata's lpattern() names -> matplotlib dash styles
LINE_PATTERNS: dict[str, object] = {
    "solid": "-", "l": "-", "dash": (0, (6, 3)), "-": (0, (6, 3)), "dot": (0, (1, 2)),
    "shortdash": (0, (3, 2)), "longdash": (0, (10, 3)), "dash_dot": (0, (6, 2, 1, 2)),
    "shortdash_dot": (0, (3, 2, 1, 2)), "longdash_dot": (0, (10, 3, 1, 3)), "blank": "None",
    "vshortdash": (0, (2, 2)), "tight_dot": (0, (1, 1)), "dash_dot_dot": (0, (6, 2, 1, 2, 1, 2)),
    "longdash_shortdash": (0, (10, 2, 3, 2)), "dash_3dot": (0, (6, 2, 1, 2, 1, 2, 1, 2)),
    "longdash_dot_dot": (0, (10, 2, 1, 2, 1, 2)), "shortdash_dot_dot": (0, (3, 2, 1, 2, 1, 2)),
    "longdash_3dot": (0, (10, 2, 1, 2, 1, 2, 1, 2)), "none": "None",
}
# a "formula" pattern: l solid, _ long dash, - dash, . dot, # a space
_FORMULA = {"l": None, "_": 10.0, "-": 6.0, ".": 1.0}


def line_pattern(text: str) -> object | None:
    """A matplotlib dash style for a Stata linepatternstyle (name or formula like ``"-."``);
    None for a word Stata would not know."""
    word = text.strip().strip('"')
    if word.lower() in LINE_PATTERNS:
        return LINE_PATTERNS[word.lower()]
    if word and all(c in "l_-.# " for c in word):
        if set(word) <= {"l", " "}:
            return "-"
        seq: list[float] = []
        for c in word.replace(" ", ""):
            if c == "#":
                if seq:
                    seq[-1] += 2.0
                continue
            seq.extend([_FORMULA.get(c) or 8.0, 2.0])
        return (0, tuple(seq)) if seq else "-"
    return None


# msymbol() -> (matplotlib marker, filled, size factor)
MARKERS: dict[str, tuple[str, bool, float]] = {
    "O": ("o", True, 1.0), "D": ("D", True, 0.85), "T": ("^", True, 1.05), "S": ("s", True, 0.9),
    "+": ("+", True, 1.2), "X": ("x", True, 1.1), "A": ("^", True, 1.0), "a": ("^", True, 0.7),
    "|": ("|", True, 1.0), "V": ("v", True, 1.0), "o": ("o", True, 0.65), "d": ("D", True, 0.55),
    "t": ("^", True, 0.7), "s": ("s", True, 0.6), "x": ("x", True, 0.75), "v": ("v", True, 0.7),
    "Oh": ("o", False, 1.0), "Dh": ("D", False, 0.85), "Th": ("^", False, 1.05),
    "Sh": ("s", False, 0.9), "oh": ("o", False, 0.65), "dh": ("D", False, 0.55),
    "th": ("^", False, 0.7), "sh": ("s", False, 0.6), "p": (".", True, 0.5),
    "i": ("", True, 0.0), "none": ("", True, 0.0),
}
MARKER_WORDS = {"circle": "O", "diamond": "D", "triangle": "T", "square": "S", "plus": "+",
                "x": "X", "arrow": "A", "pipe": "|", "v": "V", "smcircle": "o", "smdiamond": "d",
                "smsquare": "s", "smtriangle": "t", "smplus": "+", "smx": "x", "smv": "v",
                "circle_hollow": "Oh", "diamond_hollow": "Dh", "triangle_hollow": "Th",
                "square_hollow": "Sh", "smcircle_hollow": "oh", "smdiamond_hollow": "dh",
                "smtriangle_hollow": "th", "smsquare_hollow": "sh", "point": "p",
                "none": "i", "i": "i"}


def marker_symbol(text: str) -> str | None:
    """The symbol code for an msymbol() word (``O``, ``Oh``, ``circle``, ``diamond_hollow``)."""
    word = text.strip()
    if word in MARKERS:
        return word
    return MARKER_WORDS.get(word.lower())


MARKER_SIZES = {"vtiny": 1.2, "tiny": 1.8, "vsmall": 2.4, "small": 3.0, "medsmall": 3.6,
                "medium": 4.2, "medlarge": 4.8, "large": 5.6, "vlarge": 6.6, "huge": 8.0,
                "vhuge": 10.0, "ehuge": 12.0}
DEFAULT_MARKER_SIZE = MARKER_SIZES["medium"]
LINE_WIDTHS = {"none": 0.0, "vvthin": 0.25, "vthin": 0.4, "thin": 0.6, "medthin": 0.9,
               "medium": 1.3, "medthick": 1.6, "thick": 2.0, "vthick": 2.6, "vvthick": 3.4,
               "vvvthick": 4.5}
DEFAULT_LINE_WIDTH = LINE_WIDTHS["medium"]
TEXT_SIZES = {"zero": 0.1, "miniscule": 3.0, "quarter_tiny": 3.5, "third_tiny": 4.0,
              "half_tiny": 4.5, "tiny": 5.5, "vsmall": 6.5, "small": 7.5, "medsmall": 8.5,
              "medium": 9.5, "medlarge": 10.5, "large": 12.0, "vlarge": 14.0, "huge": 17.0,
              "vhuge": 21.0}


# [G-4] size: a unit suffix on a size -- printer points, inches, centimetres (in points), or
# ``rs``, the relative size a bare number already is in the official schemes (Stata 16 on)
SIZE_UNITS_PT = {"pt": 1.0, "in": 72.0, "cm": 72.0 / 2.54}


def split_size_unit(text: str) -> tuple[float, str] | None:
    """``12pt`` -> (12.0, "pt"), ``2.5cm`` -> (2.5, "cm"), ``3rs`` -> (3.0, "rs"); None when the
    word is no number with one of [G-4] size's suffixes (``thin`` ends in ``in`` but is a name)."""
    word = text.strip().lower()
    unit = word[-2:]
    if unit not in SIZE_UNITS_PT and unit != "rs":
        return None
    try:
        return float(word[:-2]), unit
    except ValueError:
        return None


def _size(text: str, table: dict[str, float], per_unit: float) -> float | None:
    word = text.strip().lower()
    if word in table:
        return table[word]
    sized = split_size_unit(word)
    if sized is not None:
        value, unit = sized
        if value < 0:
            return None
        return value * SIZE_UNITS_PT.get(unit, per_unit)
    scale = 1.0
    if word.startswith("*"):  # relative to the default
        word, scale = word[1:], None  # type: ignore[assignment]
    try:
        value = float(word)
    except ValueError:
        return None
    if value < 0:
        return None
    return value * (per_unit if scale is not None else 1.0)


def marker_size(text: str) -> float | None:
    """msize(): a name, a number (Stata's relative size; 1 unit ~ 1.5 pt), or ``*#``."""
    value = _size(text, MARKER_SIZES, 1.5)
    if value is not None and text.strip().startswith("*"):
        return DEFAULT_MARKER_SIZE * value
    return value


def line_width(text: str) -> float | None:
    """lwidth(): a name, a number (1 unit ~ 1.3 pt, about Stata's), or ``*#``."""
    value = _size(text, LINE_WIDTHS, 1.3 / 0.6)
    if value is not None and text.strip().startswith("*"):
        return DEFAULT_LINE_WIDTH * value
    return value


def text_size(text: str) -> float | None:
    """size()/labsize(): a name or a number (1 unit ~ 2.6 pt), or ``*#``."""
    value = _size(text, TEXT_SIZES, 2.6)
    if value is not None and text.strip().startswith("*"):
        return TEXT_SIZES["medsmall"] * value
    return value
