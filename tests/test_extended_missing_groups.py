"""``.``, ``.a`` ... ``.z`` are distinct values wherever the data are grouped: bysort's order
and headings, egen group(), missing, levelsof, missing, collapse by().  Stata's order is every
number < ``.`` < ``.a`` < ... < ``.z``."""
from __future__ import annotations

import pytest

from mlmcli.missing import code

SETUP = """set obs 7
generate x = _n
generate g = .a in 1/2
replace g = .b in 3
replace g = 2 in 4
replace g = 1 in 6/7"""


@pytest.fixture
def grouped(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP)
    assert rc == 0, out
    return s


def test_bysort_orders_and_separates_missing_codes(grouped, run):
    out, rc = run(grouped, "bysort g: generate n = _N\nby g: generate s = sum(x)")
    assert rc == 0, out
    d = grouped.data
    assert code(d.numeric("g")).tolist() == [-1, -1, -1, 0, 1, 1, 2]
    assert d.numeric("x").tolist() == [6, 7, 4, 5, 1, 2, 3]  # stable within each value
    assert d.numeric("n").tolist() == [2, 2, 1, 1, 2, 2, 1]
    assert d.numeric("s").tolist() == [6, 13, 4, 5, 1, 3, 3]


def test_by_headings_show_each_missing_code_or_its_label(grouped, run):
    out, rc = run(grouped, 'label define gl .a "refused" 1 "one"\nlabel values g gl\nby g, sort: count')
    assert rc == 0, out
    heads = [line for line in out.splitlines() if line.startswith("->")]
    assert heads == ["-> g = one", "-> g = 2", "-> g = .", "-> g = refused", "-> g = .b"]


def test_egen_group_missing_numbers_each_code(grouped, run):
    out, rc = run(grouped, "egen t = group(g), missing\negen u = group(g)\nsort x")
    assert rc == 0, out
    d = grouped.data
    # rows by x: .a .a .b 2 . 1 1
    assert d.numeric("t").tolist() == [4, 4, 5, 2, 3, 1, 1]
    assert code(d.numeric("u")).tolist() == [0, 0, 0, -1, 0, -1, -1]
    assert d.numeric("u")[[3, 5, 6]].tolist() == [2, 1, 1]


def test_levelsof_missing_lists_each_code(grouped, run):
    out, rc = run(grouped, "levelsof g, missing")
    assert (out.strip(), rc) == ("1 2 . .a .b", 0)
    assert grouped.r["levels"] == "1 2 . .a .b"
    out, rc = run(grouped, "levelsof g")
    assert (out.strip(), rc) == ("1 2", 0)


def test_collapse_by_keeps_each_missing_code(grouped, run):
    out, rc = run(grouped, "collapse (sum) x (count) n=x, by(g)")
    assert rc == 0, out
    d = grouped.data
    assert code(d.numeric("g")).tolist() == [-1, -1, 0, 1, 2]
    assert d.numeric("g")[:2].tolist() == [1, 2]
    assert d.numeric("x").tolist() == [13, 4, 5, 3, 3]
    assert d.numeric("n").tolist() == [2, 1, 1, 2, 1]


def test_merge_matches_each_missing_code_only_with_itself(new_session, run, tmp_path):
    s = new_session()
    using = tmp_path / "using.dta"
    out, rc = run(s, f"""set obs 3
generate g = .a in 1
replace g = 1 in 3
generate y = _n * 10
save "{using}"
clear
set obs 4
generate g = .a in 1
replace g = 1 in 4
generate x = _n
merge m:1 g using "{using}"
sort x""")
    assert rc == 0, out  # g = . (row 2) and .a (row 1) are distinct keys in the using data
    d = s.data
    assert d.numeric("y").tolist() == [10, 20, 20, 30]
    assert d.numeric("_merge").tolist() == [3, 3, 3, 3]


def test_merge_one_to_one_refuses_repeated_missing_code(new_session, run, tmp_path):
    s = new_session()
    using = tmp_path / "using.dta"
    out, rc = run(s, f"""set obs 2
generate g = .a
save "{using}"
clear
set obs 1
generate g = .b
merge 1:1 g using "{using}\"""", stop_on_error=False)
    assert rc == 459 and "variable g does not uniquely identify observations in the using data" in out


def test_statsby_by_missing_runs_each_missing_code(grouped, run):
    out, rc = run(grouped, "statsby n=r(N), by(g, missing) clear: summarize x")
    assert rc == 0, out
    d = grouped.data
    assert code(d.numeric("g")).tolist() == [-1, -1, 0, 1, 2]
    assert d.numeric("n").tolist() == [2, 1, 1, 2, 1]
