"""constraints(), from() and collinear of the me commands (commands.estimation.me_constraints).

Every number is checked against a first-principles likelihood written here: the random-intercept
model integrated by plain Gauss-Hermite quadrature (intmethod(ghermite) intpoints(15): the same
approximation the engine computes), maximised with scipy over the free parameters only (the
constraints substituted), standard errors from a central-difference Hessian of that function."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.special import expit, gammaln

Q = 15


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    rows = []
    for g in range(40):
        u = rng.normal(0, 0.8)
        for _ in range(12):
            x, z = rng.normal(), rng.normal()
            y = float(rng.random() < expit(-0.3 + 0.6 * x + 0.4 * z + u))
            c = float(rng.poisson(np.exp(0.2 + 0.3 * x + 0.5 * u)))
            rows.append((g + 1.0, x, z, y, c))
    return pd.DataFrame(rows, columns=["school", "x", "z", "y", "c"])


def _loglik(df, family, eta_fixed, sigma):
    """sum_j ln sum_k (w_k / sqrt(pi)) prod_i f(y_ij | eta_ij + sqrt(2) sigma t_k)."""
    t, w = np.polynomial.hermite.hermgauss(Q)
    eta = eta_fixed[:, None] + np.sqrt(2.0) * sigma * t[None, :]
    if family == "logit":
        y = df["y"].to_numpy()[:, None]
        li = y * eta - np.logaddexp(0, eta)
    else:
        y = df["c"].to_numpy()[:, None]
        li = y * eta - np.exp(eta) - gammaln(y + 1)
    g = df["school"].to_numpy().astype(int) - 1
    per = np.zeros((g.max() + 1, Q))
    np.add.at(per, g, li)
    m = per.max(axis=1, keepdims=True)
    return float(np.sum(m[:, 0] + np.log(np.exp(per - m) @ (w / np.sqrt(np.pi)))))


def _hessian(f, x, h=1e-4):
    k = len(x)
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            e_i, e_j = np.eye(k)[i] * h, np.eye(k)[j] * h
            H[i, j] = (f(x + e_i + e_j) - f(x + e_i - e_j) - f(x - e_i + e_j) + f(x - e_i - e_j)) / (4 * h * h)
    return H


def _fit(f, x0):
    res = minimize(lambda a: -f(a), x0, method="BFGS", options={"gtol": 1e-9})
    V = np.linalg.inv(-_hessian(f, res.x))
    return res.x, -res.fun, V


def _b(s):
    return dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))


def _se(s):
    V = s.e.matrices["V"].values
    return dict(zip(s.e.matrices["V"].colnames, np.sqrt(np.maximum(np.diag(V), 0))))


GH = "intmethod(ghermite) intpoints(15)"


def test_fixed_effect_equality_and_fixed_variance(do, data):
    """b_x = b_z and var(_cons[school]) = .5: two free parameters (a, c)."""
    rc, out, s = do("constraint 1 _b[x] = _b[z]\nconstraint 2 _b[var(_cons[school]):_cons] = 0.5\n"
                    f"melogit y x z || school:, constraints(1 2) {GH}", df=data)
    assert rc == 0, out
    X, Z = data["x"].to_numpy(), data["z"].to_numpy()
    f = lambda a: _loglik(data, "logit", a[1] + a[0] * (X + Z), np.sqrt(0.5))  # noqa: E731
    a, ll, V = _fit(f, np.array([0.5, -0.3]))
    b, se = _b(s), _se(s)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert b["y:x"] == pytest.approx(a[0], abs=1e-6) and b["y:z"] == pytest.approx(a[0], abs=1e-6)
    assert b["y:_cons"] == pytest.approx(a[1], abs=1e-6)
    assert b["var(_cons[school]):_cons"] == 0.5 and se["var(_cons[school]):_cons"] == 0
    assert se["y:x"] == pytest.approx(np.sqrt(V[0, 0]), rel=1e-4)
    assert se["y:_cons"] == pytest.approx(np.sqrt(V[1, 1]), rel=1e-4)
    lines = out.splitlines()
    at = lines.index(" ( 1)  [y]x - [y]z = 0")
    assert lines[at - 1] == "" and lines[at + 1] == " ( 2)  [var(_cons[school])]_cons = .5"
    assert lines[at + 2].startswith("-----")
    assert any(re.fullmatch(r"\s+var\(_cons\)\|\s+\.5  \(constrained\)", ln) for ln in lines)
    assert "LR test vs." not in out  # not reported under constraints
    np.testing.assert_array_equal(s.e.matrices["Cns"].values, [[1, -1, 0, 0, 0], [0, 0, 0, 1, 0.5]])
    assert s.e.matrices["Cns"].colnames[-1] == "_Cns:_r"


def test_fixed_effect_equality_with_free_variance(do, data):
    rc, out, s = do(f"constraint 1 x = z\nmelogit y x z || school:, constraints(1) {GH} nolog", df=data)
    assert rc == 0, out
    X, Z = data["x"].to_numpy(), data["z"].to_numpy()
    f = lambda a: _loglik(data, "logit", a[1] + a[0] * (X + Z), np.exp(a[2]))  # noqa: E731
    a, ll, V = _fit(f, np.array([0.5, -0.3, -0.3]))
    b, se = _b(s), _se(s)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert b["var(_cons[school]):_cons"] == pytest.approx(np.exp(2 * a[2]), rel=1e-5)
    assert b["y:x"] == pytest.approx(a[0], abs=1e-6)
    # var = exp(2 ln sd): delta method from the free parameters' Hessian
    assert se["var(_cons[school]):_cons"] == pytest.approx(2 * np.exp(2 * a[2]) * np.sqrt(V[2, 2]), rel=1e-3)
    assert se["y:z"] == pytest.approx(np.sqrt(V[0, 0]), rel=1e-4)
    assert "(constrained)" not in out


def test_stata14_slash_name_and_poisson(do, data):
    rc, out, s = do(f"constraint 6 _b[/var(_cons[school])] = 0.3\nmepoisson c x || school:, constraints(6) {GH} nolog",
                    df=data)
    assert rc == 0, out
    X = data["x"].to_numpy()
    f = lambda a: _loglik(data, "poisson", a[1] + a[0] * X, np.sqrt(0.3))  # noqa: E731
    a, ll, V = _fit(f, np.array([0.3, 0.1]))
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert _b(s)["c:x"] == pytest.approx(a[0], abs=1e-6)
    assert _se(s)["c:_cons"] == pytest.approx(np.sqrt(V[1, 1]), rel=1e-4)
    assert " ( 1)  [var(_cons[school])]_cons = .3" in out


def test_covariance_zero_is_the_independent_model(do, data):
    """cov() = 0 under unstructured is cov(independent); var(a) = var(b) under independent is
    cov(identity): the constrained fits reproduce the engine's own fits of those models."""
    rc, out, s = do("constraint 3 _b[cov(x[school],_cons[school]):_cons] = 0\n"
                    "constraint 4 [var(x[school])]_cons = [var(_cons[school])]_cons\n"
                    "mepoisson c x || school: x, cov(unstructured) constraints(3) nolog", df=data)
    assert rc == 0, out
    cons_un = s.e.scalars["ll"]
    assert re.search(r"cov\(x,_cons\)\|\s+0  \(constrained\)", out)
    rc, out, s2 = do("mepoisson c x || school: x, cov(independent) nolog", session=s)
    assert cons_un == pytest.approx(s2.e.scalars["ll"], rel=1e-8)
    rc, out, s3 = do("mepoisson c x || school: x, cov(independent) constraints(4) nolog", session=s)
    assert rc == 0, out
    b3 = _b(s3)
    assert b3["var(x[school]):_cons"] == pytest.approx(b3["var(_cons[school]):_cons"], rel=1e-10)
    ll3 = s3.e.scalars["ll"]
    rc, out, s4 = do("mepoisson c x || school: x, cov(identity) nolog", session=s)
    assert ll3 == pytest.approx(s4.e.scalars["ll"], rel=1e-8)
    assert b3["c:x"] == pytest.approx(_b(s4)["c:x"], abs=1e-6)


def test_ordinal_cutpoint_constraint(do, data):
    rc, out, s = do("constraint 7 [cut1]_cons = -1\nmeologit c x || school:, constraints(7) nolog", df=data)
    assert rc == 0, out
    assert _b(s)["cut1:_cons"] == -1 and _se(s)["cut1:_cons"] == 0
    assert re.search(r"/cut1 \|\s+-1  \(constrained\)", out)


@pytest.mark.parametrize("text", [
    "_b[var(_cons[school]):_cons] + _b[x] = 1",      # a variance with a fixed effect
    "_b[var(_cons[school]):_cons] = -1",             # not a variance
    "2*_b[var(_cons[school]):_cons] = _b[var(x[school]):_cons] + .1",
])
def test_constraints_not_linear_in_the_estimation_metric_are_refused(do, data, text):
    rc, out, s = do(f"constraint 1 {text}\nmelogit y x || school: x, cov(independent) constraints(1)", df=data)
    assert rc == 198 and "not supported by mlmcli" in out
    assert s.e is None


def test_undefined_and_unknown_constraints(do, data):
    rc, out, _ = do("melogit y x || school:, constraints(9)", df=data)
    assert rc == 111 and "constraint (9) not defined" in out
    rc, out, s = do("constraint 1 _b[w] = 1\nmelogit y x || school:, constraints(1) nolog", df=data)
    assert rc == 0 and "(note: constraint number 1 caused error r(111))" in out
    assert "Cns" not in s.e.matrices


def _first_full_iteration(out: str) -> float:
    part = out.split("Fitting full model:")[1]
    return float(re.search(r"Iteration 0:\s+log likelihood = (\S+)", part).group(1))


def test_from_names_start_the_full_model(do, data):
    X = data["x"].to_numpy()
    rc, out, s = do(f"mepoisson c x || school:, from(c:x=0.5 c:_cons=0.1 var(_cons[school]):_cons=0.2) {GH}",
                    df=data)
    assert rc == 0, out
    assert _first_full_iteration(out) == pytest.approx(_loglik(data, "poisson", 0.1 + 0.5 * X, np.sqrt(0.2)),
                                                      rel=1e-7)
    rc, out2, s2 = do(f"mepoisson c x || school:, {GH} nolog", df=data)
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-9)  # the same optimum


def test_from_matrix_copy_and_skip(do, data):
    X = data["x"].to_numpy()
    rc, out, s = do("matrix b = (0.4, 0.05, 0.25)\n"
                    f"mepoisson c x || school:, from(b, copy) {GH}", df=data)
    assert rc == 0, out
    assert _first_full_iteration(out) == pytest.approx(_loglik(data, "poisson", 0.05 + 0.4 * X, 0.5), rel=1e-7)
    rc, out, _ = do(f"matrix b = (0.4, 0.05)\nmepoisson c x || school:, from(b, copy) {GH}", df=data)
    assert rc == 503
    rc, out, _ = do("mepoisson c x || school:, from(c:w=0.5)", df=data)
    assert rc == 111 and "c:w not found" in out
    rc, out, s = do(f"mepoisson c x || school:, from(c:w=0.5 c:x=0.4, skip) {GH}", df=data)
    assert rc == 0, out
    rc, out, s = do(f"quietly mepoisson c x || school:, {GH}\nmatrix b = e(b)\n"
                    f"mepoisson c x || school:, from(b) {GH}", df=data)
    assert rc == 0, out
    assert _first_full_iteration(out) == pytest.approx(s.e.scalars["ll"], abs=1e-5)  # printed %10.0g


def test_collinear_and_refused_start_options(do, data):
    rc, out, s = do("melogit y x z || school:, collinear nolog", df=data)
    assert rc == 0, out
    rc, out, s2 = do("melogit y x z || school:, nolog", df=data)
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-12)
    rc, out, _ = do("generate x2 = 2*x\nmelogit y x x2 || school:, collinear", df=data)
    assert rc == 198 and "collinear" in out
    # startvalues() and startgrid(): tests/test_me_start_values.py
    rc, out, _ = do("melogit y x || school:, startvalues(iv)", df=data)
    assert rc == 198 and "not supported by mlmcli" in out


def _group_logliks(df, eta_fixed, sigma):
    """Each school's ln L_j (logit, plain Gauss-Hermite with Q points)."""
    t, w = np.polynomial.hermite.hermgauss(Q)
    eta = eta_fixed[:, None] + np.sqrt(2.0) * sigma * t[None, :]
    y = df["y"].to_numpy()[:, None]
    li = y * eta - np.logaddexp(0, eta)
    g = df["school"].to_numpy().astype(int) - 1
    per = np.zeros((g.max() + 1, Q))
    np.add.at(per, g, li)
    m = per.max(axis=1, keepdims=True)
    return m[:, 0] + np.log(np.exp(per - m) @ (w / np.sqrt(np.pi)))


def test_robust_sandwich_over_the_free_parameters_and_replay(do, data):
    """vce(robust) under constraints: (-H)^-1 (G/(G-1) sum_j s_j s_j') (-H)^-1 over the free
    parameters (a, c), s_j the schools' scores; replay lists the constraints, nocnsreport not."""
    rc, out, s = do("constraint 1 x = z\nconstraint 2 _b[var(_cons[school]):_cons] = 0.5\n"
                    f"melogit y x z || school:, constraints(1 2) vce(robust) {GH} nolog", df=data)
    assert rc == 0, out
    X, Z = data["x"].to_numpy(), data["z"].to_numpy()
    per = lambda a: _group_logliks(data, a[1] + a[0] * (X + Z), np.sqrt(0.5))  # noqa: E731
    f = lambda a: float(per(a).sum())  # noqa: E731
    a, _, V = _fit(f, np.array([0.5, -0.3]))
    h = 1e-5
    S = np.column_stack([(per(a + h * e) - per(a - h * e)) / (2 * h) for e in np.eye(2)])
    G = S.shape[0]
    Vr = V @ (G / (G - 1) * S.T @ S) @ V
    se = _se(s)
    assert se["y:x"] == pytest.approx(np.sqrt(Vr[0, 0]), rel=1e-4)
    assert se["y:_cons"] == pytest.approx(np.sqrt(Vr[1, 1]), rel=1e-4)
    assert se["var(_cons[school]):_cons"] == 0
    rc, out, _ = do("melogit", session=s)
    assert " ( 2)  [var(_cons[school])]_cons = .5" in out and "(constrained)" in out
    rc, out, _ = do("melogit, nocnsreport", session=s)
    assert rc == 0 and "( 1)" not in out


def test_constraints_without_random_effects(do, data):
    """``melogit y x z, constraints(1)`` (no ||): the constrained single-level logit."""
    rc, out, s = do("constraint 1 x = z\nconstraint 2 _b[var(_cons[school]):_cons] = 0.5\n"
                    "melogit y x z, constraints(1 2) nolog", df=data)
    assert rc == 0, out
    assert "(note: constraint number 2 caused error r(111))" in out  # no variance in the model
    X, Z, y = data["x"].to_numpy(), data["z"].to_numpy(), data["y"].to_numpy()

    def f(a):
        eta = a[1] + a[0] * (X + Z)
        return float(np.sum(y * eta - np.logaddexp(0, eta)))

    a, ll, V = _fit(f, np.array([0.5, -0.3]))
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-9)
    assert _b(s)["y:z"] == pytest.approx(a[0], abs=1e-6)
    assert _se(s)["y:x"] == pytest.approx(np.sqrt(V[0, 0]), rel=1e-4)


def test_constraint_at_a_saved_matrix_element(do, data):
    """``constraint 1 _b[/var(_cons[party])] = ab[1,(#)]`` (a published do-file's way of fixing
    a variance at an earlier model's estimate): the element's value."""
    rc, out, s = do("quietly melogit y x z || school:\nmatrix ab = e(b)\nlocal dim (`=colsof(ab)')\n"
                    "constraint 1 _b[/var(_cons[school])] = ab[1,`dim' ]\n"
                    f"melogit y x || school:, constraints(1) {GH} nolog", df=data)
    assert rc == 0, out
    saved = s.matrices["ab"].values[0, -1]
    X = data["x"].to_numpy()
    f = lambda a: _loglik(data, "logit", a[1] + a[0] * X, np.sqrt(saved))  # noqa: E731
    a, ll, _ = _fit(f, np.array([0.5, -0.3]))
    assert _b(s)["var(_cons[school]):_cons"] == saved
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    rc, out, _ = do("matrix ab = (1, 2)\nconstraint 1 _b[/var(_cons[school])] = ab[1,3]\n"
                    "melogit y x || school:, constraints(1) nolog", df=data)
    assert rc == 503
