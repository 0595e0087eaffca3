"""Windows metafiles of a drawn graph: ``graph export g.emf`` / ``g.wmf`` ([G-2] graph export:
"wmf and emf are available only for Stata for Windows"; mlm writes them everywhere, as it
writes PDF).  matplotlib has no metafile backend, so the graph is the figure's pixels (the PNG
export's, at its resolution) in one stretched device-independent bitmap record, the picture
sized in the file's frame as the graph is in inches:

- EMF ([MS-EMF]): EMR_HEADER (88 bytes, the base header), EMR_STRETCHDIBITS (a 24-bit bottom-up
  BITMAPINFOHEADER bitmap, SRCCOPY), EMR_EOF;
- WMF ([MS-WMF]): the Aldus placeable header (its checksum the XOR of its first ten words), the
  META_HEADER, META_SETWINDOWORG/EXT, META_STRETCHDIB, META_EOF.

Not vector drawings: a program that scales the file scales pixels.  Bytes only; the caller
writes them (atomically)."""
from __future__ import annotations

import struct

import numpy as np

SRCCOPY = 0x00CC0020
EMF_SIGNATURE = 0x464D4520  # " EMF"
PLACEABLE_KEY = 0x9AC6CDD7


def _dib(rgb: np.ndarray, dpi: float) -> bytes:
    """BITMAPINFOHEADER and 24-bit pixels, bottom-up rows of BGR padded to 4 bytes."""
    height, width, _ = rgb.shape
    stride = (3 * width + 3) // 4 * 4
    rows = np.zeros((height, stride), dtype=np.uint8)
    rows[:, :3 * width] = rgb[::-1, :, ::-1].reshape(height, 3 * width)
    per_metre = int(round(dpi / 0.0254))
    header = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, rows.size, per_metre, per_metre, 0, 0)
    return header + rows.tobytes()


def emf_bytes(rgb: np.ndarray, dpi: float) -> bytes:
    """An EMF of the picture ``rgb`` (rows x columns x 3, uint8) shown at ``dpi``."""
    height, width, _ = rgb.shape
    dib = _dib(rgb, dpi)
    fixed = 80  # EMR_STRETCHDIBITS before its bitmap
    stretch = struct.pack("<II4iii4iIIIIIIii", 81, fixed + len(dib), 0, 0, width - 1, height - 1,
                          0, 0, 0, 0, width, height, fixed, 40, fixed + 40, len(dib) - 40, 0, SRCCOPY,
                          width, height) + dib
    eof = struct.pack("<IIIII", 14, 20, 0, 16, 20)
    mm_w, mm_h = width / dpi * 25.4, height / dpi * 25.4
    total = 88 + len(stretch) + len(eof)
    header = struct.pack("<II4i4iIIIIHHIIIiiii", 1, 88, 0, 0, width - 1, height - 1,
                         0, 0, int(round(mm_w * 100)) - 1, int(round(mm_h * 100)) - 1,
                         EMF_SIGNATURE, 0x00010000, total, 3, 1, 0, 0, 0, 0,
                         width, height, int(round(mm_w)), int(round(mm_h)))
    return header + stretch + eof


def wmf_bytes(rgb: np.ndarray, dpi: float) -> bytes:
    """A placeable WMF of the picture ``rgb`` at ``dpi`` units per inch (one unit a pixel)."""
    height, width, _ = rgb.shape
    if max(width, height) > 32767:  # the format's 16-bit coordinates
        raise ValueError("picture too large for a WMF")
    dib = _dib(rgb, dpi)

    def record(function: int, params: bytes) -> bytes:
        return struct.pack("<IH", (6 + len(params)) // 2, function) + params

    records = [record(0x020B, struct.pack("<hh", 0, 0)),  # META_SETWINDOWORG: y, x
               record(0x020C, struct.pack("<hh", height, width)),  # META_SETWINDOWEXT: y, x
               record(0x0F43, struct.pack("<IH8h", SRCCOPY, 0, height, width, 0, 0, height, width, 0, 0) + dib),
               record(0x0000, b"")]  # META_EOF
    body = b"".join(records)
    largest = max(len(r) for r in records) // 2
    meta = struct.pack("<HHHIHIH", 1, 9, 0x0300, (18 + len(body)) // 2, 0, largest, 0)
    first = struct.pack("<IH4hHI", PLACEABLE_KEY, 0, 0, 0, width, height, int(round(dpi)), 0)
    checksum = 0
    for (word,) in struct.iter_unpack("<H", first):
        checksum ^= word
    return first + struct.pack("<H", checksum) + meta + body


def save_metafile(fig, handle, fmt: str, dpi: float, facecolor) -> None:
    """The figure drawn as the PNG export draws it, written to ``handle`` as an EMF or WMF."""
    import io

    from PIL import Image

    from mlmcli.graphs.small_raster import save_raster

    drawn = io.BytesIO()
    save_raster(fig, drawn, "png", dpi, facecolor)
    drawn.seek(0)
    with Image.open(drawn) as image:
        rgb = np.asarray(image.convert("RGB"))
    handle.write((emf_bytes if fmt == "emf" else wmf_bytes)(rgb, dpi))
