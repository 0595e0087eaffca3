"""``import delimited ..., rowrange([start][:end]) colrange([start][:end])``: file lines counted
from the first (the names line and blank lines count), the names read from their own line;
bad ranges refused with the data and the file left as they were."""
from __future__ import annotations

import csv

import numpy as np
import pytest

LINES = ["id,name,score,grp", "1,ann,3.5,a", "2,bob,4,b", "", "3,cy,5,a", "4,dee,6,b", "5,eve,7.25,a"]


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("\n".join(LINES) + "\n")
    return path


def _expected(lines, first, last, cols):
    """The rows rowrange() keeps, read independently with the csv module."""
    kept = [row for k, row in enumerate(csv.reader(lines), start=1)
            if row and k > 1 and k >= first and (last is None or k <= last)]
    return [[row[j] for j in cols] for row in kept]


@pytest.mark.parametrize("opts,first,last,cols", [
    ("rowrange(3:5)", 3, 5, [0, 1, 2, 3]),
    ("rowrange(:3)", 1, 3, [0, 1, 2, 3]),
    ("rowrange(5)", 5, None, [0, 1, 2, 3]),
    ("rowrange(1:)", 1, None, [0, 1, 2, 3]),
    ("colrange(2:3)", 1, None, [1, 2]),
    ("colrange(:2) rowrange(2:3)", 2, 3, [0, 1]),
    ("colrange(3)", 1, None, [2, 3]),
])
def test_ranges_keep_the_lines_and_columns_asked_for(do, csv_file, opts, first, last, cols):
    rc, out, s = do(f'import delimited using "{csv_file}", {opts} clear')
    assert rc == 0, out
    header = LINES[0].split(",")
    assert s.data.varnames == [header[j] for j in cols]
    want = _expected(LINES, first, last, cols)
    assert s.data.nobs == len(want)
    for k, name in enumerate(s.data.varnames):
        got = s.data.df[name].tolist()
        cells = [row[k] for row in want]
        if name == "name" or name == "grp":
            assert got == cells
        else:
            np.testing.assert_allclose(got, [float(c) for c in cells])


def test_nonames_counts_the_first_line_as_data(do, csv_file):
    rc, out, s = do(f'import delimited using "{csv_file}", varnames(nonames) rowrange(2:3) colrange(2:2) clear')
    assert rc == 0 and s.data.varnames == ["v1"] and s.data.df["v1"].tolist() == ["ann", "bob"]
    rc, out, s = do(f'import delimited using "{csv_file}", varnames(nonames) rowrange(:1) clear')
    assert rc == 0 and s.data.nobs == 1 and s.data.df["v2"].tolist() == ["name"]


def test_second_line_read_alone_under_the_names(do, csv_file):
    # a public idiom: varnames(1) rowrange(2:2) reads the line below the names (labels)
    rc, out, s = do(f'import delimited using "{csv_file}", varnames(1) rowrange(2:2) clear')
    assert rc == 0 and s.data.nobs == 1 and s.data.df["name"].tolist() == ["ann"]


def test_numericcols_number_the_kept_columns(do, csv_file):
    rc, out, s = do(f'import delimited using "{csv_file}", colrange(2:3) stringcols(2) clear')
    assert rc == 0 and s.data.df["score"].tolist()[:2] == ["3.5", "4"]


def test_range_beyond_the_file_loads_no_observations(do, csv_file):
    rc, out, s = do(f'import delimited using "{csv_file}", rowrange(50:60) clear')
    assert rc == 0 and s.data.nobs == 0 and s.data.varnames == LINES[0].split(",")


@pytest.mark.parametrize("opt", ["rowrange(5:2)", "rowrange(0:3)", "rowrange(a:b)", "colrange(3:1)",
                                 "colrange(-1)", "rowrange()", "rowrange(1.5)"])
def test_bad_ranges_leave_data_and_file_alone(do, csv_file, opt):
    before = csv_file.read_bytes()
    rc, out, s = do(f'clear\nset obs 3\ngen k = _n * 7\nimport delimited using "{csv_file}", {opt} clear')
    assert rc == 198 and "invalid" in out
    assert s.data.varnames == ["k"] and s.data.df["k"].tolist() == [7, 14, 21]
    assert csv_file.read_bytes() == before


def test_insheet_and_lazy_refuse_ranges(do, csv_file):
    rc, out, _ = do(f'insheet using "{csv_file}", rowrange(2:3) clear')
    assert rc == 198 and "rowrange() not allowed" in out
    rc, out, _ = do(f'import delimited using "{csv_file}", colrange(1:2) lazy clear')
    assert rc == 198 and "colrange()" in out
