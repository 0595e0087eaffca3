"""``unique`` (SSC, Hills & Brady; unique.ado 1.2.1): the number of unique values of a varlist
and of records, by() groups with generate(), detail.  Seen in heldout/anon-elsa-activity
(``unique idauniq`` after each complete-case step)."""
from __future__ import annotations

import numpy as np

SETUP = ('clear\nset obs 12\ngenerate id = ceil(_n/3)\nreplace id = . in 12\ngenerate g = mod(_n, 2)\n'
         'generate s = cond(_n < 4, "a", "b")\ngenerate order = -_n\nsort order\n')


def test_counts_and_stored_results(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "unique id")
    assert rc == 0, out
    assert out.splitlines()[-2:] == ["Number of unique values of id is  4", "Number of records is  11"]
    assert s.r == {"unique": 4.0, "N": 11.0}
    out, _ = run(s, 'unique id s if g == 1')
    assert "Number of unique values of id s is  4" in out and "Number of records is  6" in out
    assert list(s.data.numeric("order")) == list(range(-12, 0))  # the sort order is kept


def test_by_generates_and_lists(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "unique id if id != 2, by(g) generate(n_id)")
    assert rc == 0, out
    assert "variable n_id contains number of unique values of id by g" in out
    n_id = s.data.numeric("n_id")
    assert sorted(n_id[~np.isnan(n_id)]) == [3.0, 3.0]  # one count per group, on one record
    assert "| g   n_id |" in out
    out, rc = run(s, "unique id, by(g) generate(n_id)", stop_on_error=False)
    assert rc == 110 and "variable n_id already defined" in out
    out, rc = run(s, "unique id, by(g)\nunique id, by(g)")  # _Unique is replaced
    assert rc == 0 and "_Unique" in s.data.varnames


def test_detail_summarizes_records_per_value(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "unique id, detail")
    assert rc == 0, out
    assert "Records per id" in out and "Obs                   4" in out
    assert s.r == {"unique": 4.0, "N": 11.0}
    assert "__unique_count" not in s.data.varnames


def test_errors(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "unique", stop_on_error=False)
    assert rc == 100 and "varlist required" in out
    out, rc = run(s, "unique nosuch", stop_on_error=False)
    assert rc == 111
