"""margins after heckman and heckprob (commands/postestimation/margins_selection.py): heckman's
default xb, ycond, yexpected, psel, dydx() of an outcome and a selection-only covariate, atmeans,
the two-step estimator (rho, sigma constants); heckprob's default pmargin, p11, pcond and dydx().
Reference: heckma_p's / heckpr_p's formulas averaged here in numpy/scipy from e(b) and e(V), with
delta-method SEs sqrt(J V J') from central-difference Jacobians in e(b)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats
from margins_delta_helpers import check_margin as _check, delta_reference as _reference


@pytest.fixture(scope="module")
def selection():
    rng = np.random.default_rng(5)
    n = 400
    x, w = rng.normal(size=(2, n))
    g = rng.integers(0, 2, n)
    err = rng.multivariate_normal([0, 0], [[1, 0.5], [0.5, 1]], size=n)
    s = 0.3 + 0.8 * w + 0.4 * x + err[:, 1] > 0
    y = 1 + 0.5 * x + 0.7 * g + 1.5 * err[:, 0]
    yb = (0.2 + 0.5 * x + 0.5 * g + err[:, 0] > 0).astype(float)
    return pd.DataFrame(dict(y=np.where(s, y, np.nan), yb=np.where(s, yb, np.nan), s=s.astype(float), x=x, w=w,
                             g=g.astype(float)))


def _idx(c, d, dep, sel):
    xb = c[f"{dep}:_cons"] + c[f"{dep}:x"] * d.x + c.get(f"{dep}:1.g", 0) * (d.g == 1)
    zg = c[f"{sel}:_cons"] + c[f"{sel}:x"] * d.x + c[f"{sel}:w"] * d.w
    return np.asarray(xb, float), np.asarray(zg, float)


def _ycond(c, d, lam=None):
    xb, zg = _idx(c, d, "y", "select")
    lam = np.tanh(c["athrho:_cons"]) * np.exp(c["lnsigma:_cons"]) if lam is None else lam
    return xb + lam * stats.norm.pdf(zg) / stats.norm.cdf(zg)


def _dydx(fn, var):
    def d(c, df):
        h = 1e-5
        return (fn(c, df.assign(**{var: df[var] + h})) - fn(c, df.assign(**{var: df[var] - h}))) / (2 * h)
    return d


def test_heckman_default_and_statistics(do, selection):
    rc, out, s = do("quietly heckman y x i.g, select(w x)\nmargins", df=selection)
    assert rc == 0, out
    assert "Expression   : Linear prediction, predict()" in out and "Number of obs   =        400" in out
    _check(s, _reference(s, selection, lambda c, d: _idx(c, d, "y", "select")[0]))
    rc, out, s = do("margins, predict(ycond)", session=s)
    assert rc == 0 and "Expression   : E(y|Zg>0), predict(ycond)" in out
    _check(s, _reference(s, selection, _ycond))

    def yexp(c, d):
        xb, zg = _idx(c, d, "y", "select")
        lam = np.tanh(c["athrho:_cons"]) * np.exp(c["lnsigma:_cons"])
        return xb * stats.norm.cdf(zg) + lam * stats.norm.pdf(zg)
    rc, out, s = do("margins g, predict(yexpected)", session=s)
    assert rc == 0 and "Expression   : E(y*|Pr(select)), predict(yexpected)" in out
    _check(s, _reference(s, selection, lambda c, d: yexp(c, d.assign(g=1.0))), 1)
    rc, out, s = do("margins, predict(psel) atmeans", session=s)
    assert rc == 0 and "Expression   : Pr(select), predict(psel)" in out
    assert "w               =" in out
    _check(s, _reference(s, selection, lambda c, d: stats.norm.cdf(_idx(c, pd.DataFrame([d.mean()]), "y", "select")[1])))


def test_heckman_effects_over_both_equations(do, selection):
    rc, out, s = do("quietly heckman y x i.g, select(w x)\nmargins, predict(ycond) dydx(*)", df=selection)
    assert rc == 0, out
    assert "dy/dx w.r.t. : x 1.g w" in out
    _check(s, _reference(s, selection, _dydx(_ycond, "x")), 0)
    _check(s, _reference(s, selection, _dydx(_ycond, "w")), 3)  # x 0b.g 1.g w


def test_heckman_twostep_rho_sigma_are_constants(do, selection):
    rc, out, s = do("quietly heckman y x i.g, select(w x) twostep\nmargins, predict(ycond)", df=selection)
    assert rc == 0, out
    lam = s.e.scalars["rho"] * s.e.scalars["sigma"]
    _check(s, _reference(s, selection, lambda c, d: _ycond(c, d, lam)))


def _phi2(h, k, r):
    """The bivariate normal cdf by Owen's T (h, k not 0)."""
    q = np.sqrt(1 - r * r)
    return (0.5 * special.ndtr(h) + 0.5 * special.ndtr(k) - special.owens_t(h, (k - r * h) / (h * q))
            - special.owens_t(k, (h - r * k) / (k * q)) - 0.5 * (h * k < 0))


def test_heckprob(do, selection):
    rc, out, s = do("quietly heckprob yb x i.g, select(s = w x)\nmargins", df=selection)
    assert rc == 0, out
    assert "Expression   : Pr(yb=1), predict()" in out
    _check(s, _reference(s, selection, lambda c, d: special.ndtr(_idx(c, d, "yb", "s")[0])))

    def p11(c, d):
        xb, zg = _idx(c, d, "yb", "s")
        r = np.tanh(c["athrho:_cons"])
        return np.array([stats.multivariate_normal.cdf([a, b], cov=[[1, r], [r, 1]]) for a, b in zip(xb, zg)])
    rc, out, s = do("margins, predict(p11)", session=s)
    assert rc == 0 and "Expression   : Pr(yb=1,s=1), predict(p11)" in out
    v = s.r["table"].values[0, 0]
    assert v == pytest.approx(p11(dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel())),
                                  selection).mean(), rel=1e-5)

    def pcond(c, d):
        xb, zg = _idx(c, d, "yb", "s")
        return _phi2(xb, zg, np.tanh(c["athrho:_cons"])) / special.ndtr(zg)
    rc, out, s = do("margins, predict(pcond) dydx(w)", session=s)
    assert rc == 0 and "Expression   : Pr(yb=1|s=1), predict(pcond)" in out
    _check(s, _reference(s, selection, _dydx(pcond, "w")))


def test_refusals(do, selection):
    rc, out, s = do("quietly heckman y x, select(w x)\nmargins, predict(stdf)", df=selection)
    assert rc == 498
    rc, out, s = do("margins, predict(ycond psel)", session=s)
    assert rc == 198
    rc, out, s = do("margins, predict(pr(0,1))", session=s)
    assert rc == 198 and "not supported by mlmcli" in out
