"""Small defects left from the last session, each against what Stata 13 does."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def test_scatteri_draws_with_no_data_in_memory(do):
    # [G-2] graph twoway scatteri: immediate points, no dataset needed
    rc, out, s = do("clear\ntwoway scatteri 1 2 3 4")
    assert rc == 0, out
    points = s.graphs[-1].panels[0].series[0]
    np.testing.assert_allclose(points.x, [2, 4])
    np.testing.assert_allclose(points.y, [1, 3])
    rc, out, _ = do("clear\nset obs 3\ngen x = _n\nscatter x x if x > 5")
    assert rc == 2000 and "no observations" in out


def test_estimates_title_keeps_what_follows_a_comma(do):
    # estimates title needs e(cmd) (estimates.ado's Title): an eclass program sets it
    text = "matrix b = (1, 2)\nmatrix colnames b = x _cons\nereturn post b\nereturn local cmd \"mine\"\n"
    rc, out, s = do(text + "estimates title: Model A, with controls\nestimates title")
    assert rc == 0, out
    assert s.e.macros["estimates_title"] == "Model A, with controls"
    assert out.rstrip().splitlines()[-1] == "Model A, with controls"
    rc, out, s = do(text + "est title: B")
    assert rc == 0 and s.e.macros["estimates_title"] == "B"


def test_temporary_names_go_when_their_program_ends(do):
    # [P] macro: temporary variables, scalars and matrices are dropped when the program ends
    text = """program define mk
    tempname s M
    tempvar v
    scalar `s' = 3
    matrix `M' = (1, 2)
    gen `v' = 1
    global SNAME `s'
    global MNAME `M'
    global VNAME `v'
    display `s' + el(`M', 1, 2)
end
set obs 2
mk
capture display scalar($SNAME)
local rs = _rc
capture matrix list $MNAME
local rm = _rc
capture confirm variable $VNAME
display "`rs' `rm' `=_rc'"
"""
    rc, out, s = do(text)
    assert rc == 0, out
    assert "5" in out.splitlines()
    assert out.rstrip().splitlines()[-1] == "111 111 111"
    assert not s.scalars and not s.matrices and s.data.varnames == []
    # outside a program, tempname names stay (a do-file's own)
    rc, out, s = do("tempname k\nscalar `k' = 2\ndisplay `k'")
    assert rc == 0 and len(s.scalars) == 1


@pytest.mark.parametrize("name, page", [("pwd", "cd"), ("rm", "erase"), ("run", "do"), ("quit", "exit")])
def test_one_help_page_each(name, page):
    from mlmcli.help import find_page, page_names

    assert name not in page_names()  # no second source for the command
    found = find_page(name)
    assert found is not None and found.name == page
    if name == "run":
        from mlmcli.help import PAGES

        assert "nostop" in (PAGES / "do.hlp").read_text()
