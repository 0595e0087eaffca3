"""``graph set eps|ps name value`` ([G-2] graph set, [G-3] eps_options "Setting defaults"): the
default of ``graph export``'s option for later exports, read back from the written file; the
listing; ``default``; values checked as the typed option; ``graph set window``; and the same
PostScript bytes for the same graph (no clock, no ``-0``)."""
from __future__ import annotations

import re

import pytest

from graphs_helpers import make_session, run
from mlmcli.graphs.postscript_look import reproducible_postscript


@pytest.fixture()
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = make_session()
    run(session, 'scatter y x, title("Hello")')
    return session


def _fonts(path) -> set[str]:
    return set(re.findall(r"^/([\w-]+) [\d.]+ selectfont", path.read_text(encoding="latin-1"), re.M))


def test_eps_fontface_default_is_used_until_reset(s, tmp_path):
    assert run(s, "graph set eps fontface Times") == ("", 0)
    run(s, "graph export set.eps")
    assert _fonts(tmp_path / "set.eps") == {"Times-Roman"}  # the family's upright font, by name
    run(s, "graph export typed.eps, fontface(Courier)")  # the typed option wins
    assert _fonts(tmp_path / "typed.eps") == {"Courier"}
    run(s, "graph export other.ps")  # an eps setting is not a ps one
    assert "Times-Roman" not in (tmp_path / "other.ps").read_text(encoding="latin-1")
    assert run(s, "graph set eps fontface default") == ("", 0)
    run(s, "graph export back.eps")
    assert "Times-Roman" not in _fonts(tmp_path / "back.eps")


def test_eps_listing(s):
    run(s, "graph set eps fontface Palatino-Roman")
    run(s, "graph set eps cmyk on")
    out, rc = run(s, "graph set eps")
    assert rc == 0
    assert out.splitlines() == [
        "Encapsulated PostScript export (eps) settings:",
        "    logo            (default)",
        "    cmyk            on",
        "    preview         (default)",
        "    mag             (default)",
        "    fontface        Palatino-Roman",
        "    fontfacesans    (default)",
        "    fontfaceserif   (default)",
        "    fontfacemono    (default)",
        "    fontfacesymbol  (default)",
        "    fontdir         (default)",
        "    orientation     (default)",
    ]
    everything = run(s, "graph set")[0].splitlines()
    assert [line for line in everything if line.endswith("settings:")] == [
        "Graph window settings:", "Print settings:", "Encapsulated PostScript export (eps) settings:",
        "PostScript export (ps) settings:"]


def test_eps_cmyk_and_ps_page_defaults(s, tmp_path):
    run(s, "graph set eps cmyk on")
    run(s, "graph export c.eps")
    text = (tmp_path / "c.eps").read_text(encoding="latin-1")
    assert "setcmykcolor" in text and "setrgbcolor" not in text
    run(s, "graph set ps orientation landscape")
    run(s, "graph set ps fontface Helvetica-Bold")
    run(s, "graph export p.ps")
    page = (tmp_path / "p.ps").read_text(encoding="latin-1")
    assert "%%Orientation: Landscape" in page and "612 0 translate 90 rotate" in page
    assert _fonts(tmp_path / "p.ps") == {"Helvetica-Bold"}
    run(s, "graph export q.ps, orientation(portrait)")
    assert "%%Orientation: Portrait" in (tmp_path / "q.ps").read_text(encoding="latin-1")


@pytest.mark.parametrize("setting, typed", [
    ("eps fontface Nosuchfont", "x.eps, fontface(Nosuchfont)"),
    ("eps preview maybe", "x.eps, preview(maybe)"),
    ("eps logo on", "x.eps, logo(on)"),
    ("eps cmyk yes", "x.eps, cmyk(yes)"),
    ("ps orientation sideways", "x.ps, orientation(sideways)"),
    ("ps tmargin 30", "x.ps, tmargin(30)"),
    ("ps pagesize b5", "x.ps, pagesize(b5)"),
])
def test_bad_value_is_the_typed_options_error(s, tmp_path, setting, typed):
    set_out, set_rc = run(s, f"graph set {setting}", stop_on_error=False)
    typed_out, typed_rc = run(s, f"graph export {typed}", stop_on_error=False)
    assert set_rc == typed_rc == 198 and set_out == typed_out
    listed = run(s, f"graph set {setting.split()[0]}")[0]
    assert re.search(rf"^    {setting.split()[1]} +\(default\)$", listed, re.M)  # nothing kept
    assert not (tmp_path / "x.eps").exists()


def test_settings_another_format_lacks_or_stata_13_lacks(s):
    out, rc = run(s, "graph set eps tmargin 1", stop_on_error=False)
    assert rc == 198 and "graph set eps: tmargin is not an eps setting" in out
    out, rc = run(s, "graph set svg fontface Times", stop_on_error=False)
    assert rc == 198 and "svg not allowed" in out
    assert run(s, "graph set eps fontface", stop_on_error=False)[1] == 198


def test_window_fonts_are_noted(s):
    out, rc = run(s, 'graph set window fontface "Times New Roman"')
    assert rc == 0 and "graph set window has no effect in mlmcli" in out
    assert run(s, "graph set window fontsize 12", stop_on_error=False)[1] == 198
    assert run(s, "graph set window")[0].splitlines() == [
        "Graph window settings:", "    (none: mlmcli draws no Graph window)"]


def test_quoted_value_with_spaces(s, tmp_path):
    import matplotlib.font_manager as fm

    run(s, 'graph set eps fontface "DejaVu Sans"')
    assert '    fontface        "DejaVu Sans"' in run(s, "graph set eps")[0]
    assert fm.findfont(fm.FontProperties(family="DejaVu Sans"), fallback_to_default=False)
    run(s, "graph export d.eps")
    assert "DejaVuSans" in (tmp_path / "d.eps").read_text(encoding="latin-1")


def test_same_graph_same_bytes(tmp_path, monkeypatch):
    """zd28's by() graph, landscape PS in Bookman-Light: exported twice (the clock moved between),
    byte for byte the same, and no coordinate written -0 (the y ticks' (0, 0) through the
    marker's scale(-1, 1) was ``-0 0 m``)."""
    import time

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    calls = []  # a clock that moves at every reading

    def ctime(*args):
        calls.append(1)
        return f"Fri Dec  4 19:35:{len(calls):02d} 2026"

    monkeypatch.setattr(time, "ctime", ctime)
    s = make_session()
    run(s, "scatter y x, by(g)")
    for name in ("one", "two"):
        run(s, f"graph export {name}.ps, orientation(landscape) fontface(Bookman-Light)")
    one, two = (tmp_path / "one.ps").read_bytes(), (tmp_path / "two.ps").read_bytes()
    assert len(calls) >= 2  # matplotlib read the clock for each file
    assert one == two
    text = one.decode("latin-1")
    assert "CreationDate" not in text and "/Bookman-Light" in text
    assert not re.search(r"(?m)^(?!%).*(?<![^\s\[{])-0(?![^\s\]}])", text)
    assert re.search(r"(?m)^0 0 m$", text)  # the tick marker's start, written as 0


def test_reproducible_postscript_rewrites_only_negative_zero_numbers(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    text = ("%!PS\n%%CreationDate: today\n%%Title: -0 kept\n-0 0 m\n0 -0 l\n[-0.000 1] 0 setdash\n"
            "{-0 0 m} bind\n/DejaVuSans-0 10 selectfont\n-0.5 -03 m\n10 -0.25 l")
    assert reproducible_postscript(text) == (
        "%!PS\n%%Title: -0 kept\n0 0 m\n0 0 l\n[0 1] 0 setdash\n{0 0 m} bind\n"
        "/DejaVuSans-0 10 selectfont\n-0.5 -03 m\n10 -0.25 l")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # fixed by the user: kept
    assert "%%CreationDate: today" in reproducible_postscript(text)
