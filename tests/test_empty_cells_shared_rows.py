"""Empty interaction cells in the tables built on the shared coefficient rows
(postest/coefficient_rows.py, glm/inference.py's eform rows): a cell of ``i.a#i.b`` the
estimation sample lacks prints ``0  (empty)`` (``1  (empty)`` under ``or``/``irr``), as
Stata's coefficient table and as ``mixed`` already did, not ``0  (omitted)``;
``noemptycells`` and ``set showemptycells off`` drop exactly that row, ``noomitted`` drops it
too (an empty cell is an omitted column), and a genuinely collinear column stays
``(omitted)``."""
from __future__ import annotations

import pytest

# a = 0,1,2 and b = 0,1 with the cell a=2, b=1 emptied: 5 of the 6 cells observed
SETUP = """clear
set obs 60
gen a = mod(_n,3)
gen b = mod(_n,2)
replace b = 0 if a==2
gen y = mod(_n*_n,11)/3 + mod(_n,5)
gen yb = mod(_n,5) < 2
gen cnt = mod(_n,7)
gen id = ceil(_n/6)
gen t = _n - 6*(id-1)
xtset id t
"""

FITS = {
    "regress": "regress y i.a#i.b",
    "logit": "logit yb i.a#i.b, nolog",
    "poisson": "poisson cnt i.a#i.b, nolog",
    "xtreg_re": "xtreg y i.a#i.b",
    "xtreg_fe": "xtreg y i.a#i.b, fe",
    "glm": "glm cnt i.a#i.b, family(poisson) nolog",
    "probit": "probit yb i.a#i.b, nolog",
}

EMPTY_ROW = "        2 1  |          0  (empty)"


def _fit(do, line):
    rc, out, _ = do(SETUP + line)
    assert rc == 0, out
    return out.split("\n")


def _with(line, option):
    return line + (" " if "," in line else ", ") + option


@pytest.mark.parametrize("name", list(FITS))
def test_an_empty_cell_prints_empty_not_omitted(do, name):
    lines = _fit(do, FITS[name])
    assert EMPTY_ROW in lines, "\n".join(lines)
    assert not any("(omitted)" in ln for ln in lines), "\n".join(lines)


@pytest.mark.parametrize("name", list(FITS))
def test_noemptycells_drops_only_the_empty_row(do, name):
    shown = _fit(do, FITS[name])
    assert EMPTY_ROW in shown
    dropped = _fit(do, _with(FITS[name], "noemptycells"))
    assert [ln for ln in shown if ln != EMPTY_ROW] == dropped
    off = _fit(do, "set showemptycells off\n" + FITS[name])
    assert [ln for ln in shown if ln != EMPTY_ROW] == [ln for ln in off if "set showemptycells" not in ln]


@pytest.mark.parametrize("line", ["logit yb i.a#i.b, or nolog", "poisson cnt i.a#i.b, irr nolog"])
def test_eform_tables_show_one_empty(do, line):
    lines = _fit(do, line)
    assert "        2 1  |          1  (empty)" in lines, "\n".join(lines)
    assert not any("(omitted)" in ln for ln in lines)
    assert not any("(empty)" in ln for ln in _fit(do, _with(line, "noemptycells")))


def test_collinear_column_stays_omitted_beside_an_empty_cell(do):
    line = "gen y2 = 2*y\nregress cnt y y2 i.a#i.b"
    lines = _fit(do, line)
    assert EMPTY_ROW in lines
    assert sum("(omitted)" in ln for ln in lines) == 1 and any(ln.strip().startswith("y2 |") and
                                                             "(omitted)" in ln for ln in lines)
    kept = _fit(do, _with(line, "noemptycells"))
    assert EMPTY_ROW not in kept and any("(omitted)" in ln for ln in kept)
    hidden = _fit(do, _with(line, "noomitted"))
    assert not any("(omitted)" in ln or "(empty)" in ln for ln in hidden)
