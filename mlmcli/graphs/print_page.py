"""The PostScript page ``graph print`` sends to the printer ([G-2] graph print, [G-3] pr_options
and, as Stata for Unix prints through PostScript, [G-3] ps_options): the graph as Encapsulated
PostScript placed on a page ``lmargin()`` inches from the left edge and ``tmargin()`` inches from
the top, ``mag()`` percent of its size (shrunk to fit inside the margins when larger than the
page), on a ``pagesize()`` page (letter, legal, executive, A4, or ``custom`` with
``pagewidth()``/``pageheight()``), turned with ``orientation(landscape)``.

Pure text work: EPS text in, PostScript text out (the EPS is embedded between ``%%BeginDocument``
and ``%%EndDocument`` with ``showpage`` disabled, the usual way to place an EPS on a page).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mlmcli.errors import StataError

POINTS = 72.0
PAGE_SIZES = {"letter": (8.5, 11.0), "legal": (8.5, 14.0), "executive": (7.25, 10.5),
              "a4": (595 / POINTS, 842 / POINTS)}


@dataclass(frozen=True)
class PageLayout:
    """Where the graph goes: margins in inches, magnification in percent, the page in inches."""

    tmargin: float = 0.0
    lmargin: float = 0.0
    mag: float = 100.0
    page: tuple[float, float] = PAGE_SIZES["letter"]
    landscape: bool = False


def bounding_box(eps: str) -> tuple[float, float, float, float]:
    """The EPS's ``%%BoundingBox: llx lly urx ury`` (points)."""
    found = re.search(r"^%%BoundingBox:\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)", eps, re.M)
    if not found:
        raise StataError("graph print: the graph's PostScript has no bounding box", 691)
    llx, lly, urx, ury = (float(v) for v in found.groups())
    return llx, lly, urx, ury


def placement(box: tuple[float, float, float, float], layout: PageLayout) -> tuple[float, float, float]:
    """(x, y, scale): the graph's lower-left corner on the (turned) page in points and its scale."""
    llx, lly, urx, ury = box
    page_w, page_h = layout.page
    if layout.landscape:
        page_w, page_h = page_h, page_w
    room_w = (page_w - layout.lmargin) * POINTS
    room_h = (page_h - layout.tmargin) * POINTS
    scale = layout.mag / 100.0
    width, height = (urx - llx) * scale, (ury - lly) * scale
    if width > room_w or height > room_h:  # larger than the page: shrunk to fit
        scale *= min(room_w / width, room_h / height)
        height = (ury - lly) * scale
    return layout.lmargin * POINTS, page_h * POINTS - layout.tmargin * POINTS - height, scale


def page_postscript(eps: str, layout: PageLayout) -> str:
    """A one-page PostScript document with the EPS placed by ``layout``."""
    box = bounding_box(eps)
    x, y, scale = placement(box, layout)
    page_w, page_h = (v * POINTS for v in layout.page)
    turn = f"{page_w:g} 0 translate 90 rotate\n" if layout.landscape else ""
    return (
        "%!PS-Adobe-3.0\n%%Creator: mlmcli\n%%Pages: 1\n"
        f"%%DocumentMedia: page {page_w:g} {page_h:g} 0 () ()\n"
        f"%%Orientation: {'Landscape' if layout.landscape else 'Portrait'}\n%%EndComments\n"
        f"%%Page: 1 1\n<< /PageSize [{page_w:g} {page_h:g}] >> setpagedevice\n"
        "save\n/showpage {} def\n"
        f"{turn}{x:g} {y:g} translate\n{scale:g} {scale:g} scale\n{-box[0] or 0.0:g} {-box[1] or 0.0:g} translate\n"
        "%%BeginDocument: graph.eps\n" + eps.rstrip("\n") + "\n%%EndDocument\n"
        "restore\nshowpage\n%%EOF\n")
