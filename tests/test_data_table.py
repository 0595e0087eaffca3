"""Stata 13's ``table``: one-way with several statistics (the layout of Stata's own output for
auto.dta's rep78, rebuilt from the figures it shows), two- and three-way, totals, by(),
replace/name(), options and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset


@pytest.fixture
def cars(new_session):
    df = pd.DataFrame({"rep78": [1, 1, 2, 2, 3, 3, 3.0], "foreign": [0, 0, 0, 1, 0, 1, 1.0],
                       "mpg": [21, 21, 17, 19, 20, 30, 25.0], "race": [1, 2, 1, 2, 1, 1, 2.0]})
    ds = Dataset(df=df, var_labels={"rep78": "Repair Record 1978", "foreign": "Car type"},
                 value_label_of={"rep78": "rl", "foreign": "fl"},
                 value_labels={"rl": {1.0: "Poor", 2.0: "Fair", 3.0: "Excellent"}, "fl": {0.0: "Domestic", 1.0: "Foreign"}})
    return new_session(ds)


def test_one_way_with_statistics_layout(cars, run):
    out, rc = run(cars, "table rep78, contents(n mpg mean mpg sd mpg median mpg)")
    assert out.splitlines() == [
        "", "-" * 58,
        "Repair    |", "Record    |",
        "1978      |     N(mpg)   mean(mpg)     sd(mpg)    med(mpg)",
        "----------+-----------------------------------------------",
        "     Poor |          2          21           0          21",
        "     Fair |          2          18    1.414214          18",
        "Excellent |          3          25           5          25",
        "-" * 58]


def test_two_way_frequencies_totals_and_stacked_statistics(cars, run):
    out, rc = run(cars, "table rep78 foreign, contents(freq mean mpg) row col")
    lines = out.splitlines()
    assert lines[3] == "Record    |              Car type"
    assert lines[4] == "1978      |   Domestic     Foreign       Total"
    assert lines[6:8] == ["     Poor |          2                       2",
                          "          |         21                      21"]
    assert lines[-3:-1] == ["    Total |          4           3           7", "          |      19.75    24.66667    21.85714"]


def test_three_way_supercolumns_and_by(cars, run):
    out, rc = run(cars, "table rep78 foreign race, contents(mean mpg)")
    assert rc == 0 and "race" in out.splitlines()[2] and "----- 1 -----" in out and "Car type" in out
    out, rc = run(cars, "table rep78, by(foreign) contents(mean mpg)")
    lines = out.splitlines()
    assert any(ln.startswith("Domestic  |") for ln in lines) and any(ln.startswith("Foreign   |") for ln in lines)


def test_format_alignment_and_missing(new_session, run):
    s = new_session(pd.DataFrame({"g": [1.0, 1.0, np.nan], "x": [1.0, 2.0, 3.0]}))
    out, rc = run(s, "table g, c(mean x) format(%5.2f) left")
    assert "1 | 1.50" in out.splitlines() and "g | mean(x)" in out.splitlines()
    out, rc = run(s, "table g, missing")
    assert ". |          1" in out.splitlines()


def test_replace_and_name(cars, run):
    out, rc = run(cars, 'table rep78 foreign, contents(mean mpg) col replace name("wage")')
    assert rc == 0 and cars.data.varnames == ["rep78", "foreign", "wage1"] and cars.data.nobs == 5
    assert list(cars.data.df["wage1"]) == [21, 17, 19, 20, 27.5] and cars.data.value_label_of["rep78"] == "rl"


@pytest.mark.parametrize("line, rc, message", [
    ("table rep78, c(mean)", 198, "requires a variable"),
    ("table rep78, c(bogus mpg)", 198, "bogus invalid statistic"),
    ("table rep78 foreign race mpg", 103, "too many variables specified"),
    ("table rep78, c(freq freq freq freq freq freq)", 198, "at most five"),
    ("table rep78, center left", 198, "may not be combined"),
    ("table rep78 if mpg > 100", 2000, "no observations"),
])
def test_errors(cars, run, line, rc, message):
    out, got = run(cars, line)
    assert got == rc and message in out
