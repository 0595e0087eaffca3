"""``graph export``/``graph print``'s ``fontface(ZapfDingbats)`` and ``fontface(Symbol)``: the
text written as Stata writes it, the glyph at each character's byte code in the font's built-in
encoding, laid out with the AFM's widths; read back from the written PostScript and checked
against matplotlib's AFM files (parsed here on their own)."""
from __future__ import annotations

import io
import os
import re
import shutil
import stat

import matplotlib
import pytest

from graphs_helpers import make_session, run

AFM_FOLDER = os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "afm")
TITLE = "Hello abc -1"


def _afm(filename: str) -> tuple[dict[int, str], dict[str, float]]:
    """code -> glyph name and glyph name -> WX of an AFM file's character metrics."""
    codes, widths = {}, {}
    with open(os.path.join(AFM_FOLDER, filename), encoding="latin-1") as handle:
        for line in handle:
            found = re.match(r"C (-?\d+) ; WX ([\d.]+) ; N (\S+) ;", line)
            if found:
                if int(found.group(1)) >= 0:
                    codes[int(found.group(1))] = found.group(3)
                widths[found.group(3)] = float(found.group(2))
    return codes, widths


DINGBATS, DINGBAT_WIDTHS = _afm("pzdr.afm")
SYMBOL, SYMBOL_WIDTHS = _afm("psyr.afm")
HELVETICA, HELVETICA_WIDTHS = _afm("phvr8a.afm")


def _texts(path) -> list[dict]:
    """Each text matplotlib wrote: its font and size (the ``selectfont`` before it), its
    origin (``translate``) and its glyphs (``x 0 m /name glyphshow``)."""
    texts, font, current = [], None, None
    with open(path, encoding="latin-1") as handle:
        for line in handle.read().splitlines():
            if m := re.fullmatch(r"/(\S+) ([\d.]+) selectfont", line):
                font = (m.group(1), float(m.group(2)))
            elif m := re.fullmatch(r"(\S+) (\S+) translate", line):
                current = {"font": font, "x": float(m.group(1)), "glyphs": []}
            elif (m := re.fullmatch(r"(\S+) 0 m /(\S+) glyphshow", line)) and current is not None:
                current["glyphs"].append((float(m.group(1)), m.group(2)))
            elif line == "grestore" and current is not None:
                if current["glyphs"]:
                    texts.append(current)
                current = None
    return texts


def _width(text: dict, widths: dict[str, float], notdef: float) -> float:
    """The text's advance: its last glyph's position plus that glyph's AFM width."""
    x, name = text["glyphs"][-1]
    return x + widths.get(name, notdef) * text["font"][1] / 1000


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("builtin")
    session = make_session()
    run(session, f'scatter y x, title("{TITLE}")')
    for name, font in (("helvetica", "Helvetica"), ("dingbats", "ZapfDingbats"), ("symbol", "Symbol")):
        assert run(session, f'graph export "{folder}/{name}.eps", fontface({font})')[1] == 0
    return folder


def test_zapfdingbats_shows_the_glyphs_at_the_byte_codes(exported):
    """Every text is the same characters as in Helvetica, written as the ZapfDingbats glyphs
    at their codes ("a" = 97 is a60, "H" = 72 is a35, "-" = 45 is a14), only ZapfDingbats
    selected, no question mark; each glyph placed at the advance of the AFM widths before it."""
    helvetica, dingbats = _texts(exported / "helvetica.eps"), _texts(exported / "dingbats.eps")
    assert {t["font"][0] for t in dingbats} == {"ZapfDingbats"}
    assert len(dingbats) == len(helvetica) >= 10  # title, tick labels, axis titles ...
    code_of = {name: code for code, name in HELVETICA.items()}
    for plain, dingbat in zip(helvetica, dingbats):
        assert [DINGBATS[code_of[name]] for _, name in plain["glyphs"]] == [name for _, name in dingbat["glyphs"]]
        size = dingbat["font"][1]
        advance = 0.0
        for x, name in dingbat["glyphs"]:
            assert x == pytest.approx(advance, abs=1e-3)
            advance += DINGBAT_WIDTHS[name] * size / 1000
    title = max(dingbats, key=lambda t: t["font"][1])
    assert [name for _, name in title["glyphs"]] == [DINGBATS[ord(c)] for c in TITLE]
    assert [name for _, name in title["glyphs"]][:2] == ["a35", "a64"] and DINGBATS[97] == "a60"
    assert "/question glyphshow" not in (exported / "dingbats.eps").read_text(encoding="latin-1")


def test_layout_uses_the_dingbats_widths(exported, monkeypatch):
    """The title's advance is the AFM widths of its codes; a centred and a right-aligned text are
    placed by those widths (centre and right edge of the figure, in points)."""
    from matplotlib.figure import Figure

    from mlmcli.graphs.postscript_look import PostScriptLook, drawing_with, font_settings

    dingbat = max(_texts(exported / "dingbats.eps"), key=lambda t: t["font"][1])
    assert _width(dingbat, DINGBAT_WIDTHS, 0) == pytest.approx(
        sum(DINGBAT_WIDTHS[DINGBATS[ord(c)]] for c in TITLE) * dingbat["font"][1] / 1000, abs=1e-3)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    path = exported / "placed.eps"
    with drawing_with(PostScriptLook(font=font_settings("ZapfDingbats"))):
        fig = Figure(figsize=(4, 2))  # 288 x 144 points
        fig.text(0.5, 0.5, "abc", ha="center", va="baseline", size=20)
        fig.text(1.0, 0.2, "Hi!", ha="right", va="baseline", size=10)
        fig.savefig(path, format="eps")
    centred, right = sorted(_texts(path), key=lambda t: -t["font"][1])
    assert [n for _, n in centred["glyphs"]] == ["a60", "a61", "a62"]
    # a60 789, a61 789, a62 707 at 20 points: 45.7 wide, its middle on 144
    assert _width(centred, DINGBAT_WIDTHS, 0) == pytest.approx((789 + 789 + 707) * 20 / 1000, abs=1e-3)
    assert centred["x"] + _width(centred, DINGBAT_WIDTHS, 0) / 2 == pytest.approx(144, abs=0.01)
    assert right["x"] + _width(right, DINGBAT_WIDTHS, 0) == pytest.approx(288, abs=0.01)


def test_symbol_letters_are_greek_as_in_stata(exported):
    """Symbol's built-in encoding: "a" is alpha, "H" Eta, "-" minus, digits themselves --
    before, matplotlib set every letter as a question mark."""
    symbol = _texts(exported / "symbol.eps")
    assert {t["font"][0] for t in symbol} == {"Symbol"}
    title = max(symbol, key=lambda t: t["font"][1])
    assert [name for _, name in title["glyphs"]] == [
        "Eta", "epsilon", "lambda", "lambda", "omicron", "space", "alpha", "beta", "chi", "space", "minus", "one"]
    assert _width(title, SYMBOL_WIDTHS, 0) == pytest.approx(
        sum(SYMBOL_WIDTHS[SYMBOL[ord(c)]] for c in TITLE) * title["font"][1] / 1000, abs=1e-3)
    assert "/question glyphshow" not in (exported / "symbol.eps").read_text(encoding="latin-1")


def test_characters_without_a_glyph_at_their_code(tmp_path, monkeypatch):
    """ð (240: a code both encodings leave empty) and α (beyond Latin-1: no byte in Stata 13's
    text) are the font's .notdef, a blank as wide as the font's space; é (233) is Symbol's
    bracketlefttp and a ZapfDingbats arrow, as its byte in Stata."""
    monkeypatch.chdir(tmp_path)
    session = make_session()
    run(session, 'scatter y x, title("a ð é α")')
    assert run(session, "graph export z.eps, fontface(ZapfDingbats)")[1] == 0
    assert run(session, "graph export s.eps, fontface(Symbol)")[1] == 0
    for path, codes, widths in (("z.eps", DINGBATS, DINGBAT_WIDTHS), ("s.eps", SYMBOL, SYMBOL_WIDTHS)):
        title = max(_texts(tmp_path / path), key=lambda t: t["font"][1])
        assert [name for _, name in title["glyphs"]] == [codes[97], "space", ".notdef", "space", codes[233],
                                                          "space", ".notdef"]
        xs = [x for x, _ in title["glyphs"]]
        size = title["font"][1]
        assert xs[3] - xs[2] == pytest.approx(widths["space"] * size / 1000, abs=1e-3)  # the .notdef's advance
    assert SYMBOL[233] == "bracketlefttp" and 240 not in SYMBOL and 240 not in DINGBATS


def test_text_extent_by_code_hand_derived():
    """Symbol "ab" is alpha + beta: 631 + 549; ZapfDingbats "a\\n" is a60 (789), the newline
    skipped as matplotlib skips it; the height from the boxes as matplotlib computes it."""
    from matplotlib.backends._backend_pdf_ps import _cached_get_afm_from_fname

    from mlmcli.graphs.postscript_builtin_encoding import builtin_encoding, text_extent

    symbol_path, dingbats_path = os.path.join(AFM_FOLDER, "psyr.afm"), os.path.join(AFM_FOLDER, "pzdr.afm")
    symbol = builtin_encoding(symbol_path)
    assert symbol[97] == "alpha" and symbol[45] == "minus" and len(symbol) == 188
    assert builtin_encoding(os.path.join(AFM_FOLDER, "phvr8a.afm")) is None  # AdobeStandardEncoding
    left, bottom, width, height, descent = text_extent(_cached_get_afm_from_fname(symbol_path), symbol, "ab")
    # B 41 -18 622 500 (alpha), B 61 -223 515 741 (beta)
    assert (left, bottom, width, descent) == (0, -223, 631 + 549, 223)
    assert height == max(-18 + 500, -223 + 741) + 223
    assert text_extent(_cached_get_afm_from_fname(dingbats_path), builtin_encoding(dingbats_path), "a\n")[2] == 789


def test_other_fonts_are_written_byte_for_byte_as_before(monkeypatch):
    """The hook leaves any font without a built-in encoding to matplotlib (the same bytes with
    and without it) and puts RendererPS's methods back."""
    from matplotlib.backends.backend_ps import RendererPS
    from matplotlib.figure import Figure

    from mlmcli.graphs.postscript_builtin_encoding import builtin_encoded_text
    from mlmcli.graphs.postscript_look import font_settings

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    before = dict(RendererPS.__dict__)

    def written(font: str) -> bytes:
        with matplotlib.rc_context(dict(font_settings(font))):
            fig = Figure(figsize=(2, 1))
            fig.add_subplot().set_title("Hello -1 é α")
            buffer = io.BytesIO()
            fig.savefig(buffer, format="eps")
            return buffer.getvalue()

    for font in ("Times-Bold", "Helvetica-Narrow"):
        plain = written(font)
        with builtin_encoded_text():
            assert RendererPS.__dict__["draw_text"] is not before["draw_text"]
            hooked = written(font)
        assert hooked == plain and b"/question glyphshow" in plain  # α in Times: matplotlib's "?"
    assert dict(RendererPS.__dict__) == before


def test_face_options_and_graph_print_take_zapfdingbats(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = make_session()
    run(session, 'scatter y x, title("abc")')
    out, rc = run(session, "graph export tags.eps, fontfacesymbol(ZapfDingbats)")
    assert rc == 0 and "{stSymbol} text" in out
    cp = shutil.which("cp") or "/bin/cp"
    program = tmp_path / "lpr"
    program.write_text(f'#!/bin/sh\n{cp} "$1" "{tmp_path}/printed.ps"\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert run(session, "graph print, fontface(ZapfDingbats)")[1] == 0
    title = max(_texts(tmp_path / "printed.ps"), key=lambda t: t["font"][1])
    assert title["font"][0] == "ZapfDingbats" and [n for _, n in title["glyphs"]] == ["a60", "a61", "a62"]
    assert run(session, "graph set print fontface ZapfDingbats")[1] == 0
