"""heckman: ML and two-step numbers against R (tests/count_models_reference/heckman.R: the
likelihood written out and maximised by optim, the Hessian by numDeriv; the two-step estimator
from first principles), the layout against a published Stata 12/13 log (Mroz's data), predict,
e() and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

HERE = Path(__file__).parent / "count_models_reference"
REF = json.loads((HERE / "heckman.json").read_text())
DATA = pd.read_csv(HERE / "heckman.csv").astype(float)
MODEL = "heckman wage x1 x2, select(works = z1 x1)"


def _fit(do, text):
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    return printed, s


def test_ml_matches_hand_written_likelihood(do):
    printed, s = _fit(do, MODEL)
    ref = REF["ml"]
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)  # numDeriv's Hessian
    chi2_c = 2 * (ref["ll"] - ref["ll_probit"] - ref["ll_regress"])
    assert s.e.scalars["chi2_c"] == pytest.approx(chi2_c, abs=1e-6)
    assert f"LR test of indep. eqns. (rho = 0):   chi2(1) = {chi2_c:8.2f}   Prob > chi2 = " in printed
    rho, sigma = np.tanh(ref["coef"][6]), np.exp(ref["coef"][7])
    assert s.e.scalars["rho"] == pytest.approx(rho, rel=1e-5)
    assert s.e.scalars["lambda"] == pytest.approx(rho * sigma, rel=1e-5)
    assert s.e.matrices["b"].colnames[-2:] == ("athrho:_cons", "lnsigma:_cons")
    assert s.e.macros["depvar"] == "wage works"


def test_select_varlist_names_the_equation_select(do):
    printed, s = _fit(do, "heckman wage x1 x2, select(z1 x1) nolog")
    assert "select       |" in printed and s.e.macros["depvar"] == "wage"
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REF["ml"]["coef"], rtol=1e-5, atol=1e-6)


def test_two_step_matches_first_principles(do):
    printed, s = _fit(do, MODEL + " twostep")
    ref = REF["twostep"]
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(b[[0, 1, 2, 6]], ref["coef"], rtol=1e-7)
    np.testing.assert_allclose(se[[0, 1, 2, 6]], ref["se"], rtol=1e-5)
    np.testing.assert_allclose(b[3:6], ref["gamma"], rtol=1e-7)
    np.testing.assert_allclose(se[3:6], ref["se_gamma"], rtol=1e-5)
    assert s.e.scalars["rho"] == pytest.approx(ref["rho"], rel=1e-7)
    assert s.e.scalars["sigma"] == pytest.approx(ref["sigma"], rel=1e-7)
    assert f"         rho |    {ref['rho']:.5f}" in printed
    assert "mills        |" in printed and s.e.macros["method"] == "two-step"
    assert "Log likelihood" not in printed


def test_predictions(do):
    _, s = _fit(do, "quietly " + MODEL + " mills(mr)\npredict yc, ycond\npredict ye, yexpected\n"
                    "predict ps, psel\npredict m, nshazard\npredict xb, xb")
    df = s.data.df
    b = np.array(REF["ml"]["coef"])
    xb = b[0] * DATA.x1 + b[1] * DATA.x2 + b[2]
    zg = b[3] * DATA.z1 + b[4] * DATA.x1 + b[5]
    lam = np.tanh(b[6]) * np.exp(b[7])
    mills = norm.pdf(zg) / norm.cdf(zg)
    np.testing.assert_allclose(df.xb, xb, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(df.ps, norm.cdf(zg), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(df.m, mills, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(df.mr, mills, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(df.yc, xb + lam * mills, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(df.ye, xb * norm.cdf(zg) + lam * norm.pdf(zg), rtol=1e-4, atol=1e-6)
    assert s.data.var_labels["yc"] == "E(wage|Zg>0)" and s.data.var_labels["mr"] == "nonselection hazard"


def test_robust_gives_wald_independence_test(do):
    printed, s = _fit(do, MODEL + " vce(robust) nolog")
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    assert s.e.scalars["chi2_c"] == pytest.approx(b[6] ** 2 / V[6, 6])
    assert "Wald test of indep. eqns. (rho = 0): chi2(1) =" in printed
    assert "Log pseudolikelihood = " in printed


# A published Stata 12/13 log (Wooldridge's Mroz data): heckman lwage educ exper expersq,
# select(inlf = educ exper expersq nwifeinc age kidslt6 kidsge6)
STATA_ML = """\
Heckman selection model                         Number of obs      =       753
(regression model with sample selection)        Censored obs       =       325
                                                Uncensored obs     =       428

                                                Wald chi2(3)       =     59.67
Log likelihood = -832.8851                      Prob > chi2        =    0.0000

------------------------------------------------------------------------------
             |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
lwage        |
        educ |   .1083502   .0148607     7.29   0.000     .0792238    .1374767
       exper |   .0428369   .0148785     2.88   0.004     .0136755    .0719983
     expersq |  -.0008374   .0004175    -2.01   0.045    -.0016556   -.0000192
       _cons |  -.5526973   .2603784    -2.12   0.034     -1.06303   -.0423651
-------------+----------------------------------------------------------------
inlf         |
        educ |   .1313415   .0253823     5.17   0.000     .0815931    .1810899
       exper |   .1232818   .0187242     6.58   0.000     .0865831    .1599806
     expersq |  -.0018863   .0006004    -3.14   0.002     -.003063   -.0007095
    nwifeinc |  -.0121321   .0048767    -2.49   0.013    -.0216903    -.002574
         age |  -.0528287   .0084792    -6.23   0.000    -.0694476   -.0362098
     kidslt6 |  -.8673988   .1186509    -7.31   0.000     -1.09995   -.6348472
     kidsge6 |   .0358723   .0434753     0.83   0.409    -.0493377    .1210824
       _cons |   .2664491   .5089578     0.52   0.601    -.7310898    1.263988
-------------+----------------------------------------------------------------
     /athrho |    .026614    .147182     0.18   0.857    -.2618573    .3150854
    /lnsigma |  -.4103809   .0342291   -11.99   0.000    -.4774687   -.3432931
-------------+----------------------------------------------------------------
         rho |   .0266078   .1470778                     -.2560319    .3050564
       sigma |   .6633975   .0227075                      .6203517    .7094303
      lambda |   .0176515   .0976057                     -.1736521    .2089552
------------------------------------------------------------------------------
LR test of indep. eqns. (rho = 0):   chi2(1) =     0.03   Prob > chi2 = 0.8577
------------------------------------------------------------------------------"""

STATA_TWOSTEP_TAIL = """\
-------------+----------------------------------------------------------------
mills        |
      lambda |   .0322619   .1336246     0.24   0.809    -.2296376    .2941613
-------------+----------------------------------------------------------------
         rho |    0.04861
       sigma |  .66362875
      lambda |  .03226186   .1336246
------------------------------------------------------------------------------"""


def _rows(lines):
    from mlmcli.results.mixed import CoefRow

    out = []
    for line in lines:
        name, rest = line.split("|")
        v = [float(x) for x in rest.split()]
        if len(v) == 4:
            v = [v[0], v[1], float("nan"), float("nan"), v[2], v[3]]
        out.append(CoefRow(name.strip(), *v))
    return tuple(out)


def test_layout_matches_published_ml_log():
    from mlmcli.render.selection import render_header, render_independence, render_table
    from mlmcli.results.selection import HeckmanResult

    lines = STATA_ML.split("\n")
    r = HeckmanResult(title="Heckman selection model", depvar="lwage", nobs=753, n_censored=325, chi2=59.67, df_m=3,
                      p=1e-12, equations=(("lwage", _rows(lines[11:15])), ("inlf", _rows(lines[17:25]))),
                      loglik=-832.8851, ancillary=_rows(lines[26:28]), natural=_rows(lines[29:32]),
                      independence=("LR", 0.03, 0.8577))
    got = render_header(r) + ["", render_table(r)] + render_independence(r)
    assert "\n".join(got) == STATA_ML


def test_layout_matches_published_two_step_tail():
    from mlmcli.render.selection import render_table
    from mlmcli.results.selection import HeckmanResult

    tail = STATA_TWOSTEP_TAIL.split("\n")
    lwage = _rows(STATA_ML.split("\n")[11:15])
    r = HeckmanResult(title="Heckman selection model -- two-step estimates", depvar="lwage", nobs=753, n_censored=325,
                      chi2=180.10, df_m=6, p=1e-12, equations=(("lwage", lwage), ("mills", _rows(tail[2:3]))),
                      two_step_lines=(0.0486123, 0.66362875, 0.03226186, 0.1336246))
    assert render_table(r).split("\n")[-len(tail):] == tail


@pytest.mark.parametrize("text, message, rc", [
    ("heckman wage x1 x2", "option select() required", 198),
    ("heckman wage x1 x2, select(z1) twostep mle", "only one of mle and twostep is allowed.", 198),
    ("heckman wage x1 x2 [fw=cl], select(z1) twostep", "not allowed with the", 198),
    ("heckman wage x1 x2, select(z1, noconstant) twostep nocons", "", 0),
    ("replace works = 1\nheckman wage x1 x2, select(works = z1)",
     "Dependent variable never censored because of selection", 498),
    ("heckman wage, select(z1, noconstant)", "", 0),
    ("heckman wage x1, select(, noconstant)", "no variables specified for selection", 198),
    ("heckman wage, select(z1) noconstant", "must specify variables or allow constant for primary equation", 198),
    ("regress wage x1\nheckman", "last estimates not found", 301),
])
def test_errors(do, text, message, rc):
    got, printed, _ = do(text, DATA.copy())
    assert got == rc, printed
    assert message in printed


PROBIT = json.loads((HERE / "heckprob.json").read_text())
PROBIT_DATA = pd.read_csv(HERE / "heckprob.csv").astype(float)


def test_heckprob_matches_hand_written_likelihood(do):
    """heckprob against heckprob.R (mvtnorm's bivariate normal, optim, numDeriv)."""
    rc, printed, s = do("heckprob yb x1, select(s = z1 x1)", PROBIT_DATA.copy())
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert s.e.scalars["ll"] == pytest.approx(PROBIT["ll"], abs=1e-6)
    np.testing.assert_allclose(b, PROBIT["coef"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, PROBIT["se"], rtol=1e-4)
    assert s.e.scalars["ll_c"] == pytest.approx(PROBIT["ll_c"], abs=1e-6)
    chi2_c = 2 * (PROBIT["ll"] - PROBIT["ll_c"])
    assert f"LR test of indep. eqns. (rho = 0):   chi2(1) = {chi2_c:8.2f}" in printed
    assert f"Comparison:    log likelihood = {PROBIT['ll_c']:10.8g}"[:38] in printed
    assert printed.count("Probit model with sample selection") == 1
    assert s.e.matrices["b"].colnames[-1] == "athrho:_cons" and s.e.macros["predict"] == "heckpr_p"
    lines = printed.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("Probit model with sample selection"))
    assert lines[at + 1].strip() == "Censored obs       =       355"


def test_heckprob_predictions(do):
    from scipy.stats import multivariate_normal

    rc, printed, s = do("quietly heckprob yb x1, select(s = z1 x1)\npredict pm\npredict p11, p11\n"
                        "predict p00, p00\npredict pc, pcond", PROBIT_DATA.copy())
    assert rc == 0, printed
    b = np.array(PROBIT["coef"])
    xb = b[0] * PROBIT_DATA.x1 + b[1]
    zg = b[2] * PROBIT_DATA.z1 + b[3] * PROBIT_DATA.x1 + b[4]
    rho = np.tanh(b[5])
    df = s.data.df
    np.testing.assert_allclose(df.pm, norm.cdf(xb), rtol=1e-5)
    for i in range(3):
        cov = [[1, rho], [rho, 1]]
        p11 = multivariate_normal(mean=[0, 0], cov=cov).cdf([xb[i], zg[i]])
        p00 = multivariate_normal(mean=[0, 0], cov=cov).cdf([-xb[i], -zg[i]])
        assert df.p11[i] == pytest.approx(p11, rel=1e-5)
        assert df.p00[i] == pytest.approx(p00, rel=1e-5)
        assert df.pc[i] == pytest.approx(p11 / norm.cdf(zg[i]), rel=1e-5)
    assert s.data.var_labels["p11"] == "Pr(yb=1,s=1)" and s.data.var_labels["pm"] == "Pr(yb=1)"


def test_bivariate_normal_against_scipy():
    from scipy.stats import multivariate_normal

    from mlmcli.glm.bivariate_normal import cdf

    rng = np.random.default_rng(5)
    for r in (0.0, 0.2, -0.6, 0.93, -0.99):
        h, k = rng.normal(size=4) * 2, rng.normal(size=4) * 2
        want = [multivariate_normal(mean=[0, 0], cov=[[1, r], [r, 1]]).cdf([a, c]) for a, c in zip(h, k)]
        np.testing.assert_allclose(cdf(h, k, np.full(4, r)), want, atol=1e-7)
