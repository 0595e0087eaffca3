"""Writing a drawn ``Graph`` to a file: Stata's formats (PNG, SVG, PDF, EPS/PS, TIFF, JPEG, GIF,
EMF/WMF) by the file's suffix or ``fmt``, written atomically; a read-only or unopenable file is
refused as Stata refuses it (r(608), r(603)), and a size past the renderer's range as r(198)
rather than a traceback.  The drawing itself is ``draw.make_figure``'s.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile

from mlmcli.errors import StataError
from mlmcli.graphs import style
from mlmcli.graphs.draw import figure_size, make_figure
from mlmcli.graphs.spec import Graph

FORMATS = {"png": "PNG", "svg": "SVG", "pdf": "PDF", "eps": "EPS", "ps": "PS", "tif": "TIFF", "jpg": "JPEG",
           "gif": "GIF", "emf": "EMF", "wmf": "WMF"}


def export(graph: Graph, path: str, fmt: str | None = None, width: int | None = None,
           height: int | None = None, postscript=None, svg_size: tuple[str, str] | None = None,
           quality: int | None = None) -> str:
    """Write the graph to ``path`` atomically (temporary file, then ``os.replace``).

    ``fmt`` defaults to the file's suffix; ``width``/``height`` are pixels (PNG)
    keeping the graph's aspect ratio when only one is given; ``postscript`` (a
    ``postscript_look.PostScriptLook``) the font and CMYK colours of an EPS/PS file; ``svg_size``
    the width and height attributes of an SVG (``graphs.svg_size``); ``quality`` a JPEG's (0-100).  Returns
    Stata's format name (``PNG``).
    """
    from mlmcli.fileformats.safe_write import check_writable
    from mlmcli.graphs.postscript_look import cmyk_postscript, drawing_with, reproducible_postscript
    from mlmcli.graphs.small_raster import save_raster

    fmt = (fmt or os.path.splitext(path)[1].lstrip(".")).lower()
    if fmt not in FORMATS:
        raise StataError(f"translator Graph2{fmt} not found", 111)  # a format Stata has no translator for
    w_in, h_in = figure_size(graph)
    dpi = style.DPI
    if width and height:
        w_in, h_in = width / dpi, height / dpi
    elif width:
        dpi = width / w_in
    elif height:
        dpi = height / h_in
    check_writable(path, True)  # the caller refused an existing file without replace; read-only: r(608)
    with drawing_with(postscript):
        fig = make_figure(graph, (w_in, h_in))
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".mlm-graph-", suffix="." + fmt, dir=folder)
    except OSError:
        raise StataError(f"file {path} could not be opened", 603) from None
    try:
        with os.fdopen(fd, "wb") as handle, drawing_with(postscript):
            if fmt in ("eps", "ps"):  # the same graph gives the same bytes (no clock, no -0)
                written = io.BytesIO()
                with _quiet_postscript_log():  # Stata exports it without a word
                    fig.savefig(written, format=fmt, dpi=dpi, facecolor=fig.get_facecolor())
                text = reproducible_postscript(written.getvalue().decode("latin-1"))
                if postscript is not None and postscript.cmyk:
                    text = cmyk_postscript(text)
                handle.write(text.encode("latin-1"))
            elif fmt == "svg" and svg_size is not None:
                from mlmcli.graphs.svg_size import resized_svg

                written = io.BytesIO()
                fig.savefig(written, format="svg", dpi=dpi, facecolor=fig.get_facecolor())
                handle.write(resized_svg(written.getvalue().decode("utf-8"), svg_size).encode("utf-8"))
            elif fmt in ("emf", "wmf"):  # the PNG's pixels in a metafile (no metafile backend)
                from mlmcli.graphs.metafile import save_metafile

                save_metafile(fig, handle, fmt, dpi, fig.get_facecolor())
            else:
                save_raster(fig, handle, fmt, dpi, fig.get_facecolor(), quality)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a graph is an ordinary file
        os.replace(tmp, path)
    except BaseException as err:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(err, OSError):  # e.g. the name is a folder, the disk is full
            raise StataError(f"file {path} could not be opened", 603) from None
        if isinstance(err, (OverflowError, RuntimeError, ValueError)) and \
                any(limit in str(err) for limit in _RENDERER_LIMITS):
            raise StataError(f"graph could not be drawn as {FORMATS[fmt]}: a marker, line or text size, or the "
                             f"graph's own size, is past what mlm's renderer draws ({err})", 198) from None
        raise
    return FORMATS[fmt]


# what matplotlib/Agg/FreeType raise for sizes past their range (mlabsize(1e9), scale(1e9):
# FreeType's pixel size; xsize(1e-9): an image under a pixel), and small_raster's own refusal of
# a marker too wide to draw (msize(1e9): Agg took ~2 GB before its cell block limit)
_RENDERER_LIMITS = ("Exceeded cell block limit", "FT_Set_Char_Size", "cannot write empty image",
                    "pixels is too large", "pixels across")


@contextlib.contextmanager
def _quiet_postscript_log():
    """matplotlib's PostScript backend logs that it draws translucent colours opaque (EPS has no
    transparency); that notice is not Stata output."""
    logger = logging.getLogger("matplotlib.backends.backend_ps")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
