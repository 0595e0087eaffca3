"""``graph export g.emf`` / ``g.wmf`` (Stata for Windows' metafiles): the PNG export's pixels in
one stretched-bitmap record.  The files are read back here record by record ([MS-EMF], [MS-WMF]
layouts typed in this test) and by Pillow's metafile header reader; the bitmap must be the PNG."""
from __future__ import annotations

import struct

import numpy as np
import pytest

from graphs_helpers import make_session, run


@pytest.fixture()
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = make_session()
    run(session, "scatter y x, title(Metafile)")
    return session


def _png_pixels(path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def _dib_pixels(dib: bytes) -> np.ndarray:
    size, width, height, planes, bits, compression = struct.unpack_from("<IiiHHI", dib)
    assert (size, planes, bits, compression) == (40, 1, 24, 0) and height > 0  # bottom-up BI_RGB
    stride = (3 * width + 3) // 4 * 4
    rows = np.frombuffer(dib, np.uint8, stride * height, 40).reshape(height, stride)
    return rows[::-1, :3 * width].reshape(height, width, 3)[:, :, ::-1]


def _emf_records(data: bytes):
    at, out = 0, []
    while at < len(data):
        kind, size = struct.unpack_from("<II", data, at)
        out.append((kind, data[at:at + size]))
        at += size
    return out


def test_emf_is_the_png_in_a_stretchdibits_record(s, tmp_path):
    from PIL import Image

    out, rc = run(s, "graph export g.emf")
    assert rc == 0 and "(file g.emf written in EMF format)" in out
    assert run(s, "graph export g.png")[1] == 0
    data = (tmp_path / "g.emf").read_bytes()
    records = _emf_records(data)
    assert [kind for kind, _ in records] == [1, 81, 14]  # EMR_HEADER, EMR_STRETCHDIBITS, EMR_EOF
    header = records[0][1]
    signature, version, total, count = struct.unpack_from("<IIII", header, 40)
    assert (signature, version, total, count) == (0x464D4520, 0x10000, len(data), 3)
    stretch = records[1][1]
    off_bmi, cb_bmi, off_bits, cb_bits, usage, rop = struct.unpack_from("<6I", stretch, 48)
    assert (cb_bmi, usage, rop) == (40, 0, 0x00CC0020)
    pixels = _dib_pixels(stretch[off_bmi:off_bits + cb_bits])
    png = _png_pixels(tmp_path / "g.png")
    assert pixels.shape == png.shape
    np.testing.assert_array_equal(pixels, png)
    # the frame (0.01 mm) is the graph's size in inches
    frame = struct.unpack_from("<4i", header, 24)
    width_mm = (frame[2] + 1) / 100
    assert width_mm == pytest.approx(png.shape[1] / 150 * 25.4, abs=0.02)
    with Image.open(tmp_path / "g.emf") as image:  # Pillow recognises the header
        assert image.format == "WMF"


def test_wmf_is_a_placeable_metafile_of_the_png(s, tmp_path):
    from PIL import Image

    assert run(s, "graph export g.wmf")[1] == 0
    assert run(s, "graph export g.png")[1] == 0
    data = (tmp_path / "g.wmf").read_bytes()
    key, _, left, top, right, bottom, inch, _ = struct.unpack_from("<IH4hHI", data)
    words = struct.unpack_from("<10H", data)
    checksum = 0
    for word in words:
        checksum ^= word
    assert key == 0x9AC6CDD7 and struct.unpack_from("<H", data, 20)[0] == checksum
    png = _png_pixels(tmp_path / "g.png")
    assert (right - left, bottom - top) == (png.shape[1], png.shape[0])
    assert (right - left) / inch == pytest.approx(5.5, abs=0.01)  # the graph's width in inches
    kind, header_words, version, size_words = struct.unpack_from("<HHHI", data, 22)
    assert (kind, header_words, version, size_words * 2) == (1, 9, 0x0300, len(data) - 22)
    at, functions, dib = 40, [], None
    while at < len(data):
        words_, function = struct.unpack_from("<IH", data, at)
        functions.append(function)
        if function == 0x0F43:  # META_STRETCHDIB: rop, usage, 8 shorts, then the DIB
            dib = data[at + 6 + 22:at + 2 * words_]
        at += 2 * words_
    assert functions == [0x020B, 0x020C, 0x0F43, 0x0000]
    np.testing.assert_array_equal(_dib_pixels(dib), png)
    with Image.open(tmp_path / "g.wmf") as image:
        assert image.format == "WMF" and image.info["wmf_bbox"] == (0, 0, right, bottom)


@pytest.mark.parametrize("line, message", [
    ("graph export g.emf, width(300)", "option width() not allowed with emf files"),
    ("graph export g.wmf, quality(50)", "option quality() not allowed with wmf files"),
])
def test_metafiles_take_no_override_options(s, tmp_path, line, message):
    out, rc = run(s, line, stop_on_error=False)
    assert rc == 198 and message in out and not any(tmp_path.iterdir())
