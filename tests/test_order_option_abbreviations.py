"""order's before() and after() abbreviate to one letter ({opth b:efore()} and {opth a:fter()}
in [D] order's syntax table), with or without a blank before the parenthesis; other
abbreviations of first/last still need the full word."""
from __future__ import annotations

import pandas as pd
import pytest


@pytest.mark.parametrize("option, expected", [
    ("a(x)", ["x", "z", "y"]), ("a (x)", ["x", "z", "y"]), ("af(x)", ["x", "z", "y"]),
    ("b(y)", ["x", "z", "y"]), ("b (x)", ["z", "x", "y"]), ("bef(x)", ["z", "x", "y"]),
])
def test_one_letter_before_after(new_session, run, option, expected):
    s = new_session(pd.DataFrame({"x": [1.0], "y": [2.0], "z": [3.0]}))
    out, rc = run(s, f"order z, {option}")
    assert rc == 0, out
    assert s.data.varnames == expected


def test_unknown_abbreviation_is_refused(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0], "y": [2.0], "z": [3.0]}))
    out, rc = run(s, "order z, l")
    assert rc == 198 and "option l not allowed" in out
    assert s.data.varnames == ["x", "y", "z"]
