"""The PostScript options of ``graph export``/``graph print`` that change what is written
([G-3] ps_options, eps_options): ``cmyk(on)`` and the font of the text, ``fontface()``
(with ``fontdir()``, the folder of further fonts).

``fontface()`` names a PostScript font, as Stata's does (default Helvetica).  The 35 standard
PostScript fonts (Times-Roman, Helvetica, Courier, Palatino-Roman, Bookman-Light, ...) have
metrics in matplotlib (its AFM files): the text is laid out with them and the file selects the
font by name (``/Times-Roman 10 selectfont``), as Stata's PostScript does, for the printer to
supply; a family's name (``Times``) is its upright regular font (Times-Roman).  Every member of
the 35 is selectable: the AFM's stretch tells Helvetica-Narrow's members from Helvetica's, and
Symbol's and ZapfDingbats' missing Ascender/Descender come from their bounding boxes.  Symbol
and ZapfDingbats have their own built-in encodings: their text is written as Stata writes it,
the glyph at each character's byte code ("a" is Symbol's alpha, ZapfDingbats' a60), laid out
with the AFM's widths (``postscript_builtin_encoding``: matplotlib would set their letters as
question marks).  Another name is looked up among the TrueType/OpenType fonts matplotlib knows by family
name (and those in ``fontdir()``), and that font is embedded.  A name found nowhere is refused:
text cannot be laid out without the font's metrics.

``cmyk(on)``: matplotlib writes RGB (``r g b setrgbcolor``, ``g setgray``, ``false 3
colorimage``); the written PostScript is rewritten to the CMYK equivalents (``c m y k
setcmykcolor``, ``false 4 colorimage``) by the usual conversion k = 1 - max(r, g, b),
c = (1 - r - k) / (1 - k) ... (black when k = 1).
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
from dataclasses import dataclass

from mlmcli.errors import StataError

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True)
class PostScriptLook:
    """``cmyk(on)``; ``font``: the rcParams selecting fontface()'s font (None: mlm's own)."""

    cmyk: bool = False
    font: tuple[tuple[str, object], ...] | None = None


def _afm_fonts() -> dict[str, tuple[str, str, str, str, str]]:
    """PostScript name (upper case) -> (name, family, weight, style, stretch) of matplotlib's AFM
    fonts; the stretch as matplotlib's font manager reads it (``Helvetica-Narrow``: condensed),
    so that the selection can tell a family's narrow members from its others."""
    import matplotlib
    from matplotlib import _afm, font_manager

    found: dict[str, tuple[str, str, str, str, str]] = {}
    folder = os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts")
    for sub in ("afm", "pdfcorefonts"):  # the PostScript backend's own folder first (its family names)
        for name in sorted(os.listdir(os.path.join(folder, sub))):
            if not name.endswith(".afm"):
                continue
            path = os.path.join(folder, sub, name)
            with open(path, "rb") as handle:
                afm = _afm.AFM(handle)
            stretch = font_manager.afmFontProperty(path, afm).stretch
            found.setdefault(afm.get_fontname().upper(), (afm.get_fontname(), afm.get_familyname(),
                                                          afm.get_weight().lower(),
                                                          "italic" if afm.get_angle() else "normal", stretch))
    return found


def add_font_folder(folder: str, option: str = "fontdir") -> None:
    """``fontdir()``: the folder's TrueType/OpenType fonts become known by their family names."""
    from matplotlib import font_manager

    folder = folder.strip().strip('"')
    if not os.path.isdir(folder):
        raise StataError(f"{option}(): directory {folder} not found", 601)
    for name in sorted(os.listdir(folder)):
        if name.lower().endswith(FONT_SUFFIXES):
            with contextlib.suppress(Exception):  # an unreadable file is not a font
                font_manager.fontManager.addfont(os.path.join(folder, name))


def font_settings(name: str, option: str = "fontface") -> tuple[tuple[str, object], ...] | None:
    """The rcParams that make matplotlib write ``name``'s text in that font; None for
    ``default`` (mlm's own font); r(198) for a font it cannot find."""
    from matplotlib import font_manager

    name = name.strip().strip('"').strip()
    if not name:
        raise StataError(f"option {option}() incorrectly specified", 198)
    if name.lower() == "default":
        return None
    fonts = _afm_fonts()
    standard = fonts.get(name.upper())
    if standard is None:  # a family's name (Times, Palatino): its upright regular member
        family = [f for f in fonts.values() if f[1].upper() == name.upper() and f[3] == "normal"]
        standard = min(family, key=lambda f: (f[2] not in ("roman", "regular", "medium", "book"),
                                              f[4] != "normal", len(f[0])), default=None)
    if standard is not None:
        ps_name, family, weight, slant, stretch = standard
        # the stretch too: Helvetica-Narrow-Bold is Helvetica bold condensed (without it matplotlib
        # picks Helvetica-Bold)
        # and the axis titles' own weights (matplotlib's axes.labelweight ..., normal by default)
        settings = (("ps.useafm", True), ("font.family", [family]), ("font.weight", weight),
                    ("font.style", slant), ("font.stretch", stretch), ("axes.labelweight", weight),
                    ("axes.titleweight", weight), ("figure.titleweight", weight))
        from matplotlib.backends.backend_ps import RendererPS

        chosen = font_manager.findfont(font_manager.FontProperties(family=family, weight=weight, style=slant,
                                                                   stretch=stretch),
                                       fontext="afm", directory=RendererPS._afm_font_dir,
                                       fallback_to_default=False)
        if _afm_name(chosen).upper() == ps_name.upper():
            _complete_metrics(family, slant, stretch)
            return settings
        raise StataError(f"{option}({name}) not supported by mlmcli: matplotlib cannot select that variant "
                         f"of {family}", 198)
    try:
        font_manager.fontManager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False,
                                          rebuild_if_missing=False)
    except ValueError:
        raise StataError(f"{option}({name}): font not found (a standard PostScript font name, or the family "
                         "name of a TrueType or OpenType font installed or in fontdir()); mlm needs the "
                         "font's metrics to lay out the text", 198) from None
    return (("font.family", [name]),)


def _complete_metrics(family: str, slant: str, stretch: str) -> None:
    """The Ascender and Descender (optional in an AFM file: matplotlib's Symbol and ZapfDingbats
    have none, and its PostScript backend stops without them) from the font's bounding box, in
    the AFM objects matplotlib's PostScript backend caches for the files it finds for ``family``
    (looked up as it looks them up: its folder, any weight a text may ask for)."""
    from matplotlib import font_manager
    from matplotlib.backends._backend_pdf_ps import _cached_get_afm_from_fname
    from matplotlib.backends.backend_ps import RendererPS

    quiet = logging.getLogger("matplotlib.font_manager")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # "Failed to find font weight normal for Symbol"
    try:
        for weight in ("normal", "medium", "bold", "light"):
            path = font_manager.findfont(font_manager.FontProperties(family=family, weight=weight, style=slant,
                                                                     stretch=stretch),
                                         fontext="afm", directory=RendererPS._afm_font_dir)
            header = _cached_get_afm_from_fname(path)._header
            box = header.get("FontBBox")
            if box is not None and len(box) == 4:
                header.setdefault("Ascender", box[3])
                header.setdefault("Descender", box[1])
    finally:
        quiet.setLevel(level)


def _afm_name(path: str) -> str:
    from matplotlib import _afm

    with open(path, "rb") as handle:
        return _afm.AFM(handle).get_fontname()


@contextlib.contextmanager
def drawing_with(look: PostScriptLook | None):
    """matplotlib's settings for drawing and writing the graph in ``look``'s font (a standard
    PostScript font with a built-in encoding set by code: ``postscript_builtin_encoding``)."""
    import matplotlib

    from mlmcli.graphs.postscript_builtin_encoding import builtin_encoded_text

    if look is None or look.font is None:
        yield
        return
    quiet = logging.getLogger("matplotlib.font_manager")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # the screen's font lookup of a PostScript-only family
    try:
        settings = dict(look.font)
        with matplotlib.rc_context(settings), \
                (builtin_encoded_text() if settings.get("ps.useafm") else contextlib.nullcontext()):
            yield
    finally:
        quiet.setLevel(level)


def _cmyk(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    k = 1.0 - max(r, g, b)
    if k >= 1.0:
        return 0.0, 0.0, 0.0, 1.0
    return (1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k


def _numbers(values) -> str:
    return " ".join(f"{round(v, 4):g}" for v in values)


# possessive digit runs: the same matches, but no backtracking through a long run of digits
# (an image's hex data made `\d+\.?\d*` three times over cost minutes per EPS image)
NUMBER = r"(-?(?:\d++(?:\.\d*+)?|\.\d++))"
RGB = re.compile(rf"{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+setrgbcolor\b")
GRAY = re.compile(rf"{NUMBER}\s+setgray\b")
IMAGE = re.compile(r"/DataString (\d+) string def\n(\d+) (\d+) 8 (\[[^\]]*\])\n\{\ncurrentfile DataString "
                   r"readhexstring pop\n\} bind false 3 colorimage\n([0-9a-fA-F\n]+)\ngrestore")


def _image_cmyk(found: re.Match) -> str:
    width, height = int(found.group(2)), int(found.group(3))
    data = bytes.fromhex(found.group(5).replace("\n", ""))
    out = bytearray()
    for i in range(0, len(data) - 2, 3):
        out.extend(round(v * 255) for v in _cmyk(data[i] / 255, data[i + 1] / 255, data[i + 2] / 255))
    text = out.hex("\n", -64)
    return (f"/DataString {width * 4:d} string def\n{width:d} {height:d} 8 {found.group(4)}\n{{\ncurrentfile "
            f"DataString readhexstring pop\n}} bind false 4 colorimage\n{text}\ngrestore")


def cmyk_postscript(text: str) -> str:
    """The PostScript ``text`` with its RGB and gray colours (and images) written as CMYK."""
    text = RGB.sub(lambda m: _numbers(_cmyk(*(float(v) for v in m.groups()))) + " setcmykcolor", text)
    text = GRAY.sub(lambda m: _numbers((0.0, 0.0, 0.0, 1.0 - float(m.group(1)))) + " setcmykcolor", text)
    return IMAGE.sub(_image_cmyk, text)


NEGATIVE_ZERO = re.compile(r"(?<![^\s\[{])-0(?:\.0*)?(?![^\s\]}])")


def reproducible_postscript(text: str) -> str:
    """The same graph, the same bytes: matplotlib's ``%%CreationDate:`` comment (the clock) is left
    out unless SOURCE_DATE_EPOCH fixes it, and a coordinate written as ``-0`` (a zero through a
    mirroring transform, e.g. the (0, 0) of an outward tick marker scaled by -1, or a rounding
    residue of -1e-9 printed at 6 decimals, where +1e-9 would print ``0``) is written ``0``.  Only
    program lines: comments (``%``...) are kept as they are."""
    lines = text.split("\n")
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        lines = [line for line in lines if not line.startswith("%%CreationDate:")]
    return "\n".join(line if line.startswith("%") or "-0" not in line else NEGATIVE_ZERO.sub("0", line)
                     for line in lines)
