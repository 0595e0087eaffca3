"""Follow-ups on ml and gmm (docs/ml.md, docs/gmm.md): margins after ml and after gmm, probit's
and logit's vce(opg), ivpoisson's nolog line, xtnbreg fe's start values.

Evidence: margins of x b are linear in b, so their values and delta-method standard errors are
written here with numpy from e(b) and e(V) (mean of X b, its gradient mean(X), se = sqrt(g'Vg));
after an ml probit evaluator they must equal margins after mlm's probit (the same model).
vce(opg) is (sum_i s_i s_i')^-1 with the probit scores s_i = lambda_i x_i written here, and equals
ml's vce(opg) with a probit evaluator.  xtnbreg fe's iteration 0 is the Hausman-Hall-Griliches
conditional log likelihood (written here) at one Newton step of the Poisson likelihood from its
constant-only start (xtnbreg.ado's ``poisson ..., iter(1)``).  Data are simulated (seeded numpy).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

from test_ml_command import NORMAL_LF, PROBIT_LF  # the [R] ml evaluators: myprobit, mynormal


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(20261207)
    n = 120
    x1, x2 = rng.normal(size=n), rng.uniform(0, 3, size=n)
    return pd.DataFrame({
        "x1": x1, "x2": x2, "g": (np.arange(n) % 2).astype(float), "e": rng.uniform(1, 2, size=n),
        "y": (0.4 + 0.8 * x1 - 0.5 * x2 + rng.normal(size=n) > 0).astype(float),
        "z": 1 + 2 * x1 - 0.5 * x2 + 1.5 * rng.normal(size=n),
    })


def run(do, data, text):
    rc, printed, s = do(text, data)
    assert rc == 0, printed
    return printed, s


def run_in(do, session, text):
    """``text`` after what ``session`` holds (a fit); rc 0 asserted."""
    rc, printed, _ = do(text, session=session)
    assert rc == 0, printed
    return printed


def b_V(s):
    return s.e.matrices["b"].values.ravel(), np.asarray(s.e.matrices["V"].values, float)


def margins_table(s):
    """r(b), r(V) of the last margins."""
    return s.r["b"].values.ravel(), np.asarray(s.r["V"].values, float)


# ---------------------------------------------------------------- margins after ml

def test_margins_after_ml_probit_equals_probit(do, data):
    """margins predict(xb), at(), over(), dydx() after an ml probit evaluator: mlm's probit's."""
    cmds = ("margins, predict(xb)", "margins, predict(xb) at(x2=1) over(g)", "margins, dydx(x1 x2) predict(xb)",
            "margins, expression(normal(xb()))", "margins, expression(normal(predict(xb))) dydx(x1)")
    _, a = run(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), maximize nolog")
    _, b = run(do, data, "probit y x1 x2, nolog")
    for m in cmds:  # margins leaves e() alone: each runs after the same two fits
        run_in(do, a, m)
        run_in(do, b, m)
        ba, Va = margins_table(a)
        bb, Vb = margins_table(b)
        np.testing.assert_allclose(ba, bb, rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(np.sqrt(np.diag(Va)), np.sqrt(np.diag(Vb)), rtol=2e-5)


def test_margins_after_ml_default_is_xb_written_out(do, data):
    """margins alone after ml: the mean of x b (ml_p's default), se from e(V) by hand."""
    printed, s = run(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), maximize nolog\nmargins")
    b, V = b_V(s)
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    g = X.mean(axis=0)
    mb, mV = margins_table(s)
    assert mb[0] == pytest.approx(g @ b, rel=1e-12)
    assert np.sqrt(mV[0, 0]) == pytest.approx(np.sqrt(g @ V @ g), rel=1e-10)
    assert "Linear prediction, predict()" in printed


def test_margins_after_ml_second_equation_and_offset(do, data):
    """predict(equation(sigma)) reads the second equation (its coefficients in e(V)); an
    offset enters x b unless nooffset; stdp is refused."""
    _, s = run(do, data, NORMAL_LF + "ml model lf mynormal (z = x1 x2, offset(e)) (sigma: x1), maximize nolog")
    run_in(do, s, "margins, predict(equation(sigma)) at(x1=0.5)")  # each margins after the one fit
    b, V = b_V(s)
    names = list(s.e.matrices["b"].colnames)
    idx = [names.index("sigma:x1"), names.index("sigma:_cons")]
    g = np.array([0.5, 1.0])
    mb, mV = margins_table(s)
    assert mb[0] == pytest.approx(g @ b[idx], rel=1e-10)
    assert np.sqrt(mV[0, 0]) == pytest.approx(np.sqrt(g @ V[np.ix_(idx, idx)] @ g), rel=1e-6)
    run_in(do, s, "margins")
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    first = [names.index(f"eq1:{c}") for c in ("x1", "x2", "_cons")]
    assert margins_table(s)[0][0] == pytest.approx((X @ b[first] + data.e).mean(), rel=1e-10)
    run_in(do, s, "margins, predict(nooffset)")
    assert margins_table(s)[0][0] == pytest.approx((X @ b[first]).mean(), rel=1e-10)
    rc, printed, _ = do("margins, predict(stdp)", session=s)
    assert rc == 498 and "stochastic" in printed
    rc, printed, _ = do("margins, predict(equation(nosuch))", session=s)
    assert rc == 303
    assert np.array_equal(b_V(s)[0], b) and s.e.cmd == "ml"  # the fit is still the one above


# ---------------------------------------------------------------- margins after gmm

def test_margins_after_gmm_linear_combination(do, data):
    """gmm's linear combination: margins of x b by hand from e(b), e(V); the default
    (residuals) depends on more than e(b), r(498); predict(residuals) is e(marginsnotok), whose
    _check_e_margins refusal (r(322)) comes first."""
    text = "gmm (z - {xb: x1 x2 _cons}), instruments(x1 x2) nolog\n"
    _, s = run(do, data, text + "margins, predict(xb) at(x2=1) over(g)")
    b, V = b_V(s)
    mb, mV = margins_table(s)
    for k, level in enumerate((0.0, 1.0)):
        rows = data.g == level
        g = np.array([data.x1[rows].mean(), 1.0, 1.0])
        assert mb[k] == pytest.approx(g @ b, rel=1e-10)
        assert np.sqrt(mV[k, k]) == pytest.approx(np.sqrt(g @ V @ g), rel=1e-8)
    for typed, code in (("margins", 498), ("margins, predict(residuals)", 322)):
        rc, printed, _ = do(text + typed, data)
        assert rc == code, printed


def test_margins_after_gmm_probit_moments_equal_probit_point_estimates(do, data):
    """The probit score moments (exactly identified) give probit's b, so the average marginal
    effect of expression(normal(predict(xb))) equals probit's (its se is gmm's robust one)."""
    gmm = ("gmm (cond(y,normalden({y: x1 x2 _cons})/normal({y:}),-normalden({y:})/normal(-{y:}))), "
           "instruments(x1 x2) onestep nolog\nmargins, expression(normal(predict(xb))) dydx(x1)")
    _, a = run(do, data, gmm)
    _, p = run(do, data, "probit y x1 x2, nolog\nmargins, dydx(x1)")
    assert margins_table(a)[0][0] == pytest.approx(margins_table(p)[0][0], rel=1e-6)
    b, V = b_V(a)
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    dens = stats.norm.pdf(X @ b)
    grad = (b[0] * (-(X @ b) * dens)[:, None] * X).mean(axis=0)  # d mean(phi(xb) b1)/db
    grad[0] += dens.mean()
    assert np.sqrt(margins_table(a)[1][0, 0]) == pytest.approx(np.sqrt(grad @ V @ grad), rel=1e-5)


def test_margins_after_gmm_second_combination(do, data):
    text = "gmm (z - {xb: x1 x2 _cons}) (y - {p: x1} - {c}), instruments(x1 x2) nolog\n"
    _, s = run(do, data, text + "margins, predict(xb equation(p)) at(x1=2)")
    b, V = b_V(s)
    names = list(s.e.matrices["b"].colnames)
    j = names.index("p:x1")
    mb, mV = margins_table(s)
    assert mb[0] == pytest.approx(2 * b[j], rel=1e-10)
    assert np.sqrt(mV[0, 0]) == pytest.approx(2 * np.sqrt(V[j, j]), rel=1e-8)
    rc, _, _ = do(text + "margins, predict(xb)", data)
    assert rc == 198  # two combinations: equation() needed, as predict's xb


# ---------------------------------------------------------------- vce(opg)

def test_probit_logit_vce_opg(do, data):
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    y = data.y.to_numpy()
    printed, s = run(do, data, "probit y x1 x2, vce(opg) nolog")
    b, V = b_V(s)
    xb = X @ b
    q = 2 * y - 1
    lam = q * stats.norm.pdf(xb) / special.ndtr(q * xb)
    S = lam[:, None] * X
    np.testing.assert_allclose(V, np.linalg.inv(S.T @ S), rtol=1e-7)
    assert s.e.macros["vce"] == "opg" and s.e.macros["vcetype"] == "OPG"
    assert re.search(r"\|\s+OPG\s*$", printed, re.M) and "LR chi2(2)" in printed
    _, m = run(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), vce(opg) maximize nolog")
    np.testing.assert_allclose(np.sqrt(np.diag(b_V(m)[1])), np.sqrt(np.diag(V)), rtol=1e-5)
    _, s = run(do, data, "logit y x1 x2, vce(opg) nolog")
    b, V = b_V(s)
    S = (y - special.expit(X @ b))[:, None] * X
    np.testing.assert_allclose(V, np.linalg.inv(S.T @ S), rtol=1e-7)
    rc, _, _ = do("probit y x1 x2, vce(opg) robust", data)
    assert rc == 198


# ---------------------------------------------------------------- ivpoisson nolog

def test_ivpoisson_nolog_prints_final_criterion(do):
    rng = np.random.default_rng(5)
    n = 300
    z, x, u = rng.normal(size=n), rng.normal(size=n), rng.normal(size=n)
    e = 0.5 * z + 0.5 * u + 0.5 * rng.normal(size=n)
    df = pd.DataFrame({"y": rng.poisson(np.exp(0.3 + 0.4 * x + 0.3 * e)).astype(float), "x": x, "e": e, "z": z,
                       "z2": rng.normal(size=n) + 0.3 * e})
    printed, s = run(do, df, "ivpoisson gmm y x (e = z z2), multiplicative nolog")
    line = next(ln for ln in printed.splitlines() if ln.startswith("Final GMM criterion Q(b) ="))
    assert float(line.split("=")[1]) == pytest.approx(s.e.scalars["Q"], rel=1e-3)  # %9.0g
    assert "Iteration" not in printed
    printed, _ = run(do, df, "ivpoisson gmm y x (e = z), nolog")
    assert "Final GMM criterion Q(b) =" in printed and "note: model is exactly identified" in printed
    printed, _ = run(do, df, "ivpoisson gmm y x (e = z), nolog\nivpoisson")
    assert printed.count("Final GMM criterion") == 1  # the replay prints no log


# ---------------------------------------------------------------- xtnbreg fe start

def _hhg_loglik(X, y, ids, b):
    """Hausman-Hall-Griliches conditional fixed-effects negative binomial log likelihood."""
    lam = np.exp(X @ b)
    ll = 0.0
    for i in np.unique(ids):
        m = ids == i
        L, Y = lam[m].sum(), y[m].sum()
        ll += special.gammaln(L) + special.gammaln(Y + 1) - special.gammaln(L + Y)
        ll += np.sum(special.gammaln(lam[m] + y[m]) - special.gammaln(lam[m]) - special.gammaln(y[m] + 1))
    return ll


def test_xtnbreg_fe_starts_from_poisson_iter1(do):
    rng = np.random.default_rng(11)
    G, T = 40, 5
    ids = np.repeat(np.arange(G), T)
    x1, x2 = rng.normal(size=G * T), rng.normal(size=G * T)
    u = np.repeat(rng.gamma(2, 0.5, size=G), T)
    y = rng.poisson(u * np.exp(0.2 + 0.5 * x1 - 0.3 * x2) * rng.gamma(3, 1 / 3, size=G * T)).astype(float)
    y[ids == 0] = 0  # a panel of zeros: dropped before the start is computed
    df = pd.DataFrame({"id": ids, "x1": x1, "x2": x2, "y": y})
    printed, _ = run(do, df, "xtset id\nxtnbreg y x1 x2, fe")
    totals = np.bincount(ids, weights=y)
    keep = totals[ids] > 0  # panels of zeros are dropped (xtnbreg.ado's DropZero) before poisson
    assert (~keep).sum() >= 5
    X = np.column_stack([x1, x2, np.ones(G * T)])[keep]
    yk = y[keep]
    b = np.r_[0.0, 0.0, np.log(yk.mean())]  # poisson's start: the constant-only maximum
    mu = np.exp(X @ b)
    b = b + np.linalg.solve(X.T @ (mu[:, None] * X), X.T @ (yk - mu))  # iter(1): one Newton step
    first = re.search(r"Iteration 0:\s+log likelihood = +(-?[\d.]+)", printed)
    assert float(first.group(1)) == pytest.approx(_hhg_loglik(X, yk, ids[keep], b), abs=5e-6)
    assert float(first.group(1)) != pytest.approx(_hhg_loglik(X, yk, ids[keep], np.zeros(3)), abs=1e-3)
