"""``metareg`` (SSC, Harbord and Higgins; metareg.ado 2.6.1): REML (default), method-of-moments
and empirical-Bayes meta-regression with the Knapp-Hartung variance max(1, q) times
(X'WX)^-1 and t tests on K - p df (``z``: none, normal tests), I2_res, the constant-only
model's tau2, replay and the ado's errors.  Seen in heldout/anon-ipd-sbp-interactions
(``metareg ancova prop_male, wsse(seancova) reml graph``).  Numbers checked against a direct
REML maximisation with scipy."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize, stats

Y = [-9.8, -11.2, -7.1, -12.5, -8.0, -10.4, -6.2, -13.9, -9.1, -10.0]
SE = [0.8, 1.1, 0.7, 1.3, 0.9, 0.6, 1.0, 1.2, 0.75, 0.95]
X1 = [0.7, 0.35, 0.24, 0.55, 0.59, 0.42, 0.43, 0.26, 0.64, 0.33]


def _data(new_session, run):
    s = new_session()
    lines = ["clear", "input y se x"] + [f"{a} {b} {c}" for a, b, c in zip(Y, SE, X1)] + ["end"]
    out, rc = run(s, "\n".join(lines))
    assert rc == 0, out
    return s


def _reml(y, v, X):
    def negll(t):
        w = 1 / (v + t)
        A = (X.T * w) @ X
        b = np.linalg.solve(A, (X.T * w) @ y)
        r = y - X @ b
        return 0.5 * (np.sum(r * r * w) + np.sum(np.log(v + t)) + np.linalg.slogdet(A)[1])
    t = optimize.minimize_scalar(negll, bounds=(0, 100), method="bounded", options={"xatol": 1e-10}).x
    return max(t, 0.0), -negll(max(t, 0.0))


def _wls(y, v, X, tau2, kh=True):
    w = 1 / (v + tau2)
    A = (X.T * w) @ X
    b = np.linalg.solve(A, (X.T * w) @ y)
    V = np.linalg.inv(A)
    r = y - X @ b
    if kh:
        V = V * max(1.0, np.sum(r * r * w) / (len(y) - X.shape[1]))
    return b, V


def test_reml_with_knapp_hartung_matches_direct_maximisation(new_session, run):
    s = _data(new_session, run)
    out, rc = run(s, "metareg y x, wsse(se)")
    assert rc == 0, out
    y, v, X = np.array(Y), np.array(SE) ** 2, np.column_stack([X1, np.ones(10)])
    tau2, remll = _reml(y, v, X)
    b, V = _wls(y, v, X, tau2)
    e = s.e
    assert e.scalars["tau2"] == pytest.approx(tau2, rel=1e-5)
    assert e.scalars["remll"] == pytest.approx(remll, rel=1e-7)
    assert np.allclose(e.coefficients().b, b, rtol=1e-5)
    assert np.allclose(np.sqrt(np.diag(e.coefficients().V)), np.sqrt(np.diag(V)), rtol=1e-5)
    assert e.scalars["df_r"] == 8 and e.macros["method"] == "REML" and e.macros["cmd"] == "metareg"
    # Q and I2_res of the fixed-effect fit; tau2 of the constant-only model
    bf, _ = _wls(y, v, X, 0.0, kh=False)
    Q = float(np.sum((y - X @ bf) ** 2 / v))
    assert e.scalars["Q"] == pytest.approx(Q) and e.scalars["I2"] == pytest.approx(max((Q - 8) / Q, 0))
    assert e.scalars["tau2_0"] == pytest.approx(_reml(y, v, np.ones((10, 1)))[0], rel=1e-5)
    assert "REML estimate of between-study variance" in out and "With Knapp-Hartung modification" in out
    assert "Proportion of between-study variance explained" in out
    t = b[0] / np.sqrt(V[0, 0])
    assert f"{2 * stats.t.sf(abs(t), 8):.3f}" in out.split("x |")[1].split("\n")[0]


def test_method_of_moments_without_knapp_hartung(new_session, run):
    s = _data(new_session, run)
    out, rc = run(s, "metareg y x, wsse(se) mm z tau2test")
    assert rc == 0, out
    y, v, X = np.array(Y), np.array(SE) ** 2, np.column_stack([X1, np.ones(10)])
    w = 1 / v
    A = (X.T * w) @ X
    H = (X * w[:, None]) @ np.linalg.solve(A, (X.T * w))
    bf = np.linalg.solve(A, (X.T * w) @ y)
    Q = np.sum(w * (y - X @ bf) ** 2)
    tau2 = max(0.0, (Q - 8) / (w.sum() - np.trace(H)))
    b, V = _wls(y, v, X, tau2, kh=False)
    assert s.e.scalars["tau2"] == pytest.approx(tau2)
    assert np.allclose(s.e.coefficients().V, V)
    assert "df_r" not in s.e.scalars and "q_KH" not in s.e.scalars
    assert "Without Knapp-Hartung modification" in out and "P>|z|" in out
    assert "Q_res (8 df)" in out and "Method of moments estimate" in out


def test_constant_only_replay_and_errors(new_session, run):
    s = _data(new_session, run)
    out, rc = run(s, "metareg y, wsse(se)")
    assert rc == 0 and "Proportion of between-study" not in out and "_cons |" in out
    out, rc = run(s, "metareg")
    assert rc == 0 and "Meta-regression" in out
    out, rc = run(s, "metareg y x", stop_on_error=False)
    assert rc == 100 and "wsse() option required" in out
    out, rc = run(s, "metareg y x, wsse(se) mm eb", stop_on_error=False)
    assert rc == 198
    out, rc = run(s, "replace se = 0 in 1\nmetareg y x, wsse(se)", stop_on_error=False)
    assert rc == 499 and "zero or negative wsse() not allowed" in out
    out, rc = run(s, "metareg y x, wsse(se) permute(100)", stop_on_error=False)
    assert rc == 198
    s2 = new_session()
    out, rc = run(s2, "metareg", stop_on_error=False)
    assert rc == 301


def test_graph_of_one_covariate(new_session, run):
    s = _data(new_session, run)
    out, rc = run(s, "generate x2 = x^2\nmetareg y x x2, wsse(se) graph")
    assert rc == 0 and "graph option works only with a single indepvar" in out
    assert "Joint test for all covariates" in out and "Model F(2,7)" in out
    out, rc = run(s, "metareg y x, wsse(se) graph")
    assert rc == 0 and s.data.varnames == ["y", "se", "x", "x2"]  # the plot's variables are gone
