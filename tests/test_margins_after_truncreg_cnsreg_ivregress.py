"""margins after truncreg (xb default, e(a,b), pr(a,b)), cnsreg and ivregress (the linear
prediction; dy/dx of an endogenous regressor is its coefficient), and the refusal after
mean/total/ratio/proportion (their e(marginsnotok) _ALL: _check_e_margins' "margins not
appropriate after mean", r(322)).  Reference: the formulas averaged here in numpy/scipy from e(b),
e(V) with delta-method SEs from central-difference Jacobians."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from margins_delta_helpers import check_margin as _check, delta_reference as _reference


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(21)
    n = 400
    x, z = rng.normal(size=(2, n))
    g = (rng.uniform(size=n) < 0.5).astype(float)
    y = 1 + 0.5 * x + 0.4 * g + rng.normal(size=n)
    return pd.DataFrame(dict(y=y, x=x + 0.3 * z, z=z, g=g, w=y + 2.0))


def test_truncreg(do, data):
    d = data[data.y > 0.5].reset_index(drop=True)

    def xb(c, df):
        return (c["eq1:_cons"] + c["eq1:x"] * df.x + c.get("eq1:1.g", 0) * (df.g == 1)).to_numpy()
    rc, out, s = do("quietly truncreg y x i.g, ll(0.5)\nmargins", df=d)
    assert rc == 0, out
    assert "Expression   : Linear prediction, predict()" in out
    _check(s, _reference(s, d, xb))

    def e_above(c, df):
        m, sig = xb(c, df), c["sigma:_cons"]
        a = (0.5 - m) / sig
        return m + sig * stats.norm.pdf(a) / stats.norm.sf(a)
    rc, out, s = do("margins, predict(e(0.5,.))", session=s)
    assert rc == 0 and "Expression   : E(y|y>0.5), predict(e(0.5,.))" in out
    _check(s, _reference(s, d, e_above))

    def pr12(c, df):
        m, sig = xb(c, df), c["sigma:_cons"]
        return stats.norm.cdf((2 - m) / sig) - stats.norm.cdf((1 - m) / sig)
    rc, out, s = do("margins, predict(pr(1,2))", session=s)
    assert rc == 0 and "predict(pr(1,2))" in out
    _check(s, _reference(s, d, pr12))


def test_cnsreg_factor_margins(do, data):
    rc, out, s = do("constraint 1 x = 0.5\nquietly cnsreg y x i.g, constraints(1)\nmargins g", df=data)
    assert rc == 0, out

    def at(level):
        return lambda c, df: (c["_cons"] + c["x"] * df.x + c.get("1.g", 0) * level).to_numpy()
    _check(s, _reference(s, data, at(0.0)), 0)
    _check(s, _reference(s, data, at(1.0)), 1)


def test_ivregress_dydx_of_the_endogenous_regressor(do, data):
    rc, out, s = do("quietly ivregress 2sls y (x = z) i.g\nmargins, dydx(x)", df=data)
    assert rc == 0, out
    b, V = s.e.matrices["b"], s.e.matrices["V"]
    j = b.col("x")
    _check(s, (b.values[0, j], np.sqrt(V.values[j, j])))


@pytest.mark.parametrize("fit", ["mean y", "total y", "ratio y/w", "proportion g"])
def test_refused_after_summary_estimators(do, data, fit):
    rc, out, s = do(f"quietly {fit}\nmargins", df=data)
    assert rc == 322
    assert f"margins not appropriate after {fit.split()[0]}" in out
