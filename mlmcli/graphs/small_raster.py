"""PNG and TIFF files of a few pixels: ``graph export g.png, height(10)`` asks for a resolution
at which FreeType cannot size the text (a size under one pixel per em is an error there), so
the figure is drawn at a resolution that can and then scaled down to the pixels asked for."""
from __future__ import annotations

import io

MIN_DPI = 30.0  # the lowest resolution the figure is drawn at (text of 8 pt is then 3 pixels high)
# A marker wider than this many pixels is refused before Agg draws it: Agg rasterizes a
# huge marker (msize(1e9)) cell by cell and gave up only at its cell block limit, after taking
# ~2 GB that the C heap then kept for the rest of the process.  1e5 pixels is ~1,000 inches.
MAX_MARKER_PIXELS = 1e5


PIL_FORMATS = {"tif": "TIFF", "png": "PNG", "jpg": "JPEG", "gif": "GIF"}


def save_raster(fig, handle, fmt: str, dpi: float, facecolor, quality: int | None = None) -> None:
    """``fig.savefig`` to ``handle`` at ``dpi``; below MIN_DPI drawn at MIN_DPI and resampled to
    the size that ``dpi`` gives (matplotlib's: the inches times the resolution, truncated).
    ``quality``: a JPEG's compression quality (Pillow's scale, 0-100)."""
    refuse_oversized_markers(fig, max(dpi, MIN_DPI))
    pil_kwargs = {"quality": quality} if fmt == "jpg" and quality is not None else {}
    if dpi >= MIN_DPI:
        fig.savefig(handle, format=fmt, dpi=dpi, facecolor=facecolor, **({"pil_kwargs": pil_kwargs} if pil_kwargs else {}))
        return
    from PIL import Image

    w_in, h_in = fig.get_size_inches()
    size = (max(1, int(w_in * dpi + 1e-6)), max(1, int(h_in * dpi + 1e-6)))
    drawn = io.BytesIO()
    fig.savefig(drawn, format="png", dpi=MIN_DPI, facecolor=facecolor)
    drawn.seek(0)
    with Image.open(drawn) as image:
        small = image.resize(size, Image.LANCZOS)
        if fmt == "jpg":  # JPEG has no alpha channel
            small = small.convert("RGB")
        small.save(handle, format=PIL_FORMATS[fmt], **pil_kwargs)


def refuse_oversized_markers(fig, dpi: float) -> None:
    """ValueError (draw.py's renderer-limit refusal, r(198)) when a marker of ``fig`` is wider
    than MAX_MARKER_PIXELS at ``dpi`` (lines of any width Agg draws as they are)."""
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D

    widest = 0.0  # points
    for artist in fig.findobj(lambda a: isinstance(a, (Line2D, Collection))):
        if isinstance(artist, Line2D):
            widths = [artist.get_markersize()] if artist.get_marker() not in (None, "None", "none", "", " ") else []
        else:
            sizes = getattr(artist, "get_sizes", lambda: None)()  # a scatter's marker areas, points squared
            widths = [size ** 0.5 for size in (sizes if sizes is not None else ()) if size > 0]
        widest = max([widest] + [w for w in widths if w == w])
    pixels = widest * dpi / 72.0
    if pixels > MAX_MARKER_PIXELS:
        raise ValueError(f"a marker {pixels:.3g} pixels across")
