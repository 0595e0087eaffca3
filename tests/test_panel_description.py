"""``xtdescribe``, ``xtsum``, ``xttab`` and ``xttrans``: their numbers on Stata's nlswork
against the [XT] manual entries' examples (and a Statalist log of ``xtsum hours``), their
layout, and closed-form checks on a small generated panel."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def nlswork(shared_dir):
    path = shared_dir / "data" / "stata" / "nlswork.dta"
    if not path.exists():
        pytest.skip("nlswork.dta not in ../shared")
    return path


XTSUM_HOURS = """
Variable         |      Mean   Std. Dev.       Min        Max |    Observations
-----------------+--------------------------------------------+----------------
hours    overall |  36.55956   9.869623          1        168 |     N =   28467
         between |             7.846585          1       83.5 |     n =    4710
         within  |             7.520712  -2.154726   130.0596 | T-bar = 6.04395"""

XTTAB_MSP = """
                  Overall             Between            Within
      msp |    Freq.  Percent      Freq.  Percent        Percent
----------+-----------------------------------------------------
        0 |   11324     39.71      3113     66.08          62.69
        1 |   17194     60.29      3643     77.33          75.75
----------+-----------------------------------------------------
    Total |   28518    100.00      6756    143.41          69.73
                              (n = 4711)"""

XTDESCRIBE = """
  idcode:  1, 2, ..., 5159                                   n =       4711
    year:  68, 69, ..., 88                                   T =         15
           Delta(year) = 1 unit
           Span(year)  = 21 periods
           (idcode*year uniquely identifies each observation)

Distribution of T_i:   min      5%     25%       50%       75%     95%     max
                         1       1       3         5         9      13      15

     Freq.  Percent    Cum. |  Pattern
 ---------------------------+-----------------------
      136      2.89    2.89 |  1....................
      114      2.42    5.31 |  ....................1
       89      1.89    7.20 |  .................1.11
       87      1.85    9.04 |  ...................11
       86      1.83   10.87 |  111111.1.11.1.11.1.11
       61      1.29   12.16 |  ..............11.1.11
       56      1.19   13.35 |  11...................
       54      1.15   14.50 |  ...............1.1.11
       54      1.15   15.64 |  .......1.11.1.11.1.11
     3974     84.36  100.00 | (other patterns)
 ---------------------------+-----------------------
     4711    100.00         |  XXXXXX.X.XX.X.XX.X.XX"""


@pytest.mark.parametrize("command,expected", [("xtsum hours", XTSUM_HOURS), ("xttab msp", XTTAB_MSP),
                                              ("xtdescribe", XTDESCRIBE)])
def test_manual_examples(do, nlswork, command, expected):
    rc, out, _ = do(f'use "{nlswork}", clear\nquietly xtset idcode year\n{command}', echo=True)
    assert rc == 0, out
    assert expected in out


def test_xttrans_row_percentages(do, nlswork):
    rc, out, s = do(f'use "{nlswork}", clear\nquietly xtset idcode year\nxttrans msp, freq')
    assert rc == 0, out
    assert "80.49      19.51" in out and "7.96      92.04" in out and "37.11      62.89" in out
    assert s.r["N"] == 23796


@pytest.fixture
def small():
    # 3 panels: id 1 (x = 1, 1, 2), id 2 (x = 2, 2), id 3 (x = 1)
    return pd.DataFrame({"id": [1., 1, 1, 2, 2, 3], "t": [1., 2, 3, 1, 2, 1], "x": [1., 1, 2, 2, 2, 1]})


def test_xtsum_closed_form(do, small):
    rc, out, s = do("xtset id t\nxtsum x", df=small)
    assert rc == 0, out
    x = small.x.to_numpy()
    means = small.groupby("id").x.mean()
    within = x - small.groupby("id").x.transform("mean").to_numpy()
    r = s.r
    assert r["N"] == 6 and r["n"] == 3 and r["Tbar"] == 2
    np.testing.assert_allclose([r["mean"], r["sd"], r["sd_b"], r["sd_w"], r["min_w"], r["max_w"]],
                               [x.mean(), x.std(ddof=1), means.std(ddof=1), within.std(ddof=1),
                                within.min() + x.mean(), within.max() + x.mean()])


def test_xttab_closed_form(do, small):
    rc, out, s = do("xtset id t\nxttab x", df=small)
    assert rc == 0, out
    m = s.r["results"].values
    # value 1: 3 obs, panels 1 and 3 (2 of 3), within shares 2/3 and 1/1
    np.testing.assert_allclose(m[0], [1, 3, 50, 2, 200 / 3, 100 * (2 / 3 + 1) / 2])
    np.testing.assert_allclose(m[1], [2, 3, 50, 2, 200 / 3, 100 * (1 / 3 + 1) / 2])


def test_xttrans_counts_consecutive_observations(do, small):
    rc, out, s = do("xtset id t\nxttrans x, freq", df=small)
    assert rc == 0, out
    assert s.r["N"] == 3  # (1,1), (1,2) in panel 1 and (2,2) in panel 2


@pytest.mark.parametrize("text,rc,message", [
    ("xtsum x", 459, "panel variable not set; use xtset varname ..."),
    ("xtset id\nxtdescribe", 459, "time variable not set, use xtset panelvar timevar"),
    ("xtset id\nxttrans x", 459, "time variable not set, use xtset panelvar timevar"),
    ("xtset id\nxttab", 100, "varlist required"),
    ("xtset id\nxttab x t", 103, "too many variables specified"),
    ("xtset id\nxtsum nosuch", 111, "variable nosuch not found"),
])
def test_refusals(do, small, text, rc, message):
    got, out, _ = do(text, df=small)
    assert got == rc and message in out, out


def test_xtdescribe_leaves_the_summary_of_T_i_in_r(do, small):
    # xtdescribe.ado is not r-class: r() holds its last r-class command, summarize T_i, detail
    rc, out, s = do("xtset id t\nxtdescribe", df=small)
    assert rc == 0, out
    r = s.r
    assert r["N"] == 3 and r["sum"] == 6 and r["min"] == 1 and r["max"] == 3 and r["p50"] == 2
    assert r["mean"] == 2 and r["sd"] == pytest.approx(1.0)
