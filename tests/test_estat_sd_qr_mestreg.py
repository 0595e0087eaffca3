"""``estat sd`` after meqrlogit and meqrpoisson (Stata 16's _xtme_estat SD: the command's
table with stddev, r(b), r(V), r(table); ``variance`` refused; ``post``) and after mestreg
(mestreg_estat is meglm_estat: gsem's SD).  The numbers against numpy's delta method on
e(b)/e(V): sd = exp(lns) (meqr) or sqrt(var) (mestreg), corr = tanh(atr) or
cov/sqrt(var_a var_b)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _frame(seed=7, G=40, n=8):
    rng = np.random.default_rng(seed)
    rows = []
    for g in range(1, G + 1):
        u0, u1 = rng.normal(0, .8), rng.normal(0, .4)
        for _ in range(n):
            x = rng.normal()
            eta = .2 + .5 * x + u0 + u1 * x
            t = rng.exponential(np.exp(-eta))
            rows.append((g, x, float(rng.random() < 1 / (1 + np.exp(-eta))), float(rng.poisson(np.exp(eta))), t))
    return pd.DataFrame(rows, columns=["id", "x", "y", "c", "t"])


def _numeric_jacobian(f, b, h=1e-6):
    J = np.zeros((len(f(b)), len(b)))
    for j in range(len(b)):
        d = np.zeros(len(b))
        d[j] = h
        J[:, j] = (f(b + d) - f(b - d)) / (2 * h)
    return J


def test_meqrlogit_estat_sd(do):
    rc, out, s = do("quietly meqrlogit y x || id:\nestat sd\n", df=_frame())
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    sd = np.exp(b[-1])
    assert s.r["b"].colnames == ("id:sd(_cons)",)
    assert s.r["b"].values[0, 0] == pytest.approx(sd, rel=1e-10)
    assert np.sqrt(s.r["V"].values[0, 0]) == pytest.approx(sd * np.sqrt(V[-1, -1]), rel=1e-8)
    T = s.r["table"].values
    z = 1.959963984540054
    lo, hi = sd * np.exp(-z * np.sqrt(V[-1, -1])), sd * np.exp(z * np.sqrt(V[-1, -1]))
    assert T[4, 0] == pytest.approx(lo, rel=1e-6) and T[5, 0] == pytest.approx(hi, rel=1e-6)
    assert "sd(_cons)" in out and "Random-effects Parameters" in out and "Coef." not in out


def test_meqrpoisson_unstructured_verbose_and_post(do):
    rc, out, s = do("meqrpoisson c x || id: x, covariance(unstructured)\n", df=_frame())
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values

    def g(v):  # x, _cons, lns1, lns2, atr -> x, _cons, sd1, sd2, corr
        return np.array([v[0], v[1], np.exp(v[2]), np.exp(v[3]), np.tanh(v[4])])

    J = _numeric_jacobian(g, b)
    rc, out, s = do("estat sd, verbose\n", session=s)
    assert rc == 0, out
    assert s.r["b"].colnames == ("c:x", "c:_cons", "id:sd(x)", "id:sd(_cons)", "id:corr(x,_cons)")
    np.testing.assert_allclose(s.r["b"].values.ravel(), g(b), rtol=1e-10)
    np.testing.assert_allclose(s.r["V"].values, J @ V @ J.T, rtol=1e-6, atol=1e-12)
    assert "Coef." in out and "corr(x,_cons)" in out
    rc, out, s = do("estat sd, variance\n", session=s)
    assert rc == 198 and "option variance not allowed" in out
    rc, out, s = do("estat sd, post\n", session=s)
    assert rc == 0, out
    assert s.e.cmd == "estat sd" and s.e.macros["cmd2"] == "meqrpoisson"
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), g(b), rtol=1e-10)


def test_mestreg_estat_sd(do):
    setup = "stset t\nmestreg x || id: x, distribution(exponential) covariance(unstructured)\n"
    rc, out, s = do(setup, df=_frame())
    assert rc == 0, out
    names = list(s.e.matrices["b"].colnames)
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    iv1, iv2, ic = names.index("/:var(x[id])"), names.index("/:var(_cons[id])"), names.index("/:cov(x[id],_cons[id])")

    def g(v):
        return np.array([np.sqrt(v[iv1]), np.sqrt(v[iv2]), v[ic] / np.sqrt(v[iv1] * v[iv2])])

    J = _numeric_jacobian(g, b)
    se = np.sqrt(np.diag(J @ V @ J.T))
    rc, out, s = do("estat sd\n", session=s)
    assert rc == 0, out
    est = g(b)
    for label, value, err in zip(("sd(x)", "sd(_cons)", "corr(x,_cons)"), est, se):
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(label))
        shown = [float(w) for w in line.split("|")[1].split()[:2]]
        assert shown[0] == pytest.approx(value, rel=1e-6) and shown[1] == pytest.approx(err, rel=1e-5)
    np.testing.assert_allclose(s.r["b"].values.ravel(), est, rtol=1e-10)


def test_estat_sd_after_regress_not_valid(do):
    rc, out, s = do("regress c x\nestat sd\n", df=_frame())
    assert rc == 321 and "estat sd not valid" in out
