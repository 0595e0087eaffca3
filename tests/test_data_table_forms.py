"""tab1, tabstat's stats() synonym."""
from __future__ import annotations

import pandas as pd


def test_tab1_one_table_per_variable(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0, 2.0, 2.0], "y": [1.0, 1.0, 1.0]}))
    out, rc = run(s, "tab1 x y, sort")
    lines = out.splitlines()
    assert rc == 0 and lines[:2] == ["", "-> tabulation of x"] and "-> tabulation of y" in lines
    assert "          2 |          2       66.67       66.67" in lines  # sorted by frequency
    assert run(s, "tab1 x, chi2")[1] == 198


def test_tabstat_stats_synonym(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0, 2.0, 3.0]}))
    out, rc = run(s, "tabstat x, stats(mean sd) col(stat)")
    assert rc == 0 and "           x |         2         1" in out
    assert run(s, "tabstat x, stats(mean) statistics(sd)")[1] == 198
