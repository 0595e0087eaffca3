"""margins after ivpoisson cfunction follows ivpoisson_p's n = exp(x b + offset + sum_k c_k v_k),
v_k = x_k - z pi_k the first-stage residual of endogenous variable k: the margins are the mean of
``predict n`` (and of xbtotal), dydx() the numerical derivative of that mean with respect to the
variable (an endogenous x_k moves x b and v_k; an exogenous one x b and every z pi_k; an
instrument every z pi_k), and the
standard errors a numpy delta method with numerical gradients over all of e(b) and e(V) -- all
computed here from e(b)'s names and the data, independently of margins' code."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from limited_models_helpers import fitted

DATA = pd.read_csv(Path(__file__).parent / "ivpoisson_reference" / "ivpoisson_sim.csv")
ONE = "quietly ivpoisson cfunction y x1 (x2 = z1 z2)"
TWO = "quietly ivpoisson cfunction y (x1 x2 = z1 z2)"
H = 1e-4  # difference step (variables and parameters)


def _e(s):
    """e(b) as a vector, e(V), and e(b)'s names eq:name."""
    b = s.e.matrices["b"]
    return b.values.ravel().astype(float), s.e.matrices["V"].values.astype(float), list(b.colnames)


def _xbe(theta, names, df, depvar="y", offset=None, total=True):
    """ivpoisson_p's xbe per row from e(b)'s names: depvar's x b (+ offset) + sum_k c_k (x_k - z pi_k)."""
    eqs: dict[str, np.ndarray] = {}
    for t, name in zip(theta, names):
        eq, var = name.split(":")
        col = np.ones(len(df)) if var == "_cons" else df[var].to_numpy(float)
        eqs[eq] = eqs.get(eq, 0.0) + t * col
    xbe = eqs[depvar] + (0.0 if offset is None else offset)
    if total:
        for eq in eqs:
            if eq.startswith("c_"):
                endog = eq[2:]
                xbe = xbe + eqs[eq] * (df[endog].to_numpy(float) - eqs[endog])
    return xbe


def _delta(f, theta, V):
    """(f(theta), SE) with f's gradient over e(b) by central differences."""
    g = np.array([(f(theta + H * e) - f(theta - H * e)) / (2 * H) for e in np.eye(len(theta))])
    return f(theta), float(np.sqrt(g @ V @ g))


def _margins(do, s, text):
    rc, out, s = do(text, session=s)
    assert rc == 0, out
    t = s.r["table"].values
    return out, t[0], t[1]


def _dydx(var, df, names, stat=np.exp, **kw):
    """theta -> d mean stat(xbe) / d var, the variable moved in every equation it enters."""
    def f(theta):
        up, dn = df.copy(), df.copy()
        up[var] += H
        dn[var] -= H
        return (stat(_xbe(theta, names, up, **kw)).mean() - stat(_xbe(theta, names, dn, **kw)).mean()) / (2 * H)
    return f


def test_n_is_the_mean_of_predict_n_with_delta_method_over_e_b(do):
    _, s = fitted(do, ONE + ", exposure(expo)", DATA)
    b, V, names = _e(s)
    assert any(n.startswith("x2:") for n in names) and "c_x2:_cons" in names
    off = np.log(DATA.expo.to_numpy(float))
    out, m, se = _margins(do, s, "margins")
    assert "Expression   : Predicted number of events, predict()" in out
    want = _delta(lambda t: np.exp(_xbe(t, names, DATA, offset=off)).mean(), b, V)
    assert (m[0], se[0]) == pytest.approx(want, rel=1e-6)
    rc, out, s = do("predict double nhat", session=s)
    assert rc == 0 and m[0] == pytest.approx(s.data.numeric("nhat").mean(), rel=1e-12)
    # under nooffset the exposure leaves xbe (the control term stays)
    _, m, se = _margins(do, s, "margins, predict(n nooffset)")
    assert (m[0], se[0]) == pytest.approx(_delta(lambda t: np.exp(_xbe(t, names, DATA)).mean(), b, V), rel=1e-6)


def test_dydx_of_exogenous_and_endogenous(do):
    _, s = fitted(do, ONE, DATA)
    b, V, names = _e(s)
    out, m, se = _margins(do, s, "margins, dydx(*)")
    # the instruments are covariates too (of the first stages: they move only v_k)
    assert "dy/dx w.r.t. : x1 x2 z1 z2" in out
    for col, var in enumerate(("x1", "x2", "z1", "z2")):
        want = _delta(_dydx(var, DATA, names), b, V)
        assert (m[col], se[col]) == pytest.approx(want, rel=1e-5)
    # x2 enters v too: its effect is not b_x2 times the mean of n
    n = np.exp(_xbe(b, names, DATA)).mean()
    assert abs(m[1] - b[names.index("y:x2")] * n) > 1e-3 * abs(m[1])


def test_xbtotal_at_and_xb_first_equation(do):
    _, s = fitted(do, ONE, DATA)
    b, V, names = _e(s)
    out, m, se = _margins(do, s, "margins, predict(xbtotal) at(x1=(0 1))")
    assert "Linear prediction on covariates and residuals, predict(xbtotal)" in out
    for col, x1 in enumerate((0.0, 1.0)):
        df = DATA.assign(x1=x1)
        assert (m[col], se[col]) == pytest.approx(_delta(lambda t: _xbe(t, names, df).mean(), b, V), rel=1e-6)
    rc, out, s = do("predict double xbt, xbtotal", session=s)
    _, m, _ = _margins(do, s, "margins, predict(xbtotal)")
    assert m[0] == pytest.approx(s.data.numeric("xbt").mean(), rel=1e-10)
    # xb: ivpoisson_p's linear prediction of depvar's equation alone
    _, m, se = _margins(do, s, "margins, predict(xb) at(x2=1)")
    df = DATA.assign(x2=1.0)
    want = _delta(lambda t: _xbe(t, names, df, total=False).mean(), b, V)
    assert (m[0], se[0]) == pytest.approx(want, rel=1e-6)


def test_over_and_at_of_endogenous(do):
    df = DATA.assign(g=np.arange(len(DATA)) % 3)
    _, s = fitted(do, ONE, df)
    b, V, names = _e(s)
    _, m, se = _margins(do, s, "margins, over(g)")
    for col, lev in enumerate((0, 1, 2)):
        sub = df[df.g == lev]
        want = _delta(lambda t: np.exp(_xbe(t, names, sub)).mean(), b, V)
        assert (m[col], se[col]) == pytest.approx(want, rel=1e-6)
    # at() of the endogenous variable sets x_k in x b and in v_k
    _, m, se = _margins(do, s, "margins, at(x2=0.5)")
    at = df.assign(x2=0.5)
    assert (m[0], se[0]) == pytest.approx(_delta(lambda t: np.exp(_xbe(t, names, at)).mean(), b, V), rel=1e-6)
    # ... and of an instrument sets z in every z pi_k
    _, m, se = _margins(do, s, "margins, at(z1=0)")
    at = df.assign(z1=0.0)
    assert (m[0], se[0]) == pytest.approx(_delta(lambda t: np.exp(_xbe(t, names, at)).mean(), b, V), rel=1e-6)


def test_two_endogenous_variables(do):
    _, s = fitted(do, TWO, DATA)
    b, V, names = _e(s)
    assert {"c_x1:_cons", "c_x2:_cons"} <= set(names)
    _, m, se = _margins(do, s, "margins")
    assert (m[0], se[0]) == pytest.approx(_delta(lambda t: np.exp(_xbe(t, names, DATA)).mean(), b, V), rel=1e-6)
    _, m, se = _margins(do, s, "margins, dydx(x1 x2)")
    for col, var in enumerate(("x1", "x2")):
        assert (m[col], se[col]) == pytest.approx(_delta(_dydx(var, DATA, names), b, V), rel=1e-5)


def test_refused_statistics(do):
    _, s = fitted(do, ONE, DATA)
    rc, out, _ = do("margins, predict(n xbtotal)", session=s)
    assert rc == 198 and "only one statistic may be specified" in out
    rc, out, _ = do("margins, predict(residuals)", session=s)
    assert rc == 198 and "option residuals not allowed" in out
