"""marginsplot after margins with several at() options: after "Variables that uniquely identify
margins:" marginsplot.ado prints "  Multiple at() options specified:" and, for each, a
{p 6 10 2} paragraph "_atoption=#: spec" (the margins file's _dta[atopt#]; # in a width of 1, 2
or 4 digits by their count); one at() with a numlist is one option: nothing more."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def df():
    n = np.arange(1, 41)
    return pd.DataFrame({"x": (n * 7) % 11, "g": n % 2, "y": (n * 7) % 11 + n % 2 + (n * 5) % 7}).astype(float)


def test_each_at_option_listed(do, df):
    rc, out, _ = do("quietly regress y x i.g\nquietly margins g, at(x=1) at(x  = 5)\nmarginsplot, nodraw", df=df)
    assert rc == 0
    assert out.splitlines()[-4:] == ["  Variables that uniquely identify margins: x g",
                                     "  Multiple at() options specified:",
                                     "      _atoption=1: x=1", "      _atoption=2: x = 5"]


def test_ten_at_options_take_two_digits(do, df):
    ats = " ".join(f"at(x={v})" for v in range(10))
    rc, out, _ = do(f"quietly regress y x i.g\nquietly margins, {ats}\nmarginsplot, nodraw", df=df)
    assert rc == 0 and "      _atoption= 1: x=0" in out and "      _atoption=10: x=9" in out


def test_one_at_option_lists_nothing(do, df):
    rc, out, _ = do("quietly regress y x i.g\nquietly margins, at(x=(1 2 3))\nmarginsplot, nodraw", df=df)
    assert rc == 0 and "Multiple at()" not in out
