"""PNG and TIFF files of a few pixels: ``graph export g.png, height(10)`` asks for a resolution
at which FreeType cannot size the text (a size under one pixel per em is an error there), so
the figure is drawn at a resolution that can and then scaled down to the pixels asked for."""
from __future__ import annotations

import io

MIN_DPI = 30.0  # the lowest resolution the figure is drawn at (text of 8 pt is then 3 pixels high)


PIL_FORMATS = {"tif": "TIFF", "png": "PNG", "jpg": "JPEG", "gif": "GIF"}


def save_raster(fig, handle, fmt: str, dpi: float, facecolor, quality: int | None = None) -> None:
    """``fig.savefig`` to ``handle`` at ``dpi``; below MIN_DPI drawn at MIN_DPI and resampled to
    the size that ``dpi`` gives (matplotlib's: the inches times the resolution, truncated).
    ``quality``: a JPEG's compression quality (Pillow's scale, 0-100)."""
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
