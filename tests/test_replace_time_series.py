"""``replace y = L.y + x``: the time-series operators on the variable being replaced read it
as explicit subscripts do -- the new value of an observation earlier in the data, the old
value of the observation itself and of later ones (Stata's replace goes through the
observations in order).  Evidence: the Statalist log of 2012-11 ("Why does this scalar
calculation return the wrong value when using time series operators?") gets the same
``regress D.y L.y`` from ``replace y = cond(t == 1, 0, L.y + rnormal())`` as from the
``y[_n-1]`` version -- a random walk, not y missing after t = 1.  Checked against a
row-by-row loop written here."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset


def _session(new_session, run, cols: dict, tsset: str):
    df = pd.DataFrame({k: np.asarray(v, dtype=float) for k, v in cols.items()})
    ds = Dataset(df=df)
    for k in cols:
        ds.types[k] = "double"
    s = new_session(ds)
    out, rc = run(s, tsset)
    assert rc == 0, out
    return s


def _period_row(panel, time, i, k):
    """The row of panel[i] at time[i] - k, or None (a gap, the panel's start)."""
    hit = np.flatnonzero((panel == panel[i]) & (time == time[i] - k))
    return int(hit[0]) if hit.size else None


def _loop(panel, time, y, step):
    """Stata's replace by hand: row i in data order, ``step(i, lag)`` with ``lag(j_k)`` the
    current value of y at time t - k (NaN when no such period)."""
    y = np.array(y, dtype=float)

    def lag(i, k):
        j = _period_row(panel, time, i, k)
        return np.nan if j is None else y[j]

    for i in range(len(y)):
        new = step(i, lambda k, i=i: lag(i, k))
        if new is not None:
            y[i] = new
    return y


def test_lag_accumulates_as_a_subscript_does(new_session, run):
    t = np.arange(1, 9.0)
    x = np.array([0.5, 1, -2, 3, 0.25, 4, -1, 2])
    s = _session(new_session, run, {"t": t, "x": x, "y": np.zeros(8)}, "tsset t")
    out, rc = run(s, "replace y = L.y + x if t > 1")
    assert rc == 0 and "(7 real changes made)" in out
    want = _loop(np.zeros(8), t, np.zeros(8), lambda i, lag: lag(1) + x[i] if t[i] > 1 else None)
    assert np.allclose(s.data.numeric("y"), want)
    assert np.allclose(want[1:], np.cumsum(x[1:]))  # the loop itself: a running sum


def test_lead_and_difference_read_old_values_of_later_rows(new_session, run):
    t = np.arange(1, 7.0)
    s = _session(new_session, run, {"t": t, "w": t.copy()}, "tsset t")
    run(s, "replace w = L.w + F.w if t > 1 & t < 6")
    assert s.data.numeric("w").tolist() == [1, 4, 8, 13, 19, 6]  # 1+3, 4+4, 8+5, 13+6
    s = _session(new_session, run, {"t": t, "d": np.ones(6)}, "tsset t")
    run(s, "replace d = D.d + 2*L2.d + 1")
    # row 1, 2: no t-1 / t-2 -> missing; row 3: d(3)-d(2) with d(2) new (missing) -> missing
    assert np.isnan(s.data.numeric("d")).all()


def test_panels_gaps_and_unsorted_rows(new_session, run):
    rng = np.random.default_rng(7)
    panel = np.repeat([1.0, 2.0, 3.0], 6)
    time = np.tile([1.0, 2, 3, 5, 6, 7], 3)  # a gap at 4
    x = rng.normal(size=18)
    y0 = rng.normal(size=18)
    s = _session(new_session, run, {"id": panel, "t": time, "x": x, "y": y0, "r": rng.permutation(18) * 1.0},
                 "xtset id t")
    run(s, "sort r")  # the data not in (panel, time) order: later rows read old values
    panel, time, x, y0 = (s.data.numeric(v) for v in ("id", "t", "x", "y"))
    assert not np.all(np.diff(panel * 100 + time) > 0)
    run(s, "replace y = 0.5*L.y + x if !missing(L.y)")
    want = _loop(panel, time, y0, lambda i, lag: 0.5 * lag(1) + x[i] if not np.isnan(lag(1)) else None)
    assert np.allclose(s.data.numeric("y"), want)


def test_long_chain_finishes_row_by_row(new_session, run):
    n = 300  # longer than the passes' chain: the one-observation-at-a-time path
    t = np.arange(1, n + 1.0)
    s = _session(new_session, run, {"t": t, "y": np.zeros(n), "g": np.zeros(n)}, "tsset t")
    out, rc = run(s, "replace y = L.y + 1 + 0*L.t if t > 1")
    assert rc == 0 and s.data.numeric("y").tolist() == list(range(n))
    run(s, "replace g = cond(t == 1, 1, L.g * 1.01)")
    assert np.allclose(s.data.numeric("g"), 1.01 ** np.arange(n))


def test_string_target_still_refused(new_session, run):
    df = pd.DataFrame({"t": np.arange(1, 4.0), "s": np.array(["a", "b", "c"], dtype=object)})
    ds = Dataset(df=df)
    ds.types.update({"t": "double", "s": "str1"})
    sess = new_session(ds)
    run(sess, "tsset t")
    out, rc = run(sess, "replace s = L.s")
    assert rc == 109 and "type mismatch" in out
    assert sess.data.df["s"].tolist() == ["a", "b", "c"]
