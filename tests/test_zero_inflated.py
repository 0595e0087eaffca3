"""zip and zinb: numbers against R's pscl::zeroinfl (tests/count_models_reference/zero_inflated.R,
.json, over zi.csv made by make_data.py), the cluster/robust sandwich against sandwich::estfun's
scores, the layout against a published Stata 13 zip log, predict, e() and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "count_models_reference"
REF = json.loads((HERE / "zero_inflated.json").read_text())
DATA = pd.read_csv(HERE / "zi.csv").astype(float)


def _stata_order(values):
    """pscl's (count (Intercept), x1, x2, zero (Intercept), z1) -> Stata's (x1 x2 _cons z1 _cons)."""
    v = list(values)
    return np.array([v[1], v[2], v[0], v[4], v[3]])


def _fit(do, text):
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    return printed, s


@pytest.mark.parametrize("key, command", [
    ("zip", "zip y x1 x2, inflate(z1)"),
    ("zip_probit", "zip y x1 x2, inflate(z1) probit"),
    ("zip_exposure", "zip y x1 x2, inflate(z1) exposure(t)"),
    ("zip_offset2", "zip y x1 x2, inflate(z1, offset(x1))"),
    ("zinb", "zinb ynb x1 x2, inflate(z1)"),
    ("zinb_probit", "zinb ynb x1 x2, inflate(z1) probit"),
])
def test_estimates_match_pscl(do, key, command):
    _, s = _fit(do, command + " nolog")
    ref = REF[key]
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    np.testing.assert_allclose(b[:5], _stata_order(ref["coef"]), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se[:5], _stata_order(ref["se"]), rtol=2e-4)  # pscl's Hessian is optim's numeric one
    if key.startswith("zinb"):
        assert b[5] == pytest.approx(ref["lnalpha"], abs=1e-6)
        assert se[5] == pytest.approx(ref["se_lnalpha"], rel=2e-4)
        assert s.e.matrices["b"].colnames[5] == "lnalpha:_cons"


def test_zip_header_test_and_vuong(do):
    printed, s = _fit(do, "zip y x1 x2, inflate(z1) vuong")
    ref = REF["zip"]
    chi2 = 2 * (ref["ll"] - ref["ll_0"])
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll_0"], abs=1e-7)
    assert s.e.scalars["chi2"] == pytest.approx(chi2, abs=1e-6)
    assert s.e.scalars["vuong"] == pytest.approx(ref["vuong"], rel=1e-6)
    assert "Fitting constant-only model:" in printed and "Fitting full model:" in printed
    assert f"LR chi2(2)      = {chi2:10.2f}" in printed
    assert "Vuong test of zip vs. standard Poisson:            z =     6.49  Pr>z = 0.0000" in printed
    assert s.e.scalars["N_zero"] == float((DATA.y == 0).sum())
    assert "Nonzero obs     =        122" in printed


def test_zinb_alpha_lr_test_and_vuong(do):
    printed, s = _fit(do, "zinb ynb x1 x2, inflate(z1) zip vuong")
    ref = REF["zinb"]
    chi2 = 2 * (ref["ll"] - ref["ll_zip"])
    assert s.e.scalars["ll_cp"] == pytest.approx(ref["ll_zip"], abs=1e-6)
    assert s.e.scalars["chi2_cp"] == pytest.approx(chi2, abs=1e-5)
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll_0"], abs=1e-6)
    assert s.e.scalars["vuong"] == pytest.approx(ref["vuong"], rel=1e-5)
    assert f"Likelihood-ratio test of alpha=0: chibar2(01) = {chi2:8.2f} Pr>=chibar2 =  0.0000" in printed
    assert "Vuong test of zinb vs. standard negative binomial: z =     1.84  Pr>z = 0.0332" in printed
    lines = printed.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("    /lnalpha |"))
    lnalpha = ref["lnalpha"]
    assert f"{lnalpha / ref['se_lnalpha']:.2f}" in lines[at]  # z shown
    alpha_line = lines[at + 2]
    assert alpha_line.startswith("       alpha |") and f"{np.exp(lnalpha):.6f}"[:8] in alpha_line
    assert "Fitting zip model:" in printed


@pytest.mark.parametrize("vce, key", [("vce(cluster cl)", "zip_cluster"), ("vce(robust)", "zip_robust")])
def test_sandwich_matches_estfun(do, vce, key):
    printed, s = _fit(do, f"zip y x1 x2, inflate(z1) {vce} nolog")
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se, _stata_order(REF[key]["se"]), rtol=2e-4)
    assert "Log pseudolikelihood = " in printed and "Wald chi2(2)" in printed
    assert "Inflation model      = logit" in printed
    assert s.e.macros["vcetype"] == "Robust"


def test_predictions_match_pscl(do):
    _, s = _fit(do, "quietly zip y x1 x2, inflate(z1)\npredict n\npredict p, pr\npredict p2, pr(2)\n"
                    "quietly zinb ynb x1 x2, inflate(z1)\npredict nb\npredict pb, pr\npredict pb2, pr(2)")
    df = s.data.df
    for var, key, stat in (("n", "zip", "n"), ("p", "zip", "pr"), ("p2", "zip", "pr2"),
                           ("nb", "zinb", "n"), ("pb", "zinb", "pr"), ("pb2", "zinb", "pr2")):
        np.testing.assert_allclose(df[var].to_numpy()[:5], REF[key][stat], rtol=1e-5)
    assert s.data.var_labels["p"] == "Pr(y=0)"
    assert s.data.var_labels["n"] == "Predicted number of events"


def test_predict_range_and_ir(do):
    _, s = _fit(do, "quietly zip y x1 x2, inflate(z1) exposure(t)\npredict a, pr(0,1)\npredict c0, pr(0)\n"
                    "predict c1, pr(1)\npredict ir, ir\npredict n\npredict p, pr")
    df = s.data.df
    np.testing.assert_allclose(df.a, df.c0 + df.c1, rtol=1e-6)
    np.testing.assert_allclose(df.n, df.ir * DATA.t, rtol=1e-6)
    mu = df.n / (1 - df.p)  # Pr(0) = p + (1 - p) exp(-mu)
    np.testing.assert_allclose(df.c0, df.p + (1 - df.p) * np.exp(-mu), rtol=1e-5)


# Stata 13's output of "zip count sex child inc, inflate(person) vuong" (a published log)
STATA_ZIP = """\
Zero-inflated Poisson regression                  Number of obs   =        250
                                                  Nonzero obs     =        108
                                                  Zero obs        =        142

Inflation model = logit                           LR chi2(3)      =     204.58
Log likelihood  = -1024.431                       Prob > chi2     =     0.0000

------------------------------------------------------------------------------
       count |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
count        |
         sex |   .6529134   .1003157     6.51   0.000     .4562981    .8495286
       child |  -.6915566      .1192    -5.80   0.000    -.9251843   -.4579288
         inc |   .0195758   .0042398     4.62   0.000      .011266    .0278857
       _cons |   .1367576   .3320234     0.41   0.680    -.5139963    .7875115
-------------+----------------------------------------------------------------
inflate      |
      person |   -.314848   .1059679    -2.97   0.003    -.5225413   -.1071546
       _cons |   .8881401   .3242491     2.74   0.006     .2526235    1.523657
------------------------------------------------------------------------------
Vuong test of zip vs. standard Poisson:            z =     3.79  Pr>z = 0.0001"""


def _row(line):
    from mlmcli.results.mixed import CoefRow

    name, rest = line.split("|")
    v = [float(x) for x in rest.split()]
    return CoefRow(name.strip(), *v)


def test_layout_matches_published_stata13_zip_log():
    """The renderer fed the published numbers draws the published text."""
    from mlmcli.render.zero_inflated import render_header, render_footer, render_table
    from mlmcli.results.censored_regression import ModelTest
    from mlmcli.results.zero_inflated import ZeroInflatedResult

    lines = STATA_ZIP.split("\n")
    count = tuple(_row(line) for line in lines[11:15])
    inflate = tuple(_row(line) for line in lines[17:19])
    r = ZeroInflatedResult(command="zip", title="Zero-inflated Poisson regression", depvar="count", nobs=250,
                           n_zero=142, inflation="logit", equations=(("count", count), ("inflate", inflate)),
                           offsets=("", ""), loglik=-1024.4312, test=ModelTest("LR", 204.58, 3, 1e-40),
                           vuong=3.79, vuong_p=7.53e-5)
    got = render_header(r) + ["", render_table(r)] + render_footer(r)
    assert "\n".join(got) == STATA_ZIP


def test_offset_rows_and_irr(do):
    printed, _ = _fit(do, "zip y x1 x2, inflate(z1, offset(x2)) exposure(t) irr nolog")
    lines = printed.split("\n")
    i = lines.index("       ln(t) |          1  (exposure)")
    assert lines[i + 1].startswith("-------------+") and lines[i + 2].startswith("inflate")
    assert "          x2 |          1  (offset)" in lines
    assert "           y |        IRR   Std. Err." in printed
    count_block = lines[lines.index("y            |") + 1:i]
    assert not any(line.startswith("       _cons") for line in count_block)


def test_fweights_count_as_observations(do):
    _, s = _fit(do, "zip y x1 x2 [fw=fw], inflate(z1) nolog")
    assert s.e.scalars["N"] == DATA.fw.sum()
    assert s.e.scalars["N_zero"] == DATA.fw[DATA.y == 0].sum()
    expanded = DATA.loc[DATA.index.repeat(DATA.fw.astype(int))].reset_index(drop=True)
    rc, _, s2 = do("zip y x1 x2, inflate(z1) nolog", expanded)
    np.testing.assert_allclose(s.e.matrices["b"].values, s2.e.matrices["b"].values, rtol=1e-7)
    np.testing.assert_allclose(s.e.matrices["V"].values, s2.e.matrices["V"].values, rtol=1e-6)


@pytest.mark.parametrize("text, message, rc", [
    ("zip y x1 x2", "option inflate() required", 198),
    ("replace y = -1 in 1/3\nzip y x1, inflate(z1)", "y<0 in 3 obs.", 459),
    ("replace y = 0\nzip y x1, inflate(z1)", "y never varies; always equal to zero", 459),
    ("zip y x1 [pw=fw], inflate(z1) vuong", "vuong may not be specified with pweights", 499),
    ("zip y x1, inflate(z1) vce(robust) vuong",
     "The Vuong statistic cannot be computed with constraints(), vce(cluster), or vce(robust)", 499),
    ("zip y x1 [aw=fw], inflate(z1)", "aweights not allowed", 101),
    ("zip y x1, inflate(z1) exposure(t) offset(x2)", "cannot specify both exposure() and offset()", 198),
    ("zinb y x1, inflate(z1)\nzip", "last estimates not found", 301),
])
def test_errors(do, text, message, rc):
    got, printed, s = do(text, DATA.copy())
    assert got == rc and message in printed


def test_no_zeros_note_and_inflate_cons(do):
    printed, s = _fit(do, "replace y = y + 1\nzip y x1, inflate(_cons) nolog")
    assert "(note: y never equal to zero; use poisson instead)" in printed
    assert s.e.matrices["b"].colnames == ("y:x1", "y:_cons", "inflate:_cons")


def test_replay_at_level(do):
    printed, s = _fit(do, "quietly zinb ynb x1 x2, inflate(z1)\nzinb, level(90)")
    assert "[90% Conf. Interval]" in printed
    assert "Fitting" not in printed
