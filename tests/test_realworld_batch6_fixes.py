"""Forms the sixth held-out batch of real do-files (tests/realworld/README.md) used that mlm
refused:

- ``mixed y x, || id:, reml dfmethod(satterthwaite),``: a second comma after the options with
  nothing after it ([U] 11: a comma after the options returns to the command line);
- ``mixed ... || id: c.x``: the continuous operator in a random-effects equation
  (_mixed_parsecmd 1.4.0 reads the equation as ``varlist(ts fv numeric)``);
- ``lincom c.x*-1 + c.z*1`` and ``test (c.a#c.b=0)``: c.-named coefficients, an interaction's
  parts in another order, an abbreviated variable;
- ``regress D.y D.x`` and ``regress D.(y x)``: an operated dependent variable;
- ``egen id = seq(), f(1) t(4) b(3)``: _gseq.ado's abbreviations From, To, Block.

Numbers are checked against numpy computed here from first principles (least squares,
differences by hand) or against the same model typed without the form.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _grouped(n_groups=12, per=6, seed=8):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, n_groups + 1), per)
    x = rng.normal(size=g.size)
    z = rng.normal(size=g.size)
    u0 = rng.normal(0, 1.0, n_groups)[g - 1]
    u1 = rng.normal(0, 0.5, n_groups)[g - 1]
    y = 1 + 0.5 * x - 0.3 * z + u0 + u1 * x + rng.normal(0, 0.7, g.size)
    return pd.DataFrame({"g": g, "x": x, "z": z, "y": y})


def test_mixed_trailing_comma_is_the_same_fit(new_session, run):
    s = new_session(_grouped())
    out, rc = run(s, "quietly mixed y x, || g: , variance reml dfmethod(satterthwaite),")
    assert rc == 0, out
    with_comma = (s.e.matrices["b"].values.copy(), s.e.scalars["ll"])
    out, rc = run(s, "quietly mixed y x, || g: , variance reml dfmethod(satterthwaite)")
    assert rc == 0, out
    assert np.allclose(with_comma[0], s.e.matrices["b"].values) and with_comma[1] == s.e.scalars["ll"]
    # [U] 11: the second comma returns to the command line, a third opens options again; a word
    # that is no qualifier back on the command line is refused
    out, rc = run(s, "quietly mixed y x, || g: , variance reml, , dfmethod(satterthwaite)")
    assert rc == 0, out
    assert np.allclose(with_comma[0], s.e.matrices["b"].values) and with_comma[1] == s.e.scalars["ll"]
    out, rc = run(s, "mixed y x || g: , reml, mle", stop_on_error=False)
    assert rc == 198, out


def test_continuous_operator_in_a_random_effects_equation(new_session, run):
    s = new_session(_grouped())
    out, rc = run(s, "quietly mixed y x || g: c.x, covariance(unstructured)")
    assert rc == 0, out
    typed_c = (list(s.e.matrices["b"].colnames), s.e.matrices["b"].values.copy(), s.e.scalars["ll"])
    out, rc = run(s, "quietly mixed y x || g: x, covariance(unstructured)")
    assert rc == 0, out
    assert typed_c[0] == list(s.e.matrices["b"].colnames)
    assert np.allclose(typed_c[1], s.e.matrices["b"].values) and np.isclose(typed_c[2], s.e.scalars["ll"])
    # other factor-variable terms there: tests/test_mixed_re_factor_variables.py


def test_lincom_and_test_read_c_names_reordered_interactions_and_abbreviations(new_session, run):
    df = _grouped()
    df["wsiqperfz"] = df["z"]
    s = new_session(df)
    out, rc = run(s, "quietly regress y c.x c.wsiqperfz c.x#c.wsiqperfz")
    assert rc == 0, out
    X = np.column_stack([df.x, df.z, df.x * df.z, np.ones(len(df))])
    b = np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)[0]
    out, rc = run(s, "lincom c.x*-1 + c.wsiqperf*1")
    assert rc == 0, out
    assert np.isclose(s.r["estimate"], -b[0] + b[1], rtol=1e-10)
    out, rc = run(s, "lincom c.wsiqperfz*1 + c.wsiqperfz#c.x*2")
    assert rc == 0, out
    assert np.isclose(s.r["estimate"], b[1] + 2 * b[2], rtol=1e-10)
    out, rc = run(s, "test (c.wsiqperfz#c.x=0)")
    assert rc == 0, out
    resid = df.y.to_numpy() - X @ b
    V = resid @ resid / (len(df) - 4) * np.linalg.inv(X.T @ X)
    assert np.isclose(s.r["F"], b[2] ** 2 / V[2, 2], rtol=1e-8)
    out, rc = run(s, "lincom c.nosuch", stop_on_error=False)
    assert rc == 111, out


def test_regress_with_a_differenced_dependent_variable(new_session, run):
    rng = np.random.default_rng(3)
    ids, t = np.repeat(np.arange(1, 21), 5), np.tile(np.arange(1, 6), 20)
    x = rng.normal(size=100).cumsum()
    y = 2 * x + rng.normal(size=100)
    s = new_session(pd.DataFrame({"id": ids, "t": t, "x": x, "y": y}))
    out, rc = run(s, "xtset id t\nregress D.(y x)")
    assert rc == 0, out
    grouped = s.e.matrices["b"].values.copy()
    out, rc = run(s, "regress D.y D.x")
    assert rc == 0, out
    assert np.allclose(grouped, s.e.matrices["b"].values)
    dy, dx = np.diff(y.reshape(20, 5), axis=1).ravel(), np.diff(x.reshape(20, 5), axis=1).ravel()
    b = np.linalg.lstsq(np.column_stack([dx, np.ones(dx.size)]), dy, rcond=None)[0]
    assert np.allclose(s.e.matrices["b"].values[0], b, rtol=1e-10)
    assert s.e.scalars["N"] == 80 and "D.y" in out


def test_egen_seq_abbreviated_options(new_session, run):
    s = new_session(pd.DataFrame({"k": np.arange(12.0)}))
    out, rc = run(s, "egen id = seq(), f(1) t(4) b(3)\negen t = seq(), fr(2) to(3)")
    assert rc == 0, out
    # _gseq: from + int(mod((_n - 1) / block, to - from + 1))
    n = np.arange(12)
    assert np.array_equal(s.data.numeric("id"), 1 + (n // 3) % 4)
    assert np.array_equal(s.data.numeric("t"), 2 + n % 2)
