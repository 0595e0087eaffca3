"""An EPS file's ``mag()`` and ``orientation()`` ([G-3] eps_options: "mag(#) specifies that the
graph be drawn smaller or larger than the default"; "orientation(portrait|landscape) specifies
whether the graph is to be presented upright or rotated").

Pure text work on the EPS matplotlib writes: the bounding box becomes the graph's box scaled by
``mag`` percent (100: as is) and, with ``landscape``, turned (width and height swapped), and the
drawing is mapped into it by a transform written right after ``%%EndProlog``.  Landscape turns
the graph 90 degrees counterclockwise (``90 rotate``: its top towards the left edge), the
PostScript convention mlm's own PostScript page (``print_page``), matplotlib's ``.ps`` backend
and dvips use for landscape; the manuals do not say which way Stata turns it.
"""
from __future__ import annotations

import math
import re

from mlmcli.graphs.print_page import bounding_box

END_PROLOG = "%%EndProlog\n"


def _up(points: float) -> int:
    """Whole points enclosing the drawing (the DSC bounding box is integers)."""
    return math.ceil(points - 1e-9)


def placement_transform(box: tuple[float, float, float, float], mag: float, landscape: bool
                        ) -> tuple[tuple[float, float], str]:
    """((width, height) of the new box in points, the PostScript that maps the drawing into it)."""
    llx, lly, urx, ury = box
    scale = mag / 100.0
    width, height = (urx - llx) * scale, (ury - lly) * scale
    # read bottom-up: move the box to the origin, scale it, then (landscape) turn it into [0, height]
    turn = f"{height:g} 0 translate 90 rotate\n" if landscape else ""
    transform = f"{turn}{scale:g} {scale:g} scale\n{-llx or 0.0:g} {-lly or 0.0:g} translate\n"
    return ((height, width) if landscape else (width, height)), transform


def placed_eps(eps: str, mag: float = 100.0, landscape: bool = False) -> str:
    """``eps`` scaled by ``mag`` percent and turned when ``landscape`` (module docstring)."""
    if mag == 100.0 and not landscape:
        return eps
    (width, height), transform = placement_transform(bounding_box(eps), mag, landscape)
    eps = re.sub(r"^%%BoundingBox:.*$", f"%%BoundingBox: 0 0 {_up(width)} {_up(height)}", eps,
                 count=1, flags=re.M)
    eps = re.sub(r"^%%HiResBoundingBox:.*$", f"%%HiResBoundingBox: 0 0 {width:.6f} {height:.6f}", eps,
                 count=1, flags=re.M)
    eps = re.sub(r"^%%Orientation:.*$", f"%%Orientation: {'Landscape' if landscape else 'Portrait'}", eps,
                 count=1, flags=re.M)
    at = eps.index(END_PROLOG) + len(END_PROLOG)
    return eps[:at] + "%mlm: mag() and orientation()\n" + transform + eps[at:]
