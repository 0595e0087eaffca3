"""``recode``'s ``into()`` (recode.ado's synonym for ``generate()``) and the keyword rules
abbreviated as recode.ado reads them: ``missing`` down to ``mis``, ``nonmissing`` down to
``nonm``."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def xs(new_session):
    return new_session(pd.DataFrame({"x": [1.0, 2.0, 3.0, np.nan, 5.0]}), types={"x": "byte"})


def _col(s, name):
    return [None if np.isnan(v) else v for v in s.data.df[name]]


def test_into_generates_a_labelled_variable(xs, run):
    out, rc = run(xs, 'recode x (1=1 "one") (nonm=0 "other"), into(y)')
    assert rc == 0 and out == "(3 differences between x and y)\n"
    assert _col(xs, "y") == [1, 0, 0, None, 0]
    assert _col(xs, "x") == [1, 2, 3, None, 5]  # the source is kept
    assert xs.data.value_labels["y"] == {0.0: "other", 1.0: "one"}
    assert xs.data.value_label_of["y"] == "y"


def test_into_abbreviated_to_two_letters(xs, run):
    out, rc = run(xs, "recode x (1 2 = 0) (3/5 = 1), in(b)")
    assert rc == 0 and _col(xs, "b") == [0, 0, 1, None, 1]


@pytest.mark.parametrize("keyword, expected", [
    ("mis", [1, 2, 3, 9, 5]), ("miss", [1, 2, 3, 9, 5]), ("missin", [1, 2, 3, 9, 5]),
    ("nonm", [8, 8, 8, None, 8]), ("nonmis", [8, 8, 8, None, 8]), ("nonmissing", [8, 8, 8, None, 8]),
])
def test_keyword_abbreviations(xs, run, keyword, expected):
    out, rc = run(xs, f"recode x ({keyword} = {9 if keyword.startswith('m') else 8}), gen(k)")
    assert rc == 0 and _col(xs, "k") == expected


@pytest.mark.parametrize("line, rc, message", [
    ("recode x (1=2), into(x)", 110, "already defined"),
    ("recode x (1=2), gen(a) into(b)", 198, "options generate() and into() are synonyms"),
    ("recode x (1=2), prefix(p_) into(b)", 198, "option prefix() may not be combined with generate() or into()"),
    ("recode x (mi=2), gen(a)", 198, "invalid syntax"),     # too short for missing
    ("recode x (non=2), gen(a)", 198, "invalid syntax"),    # too short for nonmissing
])
def test_errors_leave_the_data_unchanged(xs, run, line, rc, message):
    before = xs.data.df.copy()
    out, code = run(xs, line)
    assert code == rc and message in out
    pd.testing.assert_frame_equal(xs.data.df, before)
