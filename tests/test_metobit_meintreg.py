"""metobit and meintreg ([ME] metobit, [ME] meintreg) on the me engine: the same two-level
random-intercept model as xttobit/xtintreg gives the same numbers; a random slope checked
against an independent Gauss-Hermite likelihood in scipy; e(), header, postestimation, errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize, special



@pytest.fixture
def fit(do):
    """``fit(text) -> (session, printed)``, the text run without error."""
    def run(text: str):
        rc, printed, session = do(text)
        assert rc == 0, printed[-2000:]
        return session, printed
    return run


TOBIT_DATA = """
clear
set seed 12345
set obs 60
gen id = _n
gen u = rnormal()*0.8
gen v = rnormal()*0.6
expand 6
bysort id: gen t = _n
gen x = rnormal()
gen ystar = 1 + 0.5*x + u + v*x + rnormal()
gen y = max(ystar, 0.5)
replace y = min(y, 3) in 1/200
xtset id t
"""

INTREG_DATA = """
clear
set seed 54321
set obs 50
gen id = _n
gen u = rnormal()*0.7
expand 5
gen x = rnormal()
gen ystar = 2 + 0.8*x + u + rnormal()
gen lo = floor(ystar)
gen hi = lo + 1
replace lo = . if ystar < 1
replace hi = 1 if ystar < 1
replace hi = . if ystar > 4
replace lo = 4 if ystar > 4
replace lo = ystar if _n <= 40
replace hi = ystar if _n <= 40
xtset id
"""


def _b(s):
    return dict(zip(s.e.stata_matrix("b").colnames, np.asarray(s.e.stata_matrix("b").values).ravel()))


def test_metobit_matches_xttobit(fit):
    s, _ = fit(TOBIT_DATA + "xttobit y x, ll(0.5) ul(3) nolog\n")
    xt = dict(ll=s.e.scalars["ll"], b=_b(s), V=np.asarray(s.e.stata_matrix("V").values))
    s, out = fit(TOBIT_DATA + "metobit y x || id:, ll(0.5) ul(3) intpoints(12) nolog\n")
    me = _b(s)
    assert s.e.scalars["ll"] == pytest.approx(xt["ll"], rel=1e-8)
    assert me["y:x"] == pytest.approx(xt["b"]["y:x"], rel=1e-6)
    assert me["y:_cons"] == pytest.approx(xt["b"]["y:_cons"], rel=1e-6)
    var_u = next(v for k, v in me.items() if k.startswith("var(_cons"))
    var_e = next(v for k, v in me.items() if k.startswith("var(e.y"))
    assert var_u == pytest.approx(xt["b"]["sigma_u:_cons"] ** 2, rel=1e-5)
    assert var_e == pytest.approx(xt["b"]["sigma_e:_cons"] ** 2, rel=1e-5)
    V = np.asarray(s.e.stata_matrix("V").values)
    assert np.sqrt(V[0, 0]) == pytest.approx(np.sqrt(xt["V"][0, 0]), rel=1e-5)
    assert np.sqrt(V[1, 1]) == pytest.approx(np.sqrt(xt["V"][1, 1]), rel=1e-5)
    # e() as metobit.ado posts it
    assert s.e.macros["cmd"] == "meglm" and s.e.macros["cmd2"] == "metobit"
    assert s.e.macros["model"] == "tobit" and s.e.macros["title"] == "Mixed-effects tobit regression"
    assert s.e.macros["llopt"] == ".5" and s.e.macros["ulopt"] == "3"
    y = s.data.numeric("y")
    assert s.e.scalars["N_lc"] == np.sum(y <= 0.5) and s.e.scalars["N_rc"] == np.sum(y >= 3)
    assert s.e.scalars["N_unc"] == 360 - s.e.scalars["N_lc"] - s.e.scalars["N_rc"]
    assert "Mixed-effects tobit regression" in out
    assert "Limits: lower = .5" in out and "upper = 3" in out
    assert "Left-censored   =" in out and "Right-censored  =" in out and "Uncensored      =" in out
    assert "var(e.y)|" in out and "LR test vs. tobit model:" in out


def test_meintreg_matches_xtintreg(fit):
    s, _ = fit(INTREG_DATA + "xtintreg lo hi x, nolog\n")
    ll, b = s.e.scalars["ll"], _b(s)
    s, out = fit(INTREG_DATA + "meintreg lo hi x || id:, intpoints(12) nolog\n")
    me = _b(s)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert me["lo:x"] == pytest.approx(b["lo:x"], rel=1e-6)
    assert next(v for k, v in me.items() if k.startswith("var(_cons")) == pytest.approx(
        b["sigma_u:_cons"] ** 2, rel=1e-5)
    assert s.e.macros["depvar"] == "lo hi" and s.e.macros["cmd2"] == "meintreg"
    assert s.e.macros["model"] == "interval"
    assert (s.e.scalars["N_unc"], s.e.scalars["N_int"]) == (40, 250 - 40 - s.e.scalars["N_lc"] - s.e.scalars["N_rc"])
    assert "Mixed-effects interval regression" in out and "Interval-cens.  =" in out
    assert "LR test vs. interval model:" in out


def _gh_loglik(theta, y, lo_c, hi_c, x, g, points=40):
    """ln L of the tobit with independent random intercept and slope by nonadaptive
    Gauss-Hermite product quadrature (scipy's nodes), written apart from mlmcli's engine."""
    b0, b1, lns, lv0, lv1 = theta
    s = np.exp(lns)
    t, w = special.roots_hermite(points)
    u0 = np.sqrt(2 * np.exp(lv0)) * t
    u1 = np.sqrt(2 * np.exp(lv1)) * t
    W = np.outer(w, w).ravel() / np.pi
    U0, U1 = np.meshgrid(u0, u1, indexing="ij")
    U0, U1 = U0.ravel(), U1.ravel()
    total = 0.0
    for j in np.unique(g):
        r = g == j
        eta = b0 + b1 * x[r][:, None] + U0[None, :] + x[r][:, None] * U1[None, :]
        yy = y[r][:, None]
        # censored at the limits 0.5 and 3 (an observation beyond a limit is censored there)
        lp = np.where(lo_c[r][:, None], special.log_ndtr((0.5 - eta) / s),
                      np.where(hi_c[r][:, None], special.log_ndtr((eta - 3.0) / s),
                               -lns - 0.5 * np.log(2 * np.pi) - 0.5 * ((yy - eta) / s) ** 2))
        total += special.logsumexp(lp.sum(0), b=W)
    return total


def test_metobit_random_slope_against_scipy_quadrature(fit):
    s, _ = fit(TOBIT_DATA + "metobit y x || id: x, ll(0.5) ul(3) intpoints(12) nolog\n")
    b = _b(s)
    y, x = s.data.numeric("y"), s.data.numeric("x")
    g = s.data.numeric("id")
    theta = np.array([b["y:_cons"], b["y:x"], 0.5 * np.log(next(v for k, v in b.items() if k.startswith("var(e.y"))),
                      np.log(next(v for k, v in b.items() if k.startswith("var(_cons"))),
                      np.log(next(v for k, v in b.items() if k.startswith("var(x")))])
    lo_c, hi_c = y <= 0.5, y >= 3
    assert np.exp(theta[4]) > 0.1  # the slope's variance is not at its boundary
    ll = _gh_loglik(theta, y, lo_c, hi_c, x, g)
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=2e-4)
    # and mlmcli's estimates maximise the independent likelihood
    res = optimize.minimize(lambda th: -_gh_loglik(th, y, lo_c, hi_c, x, g, 30), theta, method="BFGS",
                            options={"gtol": 1e-4})
    assert -res.fun - _gh_loglik(theta, y, lo_c, hi_c, x, g, 30) < 1e-4
    assert np.allclose(res.x[:2], theta[:2], atol=2e-3)


def test_postestimation_and_replay(fit):
    s, out = fit(INTREG_DATA + "meintreg lo hi x || id:, nolog\npredict xb1, xb\nmargins\nestat icc\n"
                 "estimates store a\nmeintreg lo hi x, nolog\nlrtest a .\nmeintreg\n")
    assert "Residual intraclass correlation" in out
    assert "Predictive margins" in out
    assert "Likelihood-ratio test" in out
    assert out.count("Interval regression") >= 2  # no random effects: meintreg.ado's title, and its replay
    assert np.all(np.isfinite(s.data.numeric("xb1")))


@pytest.mark.parametrize("text, rc", [
    ("meintreg lo || id:", 198),                  # two dependent variables required
    ("meintreg lo hi x || id:, ll(0)", 198),      # option ll() not allowed
    ("metobit lo x || id:, ll(3) ul(1)", 198),    # ll() > ul()
    ("metobit", 301),                             # no metobit results to replay
    ("metobit lo x || id:, ll(nosuchvar)", 198),  # variable not found
])
def test_errors(do, text, rc):
    got, printed, _ = do(INTREG_DATA + text + "\n")
    assert got == rc, printed[-500:]


def test_failing_fit_leaves_data(do, run):
    _, _, s = do(INTREG_DATA)
    before = s.data.df.copy()
    _, rc = run(s, "meintreg lo hi x if _n > 1 || id:, ll(0)\n")
    assert rc == 198
    assert s.data.df.equals(before)


def test_predict_defaults_to_the_linear_predictor(fit, do):
    s, out = fit(INTREG_DATA + "metobit lo x || id:, ll(1) nolog\npredict e1\npredict e2, eta\npredict f1, xb\n")
    assert "(option eta assumed)" in out
    assert np.allclose(s.data.numeric("e1"), s.data.numeric("e2"))
    b = _b(s)
    assert np.allclose(s.data.numeric("f1"), b["lo:_cons"] + b["lo:x"] * s.data.numeric("x"))
    for bad in ("mu", "pr", "pr(0,1) e(0,1)", "pr(2,1)", "pr(0,1) marginal fixedonly"):
        rc, printed, _ = do("predict z, " + bad, session=s)
        assert rc == 198, printed


def test_censored_statistics_of_the_latent_outcome(fit):
    from scipy.stats import norm

    s, _ = fit(INTREG_DATA + "metobit lo x || id:, ll(1) nolog\npredict eta, eta\npredict xb, xb\n"
               "predict p, pr(1,3)\npredict m, e(1,.)\npredict ys, ystar(1,.)\npredict p0, pr(.,1) fixedonly\n")
    sd = np.sqrt(next(v for k, v in _b(s).items() if k.startswith("var(e.lo")))
    eta, xb = s.data.numeric("eta"), s.data.numeric("xb")
    assert np.allclose(s.data.numeric("p"), norm.cdf((3 - eta) / sd) - norm.cdf((1 - eta) / sd), atol=1e-6)
    mills = norm.pdf((1 - eta) / sd) / norm.sf((1 - eta) / sd)
    assert np.allclose(s.data.numeric("m"), eta + sd * mills, atol=1e-5)
    assert np.allclose(s.data.numeric("ys"), norm.cdf((1 - eta) / sd) * 1 + norm.sf((1 - eta) / sd) * (eta + sd * mills),
                       atol=1e-5)
    assert np.allclose(s.data.numeric("p0"), norm.cdf((1 - xb) / sd), atol=1e-6)


def test_svy_fits_them_with_the_weighted_estimates(fit):
    design = ("gen st = mod(id, 4)\ngen w1 = 1 + mod(id, 3)\ngen w2 = 1 + mod(_n, 2)\n"
              "svyset id, strata(st) weight(w1) || _n, weight(w2)\n")
    s, out = fit(INTREG_DATA + design + "svy: meintreg lo hi x || id:, nolog\n")
    svy_b = _b(s)
    assert s.e.macros["cmd2"] == "meintreg" and s.e.macros["prefix"] == "svy"
    assert s.e.scalars["N_int"] > 0 and "Survey: Mixed-effects interval regression" in out
    s, _ = fit(INTREG_DATA + design + "meintreg lo hi x [pw=w2] || id:, pweight(w1) nolog\n")
    for k, v in _b(s).items():
        assert svy_b[k] == pytest.approx(v, rel=1e-6)
    s, out = fit(INTREG_DATA + design + "svy: metobit lo x || id:, ll(1) nolog\nsvy\nmetobit\n")
    assert out.count("Survey: Mixed-effects tobit regression") == 3


NESTED_DATA = """
clear
set seed 777
set obs 12
gen a = _n
gen ua = rnormal()*0.7
expand 4
bysort a: gen b = _n
gen ub = rnormal()*0.5
expand 5
gen x = rnormal()
gen y = 1 + 0.5*x + ua + ub + rnormal()
"""


@pytest.mark.parametrize("model", ["|| a: || b:,", "|| a: x, cov(unstructured)"])
def test_uncensored_metobit_is_the_linear_model(fit, model):
    # no observation below the limit: the censored family's quadrature reproduces meglm's gaussian
    # model (mixed's ML estimates) in the nested and the unstructured-slope engines
    s, _ = fit(NESTED_DATA + f"mixed y x {model} ml nolog\n")
    ll_mixed = s.e.scalars["ll"]
    s, _ = fit(NESTED_DATA + f"meglm y x {model} nolog\n")
    ref = _b(s)
    s, _ = fit(NESTED_DATA + f"metobit y x {model} ll(-100) nolog\n")
    assert s.e.scalars["N_lc"] == 0 and s.e.scalars["ll"] == pytest.approx(ll_mixed, rel=1e-7)
    for k, v in _b(s).items():
        assert v == pytest.approx(ref[k], rel=1e-5, abs=1e-7)
