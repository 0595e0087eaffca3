"""``codebook``: Stata 13's layout (blocks reproduced from Stata's own output for auto.dta's
rep78 and foreign, rebuilt here from their published frequencies), compact, options, errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset


@pytest.fixture
def auto_like(new_session):
    rep78 = [1.0] * 2 + [2.0] * 8 + [3.0] * 30 + [4.0] * 18 + [5.0] * 11 + [np.nan] * 5
    foreign = [0.0] * 52 + [1.0] * 22
    df = pd.DataFrame({"rep78": rep78, "foreign": foreign, "make": [f"Car {k:02d}" for k in range(74)]})
    ds = Dataset(df=df, types={"rep78": "int", "foreign": "byte", "make": "str18"},
                 var_labels={"rep78": "Repair Record 1978", "foreign": "Car type", "make": "Make and Model"},
                 value_label_of={"foreign": "origin"}, value_labels={"origin": {0.0: "Domestic", 1.0: "Foreign"}})
    s = new_session(ds)
    s.linesize = 80
    return s


def test_codebook_categorical_blocks_match_stata(auto_like, run):
    out, rc = run(auto_like, "codebook rep78 foreign")
    rule = "-" * 79
    assert out.splitlines() == [
        "", rule, "rep78" + " " * 56 + "Repair Record 1978", rule, "",
        "                  type:  numeric (int)", "",
        "                 range:  [1,5]                        units:  1",
        "         unique values:  5                        missing .:  5/74", "",
        "            tabulation:  Freq.  Value",
        "                             2  1", "                             8  2", "                            30  3",
        "                            18  4", "                            11  5", "                             5  .",
        "", rule, "foreign" + " " * 64 + "Car type", rule, "",
        "                  type:  numeric (byte)", "                 label:  origin", "",
        "                 range:  [0,1]                        units:  1",
        "         unique values:  2                        missing .:  0/74", "",
        "            tabulation:  Freq.   Numeric  Label",
        "                            52         0  Domestic", "                            22         1  Foreign"]


def test_codebook_continuous_and_string(new_session, run):
    x = np.arange(1.0, 101.0) / 10  # .1 .. 10
    s = new_session(pd.DataFrame({"x": x, "s": [" a b" if k % 2 else "zz" for k in range(100)]}),
                    types={"x": "float", "s": "str6"})
    s.linesize = 80
    out, rc = run(s, "codebook x s")
    lines = out.splitlines()
    assert "                 range:  [.1,10]                      units:  .1" in lines
    assert "         unique values:  100                      missing .:  0/100" in lines
    assert "                  mean:      5.05" in lines
    assert "              std. dev:   2.90115" in lines
    assert "           percentiles:        10%       25%       50%       75%       90%" in lines
    assert "                              1.05      2.55      5.05      7.55      9.05" in lines
    assert "                  type:  string (str6), but longest is str4" in lines
    assert '         unique values:  2                        missing "":  0/100' in lines
    assert '            tabulation:  Freq.  Value' in lines and '                            50  " a b"' in lines
    assert lines[-2:] == ["               warning:  variable has leading blanks",
                          "                         variable has embedded blanks"]


def test_codebook_string_examples(new_session, run):
    names = [f"name{k:02d}" for k in range(74)]
    s = new_session(pd.DataFrame({"make": names}), types={"make": "str7"})
    out, rc = run(s, "codebook make")
    lines = out.splitlines()
    i = lines.index('              examples:  "name13"')  # the 14th, 29th, 44th and 59th of 74 sorted
    assert lines[i + 1:i + 4] == ['                         "name28"', '                         "name43"',
                                  '                         "name58"']


def test_codebook_compact(auto_like, run):
    out, rc = run(auto_like, "codebook rep78 foreign make, compact")
    assert out.splitlines() == [
        "", "Variable   Obs Unique      Mean   Min    Max  Label", "-" * 79,
        "rep78       69      5  3.405797     1      5  Repair Record 1978",
        "foreign     74      2  .2972973     0      1  Car type",
        "make        74     74         .     .      .  Make and Model", "-" * 79]


def test_codebook_options_and_errors(auto_like, run):
    out, rc = run(auto_like, "codebook rep78, tabulate(3)")
    assert rc == 0 and "                  mean:    3.4058" in out.splitlines()
    out, rc = run(auto_like, "codebook rep78 if foreign == 1")
    assert "missing .:  0/22" in out or "/22" in out
    out, rc = run(auto_like, "codebook rep78, header")
    assert rc == 0 and "      Dataset:  (unnamed)" in out.splitlines()
    assert run(auto_like, "codebook nosuch")[1] == 111
    assert run(auto_like, "codebook, compact header")[1] == 198
    out, rc = run(auto_like, "codebook, problems")
    assert rc == 198 and "not implemented in mlm" in out
