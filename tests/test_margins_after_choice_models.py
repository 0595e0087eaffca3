"""margins after mprobit, slogit and rologit (commands/postestimation/margins_choice_models.py):
Stata 13's predict defaults (Pr of the first outcome after mprobit and slogit), outcome(), xb,
dydx(), a factor's margins, and the refusals of e(marginsnotok) (stdp, scores; rologit's pr and
default).  Reference: each command's probability formula written here from first principles
(mprobit: integral phi(z) prod_k Phi(z + eta_j - eta_k) dz by Gauss-Hermite at intpoints' 15
nodes, checked once against scipy's adaptive quadrature; slogit: softmax(theta - phi x b))
averaged at e(b), delta-method SEs sqrt(J V J') from central-difference Jacobians in e(b)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, special, stats
from margins_delta_helpers import check_margin, check_marginsplot_markers, check_slopes, delta_reference


@pytest.fixture(scope="module")
def choices():
    rng = np.random.default_rng(77)
    n = 300
    x1, x2 = rng.normal(size=n), rng.uniform(size=n)
    g = 1.0 + (rng.uniform(size=n) > 0.5)
    u = 0.5 * x1 - x2 + rng.normal(size=n)
    y = 1.0 + (u > -0.5) + (u > 0.5)
    return pd.DataFrame(dict(y=y, x1=x1, x2=x2, g=g))


def _mprobit_index(c, d, eq):
    return np.asarray(c[f"{eq}:_cons"] + c[f"{eq}:x1"] * d.x1 + c[f"{eq}:x2"] * d.x2
                      + c[f"{eq}:2.g"] * (d.g == 2), float)


def _mprobit_pr(j, nodes=15, base="1", scale=1.0):
    """Pr(y = outcome j) (0-based; the base outcome's index 0; probitparam: scale sqrt(2))."""
    t, w = np.polynomial.hermite.hermgauss(nodes)
    z, w = np.sqrt(2.0) * t, w / np.sqrt(np.pi)

    def pr(c, d):
        eta = np.column_stack([np.zeros(len(d)) if eq == base else _mprobit_index(c, d, eq) for eq in ("1", "2", "3")])
        others = [k for k in range(3) if k != j]
        prod = np.ones((len(d), len(z)))
        for k in others:
            prod *= stats.norm.cdf(z[None, :] + scale * (eta[:, [j]] - eta[:, [k]]))
        return prod @ w
    return pr



def test_mprobit_default_outcomes_and_quadrature(do, choices):
    rc, out, s = do("quietly mprobit y x1 x2 i.g\nmargins", df=choices)
    assert rc == 0, out
    assert "Expression   : Pr(y==1), predict()" in out and "Number of obs   =        300" in out
    check_margin(s, delta_reference(s, choices, _mprobit_pr(0)))
    # the 15-node rule against adaptive quadrature of the same integral (first row)
    coef = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
    row = choices.iloc[:1]
    eta = [0.0, _mprobit_index(coef, row, "2")[0], _mprobit_index(coef, row, "3")[0]]
    exact = integrate.quad(lambda z: stats.norm.pdf(z) * stats.norm.cdf(z + eta[0] - eta[1])
                           * stats.norm.cdf(z + eta[0] - eta[2]), -np.inf, np.inf)[0]
    assert _mprobit_pr(0)(coef, row)[0] == pytest.approx(exact, rel=1e-6)
    for typed, j in (("3", 2), ("#2", 1)):
        rc, out, s = do(f"margins, predict(outcome({typed}))", session=s)
        assert rc == 0 and f"Expression   : Pr(y=={j + 1}), predict(outcome({typed}))" in out
        check_margin(s, delta_reference(s, choices, _mprobit_pr(j)))


def test_mprobit_effects_factor_and_xb(do, choices):
    rc, out, s = do("quietly mprobit y x1 x2 i.g\nmargins, dydx(x1 x2) predict(outcome(2))", df=choices)
    assert rc == 0, out
    assert "dy/dx w.r.t. : x1 x2" in out
    check_slopes(s, choices, _mprobit_pr(1), ("x1", "x2"))
    rc, out, s = do("margins g, predict(outcome(3))", session=s)
    assert rc == 0, out
    for col, level in enumerate((1.0, 2.0)):
        check_margin(s, delta_reference(s, choices, lambda c, d: _mprobit_pr(2)(c, d.assign(g=level))), col)
    rc, out, s = do("margins, predict(xb outcome(3)) at(x1=1)", session=s)
    assert rc == 0 and "Expression   : Linear prediction, y==3, predict(xb outcome(3))" in out
    check_margin(s, delta_reference(s, choices, lambda c, d: _mprobit_index(c, d.assign(x1=1.0), "3")))
    rc, out, s = do("margins, predict(xb outcome(2))", session=s)
    assert rc == 0
    check_margin(s, delta_reference(s, choices, lambda c, d: _mprobit_index(c, d, "2")))


def test_mprobit_other_base_and_probitparam(do, choices):
    rc, out, s = do("quietly mprobit y x1 x2 i.g, baseoutcome(2) probitparam\nmargins, predict(outcome(3)) dydx(x1)",
                    df=choices)
    assert rc == 0, out
    check_slopes(s, choices, _mprobit_pr(2, base="2", scale=np.sqrt(2.0)), ("x1",))
    rc, out, s = do("margins, predict(outcome(1))", session=s)
    assert rc == 0 and "Expression   : Pr(y==1), predict(outcome(1))" in out
    check_margin(s, delta_reference(s, choices, _mprobit_pr(0, base="2", scale=np.sqrt(2.0))))


def test_mprobit_refusals(do, choices):
    rc, out, s = do("quietly mprobit y x1 x2\nmargins, predict(stdp)", df=choices)
    assert rc == 322 and "predict option stdp not appropriate with margins" in out  # e(marginsnotok)
    for typed, code in (("outcome(7)", 303), ("rubbish", 198), ("scores", 322)):
        rc, out, s = do(f"margins, predict({typed})", session=s)
        assert rc == code, (typed, out)


def _slogit_pr(k):
    def pr(c, d):
        xb = np.asarray(c["dim1:x1"] * d.x1 + c["dim1:x2"] * d.x2, float)
        index = np.column_stack([c.get(f"theta{m}:_cons", 0.0) - c.get(f"phi1_{m}:_cons", 0.0) * xb
                                 for m in (1, 2, 3)])
        return special.softmax(index, axis=1)[:, k]
    return pr


def test_slogit_default_outcomes_effects_and_xb(do, choices):
    rc, out, s = do("quietly slogit y x1 x2\nmargins", df=choices)
    assert rc == 0, out
    assert "Expression   : Pr(y==1), predict()" in out
    check_margin(s, delta_reference(s, choices, _slogit_pr(0)))
    # with the thetas free, the average predicted probability is the sample share (the score of theta)
    assert s.r["table"].values[0, 0] == pytest.approx(np.mean(choices.y == 1), abs=1e-6)
    rc, out, s = do("margins, predict(outcome(#2)) dydx(*)", session=s)
    assert rc == 0 and "Expression   : Pr(y==2), predict(outcome(#2))" in out
    check_slopes(s, choices, _slogit_pr(1), ("x1", "x2"))
    rc, out, s = do("margins, predict(pr outcome(3)) at(x2=(0 1))", session=s)
    assert rc == 0, out
    for col, v in enumerate((0.0, 1.0)):
        check_margin(s, delta_reference(s, choices, lambda c, d: _slogit_pr(2)(c, d.assign(x2=v))), col)
    rc, out, s = do("margins, predict(xb)", session=s)
    assert rc == 0 and "Expression   : Linear prediction, predict(xb)" in out
    check_margin(s, delta_reference(s, choices, lambda c, d: np.asarray(c["dim1:x1"] * d.x1 + c["dim1:x2"] * d.x2)))
    for typed, code, text in (("stdp", 322, "predict option stdp not appropriate with margins"), ("xb dimension(2)", 198, "dimension() must be 1"),
                              ("xb dimension(1)", 0, "Expression   : Linear prediction, predict(xb dimension(1))")):
        rc, out, s = do(f"margins, predict({typed})", session=s)
        assert rc == code and text in out, typed


def test_rologit_xb_and_refusals(do, choices):
    rc, out, s = do("quietly rologit y x1 x2, group(g)\nmargins, predict(xb) at(x1=1)", df=choices)
    assert rc == 0, out
    assert "Expression   : Linear prediction, predict(xb)" in out
    check_margin(s, delta_reference(s, choices, lambda c, d: np.asarray(c["x1"] * 1.0 + c["x2"] * d.x2)))
    rc, out, s = do("margins, predict(xb) dydx(x2)", session=s)
    assert rc == 0
    b, V = s.e.matrices["b"], s.e.matrices["V"]
    # a linear index: dy/dx is the coefficient itself, its SE the coefficient's
    assert s.r["table"].values[0, 0] == pytest.approx(b.values[0, 1], rel=1e-9)
    assert s.r["table"].values[1, 0] == pytest.approx(np.sqrt(V.values[1, 1]), rel=1e-6)
    # e(marginsnotok) Pr stdp default: _check_e_margins's r(322), Stata 13's margins not reading
    # e(marginsdefault)
    for typed, said in (("", "default predict option"), (", predict(pr)", "predict option pr"),
                        (", predict(stdp)", "predict option stdp")):
        rc, out, s = do(f"margins{typed}", session=s)
        assert rc == 322 and f"{said} not appropriate with margins" in out, typed


def test_asclogit_refused_by_name(do):
    rng = np.random.default_rng(3)
    n = 100
    cost = rng.uniform(size=3 * n)
    inc = np.repeat(rng.uniform(size=n), 3)
    alt = np.tile([1.0, 2.0, 3.0], n)
    u = (-2 * cost + (alt == 2) * inc + rng.logistic(size=3 * n)).reshape(n, 3)
    ch = (u == u.max(axis=1, keepdims=True)).ravel().astype(float)
    df = pd.DataFrame(dict(id=np.repeat(np.arange(1.0, n + 1), 3), alt=alt, cost=cost, inc=inc, ch=ch))
    rc, out, s = do("quietly asclogit ch cost, case(id) alternatives(alt) casevars(inc)\nmargins", df=df)
    # Stata 12/13's asclogit.ado posts e(marginsnotok) _ALL; _marg_work's .new refuses (mg89)
    assert rc == 322 and "margins not appropriate after asclogit" in out


def test_marginsplot_after_mprobit_draws_the_margins(choices):
    check_marginsplot_markers(choices, "quietly mprobit y x1 x2 i.g\nquietly margins g, predict(outcome(3))\n"
                                       "marginsplot")
