"""``graph export`` to JPEG (jpg_options: width(), height(), quality()) and GIF (gif_options:
width(), height()): the files read back with Pillow; quality() checked against libjpeg's own
scaling of its standard luminance table (computed here, not read from mlm)."""
from __future__ import annotations

import pytest

from graphs_helpers import make_session, run
from mlmcli.graphs import style


@pytest.fixture()
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = make_session()
    run(session, "scatter y x")
    return session


def _libjpeg_dc(quality: int) -> int:
    """libjpeg's jpeg_quality_scaling of the luminance table's first entry (16)."""
    scale = 5000 // quality if quality < 50 else 200 - 2 * quality
    return min(max((16 * scale + 50) // 100, 1), 255)


@pytest.mark.parametrize("quality", [5, 50, 90, 100])
def test_jpeg_quality_sets_the_quantization(s, tmp_path, quality):
    from PIL import Image

    out, rc = run(s, f'graph export g.jpg, as(jpg) name("Graph") quality({quality}) replace')
    assert rc == 0 and "(file g.jpg written in JPEG format)" in out
    with Image.open(tmp_path / "g.jpg") as image:
        assert image.format == "JPEG" and image.mode == "RGB"
        assert image.quantization[0][0] == _libjpeg_dc(quality)


def test_jpeg_default_quality_and_size(s, tmp_path):
    from PIL import Image

    assert run(s, "graph export g.jpg")[1] == 0
    assert run(s, "graph export g.png")[1] == 0
    with Image.open(tmp_path / "g.jpg") as jpeg, Image.open(tmp_path / "g.png") as png:
        assert jpeg.size == png.size  # the same pixels as PNG's default
        assert jpeg.quantization[0][0] == _libjpeg_dc(90)


def test_jpeg_and_gif_take_width_and_height(s, tmp_path):
    from PIL import Image

    assert run(s, "graph export g.jpg, width(400) quality(80)")[1] == 0
    assert run(s, "graph export g.gif, height(200)")[1] == 0
    assert run(s, "graph export tiny.jpg, height(10)")[1] == 0  # drawn larger, scaled down
    with Image.open(tmp_path / "g.jpg") as image:
        assert image.size[0] == 400
        assert image.size[1] == pytest.approx(400 * style.HEIGHT_IN / style.WIDTH_IN, abs=1)
    with Image.open(tmp_path / "g.gif") as image:
        assert image.format == "GIF" and image.size[1] == 200
    with Image.open(tmp_path / "tiny.jpg") as image:
        assert image.format == "JPEG" and image.size[1] == 10


def test_jpeg_pixels_are_the_graph(s, tmp_path):
    """The JPEG is the PNG's picture (lossy: close, not equal)."""
    import numpy as np
    from PIL import Image

    run(s, "graph export g.jpg, quality(100)")
    run(s, "graph export g.png")
    with Image.open(tmp_path / "g.jpg") as jpeg, Image.open(tmp_path / "g.png") as png:
        a = np.asarray(jpeg.convert("RGB"), float)
        b = np.asarray(png.convert("RGB"), float)
    assert np.abs(a - b).mean() < 3.0


@pytest.mark.parametrize("line, message", [
    ("graph export g.png, quality(80)", "option quality() not allowed with png files"),
    ("graph export g.gif, quality(80)", "option quality() not allowed with gif files"),
    ("graph export g.eps, quality(80)", "option quality() not allowed with eps files"),
    ("graph export g.jpg, quality(101)", "quality() out of range"),
    ("graph export g.jpg, quality(-1)", "quality() out of range"),
    ("graph export g.jpg, quality(high)", "option quality() incorrectly specified"),
    ("graph export g.jpg, width(4)", "width() out of range"),
    ("graph export g.xyz", "translator Graph2xyz not found"),
    ("graph export g.bmp", "translator Graph2bmp not found"),
])
def test_refusals_leave_no_file(s, tmp_path, line, message):
    out, rc = run(s, line, stop_on_error=False)
    assert message in out and rc in (198, 111)
    assert not any(tmp_path.iterdir())


def test_jpeg_never_overwrites_without_replace(s, tmp_path):
    (tmp_path / "g.jpg").write_bytes(b"mine")
    out, rc = run(s, "graph export g.jpg, quality(50)", stop_on_error=False)
    assert rc == 602 and (tmp_path / "g.jpg").read_bytes() == b"mine"
