"""tobit and intreg: numbers against R's survreg (tests/reference_values/censored_reference.R,
.json), tobit's layout against Stata's published MROZ output (Wooldridge's example, Stata 13's
tobit), intreg's Stata 13 layout (ml display + censobs_table), e(), predict, and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "reference_values"
REF = json.loads((HERE / "censored_reference.json").read_text())
MROZ = pd.read_csv(HERE / "mroz_hours.csv").astype(float)
INTERVALS = pd.read_csv(HERE / "censored_intervals.csv").astype(float)
MROZ_MODEL = "tobit hours nwifeinc educ exper expersq age kidslt6 kidsge6, ll(0)"

# Stata's output of MROZ_MODEL (Wooldridge's MROZ data), as printed by Stata 12-14's tobit
STATA_MROZ = """\
Tobit regression                                  Number of obs   =        753
                                                  LR chi2(7)      =     271.59
                                                  Prob > chi2     =     0.0000
Log likelihood = -3819.0946                       Pseudo R2       =     0.0343

------------------------------------------------------------------------------
       hours |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
    nwifeinc |  -8.814243   4.459096    -1.98   0.048    -17.56811   -.0603724
        educ |   80.64561   21.58322     3.74   0.000     38.27453    123.0167
       exper |   131.5643   17.27938     7.61   0.000     97.64231    165.4863
     expersq |  -1.864158   .5376615    -3.47   0.001    -2.919667   -.8086479
         age |  -54.40501   7.418496    -7.33   0.000    -68.96862    -39.8414
     kidslt6 |  -894.0217   111.8779    -7.99   0.000    -1113.655   -674.3887
     kidsge6 |    -16.218   38.64136    -0.42   0.675    -92.07675    59.64075
       _cons |   965.3053   446.4358     2.16   0.031     88.88528    1841.725
-------------+----------------------------------------------------------------
      /sigma |   1122.022   41.57903                      1040.396    1203.647
------------------------------------------------------------------------------
  Obs. summary:        325  left-censored observations at hours<=0
                       428     uncensored observations
                         0 right-censored observations"""


def _numbers(line: str) -> list[float]:
    out = []
    for word in line.replace("|", " ").split():
        try:
            out.append(float(word))
        except ValueError:
            pass
    return out


def test_tobit_matches_statas_published_mroz_output(do):
    rc, printed, s = do(MROZ_MODEL, MROZ.copy())
    assert rc == 0
    got = printed.strip("\n").split("\n")[-len(STATA_MROZ.split("\n")):]
    want = STATA_MROZ.split("\n")
    assert len(got) == len(want)
    for g, w in zip(got, want):
        # the same layout; the numbers agree to Stata's numerical-derivative SEs (about 1e-6)
        assert len(g) == len(w), (g, w)
        assert [c.isspace() for c in g[:13]] == [c.isspace() for c in w[:13]]
        np.testing.assert_allclose(_numbers(g), _numbers(w), rtol=3e-5, atol=1e-4)
    assert got[0] == want[0] and got[3] == want[3] and got[-3:] == want[-3:]


def test_tobit_numbers_match_survreg(do):
    rc, _, s = do(MROZ_MODEL, MROZ.copy())
    ref = REF["tobit"]
    e = s.e
    b = e.matrices["b"].values.ravel()
    order = [7, 0, 1, 2, 3, 4, 5, 6]  # R: (Intercept) first
    np.testing.assert_allclose(b[:8], np.array(ref["b"])[[1, 2, 3, 4, 5, 6, 7, 0]], rtol=1e-7)
    se = np.sqrt(np.diag(e.matrices["V"].values))
    np.testing.assert_allclose(se[:8], np.array(ref["se"])[[1, 2, 3, 4, 5, 6, 7, 0]], rtol=1e-6)
    sigma = np.exp(ref["lnsigma"])
    np.testing.assert_allclose(b[8], sigma, rtol=1e-8)
    np.testing.assert_allclose(se[8], sigma * ref["se_lnsigma"], rtol=1e-6)  # /sigma by the delta method
    assert e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    assert e.scalars["ll_0"] == pytest.approx(ref["ll_0"], abs=1e-7)
    assert e.scalars["r2_p"] == pytest.approx(1 - ref["ll"] / ref["ll_0"])
    assert (e.scalars["N"], e.scalars["N_lc"], e.scalars["N_unc"], e.scalars["N_rc"]) == (753, 325, 428, 0)
    assert e.scalars["df_r"] == 746 and e.scalars["df_m"] == 7 and e.scalars["llopt"] == 0
    assert e.matrices["b"].colnames[-3:] == ("model:kidsge6", "model:_cons", "sigma:_cons")
    assert e.macros["predict"] == "tobit_p" and e.macros["chi2type"] == "LR"
    assert order  # R's column order documented above


def test_two_limit_robust_tobit(do):
    rc, printed, s = do("tobit hours nwifeinc educ exper age kidslt6, ll(0) ul(3000) vce(robust)", MROZ.copy())
    assert rc == 0
    ref = REF["tobit2"]
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(b[:6], np.array(ref["b"])[[1, 2, 3, 4, 5, 0]], rtol=1e-7)
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    n = 753  # survreg's sandwich has no n/(n-1)
    robust = np.array(REF["tobit2_robust_se"]) * np.sqrt(n / (n - 1))
    np.testing.assert_allclose(se[:6], robust[[1, 2, 3, 4, 5, 0]], rtol=2e-6)
    assert "F(   5,    748) =" in printed and "Log pseudolikelihood = -3752.5263" in printed
    assert "right-censored observations at hours>=3000" in printed
    assert s.e.macros["vcetype"] == "Robust" and s.e.scalars["N_rc"] == 10


def test_tobit_log_and_bare_limits(do):
    rc, printed, s = do("tobit hours educ, ll", MROZ.copy())
    assert "Iteration" not in printed  # tobit defaults to nolog
    assert s.e.scalars["llopt"] == 0 and "at hours<=0" in printed
    rc, printed, _ = do("tobit hours educ, ul log", MROZ.copy())
    assert printed.lstrip("\n").startswith("Iteration 0:   log likelihood =")
    assert "at hours>=4950" in printed


def test_tobit_predictions_match_wooldridges_summaries(do):
    """The scale factor Phi(xb/sigma) and the mean E(y) = Phi xb + sigma phi of Wooldridge's
    session (their summaries as Stata printed them)."""
    rc, printed, s = do(MROZ_MODEL + "\npredict xbh\npredict p0, pr(0,.)\npredict ys, ystar(0,.)\n"
                        "predict e0, e(0,.)\npredict sp, stdp\npredict sf, stdf", MROZ.copy())
    assert "(option xb assumed; fitted values)" in printed
    df = s.data.df
    assert df["p0"].mean() == pytest.approx(.5886634, abs=1e-6)
    assert df["ys"].mean() == pytest.approx(721.4201, abs=1e-3)
    assert df["ys"].min() == pytest.approx(3.496456, rel=1e-5)
    sigma = s.e.matrices["b"].values.ravel()[-1]
    from scipy.stats import norm
    z = df["xbh"] / sigma
    np.testing.assert_allclose(df["e0"], df["xbh"] + sigma * norm.pdf(z) / norm.cdf(z), rtol=1e-5)
    np.testing.assert_allclose(df["sf"] ** 2, df["sp"] ** 2 + sigma ** 2, rtol=1e-5)
    assert s.data.var_labels["p0"] == "Pr(hours>0)"


INTREG_LAYOUT = """\
Interval regression                               Number of obs   =        270
                                                  LR chi2(2)      =      49.62
Log likelihood = -455.62639                       Prob > chi2     =     0.0000

------------------------------------------------------------------------------
             |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
          x1 |   .7991002   .1228001     6.51   0.000     .5584165    1.039784
          x2 |  -.8810882   .1896799    -4.65   0.000    -1.252854   -.5093225
       _cons |   1.242109   .2180159     5.70   0.000     .8148057    1.669412
-------------+----------------------------------------------------------------
    /lnsigma |   .5663404   .0494827                      .4693562    .6633246
-------------+----------------------------------------------------------------
       sigma |   1.761808   .0871789                      1.598964    1.941236
------------------------------------------------------------------------------

  Observation summary:        30  left-censored observations
                             30     uncensored observations
                             30 right-censored observations
                            180       interval observations"""


def test_intreg_layout_and_numbers(do):
    rc, printed, s = do("intreg y1 y2 x1 x2", INTERVALS.copy())
    assert rc == 0
    lines = printed.strip("\n").split("\n")
    assert lines[:3] == ["Fitting constant-only model:", "", "Iteration 0:   log likelihood = -480.69548  "]
    assert "Fitting full model:" in lines
    assert printed.rstrip("\n").endswith(INTREG_LAYOUT)
    ref = REF["intreg"]
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(b, np.array(ref["b"] + [ref["lnsigma"]])[[1, 2, 0, 3]], rtol=1e-7)
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se, np.array(ref["se"] + [ref["se_lnsigma"]])[[1, 2, 0, 3]], rtol=1e-6)
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll_0"], abs=1e-7)
    assert s.e.matrices["b"].colnames == ("model:x1", "model:x2", "model:_cons", "lnsigma:_cons")
    for key, value in (("N", 270), ("N_unc", 30), ("N_lc", 30), ("N_rc", 30), ("N_int", 180), ("k_aux", 1)):
        assert s.e.scalars[key] == value
    assert s.e.scalars["sigma"] == pytest.approx(np.exp(ref["lnsigma"]))
    assert s.e.macros["depvar"] == "y1 y2" and s.e.macros["predict"] == "intreg_p"


def test_intreg_cluster_robust_and_fweights(do):
    rc, printed, s = do("intreg y1 y2 x1 x2, vce(cluster g) nolog", INTERVALS.copy())
    assert "Iteration" not in printed and "(Std. Err. adjusted for 27 clusters in g)" in printed
    assert "Wald chi2(2)    =" in printed and "Log pseudolikelihood = -455.62639" in printed
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se, np.array(REF["intreg_cluster_se"])[[1, 2, 0, 3]], rtol=1e-6)
    rc, _, s = do("intreg y1 y2 x1 x2, vce(robust) nolog", INTERVALS.copy())
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se, np.array(REF["intreg_robust_se"])[[1, 2, 0, 3]], rtol=1e-6)
    rc, printed, s = do("intreg y1 y2 x1 x2 [fw=w], nolog", INTERVALS.copy())
    ref = REF["intreg_fweight"]
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), np.array(ref["b"] + [ref["lnsigma"]])[[1, 2, 0, 3]],
                               rtol=1e-7)
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se, np.array(ref["se"] + [ref["se_lnsigma"]])[[1, 2, 0, 3]], rtol=1e-6)
    assert s.e.scalars["N"] == 540 and s.e.scalars["N_int"] == 360


def test_intreg_predictions_and_replay_level(do):
    rc, printed, s = do("intreg y1 y2 x1 x2, nolog\npredict p, pr(0,2)\npredict xb\nintreg, level(90)", INTERVALS.copy())
    assert rc == 0 and "[90% Conf. Interval]" in printed
    df = s.data.df
    sigma = s.e.scalars["sigma"]
    from scipy.stats import norm
    keep = df["xb"].notna()
    np.testing.assert_allclose(df.loc[keep, "p"], norm.cdf((2 - df.loc[keep, "xb"]) / sigma)
                               - norm.cdf((0 - df.loc[keep, "xb"]) / sigma), rtol=1e-5)
    assert s.data.var_labels["p"] == "Pr(0<y1<2)"


def test_intreg_het_matches_direct_maximisation_in_r(do):
    rc, printed, s = do("intreg y1 y2 x1 x2, het(x2)\npredict p, pr(0,2)\npredict sf, stdf\nintreg, level(80)",
                        INTERVALS.copy())
    assert rc == 0
    ref = REF["intreg_het"]
    b = s.e.matrices["b"].values.ravel()
    assert s.e.matrices["b"].colnames == ("model:x1", "model:x2", "model:_cons", "lnsigma:x2", "lnsigma:_cons")
    np.testing.assert_allclose(b, np.array(ref["b"])[[1, 2, 0, 4, 3]], rtol=1e-5)  # R: BFGS's stop
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se, np.array(ref["se"])[[1, 2, 0, 4, 3]], rtol=1e-4)  # R: numerical Hessian
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-8)
    assert s.e.macros["het"] == "heteroskedasticity" and "sigma" not in s.e.scalars
    assert "Wald chi2(2)    =      63.02" in printed and "\nmodel        |\n" in printed
    assert "\nlnsigma      |\n" in printed and "[80% Conf. Interval]" in printed
    assert "Fitting constant-only model:" not in printed
    df = s.data.df
    sigma = np.exp(b[4] + b[3] * df["x2"])
    xb = b[2] + b[0] * df["x1"] + b[1] * df["x2"]
    from scipy.stats import norm
    keep = df["x1"].notna()
    np.testing.assert_allclose(df.loc[keep, "p"], (norm.cdf((2 - xb) / sigma) - norm.cdf(-xb / sigma))[keep], rtol=1e-5)
    assert np.all(df.loc[keep, "sf"] > sigma[keep])


@pytest.mark.parametrize("text, message, code", [
    ("tobit hours educ", "must specify ll() and/or ul()", 198),
    ("tobit hours, ll(0) noconstant", "independent variables required with noconstant option", 100),
    ("intreg hours", "too few variables specified", 102),
    ("intreg nwifeinc hours educ", "observations with nwifeinc > hours not allowed", 498),
    ("intreg hours hours educ, het(age, bogus)", "option bogus not allowed", 198),
    ("intreg hours hours educ, collinear", "option collinear() not supported by mlmcli with intreg", 198),
    ("tobit hours educ, ll(0) bogus", "option bogus not allowed", 198),
    ("tobit", "last estimates not found", 301),
])
def test_stata_errors(do, text, message, code):
    rc, printed, s = do(text, MROZ.copy())
    assert rc == code and message in printed
    assert list(s.data.df.columns) == list(MROZ.columns)


def test_margins_after_tobit(do):
    """margins' delta method against a numerical gradient of the average prediction in (b, sigma),
    and Wooldridge's average partial effect of educ on E(hours) (his pe_educ mean, 47.47311)."""
    from scipy.stats import norm

    rc, printed, s = do(MROZ_MODEL + "\nmargins, predict(ystar(0,.))\nmargins, dydx(educ) predict(ystar(0,.))",
                        MROZ.copy())
    assert rc == 0
    assert "Expression   : E(hours*|hours>0), predict(ystar(0,.))" in printed
    assert "        educ |   47.47311" in printed
    e = s.e
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    X = np.column_stack([MROZ[c] for c in ("nwifeinc", "educ", "exper", "expersq", "age", "kidslt6", "kidsge6")]
                        + [np.ones(len(MROZ))])

    def mean_ystar(theta):
        xb, sigma = X @ theta[:8], theta[8]
        return float(np.mean(norm.cdf(xb / sigma) * xb + sigma * norm.pdf(xb / sigma)))
    h = 1e-6 * np.maximum(1, np.abs(b))
    grad = np.array([(mean_ystar(b + h[j] * np.eye(9)[j]) - mean_ystar(b - h[j] * np.eye(9)[j])) / (2 * h[j])
                     for j in range(9)])
    se = float(np.sqrt(grad @ V @ grad))
    line = [x for x in printed.split("\n") if x.startswith("       _cons |")][-1]
    assert _numbers(line)[0] == pytest.approx(mean_ystar(b), abs=1e-4)
    assert _numbers(line)[1] == pytest.approx(se, rel=1e-5)
    rc, printed, _ = do(MROZ_MODEL + "\nmargins, predict(stdp)", MROZ.copy())
    assert rc == 498 and "prediction is a function of possibly stochastic quantities" in printed


def test_cnreg_is_tobit_with_a_censoring_variable(do):
    """cnreg (cnreg.ado, still in Stata 13): the MROZ tobit again, censored(c) = -1 at hours 0;
    its title and censobs_table footnote right under the table."""
    rc, printed, s = do("generate c = -(hours <= 0)\n" + MROZ_MODEL.replace("tobit", "cnr").replace(", ll(0)",
                                                                                                 ", censored(c)"),
                        MROZ.copy())
    assert rc == 0
    rc2, tobit_printed, t = do(MROZ_MODEL, MROZ.copy())
    np.testing.assert_allclose(s.e.matrices["b"].values, t.e.matrices["b"].values, rtol=1e-9)
    np.testing.assert_allclose(s.e.matrices["V"].values, t.e.matrices["V"].values, rtol=1e-7)
    assert "\nCensored-normal regression                        Number of obs   =        753\n" in printed
    assert printed.rstrip("\n").endswith(
        "------------------------------------------------------------------------------\n"
        "  Observation summary:       325  left-censored observations\n"
        "                            428     uncensored observations\n"
        "                              0 right-censored observations")
    assert s.e.macros["censored"] == "c" and s.e.macros["predict"] == "cnreg_p" and s.e.scalars["df_r"] == 746
    rc, printed, _ = do("cnreg hours educ", MROZ.copy())
    assert rc == 198 and "option censored() required" in printed


def test_tobit_cluster_uses_clusters_less_one(do):
    """vce(cluster): the sandwich with G/(G-1) (survreg's has none), and e(df_r) = G - 1 for the t
    statistics and the F test (tobit_14's _robust3 -> _robust)."""
    rc, printed, s = do("tobit hours educ age, ll(0) vce(cluster kidsge6)", MROZ.copy())
    assert rc == 0 and "(Std. Err. adjusted for 9 clusters in kidsge6)" in printed
    se = np.sqrt(np.diag(s.e.matrices["V"].values))[:3]
    ref = np.array(REF["tobit_cluster_se"])[[1, 2, 0]] * np.sqrt(9 / 8)
    np.testing.assert_allclose(se, ref, rtol=1e-5)
    assert s.e.scalars["df_r"] == 8 and s.e.scalars["N_clust"] == 9
    assert "F(   2,      8) =" in printed
