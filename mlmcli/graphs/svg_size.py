"""The size of an exported SVG ([G-3] svg_options: ``width(#px|#in)``, ``height(#px|#in)``,
pixels when no unit is typed; the other dimension from the graph's aspect ratio when one is
given).  The drawing is unchanged: the root element's ``width``/``height`` attributes carry the
size and its ``viewBox`` scales the graph into it, as an SVG renderer reads them."""
from __future__ import annotations

import re

from mlmcli.errors import StataError

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(px|in)?\s*$", re.IGNORECASE)
_ROOT = re.compile(r"<svg\b[^>]*>")


def svg_length(typed, what: str) -> tuple[float, str] | None:
    """``#``, ``#px`` or ``#in`` -> (number, unit); None when not typed."""
    if typed is None:
        return None
    m = _LENGTH.match(str(typed))
    if m is None or float(m.group(1)) <= 0:
        raise StataError(f"option {what}() incorrectly specified", 198)
    return float(m.group(1)), (m.group(2) or "px").lower()


def svg_size(width, height, aspect: float) -> tuple[str, str] | None:
    """The (width, height) attribute texts, ``aspect`` = height / width of the graph."""
    if width is None and height is None:
        return None
    if width is None:
        width = (height[0] / aspect, height[1])
    elif height is None:
        height = (width[0] * aspect, width[1])
    return tuple(f"{value:.6g}{unit}" for value, unit in (width, height))


def resized_svg(text: str, size: tuple[str, str]) -> str:
    """``text`` with its root element's width and height replaced by ``size``."""
    m = _ROOT.search(text)
    if m is None:
        return text
    tag = m.group(0)
    for name, value in zip(("width", "height"), size):
        tag, count = re.subn(rf'\b{name}="[^"]*"', f'{name}="{value}"', tag, count=1)
        if not count:
            tag = tag[:-1] + f' {name}="{value}">'
    return text[:m.start()] + tag + text[m.end():]
