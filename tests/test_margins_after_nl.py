"""margins after nl (commands/postestimation/margins_nl.py): the default yhat averaged, at() and
over() of e(rhs), dydx() of a variables() covariate and of the x of ``nl exp3``, no covariates
without variables() (dydx refused as for a variable outside the model), residuals refused.
Reference: the model's expression written here in numpy, averaged at e(b), delta-method SEs
sqrt(J V J') from central-difference Jacobians in e(b) (t statistics on e(df_r))."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from margins_delta_helpers import check_margin, check_slopes, covariate_slope, delta_reference


@pytest.fixture(scope="module")
def curve():
    rng = np.random.default_rng(13)
    n = 200
    x = rng.uniform(0, 4, n)
    g = (rng.uniform(size=n) > 0.5).astype(float)
    y = 2 + 3 * np.exp(-0.7 * x) + 0.5 * g + rng.normal(scale=0.3, size=n)
    return pd.DataFrame(dict(x=x, g=g, y=y))


def _yhat(c, d):
    return np.asarray(c["b0:_cons"] + c["b1:_cons"] * np.exp(-c["b2:_cons"] * d.x) + c["c:_cons"] * d.g, float)



FIT = "quietly nl (y = {b0} + {b1}*exp(-{b2}*x) + {c}*g), variables(x g)"


def test_nl_yhat_at_and_over(do, curve):
    rc, out, s = do(f"{FIT}\nmargins", df=curve)
    assert rc == 0, out
    assert "Expression   : Fitted values, predict()" in out and "Number of obs   =        200" in out
    assert "P>|t|" in out  # nl's e(df_r)
    check_margin(s, delta_reference(s, curve, _yhat))
    rc, out, s = do("margins, at(x=(1 2))", session=s)
    assert rc == 0 and "1._at        : x               =           1" in out
    for col, v in enumerate((1.0, 2.0)):
        check_margin(s, delta_reference(s, curve, lambda c, d: _yhat(c, d.assign(x=v))), col)
    rc, out, s = do("margins, over(g)", session=s)
    assert rc == 0
    for col, v in enumerate((0.0, 1.0)):
        part = curve[curve.g == v]
        check_margin(s, delta_reference(s, part, _yhat), col)


def test_nl_effects(do, curve):
    rc, out, s = do(f"{FIT}\nmargins, dydx(*)", df=curve)
    assert rc == 0, out
    assert "dy/dx w.r.t. : x g" in out
    check_slopes(s, curve, _yhat, ("x", "g"))
    rc, out, s = do("quietly nl exp3: y x\nmargins, dydx(x)", session=s)
    assert rc == 0, out

    def exp3(c, d):  # nl exp3: y = b0 + b1*b2^x
        return np.asarray(c["b0:_cons"] + c["b1:_cons"] * c["b2:_cons"] ** d.x, float)
    check_margin(s, delta_reference(s, curve, covariate_slope(exp3, "x")))


def test_nl_without_variables_and_refusals(do, curve):
    rc, out, s = do("quietly nl (y = {b0} + {b1}*exp(-{b2}*x))\nmargins", df=curve)
    assert rc == 0, out
    check_margin(s, delta_reference(s, curve, lambda c, d: np.asarray(
        c["b0:_cons"] + c["b1:_cons"] * np.exp(-c["b2:_cons"] * d.x))))
    rc, out, s = do("margins, dydx(x)", session=s)
    assert rc == 322 and "'x' not found in list of covariates" in out
    for typed, code in (("residuals", 322), ("scores", 322), ("xb", 198)):  # 322: e(marginsnotok)
        rc, out, s = do(f"margins, predict({typed})", session=s)
        assert rc == code, (typed, out)


def test_nl_expression_of_yhat(do, curve):
    rc, out, s = do(f"{FIT}\nmargins, expression(ln(predict()))", df=curve)
    assert rc == 0, out
    check_margin(s, delta_reference(s, curve, lambda c, d: np.log(_yhat(c, d))))
