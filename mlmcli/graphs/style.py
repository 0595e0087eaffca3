"""Look of the graphs, after Stata's s2color scheme: plot styles p1..p15, regions, named colours."""
from __future__ import annotations


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
    "ltkhaki": "240 230 150", "magenta": "255 0 255", "pink": "255 170 200",
    "purple": "128 0 128", "edkblue": "62 97 132", "mint": "170 230 185",
    "eggshell": "253 253 230", "sand": "240 220 180", "sandb": "255 230 170",
    "dknavy": "0 37 74", "midblue": "0 90 190", "dimgray": "105 105 105",
}.items()}
for _level in range(17):  # gs0 (black) .. gs16 (white)
    NAMED_COLORS[f"gs{_level}"] = _rgb(" ".join([str(round(_level * 255 / 16))] * 3))

# p1, p2, ... : navy, maroon, forest green, dark orange, ...
SERIES_COLORS: tuple[str, ...] = tuple(NAMED_COLORS[c] for c in (
    "navy", "maroon", "forest_green", "dkorange", "teal", "cranberry", "lavender",
    "khaki", "sienna", "emidblue", "emerald", "brown", "erose", "gold", "bluishgray"))

GRAPH_REGION = NAMED_COLORS["ltbluishgray"]   # outer region: light blue-grey
PLOT_REGION = "#ffffff"
GRID = "#e8eef5"
CI_AREA = NAMED_COLORS["gs13"]                 # lfitci band
PANEL_TITLE_BG = NAMED_COLORS["ltbluishgray"]
TEXT = "#000000"

WIDTH_IN, HEIGHT_IN = 5.5, 4.0                 # Stata's default graph size
DPI = 150


def series_color(style: int) -> str:
    """Colour of plot style ``p<style>``; style 0 is the grey confidence band."""
    if style <= 0:
        return CI_AREA
    return SERIES_COLORS[(style - 1) % len(SERIES_COLORS)]


def parse_color(text: str) -> str | None:
    """A Stata colorstyle: a name (``navy``, ``gs8``), ``"r g b"``, or a name with
    ``*#`` intensity (taken as the name).  None for a name Stata would not know
    (Stata then notes it and uses the default)."""
    raw = text.strip().strip('"').strip()
    spec = raw.split("*")[0].split("%")[0].strip().lower()
    parts = spec.split()
    if len(parts) == 3 and all(p.isdigit() for p in parts) and all(int(p) <= 255 for p in parts):
        return _rgb(spec)
    if spec in NAMED_COLORS:
        return NAMED_COLORS[spec]
    return None


# Stata's lpattern() names -> matplotlib dash styles
LINE_PATTERNS: dict[str, object] = {
    "solid": "-", "l": "-", "dash": (0, (6, 3)), "-": (0, (6, 3)), "dot": (0, (1, 2)),
    "shortdash": (0, (3, 2)), "longdash": (0, (10, 3)), "dash_dot": (0, (6, 2, 1, 2)),
    "shortdash_dot": (0, (3, 2, 1, 2)), "longdash_dot": (0, (10, 3, 1, 3)), "blank": "None",
}
