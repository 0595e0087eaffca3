"""Text in a PostScript font with its own built-in encoding (AFM ``EncodingScheme FontSpecific``:
Symbol and ZapfDingbats among the 35 standard fonts), set as Stata sets it: Stata writes the
text's bytes in the font, so a character is the glyph at its code in the font's built-in
encoding -- "a" (byte 97) is Symbol's ``alpha`` and ZapfDingbats' ``a60`` (matplotlib's
pzdr.afm: ``C 97 ; WX 789 ; N a60``).

matplotlib's PostScript backend (``ps.useafm``) names a character's glyph by its Unicode
meaning (``uni2type1``: "a" is the glyph ``a``) and sets a name the font lacks as its
``question``: in Symbol every letter became a question mark, and ZapfDingbats has neither
letters nor a question mark (a KeyError).  While ``builtin_encoded_text()`` is active,
RendererPS's drawing and measuring of text in such a font go by code instead: ``x 0 m /alpha
glyphshow`` at the advances of the AFM's widths (and kerning pairs: these two fonts have none),
the extent from the AFM's character boxes computed as matplotlib computes any AFM font's
(``AFM.get_str_bbox_and_descent``), so that centring and alignment are the glyphs'.  Text in
any other font is left to matplotlib's own methods, which are called unchanged (its files are
byte for byte what they were).

A character with no glyph at its code -- a code the built-in encoding leaves empty (control
codes 0-31, and 127-160, 240 and 255 in both fonts' AFMs) or a character beyond
Latin-1, which has no byte in Stata 13's 8-bit text -- is written as the font's ``.notdef``:
what a PostScript interpreter shows for a code whose encoding entry is ``/.notdef`` (the
unused entries of an encoding vector, PostScript Language Reference 5.3), a blank.  The AFM has
no metrics for ``.notdef``; it is laid out as wide as the font's space, which is the width of
``.notdef`` in Ghostscript's Symbol and ZapfDingbats (StandardSymbolsPS 250, D050000L 278).
"""
from __future__ import annotations

import contextlib
import functools
from typing import NamedTuple

NOTDEF = ".notdef"


class Glyph(NamedTuple):
    name: str
    width: float  # the advance, in 1/1000 of the font size
    box: tuple  # the AFM's B field as matplotlib holds it


@functools.lru_cache(maxsize=None)
def builtin_encoding(path: str) -> dict[int, str] | None:
    """code -> glyph name of the AFM file's built-in encoding (its ``C code ; ... N name``
    lines) when its EncodingScheme is FontSpecific; None for a font with a standard encoding
    (text set by character: matplotlib's way).  Read from the file: matplotlib's parsed AFM
    files ``minus`` under U+2212 and ``Euro`` under 128, not under their codes."""
    scheme = None
    codes: dict[int, str] = {}
    with open(path, "rb") as handle:
        for raw in handle:
            line = raw.decode("latin-1").strip()
            if line.startswith("EncodingScheme"):
                scheme = line[len("EncodingScheme"):].strip()
            elif line.startswith("C "):
                fields = dict(part.strip().split(None, 1) for part in line.split(";") if len(part.split()) > 1)
                code = int(fields["C"])
                if 0 <= code <= 255:
                    codes[code] = fields["N"].strip()
            elif line.startswith("EndCharMetrics"):
                break
    return codes if scheme == "FontSpecific" else None


def glyphs(afm, encoding: dict[int, str], text: str) -> list[Glyph]:
    """The glyphs that show ``text``'s characters at their codes (``.notdef`` where there is
    none: see the module's docstring)."""
    metrics = afm._metrics_by_name
    space = metrics["space"]
    shown = []
    for char in text:
        name = encoding.get(ord(char), NOTDEF) if ord(char) <= 255 else NOTDEF
        found = metrics.get(name)
        shown.append(Glyph(name, found.width, found.bbox) if found is not None
                     else Glyph(NOTDEF, space.width, (0, 0, 0, 0)))
    return shown


def text_extent(afm, encoding: dict[int, str], text: str) -> tuple[float, float, float, float, float]:
    """``AFM.get_str_bbox_and_descent`` (left, bottom, width, height, descent) of the glyphs at
    the characters' codes: the same sums over the same boxes."""
    if not len(text):
        return 0, 0, 0, 0, 0
    total_width = 0.0
    last = ""
    miny = 1_000_000_000
    maxy = 0
    left = 0
    for glyph in glyphs(afm, encoding, text.replace("\n", "")):
        total_width += glyph.width + afm.get_kern_dist_from_name(last, glyph.name)
        l, b, w, h = glyph.box
        left = min(left, l)
        miny = min(miny, b)
        maxy = max(maxy, b + h)
        last = glyph.name
    return left, miny, total_width, maxy - miny, -miny


def _encoding_of(renderer, prop, ismath) -> dict[int, str] | None:
    """The built-in encoding of the AFM font the PostScript renderer sets ``prop``'s plain text
    in (found as ``RendererPS._get_font_afm`` finds it); None when matplotlib's own way applies."""
    import matplotlib
    from matplotlib import font_manager

    if ismath or not matplotlib.rcParams["ps.useafm"]:
        return None
    return builtin_encoding(font_manager.findfont(prop, fontext="afm", directory=renderer._afm_font_dir))


def _measuring(original):
    def get_text_width_height_descent(self, s, prop, ismath):
        encoding = _encoding_of(self, prop, ismath)
        if encoding is None:
            return original(self, s, prop, ismath)
        _, _, width, height, descent = text_extent(self._get_font_afm(prop), encoding, s)
        scale = prop.get_size_in_points() / 1000
        return width * scale, height * scale, descent * scale
    return get_text_width_height_descent


def _drawing(original):
    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        encoding = _encoding_of(self, prop, ismath)
        if encoding is None:
            return original(self, gc, x, y, s, prop, angle, ismath, mtext)
        if self._is_transparent(gc.get_rgb()):
            return None
        # as matplotlib's AFM branch writes it: one glyphshow per character at its advance
        afm = self._get_font_afm(prop)
        ps_name = afm.postscript_name.encode("ascii", "replace").decode("ascii")
        scale = 0.001 * prop.get_size_in_points()
        thisx = 0
        last = ""
        shows = []
        for glyph in glyphs(afm, encoding, s):
            thisx += afm.get_kern_dist_from_name(last, glyph.name) * scale
            last = glyph.name
            shows.append(f"{thisx:g} 0 m /{glyph.name} glyphshow")
            thisx += glyph.width * scale
        self.set_color(*gc.get_rgb())
        if shows:
            self.set_font(ps_name, prop.get_size_in_points(), False)
            lines = "\n".join(shows)
            self._pswriter.write(f"gsave\n{self._get_clip_cmd(gc)}\n{x:g} {y:g} translate\n{angle:g} rotate\n"
                                 f"{lines}\ngrestore\n")
        return None
    return draw_text


@contextlib.contextmanager
def builtin_encoded_text():
    """matplotlib's PostScript renderer setting text in Symbol, ZapfDingbats (any AFM font
    with a built-in encoding) by code while active; its own methods restored after."""
    from matplotlib.backends.backend_ps import RendererPS

    saved = {name: RendererPS.__dict__.get(name) for name in ("draw_text", "get_text_width_height_descent")}
    RendererPS.draw_text = _drawing(RendererPS.draw_text)
    RendererPS.get_text_width_height_descent = _measuring(RendererPS.get_text_width_height_descent)
    try:
        yield
    finally:
        for name, method in saved.items():
            if method is None:  # inherited (RendererPDFPSBase's): the class's own attribute goes
                delattr(RendererPS, name)
            else:
                setattr(RendererPS, name, method)
