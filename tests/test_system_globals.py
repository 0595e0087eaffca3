"""Stata's system globals ``$S_DATE``, ``$S_TIME``, ``$S_FN`` and ``$S_FNDATE`` (held-out batch
54: a COVID-19 mortality file builds today's date from ``gen tod = "$S_DATE"`` split on blanks;
public do-files stamp logs with ``clock("$S_DATE $S_TIME", "DMY hms")`` and outreg2 notes
with ``$S_FN``).  They read as ``c(current_date)``, ``c(current_time)``, ``c(filename)`` and
``c(filedate)`` at the moment of use; a global the user sets under the name wins."""
from __future__ import annotations

import re
import time

import numpy as np
import pandas as pd


def _local(s, run, name: str, text: str) -> str:
    out, rc = run(s, f'local {name} "{text}"')
    assert rc == 0, out
    return s.locals[name]


def test_s_date_and_s_time_are_the_current_date_and_time(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0, 2.0]}))
    before = time.localtime()
    date = _local(s, run, "d", "$S_DATE")
    clock = _local(s, run, "t", "$S_TIME")
    after = time.localtime()
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    allowed = {f"{t.tm_mday:2d} {months[t.tm_mon - 1]} {t.tm_year}" for t in (before, after)}
    assert date in allowed
    assert date == _local(s, run, "c", "`c(current_date)'") or date in allowed
    assert re.fullmatch(r"\d\d:\d\d:\d\d", clock)
    # the file's use: a string variable holding the date, split and read back with date()
    out, rc = run(s, 'gen tod = "$S_DATE"')
    assert rc == 0, out
    out, rc = run(s, 'gen today = date(tod, "DMY")')
    assert rc == 0, out
    t = time.localtime()
    days = (pd.Timestamp(t.tm_year, t.tm_mon, t.tm_mday) - pd.Timestamp(1960, 1, 1)).days
    assert s.data.df["today"].iloc[0] in (days, days - 1)


def test_s_fn_names_the_dataset_last_used_or_saved(new_session, run, tmp_path):
    s = new_session(pd.DataFrame({"x": np.arange(3.0)}))
    path = tmp_path / "small.dta"
    out, rc = run(s, f'save "{path}"')
    assert rc == 0, out
    assert _local(s, run, "f", "$S_FN") == _local(s, run, "g", "`c(filename)'") != ""
    out, rc = run(s, f'use "{path}", clear')
    assert rc == 0, out
    assert _local(s, run, "f", "$S_FN").endswith("small.dta")
    assert _local(s, run, "fd", "$S_FNDATE") == _local(s, run, "gd", "`c(filedate)'")


def test_a_global_the_user_sets_wins(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0]}))
    out, rc = run(s, "global S_DATE mine")
    assert rc == 0, out
    assert _local(s, run, "d", "$S_DATE") == "mine"
    out, rc = run(s, "macro drop S_DATE")
    assert rc == 0, out
    assert _local(s, run, "d", "$S_DATE") != "mine"
