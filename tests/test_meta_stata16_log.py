"""meta esize, meta summarize and meta regress against a published Stata 16 log: the binary-data
practical of a meta-analysis course (16 trials of intravenous magnesium after myocardial
infarction, tests/data/meta/magnesium.csv; log risk-ratios, `meta summarize, fixed` by
Mantel-Haenszel, `meta regress size` and `meta regress year`, `meta funnelplot`'s header,
`meta bias, egger` and `meta trimfill, eform`).  The expected lines are the log's,
as Stata 16 printed them."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent / "data" / "meta"
SETUP = ("generate nodead1 = tot1 - dead1\ngenerate nodead0 = tot0 - dead0\n"
         "meta esize dead1 nodead1 dead0 nodead0, studylabel(trialnam) esize(lnrratio)")


@pytest.fixture
def magnesium(new_session, run):
    s = new_session(pd.read_csv(DATA / "magnesium.csv"))
    out, rc = run(s, SETUP)
    assert rc == 0, out
    return s


def test_the_settings_are_stata16s(new_session, run):
    out, rc = run(new_session(pd.read_csv(DATA / "magnesium.csv")), SETUP)
    assert rc == 0, out
    for line in ("    No. of studies:  16", "      Summary data:  dead1 nodead1 dead0 nodead0",
                 "              Type:  lnrratio", "             Label:  Log Risk-Ratio",
                 "   Zero-cells adj.:  0.5, only0", "          CI level:  95%", "            Method:  REML"):
        assert line in out.splitlines(), line


def test_fixed_mantel_haenszel_summary_is_stata16s(magnesium, run):
    out, rc = run(magnesium, "meta summarize, fixed")
    assert rc == 0, out
    expected = """\
Meta-analysis summary                     Number of studies =     16
Fixed-effects model                       Heterogeneity:
Method: Mantel-Haenszel                             I2 (%) =   66.79
                                                        H2 =    3.01

--------------------------------------------------------------------
            Study | Log Risk-Ratio    [95% Conf. Interval]  % Weight
------------------+-------------------------------------------------
           Morton |         -0.799      -3.156       1.559      0.09
        Rasmussen |         -0.938      -1.671      -0.206      0.98
            Smith |         -1.253      -2.812       0.306      0.30
          Abraham |         -0.043      -2.785       2.700      0.04
        Feldstedt |          0.210      -0.692       1.111      0.34
        Schechter |         -2.249      -4.283      -0.216      0.39
     Ceremuzynski |         -1.182      -3.373       1.009      0.13
        Bertschat |         -1.143      -4.290       2.004      0.07
            Singh |         -0.619      -1.562       0.323      0.47
          Pereira |         -1.946      -3.972       0.080      0.30
      Schechter 1 |         -1.898      -3.365      -0.432      0.54
             Golf |         -0.594      -1.478       0.289      0.46
        Thogersen |         -0.757      -1.931       0.418      0.35
          LIMIT-2 |         -0.273      -0.535      -0.011      5.04
      Schechter 2 |         -1.438      -2.493      -0.382      0.72
           ISIS-4 |          0.053      -0.004       0.111     89.76
------------------+-------------------------------------------------
            theta |          0.006      -0.049       0.061
--------------------------------------------------------------------
Test of theta = 0: z = 0.20                      Prob > |z| = 0.8414
Test of homogeneity: Q = chi2(15) = 45.17          Prob > Q = 0.0001"""
    assert expected in out
    assert out.splitlines()[1:5] == ["  Effect-size label:  Log Risk-Ratio", "        Effect size:  _meta_es",
                                     "          Std. Err.:  _meta_se", "        Study label:  trialnam"]


def test_meta_regress_is_stata16s(magnesium, run):
    out, rc = run(magnesium, 'recode _meta_studysize (min/999 = 0 "Smaller RCTs") (1000/max = 1 "Mega-RCTs"), '
                             "gen(size)\nmeta regress size")
    assert rc == 0, out
    expected = """\
Random-effects meta-regression                      Number of obs  =        16
Method: REML                                        Residual heterogeneity:
                                                                tau2 =   .0501
                                                              I2 (%) =   33.01
                                                                  H2 =    1.49
                                                       R-squared (%) =   77.92
                                                    Wald chi2(1)   =      9.66
                                                    Prob > chi2    =    0.0019
------------------------------------------------------------------------------
    _meta_es |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------"""
    assert expected in out
    assert "       _cons |   -.868714   .1851311    -4.69   0.000    -1.231564   -.5058636" in out
    # the log's size row is .7823604 .2517851 ... .2888707; REML stops a hair apart (1e-7)
    size = next(ln for ln in out.splitlines() if ln.strip().startswith("size |")).split()
    assert size[2] == ".7823604" and float(size[3]) == pytest.approx(.2517851, abs=2e-7)
    assert "Test of residual homogeneity: Q_res = chi2(14) = 18.42   Prob > Q_res = 0.1882" in out
    out, rc = run(magnesium, "meta regress year")
    assert rc == 0, out
    for line in ("                                                                tau2 =   .1965",
                 "                                                              I2 (%) =   56.42",
                 "                                                       R-squared (%) =   13.38",
                 "        year |   .0522546   .0586504     0.89   0.373     -.062698    .1672072",
                 "       _cons |  -104.6763   116.7574    -0.90   0.370    -333.5166     124.164",
                 "Test of residual homogeneity: Q_res = chi2(14) = 21.78   Prob > Q_res = 0.0833"):
        assert line in out.splitlines(), line


def test_funnel_egger_and_trimfill_are_stata16s(magnesium, run):
    out, rc = run(magnesium, "meta funnelplot")
    assert rc == 0, out
    assert "              Model:  Common-effect\n             Method:  Inverse-variance" in out
    out, rc = run(magnesium, "meta bias, egger")
    assert rc == 0, out
    assert """\
Regression-based Egger test for small-study effects
Random-effects model
Method: REML

H0: beta1 = 0; no small-study effects
            beta1 =     -1.45
      SE of beta1 =     0.317
                z =     -4.59
       Prob > |z| =    0.0000""" in out
    out, rc = run(magnesium, "meta trimfill, eform")
    assert rc == 0, out
    assert """\
Nonparametric trim-and-fill analysis of publication bias
Linear estimator, imputing on the right

Iteration                            Number of studies =     23
  Model: Random-effects                       observed =     16
 Method: REML                                  imputed =      7

Pooling
  Model: Random-effects
 Method: REML

---------------------------------------------------------------
             Studies |       Risk Ratio    [95% Conf. Interval]
---------------------+-----------------------------------------
            Observed |            0.511       0.352       0.742
  Observed + Imputed |            0.709       0.485       1.037
---------------------------------------------------------------""" in out
