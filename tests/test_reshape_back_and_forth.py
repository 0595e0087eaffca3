"""``reshape long``/``reshape wide`` typed alone reverse the last reshape of the data."""
from __future__ import annotations

from mlmcli.dataset import Dataset


def test_reshape_alone_goes_back_the_way_it_came(new_session, run):
    s = new_session(Dataset())
    out, rc = run(s, "set obs 3\ngen id = _n\ngen inc1 = 10*_n\ngen inc2 = 20*_n\ngen sex = mod(_n, 2)\n")
    before = s.data.df.copy()
    out, rc = run(s, "reshape long inc, i(id) j(year)")
    assert rc == 0 and s.data.nobs == 6 and list(s.data.df.columns) == ["id", "year", "inc", "sex"]
    out, rc = run(s, "reshape wide")
    assert rc == 0, out
    assert list(s.data.df.columns) == ["id", "inc1", "inc2", "sex"]
    assert s.data.df.astype(float).equals(before.astype(float))
    out, rc = run(s, "reshape long")
    assert rc == 0 and s.data.nobs == 6 and s.data.numeric("inc").tolist() == [10, 20, 20, 40, 30, 60]


def test_reshape_alone_without_a_previous_reshape_is_an_error(four_obs, run):
    s = four_obs
    out, rc = run(s, "reshape wide")
    assert rc == 100 and "varlist required" in out


def test_reshape_long_refuses_a_stub_that_is_already_a_variable(new_session, run):
    # issue 12: `reshape long y` with y1 y2 y present made a second y and `regress` failed
    s = new_session(Dataset())
    out, rc = run(s, "input id y1 y2 y\n1 1 2 3\n2 4 5 6\n3 7 8 9\nend")
    before = s.data.df.copy()
    out, rc = run(s, "reshape long y, i(id) j(t)")
    assert rc == 110 and out == "variable y already defined\nr(110);\n"
    assert s.data.df.equals(before)
    out, rc = run(s, "reshape long inc@r, i(id) j(t)")
    assert rc == 111
