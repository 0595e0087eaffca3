"""Factor-variable rows of coefficient tables with value labels, as Stata 13+ prints them, and the
display options fvwrap(#)/fvwrapon(word|width) (docs/factor_labels.md holds the evidence).

The name-column lines expected here are copied from published Stata logs (the numbers differ;
only the labels, headings and empty rows are compared):
- ``regress price weight mpg i.foreign i.foreign#c.weight i.foreign#c.mpg`` (auto.dta):
  heading ``foreign`` and ``Foreign`` after an empty row, no empty row of its own after.
- ``regress price i.foreign##c.mpg_centered`` at linesize 80: ``foreign |``/``Foreign  |`` on top,
  then ``mpg_centered`` with no empty row between, the interaction heading split
  ``foreign#|``, ``c. |``, ``mpg_centered |``.
- ``logit fepol i.educ3##i.gender age``: ``HS#Female``, ``Coll#Female``.
"""
from __future__ import annotations

import math
import re

import pytest

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.factor_labels import cut_label, level_lines, term_pieces
from mlmcli.results.mixed import CoefRow

NAN = math.nan


def _row(name, coef=1.0, term=None, level=None, **kw):
    return CoefRow(name, coef, 0.5, 2.0, 0.05, 0.0, 2.0, term=term, level=level, **kw)


def _names(table: str) -> list[str]:
    """The name column of each body line (up to its bar)."""
    lines = table.split("\n")[3:-1]
    return [line[: line.index("|") + 1] for line in lines]


# ---------------------------------------------------------------- layout (renderer)
def test_labelled_one_level_main_effect_under_its_heading():
    rows = [_row("weight"), _row("mpg"), _row("1.foreign", term="foreign", level="Foreign"),
            _row("1.foreign#c.weight", term="foreign#c.weight", level="Foreign"),
            _row("1.foreign#c.mpg", term="foreign#c.mpg", level="Foreign"), _row("_cons")]
    got = _names(render_coef_table(rows, "price", linesize=110))
    assert got == ["          weight |", "             mpg |", "                 |",
                   "         foreign |", "        Foreign  |", "                 |",
                   "foreign#c.weight |", "        Foreign  |", "                 |",
                   "   foreign#c.mpg |", "        Foreign  |", "                 |",
                   "           _cons |"]


def test_no_empty_row_after_a_one_row_labelled_group_and_heading_split_at_80():
    rows = [_row("1.foreign", term="foreign", level="Foreign"), _row("mpg_centered"),
            _row("1.foreign#c.mpg_centered", term="foreign#c.mpg_centered", level="Foreign"),
            _row("_cons")]
    got = _names(render_coef_table(rows, "price", linesize=80))
    assert got == ["     foreign |", "    Foreign  |", "mpg_centered |", "             |",
                   "     foreign#|", "          c. |", "mpg_centered |", "    Foreign  |",
                   "             |", "       _cons |"]


def test_unlabelled_one_level_factor_stays_on_one_line():
    rows = [_row("x"), _row("1.weurope", term="weurope", level="1"), _row("_cons")]
    assert _names(render_coef_table(rows, "y")) == ["           x |", "   1.weurope |", "       _cons |"]


def test_labelled_group_of_two_rows_has_its_empty_row_after():
    rows = [_row("0b.sex", term="sex", level="Male", base=True), _row("1.sex", term="sex", level="Female"),
            _row("age")]
    got = _names(render_coef_table(rows, "y", baselevels=True))
    assert got == ["         sex |", "       Male  |", "     Female  |", "             |", "         age |"]
    # without baselevels one row is shown: heading, row, and no empty row before age
    got = _names(render_coef_table(rows, "y"))
    assert got == ["         sex |", "     Female  |", "         age |"]


def test_continuous_interaction_heading_split_as_stata():
    # published log: c.smokeintensity#c.smokeintensity in 12 columns
    rows = [_row("smokeintensity"), _row("c.smokeintensity#c.smokeintensity"),
            _row("c.smokeyrs#c.smokeyrs"), _row("_cons")]
    got = _names(render_coef_table(rows, "y", linesize=80))
    assert got == ["smokeinten~y |", "             |", "          c. |", "smokeinten~y#|", "          c. |",
                   "smokeinten~y |", "             |", "  c.smokeyrs#|", "  c.smokeyrs |", "             |",
                   "       _cons |"]


def test_factor_by_factor_heading_split():
    rows = [_row("1.undocumented#1.polview_n", term="undocumented#polview_n", level="1 1"), _row("_cons")]
    got = _names(render_coef_table(rows, "y", linesize=80))
    assert got[:3] == ["undocumented#|", "   polview_n |", "        1 1  |"]


def test_long_label_cut_with_two_dots():
    # estimates table's 12-column field (same _ms_display): "Diagnosed 85-94" -> "Diagnosed.."
    assert cut_label("Diagnosed 85-94", 11) == "Diagnosed.."
    assert cut_label("Foreign", 11) == "Foreign"
    rows = [_row("2.rep", term="rep", level="Excellent and very long label")]
    assert "Excellent..  |" in render_coef_table(rows, "y", linesize=80)


def test_wrapping_words_and_width():
    assert level_lines("Excellent and very long label", 11, 2) == ["Excellent", "and very .."]
    assert level_lines("Excellent and very long label", 11, 3) == ["Excellent", "and very", "long label"]
    assert level_lines("Excellent and very long label", 11, 3, "width") == ["Excellent a", "nd very lon", "g label"]
    assert level_lines("Fair#Foreign", 11, 2) == ["Fair#", "Foreign"]
    assert level_lines("Supercalifragilistic", 11, 2) == ["Supercalifr", "agilistic"]  # no word boundary
    assert level_lines("short", 11, 5) == ["short"]
    assert term_pieces("sector#minority", 12) == ["sector#", "minority"]
    assert term_pieces("c.age#c.age", 12) == ["c.age#c.age"]


def test_wrapped_label_numbers_on_its_last_line():
    rows = [_row("3.rep", coef=1.25, term="rep", level="Average condition"), _row("_cons")]
    table = render_coef_table(rows, "y", linesize=80, fvwrap=2)
    assert "\n    Average  |\n  condition  |       1.25" in table
    legend = render_coef_table(rows, "y", linesize=80, fvwrap=2, mode="legend")
    assert "\n    Average  |\n  condition  |       1.25  _b[3.rep]" in legend


# ---------------------------------------------------------------- commands
SETUP = """clear
set seed 11
set obs 300
gen id = mod(_n, 20) + 1
gen foreign = runiform() < .4
label define fl 0 "Domestic" 1 "Foreign"
label values foreign fl
gen rep = floor(runiform()*4) + 1
label define rl 1 "Poor" 2 "Fair" 3 "Average condition" 4 "Excellent and very long label"
label values rep rl
gen mpg = rnormal()*5 + 20
gen y = 1000 + 100*foreign + 20*mpg + 50*rep + rnormal()*300 + 10*id
gen b = y > 1500
xtset id
set linesize 80
"""

WRAPPED = ("\n    Average  |\n  condition  |", "\n  Excellent  |\nand very ..  |")


FITS = ["regress y i.rep i.foreign mpg", "logit b i.rep i.foreign mpg", "mixed y i.rep i.foreign mpg || id:",
        "melogit b i.rep i.foreign mpg || id:", "xtreg y i.rep i.foreign mpg"]


@pytest.mark.parametrize("fit", FITS)
def test_commands_take_fvwrap_and_fvwrapon(do, fit):
    rc, out, s = do(SETUP + f"{fit}, fvwrap(2)")
    assert rc == 0, out
    for text in WRAPPED:
        assert text in out, out
    assert "\n     foreign |\n    Foreign  |" in out  # the labelled one-level main effect
    rc, out, _ = do(f"{fit}, fvwrap(3) fvwrapon(width)", session=s)
    assert rc == 0 and "\nExcellent a  |\nnd very lon  |\n    g label  |" in out, out
    rc, out, _ = do(f"{fit}", session=s)
    assert rc == 0 and "\nAverage c..  |" in out and "\nExcellent..  |" in out, out
    rc, out, _ = do(f"{fit}, nofvlabel", session=s)
    assert rc == 0 and "\n   1.foreign |" in out and "\n          3  |" in out, out


@pytest.mark.parametrize("option, message", [
    ("fvwrap(-1)", "invalid option fvwrap(-1); nonnegative integer required"),
    ("fvwrap(two)", "option fvwrap() incorrectly specified"),
    ("fvwrapon(foo)", "invalid fvwrapon() option;\noption foo not allowed"),
    ("fvwrapon(word width)", "option fvwrapon() invalid; only one of word or width is allowed"),
])
@pytest.mark.parametrize("fit", ["regress y i.rep", "mixed y i.rep || id:", "melogit b i.rep || id:"])
def test_bad_fvwrap_options_are_get_diopts_errors(do, fit, option, message):
    rc, out, s = do(SETUP + f"{fit}, {option}")
    assert rc == 198 and message in out, out


def test_abbreviated_styles_and_replay(do):
    rc, out, s = do(SETUP + "quietly regress y i.rep\nregress, fvwrapon(wi) fvwrap(2)")
    assert rc == 0 and "\nAverage con  |\n     dition  |" in out, out
    rc, out, _ = do("estimates replay, fvwrap(2)", session=s)
    assert rc == 0 and WRAPPED[0] in out, out
    rc, out, _ = do("regress, fvwrap(0)", session=s)  # 0: one line, as 1 (decision: docs)
    assert rc == 0 and "\nAverage c..  |" in out, out


def test_labelled_interaction_cells_joined_by_hash(do):
    rc, out, s = do(SETUP + "set linesize 110\nregress y i.rep##i.foreign")
    assert rc == 0, out
    assert re.search(r"^ +rep#foreign \|\n +Fair#Foreign  \|", out, re.M), out
    assert "Excellent and very long label#Foreign  |" not in out  # wider than 31: cut
    assert re.search(r"^Excellent and very long label\.\.  \|", out, re.M), out  # 29 characters and ..
    rc, out, _ = do("regress y i.rep##i.foreign, nofvlabel", session=s)
    assert re.search(r"^ +2 1  \|", out, re.M), out


def test_logit_checks_the_display_options_before_fitting(do):
    # _get_diopts runs before ml: nothing is fitted, e() stays the regression's
    rc, out, s = do(SETUP + "quietly regress y mpg\nlogit b i.rep, fvwrap(-1)")
    assert rc == 198 and "Iteration" not in out and s.e.cmd == "regress", out


def test_mixed_checks_fvwrap_before_fitting(do):
    rc, out, s = do(SETUP + "quietly regress y mpg\nxtmixed y i.rep || id:, fvwrap(-2)")
    assert rc == 198 and "Iteration" not in out and s.e.cmd == "regress", out
    assert "invalid option fvwrap(-2); nonnegative integer required" in out
