"""Small defects left from the last session, each against what Stata 13 does."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def test_scatteri_draws_with_no_data_in_memory(do):
    # [G-2] graph twoway scatteri: immediate points, no dataset needed
    rc, out, s = do("clear\nscatteri 1 2 3 4")
    assert rc == 0, out
    points = s.graphs[-1].panels[0].series[0]
    np.testing.assert_allclose(points.x, [2, 4])
    np.testing.assert_allclose(points.y, [1, 3])
    rc, out, _ = do("clear\nset obs 3\ngen x = _n\nscatter x x if x > 5")
    assert rc == 2000 and "no observations" in out


def test_estimates_title_keeps_what_follows_a_comma(do):
    text = "matrix b = (1, 2)\nmatrix colnames b = x _cons\nereturn post b\n"
    rc, out, s = do(text + "estimates title: Model A, with controls\nestimates title")
    assert rc == 0, out
    assert s.e.macros["estimates_title"] == "Model A, with controls"
    assert out.rstrip().splitlines()[-1] == "Model A, with controls"
    rc, out, s = do(text + "est title: B")
    assert rc == 0 and s.e.macros["estimates_title"] == "B"
