"""margins after xttobit with predict(pr0(a,b)), e0(a,b), ystar0(a,b): tobit_p's statistics of
y* ~ N(x b, s^2) with s = sqrt(sigma_u^2 + sigma_e^2), averaged over the rows; the delta-method
SE from a central-difference Jacobian over e(b) = (b, sigma_u, sigma_e) written here with
scipy's normal distribution (independent of mlm's closed-form derivatives)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

REF = Path(__file__).parent / "reference_values"


def _statistic(name, xb, s, lo, hi):
    A = -np.inf if lo is None else (lo - xb) / s
    B = np.inf if hi is None else (hi - xb) / s
    P = norm.cdf(B) - norm.cdf(A)
    if name == "pr":
        return P
    # E(y* | lo < y* < hi) = xb + s (phi(A) - phi(B)) / P
    e = xb + s * (norm.pdf(A) - norm.pdf(B)) / P
    if name == "e":
        return e
    below = 0.0 if lo is None else lo * norm.cdf(A)
    above = 0.0 if hi is None else hi * (1 - norm.cdf(B))
    return P * e + below + above  # ystar: E(max(lo, min(y*, hi)))


def _hand_margin(s, X, name, lo, hi, dydx=None):
    cols = list(s.e.matrices["b"].colnames)
    b = s.e.matrices["b"].values[0]
    V = s.e.matrices["V"].values
    iu, ie = cols.index("sigma_u:_cons"), cols.index("sigma_e:_cons")
    k = X.shape[1]

    def margin(theta):
        sig = np.hypot(theta[iu], theta[ie])
        if dydx is None:
            return _statistic(name, X @ theta[:k], sig, lo, hi).mean()
        h = 1e-6  # dy/dx of a continuous covariate: the derivative along that column
        Xp, Xm = X.copy(), X.copy()
        Xp[:, dydx] += h
        Xm[:, dydx] -= h
        return ((_statistic(name, Xp @ theta[:k], sig, lo, hi)
                 - _statistic(name, Xm @ theta[:k], sig, lo, hi)) / (2 * h)).mean()

    J = np.zeros(len(b))
    for j in range(len(b)):
        step = 1e-6 * max(1.0, abs(b[j]))
        up, down = b.copy(), b.copy()
        up[j] += step
        down[j] -= step
        J[j] = (margin(up) - margin(down)) / (2 * step)
    return margin(b), float(np.sqrt(J @ V @ J))


@pytest.fixture(scope="module")
def panels():
    return pd.read_csv(REF / "xttobit_panels.csv")


@pytest.mark.parametrize("typed, name, lo, hi", [
    ("pr0(0,.)", "pr", 0.0, None),
    ("e0(0,.)", "e", 0.0, None),
    ("ystar0(0,.)", "ystar", 0.0, None),
    ("pr(0,2)", "pr", 0.0, 2.0),
    ("ys(.,1.5)", "ystar", None, 1.5),
])
def test_zero_statistics_margin_and_se(do, panels, typed, name, lo, hi):
    rc, out, s = do(f"xtset id\nquietly xttobit y x, ll(0) tobit\nmargins, predict({typed})", df=panels)
    assert rc == 0, out
    X = np.column_stack([panels.x, np.ones(len(panels))])
    want, want_se = _hand_margin(s, X, name, lo, hi)
    got = s.r["table"].values
    assert got[0][0] == pytest.approx(want, rel=1e-9)
    assert got[1][0] == pytest.approx(want_se, rel=1e-5)
    # the margin is the mean of predict's own statistic
    rc, out, s2 = do(f"predict double p, {typed}\nsummarize p", session=s)
    assert rc == 0 and s2.r["mean"] == pytest.approx(want, rel=1e-9)


def test_dydx_of_ystar0(do, panels):
    rc, out, s = do("xtset id\nquietly xttobit y x, ll(0) tobit\nmargins, dydx(x) predict(ystar0(0,.))", df=panels)
    assert rc == 0, out
    assert "Expression   : E(y*|y>0), predict(ystar0(0,.))" in out
    X = np.column_stack([panels.x, np.ones(len(panels))])
    want, want_se = _hand_margin(s, X, "ystar", 0.0, None, dydx=0)
    got = s.r["table"].values
    assert got[0][0] == pytest.approx(want, rel=1e-6)
    assert got[1][0] == pytest.approx(want_se, rel=1e-4)


def test_zero_statistics_refusals(do, panels):
    rc, out, s = do("xtset id\nquietly xttobit y x, ll(0) tobit\nmargins, predict(pr0(0,.) e0(0,.))", df=panels)
    assert rc == 198 and "only one statistic may be specified" in out
    rc, out, _ = do("margins, predict(pr0(nosuch,.))", session=s)  # a bound is a number or a variable
    assert rc == 111 and "variable nosuch not found" in out


def test_abbreviations_follow_tobit_p(do, panels):
    rc, out, s = do("xtset id\nquietly xttobit y x, ll(0) tobit\nmargins, predict(ys0(0,.))", df=panels)
    assert rc == 198 and "option ys0() not allowed" in out
    rc, out, _ = do("predict p, ys0(0,.)", session=s)
    assert rc == 198 and "option ys0() not allowed" in out
