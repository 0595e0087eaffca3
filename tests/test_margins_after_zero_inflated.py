"""margins after zip and zinb (commands/postestimation/margins_zero_inflated.py, margins/equations.py):
the default n, ir, pr, pr(n), pr(a,b), xb eq(#2), dydx() of a count-equation and an inflate-only
covariate, atmeans over both equations' covariates.  The reference: the same averages, effects
and delta-method standard errors computed here in numpy/scipy from e(b) and e(V) with zip_p's
formulas (finite-difference Jacobians, sqrt(J V J'))."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats
from margins_delta_helpers import check_margin as _check, delta_reference as _reference


@pytest.fixture(scope="module")
def counts():
    rng = np.random.default_rng(11)
    n = 300
    x1, x2, z = rng.normal(size=(3, n))
    g = rng.integers(0, 3, n)
    p = special.expit(-0.5 + 0.8 * z + 0.4 * x1)
    mu = np.exp(0.3 + 0.5 * x1 - 0.3 * x2 + 0.2 * g)
    y = np.where(rng.uniform(size=n) < p, 0, rng.negative_binomial(2.0, 2.0 / (2.0 + mu)))
    return pd.DataFrame(dict(y=y.astype(float), x1=x1, x2=x2, g=g.astype(float), z=z))


def _indices(coef: dict, df, shift=None):
    """Count and inflate linear predictors from a coefficient dict (names as e(b))."""
    d = df.copy()
    if shift:
        d[shift[0]] = d[shift[0]] + shift[1]
    xb = coef["y:_cons"] + coef["y:x1"] * d.x1 + coef["y:x2"] * d.x2 + \
        coef.get("y:1.g", 0) * (d.g == 1) + coef.get("y:2.g", 0) * (d.g == 2)
    zg = coef["inflate:_cons"] + coef["inflate:z"] * d.z + coef["inflate:x1"] * d.x1
    return np.asarray(xb, float), np.asarray(zg, float)


def _n(coef, df):
    xb, zg = _indices(coef, df)
    return np.exp(xb) * (1 - special.expit(zg))


def _dydx(var):
    def fn(coef, df):
        h = 1e-5
        return (_n(coef, df.assign(**{var: df[var] + h})) - _n(coef, df.assign(**{var: df[var] - h}))) / (2 * h)
    return fn


def test_zip_default_and_statistics(do, counts):
    rc, out, s = do("quietly zip y x1 x2 i.g, inflate(z x1)\nmargins", df=counts)
    assert rc == 0, out
    assert "Expression   : Predicted number of events, predict()" in out
    _check(s, _reference(s, counts, _n))
    rc, out, s = do("margins, predict(pr)", session=s)
    assert rc == 0 and "Expression   : Pr(y=0), predict(pr)" in out
    _check(s, _reference(s, counts, lambda c, d: special.expit(_indices(c, d)[1])))

    def pr0(c, d):
        xb, zg = _indices(c, d)
        p = special.expit(zg)
        return p + (1 - p) * np.exp(-np.exp(xb))
    rc, out, s = do("margins, predict(pr(0))", session=s)
    assert rc == 0 and "Expression   : Pr(y=0), predict(pr(0))" in out
    _check(s, _reference(s, counts, pr0))

    def pr13(c, d):
        xb, zg = _indices(c, d)
        mu = np.exp(xb)
        return (1 - special.expit(zg)) * (stats.poisson.cdf(3, mu) - stats.poisson.cdf(0, mu))
    rc, out, s = do("margins, predict(pr(1,3))", session=s)
    assert rc == 0 and "Expression   : Pr(1<=y<=3), predict(pr(1,3))" in out
    _check(s, _reference(s, counts, pr13))
    rc, out, s = do("margins, predict(xb eq(#2))", session=s)
    assert rc == 0 and "Expression   : Linear prediction, predict(xb eq(#2))" in out
    _check(s, _reference(s, counts, lambda c, d: _indices(c, d)[1]))


def test_zip_effects_over_both_equations(do, counts):
    rc, out, s = do("quietly zip y x1 x2 i.g, inflate(z x1)\nmargins, dydx(*)", df=counts)
    assert rc == 0, out
    assert "dy/dx w.r.t. : x1 x2 1.g 2.g z" in out
    _check(s, _reference(s, counts, _dydx("x1")), 0)
    _check(s, _reference(s, counts, _dydx("z")), 5)  # x1 x2 0b.g 1.g 2.g z

    def g2(c, d):
        return _n(c, d.assign(g=2.0)) - _n(c, d.assign(g=0.0))
    _check(s, _reference(s, counts, g2), 4)


def test_zip_atmeans_sets_the_inflate_covariates(do, counts):
    rc, out, s = do("quietly zip y x1 x2, inflate(z x1)\nmargins, atmeans", df=counts)
    assert rc == 0, out
    assert "z               =" in out

    def at_means(c, d):
        m = d.mean()
        return _n(c, pd.DataFrame([m]))
    _check(s, _reference(s, counts, at_means))


def test_zinb_default_and_pr(do, counts):
    rc, out, s = do("quietly zinb y x1 x2 i.g, inflate(z x1)\nmargins g", df=counts)
    assert rc == 0, out
    for k, lev in enumerate((0.0, 1.0, 2.0)):
        _check(s, _reference(s, counts, lambda c, d, lev=lev: _n(c, d.assign(g=lev))), k)

    def pr1(c, d):
        xb, zg = _indices(c, d)
        mu, size = np.exp(xb), np.exp(-c["lnalpha:_cons"])
        return (1 - special.expit(zg)) * stats.nbinom.pmf(1, size, size / (size + mu))
    rc, out, s = do("margins, predict(pr(1))", session=s)
    assert rc == 0 and "Expression   : Pr(y=1), predict(pr(1))" in out
    _check(s, _reference(s, counts, pr1))


def test_zip_refusals(do, counts):
    rc, out, s = do("quietly zip y x1, inflate(z)\nmargins, predict(stdp)", df=counts)
    assert rc == 498 and "stochastic" in out
    rc, out, s = do("margins, predict(pr(-1))", session=s)
    assert rc == 198 and "argument must be nonnegative" in out
    rc, out, s = do("margins, predict(n pr)", session=s)
    assert rc == 198 and "only one statistic may be specified" in out
    rc, out, s = do("margins, predict(n eq(#2))", session=s)
    assert rc == 198 and "option equation() not allowed" in out


def test_zip_exposure_enters_n_but_not_ir(do, counts):
    rng = np.random.default_rng(3)
    df = counts.assign(t=1 + rng.uniform(size=len(counts)))
    rc, out, s = do("quietly zip y x1 x2, inflate(z x1) exposure(t)\nmargins\npredict double n1", df=df)
    assert rc == 0, out

    def n(c, d):
        xb = c["y:_cons"] + c["y:x1"] * d.x1 + c["y:x2"] * d.x2 + np.log(d.t)
        zg = c["inflate:_cons"] + c["inflate:z"] * d.z + c["inflate:x1"] * d.x1
        return np.asarray(np.exp(xb) * (1 - special.expit(zg)), float)
    _check(s, _reference(s, df, n))
    assert s.r["table"].values[0, 0] == pytest.approx(float(np.mean(s.data.numeric("n1"))), rel=1e-9)
    rc, out, s = do("margins, predict(ir)", session=s)
    assert rc == 0, out
    _check(s, _reference(s, df, lambda c, d: n(c, d) / d.t.to_numpy()))


def test_marginsplot_draws_the_zip_margins(counts):
    import io

    from graphs_helpers import all_texts, figure

    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=counts)
    rc = Runner(s).run_text("quietly zip y x1 x2 i.g, inflate(z x1)\nquietly margins g\nmarginsplot", echo=False)
    assert rc == 0, s.out.stream.getvalue()
    fig = figure(s.graphs[-1])
    assert "Predictive Margins of g with 95% CIs" in all_texts(fig)
    assert "Predicted Number Of Events" in all_texts(fig)
    lines = {ln.get_gid(): ln.get_ydata() for ax in fig.axes for ln in ax.get_lines()}
    drawn = next(v for k, v in lines.items() if k and "markers" in k)
    expected = [float(np.mean(_n(_coef(s), counts.assign(g=lev)))) for lev in (0.0, 1.0, 2.0)]
    assert np.allclose(drawn, expected, rtol=1e-6)


def _coef(s):
    b = s.e.matrices["b"]
    return dict(zip(b.colnames, b.values.ravel()))
