"""truncreg: numbers against R (tests/count_models_reference/truncreg.R: the truncated-normal
likelihood written out, optim and numDeriv), the layout against a published Stata 12/13 log
(Wooldridge's 401(k) example), predict against scipy's truncated normal, e() and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm, truncnorm

HERE = Path(__file__).parent / "count_models_reference"
REF = json.loads((HERE / "truncreg.json").read_text())
DATA = pd.read_csv(HERE / "truncated.csv").astype(float)


def _fit(do, text):
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    return printed, s


@pytest.mark.parametrize("key, options", [("ll0", "ll(0)"), ("both", "ll(0) ul(4)"), ("upper", "ul(4)"),
                                          ("var_lower", "ll(lim)")])
def test_estimates_match_hand_written_likelihood(do, key, options):
    printed, s = _fit(do, f"truncreg y x1 x2, {options}")
    ref = REF[key]
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    assert s.e.scalars["N"] == ref["n"] and s.e.scalars["N_bf"] == len(DATA)
    assert f"(note: {len(DATA) - ref['n']} obs. truncated)" in printed
    assert s.e.matrices["b"].colnames == ("eq1:x1", "eq1:x2", "eq1:_cons", "sigma:_cons")


def test_header_and_sigma_row(do):
    printed, s = _fit(do, "truncreg y x1 x2, ll(0) ul(4) nolog")
    lines = printed.split("\n")
    at = lines.index("Truncated regression")
    assert lines[at + 1] == "Limit:   lower =          0                             Number of obs =    242"
    assert lines[at + 2].startswith("         upper =          4                             Wald chi2(2)  = ")
    assert lines[at + 3].startswith("Log likelihood = -293.83506")
    sigma = next(line for line in lines if line.startswith("      /sigma |"))
    b, se = REF["both"]["coef"][3], REF["both"]["se"][3]
    assert f"{b / se:.2f}" in sigma  # z shown
    assert "Fitting full model:" not in printed


def test_predictions_against_scipy(do):
    _, s = _fit(do, "quietly truncreg y x1 x2, ll(0) ul(4)\npredict xb, xb\npredict p, pr(0,4)\npredict ec, e(0,4)")
    b = REF["both"]["coef"]
    xb = b[0] * DATA.x1 + b[1] * DATA.x2 + b[2]
    sig = b[3]
    a, c = (0 - xb) / sig, (4 - xb) / sig
    df = s.data.df
    np.testing.assert_allclose(df.xb, xb, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(df.p, norm.cdf(c) - norm.cdf(a), rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(df.ec, truncnorm.mean(a, c, loc=xb, scale=sig), rtol=1e-4, atol=1e-6)


def test_robust_and_cluster(do):
    printed, s = _fit(do, "truncreg y x1 x2, ul(4) vce(cluster cl) nolog")
    assert "Log pseudolikelihood = " in printed and "(Std. Err. adjusted for 25 clusters in cl)" in printed
    assert s.e.macros["vcetype"] == "Robust" and s.e.scalars["N_clust"] == 25


# Stata 12/13's truncreg output (Wooldridge's 401ksubs_topcode, a published log)
STATA_401K = """\
Truncated regression
Limit:   lower =       -inf                             Number of obs =    751
         upper =         50                             Wald chi2(6)  =  57.16
Log likelihood = -3351.6879                             Prob > chi2   = 0.0000

------------------------------------------------------------------------------
      nettfa |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
         inc |   .6447338   .1412821     4.56   0.000      .367826    .9216416
       incsq |  -.0034965   .0010597    -3.30   0.001    -.0055735   -.0014194
         age |   .1806256   .7896731     0.23   0.819    -1.367105    1.728356
       agesq |   .0032957   .0090657     0.36   0.716    -.0144727    .0210641
        male |   .1300546   3.379858     0.04   0.969    -6.494346    6.754455
       e401k |    4.09938   2.224616     1.84   0.065    -.2607873    8.459548
       _cons |  -24.23088   16.15679    -1.50   0.134    -55.89761    7.435844
-------------+----------------------------------------------------------------
      /sigma |   25.12179   .9167748    27.40   0.000     23.32494    26.91863
------------------------------------------------------------------------------"""


def test_layout_matches_published_log():
    from mlmcli.render.truncated_regression import render_header, render_table
    from mlmcli.results.mixed import CoefRow
    from mlmcli.results.truncated_regression import TruncatedRegressionResult

    lines = STATA_401K.split("\n")

    def row(line):
        name, rest = line.split("|")
        return CoefRow(name.strip(), *[float(x) for x in rest.split()])

    r = TruncatedRegressionResult(depvar="nettfa", lower="      -inf", upper="        50", nobs=751, chi2=57.16,
                                  df_m=6, p=1e-9, loglik=-3351.6879, rows=tuple(row(x) for x in lines[8:15]),
                                  sigma=row(lines[16]))
    assert "\n".join(render_header(r) + ["", render_table(r)]) == STATA_401K


@pytest.mark.parametrize("text, message, rc", [
    ("truncreg y, noconstant ll(0)", "independent variables required with noconstant option", 100),
    ("truncreg y x1, ll(0) marginal", "option marginal not supported by mlmcli with truncreg", 198),
    ("regress y x1\ntruncreg", "last estimates not found", 301),
    ("truncreg y x1, ll(0)\npredict s*, scores", "option scores not supported by mlmcli after truncreg", 198),
])
def test_errors(do, text, message, rc):
    got, printed, _ = do(text, DATA.copy())
    assert got == rc, printed
    assert message in printed
