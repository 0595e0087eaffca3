"""xtsum parses its varlist before it looks for the panel variable (xtsum.ado: ``syntax``
then ``_xt``): a misspelt variable is r(111) even when no panel is declared; with both in
order the decomposition still runs, checked against pandas."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


PANEL = "set obs 6\ngen id = ceil(_n/3)\ngen t = mod(_n-1,3)+1\ngen y = _n^2\n"


def test_unknown_variable_before_missing_panel(do):
    rc, out, _ = do(PANEL + "xtsum nosuchvar")
    assert rc == 111, out
    assert "variable nosuchvar not found" in out


def test_no_panel_with_known_variables_is_r459(do):
    rc, out, _ = do(PANEL + "xtsum y")
    assert rc == 459, out


def test_decomposition_after_xtset(do):
    rc, out, s = do(PANEL + "xtset id t\nxtsum y")
    assert rc == 0, out
    d = pd.DataFrame({"id": [1, 1, 1, 2, 2, 2], "y": np.arange(1, 7) ** 2.0})
    means = d.groupby("id")["y"].transform("mean")
    assert s.r["sd"] == pytest.approx(d["y"].std())
    assert s.r["sd_b"] == pytest.approx(d.groupby("id")["y"].mean().std())
    assert s.r["sd_w"] == pytest.approx((d["y"] - means).std())
