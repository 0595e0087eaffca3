"""``set fvlabel on|off``, ``set fvwrap #`` and ``set fvwrapon word|width``: the defaults of the
display options nofvlabel/fvlabel, fvwrap() and fvwrapon() of every coefficient table ([R] set
showbaselevels; [R] estimation options: each option overrides its setting), and their ``c()``
values (docs/factor_labels.md)."""
from __future__ import annotations

import re

import pytest

from tests.test_factor_labels import FITS, SETUP, WRAPPED


def test_c_values_follow_the_settings(do):
    rc, out, s = do('display "`c(fvlabel)\' `c(fvwrap)\' `c(fvwrapon)\'"')
    assert rc == 0 and "on 1 word" in out, out
    rc, out, _ = do("set fvlabel off\nset fvwrap 3, permanently\nset fvwrapon width, perm\n"
                    'display "`c(fvlabel)\' `c(fvwrap)\' `c(fvwrapon)\'"\ndisplay c(fvwrap) + 1', session=s)
    assert rc == 0 and out.startswith("off 3 width\n4"), out


@pytest.mark.parametrize("command, message", [
    ("set fvlabel maybe", "set fvlabel: on or off required"),
    ("set fvwrap -1", "set fvwrap: fvwrap must be between 0 and 32,000"),
    ("set fvwrap two", "invalid syntax"),
    ("set fvwrapon foo", "set fvwrapon: word or width required"),
    ("set fvwrapon word, nothing", "option nothing not allowed"),
])
def test_bad_values_are_refused_and_leave_the_setting(do, command, message):
    rc, out, s = do(command)
    assert rc == 198 and message in out, out
    rc, out, _ = do('display "`c(fvlabel)\' `c(fvwrap)\' `c(fvwrapon)\'"', session=s)
    assert "on 1 word" in out, out


@pytest.mark.parametrize("fit", FITS)
def test_settings_are_every_tables_defaults(do, fit):
    rc, out, s = do(SETUP + f"set fvwrap 2\n{fit}")
    assert rc == 0, out
    for text in WRAPPED:  # as with fvwrap(2)
        assert text in out, out
    rc, out, _ = do(f"set fvwrapon width\nset fvwrap 3\n{fit}", session=s)
    assert rc == 0 and "\nExcellent a  |\nnd very lon  |\n    g label  |" in out, out
    rc, out, _ = do(f"{fit}, fvwrap(1) fvwrapon(word)", session=s)  # the options win
    assert rc == 0 and "\nAverage c..  |" in out and "\nExcellent..  |" in out, out
    rc, out, _ = do(f"set fvlabel off\nset fvwrap 1\n{fit}", session=s)
    assert rc == 0 and "\n   1.foreign |" in out and "\n          3  |" in out, out
    assert "Foreign" not in out, out
    rc, out, _ = do(f"{fit}, fvlabel", session=s)  # fvlabel overrides set fvlabel off
    assert rc == 0 and "\n     foreign |\n    Foreign  |" in out, out


def test_replays_read_the_settings_when_they_draw(do):
    rc, out, s = do(SETUP + "quietly regress y i.rep i.foreign\nset fvlabel off\nregress")
    assert rc == 0 and "\n   1.foreign |" in out, out
    rc, out, _ = do("set fvlabel on\nset fvwrap 2\nestimates replay", session=s)
    assert rc == 0 and WRAPPED[0] in out, out


def test_fvlabel_and_nofvlabel_exclude_each_other(do):
    rc, out, s = do(SETUP + "quietly regress y mpg\nregress y i.rep, fvlabel nofvlabel")
    assert rc == 198 and "only one of fvlabel or nofvlabel is allowed" in out, out
    assert s.e.macros.get("cmdline", "").endswith("y mpg") or "rep" not in str(s.e.matrices["b"].colnames)


def test_margins_follow_set_fvlabel(do):
    rc, out, s = do(SETUP + "quietly regress y i.rep i.foreign\nmargins foreign")
    assert rc == 0 and re.search(r"^ +Foreign +\|", out, re.M), out
    rc, out, _ = do("set fvlabel off\nmargins foreign", session=s)
    assert rc == 0 and re.search(r"^ +1 +\|", out, re.M) and "Foreign" not in out, out


# _get_diopts runs before the fit (glm.ado, mlogit.ado, xtlogit.ado ...): an invalid display
# option costs no fit and leaves e() as it was
@pytest.mark.parametrize("fit", ["glm b i.rep mpg, family(binomial)", "mlogit rep mpg,", "xtlogit b i.rep mpg,",
                                 "xtprobit b i.rep mpg,", "xtpoisson rep mpg,", "xtpoisson rep mpg, normal"])
@pytest.mark.parametrize("option, rc, message", [
    ("fvwrap(-1)", 198, "invalid option fvwrap(-1); nonnegative integer required"),
    ("cformat(%s)", 7, "'%s' found where numeric format expected"),
    ("fvlabel nofvlabel", 198, "only one of fvlabel or nofvlabel is allowed"),
])
def test_display_options_checked_before_fitting(do, fit, option, rc, message):
    rc_, out, s = do(SETUP + f"quietly regress y mpg\n{fit} {option}")
    assert rc_ == rc and message in out, out
    assert "Iteration" not in out and "log likelihood" not in out and s.e.cmd == "regress", out


# A replay draws the level texts from the value labels of the data in memory (Stata's
# _ms_display; e() holds only the names): relabelled data, relabelled table
@pytest.mark.parametrize("fit, replay", [
    ("regress y i.rep i.foreign", "regress"), ("regress y i.rep i.foreign", "estimates replay"),
    ("logit b i.rep i.foreign", "logit"), ("mixed y i.rep i.foreign || id:", "mixed"),
    ("melogit b i.rep i.foreign || id:", "melogit"), ("xtreg y i.rep i.foreign", "xtreg"),
])
def test_replays_read_the_value_labels_of_the_data(do, fit, replay):
    rc, out, s = do(SETUP + f"quietly {fit}\n"
                    'label define rl 2 "So-so", modify\nlabel define fl 1 "Imported", modify\n' + replay)
    assert rc == 0 and "\n      So-so  |" in out and "\n   Imported  |" in out and "Fair " not in out, out
    rc, out, _ = do(f"label values foreign\n{replay}", session=s)  # no label: the value, one row
    assert rc == 0 and "\n   1.foreign |" in out and "\n      So-so  |" in out, out


def test_estimates_restore_shows_the_labels_of_the_data(do):
    rc, out, s = do(SETUP + "quietly regress y i.rep##i.foreign\nestimates store A\n"
                    'label define rl 3 "Middling", modify\nquietly regress y mpg\nestimates restore A\nregress')
    assert rc == 0 and "\nMiddling#..  |" in out and "\n   Middling  |" in out, out  # 12 columns: cut


# estimates table draws its rows with _ms_display in its 12-column field, vsquish forced, rows
# whose names hold a base level only with baselevels (est_table.ado's Display and
# Check4Continue, Stata 16 ado tree): the coefficient tables' headings and labelled levels
def test_estimates_table_names_factor_levels_as_the_coefficient_tables(do):
    rc, out, s = do(SETUP + "quietly regress y i.rep i.foreign mpg\nestimates store A\n"
                    "quietly regress y i.rep##i.foreign\nestimates store B\nestimates table A B, se")
    assert rc == 0, out
    body = out[out.index("Variable |"):]
    names = [line[:14] for line in body.splitlines()[2:]]
    assert names[:4] == ["         rep |", "       Fair  |", "             |", "Average c..  |"], names
    assert "     foreign |" in names and "    Foreign  |" in names and " rep#foreign |" in names, names
    assert "Fair#Fore..  |" in names and "(base)" not in out and "1b.rep" not in out, out
    assert "\n             |\n         mpg |" not in out  # vsquish: no empty rows
    rc, out, _ = do("estimates table A, baselevels", session=s)
    assert rc == 0 and "\n       Poor  |     (base)  " in out and "\n   Domestic  |     (base)  " in out, out
    rc, out, _ = do("estimates table A, nofvlabel", session=s)
    assert rc == 0 and "\n          2  |" in out and "\n   1.foreign |" in out and "Fair" not in out, out
    rc, out, _ = do("set fvlabel off\nestimates table A", session=s)
    assert rc == 0 and "\n   1.foreign |" in out and "Foreign" not in out, out
    rc, out, _ = do("estimates table A, fvlabel\nset fvlabel on", session=s)
    assert rc == 0 and "\n    Foreign  |" in out, out
    rc, out, _ = do("estimates table A, fvwrap(2)", session=s)
    assert rc == 0 and "\n    Average  |\n  condition  |  " in out, out
    rc, out, _ = do('label define rl 2 "Okay", modify\nestimates table A', session=s)
    assert rc == 0 and "\n       Okay  |" in out, out  # the labels of the data in memory
    rc, out, _ = do("estimates table A, fvwrap(-1)", session=s)
    assert rc == 198 and "invalid option fvwrap(-1); nonnegative integer required" in out, out
