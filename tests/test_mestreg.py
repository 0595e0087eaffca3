"""mestreg (Stata 14's multilevel parametric survival models): the fits against an independent
R computation (tests/reference_values/mestreg_reference.R: the group integrals by integrate(),
a 40 x 40 Gauss-Hermite rule for the random slope; its values in mestreg_reference.json), the
Stata 14 layout, e(), predict and stcurve, and the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

REF = Path(__file__).parent / "reference_values"
SETUP = f"import delimited using {REF / 'mestreg_sim.csv'}, clear\nstset time, failure(fail)\n"


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "mestreg_reference.json").read_text())


def _b(s):
    return np.asarray(s.e.matrices["b"].values).reshape(-1)


def _se(s):
    return np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values)))


@pytest.mark.parametrize("key, model", [
    ("weibull", "mestreg x age || hosp:, dist(weibull) intpoints(15)"),
    ("exponential", "mestreg x age || hosp:, dist(exp) intpoints(15)"),
    ("lognormal", "mestreg x age || hosp:, dist(lognormal) intpoints(15)"),
    ("weibull_slope", "mestreg x age || hosp: x, dist(weibull) cov(unstructured) intpoints(15)"),
])
def test_fits_match_the_independent_r_computation(do, reference, key, model):
    rc, out, s = do(SETUP + model)
    assert rc == 0, out
    ref = reference[key]
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-4)
    assert _b(s) == pytest.approx(np.array(ref["b"]), rel=1e-3, abs=1e-4)
    assert _se(s) == pytest.approx(np.array(ref["se"]), rel=5e-3, abs=2e-4)


def test_header_table_and_lr_test_in_stata14_layout(do):
    rc, out, s = do(SETUP + "mestreg x age || hosp:, dist(weibull) nolog")
    assert rc == 0
    lines = out.splitlines()
    title = next(ln for ln in lines if ln.startswith("Mixed-effects Weibull regression"))
    assert title.index("Number of obs") == 48 and title.endswith("=        326")
    assert any(ln.startswith("Group variable:") and "Number of groups  =         30" in ln for ln in lines)
    assert any(ln.startswith("Integration method: mvaghermite") and ln.endswith("Integration pts.  =          7")
               for ln in lines)
    assert "          _t | Haz. Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]" in lines
    assert any(ln.startswith("       /ln_p |") for ln in lines)
    assert any(ln.startswith("   var(_cons)|") for ln in lines)
    assert "Note: Estimates are transformed only in the first equation." in lines
    lr = next(ln for ln in lines if ln.startswith("LR test vs. Weibull model: chibar2(01) ="))
    assert lr.index("Prob >= chibar2 = ") == 54
    chi2 = 2 * (s.e.scalars["ll"] - s.e.scalars["ll_c"])
    assert s.e.scalars["chi2_c"] == pytest.approx(chi2)
    assert s.e.scalars["p_c"] == pytest.approx(0.5 * stats.chi2.sf(chi2, 1))


def test_ll_c_is_streg_without_random_effects(do):
    rc, out, s = do(SETUP + "quietly mestreg x age || hosp:, dist(weibull)\nscalar llc = e(ll_c)\n"
                    "quietly streg x age, dist(weibull)\nscalar lls = e(ll)")
    assert rc == 0
    assert s.scalars["llc"] == pytest.approx(s.scalars["lls"], abs=1e-6)


def test_replay_options_and_names(do):
    rc, out, s = do(SETUP + "quietly mestreg x age || hosp:, dist(weibull)\nmestreg, nohr\n"
                    "display _b[/:var(_cons[hosp])] - _b[/:ln_p]")
    assert rc == 0
    assert "          _t |      Coef.   Std. Err." in out
    names = list(s.e.matrices["b"].colnames)
    assert names == ["_t:x", "_t:age", "_t:_cons", "/:ln_p", "/:var(_cons[hosp])"]
    b = _b(s)
    assert float(out.strip().splitlines()[-1]) == pytest.approx(b[4] - b[3], rel=1e-6)
    rc, out, s = do("mestreg, notable", session=s)
    assert rc == 0 and "Haz. Ratio" not in out and "Number of obs" in out
    rc, out, s = do("mestreg, noheader", session=s)
    assert rc == 0 and "Number of obs" not in out and "Haz. Ratio" in out
    rc, out, s = do("mestreg, tratio", session=s)
    assert rc == 198


def test_time_metric_is_the_ph_fit_reparametrised(do):
    rc, out, s = do(SETUP + "quietly mestreg x age || hosp:, dist(weibull)")
    b_ph, ll_ph = _b(s), s.e.scalars["ll"]
    rc, out, s = do(SETUP + "mestreg x age || hosp:, dist(weibull) time tratio nolog")
    assert rc == 0 and "Time Ratio" in out
    b_aft = _b(s)
    p = np.exp(b_ph[3])
    assert s.e.scalars["ll"] == pytest.approx(ll_ph, abs=1e-5)
    assert b_aft[:3] == pytest.approx(-b_ph[:3] / p, rel=1e-3)
    assert b_aft[4] == pytest.approx(b_ph[4] / p ** 2, rel=2e-3)


def test_predictions(do):
    rc, out, s = do(SETUP + "quietly mestreg x age || hosp:, dist(weibull)\n"
                    "predict s0, surv conditional(fixedonly)\npredict s1, surv\npredict sm, surv marginal\n"
                    "predict hm, hazard marginal\npredict u, reffects reses(se)\npredict xb, xb\npredict eta, eta\n"
                    "predict md, median conditional(fixedonly)\npredict mn, mean conditional(fixedonly)")
    assert rc == 0, out
    d = s.data
    b = _b(s)
    p, var = np.exp(b[3]), b[4]
    t = d.numeric("time")
    xb = b[0] * d.numeric("x") + b[1] * d.numeric("age") + b[2]
    assert d.numeric("xb") == pytest.approx(xb, rel=1e-6)
    assert d.numeric("s0") == pytest.approx(np.exp(-np.exp(xb) * t ** p), rel=1e-5)
    assert d.numeric("eta") == pytest.approx(xb + d.numeric("u"), rel=1e-5, abs=1e-6)
    assert d.numeric("s1") == pytest.approx(np.exp(-np.exp(d.numeric("eta")) * t ** p), rel=1e-5)
    assert d.numeric("md") == pytest.approx((np.log(2) / np.exp(xb)) ** (1 / p), rel=1e-5)
    from scipy.special import gamma
    assert d.numeric("mn") == pytest.approx(gamma(1 + 1 / p) * np.exp(-xb / p), rel=1e-5)
    assert np.all(d.numeric("se") > 0) and np.all(d.numeric("se") < np.sqrt(var))
    # marginal: the integrals over u ~ N(0, var) by scipy's adaptive quad (a different rule)
    for i in (0, 17, 200):
        def S(u):
            return np.exp(-np.exp(xb[i] + u) * t[i] ** p) * stats.norm.pdf(u, 0, np.sqrt(var))
        def f(u):
            h = np.exp(xb[i] + u) * p * t[i] ** (p - 1)
            return h * np.exp(-np.exp(xb[i] + u) * t[i] ** p) * stats.norm.pdf(u, 0, np.sqrt(var))
        Sm = integrate.quad(S, -12, 12, epsabs=1e-13)[0]
        assert d.numeric("sm")[i] == pytest.approx(Sm, rel=1e-6)
        assert d.numeric("hm")[i] == pytest.approx(integrate.quad(f, -12, 12, epsabs=1e-13)[0] / Sm, rel=1e-6)


def test_eb_means_are_the_posterior_means(do):
    """The reffects of one group against its posterior mean by direct integration."""
    rc, out, s = do(SETUP + "quietly mestreg x age || hosp:, dist(weibull) intpoints(15)\n"
                    "predict u, reffects reses(se)")
    assert rc == 0
    d = s.data
    b = _b(s)
    p, sd = np.exp(b[3]), np.sqrt(b[4])
    g = d.numeric("hosp") == 3
    t, fail = d.numeric("time")[g], d.numeric("fail")[g]
    xb = b[0] * d.numeric("x")[g] + b[1] * d.numeric("age")[g] + b[2]

    def post(u):
        eta = xb + u
        return np.exp(np.sum(fail * (eta + np.log(p) + p * np.log(t)) - np.exp(eta) * t ** p)) * stats.norm.pdf(u, 0, sd)
    m0 = integrate.quad(post, -8, 8)[0]
    m1 = integrate.quad(lambda u: u * post(u), -8, 8)[0] / m0
    m2 = integrate.quad(lambda u: u * u * post(u), -8, 8)[0] / m0
    assert d.numeric("u")[g][0] == pytest.approx(m1, abs=1e-6)
    assert d.numeric("se")[g][0] == pytest.approx(np.sqrt(m2 - m1 ** 2), rel=1e-5)


def test_lrtest_and_estimates_stats(do):
    rc, out, s = do(SETUP + "quietly mestreg x age || hosp:, dist(weibull)\nestimates store a\n"
                    "quietly mestreg x age || hosp: x, dist(weibull) cov(unstr)\nestimates store b\n"
                    "lrtest b a\nestimates stats a b")
    assert rc == 0, out
    assert "LR chi2(2)" in out
    assert s.e.scalars["rank"] == 7


def test_stcurve_after_mestreg_writes_its_curves(do, tmp_path):
    f = tmp_path / "curves"
    rc, out, s = do(SETUP + "quietly mestreg x age || hosp:, dist(weibull)\n"
                    f"stcurve, survival at1(x=0) at2(x=1) fixedonly outfile({f}, replace)\n"
                    f"use {f}, clear")
    assert rc == 0, out
    assert s.data.nobs == 101


@pytest.mark.parametrize("line, rc", [
    ("mestreg x || hosp:, dist(weibull)", 119),  # data not st
])
def test_requires_st(do, line, rc):
    assert do(line, pd.DataFrame({"x": [1.0, 2], "hosp": [1.0, 2]}))[0] == rc


@pytest.mark.parametrize("model, rc", [
    ("mestreg x || hosp:", 198),  # distribution() required
    ("mestreg x || hosp:, dist(gompertz)", 198),  # Stata 15's
    ("mestreg x || hosp:, dist(lognormal) nohr", 198),
    ("mestreg x || hosp:, dist(weibull) tratio", 198),
    ("mestreg x || _all: R.hosp, dist(weibull)", 198),  # crossed effects: not fitted
    ("mestreg x || hosp:, dist(weibull) intmethod(laplace) intpoints(3)", 198),
    ("mestreg x, dist(weibull)", 198),
])
def test_refusals(do, model, rc):
    assert do(SETUP + model)[0] == rc


def test_laplace(do):
    rc, out, s = do(SETUP + "mestreg x age || hosp:, dist(weibull) intmethod(laplace) nolog")
    assert rc == 0 and "Integration method: laplace" in out
    rc2, out2, s2 = do(SETUP + "quietly mestreg x age || hosp:, dist(weibull) intpoints(15)")
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], abs=0.05)
