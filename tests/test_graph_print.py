"""``graph print``: the graph as a PostScript page handed to ``lpr`` (a fake one on the PATH
here, which keeps a copy of what it was given), its placement by the pr_options/ps_options, and
Stata-style errors when nothing can print."""
from __future__ import annotations

import os
import re
import stat

import shutil

import pytest

from graphs_helpers import make_session, run
from mlmcli.graphs.print_page import PAGE_SIZES, PageLayout, placement


CP = shutil.which("cp") or "/bin/cp"


@pytest.fixture()
def s():
    return make_session()


def _fake_printer(folder, name="lpr", status=0):
    """A ``name`` program that copies the file it is given to ``printed.ps`` beside it."""
    program = folder / name
    program.write_text(f'#!/bin/sh\n{CP} "$1" "{folder}/printed.ps"\necho "$@" > "{folder}/args"\n'
                       + (f'echo "lpr: The printer or class does not exist." >&2\nexit {status}\n' if status else ""))
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return folder / "printed.ps"


@pytest.fixture()
def printer(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no real printer is ever reached
    return tmp_path


def _translate(page: str) -> tuple[float, ...]:
    x, y = re.search(r"^(-?[\d.]+) (-?[\d.]+) translate\n[\d.]+ [\d.]+ scale", page, re.M).groups()
    scale = float(re.search(r"^([\d.]+) [\d.]+ scale", page, re.M).group(1))
    return float(x), float(y), scale


def test_the_graph_is_sent_to_lpr_as_a_postscript_page(s, printer):
    printed = _fake_printer(printer)
    run(s, 'scatter y x, title("Printed title")')
    out, rc = run(s, "graph print")
    assert rc == 0 and out == ""
    page = printed.read_text(encoding="latin-1")
    assert page.startswith("%!PS-Adobe-3.0") and "%%BeginDocument" in page and "%!PS-Adobe-3.0 EPSF" in page
    assert re.search(r"^%%BoundingBox: 0 0 396 288$", page, re.M)  # the 5.5 x 4 inch graph
    assert "[612 792]" in page  # letter
    x, y, scale = _translate(page)
    assert x == 0 and scale == 1 and y == pytest.approx(792 - 4 * 72, abs=1)  # the 5.5 x 4 in graph at the top left
    assert not os.path.exists((printer / "args").read_text().split()[0])  # the temporary file is gone


def test_margins_magnification_page_and_name(s, printer):
    printed = _fake_printer(printer)
    run(s, "scatter y x, name(first)")
    run(s, "histogram y, name(second)")
    out, rc = run(s, 'graph print, name("first") tmargin(1.5) lmargin(1) mag(50) logo(off) pagesize(A4)')
    assert rc == 0, out
    page = printed.read_text(encoding="latin-1")
    assert "[595 842]" in page
    x, y, scale = _translate(page)
    assert (x, scale) == (72, 0.5) and y == pytest.approx(842 - 1.5 * 72 - 4 * 72 * 0.5, abs=1)
    run(s, "graph print, orientation(landscape) pagesize(custom) pagewidth(5) pageheight(3)")
    page = printed.read_text(encoding="latin-1")
    assert "360 0 translate 90 rotate" in page
    _, _, scale = _translate(page)
    assert scale == pytest.approx(min(3 / 5.5, 5 / 4), rel=0.01)  # turned: 3 x 5 inches; shrunk to fit


def test_placement_shrinks_a_graph_larger_than_the_page():
    x, y, scale = placement((0, 0, 720, 720), PageLayout(page=PAGE_SIZES["letter"]))
    assert scale == pytest.approx(612 / 720) and x == 0 and y == pytest.approx(792 - 612)


def test_refused_and_failing_prints(s, printer):
    run(s, "scatter y x")
    out, rc = run(s, "graph print, logo(on)", stop_on_error=False)
    assert rc == 198 and "logo(on)" in out and "not supported by mlmcli" in out
    out, rc = run(s, 'graph print, fontface("NoSuchFontAtAll")', stop_on_error=False)
    assert rc == 198 and "font not found" in out
    out, rc = run(s, "graph print, tmargin(25)", stop_on_error=False)
    assert rc == 198 and "between 0 and 20" in out
    out, rc = run(s, "graph print, bogus", stop_on_error=False)
    assert rc == 198 and "bogus" in out
    out, rc = run(s, "graph print, name(nosuch)", stop_on_error=False)
    assert rc == 111
    out, rc = run(s, "graph print", stop_on_error=False)  # no lpr, no lp on this PATH
    assert rc == 691 and "no print command" in out
    _fake_printer(printer, status=1)
    out, rc = run(s, "graph print", stop_on_error=False)
    assert rc == 691 and "lpr failed: lpr: The printer or class does not exist." in out


def test_lp_when_there_is_no_lpr(s, printer):
    printed = _fake_printer(printer, name="lp")
    run(s, "scatter y x")
    assert run(s, "graph print")[1] == 0 and printed.exists()


def test_graph_set_print_gives_the_defaults(s, printer):
    printed = _fake_printer(printer)
    run(s, "scatter y x")
    assert run(s, "graph set print lmargin 2")[1] == 0
    run(s, "graph print")
    assert _translate(printed.read_text(encoding="latin-1"))[0] == 144
    run(s, "graph print, lmargin(1)")  # the typed option wins
    assert _translate(printed.read_text(encoding="latin-1"))[0] == 72
    out, rc = run(s, "graph set print")
    assert rc == 0 and "lmargin" in out and "2" in out
    assert run(s, "graph set print lmargin default")[1] == 0
    run(s, "graph print")
    assert _translate(printed.read_text(encoding="latin-1"))[0] == 0
    assert run(s, "graph set print logo on", stop_on_error=False)[1] == 198
    assert run(s, "graph set print tmargin 30", stop_on_error=False)[1] == 198
    assert run(s, "graph set window fontface Times")[1] == 0
