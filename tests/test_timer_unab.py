"""``timer`` ([P] timer) and ``unab`` ([P] unab)."""
from __future__ import annotations

import re

import pandas as pd


def test_timer_accumulates_counts_and_lists(do):
    rc, out, s = do("summarize x\ntimer clear\ntimer on 1\nsleep 30\ntimer off 1\ntimer on 1\ntimer off 1\n"
                    "timer on 3\ntimer off 3\ntimer list", df=pd.DataFrame({"x": [1.0, 2.0]}))
    assert rc == 0, out
    lines = out.splitlines()[-2:]
    # Stata's layout: "   1:      0.02 /        2 =       0.0120"
    assert re.fullmatch(r"   1: +\d+\.\d\d / {8}2 = +\d+\.\d{4}", lines[0]) and len(lines[0]) == 41, lines
    assert lines[1].startswith("   3:") and lines[1].endswith("/        1 =       0.0000")
    assert s.r["nt1"] == 2 and 0.03 <= s.r["t1"] < 5 and s.r["nt3"] == 1
    assert s.r["N"] == 2  # timer list adds to r(), it does not replace it


def test_timer_clear_one_and_list_one(do):
    rc, out, s = do("timer on 2\ntimer off 2\ntimer on 4\ntimer off 4\ntimer clear 2\ntimer list\ntimer list 2")
    assert rc == 0
    assert [line[:5] for line in out.splitlines()] == ["   4:", "   2:"]
    assert s.r["nt2"] == 0 and s.r["t2"] == 0


def test_timer_errors(do):
    assert do("timer on 0")[0] == 198
    assert do("timer on 101")[0] == 198
    assert do("timer on")[0] == 198
    assert do("timer start 1")[0] == 198
    assert do("timer list 1 2")[0] == 198


def test_unab_expands_wildcards_ranges_and_abbreviations(do):
    df = pd.DataFrame({"state_1": [1], "state_2": [2], "other": [3]})
    rc, out, s = do("unab v : state_*\nunab w : state_1-other\nunab a : oth\n"
                    "foreach x of local v {\ndisplay \"`x'\"\n}", df=df)
    assert rc == 0, out
    assert s.locals["v"] == "state_1 state_2" and s.locals["w"] == "state_1 state_2 other"
    assert s.locals["a"] == "other" and out == "state_1\nstate_2\n"


def test_unab_errors_leave_the_macro(do):
    df = pd.DataFrame({"a": [1], "b": [2]})
    rc, out, s = do("local v keep\ncapture unab v : nothere\ndisplay _rc", df=df)
    assert out == "111\n" and s.locals["v"] == "keep"
    assert do("unab v : _all, max(1)", df=df)[:2] == (103, "too many variables specified\nr(103);\n")
    assert do("unab v : a, min(2) name(myvars)", df=df)[:2] == (102, "myvars:  too few variables specified\nr(102);\n")
    assert do("unab v a", df=df)[0] == 198
    assert do("unab : a", df=df)[0] == 198
