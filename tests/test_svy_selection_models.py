"""``svy: heckprob`` and ``svy: heckman`` (linearized): the estimates maximize the pweighted
likelihood and the standard errors are the design's -- both checked against likelihoods written
here (heckprob's Phi2 by Gauss-Legendre quadrature of phi(x) Phi((k - r x)/sqrt(1 - r^2));
heckman's closed form), their numerical scores and Hessian, and the stratified between-PSU
variance of the influence rows, all in numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(200)


def _phi2(h, k, r):
    """P(X < h, Y < k) for a standard bivariate normal with correlation r (vectors h, k)."""
    lo = -12.0
    x = (h[:, None] - lo) / 2 * _NODES[None, :] + (h[:, None] + lo) / 2
    inner = special.ndtr((k[:, None] - r * x) / np.sqrt(1 - r * r))
    return (h - lo) / 2 * ((stats.norm.pdf(x) * inner) @ _WEIGHTS)


def _frame(seed=11, H=5, P=8, m=20):
    rng = np.random.default_rng(seed)
    rows = []
    for h in range(H):
        for p in range(P):
            for _ in range(m):
                x, z = rng.normal(), rng.normal()
                e1, e2 = rng.multivariate_normal([0, 0], [[1, .5], [.5, 1]])
                s = float(.3 + .6 * z + .3 * x + e2 > 0)
                y = float(-.2 + .8 * x + e1 > 0) if s else np.nan
                rows.append((h + 1, h * 100 + p, 1 + rng.random() * 3, x, z, s, y))
    return pd.DataFrame(rows, columns=["stratum", "psu", "w", "x", "z", "s", "y"])


def _loglik_rows(theta, df):
    b0, b1, g0, g1, g2, a = theta
    xb = b0 + b1 * df.x.to_numpy()
    zg = g0 + g1 * df.x.to_numpy() + g2 * df.z.to_numpy()
    s = df.s.to_numpy() == 1
    q = np.where(np.nan_to_num(df.y.to_numpy()) > 0, 1.0, -1.0)
    out = special.log_ndtr(-zg)
    out[s] = np.log(_phi2_q(q[s], xb[s], zg[s], np.tanh(a)))
    return out


def _phi2_q(q, xb, zg, rho):
    out = np.empty(len(q))
    for sign in (1.0, -1.0):
        m = q == sign
        out[m] = _phi2(sign * xb[m], zg[m], sign * rho)
    return out


def _influence_and_se(theta, df, rows_of=None):
    rows_of = rows_of or _loglik_rows
    w = df.w.to_numpy()
    k = len(theta)
    h = 1e-6
    S = np.zeros((len(df), k))
    for j in range(k):
        d = np.zeros(k)
        d[j] = h
        S[:, j] = (rows_of(theta + d, df) - rows_of(theta - d, df)) / (2 * h)
    H = np.zeros((k, k))
    hh = 1e-4
    for j in range(k):
        d = np.zeros(k)
        d[j] = hh
        Sp = np.zeros(k)
        Sm = np.zeros(k)
        for i in range(k):
            e = np.zeros(k)
            e[i] = h
            Sp[i] = w @ (rows_of(theta + d + e, df) - rows_of(theta + d - e, df)) / (2 * h)
            Sm[i] = w @ (rows_of(theta - d + e, df) - rows_of(theta - d - e, df)) / (2 * h)
        H[:, j] = (Sp - Sm) / (2 * hh)
    H = (H + H.T) / 2
    U = (S * w[:, None]) @ np.linalg.inv(-H)
    G = np.zeros((k, k))
    for _, st in df.assign(i=range(len(df))).groupby("stratum"):
        totals = np.array([U[g.i.to_numpy()].sum(axis=0) for _, g in st.groupby("psu")])
        n = len(totals)
        d = totals - totals.mean(axis=0)
        G += n / (n - 1) * d.T @ d
    return S.T @ w, np.sqrt(np.diag(G))


SETUP = "svyset psu [pw=w], strata(stratum)\n"
FIT = "svy: heckprob y x, select(s = x z)\n"


def test_estimates_and_linearized_se(do):
    df = _frame()
    rc, out, s = do(SETUP + FIT, df=df)
    assert rc == 0, out
    e = s.e
    names = e.matrices["b"].colnames
    assert names == ("y:x", "y:_cons", "s:x", "s:z", "s:_cons", "athrho:_cons")
    b = e.matrices["b"].values.ravel()
    theta = np.array([b[1], b[0], b[4], b[2], b[3], b[5]])  # the test's order: b0 b1 g0 g1 g2 athrho
    grad, se = _influence_and_se(theta, df)
    assert np.max(np.abs(grad)) < 1e-3  # the pweighted likelihood's maximum
    mlm_se = np.sqrt(np.diag(e.matrices["V"].values))
    order = [1, 0, 4, 2, 3, 5]
    np.testing.assert_allclose(mlm_se[order], se, rtol=2e-4)
    assert e.scalars["df_r"] == 40 - 5 and e.scalars["N"] == len(df) and e.scalars["N_strata"] == 5
    assert e.macros["prefix"] == "svy" and e.macros["vcetype"] == "Linearized" and e.cmd == "heckprob"
    assert "Survey: Probit model with sample selection" in out and "Linearized" in out and "P>|t|" in out
    t_x = b[0] / mlm_se[0]
    assert f"{t_x:.2f}" in out
    k = 1  # the header's adjusted Wald F of the outcome equation's x: (d - k + 1)/(d k) t^2
    assert e.scalars["F"] == pytest.approx(t_x ** 2 * (35 - k + 1) / (35 * k), rel=1e-8)


def test_subpop_matches_weighted_fit_on_the_subpopulation(do):
    df = _frame()
    rc, out, s = do(SETUP + "svy, subpop(if stratum != 2): heckprob y x, select(s = x z)\n", df=df)
    assert rc == 0, out
    b_sub = s.e.matrices["b"].values.ravel()
    assert s.e.scalars["N"] == len(df) and s.e.scalars["N_sub"] == (df.stratum != 2).sum()
    rc, out, s2 = do("heckprob y x [pw=w] if stratum != 2, select(s = x z)\n", df=df)
    assert rc == 0, out
    np.testing.assert_allclose(b_sub, s2.e.matrices["b"].values.ravel(), rtol=1e-6)


def test_vce_refused_and_replicates_refused(do):
    df = _frame()
    rc, out, _ = do(SETUP + "svy: heckprob y x, select(s = x z) vce(robust)\n", df=df)
    assert rc == 198 and "not allowed" in out
    rc, out, _ = do(SETUP + "svy jackknife: heckprob y x, select(s = x z)\n", df=df)
    assert rc == 198


def test_replay_at_level_and_effects_refused(do):
    df = _frame()
    rc, out, s = do(SETUP + "quietly " + FIT + "heckprob, level(90)\n", df=df)
    assert rc == 0, out
    b = s.e.matrices["b"].values[0, 0]
    se = np.sqrt(s.e.matrices["V"].values[0, 0])
    q = stats.t.ppf(0.95, s.e.scalars["df_r"])
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("x |"))
    lo, hi = (float(v) for v in line.split()[-2:])
    assert lo == pytest.approx(b - q * se, rel=1e-5) and hi == pytest.approx(b + q * se, rel=1e-5)
    assert "[90% Conf. Interval]" in out and "Survey: Probit model with sample selection" in out
    rc, out, _ = do("estat effects\n", session=s)
    assert rc == 198 and "not supported" in out


def test_command_level_replay_and_refusals_before_the_note(do):
    df = _frame()
    rc, out, s = do(SETUP + "svy: heckprob y x, select(s = x z) level(90)\n", df=df)
    assert rc == 0, out
    b = s.e.matrices["b"].values[0, 0]
    se = np.sqrt(s.e.matrices["V"].values[0, 0])
    q = stats.t.ppf(0.95, s.e.scalars["df_r"])
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("x |"))
    assert float(line.split()[-2]) == pytest.approx(b - q * se, rel=1e-5)
    rc, again, s = do("svy: heckprob\n", session=s)
    assert rc == 0 and "Survey: Probit model with sample selection" in again and "(running" not in again
    rc, out, _ = do(SETUP + "svy: heckprob y x, select(s = x z) first\n", df=df)
    assert rc == 198 and "option first not allowed" in out and "(running" not in out


def _heckman_rows(theta, df):
    b0, b1, g0, g1, g2, a, ls = theta
    x, z = df.x.to_numpy(), df.z.to_numpy()
    s = df.s.to_numpy() == 1
    zg = g0 + g1 * x + g2 * z
    sigma, rho = np.exp(ls), np.tanh(a)
    e = (np.nan_to_num(df.yc.to_numpy()) - b0 - b1 * x) / sigma
    sel = stats.norm.logpdf(e) - ls + special.log_ndtr((zg + rho * e) / np.sqrt(1 - rho * rho))
    return np.where(s, sel, special.log_ndtr(-zg))


def test_heckman_estimates_and_linearized_se(do):
    df = _frame()
    rng = np.random.default_rng(3)
    df["yc"] = np.where(df.s == 1, .5 + df.x + rng.normal(size=len(df)), np.nan)
    rc, out, s = do(SETUP + "svy: heckman yc x, select(s = x z)\n", df=df)
    assert rc == 0, out
    names = s.e.matrices["b"].colnames
    assert names == ("yc:x", "yc:_cons", "s:x", "s:z", "s:_cons", "athrho:_cons", "lnsigma:_cons")
    b = s.e.matrices["b"].values.ravel()
    order = [1, 0, 4, 2, 3, 5, 6]
    theta = b[order]
    grad, se = _influence_and_se(theta, df, _heckman_rows)
    assert np.max(np.abs(grad)) < 1e-3
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values))[order], se, rtol=2e-4)
    assert s.e.cmd == "heckman" and s.e.macros["prefix"] == "svy" and "Survey: Heckman selection model" in out
    sigma = np.exp(b[-1])
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("sigma |"))
    q = stats.t.ppf(.975, s.e.scalars["df_r"])
    se_ls = np.sqrt(s.e.matrices["V"].values[-1, -1])
    assert float(line.split()[-1]) == pytest.approx(np.exp(b[-1] + q * se_ls), rel=1e-5)
    assert float(line.split()[2]) == pytest.approx(sigma, rel=1e-6)
    rc, out, _ = do(SETUP + "svy: heckman yc x, select(s = x z) twostep\n", df=df)
    assert rc == 198 and "twostep not allowed" in out
