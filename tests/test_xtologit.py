"""xtologit / xtoprobit: the numbers against an exact-integration fit in R
(tests/reference_values/xtologit_reference.R: integrate() over u_j, optim) and against
meologit's fit of the same model, Stata 13's xt layout (/cut# with z and P, /sigma2_u, the LR
test vs. ologit), e(), predict (pr, pu0, xb, stdp, outcome()), margins, replay and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

ROOT = Path(__file__).resolve().parents[1]
REFDIR = ROOT / "tests" / "reference_values"
REF = {r["command"]: r for r in json.loads((REFDIR / "xtologit_reference.json").read_text())}


def _wine() -> pd.DataFrame:
    return pd.read_csv(REFDIR / "xtologit_wine.csv").astype(float)


def _fit(do, text: str):
    rc, out, s = do("xtset judge\n" + text, _wine())
    assert rc == 0, out
    return out, s


@pytest.mark.parametrize("command", sorted(REF))
def test_matches_exact_integration_in_r(do, command):
    ref = REF[command]
    _, s = _fit(do, f"quietly {command}, intpoints(30)")
    e = s.e
    b = e.matrices["b"].values[0]
    se = np.sqrt(np.diag(e.matrices["V"].values))
    assert e.scalars["ll"] == pytest.approx(ref["loglik"], abs=1e-6)
    assert e.scalars["ll_c"] == pytest.approx(ref["ll_c"], abs=1e-6)
    np.testing.assert_allclose(b[:6], ref["b"], atol=2e-5)
    np.testing.assert_allclose(se[:6], ref["se"], rtol=2e-4)
    assert b[6] == pytest.approx(ref["sigma2_u"], rel=1e-4)
    assert se[6] == pytest.approx(ref["se_sigma2_u"], rel=1e-3)
    assert e.scalars["sigma2_u"] == b[6]
    # the default 12 points are already at the integral here
    _, s12 = _fit(do, f"quietly {command}")
    assert s12.e.scalars["ll"] == pytest.approx(ref["loglik"], abs=1e-5)


@pytest.mark.parametrize("xt, me", [("xtologit", "meologit"), ("xtoprobit", "meoprobit")])
def test_same_fit_as_meologit(do, xt, me):
    _, s = _fit(do, f"quietly {xt} rating warm yes\nestimates store xt\n"
                    f"quietly {me} rating warm yes || judge:, intpoints(12)")
    x, m = s.estimates["xt"], s.e
    assert x.matrices["b"].colnames == ("rating:warm", "rating:yes", "cut1:_cons", "cut2:_cons", "cut3:_cons",
                                        "cut4:_cons", "sigma2_u:_cons")
    assert m.matrices["b"].colnames[-1] == "var(_cons[judge]):_cons"
    np.testing.assert_allclose(x.matrices["b"].values, m.matrices["b"].values, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(x.matrices["V"].values, m.matrices["V"].values, rtol=1e-8, atol=1e-12)
    for key in ("ll", "ll_c", "chi2", "chi2_c", "p_c", "N", "k_cat", "n_quad"):
        assert x.scalars[key] == pytest.approx(m.scalars[key], rel=1e-12), key
    assert x.scalars["N_g"] == m.matrices["N_g"].values[0, 0] == 9  # (a scalar here, me's matrix)
    assert x.cmd == xt and x.macros["ivar"] == "judge" and x.macros["predict"] == f"{xt}_p"
    assert x.macros["intmethod"] == "mvaghermite" and x.macros["distrib"] == "Gaussian"
    assert list(x.matrices["cat"].values[0]) == [1, 2, 3, 4, 5]


def test_layout(do):
    out, s = _fit(do, "xtologit rating warm yes, nolog")
    lines = out.splitlines()
    k = lines.index("Random-effects ordered logistic regression      Number of obs      =        72")
    assert lines[k + 1] == "Group variable: judge                           Number of groups   =         9"
    assert lines[k + 3] == "Random effects u_i ~ Gaussian                   Obs per group: min =         8"
    assert lines[k + 7] == "Integration method: mvaghermite                 Integration points =        12"
    assert lines[k + 9] == "                                                Wald chi2(2)       =     31.57"
    assert lines[k + 10] == "Log likelihood  = -81.532461                    Prob > chi2        =    0.0000"
    table = lines[k + 12:]
    assert table[1] == "      rating |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    assert table[3].startswith("        warm |   3.061897")
    assert table[5] == "-------------+----------------------------------------------------------------"
    e = s.e
    b, V = e.matrices["b"].values[0], e.matrices["V"].values
    se1 = np.sqrt(V[2, 2])
    z = b[2] / se1
    assert table[6] == ("       /cut1 |" + f"{b[2]:11.6f}".replace("-0.", "-.") + f"{se1:11.7f}".replace(" 0.", "  .")
                        + f"{z:9.2f}" + f"{2 * stats.norm.sf(abs(z)):8.3f}" + table[6][53:])
    assert [ln[:14] for ln in table[6:13]] == ["       /cut1 |", "       /cut2 |", "       /cut3 |", "       /cut4 |",
                                               "-------------+", "   /sigma2_u |", "-" * 14]
    sig = table[11]
    assert sig[36:53] == " " * 17  # no z, no P
    v, sv = b[6], np.sqrt(V[6, 6])
    lo, hi = v * np.exp(-1.959964 * sv / v), v * np.exp(1.959964 * sv / v)
    assert float(sig[53:66]) == pytest.approx(lo, rel=1e-6) and float(sig[66:]) == pytest.approx(hi, rel=1e-6)
    chi2 = e.scalars["chi2_c"]
    assert table[13] == (f"LR test vs. ologit regression:   chibar2(01) = {chi2:8.2f} Prob>=chibar2 = "
                         f"{e.scalars['p_c']:6.4f}")
    assert e.scalars["p_c"] == pytest.approx(stats.chi2.sf(chi2, 1) / 2)


def test_probit_lr_line_and_odds_ratios_replay(do):
    out, s = _fit(do, "xtoprobit rating warm yes, nolog")
    assert "Random-effects ordered probit regression" in out
    assert "\nLR test vs. oprobit regression:  chibar2(01) = " in out
    out, s = _fit(do, "quietly xtologit rating warm yes\nxtologit, or level(90)")
    lines = out.splitlines()
    head = next(i for i, ln in enumerate(lines) if ln.startswith("      rating | Odds Ratio"))
    assert "[90% Conf. Interval]" in lines[head]
    b = s.e.matrices["b"].values[0]
    assert float(lines[head + 2][14:25]) == pytest.approx(np.exp(b[0]), rel=1e-6)
    cut1 = next(ln for ln in lines if ln.startswith("       /cut1 |"))
    assert float(cut1[14:25]) == pytest.approx(b[2], rel=1e-6)  # cutpoints stay as estimated
    sig = next(ln for ln in lines if ln.startswith("   /sigma2_u |"))
    sv = np.sqrt(s.e.matrices["V"].values[6, 6])
    assert float(sig[53:66]) == pytest.approx(b[6] * np.exp(-1.644854 * sv / b[6]), rel=1e-6)


def test_robust_drops_the_lr_test(do):
    out, s = _fit(do, "xtologit rating warm yes, vce(robust) nolog")
    assert "Log pseudolikelihood  = " in out and "(Std. Err. adjusted for 9 clusters in judge)" in out
    assert "LR test" not in out
    assert s.e.macros["vcetype"] == "Robust" and s.e.macros["vce"] == "robust"


def test_predict(do):
    out, s = _fit(do, "quietly xtologit rating warm yes\npredict double q*, pu0\npredict double p1\n"
                      "predict double p5, outcome(5)\npredict double pv, pr outcome(#2)\npredict double xb, xb\n"
                      "predict double sd, stdp\nmargins, predict(outcome(2))")
    assert "(option pr assumed; predicted probabilities)" in out
    df = s.data.df
    b = s.e.matrices["b"].values[0]
    xb = b[0] * df["warm"] + b[1] * df["yes"]
    np.testing.assert_allclose(df["xb"], xb, rtol=1e-10)
    cuts = np.r_[-np.inf, b[2:6], np.inf]
    for k in range(1, 6):
        want = special.expit(cuts[k] - xb) - special.expit(cuts[k - 1] - xb)
        np.testing.assert_allclose(df[f"q{k}"], want, rtol=1e-9, atol=1e-12)
    # pr: integrated over u ~ N(0, sigma2_u) (a fine grid here)
    u = np.linspace(-12, 12, 4001) * np.sqrt(b[6])
    w = stats.norm.pdf(u, scale=np.sqrt(b[6]))
    w /= w.sum()

    def integrated(k):
        x = np.asarray(xb)[:, None] + u[None, :]
        return ((special.expit(cuts[k] - x) - special.expit(cuts[k - 1] - x)) * w).sum(axis=1)
    # (the 12-point rule of the fit: within 1e-6 of the integral)
    np.testing.assert_allclose(df["p1"], integrated(1), atol=1e-6)
    np.testing.assert_allclose(df["p5"], integrated(5), atol=1e-6)
    np.testing.assert_allclose(df["pv"], integrated(2), atol=1e-6)
    assert s.data.var_labels["q2"] == "Pr(rating==2) assuming u_i=0"
    X = np.column_stack([df["warm"], df["yes"]])
    se = np.sqrt(np.einsum("ij,jk,ik->i", X, s.e.matrices["V"].values[:2, :2], X))
    np.testing.assert_allclose(df["sd"], se, rtol=1e-8, atol=1e-12)
    margin = next(ln for ln in out.splitlines() if ln.startswith("       _cons |"))
    assert float(margin[14:25]) == pytest.approx(df["q2"].mean(), rel=1e-6)


@pytest.mark.parametrize("text, rc, message", [
    ("xtologit rating warm [fw=judge]", 101, "weights not allowed"),
    ("xtologit rating warm, constraints(1)", 198, "option constraints() not supported by mlmcli with xtologit"),
    ("xtologit rating warm, vce(bootstrap)", 198, "option vce(bootstrap) not supported by mlmcli"),
    ("xtoprobit rating warm, startgrid", 198, "option startgrid() invalid: xtoprobit requires startgrid(numlist)"),
    ("xtologit rating warm, noconstant", 198, "option noconstant not allowed"),
    ("xtoprobit rating warm, or", 198, "option or not allowed"),
    ("xtologit rating warm, intmethod(laplace)", 198, "intmethod(laplace) invalid"),
    ("xtologit rating warm, intpoints(0)", 198, "intpoints()"),
    ("xtologit", 301, "last estimates not found"),
    ("xtologit rating warm, vce(oim)\nquietly meologit rating warm || judge:\nxtologit", 301,
     "last estimates not found"),
    ("quietly xtologit rating warm\npredict a b", 102, "you must specify 1 or 5 new variables"),
    ("quietly xtologit rating warm\npredict a, xb outcome(1)", 198, "option outcome() not allowed"),
    ("quietly xtologit rating warm\npredict a, outcome(9)", 303, "outcome(9) not found"),
])
def test_errors(do, text, rc, message):
    got, out, s = do("xtset judge\n" + text, _wine())
    assert got == rc and message in out, out


def test_panel_variable_required_and_data_unchanged(do):
    got, out, s = do("xtologit rating warm", _wine())
    assert got == 459 and "panel variable not set" in out
    assert list(s.data.df.columns) == ["judge", "rating", "warm", "yes"]


def test_offset_i_and_nodisplay(do):
    rc, out, s = do("generate off = 0.1*judge\nxtologit rating warm, i(judge) offset(off) nodisplay nolog\n"
                    "estimates store xt\npredict double a, xb\npredict double b, xb nooffset\n"
                    "quietly meologit rating warm, offset(off) || judge:, intpoints(12)", _wine())
    assert rc == 0, out
    assert "Random-effects" not in out and "LR test" not in out  # nodisplay: no header, no table
    x = s.estimates["xt"]
    assert x.macros["offset"] == "off" and x.macros["ivar"] == "judge"
    assert x.scalars["ll"] == pytest.approx(s.e.scalars["ll"], rel=1e-12)
    df = s.data.df
    np.testing.assert_allclose(df["a"] - df["b"], df["off"], atol=1e-12)


def test_degenerate_variance_shows_missing_limit(do):
    """sigma2_u at ~0 with a huge relative SE: the upper limit is missing, not an overflow."""
    rc, out, s = do("xtset judge\nxtologit rating warm in 1/3, nolog", _wine())
    assert rc == 0, out
    sig = next(ln for ln in out.splitlines() if ln.startswith("   /sigma2_u |"))
    assert sig.rstrip().endswith(" .")
