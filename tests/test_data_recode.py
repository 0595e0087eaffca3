"""``recode``: every rule form, with and without parentheses, options and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def xy(new_session):
    return new_session(pd.DataFrame({"x": [1.0, 2.0, 0.0, np.nan], "y": [5.0, np.nan, 3.0, 7.0]}),
                       types={"x": "byte", "y": "float"})


def _col(s, name):
    return [None if np.isnan(v) else v for v in s.data.df[name]]


def test_rules_without_parentheses(xy, run):
    out, rc = run(xy, "recode x 1=0 0=1, g(r)")
    assert rc == 0 and out == "(2 differences between x and r)\n"
    assert _col(xy, "r") == [0, 2, 1, None]
    out, rc = run(xy, "recode x 2=0")
    assert out == "(x: 1 change made)\n" and _col(xy, "x") == [1, 0, 0, None]
    run(xy, "recode y min/4=0 4/max=1, gen(yb)")
    assert _col(xy, "yb") == [1, None, 0, 1]
    run(xy, 'recode y 7 = 70 "seventy" 3 = 30, gen(y2)')
    assert _col(xy, "y2") == [5, None, 30, 70]
    assert xy.data.value_labels["y2"] == {70.0: "seventy"}


@pytest.mark.parametrize("rules, expected", [
    ("(1 2 = 9)", [9, 9, 0, None]), ("(1/5 = 4)", [4, 4, 0, None]), ("(min = -1)", [1, 2, -1, None]),
    ("(max = 10)", [1, 10, 0, None]), ("(min/1 = 0) (2/max = 1)", [0, 1, 0, None]),
    ("(nonmissing = 8)", [8, 8, 8, None]), ("(missing = 9)", [1, 2, 0, 9]), ("(. = 9)", [1, 2, 0, 9]),
    ("(else = 5)", [5, 5, 5, 5]), ("(* = 5)", [5, 5, 5, 5]), ("(1 = 2) (2 = 3)", [2, 3, 0, None]),
    ("(0 = max)", [1, 2, 2, None]), ("(1 = .)", [None, 2, 0, None]), ("(1 = 0) (nonmiss = 1) (miss = 2)", [0, 1, 1, 2]),
])
def test_rule_forms(xy, run, rules, expected):
    out, rc = run(xy, f"recode x {rules}, gen(n)")
    assert rc == 0, out
    assert _col(xy, "n") == expected


def test_if_in_copyrest_prefix_label(xy, run):
    run(xy, "recode x (1=10) if y > 4, gen(a)")
    assert _col(xy, "a") == [10, 2, None, None]  # y > 4 is true where y is missing
    run(xy, "recode x (1=10) if y > 4, gen(b) copyrest")
    assert _col(xy, "b") == [10, 2, 0, None]
    out, rc = run(xy, "recode x y (1=2), prefix(new_)")
    assert rc == 0 and "new_x" in xy.data.varnames and "new_y" in xy.data.varnames
    run(xy, 'recode x (0="none") (1/2 = 1 "some"), gen(c) label(amount)')
    # a label on a target that is not a number is not allowed: checked below
    out, rc = run(xy, 'recode x (0 = 0 "none") (1/2 = 1 "some"), gen(d) label(amount)')
    assert rc == 0 and xy.data.value_label_of["d"] == "amount"
    assert xy.data.value_labels["amount"] == {0.0: "none", 1.0: "some"}


def test_test_option_reports_unused_and_overlapping_rules(xy, run):
    out, rc = run(xy, "recode x (1=5) (1/2=6) (40=1), test gen(t)")
    assert rc == 0
    assert out.splitlines()[:2] == ["rules 1 and 2 overlap", "rule 3 was never invoked"]


@pytest.mark.parametrize("line, rc, message", [
    ("recode x (else=1) (missing=2)", 198, "else may not be combined with missing or nonmissing"),
    ("recode x (else=1) (3=2)", 198, "keyword rules missing, nonmissing, and else must be the last rules"),
    ("recode x 1 =", 198, "invalid syntax"), ("recode x y 1=2", 198, "invalid syntax"),
    ("recode x (1/ = 2)", 198, "invalid syntax"), ("recode x (a = 2)", 198, "invalid syntax"),
    ("recode x (1=2), gen(a b)", 198, "the number of new and transformed varnames should be the same"),
    ("recode x (1=2), gen(y)", 110, "already defined"),
    ("recode x (1=2), gen(a) prefix(p)", 198, "may not be combined"),
    ("recode x y (1=2), label(l)", 198, "option label() allowed only with generate()"),
    ("recode s (1=2)", 109, "string variables not allowed in varlist;\ns is a string variable"),
    ("recode nosuch 1=2", 111, "variable nosuch not found"),
    ("recode x (1=2), frob", 198, "option frob not allowed"),
])
def test_errors_leave_the_data_unchanged(new_session, run, line, rc, message):
    s = new_session(pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 4.0], "s": ["a", "b"]}))
    before = s.data.df.copy()
    out, got = run(s, line)
    assert got == rc and message in out
    pd.testing.assert_frame_equal(s.data.df, before)
