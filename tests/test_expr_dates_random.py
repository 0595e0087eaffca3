"""Date and time functions, date literals, %t display formats; random-number functions and
``set seed`` reproducibility."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest


def _show(do, expr):
    rc, out, _ = do(f"display {expr}")
    assert rc == 0, out
    return out.strip()


@pytest.mark.parametrize("expr, expected", [
    ("mdy(1,15,2000)", "14624"), ("mdy(2,30,2000)", "."), ("mdy(2,29,2000)", "14669"), ("mdy(2,29,1900)", "."),
    ("mdy(1,1,1960)", "0"), ("mdy(12,31,1959)", "-1"), ("mdy(1.5,1,2000)", "."), ("mdy(.,1,2000)", "."),
    ('date("15jan2000","DMY")', "14624"), ('date("2000-01-15","YMD")', "14624"),
    ('date("Jan 15, 2000","MDY")', "14624"), ('date("January 15 2000","MDY")', "14624"),
    ('date("20000115","YMD")', "14624"), ('date("15.1.2000","DMY")', "14624"),
    ('date("1/15/00","MDY")', "."), ('date("1/15/00","MD20Y")', "14624"), ('date("1/15/99","MDY",2020)', "14259"),
    ('date("1/15/21","MDY",2020)', "-14230"), ('date("31feb2000","DMY")', "."), ('date("15xyz2000","DMY")', "."),
    ('date("Saturday, 15 January 2000","DMY")', "14624"), ('daily("2000/01/15","YMD")', "14624"),
    ('date("15jan2000","DM")', "."),
    ("year(14624)", "2000"), ("month(14624)", "1"), ("day(14624)", "15"), ("dow(14624)", "6"),
    ("dow(0)", "5"), ("doy(mdy(12,31,2000))", "366"), ("week(mdy(12,31,2000))", "52"), ("week(14624)", "3"),
    ("quarter(mdy(5,1,2000))", "2"), ("halfyear(mdy(7,1,2000))", "2"), ("year(14624.9)", "2000"),
    ("year(.)", "."), ("year(1e9)", "."),
    ("mofd(14624)", "480"), ("dofm(480)", "14610"), ("qofd(14624)", "160"), ("dofq(161)", "14701"),
    ("hofd(14624)", "80"), ("dofh(81)", "14792"), ("wofd(14624)", "2082"), ("dofw(2082)", "14624"),
    ("yofd(14624)", "2000"), ("dofy(2000)", "14610"),
    ("ym(2000,1)", "480"), ("ym(2000,13)", "."), ("yq(2000,2)", "161"), ("yh(2000,2)", "81"), ("yw(2000,3)", "2082"),
    ('monthly("2000m3","YM")', "482"), ('monthly("2000-03","YM")', "482"), ('quarterly("2000q2","YQ")', "161"),
    ('quarterly("2000q5","YQ")', "."), ('halfyearly("2000h2","YH")', "81"), ('weekly("2000w12","YW")', "2091"),
    ('yearly("2000","Y")', "2000"),
    ("td(15jan2000)", "14624"), ("tm(2000m1)", "480"), ("tq(2000q2)", "161"), ("th(2000h2)", "81"),
    ("tw(2000w3)", "2082"), ("ty(2000)", "2000"), ('"td(15jan2000)"', "td(15jan2000)"),
    ("tc(01jan1960 00:00:01) ", "1000"), ("hms(1,2,3)", "3723000"), ("dhms(1,0,0,1)", "86401000"),
    ('hh(clock("15jan2000 13:30:15","DMYhms"))', "13"), ('mm(clock("15jan2000 13:30:15","DMYhms"))', "30"),
    ('ss(clock("15jan2000 13:30:15.5","DMYhms"))', "15.5"), ('dofc(clock("15jan2000 13:30","DMYhm"))', "14624"),
    ('clock("1:30 pm","hm") / 60000', "810"), ('clock("25:00","hm")', "."), ("cofd(1)", "86400000"),
    ("hours(7200000)", "2"), ("minutes(60000)", "1"), ("seconds(1500)", "1.5"), ("msofhours(1)", "3600000"),
])
def test_date_functions(do, expr, expected):
    assert _show(do, expr) == expected


def test_date_literal_errors_and_strings(do):
    rc, out, _ = do("set obs 1\ngen d = td(32jan2000)")
    assert rc == 198 and "32jan2000 invalid date in td()" in out
    rc, out, _ = do('display "x" + "tm(2000m1)"')
    assert out.strip() == "xtm(2000m1)"


def test_date_functions_over_variables(do, new_session):
    s = new_session(pd.DataFrame({"s": ["15jan2000", "bad", "01mar2001"]}))
    rc, out, s = do('gen d = date(s, "DMY")\ngen y = year(d)\nformat d %td\nlist, noobs', session=s)
    assert rc == 0, out
    assert list(s.data.df["y"].fillna(-1)) == [2000, -1, 2001]
    assert "15jan2000" in out and "01mar2001" in out
    assert "(1 missing value generated)" in out


@pytest.mark.parametrize("fmt, value, expected", [
    ("%td", "td(15jan2000)", "15jan2000"), ("%tdDD/NN/CCYY", "td(15jan2000)", "15/01/2000"),
    ("%tdMonth_dd,_CCYY", "td(5mar2001)", "March 5, 2001"), ("%tdDay", "td(15jan2000)", "Sat"),
    ("%tdCCYY-NN-DD", "-1", "1959-12-31"), ("%tdjjj", "td(31dec2000)", "366"), ("%tdYY", "td(1jan2005)", "05"),
    ("%tdmon_dd", "td(5mar2001)", "mar 5"), ("%tdDAYNAME!,_DD", "td(15jan2000)", "Saturday, 15"),
    ("%tc", "tc(15jan2000 12:30:15)", "15jan2000 12:30:15"), ("%tcHH:MM", "tc(15jan2000 13:05)", "13:05"),
    ("%tchh:MM_am", "tc(15jan2000 13:05)", "1:05 pm"), ("%tcHh:MM_AM", "tc(15jan2000 00:05)", "12:05 AM"),
    ("%tcDDmonCCYY_HH:MM:SS.sss", 'clock("15jan2000 12:30:15.25","DMYhms")', "15jan2000 12:30:15.250"),
    ("%tm", "480", "2000m1"), ("%tq", "161", "2000q2"), ("%th", "81", "2000h2"), ("%tw", "2091", "2000w12"),
    ("%ty", "2000", "2000"), ("%tmMonth_CCYY", "482", "March 2000"), ("%tqCCYY!Qq", "161", "2000Q2"),
    ("%td", ".", "."),
])
def test_datetime_display_formats(do, fmt, value, expected):
    assert _show(do, f"{fmt} {value}") == expected


def test_format_command_checks_date_details(do, new_session):
    s = new_session(pd.DataFrame({"d": [14624.0]}))
    assert do("format d %tdDD/NN/CCYY", session=s)[0] == 0
    assert s.data.formats["d"] == "%tdDD/NN/CCYY"
    rc, out, _ = do("format d %tdXYZ", session=s)
    assert rc == 120 and "invalid %format" in out and s.data.formats["d"] == "%tdDD/NN/CCYY"


# ----------------------------------------------------------------------------- random numbers
RANDOM = ["runiform()", "runiform(2, 3)", "runiformint(1, 6)", "rnormal()", "rnormal(10, 2)", "rbinomial(10, .3)",
          "rpoisson(4)", "rchi2(3)", "rt(5)", "rgamma(2, 3)", "rbeta(2, 5)", "rexponential(2)", "rnbinomial(3, .5)",
          "rlogistic()", "rhypergeometric(20, 5, 4)", "rweibull(1.5, 2)", "rlognormal(0, 1)"]


@pytest.mark.parametrize("fn", RANDOM)
def test_random_functions_are_reproducible_with_set_seed(do, fn):
    rc, out, s = do(f"set obs 200\nset seed 12345\ngen a = {fn}\nset seed 12345\ngen b = {fn}\nassert a == b\n"
                    f"set seed 999\ngen c = {fn}")
    assert rc == 0, out
    a, c = s.data.df["a"].to_numpy(), s.data.df["c"].to_numpy()
    assert np.isfinite(a).all() and not np.array_equal(a, c)


def test_random_function_ranges_and_means(do):
    rc, out, s = do("set obs 4000\nset seed 7\ngen u = runiform()\ngen i = runiformint(1, 6)\n"
                    "gen b = rbinomial(10, .3)\ngen p = rpoisson(4)\ngen n = rnormal(10, 2)\ngen e = rexponential(2)")
    df = s.data.df
    assert 0 <= df.u.min() and df.u.max() < 1
    assert set(df.i.unique()) == {1, 2, 3, 4, 5, 6}
    assert abs(df.b.mean() - 3) < 0.15 and abs(df.p.mean() - 4) < 0.2
    assert abs(df.n.mean() - 10) < 0.15 and abs(df.n.std() - 2) < 0.15 and abs(df.e.mean() - 2) < 0.15


@pytest.mark.parametrize("fn", ["rbinomial(10, 1.5)", "rbinomial(2.5, .5)", "rpoisson(-1)", "rnormal(0, -1)",
                                "runiformint(3, 1)", "runiformint(1.5, 3)", "rchi2(0)", "rgamma(-1, 1)",
                                "rbeta(1, 0)", "rexponential(0)", "runiform(3, 1)", "rbinomial(., .5)"])
def test_random_functions_outside_the_domain_are_missing(do, fn):
    rc, out, _ = do(f"display {fn}")
    assert rc == 0 and out.strip() == "."


def test_random_parameters_per_observation(do):
    rc, out, s = do("set obs 5\nset seed 1\ngen k = runiformint(_n, _n)\ngen m = rbinomial(_n, 1)")
    assert list(s.data.df["k"]) == [1, 2, 3, 4, 5] and list(s.data.df["m"]) == [1, 2, 3, 4, 5]


def test_display_draws_one_number(do):
    rc, out, _ = do("set seed 3\ndisplay runiform()")
    value = float(out.strip())
    assert 0 <= value < 1 and not math.isnan(value)
