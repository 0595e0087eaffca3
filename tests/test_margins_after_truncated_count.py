"""margins after tpoisson and tnbreg (commands/postestimation/margins_truncated_count.py): the
default n, cm (a number and a variable ll()), pr(n), dydx(), factor margins.  Reference: the
_p files' formulas averaged here in numpy/scipy from e(b), e(V) (tpoisson_p's cm
mu Pr(y >= t)/Pr(y > t); tnbreg's by direct summation of k f(k) over k > t), delta-method SEs
from central-difference Jacobians."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from margins_delta_helpers import check_margin as _check, delta_reference as _reference


@pytest.fixture(scope="module")
def counts():
    rng = np.random.default_rng(7)
    n = 500
    x = rng.normal(size=n)
    g = rng.integers(0, 2, n)
    mu = np.exp(0.5 + 0.4 * x + 0.3 * g)
    y = rng.negative_binomial(3.0, 3.0 / (3.0 + mu))
    d = pd.DataFrame(dict(y=y.astype(float), x=x, g=g.astype(float), t=rng.integers(0, 2, n).astype(float)))
    return d[d.y > d.t].reset_index(drop=True)


def _mu(c, d):
    return np.exp(c["y:_cons"] + c["y:x"] * d.x + c.get("y:1.g", 0) * (d.g == 1)).to_numpy()


def test_tpoisson(do, counts):
    rc, out, s = do("quietly tpoisson y x i.g, ll(0)\nmargins", df=counts)
    assert rc == 0, out
    assert "Expression   : Predicted number of events, predict()" in out
    _check(s, _reference(s, counts, _mu))

    def cm(c, d):
        mu = _mu(c, d)
        return mu * stats.poisson.sf(-1, mu) / stats.poisson.sf(0, mu)

    def dcm(c, d):
        h = 1e-5
        return (cm(c, d.assign(x=d.x + h)) - cm(c, d.assign(x=d.x - h))) / (2 * h)
    rc, out, s = do("margins, predict(cm) dydx(x)", session=s)
    assert rc == 0 and "Expression   : Conditional mean of n > ll(0), predict(cm)" in out
    _check(s, _reference(s, counts, dcm))
    rc, out, s = do("margins, predict(pr(2))", session=s)
    assert rc == 0 and "Expression   : Pr(y=2), predict(pr(2))" in out
    _check(s, _reference(s, counts, lambda c, d: stats.poisson.pmf(2, _mu(c, d))))


def test_tnbreg_variable_truncation(do, counts):
    rc, out, s = do("quietly tnbreg y x i.g, ll(t)\nmargins, predict(cm)", df=counts)
    assert rc == 0, out
    assert "Expression   : Conditional mean of n > ll(t), predict(cm)" in out
    k = np.arange(0, 400)[None, :]

    def cm(c, d):
        mu = _mu(c, d)[:, None]
        size = np.exp(-c["lnalpha:_cons"])
        f = stats.nbinom.pmf(k, size, size / (size + mu))
        keep = k > d.t.to_numpy()[:, None]
        return (k * f * keep).sum(1) / (f * keep).sum(1)
    _check(s, _reference(s, counts, cm))
    rc, out, s = do("margins g", session=s)
    assert rc == 0, out
    _check(s, _reference(s, counts, lambda c, d: _mu(c, d.assign(g=1.0))), 1)


def test_refusals(do, counts):
    rc, out, s = do("quietly tpoisson y x\nmargins, predict(stdp)", df=counts)
    assert rc == 498
    rc, out, s = do("margins, predict(cpr(2))", session=s)
    assert rc == 198 and "not supported by mlmcli" in out
    rc, out, s = do("margins, predict(n cm)", session=s)
    assert rc == 198 and "only one statistic" in out
