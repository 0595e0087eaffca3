"""An EPS file with a TIFF preview: the DOS EPS binary file of Adobe's Encapsulated PostScript
File Format Specification (Technical Note 5002, "Windows Metafile or TIFF"), which ``graph export
file.eps, preview(on)`` writes ([G-3] eps_options: "whether to include TIFF preview").

    bytes 0-3    C5 D0 D3 C6            the DOS EPS magic number
    bytes 4-7    30                     where the PostScript section starts (after the header)
    bytes 8-11   its length
    bytes 12-19  0, 0                   no Windows Metafile section
    bytes 20-23  30 + the PostScript's length: where the TIFF section starts
    bytes 24-27  its length
    bytes 28-29  FF FF                  the header checksum the note says to ignore

all little-endian, then the PostScript (the EPS mlm writes without a preview) and the TIFF.  The
preview is the graph drawn one pixel per PostScript point (72 to the inch, the EPS bounding box's
unit), uncompressed RGB: the manuals do not say at what resolution Stata draws its preview.
"""
from __future__ import annotations

import io
import struct

MAGIC = b"\xc5\xd0\xd3\xc6"
HEADER_BYTES = 30
PREVIEW_DPI = 72


def dos_eps(postscript: bytes, tiff: bytes) -> bytes:
    """The DOS EPS file of ``postscript`` with the preview ``tiff`` (module docstring)."""
    header = struct.pack("<4sIIIIIIH", MAGIC, HEADER_BYTES, len(postscript), 0, 0,
                         HEADER_BYTES + len(postscript), len(tiff), 0xFFFF)
    return header + postscript + tiff


def rgb_tiff(image_bytes: bytes, landscape: bool = False) -> bytes:
    """A picture (PNG or TIFF bytes) as an uncompressed RGB TIFF: previews with an alpha
    channel are not read by every program that shows EPS previews; ``landscape``: turned 90
    degrees counterclockwise, as the EPS's drawing (``eps_placement``)."""
    from PIL import Image

    with Image.open(io.BytesIO(image_bytes)) as picture:
        out = io.BytesIO()
        rgb = picture.convert("RGB")
        if landscape:
            rgb = rgb.transpose(Image.Transpose.ROTATE_90)
        rgb.save(out, format="TIFF", dpi=(PREVIEW_DPI, PREVIEW_DPI))
    return out.getvalue()


def sections(data: bytes) -> tuple[bytes, bytes]:
    """(PostScript, TIFF) of a DOS EPS file (what ``dos_eps`` wrote); ValueError otherwise."""
    if len(data) < HEADER_BYTES or data[:4] != MAGIC:
        raise ValueError("not a DOS EPS file")
    _, ps_at, ps_len, _, _, tif_at, tif_len, _ = struct.unpack("<4sIIIIIIH", data[:HEADER_BYTES])
    return data[ps_at:ps_at + ps_len], data[tif_at:tif_at + tif_len]


def export_with_preview(graph, filename: str, look=None, mag: float = 100.0, landscape: bool = False) -> str:
    """``graph`` as an EPS file with its TIFF preview at ``filename`` (written atomically);
    ``look``: the PostScript's fonts and colours (``postscript_look``); ``mag`` percent and
    ``landscape``: the EPS scaled and turned (``eps_placement``), its preview with it."""
    import os
    import tempfile

    from mlmcli.fileformats.safe_write import write_bytes_atomic
    from mlmcli.graphs.export import export
    from mlmcli.graphs.eps_placement import placed_eps
    from mlmcli.graphs.print_page import bounding_box

    with tempfile.TemporaryDirectory(prefix="mlm-export-") as folder:
        eps_path, png_path = os.path.join(folder, "graph.eps"), os.path.join(folder, "preview.png")
        export(graph, eps_path, "eps", postscript=look)
        with open(eps_path, encoding="latin-1") as handle:
            eps = placed_eps(handle.read(), mag, landscape)
        llx, lly, urx, ury = bounding_box(eps)  # one pixel per point of the (scaled, turned) box
        width, height = max(1, round(urx - llx)), max(1, round(ury - lly))
        export(graph, png_path, "png", *((height, width) if landscape else (width, height)))
        with open(png_path, "rb") as handle:
            preview = rgb_tiff(handle.read(), landscape)
    postscript = eps.encode("latin-1")
    write_bytes_atomic(filename, dos_eps(postscript, preview), replace=True)
    return "EPS"
