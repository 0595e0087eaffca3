"""``graph export``/``graph print``'s PostScript look ([G-3] ps_options, eps_options):
``cmyk(on)`` writes CMYK colours, ``fontface()`` the font the text is set in, ``fontdir()`` a
folder of further fonts; read back from the written PostScript."""
from __future__ import annotations

import re
import shutil
import stat

import pytest

from graphs_helpers import make_session, run
from mlmcli.errors import StataError
from mlmcli.graphs.postscript_look import cmyk_postscript, font_settings


@pytest.fixture()
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = make_session()
    run(session, 'scatter y x, mcolor(red) title("Hello")')
    return session


def _text(path):
    return path.read_text(encoding="latin-1")


def test_cmyk_on_writes_cmyk_colours(s, tmp_path):
    assert run(s, "graph export rgb.eps")[1] == 0
    assert run(s, "graph export cmyk.eps, cmyk(on)")[1] == 0
    rgb, cmyk = _text(tmp_path / "rgb.eps"), _text(tmp_path / "cmyk.eps")
    assert "setrgbcolor" in rgb and "setcmykcolor" not in rgb
    assert "setrgbcolor" not in cmyk and not re.search(r"\bsetgray\b", cmyk)
    # mcolor(red): 1 0 0 RGB is 0 1 1 0 CMYK; black text 0 setgray is 0 0 0 1
    assert re.search(r"^0 1 1 0 setcmykcolor", cmyk, re.M)
    assert re.search(r"^0 0 0 1 setcmykcolor", cmyk, re.M)
    assert cmyk.count("setcmykcolor") == rgb.count("setrgbcolor") + len(re.findall(r"\bsetgray\b", rgb))


def test_cmyk_on_a_ps_page_and_cmyk_off(s, tmp_path):
    assert run(s, "graph export page.ps, cmyk(on) mag(50)")[1] == 0
    page = _text(tmp_path / "page.ps")
    assert "%%BeginDocument" in page and "setcmykcolor" in page and "setrgbcolor" not in page
    assert run(s, "graph export off.eps, cmyk(off)")[1] == 0
    assert "setcmykcolor" not in _text(tmp_path / "off.eps")


def test_cmyk_conversion_of_images():
    """matplotlib's RGB images (``false 3 colorimage``) become 4-component CMYK images."""
    import io

    import numpy as np
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1))
    fig.add_subplot().imshow(np.array([[[255, 0, 0], [0, 0, 0]], [[255, 255, 255], [51, 102, 153]]],
                                      dtype=np.uint8), interpolation="nearest")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="eps")
    converted = cmyk_postscript(buffer.getvalue().decode("latin-1"))
    assert "false 3 colorimage" not in converted and "false 4 colorimage" in converted
    data = re.search(r"false 4 colorimage\n([0-9a-f\n]+)\ngrestore", converted).group(1).replace("\n", "")
    quads = {data[i:i + 8] for i in range(0, len(data), 8)}
    assert "00ffff00" in quads  # red
    assert "000000ff" in quads  # black
    assert "00000000" in quads  # white
    # 51 102 153: k = 1 - .6 = .4, c = (1 - .2 - .4) / .6 = 2/3, m = 1/3, y = 0
    assert "aa550066" in quads


def test_fontface_standard_font_is_selected_by_name(s, tmp_path):
    assert run(s, "graph export times.eps, fontface(Times-Roman)")[1] == 0
    times = _text(tmp_path / "times.eps")
    assert re.search(r"^/Times-Roman [\d.]+ selectfont", times, re.M)
    assert "DejaVuSans" not in times  # no embedded font: the printer's Times-Roman
    assert run(s, 'graph export family.eps, fontface("Palatino")')[1] == 0
    assert "/Palatino-Roman " in _text(tmp_path / "family.eps")
    assert run(s, "graph export own.eps, fontface(default)")[1] == 0
    assert "/FontName /DejaVuSans" in _text(tmp_path / "own.eps")


# the 35 standard PostScript fonts (PostScript Language Reference, Adobe's base 35)
STANDARD_35 = [f"{family}{member}" for family, members in (
    ("AvantGarde-", ("Book", "BookOblique", "Demi", "DemiOblique")),
    ("Bookman-", ("Light", "LightItalic", "Demi", "DemiItalic")),
    ("Courier", ("", "-Oblique", "-Bold", "-BoldOblique")),
    ("Helvetica", ("", "-Oblique", "-Bold", "-BoldOblique")),
    ("Helvetica-Narrow", ("", "-Oblique", "-Bold", "-BoldOblique")),
    ("NewCenturySchlbk-", ("Roman", "Italic", "Bold", "BoldItalic")),
    ("Palatino-", ("Roman", "Italic", "Bold", "BoldItalic")),
    ("Times-", ("Roman", "Italic", "Bold", "BoldItalic"))) for member in members] + [
    "Symbol", "ZapfChancery-MediumItalic", "ZapfDingbats"]


@pytest.mark.parametrize("name", STANDARD_35)
def test_every_standard_font_is_the_one_written(s, tmp_path, name):
    """Each of the 35 is the only font the EPS selects (matplotlib's EPS has no %%DocumentFonts
    comment: the ``/Name size selectfont`` lines) -- the title's, the axis titles' (their own
    weight rcParams) and the labels' -- the narrow Helvetica members too, which matplotlib picks by
    their condensed stretch."""
    assert len(STANDARD_35) == 35
    assert run(s, f'graph export f.eps, fontface("{name}")')[1] == 0
    text = _text(tmp_path / "f.eps")
    assert set(re.findall(r"^/([\w-]+) [\d.]+ selectfont", text, re.M)) == {name}
    assert len(re.findall(r"^/[\w-]+ [\d.]+ selectfont", text, re.M)) >= 3  # title, labels, axis titles


def test_fontface_truetype_family_is_embedded(s, tmp_path):
    assert run(s, 'graph export serif.eps, fontface("DejaVu Serif")')[1] == 0
    serif = _text(tmp_path / "serif.eps")
    assert "/FontName /DejaVuSerif" in serif and "/DejaVuSans" not in serif


def test_fontdir_adds_its_fonts(s, tmp_path):
    from matplotlib import font_manager

    source = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans Mono"))
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(source, folder / "mono.ttf")
    assert run(s, f'graph export mono.eps, fontdir("{folder}") fontface("DejaVu Sans Mono")')[1] == 0
    assert "/FontName /DejaVuSansMono" in _text(tmp_path / "mono.eps")
    out, rc = run(s, f'graph export x.eps, fontdir("{tmp_path}/nosuch")', stop_on_error=False)
    assert rc == 601 and "not found" in out


def test_fonts_that_cannot_be_honoured_are_refused(s, tmp_path):
    out, rc = run(s, "graph export x.eps, fontface(NoSuchFontAtAll)", stop_on_error=False)
    assert rc == 198 and "font not found" in out and not (tmp_path / "x.eps").exists()
    # a TeX font of matplotlib's (not one of the 35): older matplotlib cannot tell its family's
    # members apart (refused); matplotlib 3.11 selects it, and then the file must use it
    out, rc = run(s, "graph export x.eps, fontface(CMEX10)", stop_on_error=False)
    if rc == 0:
        assert "/CMEX10 " in _text(tmp_path / "x.eps"), out
    else:
        assert rc == 198 and "cannot select" in out and not (tmp_path / "x.eps").exists()
    with pytest.raises(StataError):
        font_settings("")


def test_face_tag_fonts_are_checked_and_noted(s, tmp_path):
    out, rc = run(s, "graph export tags.eps, fontfaceserif(Times-Roman) fontfacemono(Courier)")
    assert rc == 0 and "{stSerif} text" in out and "{stMono} text" in out
    assert "/FontName /DejaVuSans" in _text(tmp_path / "tags.eps")  # the text keeps its font
    out, rc = run(s, "graph export tags.eps, replace fontfacesans(NoSuchFontAtAll)", stop_on_error=False)
    assert rc == 198 and "fontfacesans(NoSuchFontAtAll)" in out


def test_graph_print_with_cmyk_and_fontface(s, tmp_path, monkeypatch):
    cp = shutil.which("cp") or "/bin/cp"
    program = tmp_path / "lpr"
    program.write_text(f'#!/bin/sh\n{cp} "$1" "{tmp_path}/printed.ps"\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert run(s, "graph print, cmyk(on) fontface(Courier)")[1] == 0
    printed = _text(tmp_path / "printed.ps")
    assert "setcmykcolor" in printed and "setrgbcolor" not in printed
    assert re.search(r"^/Courier [\d.]+ selectfont", printed, re.M)
    assert run(s, "graph set print cmyk on")[1] == 0
    out, rc = run(s, "graph set print fontface NoSuchFontAtAll", stop_on_error=False)
    assert rc == 198
