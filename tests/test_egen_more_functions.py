"""The egen functions added for real do-files: cut()/group() labels, rowpctile, anyvalue, diff,
concat, ends, fill, seq, mad, mdev, rownonmiss over strings; options checked per function."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset


@pytest.fixture
def s4(new_session):
    ds = Dataset(df=pd.DataFrame({"x": [1.0, 3.0, 5.0, 7.0], "y": [2.0, np.nan, 6.0, 8.0], "g": [1.0, 1.0, 2.0, 2.0],
                                  "s": ["ab cd", "ef", "gh ij kl", ""]}),
                 value_label_of={"g": "gl"}, value_labels={"gl": {1.0: "one", 2.0: "two"}})
    return new_session(ds)


def _col(s, name):
    values = s.data.df[name]
    if s.data.is_string(name):
        return list(values)
    return [None if np.isnan(v) else v for v in values]


def test_cut_at_numlist_icodes_label(s4, run):
    out, rc = run(s4, "egen c = cut(x), at(0(4)8) label\negen c2 = cut(x), at(0 4 8) icodes label\n"
                      "egen c3 = cut(x), at(2 6)")
    assert rc == 0, out
    # _gcut.ado: label implies icodes, and every cut point (the top one too) labels its code
    assert _col(s4, "c") == [0, 0, 1, 1] and _col(s4, "c2") == [0, 0, 1, 1] and _col(s4, "c3") == [None, 2, 2, None]
    assert s4.data.value_labels["c"] == {0.0: "0-", 1.0: "4-", 2.0: "8-"}
    assert s4.data.value_labels["c2"] == {0.0: "0-", 1.0: "4-", 2.0: "8-"}


def test_group_label_missing_truncate(s4, run):
    run(s4, "egen gr = group(g y), label missing\negen gt = group(g), label truncate(1)\negen gn = group(g y)")
    assert _col(s4, "gr") == [1, 2, 3, 4] and _col(s4, "gn") == [1, None, 2, 3]
    assert s4.data.value_labels["gr"] == {1.0: "one 2", 2.0: "one .", 3.0: "two 6", 4.0: "two 8"}
    assert s4.data.value_labels["gt"] == {1.0: "o", 2.0: "t"}


def test_row_and_value_functions(s4, run):
    run(s4, "egen rp = rowpctile(x y), p(50)\negen av = anyvalue(x), values(1 5)\negen df = diff(x y)\n"
            "egen same = diff(x x)\negen rnm = rownonmiss(x y s)\negen rms = rowmiss(x y s)")
    assert _col(s4, "rp") == [1.5, 3, 5.5, 7.5] and _col(s4, "av") == [1, None, 5, None]
    assert _col(s4, "df") == [1, 1, 1, 1] and _col(s4, "same") == [0, 0, 0, 0]
    assert _col(s4, "rnm") == [3, 2, 3, 2] and _col(s4, "rms") == [0, 1, 0, 1]


def test_concat_and_ends_make_strings(s4, run):
    out, rc = run(s4, 'egen cc = concat(x s), punct("-")\negen cd = concat(g x), decode punct(" ")\n'
                      "egen e1 = ends(s)\negen e2 = ends(s), last\negen e3 = ends(s), tail\n"
                      "egen cf = concat(y), format(%4.1f) maxlength(2)")
    assert rc == 0, out
    assert _col(s4, "cc") == ["1-ab cd", "3-ef", "5-gh ij kl", "7-"] and s4.data.types["cc"] == "str10"
    assert _col(s4, "cd") == ["one 1", "one 3", "two 5", "two 7"]
    assert _col(s4, "e1") == ["ab", "ef", "gh", ""] and _col(s4, "e2") == ["cd", "ef", "kl", ""]
    assert _col(s4, "e3") == ["cd", "", "ij kl", ""] and _col(s4, "cf") == ["2.", ".", "6.", "8."]
    assert "(1 missing value generated)" in out


def test_fill_seq_mad_mdev(s4, run):
    run(s4, "egen f = fill(10 20)\negen f2 = fill(1 1 2 2)\negen f3 = fill(1 2 1 2)\negen sq = seq(), by(g)\n"
            "egen sq2 = seq(), from(5) to(4)\negen sq3 = seq(), block(2)\negen md = mad(x)\negen mv = mdev(x), by(g)")
    assert _col(s4, "f") == [10, 20, 30, 40] and _col(s4, "f2") == [1, 1, 2, 2] and _col(s4, "f3") == [1, 2, 1, 2]
    assert _col(s4, "sq") == [1, 2, 1, 2] and _col(s4, "sq2") == [5, 4, 5, 4] and _col(s4, "sq3") == [1, 1, 2, 2]
    assert _col(s4, "md") == [2, 2, 2, 2] and _col(s4, "mv") == [1, 1, 1, 1]


@pytest.mark.parametrize("line, rc, message", [
    ("egen a = mean(x), values(1)", 198, "option values not allowed"),
    ("egen a = fill(1 2) if x > 2", 190, "fill() may not be combined with by, if, or in"),
    ("egen a = seq(x)", 198, "invalid syntax"),
    ("egen a = ends(x)", 109, "type mismatch"),
    ("egen a = ends(s), head last", 198, "exclusive"),
    ("egen a = anyvalue(x y), values(1)", 103, "too many variables specified"),
    ("egen a = rowpctile(x y), p(120)", 198, "p() must be between 0 and 100"),
    ("egen a = fill(3)", 198, "at least two numbers"),
    ("egen double a = concat(x s)", 109, "type mismatch"),
])
def test_errors_leave_the_data_unchanged(s4, run, line, rc, message):
    before = s4.data.df.copy()
    out, got = run(s4, line)
    assert got == rc and message in out
    pd.testing.assert_frame_equal(s4.data.df, before)
