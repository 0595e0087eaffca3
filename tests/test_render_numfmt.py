"""Stata display formats (numfmt) and abbreviations."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmcli.render.abbrev import abbrev, abbrev_re
from mlmcli.render.numfmt import format_number, is_valid_format, parse_format

# (value, format, expected text) — from the handout (LAYOUT.md section 9) and Stata behaviour
CASES = [
    (0.1001793, "%9.0g", " .1001793"),
    (0.2778550, "%9.0g", "  .277855"),
    (0.00049, "%9.0g", "   .00049"),
    (0.7884, "%9.0g", "    .7884"),
    (-0.0774964, "%9.0g", "-.0774964"),
    (1605.9728, "%10.0g", " 1605.9728"),
    (-27350.741, "%10.0g", "-27350.741"),
    (-28711.99, "%10.0g", " -28711.99"),
    (-28073.4, "%10.0g", "  -28073.4"),
    (21790, "%9.0g", "    21790"),
    (17, "%8.0g", "      17"),
    (1.11, "%8.2f", "    1.11"),
    (-0.11, "%8.2f", "   -0.11"),
    (0.70, "%8.2f", "    0.70"),
    (-18.97, "%8.2f", "  -18.97"),
    (0.269, "%5.3f", "0.269"),
    (0.0, "%5.3f", "0.000"),
    (0.0, "%6.4f", "0.0000"),
    (23.0, "%9.2f", "    23.00"),
    (1281.8, "%9.1f", "   1281.8"),
    (95.3, "%9.1f", "     95.3"),
    (None, "%9.0g", "        ."),
    (float("nan"), "%6.4f", "     ."),
    (5946, "%9.0gc", "    5,946"),
    (6.71e-10, "%9.0g", " 6.71e-10"),
    (0.0000123, "%9.0g", " .0000123"),
    (0.00000123, "%9.0g", " 1.23e-06"),
    (0.00001, "%9.0g", "   .00001"),
    (1e-6, "%10.0g", " 1.000e-06"),
    (123456789, "%9.0g", " 1.23e+08"),
    (12345678, "%9.0g", " 12345678"),
    (-12345678, "%9.0g", "-12345678"),
    (0, "%9.0g", "        0"),
    (12345.0, "%9.2e", " 1.23e+04"),
    (2927.84, "%8.2f", " 2927.84"),
    ("abc", "%-8s", "abc     "),
    ("abc", "%8s", "     abc"),
    (3.5, "%-9.0g", "3.5      "),
]


@pytest.mark.parametrize("value,fmt,expected", CASES)
def test_known_values(value, fmt, expected):
    assert format_number(value, fmt) == expected


def test_parse_format():
    f = parse_format("%-10.3gc")
    assert (f.width, f.decimals, f.kind, f.left, f.commas) == (10, 3, "g", True, True)
    assert not is_valid_format("%x")
    assert is_valid_format("%9.0g")


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)


@settings(max_examples=400, deadline=None)
@given(finite)
def test_g9_never_exceeds_width(x):
    assert len(format_number(x, "%9.0g")) == 9
    assert len(format_number(x, "%10.0g")) == 10


@settings(max_examples=400, deadline=None)
@given(finite)
def test_g_round_trips_within_shown_precision(x):
    text = format_number(x, "%9.0g").strip()
    back = float(text)
    if x == 0:
        assert back == 0
        return
    if "e" in text:
        mant = text.split("e")[0]
        decimals = len(mant.split(".")[1]) if "." in mant else 0
        tol = 0.5 * 10.0 ** (-decimals) * 10.0 ** math.floor(math.log10(abs(back) or 1)) * 1.000001
    else:
        decimals = len(text.split(".")[1]) if "." in text else 0
        # the fixed text shows as many decimals as fit; anything dropped was zero
        budget_dec = 8 - len(text.lstrip("-").split(".")[0]) - 1
        tol = 0.5 * 10.0 ** (-max(budget_dec, decimals, 0)) * 1.000001
    assert abs(back - x) <= tol + abs(x) * 1e-15


def test_fixed_exponent_switch_points():
    # large: 8 integer digits fit in %9.0g, 9 do not
    assert format_number(99999999, "%9.0g").strip() == "99999999"
    assert "e+" in format_number(100000000, "%9.0g")
    # small: .0000123 keeps 3 significant digits in fixed form, .00000123 only 2
    assert format_number(0.0000999, "%9.0g").strip() == ".0000999"
    assert format_number(0.00000999, "%9.0g").strip() == "9.99e-06"
    # %10.0g has room for one more digit
    assert format_number(0.00001234, "%10.0g").strip() == ".00001234"
    assert format_number(0.000001234, "%10.0g").strip() == "1.234e-06"


def test_fixed_too_wide_for_its_format():
    """%w.df wider than w: the exponent form with d decimals (Stata 8's display %9.2fc
    10000000 is 1.00e+07), also when it overflows less than 300 digits would; a fixed text
    that overflows less than the exponent form is kept (no evidence of Stata's choice)."""
    assert format_number(10000000, "%9.2fc") == " 1.00e+07"
    assert format_number(1e20, "%9.2f") == " 1.00e+20"
    assert format_number(-1e20, "%9.2f") == "-1.00e+20"
    assert format_number(1e300, "%7.0f") == " 1e+300"
    assert format_number(1e300, "%8.4f") == "1.0000e+300"
    assert format_number(123456.789, "%9.2f") == "123456.79"  # fits: unchanged
    assert format_number(-49.51, "%5.2f") == "-49.51"
    assert format_number(12345, "%09.2f") == "012345.00"


def test_abbrev():
    assert abbrev("displacement", 8) == "displa~t"
    assert abbrev("cntryid", 12) == "cntryid"
    assert abbrev("averyveryverylongname", 12) == "averyveryv~e"
    assert abbrev_re("educgroupc", 8) == "educg~pc"
    assert abbrev_re("malem", 8) == "malem"


def test_date_formats_and_unknown_formats_never_crash():
    assert format_number(0, "%td") == "01jan1960"
    assert format_number(21915, "%td") == "01jan2020"
    assert format_number(722, "%tm") == "2020m3"
    assert format_number(240, "%tq") == "2020q1"
    assert format_number(None, "%td") == "."
    assert is_valid_format("%tdDD/NN/CCYY") and not is_valid_format("%x")
    assert format_number(5, "%21x") == "        5"  # unsupported: shown as %9.0g


def test_comma_formats():
    assert format_number(1234567.891, "%12.2fc") == "1,234,567.89"
    assert format_number(-1234.5, "%10.1fc") == "  -1,234.5"
    assert format_number(21790, "%9.0gc") == "   21,790"
    assert format_number(3.14159, "%010.3f") == "000003.142"
