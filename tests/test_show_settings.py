"""``set showbaselevels on|off|all``, ``set showomitted on|off`` and ``set showemptycells on|off``:
the defaults of baselevels/allbaselevels, noomitted and noemptycells in every coefficient table
([R] set showbaselevels); an option typed on the command still applies."""
from __future__ import annotations

import pytest

from tests.test_factor_labels import FITS, SETUP

BASE_ROW = "  Domestic  |          0  (base)"


@pytest.mark.parametrize("fit", FITS)
def test_showbaselevels_on_shows_the_base_rows(do, fit):
    rc, out, _ = do(SETUP + f"set showbaselevels on\n{fit}")
    assert rc == 0 and BASE_ROW in out, out
    rc, out, _ = do(SETUP + f"set showbaselevels off\n{fit}")
    assert rc == 0 and BASE_ROW not in out, out
    rc, out, _ = do(SETUP + f"{fit}, baselevels")  # the option without the setting
    assert rc == 0 and BASE_ROW in out, out


def test_showbaselevels_all_and_the_c_value(do):
    rc, out, s = do(SETUP + 'set showbaselevels all\ndisplay "`c(showbaselevels)\'"\nregress y i.rep i.foreign')
    assert rc == 0 and "\nall\n" in out and BASE_ROW in out, out


def test_showomitted_off_drops_omitted_rows(do):
    rc, out, _ = do(SETUP + "gen mpg2 = 2*mpg\nregress y mpg mpg2")
    assert rc == 0 and "(omitted)" in out, out
    rc, out, _ = do(SETUP + "gen mpg2 = 2*mpg\nset showomitted off\nregress y mpg mpg2")
    assert rc == 0 and "(omitted)" not in out and "mpg2" not in out.split("Coef.")[1], out


def test_showemptycells_off_drops_empty_cells(do):
    text = SETUP + "replace foreign = 0 if rep == 4\n"
    rc, out, _ = do(text + "mixed y i.rep#i.foreign || id:")
    assert rc == 0 and "(empty)" in out, out
    rc, out, _ = do(text + "set showemptycells off\nmixed y i.rep#i.foreign || id:")
    assert rc == 0 and "(empty)" not in out, out


@pytest.mark.parametrize("command, message", [
    ("set showbaselevels maybe", "set showbaselevels: on or off or all required"),
    ("set showomitted all", "set showomitted: on or off required"),
    ("set showemptycells", "invalid syntax")])
def test_bad_values_are_refused_and_leave_the_setting(do, command, message):
    rc, out, s = do(command)
    assert rc == 198 and message in out, out
    rc, out, _ = do(SETUP + "regress y i.foreign", session=s)
    assert BASE_ROW not in out


# factor_display_defaults: one reader of the settings for every table (mixed and the me
# commands draw their tables without table_options; ereturn display, estimates table and svy too)
SETTING_FITS = ["mixed y i.rep i.foreign mpg mpg2 || id:", "melogit b i.rep i.foreign mpg mpg2 || id:",
                "regress y i.rep i.foreign mpg mpg2\nereturn display",
                "mixed y i.rep i.foreign mpg mpg2 || id:\nestimates store m1\nestimates table m1",
                "svyset id\nsvy: logit b i.rep i.foreign mpg mpg2, or", "svyset id\nsvy: regress y i.rep i.foreign mpg mpg2\nsvy"]


def _table_part(out: str) -> str:
    """The output from the last fit's or display's coefficient heading on."""
    heads = [h for h in ("Coef.", "Odds Ratio", "Variable") if h in out]
    return out[max(out.rindex(h) for h in heads):]


@pytest.mark.parametrize("fit", SETTING_FITS)
def test_showbaselevels_on_and_showomitted_off_change_every_table(do, fit):
    text = SETUP + "gen mpg2 = 2*mpg\n"
    rc, out, _ = do(text + fit)
    base = _table_part(out)
    assert rc == 0 and "(omitted)" in base and "(base)" not in base, out
    rc, out, _ = do(text + "set showbaselevels on\n" + fit)
    shown = _table_part(out)
    assert rc == 0 and "(base)" in shown and "(omitted)" in shown, out
    rc, out, _ = do(text + "set showomitted off\n" + fit)
    hidden = _table_part(out)
    assert rc == 0 and "(omitted)" not in hidden and "mpg2" not in hidden, out
