"""``ivregress`` 2sls/liml/gmm and ``estat firststage|endogenous|overid`` against R
(AER::ivreg, sandwich, and the textbook formulas in tests/iv_reference/reference.R over
tests/iv_reference/ivdata.csv), Stata's layout (ivregress.ado, ivreg_footnote.ado,
ivregress_estat.ado and published logs) and Stata's messages."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "iv_reference"
REF = json.loads((REF_DIR / "reference.json").read_text())


@pytest.fixture
def df():
    return pd.read_csv(REF_DIR / "ivdata.csv").astype(float)


def _fit(do, df, text):
    rc, out, s = do(text, df=df)
    assert rc == 0, out
    return out, s


def _b_se(s):
    c = s.e.coefficients()
    return c.b, np.sqrt(np.diag(c.V))


def _r_order(v):
    """R's (Intercept) first -> Stata's _cons last."""
    return list(v[1:]) + [v[0]]


@pytest.mark.parametrize("opt,key", [("", "se"), ("vce(robust)", "se_robust"), ("vce(cluster g)", "se_cluster"),
                                     ("small", "se_small"), ("vce(robust) small", "se_robust_small"),
                                     ("vce(cluster g) small", "se_cluster_small")])
def test_2sls_estimates_and_standard_errors(do, df, opt, key):
    _, s = _fit(do, df, f"ivregress 2sls y x1 (y1 = z1 z2), {opt}")
    b, se = _b_se(s)
    r = REF["m1"]
    np.testing.assert_allclose(b, _r_order(r["b"]), rtol=1e-9)
    np.testing.assert_allclose(se, _r_order(r[key]), rtol=1e-8)
    np.testing.assert_allclose(s.e.scalars["r2"], r["r2"], rtol=1e-9)
    rmse = r["rmse_small"] if "small" in opt else r["rmse"]
    np.testing.assert_allclose(s.e.scalars["rmse"], rmse, rtol=1e-9)


def test_model_tests(do, df):
    r = REF["m1"]
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2)")
    np.testing.assert_allclose(s.e.scalars["chi2"], r["chi2"], rtol=1e-8)
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2), vce(robust)")
    np.testing.assert_allclose(s.e.scalars["chi2"], r["chi2_robust"], rtol=1e-8)
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2), small")
    np.testing.assert_allclose(s.e.scalars["F"], r["F_small"], rtol=1e-8)
    assert s.e.scalars["df_r"] == 197


def test_two_endogenous_with_factor_exogenous(do, df):
    out, s = _fit(do, df, "ivregress 2sls y x1 i.region (y1 y2 = z1 z2 z3)")
    b, se = _b_se(s)
    names = s.e.coefficients().names
    assert list(names) == ["y1", "y2", "x1", "1b.region", "2.region", "3.region", "4.region", "_cons"]
    keep = [0, 1, 2, 4, 5, 6, 7]
    r = REF["m2"]
    np.testing.assert_allclose(b[keep], _r_order(r["b"]), rtol=1e-9)
    np.testing.assert_allclose(se[keep], _r_order(r["se"]), rtol=1e-8)
    assert s.e.macros["instd"] == "y1 y2"
    assert s.e.macros["insts"] == "x1 2.region 3.region 4.region z1 z2 z3"
    assert out.splitlines()[-2:] == ["Instrumented:  y1 y2", "Instruments:   x1 2.region 3.region 4.region z1 z2 z3"]


def test_liml(do, df):
    _, s = _fit(do, df, "ivregress liml y x1 (y1 = z1 z2 z3)")
    b, se = _b_se(s)
    r = REF["m3"]
    np.testing.assert_allclose(s.e.scalars["kappa"], r["kappa"], rtol=1e-9)
    np.testing.assert_allclose(b, _r_order([r["b"][2], r["b"][0], r["b"][1]]), rtol=1e-8)
    np.testing.assert_allclose(se, [r["se"][0], r["se"][1], r["se"][2]], rtol=1e-7)
    rc, out, _ = do("estat overid", session=s)
    assert rc == 0
    np.testing.assert_allclose(s.r["ar"], r["ar"], rtol=1e-7)
    assert "  Anderson-Rubin chi2(2) =  32.3171  (p = 0.0000)" in out.splitlines()
    assert "  Basmann F(2, 195)      =  15.7546  (p = 0.0000)" in out.splitlines()


def test_gmm_two_step(do, df):
    out, s = _fit(do, df, "ivregress gmm y x1 (y1 = z1 z2 z3)")
    b, se = _b_se(s)
    r = REF["m4"]
    np.testing.assert_allclose(b, [r["b"][0], r["b"][1], r["b"][2]], rtol=1e-8)
    np.testing.assert_allclose(se, [r["se"][0], r["se"][1], r["se"][2]], rtol=1e-7)
    np.testing.assert_allclose(s.e.scalars["J"], r["J"], rtol=1e-7)
    assert "GMM weight matrix: Robust                         Root MSE        =     1.6791" in out.splitlines()
    assert s.e.macros["wmatrix"] == "robust" and s.e.macros["vce"] == "robust"
    rc, out, _ = do("estat overid", session=s)
    assert "  Hansen's J chi2(2) = 18.5042 (p = 0.0001)" in out.splitlines()


def test_aweights(do, df):
    r = REF["m5"]
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2) [aw=wt]")
    b, se = _b_se(s)
    np.testing.assert_allclose(b, _r_order(r["b"]), rtol=1e-9)
    np.testing.assert_allclose(se, _r_order(r["se"]), rtol=1e-8)
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2) [aw=wt], vce(robust)")
    np.testing.assert_allclose(_b_se(s)[1], _r_order(r["se_robust"]), rtol=1e-8)


def test_layout(do, df):
    out, _ = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2)")
    assert out.splitlines() == [
        "",
        "Instrumental variables (2SLS) regression          Number of obs   =        200",
        "                                                  Wald chi2(2)    =     277.68",
        "                                                  Prob > chi2     =     0.0000",
        "                                                  R-squared       =     0.7836",
        "                                                  Root MSE        =     1.6645",
        "",
        "------------------------------------------------------------------------------",
        "           y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]",
        "-------------+----------------------------------------------------------------",
        "          y1 |   1.475591   .1200776    12.29   0.000     1.240243    1.710938",
        "          x1 |   .8955136    .122623     7.30   0.000     .6551769     1.13585",
        "       _cons |   2.514383   .1863534    13.49   0.000     2.149137    2.879629",
        "------------------------------------------------------------------------------",
        "Instrumented:  y1",
        "Instruments:   x1 z1 z2"]


def test_small_header_is_the_anova_table(do, df):
    out, _ = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2), small")
    lines = out.splitlines()
    assert lines[2] == "Instrumental variables (2SLS) regression"
    assert lines[4] == "      Source |       SS       df       MS         Number of obs   =        200"
    assert lines[5] == "-------------+------------------------------      F(  2,   197)   =     136.76"
    assert "           y |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]" in lines


def test_estat_firststage_single(do, df):
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2)")
    rc, out, _ = do("estat firststage", session=s)
    assert rc == 0
    r = REF["m1"]
    np.testing.assert_allclose(np.asarray(s.r["singleresults"].values)[0, :4], [r["fs_r2"], r["fs_r2a"], r["fs_partial"], r["fs_F"]],
                               rtol=1e-8)
    np.testing.assert_allclose(s.r["mineig"], r["mineig"], rtol=1e-8)
    lines = out.splitlines()
    assert "            y1 |  0.3872      0.3778       0.3675       56.9289    0.0000" in lines
    assert "      Variable |   R-sq.       R-sq.        R-sq.      F(2,196)   Prob > F" in lines
    assert "  2SLS Size of nominal 5% Wald test  |  19.93   11.59    8.75    7.25" in lines
    assert "  2SLS relative bias                 |         (not available)" in lines


def test_estat_firststage_robust_f_and_shea(do, df):
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2), vce(robust)")
    rc, out, _ = do("estat firststage", session=s)
    np.testing.assert_allclose(np.asarray(s.r["singleresults"].values)[0, 3], REF["m1"]["fs_F_robust"], rtol=1e-8)
    assert "Minimum eigenvalue" not in out
    assert "               |            Adjusted      Partial       Robust" in out.splitlines()
    _, s = _fit(do, df, "ivregress 2sls y x1 i.region (y1 y2 = z1 z2 z3)")
    rc, out, _ = do("estat firststage", session=s)
    np.testing.assert_allclose(np.asarray(s.r["multiresults"].values)[:, 0], REF["m2"]["shea"], rtol=1e-8)
    np.testing.assert_allclose(s.r["mineig"], REF["m2"]["mineig"], rtol=1e-8)


def test_estat_endogenous(do, df):
    r = REF["m1"]
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2)")
    rc, out, _ = do("estat endogenous", session=s)
    np.testing.assert_allclose([s.r["durbin"], s.r["wu"]], [r["durbin"], r["wu_aer"]], rtol=1e-8)
    assert "  Durbin (score) chi2(1)          =  13.7575  (p = 0.0002)" in out.splitlines()
    assert "  Wu-Hausman F(1,196)             =  14.4783  (p = 0.0002)" in out.splitlines()
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2), vce(robust)")
    rc, out, _ = do("estat endog", session=s)
    np.testing.assert_allclose([s.r["r_score"], s.r["regF"]], [r["endog_rscore"], r["endog_regF"]], rtol=1e-8)


def test_estat_overid(do, df):
    r = REF["m1"]
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2)")
    rc, out, _ = do("estat overid", session=s)
    np.testing.assert_allclose([s.r["sargan"], s.r["basmann"]], [r["sargan_aer"], r["basmann"]], rtol=1e-8)
    assert "  Sargan (score) chi2(1) =  5.51554  (p = 0.0188)" in out.splitlines()
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2), vce(robust)")
    rc, out, _ = do("estat overid", session=s)
    np.testing.assert_allclose(s.r["score"], r["overid_score"], rtol=1e-8)
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2), vce(cluster g)")
    rc, out, _ = do("estat overid", session=s)
    assert rc == 498 and "estimation not available with cluster-robust standard errors" in out


def test_postestimation(do, df):
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2)")
    rc, out, _ = do("predict double xb\npredict double u, residuals\nlincom y1 + x1\ntest y1 x1", session=s)
    assert rc == 0, out
    d = s.data.df
    b = _r_order(REF["m1"]["b"])
    np.testing.assert_allclose(d["xb"], b[0] * df.y1 + b[1] * df.x1 + b[2], rtol=1e-9)
    np.testing.assert_allclose(d["u"], df.y - d["xb"], atol=1e-9)
    np.testing.assert_allclose(s.r["chi2"], REF["m1"]["chi2"], rtol=1e-8)


@pytest.mark.parametrize("text,rc,message", [
    ("ivregress foo y x1 (y1 = z1)", 198, "foo not a valid estimator"),
    ("ivregress 2sls y x1 (y1 y2 = z1)", 481, "equation not identified; must have at least as many instruments not in"),
    ("ivregress 2sls y x1 (y1 = z1), wmatrix(robust)", 198, "cannot specify wmatrix() with 2SLS estimator"),
    ("ivregress 2sls y x1 (x1 = z1)", 498, "x1 included in both exogenous and endogenous variable lists"),
    ("ivregress 2sls y x1 (y1 = z1), robust vce(robust)", 198, "cannot specify options robust or cluster() with vce()"),
    ("ivregress liml y x1 (y1 = z1), igmm", 198, "may only specify igmm with GMM estimator"),
    ("ivregress 2sls y x1 (y1 = z1), hasconstant", 198, "option hasconstant not allowed"),
])
def test_refusals(do, df, text, rc, message):
    got, out, _ = do(text, df=df)
    assert got == rc and message in out, out


def test_estat_refusals(do, df):
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1)")
    rc, out, _ = do("estat overid", session=s)
    assert rc == 498 and "no overidentifying restrictions" in out
    _, s = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2) [aw=wt]")
    rc, out, _ = do("estat endogenous", session=s)
    assert rc == 498 and "not available after estimation with aweights; use forceweights to override" in out


def test_estat_subcommands_after_other_commands(do, df):
    _, s = _fit(do, df, "regress y x1")
    for sub in ("firststage", "endogenous", "overid"):
        rc, out, _ = do(f"estat {sub}", session=s)
        assert rc == 321 and f"invalid subcommand {sub}" in out


def test_first_prints_the_first_stage_regression(do, df):
    out, _ = _fit(do, df, "ivregress 2sls y x1 (y1 = z1 z2), first")
    lines = out.splitlines()
    assert lines[1:3] == ["First-stage regressions", "-----------------------"]
    r = REF["m1"]
    b, se = _r_order(r["fs_b"]), _r_order(r["fs_se"])
    for name, coef, s in zip(("x1", "z1", "z2", "_cons"), b, se):
        row = next(ln for ln in lines if ln.split("|")[0].strip() == name)
        got = [float(v) for v in row.split("|")[1].split()[:2]]
        np.testing.assert_allclose(got, [coef, s], rtol=1e-6)
    assert any(ln.strip().startswith("F(   3,    196)") for ln in lines)


def test_gmm_iterated_and_unadjusted_weight_matrix(do, df):
    r = REF["m4"]
    _, s = _fit(do, df, "ivregress gmm y x1 (y1 = z1 z2 z3), igmm")
    b, se = _b_se(s)
    np.testing.assert_allclose(b, r["b_igmm"], rtol=1e-5)
    np.testing.assert_allclose(se, r["se_igmm"], rtol=1e-5)
    assert s.e.scalars["iterations"] > 1
    _, s = _fit(do, df, "ivregress gmm y x1 (y1 = z1 z2 z3), wmatrix(unadjusted)")
    b, se = _b_se(s)
    np.testing.assert_allclose(b, _r_order(r["b_unadj"]), rtol=1e-9)
    np.testing.assert_allclose(se, _r_order(r["se_unadj"]), rtol=1e-8)
    assert s.e.macros["vce"] == "unadjusted" and "vcetype" not in s.e.macros
