"""``tabdisp`` ([P] tabdisp): the data laid out as ``table`` lays out its statistics, one
observation a cell; missing stub values as categories with ``.`` last, ``totals``, ``missing``,
``concise``, string cells, by(), and its refusals.  The cells are the data themselves, so the
check is that each cell shows its observation's value."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

NAN = np.nan


@pytest.fixture
def data():
    return pd.DataFrame({"a": [1.0, 1, 2, 2, NAN], "b": [1.0, 2, 1, 2, 1], "c": [10.0, 20, NAN, 40, 50],
                         "s": ["x", "y", "z", "w", "t"]})


TWO_WAY = """
--------------------------
  |           b
a |          1           2
--+-----------------------
1 |         10          20
2 |                     40
. |         50
--------------------------"""

TOTALS = """
------------------------------
      |           b
a     |          1           2
------+-----------------------
    1 |         10          20
    2 |          .          40
Total |         50
------------------------------"""


def test_two_way_cells_are_the_observations(do, data):
    rc, out, _ = do("tabdisp a b, cellvar(c)", data)
    assert rc == 0 and TWO_WAY in out, out


def test_missing_and_totals(do, data):
    rc, out, _ = do("tabdisp a b, c(c) missing totals", data)
    assert rc == 0 and TOTALS in out, out


def test_several_cell_variables_strings_and_by(do, data):
    rc, out, _ = do("tabdisp a, cellvar(c s) by(b)", data)
    assert rc == 0, out
    lines = out.splitlines()
    assert any(line.split() == ["1", "|", "10", "x"] for line in lines)
    assert any(line.split() == ["2", "|", "z"] for line in lines)      # c missing: blank
    assert any(line.split() == [".", "|", "50", "t"] for line in lines)


def test_concise_format_and_if(do, data):
    rc, out, _ = do("tabdisp s, cellvar(c) concise format(%9.2f)", data)
    assert rc == 0 and "x |      10.00" in out and "z |" not in out, out
    rc, out, _ = do("tabdisp s, cellvar(c)", data)
    assert "z |" in out
    rc, out, _ = do("tabdisp s if a == 1, cellvar(c)", data)
    assert rc == 0 and "x |" in out and "z |" not in out, out


def test_by_prefix(do, data):
    rc, out, _ = do("bysort b: tabdisp a, cellvar(c)", data)
    assert rc == 0 and out.count("-> b = ") == 2, out


@pytest.mark.parametrize("command, message, code", [
    ("tabdisp a b", "option cellvar() required", 198),
    ("tabdisp b, cellvar(c)", "observations are not unique within b", 459),
    ("tabdisp a b, cellvar(c) format(%9.2q)", "format %9.2q invalid", 120),
    ("tabdisp a b, cellvar(c) center left", "may not be combined", 198),
    ("tabdisp nosuch, cellvar(c)", "variable nosuch not found", 111),
])
def test_refusals(do, data, command, message, code):
    rc, out, _ = do(command, data)
    assert rc == code and message in out, out


def test_dotz(do):
    df = pd.DataFrame({"a": [1.0, np.nan, np.nan, np.nan], "c": [1.0, 2, 3, 4]})
    rc, out, _ = do("replace a = .z in 3\nreplace a = .b in 4\ntabdisp a, cellvar(c) totals", df)
    assert rc == 0 and [ln.split("|")[0].strip() for ln in out.splitlines() if "|" in ln][1:] == ["1", ".b", ".z", "Total"], out
    rc, out, _ = do("replace a = .z in 3\nreplace a = .b in 4\ntabdisp a, cellvar(c) totals dotz", df)
    assert [ln.split("|")[0].strip() for ln in out.splitlines() if "|" in ln][1:] == ["1", ".b", ".", "Total"], out
