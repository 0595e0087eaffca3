"""``generate newvar = exp, before(varname) | after(varname)`` (Stata 16's [D] generate): the new
variable placed as ``order newvar, before()/after()`` would; an unknown varname r(111), both
options r(198), and on any error the data stay as they were."""
from __future__ import annotations

import numpy as np
import pandas as pd


def frame() -> pd.DataFrame:
    rng = np.random.default_rng(102)
    return pd.DataFrame({"a": rng.normal(size=6), "b": rng.integers(0, 5, 6).astype(float),
                         "c": rng.normal(size=6)})


def test_after_and_before_place_the_new_variable(new_session, run):
    df = frame()
    s = new_session(df)
    assert run(s, "gen double x = a + b, after(a)")[1] == 0
    assert list(s.data.varnames) == ["a", "x", "b", "c"]
    np.testing.assert_allclose(s.data.numeric("x"), df["a"] + df["b"])
    assert run(s, 'gen str2 s = "hi", before(a)')[1] == 0
    assert list(s.data.varnames) == ["s", "a", "x", "b", "c"]
    assert run(s, "gen y = 1 in 2, after(c)")[1] == 0  # after the last variable: the end
    assert list(s.data.varnames) == ["s", "a", "x", "b", "c", "y"]
    assert np.isnan(s.data.numeric("y")).sum() == 5
    assert run(s, "by b, sort: gen n = _n, before(c)")[1] == 0
    assert s.data.varnames.index("n") == s.data.varnames.index("c") - 1


def test_the_anchor_may_be_abbreviated(new_session, run):
    s = new_session(pd.DataFrame({"alpha": [1.0, 2.0], "beta": [3.0, 4.0]}))
    assert run(s, "gen z = alpha * 2, before(bet)")[1] == 0
    assert list(s.data.varnames) == ["alpha", "z", "beta"]


def test_errors_leave_the_data_alone(new_session, run):
    s = new_session(frame())
    before = list(s.data.varnames)
    out, rc = run(s, "gen z = 1, after(nosuch)")
    assert rc == 111 and "variable nosuch not found" in out
    out, rc = run(s, "gen z = 1, after(a) before(b)")
    assert rc == 198
    assert run(s, "gen z = 1, first")[1] == 198
    assert list(s.data.varnames) == before


def test_egen_has_no_placement_options(new_session, run):
    # egen passes its options to the egen function, none of which takes after()
    s = new_session(frame())
    out, rc = run(s, "egen m = mean(a), after(b)")
    assert rc == 198 and "after" in out
    assert "m" not in s.data.varnames
