"""A title's box as matplotlib draws it: ``text_kwargs`` (the Text keywords of a TitleLook's box,
line gap and alignment) and ``SizedBox`` (a box of a typed size).  Used by the frame, the axis
titles and the contour legend's z title."""
from __future__ import annotations

from mlmcli.graphs import style
from mlmcli.graphs.spec import TitleLook


class SizedBox:
    """A matplotlib boxstyle (a callable) drawing a title's box ``width`` x ``height`` points
    (None: the text's own plus the pad) around its text, the text placed in it by ``just``;
    ``expand``: a transform whose unit interval along x the box spans (``bexpand``)."""

    def __init__(self, width, height, just: str, size: float, expand=None, pad: float = 0.3):
        self.width, self.height, self.just, self.size, self.expand, self.pad = width, height, just, size, expand, pad
        self.text = None  # the Text artist, set once drawn (bexpand measures from it)

    def __call__(self, x0, y0, width, height, mutation_size):
        from matplotlib.path import Path
        from matplotlib.transforms import Affine2D

        px = mutation_size / max(self.size, 1e-9)  # pixels per point
        pad = self.pad * mutation_size
        w = self.width * px if self.width is not None else width + 2 * pad
        h = self.height * px if self.height is not None else height + 2 * pad
        left = {"left": x0 - pad, "right": x0 + width + pad - w}.get(self.just, x0 + (width - w) / 2)
        if self.expand is not None and self.text is not None:  # from the band's start to its end
            ext = self.text.get_window_extent()  # along the text's direction (vertical text: up)
            (sx, sy), (ex, ey) = self.expand.transform([(0, 0), (1, 1)])
            angle = round((self.text.get_rotation() % 360) / 90.0) % 4
            start, end = {0: (sx - ext.x0, ex - ext.x0), 1: (sy - ext.y0, ey - ext.y0),
                          2: (ext.x1 - ex, ext.x1 - sx), 3: (ext.y1 - ey, ext.y1 - sy)}[angle]
            w = end - start
            left = x0 + start
        bottom = y0 + (height - h) / 2
        return Path.unit_rectangle().transformed(Affine2D().scale(w, h).translate(left, bottom))


def text_kwargs(look: TitleLook | None, size: float, k: float = 1.0, expand=None) -> dict:
    """matplotlib Text keywords of a TitleLook's box, line gap and alignment; ``k`` the graph's
    scale, ``expand`` the transform a ``bexpand`` box spans."""
    out: dict = {}
    if look is None:
        return out
    sized = look.width is not None or look.height is not None or look.bexpand
    if look.box or look.fill or look.line or sized:
        boxstyle = f"square,pad={0.3}"
        if sized:
            boxstyle = SizedBox(look.width * k if look.width is not None else None,
                                look.height * k if look.height is not None else None,
                                look.justification or "center", size, expand if look.bexpand else None)
        out["bbox"] = dict(boxstyle=boxstyle, facecolor=look.fill or "none",
                           edgecolor=look.line or ("black" if look.box else "none"),
                           linewidth=look.line_width if look.line_width is not None else 0.8,
                           linestyle=style.line_pattern(look.line_pattern or "solid") or "-")
    if look.linegap is not None:
        out["linespacing"] = 1.0 + look.linegap / max(size, 1.0)
    if look.justification:
        out["multialignment"] = look.justification
    return out
