"""A wildcard inside factor-variable notation (tenth held-out batch; the standing failure of
heldout/anon-wooldridge-ch14's ``xtreg lwage union married d*##educ, fe``): Stata expands the
varlist pattern ([U] 11.4.1, ``*``/``?``/``~`` wildcards) and applies the operator to each
variable it names, as with a parenthesized group ([U] 11.4.3, "using parentheses to shorten
factor-variable notation": ``(a b)##c``).  Coefficients are checked against numpy's least
squares on the design written out by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _data(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 80
    d = pd.DataFrame({"d81": (rng.random(n) < 0.5).astype(float), "d82": (rng.random(n) < 0.4).astype(float),
                      "educ": rng.integers(9, 17, n).astype(float), "z": rng.normal(size=n)})
    d["y"] = 0.3 * d.d81 - 0.2 * d.d82 + 0.05 * d.educ + 0.04 * d.d81 * d.educ + rng.normal(0, 0.5, n)
    return d


def _b(s, run) -> dict:
    run(s, "matrix bb = e(b)")
    m = s.matrices["bb"]
    return dict(zip(m.colnames, np.asarray(m.values, float).ravel()))


def test_wildcard_interacts_every_matching_variable(new_session, run):
    d = _data()
    s = new_session(d)
    out, rc = run(s, "regress y d*##c.educ")
    assert rc == 0, out
    got = _b(s, run)
    X = np.column_stack([d.d81, d.educ, d.d81 * d.educ, d.d82, d.d82 * d.educ, np.ones(len(d))])
    want = np.linalg.lstsq(X, d.y.to_numpy(), rcond=None)[0]
    names = ["1.d81", "educ", "1.d81#c.educ", "1.d82", "1.d82#c.educ", "_cons"]
    np.testing.assert_allclose([got[k] for k in names], want, rtol=1e-9, atol=1e-12)
    out, rc = run(s, "regress y (d81 d82)##c.educ")
    assert rc == 0 and _b(s, run) == got


def test_wildcard_with_an_operator_and_single_interaction(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "regress y i.d8?#c.educ z")
    assert rc == 0, out
    got = _b(s, run)
    # each factor#continuous term keeps both levels; the last is collinear with the first three
    assert list(got) == ["0.d81#c.educ", "1.d81#c.educ", "0.d82#c.educ", "1o.d82#co.educ", "z", "_cons"]


def test_wildcard_matching_nothing_is_stata_r111(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "regress y q*##c.educ")
    assert rc == 111


def test_operator_on_a_wildcard_outside_an_interaction(new_session, run):
    """``c.spl_age?`` / ``i.d8*`` alone (held-out batch 54: mkspline's pieces entered by their
    stub, ``melogit y c.spl_age? ... c.spl_creatinine?##KidneyDisease``): the operator applies
    to each variable the pattern matches, as ``c.(spl_age1 ... spl_age4)``; it was r(198)."""
    d = _data()
    d["x1"], d["x2"] = d.educ / 10.0, d.z ** 2
    s = new_session(d)
    out, rc = run(s, "regress y c.x? z")
    assert rc == 0, out
    got = _b(s, run)
    X = np.column_stack([d.x1, d.x2, d.z, np.ones(len(d))])
    want = np.linalg.lstsq(X, d.y.to_numpy(), rcond=None)[0]
    assert list(got) == ["x1", "x2", "z", "_cons"]
    np.testing.assert_allclose(list(got.values()), want, rtol=1e-9, atol=1e-12)
    out, rc = run(s, "regress y i.d8* z")
    assert rc == 0, out
    assert list(_b(s, run)) == ["0b.d81", "1.d81", "0b.d82", "1.d82", "z", "_cons"]
    # the main effects again through the pattern with ## (duplicate terms kept once)
    out, rc = run(s, "regress y c.x? c.x?##i.d81")
    assert rc == 0, out
    once = _b(s, run)
    out, rc = run(s, "regress y c.(x1 x2)##i.d81")
    assert rc == 0, out
    grouped = _b(s, run)
    assert sorted(grouped) == sorted(once)
    np.testing.assert_allclose([once[k] for k in grouped], list(grouped.values()), rtol=1e-9)
    out, rc = run(s, "regress y c.q?")
    assert rc == 111
