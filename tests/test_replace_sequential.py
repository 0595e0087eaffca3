"""``replace`` reads the values it has already replaced: Stata works through the
observations in order, so ``x[_n-1]`` on the right of ``replace x =`` sees the new value of
the row before ([U] 13.7 "Explicit subscripting": ``replace x = x[_n-1] if x >= .`` carries
the last nonmissing value forward).  Checked against a row-by-row loop written here."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from mlmcli.dataset import Dataset
import mlmcli.expr.sequential as sequential


def _session(new_session, **cols):
    df = pd.DataFrame({k: (np.asarray(v, dtype=object) if isinstance(v[0], str) else np.asarray(v, dtype=float))
                       for k, v in cols.items()})
    ds = Dataset(df=df)
    for k, v in cols.items():
        ds.types[k] = "str8" if isinstance(v[0], str) else "double"
    return new_session(ds)


def test_carry_forward_fills_whole_runs(new_session, run):
    s = _session(new_session, x=[1, np.nan, np.nan, 4, np.nan, np.nan, np.nan])
    out, rc = run(s, "replace x = x[_n-1] if missing(x)")
    assert rc == 0 and "(5 real changes made)" in out
    assert s.data.numeric("x").tolist() == [1, 1, 1, 4, 4, 4, 4]


def test_carry_forward_within_by_groups_and_strings(new_session, run):
    s = _session(new_session, id=[1, 1, 1, 2, 2, 2], x=[np.nan, 5, np.nan, 7, np.nan, np.nan],
                 s=["a", "", "", "", "b", ""])
    run(s, "by id: replace x = x[_n-1] if missing(x)")
    assert np.allclose(s.data.numeric("x"), [np.nan, 5, 5, 7, 7, 7], equal_nan=True)
    run(s, "replace s = s[_n-1] if s == \"\"")
    assert s.data.df["s"].tolist() == ["a", "a", "a", "a", "b", "b"]


def test_chain_doubles_and_forward_reads_see_old_values(new_session, run):
    s = _session(new_session, y=[1.0] * 6, z=[1, 2, 3, 4, 5, 6])
    run(s, "replace y = y[_n-1]*2 if _n > 1")
    assert s.data.numeric("y").tolist() == [1, 2, 4, 8, 16, 32]
    run(s, "replace z = z[_n+1] + z[_n-1] in 2/5")
    # row 2: 3 + 1; row 3: 4 + (new) 4; row 4: 5 + 8; row 5: 6 + 13
    assert s.data.numeric("z").tolist() == [1, 4, 8, 13, 19, 6]


def test_if_reading_the_row_before_and_a_constant_subscript(new_session, run):
    s = _session(new_session, k=[1.0] * 4, c=[1.0] * 4)
    run(s, "replace k = k + 1 if k[_n-1] == 1")
    assert s.data.numeric("k").tolist() == [1, 2, 1, 2]
    run(s, "replace c = c[1] + 1")
    assert s.data.numeric("c").tolist() == [2, 3, 3, 3]


def test_running_sum_keeps_its_order(new_session, run):
    s = _session(new_session, q=[0.0] * 5)
    run(s, "replace q = sum(q[_n-1] + 1)")
    assert s.data.numeric("q").tolist() == [0, 1, 3, 7, 15]


def test_float_storage_is_what_the_next_row_reads(new_session, run):
    s = _session(new_session, y=[1.0] * 8)
    s.data.types["y"] = "float"
    run(s, "replace y = y[_n-1]*1.1 if _n > 1")
    expect = [np.float32(1.0)]
    for _ in range(7):
        expect.append(np.float32(float(expect[-1]) * 1.1))
    assert s.data.numeric("y").tolist() == [float(e) for e in expect]


def test_long_chain_finishes_row_by_row(new_session, run, monkeypatch):
    monkeypatch.setattr(sequential, "PASSES", 3)
    s = _session(new_session, g=[1, 1, 1, 1, 2, 2, 2, 2], y=[1.0] * 8)
    run(s, "by g: replace y = y[_n-1] + _n if _n > 1")
    assert s.data.numeric("y").tolist() == [1, 3, 6, 10, 1, 3, 6, 10]


_FORMS = {
    "x[_n-1]": lambda x, i: x[i - 1] if i >= 1 else np.nan,
    "x[_n-2] + 1": lambda x, i: x[i - 2] + 1 if i >= 2 else np.nan,
    "x[_n+1]": lambda x, i: x[i + 1] if i + 1 < len(x) else np.nan,
    "x[_n-1] + x[_n+1]": lambda x, i: (x[i - 1] if i >= 1 else np.nan) + (x[i + 1] if i + 1 < len(x) else np.nan),
    "cond(missing(x[_n-1]), 0, x[_n-1] * 2)": lambda x, i: 0.0 if i < 1 or np.isnan(x[i - 1]) else x[i - 1] * 2,
}
_CONDS = {
    "missing(x)": lambda x, i: np.isnan(x[i]),
    "x[_n-1] < 5": lambda x, i: (x[i - 1] if i >= 1 else np.inf) < 5,  # missing is +infinity
    "_n > 2": lambda x, i: i + 1 > 2,
}


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.one_of(st.none(), st.integers(-3, 9)), min_size=1, max_size=25),
       form=st.sampled_from(sorted(_FORMS)), cond=st.sampled_from(sorted(_CONDS)),
       passes=st.sampled_from([1, 2, 64]))
def test_matches_a_row_by_row_loop(new_session, run, values, form, cond, passes):
    x0 = np.array([np.nan if v is None else float(v) for v in values])
    x = x0.copy()
    for i in range(len(x)):
        if _CONDS[cond](x, i):
            x[i] = _FORMS[form](x, i)
    s = _session(new_session, x=x0.tolist())
    old = sequential.PASSES
    sequential.PASSES = passes
    try:
        out, rc = run(s, f"replace x = {form} if {cond}")
    finally:
        sequential.PASSES = old
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("x"), x)
