"""glm, irls (gl90): glm.ado's classical IRLS against glm's ML route (same optimum; EIM standard
errors equal the OIM ones under a canonical link, differ under a non-canonical one, and irls
vce(oim) gives the ML route's) and against statsmodels' GLM (IRLS, its EIM covariance: X2/df
scale for the continuous families, scale='dev' for scale(dev)), computed here.  The header and
e() follow glm.ado's IRLS block and Head (opensafely-core/cohort-extractor bin/ado/base/g/glm.ado):
"MQL Fisher scoring" over "(IRLS EIM)", no log likelihood or AIC, e(phi) = disp(#), the deviance
and Pearson X2 divided by disp(#) and W = disp mu'^2/V (so the EIM shrinks by 1/disp)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = (f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep in 1/1500\ngenerate hi = mathach > 13\n"
         "generate cnt = floor(max(mathach, 0)/5)\ngenerate pos = max(mathach, 0) + 1\n"
         "generate start = (hi + .5)/2\ngenerate fw = 1 + mod(_n, 3)\ngenerate w = 1 + mod(_n, 7)/3\n"
         "generate expo = 1 + mod(_n, 4)\n")


@pytest.fixture(scope="module")
def hsb(do):
    rc, printed, session = do(SETUP)
    assert rc == 0, printed
    return session


def _fit(run, s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    b = s.e.matrices["b"].values[0]
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    return out, b, se


def _frame(s):
    df = s.data.df
    X = np.column_stack([df.ses.to_numpy(float), df.sector.to_numpy(float), np.ones(len(df))])
    return df, X


@pytest.mark.parametrize("family, link, canonical", [
    ("binomial", "logit", True), ("binomial", "probit", False), ("poisson", "log", True),
    ("poisson", "identity", False)])
def test_irls_against_the_ml_route(hsb, run, family, link, canonical):
    y = "hi" if family == "binomial" else "cnt"
    _, b_ml, se_ml = _fit(run, hsb, f"quietly glm {y} ses sector, family({family}) link({link})")
    out, b, se = _fit(run, hsb, f"glm {y} ses sector, family({family}) link({link}) irls")
    np.testing.assert_allclose(b, b_ml, rtol=1e-5, atol=1e-7)
    if canonical:
        np.testing.assert_allclose(se, se_ml, rtol=1e-5)
    else:  # the expected information is not the observed one
        assert np.max(np.abs(se / se_ml - 1)) > 1e-4
    assert hsb.e.macros["vce"] == "eim" and hsb.e.macros["vcetype"] == "EIM"
    _, b_oim, se_oim = _fit(run, hsb, f"quietly glm {y} ses sector, family({family}) link({link}) irls vce(oim)")
    np.testing.assert_allclose(se_oim, se_ml, rtol=1e-4)
    assert hsb.e.macros["opt1"] == "MQL Newton-Raphson" and hsb.e.macros["opt2"] == "(IRLS OIM)"


@pytest.mark.parametrize("family, link, options, sm_scale", [
    ("binomial", "logit", "", None), ("binomial", "probit", "", None), ("binomial", "cloglog", "", None),
    ("poisson", "log", "", None), ("gamma", "log", "", None), ("gamma", "power -1", "", None),
    ("gaussian", "identity", "", None), ("gamma", "log", "scale(dev)", "dev"),
    ("poisson", "log", "scale(x2)", "X2")])
def test_irls_against_statsmodels(hsb, run, family, link, options, sm_scale):
    sm = pytest.importorskip("statsmodels.api")
    y = {"binomial": "hi", "poisson": "cnt"}.get(family, "pos")
    out, b, se = _fit(run, hsb, f"quietly glm {y} ses sector, family({family}) link({link}) irls {options} ltolerance(1e-13)")
    df, X = _frame(hsb)
    links = sm.families.links
    lk = {"logit": links.Logit(), "probit": links.Probit(), "cloglog": links.CLogLog(), "log": links.Log(),
          "power -1": links.InversePower(), "identity": links.Identity()}[link]
    fam = {"binomial": sm.families.Binomial, "poisson": sm.families.Poisson, "gamma": sm.families.Gamma,
           "gaussian": sm.families.Gaussian}[family](link=lk)
    # ltolerance(1e-13): glm stops when the deviance moves by 1e-6, short of statsmodels' optimum
    res = sm.GLM(df[y].to_numpy(float), X, family=fam).fit(method="IRLS", scale=sm_scale, tol=1e-12)
    np.testing.assert_allclose(b, res.params, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(se, res.bse, rtol=1e-4)
    np.testing.assert_allclose(hsb.e.scalars["deviance"], res.deviance, rtol=1e-7)
    np.testing.assert_allclose(hsb.e.scalars["deviance_p"], res.pearson_chi2, rtol=1e-6)
    assert "ll" not in hsb.e.scalars and "aic" not in hsb.e.scalars


def test_disp_divides_the_deviance_and_the_eim(hsb, run):
    _, b1, se1 = _fit(run, hsb, "quietly glm cnt ses sector, family(poisson) irls")
    dev1 = hsb.e.scalars["deviance"]
    out, b2, se2 = _fit(run, hsb, "glm cnt ses sector, family(poisson) irls disp(2)")
    np.testing.assert_allclose(b2, b1, rtol=1e-6)
    np.testing.assert_allclose(se2, se1 / np.sqrt(2), rtol=1e-6)
    np.testing.assert_allclose(hsb.e.scalars["deviance"], dev1 / 2, rtol=1e-6)
    assert hsb.e.scalars["phi"] == 2 and hsb.e.scalars["disp"] == 2
    line = next(ln for ln in out.splitlines() if ln.startswith("Quasi-likelihood model with dispersion: 2"))
    assert line.index("BIC") == 51 and line.index("=") == 67
    assert "Scale parameter =         2" in out


def test_header_log_and_results(hsb, run):
    out, b, se = _fit(run, hsb, "glm hi ses sector, family(binomial) irls")
    lines = out.splitlines()
    its = [ln for ln in lines if ln.startswith("Iteration ")]
    assert its and all(ln[15:26] == "deviance = " for ln in its)
    assert hsb.e.scalars["ic"] == len(its)
    opt = next(ln for ln in lines if ln.startswith("Optimization"))
    assert opt.startswith("Optimization     : MQL Fisher scoring") and opt.index("Residual df") == 51
    eim = lines[lines.index(opt) + 1]
    assert eim.index("(IRLS EIM)") == 19 and eim.index("Scale parameter") == 51
    bic = next(ln for ln in lines if "BIC" in ln)
    assert bic.strip().startswith("BIC") and bic.index("BIC") == 51
    assert "Log likelihood" not in out and "AIC" not in out
    head = next(i for i, ln in enumerate(lines) if "Std. Err." in ln)
    assert lines[head - 1].rstrip().endswith("|                 EIM")  # over Std. Err.
    e = hsb.e
    assert (e.macros["opt"], e.macros["opt1"], e.macros["opt2"], e.macros["crittype"]) == (
        "irls", "MQL Fisher scoring", "(IRLS EIM)", "deviance")
    assert e.scalars["phi"] == 1 and e.scalars["rc"] == 0 and "converged" not in e.scalars
    assert list(e.matrices["b"].colnames) == ["ses", "sector", "_cons"]  # _regress's unnamed columns
    df = e.scalars["df"]
    np.testing.assert_allclose(e.scalars["bic"], e.scalars["deviance"] - df * np.log(e.scalars["N"]))
    out, rc = run(hsb, "glm")  # replay
    assert rc == 0 and "(IRLS EIM)" in out and "Iteration" not in out


def test_nolog_mu_and_gaussian_single_step(hsb, run):
    _, b0, _ = _fit(run, hsb, "quietly glm hi ses sector, family(binomial) irls")
    out, b1, _ = _fit(run, hsb, "glm hi ses sector, family(binomial) irls mu(start) nolog")
    assert "Iteration" not in out
    np.testing.assert_allclose(b1, b0, rtol=1e-5)
    out, b2, _ = _fit(run, hsb, "glm hi ses sector, family(binomial) irls init(start) ltolerance(1e-10)")
    np.testing.assert_allclose(b2, b0, rtol=1e-5)
    out, b, _ = _fit(run, hsb, "glm mathach ses sector, irls")
    assert out.count("Iteration ") == 1
    df, X = _frame(hsb)
    np.testing.assert_allclose(b, np.linalg.lstsq(X, df.mathach.to_numpy(float), rcond=None)[0], rtol=1e-9)


def test_robust_is_semirobust_under_a_non_canonical_link(hsb, run):
    out, b, se = _fit(run, hsb, "glm hi ses sector, family(binomial) link(probit) irls vce(robust)")
    assert hsb.e.macros["vcetype"] == "Semirobust" and "Semirobust" in out
    from scipy.stats import norm

    df, X = _frame(hsb)
    y = df.hi.to_numpy(float)
    eta = X @ b
    mu, d = norm.cdf(eta), norm.pdf(eta)
    V = mu * (1 - mu)
    bread = np.linalg.inv(X.T @ (X * (d * d / V)[:, None]))
    S = X * (d * (y - mu) / V)[:, None]
    n = len(y)
    np.testing.assert_allclose(se, np.sqrt(np.diag(bread @ (n / (n - 1) * S.T @ S) @ bread)), rtol=1e-6)
    _fit(run, hsb, "quietly glm hi ses sector, family(binomial) irls vce(robust)")
    assert hsb.e.macros["vcetype"] == "Robust"


def test_not_converged_is_r430(hsb, run):
    out, rc = run(hsb, "glm hi ses sector, family(binomial) link(probit) irls iterate(1)", stop_on_error=False)
    assert rc == 430 and "convergence not achieved" in out and "(IRLS EIM)" in out


@pytest.mark.parametrize("command, message", [
    ("glm hi ses, family(binomial) irls ml", "ml and irls options may not be combined"),
    ("glm hi ses, family(binomial) irls fisher(2)", "fisher() only valid with Newton-Raphson optimization"),
    ("glm hi ses, family(binomial) irls collinear", "option collinear not allowed"),
    ("glm hi ses, family(binomial) irls tolerance(1e-4)", "option tolerance() not allowed"),
    ("glm hi ses, family(binomial) irls difficult", "option difficult not allowed"),
    ("glm hi ses, family(binomial) irls mu(start) init(hi)", "mu() and init() should use the same varname"),
    ("glm hi ses, family(binomial) irls ltolerance(1)", "ltolerance() must be in [0,1)"),
    ("glm hi ses, family(binomial) irls vce(robust) scale(x2)", "cannot use scale() with alternate variances"),
    ("glm hi ses, family(binomial) irls vce(hac nwest 2)", "not supported by mlmcli"),
    ("glm hi ses, family(binomial) mu(start)", "option mu() without irls not supported by mlmcli"),
    ("glm hi ses, family(binomial) disp(2)", "disp() allowed only with irls option"),
    ("glm hi ses, family(binomial) scale(dev)", "option scale(dev) allowed only with option irls"),
])
def test_refusals(hsb, run, command, message):
    before = hsb.data.df.copy()
    out, rc = run(hsb, command, stop_on_error=False)
    assert rc == 198 and message in out
    assert hsb.data.df.equals(before)


@pytest.mark.parametrize("weight, vcetype", [("fw=fw", "EIM"), ("aw=w", "EIM"), ("iw=w", "EIM"),
                                             ("pw=w", "Robust")])
def test_weights_match_the_ml_route_under_the_logit_link(hsb, run, weight, vcetype):
    _, b_ml, se_ml = _fit(run, hsb, f"quietly glm hi ses sector [{weight}], family(binomial)")
    n_ml = hsb.e.scalars["N"]
    _, b, se = _fit(run, hsb, f"quietly glm hi ses sector [{weight}], family(binomial) irls")
    np.testing.assert_allclose(b, b_ml, rtol=1e-6)
    np.testing.assert_allclose(se, se_ml, rtol=1e-5)
    assert hsb.e.scalars["N"] == n_ml and hsb.e.macros["vcetype"] == vcetype


def test_exposure_scale_and_vfactor(hsb, run):
    _, b_ml, _ = _fit(run, hsb, "quietly glm cnt ses sector, family(poisson) exposure(expo)")
    out, b, se = _fit(run, hsb, "glm cnt ses sector, family(poisson) exposure(expo) irls nolog")
    np.testing.assert_allclose(b, b_ml, rtol=1e-6)
    assert "(exposure)" in out and hsb.e.macros["offset"] == "ln(expo)"
    out, _, se2 = _fit(run, hsb, "glm pos ses sector, family(gamma) link(log) irls nolog")
    _, _, se3 = _fit(run, hsb, "glm pos ses sector, family(gamma) link(log) irls nolog scale(2) vfactor(3)")
    x2 = hsb.e.scalars["dispers_p"]  # the default scale: Pearson X2 / df
    np.testing.assert_allclose(se3, se2 * np.sqrt(2 * 3 / x2), rtol=1e-6)
    assert hsb.e.scalars["vf"] == 3
