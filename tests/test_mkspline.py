"""``mkspline`` (mkspline.ado 1.2.5): linear splines that sum to x, marginal ones, the stub
forms with equal-width and centile knots, labels, r(), and bad input.  Seen in
tests/realworld/heldout/nor-solidarity (``mkspline time_1 7 time_2 = studyday``)."""
from __future__ import annotations

import numpy as np

SETUP = "clear\nset obs 20\ngenerate x = _n - 3\nreplace x = . in 5\n"


def test_knots_sum_to_x_and_labels(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "mkspline a 5 b 10 c = x")
    assert rc == 0, out
    ds = s.data
    x = ds.numeric("x")
    a, b, c = (ds.numeric(v) for v in "abc")
    ok = ~np.isnan(x)
    assert np.allclose((a + b + c)[ok], x[ok]) and np.isnan(a[~ok]).all()
    assert list(a[:4]) == [-2, -1, 0, 1] and b[11] == 4 and c[19] == 7  # x = 9 -> (5, 4, 0); x = 17 -> (5, 5, 7)
    assert [ds.var_labels[v] for v in "abc"] == ["x: (.,5)", "x: (5,10)", "x: (10,.)"]
    assert ds.types["a"] == "byte"
    assert s.r["N_knots"] == 2 and list(s.r["knots"].values[0]) == [5, 10]
    assert s.r["knots"].rownames == ("x",) and s.r["knots"].colnames == ("knot1", "knot2")


def test_marginal_and_if(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "mkspline m1 5 m2 = x if x < 15, marginal")
    assert rc == 0, out
    x, m1, m2 = (s.data.numeric(v) for v in ("x", "m1", "m2"))
    keep = x < 15
    assert np.allclose(m1[keep], x[keep]) and np.allclose(m2[keep], np.maximum(0, x[keep] - 5))
    assert np.isnan(m1[x >= 15]).all()
    assert s.data.var_labels["m1"] == "x: (.,.)" and s.data.var_labels["m2"] == "x: (5,.)"


def test_stub_forms(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "mkspline e 3 = x")
    assert rc == 0, out
    knots = s.r["knots"].values[0]
    assert np.allclose(knots, [-2 + 19 / 3, -2 + 38 / 3])  # range -2..17 in three equal steps
    assert s.data.var_labels["e2"] == "x: (4.333333333333333,10.66667)"
    assert s.data.types["e1"] == "float"
    out, rc = run(s, "mkspline p 4 = x, pctile")
    assert rc == 0, out
    # centile: x_(R) with R = (n + 1) p / 100, n = 19 non-missing values -2, -1, 0, 1, 3, ..., 17
    xs = np.sort(s.data.numeric("x")[~np.isnan(s.data.numeric("x"))])
    expected = []
    for p in (25, 50, 75):
        r = 20 * p / 100
        lo = int(r)
        expected.append(xs[lo - 1] + (r - lo) * (xs[lo] - xs[lo - 1]))
    assert np.allclose(s.r["knots"].values[0], expected)


def test_bad_input(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "mkspline a 10 b 5 c = x")
    assert rc == 198, out
    out, rc = run(s, "mkspline x 5 b = x")
    assert rc == 110, out
    out, rc = run(s, "mkspline a k b = x")
    assert rc == 7, out
    out, rc = run(s, "mkspline s 1 = x")
    assert rc == 198, out
    out, rc = run(s, "mkspline s = x, cubic nknots(9)")  # default knots for 3-7 only (mkspline.ado)
    assert rc == 498, out
    assert "a" not in s.data.varnames and "b" not in s.data.varnames
