"""``graph export``'s format options ([G-3] ps_options, eps_options, png_options, tif_options)
and ``graph display, scale()``: checked on the files written and the figure drawn."""
from __future__ import annotations

import re

import pytest

from graphs_helpers import figure, make_session, run
from mlmcli.graphs import style


@pytest.fixture()
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = make_session()
    run(session, "scatter y x, name(a)")
    return session


def test_tif_is_written_at_the_pixels_asked(s, tmp_path):
    from PIL import Image

    out, rc = run(s, "graph export g.tif, width(300)")
    assert rc == 0 and "TIFF format" in out
    with Image.open(tmp_path / "g.tif") as image:
        assert image.format == "TIFF" and image.size[0] == 300
        assert image.size[1] == pytest.approx(300 * style.HEIGHT_IN / style.WIDTH_IN, abs=1)


def test_postscript_page_options_place_the_graph(s, tmp_path):
    out, rc = run(s, "graph export g.ps, tmargin(1) lmargin(.5) mag(50) pagesize(legal) logo(off)")
    assert rc == 0, out
    page = (tmp_path / "g.ps").read_text(encoding="latin-1")
    assert "[612 1008]" in page and "%%BeginDocument" in page
    x, y = (float(v) for v in re.search(r"^(\S+) (\S+) translate\n0\.5 0\.5 scale", page, re.M).groups())
    assert (x, y) == (36, pytest.approx(1008 - 72 - 288 * 0.5, abs=1))
    assert run(s, "graph export g.ps, replace")[1] == 0  # no page option: the graph's own PostScript
    assert "%%BeginDocument" not in (tmp_path / "g.ps").read_text(encoding="latin-1")


@pytest.mark.parametrize("command, message", [
    ("graph export g.ps, cmyk(maybe)", "option cmyk() incorrectly specified"),
    ("graph export g.eps, preview(maybe)", "option preview() incorrectly specified"),
    ("graph export g.eps, logo(on)", "logo(on) not supported by mlmcli"),
    ("graph export g.eps, tmargin(1)", "option tmargin() not allowed with eps files"),
    ("graph export g.png, logo(off)", "option logo() not allowed with png files"),
    ("graph export g.pdf, width(300)", "option width() not allowed with pdf files"),
])
def test_format_options_stata_has_elsewhere(s, command, message):
    out, rc = run(s, command, stop_on_error=False)
    assert rc == 198 and message in out, out


def test_eps_switches_off_are_what_is_written(s, tmp_path):
    assert run(s, "graph export g.eps, logo(off) cmyk(off) preview(off)")[1] == 0
    assert (tmp_path / "g.eps").read_text(encoding="latin-1").startswith("%!PS-Adobe-3.0 EPSF")


def test_graph_display_scale_resizes_text(s):
    run(s, 'scatter y x, title("T") name(t)')
    base = [t.get_fontsize() for t in figure(s.graphs[-1]).findobj(lambda a: hasattr(a, "get_text"))
            if t.get_text() == "T"][0]
    assert run(s, "graph display t, scale(1.5)")[1] == 0
    graph = s.graphs[-1]
    assert graph.name == "t" and graph.scale == 1.5
    scaled = [t.get_fontsize() for t in figure(graph).findobj(lambda a: hasattr(a, "get_text"))
              if t.get_text() == "T"][0]
    assert scaled == pytest.approx(1.5 * base)
    assert run(s, "graph display t, scale(-1)", stop_on_error=False)[1] == 198


def test_eps_preview_on_is_a_dos_eps_file_with_a_tiff_preview(s, tmp_path):
    """preview(on): the DOS EPS binary header (magic C5 D0 D3 C6, the PostScript at byte 30, no
    metafile, the TIFF after the PostScript, checksum FFFF), the PostScript the same as without
    a preview, the TIFF an RGB picture of the graph one pixel per point of the bounding box."""
    import io
    import struct

    from PIL import Image

    out, rc = run(s, "graph export p.eps, preview(on)")
    assert rc == 0 and "(file p.eps written in EPS format)" in out
    assert run(s, "graph export plain.eps")[1] == 0
    data = (tmp_path / "p.eps").read_bytes()
    magic, ps_at, ps_len, wmf_at, wmf_len, tif_at, tif_len, check = struct.unpack("<4sIIIIIIH", data[:30])
    assert (magic, ps_at, wmf_at, wmf_len, check) == (b"\xc5\xd0\xd3\xc6", 30, 0, 0, 0xFFFF)
    assert tif_at == 30 + ps_len and tif_at + tif_len == len(data)
    postscript = data[ps_at:ps_at + ps_len]
    def without_date(text: bytes) -> bytes:
        return re.sub(rb"%%CreationDate:[^\n]*\n", b"", text)

    assert without_date(postscript) == without_date((tmp_path / "plain.eps").read_bytes())
    box = [int(v) for v in re.search(rb"%%BoundingBox: (\d+) (\d+) (\d+) (\d+)", postscript).groups()]
    with Image.open(io.BytesIO(data[tif_at:])) as preview:
        assert preview.format == "TIFF" and preview.mode == "RGB"
        assert preview.size == (box[2] - box[0], box[3] - box[1])
        assert preview.getpixel((2, 2)) != (0, 0, 0)  # the graph region's fill, not an empty image
        assert len(preview.getcolors(maxcolors=1 << 16) or ()) > 3  # markers, axes and text drawn
