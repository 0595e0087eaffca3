"""``dstdize``: directly standardized rates against R (tests/power_reference/dstdize_reference.R:
epitools::ageadjust.direct and the normal interval written out), dstdize.ado's layout, the three
standard populations (the data, base(), using()), r() and refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF: dict = {}
for line in (Path(__file__).parent / "power_reference" / "dstdize_reference.txt").read_text().splitlines():
    key, stat, value = line.split()
    REF.setdefault(key, {})[stat] = float(value)


@pytest.fixture
def data():
    return pd.DataFrame({"state": ["Maine"] * 3 + ["Iowa"] * 3, "agecat": [1.0, 2, 3, 1, 2, 3],
                         "deaths": [60.0, 150, 300, 40, 100, 250], "pop": [3000.0, 5000, 2000, 4000, 4500, 1500]})


GROUP = """
----------------------------------------------------------
-> state= Iowa 
                         -----Unadjusted-----  Std.
                                Pop.  Stratum  Pop.
  Stratum       Pop.     Cases  Dist. Rate[s] Dst[P]  s*P
----------------------------------------------------------
    young       4000        40  0.400 0.0100  0.350 0.0035
   middle       4500       100  0.450 0.0222  0.475 0.0106
      old       1500       250  0.150 0.1667  0.175 0.0292
----------------------------------------------------------
Totals:        10000       390    Adjusted Cases:    432.2
                                      Crude Rate:   0.0390
                                   Adjusted Rate:   0.0432
                       95% Conf. Interval: [0.0392, 0.0473]"""

SUMMARY = """
Summary of Study Populations:
    state    N      Crude     Adj_Rate       Confidence Interval
 --------------------------------------------------------------------------
     Iowa      10000  0.039000  0.043222  [  0.039192,    0.047252]
    Maine      10000  0.051000  0.047500  [  0.043548,    0.051452]"""


def _check(s, tag):
    for i, group in enumerate(("Iowa", "Maine")):
        ref = REF[f"{tag}_{group}"]
        for name, key in (("crude", "crude"), ("adj", "adj"), ("se", "se"), ("lb", "lb"), ("ub", "ub")):
            assert abs(s.r[name].values[0, i] - ref[key]) < 1e-12, (name, group)


def test_layout_and_numbers(do, data):
    rc, out, s = do("label define ag 1 young 2 middle 3 old\nlabel values agecat ag\n"
                    "dstdize deaths pop agecat, by(state)", data)
    assert rc == 0 and GROUP in out and SUMMARY in out, out
    _check(s, "all")
    assert s.r["k"] == 2 and s.r["c1"] == "Iowa" and s.r["Nobs"].values.tolist() == [[10000, 10000]]


def test_base_print_level(do, data):
    rc, out, s = do("dstdize deaths pop agecat, by(state) base(Iowa) print level(90)", data)
    assert rc == 0 and "------Standard Population------" in out and "90% Conf. Interval:" in out, out
    _check(s, "baseIowa")


def test_using_file(do, data, tmp_path):
    std = tmp_path / "std.dta"
    rc, out, _ = do(f'clear\ninput agecat pop\n1 1000\n2 2000\n3 3000\nend\nsave "{std}"')
    assert rc == 0, out
    rc, out, s = do(f'dstdize deaths pop agecat, by(state) using("{std}")', data)
    assert rc == 0, out
    _check(s, "using")


def test_missing_strata_and_nores(do, data):
    df = pd.concat([data, pd.DataFrame({"state": ["Iowa"], "agecat": [np.nan], "deaths": [5.0], "pop": [50.0]})])
    rc, out, s = do("dstdize deaths pop agecat, by(state) nores format(%9.4f)", df)
    assert rc == 0 and "(1 observation excluded because of missing values)" in out and "k" not in s.r, out
    assert s.r["by"] == "state" and "0.0390" in out


@pytest.mark.parametrize("command, message, code", [
    ("dstdize deaths pop, by(state)", "too few variables specified", 102),
    ("dstdize deaths pop agecat", "option by() required", 198),
    ("replace deaths = 5000 in 1\ndstdize deaths pop agecat, by(state)", "deaths must be <= pop", 499),
    ("replace pop = 2.5 in 1\ndstdize deaths pop agecat, by(state)", "pop must have nonnegative integer values", 499),
    ("dstdize deaths pop agecat, by(state) base(Ohio)", "base(Ohio) value invalid", 499),
    ("dstdize deaths pop agecat, by(state) base(Iowa) using(x)", "may not be specified together", 198),
    ("dstdize deaths pop agecat, by(state) using(nosuchfile)", "file nosuchfile not found", 601),
])
def test_refusals(do, data, command, message, code):
    rc, out, _ = do(command, data)
    assert rc == code and message in out, out


def test_saving_the_standard(do, data, tmp_path):
    target = tmp_path / "std.dta"
    rc, out, s = do(f'dstdize deaths pop agecat, by(state) saving("{target}")', data)
    assert rc == 0 and target.exists(), out
    rc, out, s2 = do(f'dstdize deaths pop agecat, by(state) saving("{target}")', data)
    assert rc == 602 and "already exists" in out
    rc, out, s2 = do(f'dstdize deaths pop agecat, by(state) saving("{target}", replace)\n'
                     f'use "{target}", clear\nlist, noobs', data)
    assert rc == 0 and s2.data.varnames == ["agecat", "pop", "_stdrate"], out
    assert s2.data.numeric("pop").tolist() == [7000, 9500, 3500]
    assert np.allclose(s2.data.numeric("_stdrate"), [0.35, 0.475, 0.175])
