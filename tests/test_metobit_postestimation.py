"""predict and margins after metobit/meintreg with pr(a,b), e(a,b), ystar(a,b) and ``marginal``
([ME] metobit postestimation): tobit's statistic of y* | u ~ N(x b + z'u, s_e^2) integrated over
u ~ N(0, Sigma).  Checked independently: marginal pr(a,b) has the closed form
Phi((b - xb)/s) - Phi((a - xb)/s) with s^2 = s_e^2 + z'Sigma z; e(a,b) and ystar(a,b) by scipy's
adaptive quadrature over u; margins' delta-method SEs from a central-difference Jacobian over
e(b) of those independent formulas."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import norm


@pytest.fixture
def fit(do):
    """``fit(text) -> (session, printed)``: ``text`` must run without error."""
    return lambda text: _ran(*do(text))


def _ran(rc, printed, session):
    assert rc == 0, printed[-2000:]
    return session, printed


DATA = """
clear
set seed 54321
set obs 40
gen id = _n
gen u = rnormal()*0.8
gen v = rnormal()*0.5
expand 5
gen x = rnormal()
gen ystar = 2 + 0.8*x + u + v*x + rnormal()
gen y = max(ystar, 1)
gen lo = cond(ystar < 1, ., cond(ystar > 3.5, 3.5, floor(ystar*2)/2))
gen hi = cond(ystar < 1, 1, cond(ystar > 3.5, ., lo + 0.5))
replace lo = ystar if mod(_n, 3) == 0
replace hi = ystar if mod(_n, 3) == 0
"""


def _b(s):
    m = s.e.stata_matrix("b")
    return dict(zip(m.colnames, np.asarray(m.values, float).ravel()))


def _statistic(name, eta, s, lo, hi):
    """tobit's statistic of N(eta, s^2) written out with scipy's normal (None: open bound)."""
    A = -np.inf if lo is None else (lo - eta) / s
    B = np.inf if hi is None else (hi - eta) / s
    P = np.where(np.asarray(A) > 0, norm.sf(A) - norm.sf(B), norm.cdf(B) - norm.cdf(A))  # the tail with digits
    if name == "pr":
        return P
    e = eta + s * (norm.pdf(A) - norm.pdf(B)) / P
    if name == "e":
        return e
    return P * e + (0.0 if lo is None else lo * norm.cdf(A)) + (0.0 if hi is None else hi * norm.sf(B))


def _marginal_by_quad(name, xb, s_e, s_u, lo, hi):
    """int statistic(xb + u) phi(u; 0, s_u) du, by scipy.integrate.quad row by row."""
    return np.array([integrate.quad(lambda u: _statistic(name, m + u, s_e, lo, hi) * norm.pdf(u, 0, s_u),
                                    -10 * s_u, 10 * s_u, epsabs=1e-12, epsrel=1e-10)[0] for m in xb])


def _marginal_by_hermite(name, xb, s_e, s_u, lo, hi, q=80):
    t, w = np.polynomial.hermite_e.hermegauss(q)
    w = w / w.sum()
    return sum(wk * _statistic(name, xb + s_u * tk, s_e, lo, hi) for tk, wk in zip(t, w))


def test_predict_marginal_pr_is_the_closed_form(fit):
    s, printed = fit(DATA + "metobit y x || id:, ll(1) nolog\npredict double xb, xb\n"
                     "predict double p30, pr(1,3) marginal intpoints(30)\npredict double p, pr(1,3) marginal\n"
                     "predict double pl, pr(.,2) marginal intpoints(30)\n")
    b = _b(s)
    xb = s.data.numeric("xb")
    tot = np.sqrt(b["var(e.y):_cons"] + b["var(_cons[id]):_cons"])
    want = norm.cdf((3 - xb) / tot) - norm.cdf((1 - xb) / tot)
    assert np.allclose(s.data.numeric("p30"), want, atol=1e-9)
    assert np.allclose(s.data.numeric("p"), want, atol=2e-3)  # e(n_quad) = 7 nodes
    assert np.abs(s.data.numeric("p") - want).max() > 1e-9  # ... which are not 30
    assert np.allclose(s.data.numeric("pl"), norm.cdf((2 - xb) / tot), atol=1e-9)
    assert "integrated over the random-effects distribution" in printed


@pytest.mark.parametrize("name, typed, lo, hi", [("e", "e(1,.)", 1.0, None), ("e", "e(1.5,3)", 1.5, 3.0),
                                                 ("ystar", "ystar(1,.)", 1.0, None),
                                                 ("ystar", "ystar(1,3)", 1.0, 3.0)])
def test_predict_marginal_e_and_ystar_by_quadrature(fit, name, typed, lo, hi):
    s, _ = fit(DATA + f"metobit y x || id:, ll(1) nolog\npredict double xb, xb\npredict double m, {typed} marginal intpoints(40)\n"
                      f"predict double c, {typed} fixedonly\n")
    b = _b(s)
    xb = s.data.numeric("xb")
    s_e, s_u = np.sqrt(b["var(e.y):_cons"]), np.sqrt(b["var(_cons[id]):_cons"])
    want = _marginal_by_quad(name, xb[:60], s_e, s_u, lo, hi)
    assert np.allclose(s.data.numeric("m")[:60], want, atol=1e-8)
    assert np.allclose(s.data.numeric("c"), _statistic(name, xb, s_e, lo, hi), atol=1e-9)
    if name == "ystar":  # a function of y*, whose marginal law is N(xb, s_e^2 + s_u^2)
        tot = np.hypot(s_e, s_u)
        assert np.allclose(s.data.numeric("m"), _statistic(name, xb, tot, lo, hi), atol=1e-7)
    else:  # the integral of the truncated means, not the truncated mean of the marginal normal
        assert np.abs(s.data.numeric("m") - _statistic(name, xb, np.hypot(s_e, s_u), lo, hi)).max() > 1e-3


def test_predict_marginal_with_variable_bounds(fit):
    s, _ = fit(DATA + "metobit y x || id:, ll(1) nolog\npredict double xb, xb\ngen double b = 1 + mod(_n, 4)\n"
                      "replace b = . in 1/10\npredict double p, pr(1,b) marginal intpoints(30)\n")
    b = _b(s)
    xb, hi = s.data.numeric("xb"), s.data.numeric("b")
    tot = np.sqrt(b["var(e.y):_cons"] + b["var(_cons[id]):_cons"])
    upper = np.where(np.isnan(hi), 1.0, norm.cdf((np.nan_to_num(hi) - xb) / tot))  # b missing: +infinity
    assert np.allclose(s.data.numeric("p"), upper - norm.cdf((1 - xb) / tot), atol=1e-9)


def test_predict_marginal_with_a_random_slope(fit):
    s, _ = fit(DATA + "metobit y x || id: x, covariance(unstructured) ll(1) nolog\npredict double xb, xb\n"
                      "predict double p, pr(1,3) marginal intpoints(40)\n")
    b = _b(s)
    x, xb = s.data.numeric("x"), s.data.numeric("xb")
    r2 = (b["var(x[id]):_cons"] * x * x + 2 * b["cov(x[id],_cons[id]):_cons"] * x + b["var(_cons[id]):_cons"])
    tot = np.sqrt(b["var(e.y):_cons"] + r2)
    assert np.allclose(s.data.numeric("p"), norm.cdf((3 - xb) / tot) - norm.cdf((1 - xb) / tot), atol=1e-8)


def test_meintreg_marginal_pr(fit):
    s, _ = fit(DATA + "meintreg lo hi x || id:, nolog\npredict double xb, xb\npredict double p, pr(2,.) marginal intpoints(30)\n")
    b = _b(s)
    xb = s.data.numeric("xb")
    tot = np.sqrt(b["var(e.lo):_cons"] + b["var(_cons[id]):_cons"])
    assert np.allclose(s.data.numeric("p"), norm.sf((2 - xb) / tot), atol=1e-9)


def _hand_margin(s, name, lo, hi, marginal: bool, dydx: bool = False, dep: str = "y"):
    """The average over the sample of the independent formula and its delta-method SE (a
    central-difference Jacobian over e(b))."""
    cols = list(s.e.stata_matrix("b").colnames)
    b0 = np.asarray(s.e.stata_matrix("b").values, float).ravel()
    V = np.asarray(s.e.stata_matrix("V").values, float)
    x = s.data.numeric("x")
    ix, ic = cols.index(f"{dep}:x"), cols.index(f"{dep}:_cons")
    ie, iu = cols.index(f"var(e.{dep}):_cons"), cols.index("var(_cons[id]):_cons")

    def margin(theta):
        def avg(xv):
            xb = theta[ix] * xv + theta[ic]
            s_e = np.sqrt(theta[ie])
            if not marginal:
                return _statistic(name, xb, s_e, lo, hi).mean()
            return _marginal_by_hermite(name, xb, s_e, np.sqrt(theta[iu]), lo, hi).mean()
        if not dydx:
            return avg(x)
        h = 1e-5
        return (avg(x + h) - avg(x - h)) / (2 * h)

    E = np.diag(1e-5 * np.maximum(1.0, np.abs(b0)))  # central differences, one e(b) element each
    J = np.array([(margin(b0 + E[j]) - margin(b0 - E[j])) / (2 * E[j, j]) for j in range(len(b0))])
    return margin(b0), float(np.sqrt(J @ V @ J))


@pytest.mark.parametrize("typed, name, lo, hi, marginal", [
    ("pr(1,3) fixedonly", "pr", 1.0, 3.0, False),
    ("pr(1,3) marginal intpoints(40)", "pr", 1.0, 3.0, True),
    ("pr(1,3) intpoints(40)", "pr", 1.0, 3.0, True),
    ("e(1,.) marginal intpoints(40)", "e", 1.0, None, True),
    ("ystar(1,.) marginal intpoints(40)", "ystar", 1.0, None, True),
    ("e(.,2.5) conditional(fixedonly)", "e", None, 2.5, False),
])
def test_margins_values_and_delta_method_se(fit, typed, name, lo, hi, marginal):
    s, printed = fit(DATA + f"metobit y x || id:, ll(1) nolog\nmargins, predict({typed})\n")
    want, want_se = _hand_margin(s, name, lo, hi, marginal)
    got = s.r["table"].values
    assert got[0][0] == pytest.approx(want, rel=1e-7)
    assert got[1][0] == pytest.approx(want_se, rel=1e-4)
    assert ("Marginal " in printed) == marginal


@pytest.mark.parametrize("typed, name, lo, hi, marginal", [
    ("ystar(1,.) marginal intpoints(40)", "ystar", 1.0, None, True),
    ("pr(1,3) fixedonly", "pr", 1.0, 3.0, False),
])
def test_margins_dydx(fit, typed, name, lo, hi, marginal):
    s, _ = fit(DATA + f"metobit y x || id:, ll(1) nolog\nmargins, predict({typed}) dydx(x)\n")
    want, want_se = _hand_margin(s, name, lo, hi, marginal, dydx=True)
    got = s.r["table"].values
    assert got[0][0] == pytest.approx(want, rel=1e-6)
    assert got[1][0] == pytest.approx(want_se, rel=1e-3)


def test_meintreg_margins_marginal_pr_and_se(fit):
    s, printed = fit(DATA + "meintreg lo hi x || id:, nolog\nmargins, predict(pr(2,.) marginal intpoints(40))\n")
    want, want_se = _hand_margin(s, "pr", 2.0, None, True, dep="lo")
    got = s.r["table"].values
    assert got[0][0] == pytest.approx(want, rel=1e-8)
    assert got[1][0] == pytest.approx(want_se, rel=1e-4)
    assert "Marginal Pr(lo>2)" in printed


def test_margins_marginal_with_a_random_slope_at_values(fit):
    s, _ = fit(DATA + "metobit y x || id: x, covariance(unstructured) ll(1) nolog\n"
                      "margins, predict(pr(1,3) marginal intpoints(40)) at(x=(0 1))\n")
    b = _b(s)
    tot = [np.sqrt(b["var(e.y):_cons"] + b["var(_cons[id]):_cons"] + xv * xv * b["var(x[id]):_cons"]
                   + 2 * xv * b["cov(x[id],_cons[id]):_cons"]) for xv in (0.0, 1.0)]
    want = [norm.cdf((3 - b["y:_cons"] - b["y:x"] * xv) / t) - norm.cdf((1 - b["y:_cons"] - b["y:x"] * xv) / t)
            for xv, t in zip((0.0, 1.0), tot)]
    got = s.r["table"].values
    assert np.allclose(got[0][:2], want, atol=1e-9)
    assert np.all(np.asarray(got[1][:2]) > 0)


def test_margins_mean_of_predict(fit):
    """margins assumes marginal (help meglm_postestimation, Stata 15) unless fixedonly is typed."""
    s, _ = fit(DATA + "metobit y x || id:, ll(1) nolog\npredict double m, e(1,3) marginal\n"
                      "margins, predict(e(1,3))\n")
    assert s.r["table"].values[0][0] == pytest.approx(np.nanmean(s.data.numeric("m")), rel=1e-10)


def test_stata15_words_conditional_and_eta_marginal(fit):
    """help metobit_postestimation (Stata 15): conditional(ebmeans|ebmodes|fixedonly), and its
    example ``predict ..., eta marginal`` (the linear predictor integrated over u: x b)."""
    s, printed = fit(DATA + "metobit y x || id:, ll(1) nolog\npredict double xb, xb\n"
                            "predict double em, eta marginal\npredict double em2, marginal\n"
                            "predict double f1, pr(1,3) fixedonly\npredict double f2, pr(1,3) conditional(fixedonly)\n"
                            "predict double m1, e(1,.) modes\npredict double m2, e(1,.) conditional(ebmodes)\n"
                            "predict double n1, e(1,.)\npredict double n2, e(1,.) cond(ebmeans)\n"
                            "predict double h1, eta conditional(fixedonly)\n"
                            "margins, predict(pr(1,3) conditional(fixedonly))\n")
    d = s.data.numeric
    for a, b in (("em", "xb"), ("em2", "xb"), ("f1", "f2"), ("m1", "m2"), ("n1", "n2"), ("h1", "xb")):
        assert np.array_equal(d(a), d(b)), a
    assert not np.allclose(d("n1"), d("m1"), atol=1e-9)  # means and modes differ
    sd = np.sqrt(_b(s)["var(e.y):_cons"])
    xb = d("xb")
    assert s.r["table"].values[0][0] == pytest.approx(
        np.mean(norm.cdf((3 - xb) / sd) - norm.cdf((1 - xb) / sd)), rel=1e-9)
    assert "(option eta assumed)" in printed


@pytest.mark.parametrize("line, rc", [
    ("margins, predict(pr(1,3) marginal fixedonly)", 198),
    ("margins, predict(xb marginal)", 198),
    ("margins, predict(pr(1,3) conditional(ebmeans))", 498),
    ("margins, predict(pr(1,3) conditional(foo))", 198),
    ("predict z, pr(1,3) conditional(foo)", 198),
    ("predict z, xb marginal", 198),
    ("predict z, eta marginal fixedonly", 198),
    ("margins, predict(pr(1,3) fixedonly intpoints(9))", 198),
    ("margins, predict(pr(1,3) e(1,3))", 198),
    ("margins, predict(pr(1,3) marginal intpoints(1))", 198),
    ("margins, predict(reffects)", 498),
    ("margins, predict(pr(3,1))", 198),
    ("margins, predict(foo)", 198),
    ("predict z, pr(1,3) marginal fixedonly", 198),
    ("predict z, e(1,3) marginal ebmodes", 198),
    ("predict z, ystar(1,.) marginal intpoints(1)", 198),
])
def test_refusals(fit, do, line, rc):
    s, _ = fit(DATA + "metobit y x || id:, ll(1) nolog\n")
    before = list(s.data.varnames) if hasattr(s.data, "varnames") else None
    got, printed, _ = do(line, session=s)
    assert got == rc, printed
    if before is not None:
        assert list(s.data.varnames) == before
