"""margins after gsem with latent intercepts (mlmcli/sem/gsem_margins.py): the margins and their
delta-method SEs (also under pweights and vce(robust)) against an independent computation here --
the weighted mean over the rows of the outcome's probability (mean) integrated over the latent
variable u ~ N(0, var(M[g])) with numpy's Gauss-Hermite rule of e(n_quad) points (checked against
scipy's quad), and a central-difference Jacobian over e(b) times e(V)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, special, stats


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n, G = 360, 24
    g = rng.integers(1, G + 1, n)
    u = rng.normal(0, 0.8, G + 1)[g]
    x = rng.normal(size=n)
    f = rng.integers(1, 3, n)
    w = rng.uniform(0.5, 2.0, n)
    idx = np.c_[np.zeros(n), 0.3 + 0.6 * x + 0.4 * (f == 2) + u, -0.2 - 0.5 * x + u]
    P = special.softmax(idx, axis=1)
    y = (rng.uniform(size=n)[:, None] > P.cumsum(1)).sum(1) + 1
    yb = (rng.uniform(size=n) < special.expit(0.2 + 0.8 * x + u)).astype(int)
    c = rng.poisson(np.exp(0.3 + 0.4 * x + 0.5 * u))
    yo = np.digitize(0.7 * x + u + rng.logistic(size=n), [-1.0, 0.5, 1.5]) + 1
    return pd.DataFrame(dict(y=y, yb=yb, c=c, yo=yo, x=x, f=f, g=g, w=w))


def _nodes(points):
    t, wt = np.polynomial.hermite_e.hermegauss(points)
    return t, wt / np.sqrt(2 * np.pi)


def _theta(s):
    return list(s.e.matrices["b"].colnames), s.e.matrices["b"].values[0].copy(), s.e.matrices["V"].values


def _delta(margin, b, V):
    """(margins, their V) from a central-difference Jacobian of margin(theta) (a vector)."""
    m0 = np.atleast_1d(margin(b))
    J = np.zeros((len(m0), len(b)))
    for j in range(len(b)):
        if V[j, j] == 0:
            continue
        h = 1e-5 * max(1.0, abs(b[j]))
        up, down = b.copy(), b.copy()
        up[j] += h
        down[j] -= h
        J[:, j] = (np.atleast_1d(margin(up)) - np.atleast_1d(margin(down))) / (2 * h)
    return m0, J @ V @ J.T


def _mlogit_probabilities(cols, theta, rows, xval, marginal=True, points=7):
    """n x 3 Pr(y = 1, 2, 3) of ``gsem (i.y <- i.f x M[g]@1), mlogit`` at x = xval."""
    def eq_index(eq):
        b = {c.split(":", 1)[1]: theta[i] for i, c in enumerate(cols) if c.startswith(eq + ":")}
        return b["_cons"] + b["x"] * xval + b["2.f"] * (rows.f.values == 2)

    s2 = theta[cols.index("var(M[g]):_cons")]
    e2, e3 = eq_index("2.y"), eq_index("3.y")
    t, wt = _nodes(points) if marginal else (np.zeros(1), np.ones(1))
    out = 0
    for tk, wk in zip(t, wt):
        u = np.sqrt(s2) * tk
        out = out + wk * special.softmax(np.c_[np.zeros(len(rows)), e2 + u, e3 + u], axis=1)
    return out


MLOGIT = "quietly gsem (i.y <- i.f x M[g]@1) [pweight=w], mlogit vce(robust)\n"


def test_mlogit_default_is_each_outcome_marginal_under_version_14(do, data):
    rc, out, s = do("version 17\n" + MLOGIT + "margins, at(x=(0 1))", df=data)
    assert rc == 0, out
    assert "1._predict   : Pr(1.y), predict(mu outcome(1.y))" in out
    assert "3._predict   : Pr(3.y), predict(mu outcome(3.y))" in out
    assert "Model VCE    : Robust" in out
    cols, b, V = _theta(s)
    w = data.w.values

    def margin(theta):
        at = [np.average(_mlogit_probabilities(cols, theta, data, xv), axis=0, weights=w) for xv in (0.0, 1.0)]
        return np.array([at[a][k] for k in range(3) for a in range(2)])  # _predict#_at order

    want, want_V = _delta(margin, b, V)
    got = s.r["b"].values[0]
    assert got == pytest.approx(want, rel=1e-7)
    assert s.r["V"].values == pytest.approx(want_V, rel=2e-4, abs=1e-10)
    assert np.sum(want.reshape(3, 2), axis=0) == pytest.approx([1.0, 1.0])  # the outcomes' probabilities


def test_gauss_hermite_against_quad(do, data):
    """The 7-point rule gsem's e(n_quad) gives is close to the exact integral (a few rows)."""
    rc, out, s = do(MLOGIT, df=data)
    assert rc == 0, out
    cols, b, _ = _theta(s)
    rows = data.iloc[:5]
    s2 = b[cols.index("var(M[g]):_cons")]
    gh = _mlogit_probabilities(cols, b, rows, 0.5)
    e2 = _mlogit_probabilities(cols, b, rows, 0.5, marginal=False)
    idx = np.log(e2[:, 1:] / e2[:, [0]])
    for i in range(len(rows)):
        def p2(u):
            return special.softmax([0.0, idx[i, 0] + u, idx[i, 1] + u])[1] * stats.norm.pdf(u, scale=np.sqrt(s2))
        exact = integrate.quad(p2, -np.inf, np.inf)[0]
        assert gh[i, 1] == pytest.approx(exact, abs=2e-4)


def test_mlogit_fixedonly_and_dydx(do, data):
    rc, out, s = do(MLOGIT + "margins, predict(pr outcome(3.y) conditional(fixedonly))", df=data)
    assert rc == 0, out
    assert "Pr(3.y), fixed portion only" in out
    cols, b, V = _theta(s)
    xs = data.x.values
    w = data.w.values

    def margin(theta):
        P = np.vstack([_mlogit_probabilities(cols, theta, data.iloc[[i]], xs[i], marginal=False)
                       for i in range(len(data))])
        return np.average(P[:, 2], weights=w)

    want, want_V = _delta(margin, b, V)
    assert s.r["b"].values[0][0] == pytest.approx(want[0], rel=1e-7)
    assert np.sqrt(s.r["V"].values[0, 0]) == pytest.approx(np.sqrt(want_V[0, 0]), rel=2e-4)
    rc, out, s = do("margins, predict(outcome(2.y)) dydx(x)", session=s)
    assert rc == 0, out

    def effect(theta):
        h = 1e-5
        up = np.vstack([_mlogit_probabilities(cols, theta, data.iloc[[i]], xs[i] + h) for i in range(len(data))])
        dn = np.vstack([_mlogit_probabilities(cols, theta, data.iloc[[i]], xs[i] - h) for i in range(len(data))])
        return np.average((up[:, 1] - dn[:, 1]) / (2 * h), weights=w)

    want, want_V = _delta(effect, b, V)
    assert s.r["b"].values[0][0] == pytest.approx(want[0], rel=1e-5)
    assert np.sqrt(s.r["V"].values[0, 0]) == pytest.approx(np.sqrt(want_V[0, 0]), rel=1e-3)


def test_version_13_default_is_the_first_outcome(do, data):
    rc, out, s = do(MLOGIT + "margins", df=data)
    assert rc == 0, out
    assert "Expression   : Pr(1.y), predict()" in out
    cols, b, _ = _theta(s)
    want = np.average(np.vstack([_mlogit_probabilities(cols, b, data.iloc[[i]], data.x.values[i])
                                 for i in range(len(data))])[:, 0], weights=data.w.values)
    assert s.r["b"].values[0][0] == pytest.approx(want, rel=1e-7)


def test_ologit_outcomes(do, data):
    rc, out, s = do("version 14\nquietly gsem (yo <- x M[g]), ologit\nmargins, at(x=1)", df=data)
    assert rc == 0, out
    assert "4._predict   : Pr(4.yo), predict(mu outcome(4.yo))" in out
    cols, b, V = _theta(s)
    t, wt = _nodes(7)

    def margin(theta):
        cuts = [theta[cols.index(f"cut{j}:_cons")] for j in (1, 2, 3)]
        eta = theta[cols.index("yo:x")] * 1.0
        sd = np.sqrt(theta[cols.index("var(M[g]):_cons")])
        F = [sum(wk * special.expit(c - eta - sd * tk) for tk, wk in zip(t, wt)) for c in cuts]
        return np.diff([0.0] + F + [1.0])

    want, want_V = _delta(margin, b, V)
    assert s.r["b"].values[0] == pytest.approx(want, rel=1e-7)
    assert s.r["V"].values == pytest.approx(want_V, rel=2e-4, abs=1e-10)


@pytest.mark.parametrize("family, depvar, mean", [
    ("logit", "yb", special.expit),
    ("poisson", "c", np.exp),
])
def test_logit_and_poisson_marginal_mean_and_dydx(do, data, family, depvar, mean):
    rc, out, s = do(f"version 15\nquietly gsem ({depvar} <- x M[g]), {family} vce(robust)\nmargins, dydx(x)",
                    df=data)
    assert rc == 0, out
    assert f"Predicted mean ({depvar}), predict(mu outcome({depvar}))" in out
    cols, b, V = _theta(s)
    t, wt = _nodes(7)
    xs = data.x.values

    def mu(theta, x):
        eta = theta[cols.index(f"{depvar}:_cons")] + theta[cols.index(f"{depvar}:x")] * x
        sd = np.sqrt(theta[cols.index("var(M[g]):_cons")])
        return sum(wk * mean(eta + sd * tk) for tk, wk in zip(t, wt))

    def effect(theta):
        return np.mean((mu(theta, xs + 1e-5) - mu(theta, xs - 1e-5)) / 2e-5)

    want, want_V = _delta(effect, b, V)
    assert s.r["b"].values[0][0] == pytest.approx(want[0], rel=1e-5)
    assert np.sqrt(s.r["V"].values[0, 0]) == pytest.approx(np.sqrt(want_V[0, 0]), rel=1e-3)
    rc, out, s = do("margins", session=s)
    assert rc == 0, out
    want, want_V = _delta(lambda th: np.mean(mu(th, xs)), b, V)
    assert s.r["b"].values[0][0] == pytest.approx(want[0], rel=1e-7)
    assert np.sqrt(s.r["V"].values[0, 0]) == pytest.approx(np.sqrt(want_V[0, 0]), rel=2e-4)
    if family == "poisson":  # E exp(eta + u) = exp(eta + s2/2): the rule is near exact here
        s2 = b[cols.index("var(M[g]):_cons")]
        eta = b[cols.index("c:_cons")] + b[cols.index("c:x")] * xs
        assert want[0] == pytest.approx(np.mean(np.exp(eta + s2 / 2)), rel=1e-6)


def test_refusals(do, data):
    rc, out, s = do("quietly gsem (c <- x M[g]), poisson\nmargins, predict(pr)", df=data)
    assert rc == 198 and "option pr not allowed" in out
    for typed in ("ebmeans", "conditional(ebmodes)", "density", "latent"):
        rc, out, _ = do(f"margins, predict({typed})", session=s)
        assert rc == 498, (typed, out)
    rc, out, _ = do("margins, predict(mu marginal fixedonly)", session=s)
    assert rc == 198
    rc, out, s = do(MLOGIT + "margins, predict(outcome(7.y))", df=data)
    assert rc == 198 and "outcome(7.y) invalid" in out


def test_marginsplot_of_each_outcome(do, data, tmp_path):
    rc, out, s = do("version 17\n" + MLOGIT + "margins f if f == 2, at(x=(0(1)2))\nmarginsplot\n"
                    f"graph export {tmp_path / 'g.png'}", df=data)
    assert rc == 0, out
    assert "Variables that uniquely identify margins: x _predict" in out
    assert (tmp_path / "g.png").stat().st_size > 0
