"""gllamm and gllapred: numbers against an independent R implementation of gllamm's integration
rules (tests/reference_values/gllamm_reference.R -> gllamm_reference.json, on the repo's hsb.dta),
gllamm's output layout, e() for the estimates commands, weights, gllapred, and the errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests" / "reference_values" / "gllamm_reference.json").read_text())
HSB40 = (f'use "{ROOT / "samples" / "data" / "hsb.dta"}", clear\n'
         "egen sid = group(school)\nkeep if sid <= 40\ngen hi = mathach > 13\n")


@pytest.fixture(scope="module")
def logit_adapt(new_session, run):
    s = new_session()
    out, rc = run(s, HSB40 + "gllamm hi ses female, i(school) link(logit) family(binomial) adapt")
    assert rc == 0, out
    return s, out


def _b_se(session):
    e = session.e
    b = e.matrices["b"]
    return list(b.colnames), np.asarray(b.values[0]), np.sqrt(np.diag(e.matrices["V"].values))


def _check(session, ref, se_rel=2e-4):
    names, b, se = _b_se(session)
    assert names == ref["names"]
    assert session.e.scalars["ll"] == pytest.approx(ref["ll"], abs=2e-6)
    np.testing.assert_allclose(b, ref["b"], rtol=2e-5, atol=2e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=se_rel)


# ---------------------------------------------------------------- numbers
def test_adaptive_quadrature_matches_reference(logit_adapt):
    s, _ = logit_adapt
    _check(s, REF["logit_adapt8"])
    # and lme4's fit at 25 adaptive points: 8 points are already close to the integral
    assert s.e.scalars["ll"] == pytest.approx(REF["logit_glmer_nAGQ25"]["ll"], abs=1e-4)


@pytest.mark.parametrize("key, setup", [
    ("logit_ghermite8", ""),
    ("poisson_adapt12", "gen cnt = floor(max(mathach, 0) / 3)\n"),
    ("binomial_denom_adapt8", "collapse (sum) r=hi (count) n=hi, by(school female)\n"),
])
def test_other_models_match_reference(new_session, run, key, setup):
    s = new_session()
    ref = REF[key]
    out, rc = run(s, HSB40 + setup + ref["command"] + " nolog")
    assert rc == 0, out
    _check(s, ref)


def test_gllapred_matches_reference(logit_adapt, run):
    s, _ = logit_adapt
    ref = REF["logit_adapt8"]
    out, rc = run(s, "gllapred cmu, mu\ngllapred mumarg, mu marginal\ngllapred lat, u\ngllapred xb, xb\n"
                     "gllapred lp, linpred")
    assert rc == 0, out
    assert "(mu will be stored in cmu)" in out
    assert "(means and standard deviations will be stored in latm1 lats1)" in out
    d = s.data
    rows = np.asarray(ref["rows"]) - 1
    np.testing.assert_allclose(d.numeric("cmu")[rows], ref["mu"], rtol=1e-5)
    np.testing.assert_allclose(d.numeric("mumarg")[rows], ref["mu_marginal"], rtol=1e-5)
    first = np.unique(d.numeric("school"), return_index=True)[1][:5]
    np.testing.assert_allclose(d.numeric("latm1")[first], ref["post_mean_schools"], atol=2e-5)
    np.testing.assert_allclose(d.numeric("lats1")[first], ref["post_sd_schools"], atol=2e-5)
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    xb = b["hi:ses"] * d.numeric("ses") + b["hi:female"] * d.numeric("female") + b["hi:_cons"]
    np.testing.assert_allclose(d.numeric("xb"), xb, rtol=1e-12)
    np.testing.assert_allclose(d.numeric("lp"), xb + d.numeric("latm1"), rtol=1e-10)


def test_random_slope_gaussian_matches_lmer(new_session, run):
    """Adaptive quadrature is exact for a Gaussian response (at any number of points: the
    posterior is normal): gllamm's estimates are lmer's ML.  nip(3) keeps the test fast."""
    ref = REF["gaussian_slope_adapt"]
    s = new_session()
    out, rc = run(s, HSB40 + "gen cons = 1\neq inter: cons\neq slope: ses\n" + ref["command"] + " nip(3) nolog")
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-5)
    names, b, _ = _b_se(s)
    assert names == ["mathach:ses", "mathach:female", "mathach:_cons", "lns1:_cons", "sch1_1:cons",
                     "sch1_2:ses", "sch1_2_1:_cons"]
    np.testing.assert_allclose(b[:3], ref["b"], rtol=1e-5)
    L = np.array([[b[4], 0], [b[6], b[5]]])  # Cholesky factor: diag first, then off-diagonal
    S = L @ L.T
    np.testing.assert_allclose([S[0, 0], S[1, 0], S[1, 1]], [ref["var1"], ref["cov21"], ref["var2"]], rtol=1e-4, atol=1e-4)
    assert np.exp(2 * b[3]) == pytest.approx(ref["level1_var"], rel=1e-6)
    assert "    var(1): 5.021" in out and "cor(2,1): " in out and "    var(2): .9799" in out
    assert "Variance at level 1" in out


# ---------------------------------------------------------------- layout
def test_output_layout(logit_adapt):
    _, out = logit_adapt
    body = out[out.index("number of level 1 units"):]
    lines = body.split("\n")
    assert lines[:10] == ["number of level 1 units = 1785", "number of level 2 units = 40", "",
                          f"Condition Number = {lines[3].split('= ')[1]}", "", "gllamm model", "",
                          "log likelihood = -1098.3404", "", "-" * 78]
    assert lines[10] == "          hi |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    tail = body[body.index("Variances and covariances"):].split("\n")
    assert tail[:6] == ["Variances and covariances of random effects", "-" * 78, "", "",
                        "***level 2 (school)", ""]
    assert tail[6].startswith("    var(1): .440343")
    assert tail[7:10] == ["-" * 78, "", ""]
    # the adaptive loop, then Newton-Raphson
    assert "Running adaptive quadrature" in out
    assert "Adaptive quadrature has converged, running Newton-Raphson" in out


def test_replay_and_eform(logit_adapt, run):
    s, _ = logit_adapt
    out, rc = run(s, "gllamm, eform")
    assert rc == 0, out
    assert "exp(b)" in out and "gllamm model" in out
    row = next(ln for ln in out.split("\n") if ln.strip().startswith("ses |"))
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    assert float(row.split("|")[1].split()[0]) == pytest.approx(np.exp(b["hi:ses"]), rel=1e-6)
    out, rc = run(s, "gllamm, level(90)")
    assert rc == 0 and "[90% Conf. Interval]" in out


# ---------------------------------------------------------------- e() and the estimates commands
def test_e_results_work_with_estimates_test_lincom(new_session, run):
    s = new_session()
    out, rc = run(s, HSB40 + "gllamm hi ses female, i(school) link(logit) family(binomial) adapt nolog\n"
                  "estimates store full\n"
                  "gllamm hi ses, i(school) link(logit) family(binomial) adapt nolog\nestimates store small\n"
                  "lrtest full small\nestimates table full small, se\nestimates restore full\n"
                  "test female\nlincom ses + female\ndisplay _b[female] / _se[female]\n"
                  "display _b[scho1:_cons]^2\n")
    assert rc == 0, out
    e = s.e
    assert e.cmd == "gllamm" and e.macros["predict"] == "gllapred"
    assert e.scalars["N"] == 1785 and e.scalars["k"] == 4 and e.scalars["tplv"] == 2
    assert list(e.matrices["nu"].values[0]) == [1785, 40]
    assert "LR chi2(1)" in out
    assert "scho1" in out  # estimates table shows gllamm's equations
    assert e.macros["famil"] == "binom" and e.macros["link"] == "logit" and e.macros["clus"] == "school"


# ---------------------------------------------------------------- weights
def _weighted_data():
    rng = np.random.default_rng(5)
    g = np.repeat(np.arange(1, 31), 6)
    x = rng.integers(0, 2, g.size).astype(float)
    y = (rng.random(g.size) < 1 / (1 + np.exp(-(-0.4 + 0.8 * x + rng.normal(0, 1, 31)[g])))).astype(float)
    return pd.DataFrame({"school": g, "x": x, "y": y})


def test_level1_weights_equal_expanded_data(new_session, run):
    """weight(wt): wt1 are frequency weights -- the fit on collapsed data is the fit on the rows."""
    df = _weighted_data()
    full = new_session(df)
    out, rc = run(full, "gllamm y x, i(school) family(binomial) adapt nolog nodisplay")
    assert rc == 0, out
    collapsed = df.groupby(["school", "x", "y"]).size().rename("wt1").reset_index()
    s = new_session(collapsed)
    out, rc = run(s, "gllamm y x, i(school) family(binomial) weight(wt) adapt nolog")
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(full.e.scalars["ll"], abs=1e-7)
    np.testing.assert_allclose(s.e.matrices["b"].values, full.e.matrices["b"].values, rtol=1e-5)
    assert "number of level 1 units = 180" in out  # the weighted count, as gllamm prints it
    assert s.e.scalars["N"] == 180


def test_level2_weights_equal_duplicated_clusters(new_session, run):
    df = _weighted_data()
    dup = pd.concat([df, df.assign(school=df.school + 100)], ignore_index=True)
    twice = new_session(dup)
    out, rc = run(twice, "gllamm y x, i(school) family(binomial) adapt nolog nodisplay")
    assert rc == 0, out
    s = new_session(df.assign(w2=2.0))
    out, rc = run(s, "gllamm y x, i(school) family(binomial) weight(w) adapt nolog")
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(twice.e.scalars["ll"], abs=1e-6)
    np.testing.assert_allclose(s.e.matrices["b"].values, twice.e.matrices["b"].values, rtol=1e-5)
    assert "number of level 2 units = 60" in out and "number of level 1 units = 360" in out


# ---------------------------------------------------------------- three levels, fsample
def test_three_levels_and_u(new_session, run):
    rng = np.random.default_rng(3)
    school = np.repeat(np.arange(1, 16), 12)
    cls = np.repeat(np.arange(1, 46), 4)
    x = rng.normal(size=school.size)
    eta = 0.3 * x + rng.normal(0, 0.8, 16)[school] + rng.normal(0, 0.5, 46)[cls]
    y = rng.poisson(np.exp(0.2 + eta))
    s = new_session(pd.DataFrame({"school": school, "cls": cls, "x": x, "y": y.astype(float)}))
    out, rc = run(s, "gllamm y x, i(cls school) family(poisson) adapt nolog\ngllapred re, u")
    assert rc == 0, out
    assert "number of level 2 units = 45" in out and "number of level 3 units = 15" in out
    assert "***level 2 (cls)" in out and "***level 3 (school)" in out
    assert out.index("***level 2 (cls)") < out.index("***level 3 (school)")
    assert list(s.e.matrices["b"].colnames)[-2:] == ["cls1:_cons", "scho2:_cons"]
    assert {"rem1", "rem2", "res1", "res2"} <= set(s.data.varnames)


def test_fsample_predicts_filled_rows(new_session, run):
    df = _weighted_data()
    df.loc[df.index % 6 == 5, "y"] = np.nan  # rows without a response (as after fillin)
    s = new_session(df)
    out, rc = run(s, "gllamm y x, i(school) family(binomial) adapt nolog nodisplay\n"
                     "gllapred m1, mu\ngllapred m2, mu fsample")
    assert rc == 0, out
    m1, m2 = s.data.numeric("m1"), s.data.numeric("m2")
    miss = np.isnan(df["y"].to_numpy())
    assert np.all(np.isnan(m1[miss])) and np.all(np.isfinite(m2))
    np.testing.assert_allclose(m1[~miss], m2[~miss])


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize("line, rc, message", [
    ("gllamm hi ses", 198, "i() required"),
    ("gllamm hi ses, i(school) family(gamma)", 198, "family(gamma) not available"),
    ("gllamm hi ses, i(school) family(bogus)", 198, "unknown family() bogus"),
    ("gllamm hi ses, i(school) link(mlogit)", 198, "link(mlogit) without expanded() not available"),
    ("gllamm hi ses, i(school) robust", 198, "robust standard errors not available"),
    ("gllamm hi ses, i(school) trace", 198, "option trace not available"),
    ("gllamm hi ses, i(school) from(b) copy", 111, "matrix b not found"),  # from(): test_gllamm_from.py
    ("gllamm hi ses, i(school) copy", 198, "copy and skip need from()"),
    ("gllamm hi ses, i(school) nrf(1 1)", 198, "option nrf() does not contain 1 argument(s)"),
    ("gllamm hi ses, i(school) nrf(2)", 198, "eqs() option required"),
    ("gllamm hi ses, i(school) nrf(2) eqs(a b)", 111, "equation a not found"),
    ("gllamm hi ses [fw=sid], i(school)", 101, "weights not allowed"),
    ("gllamm hi ses, i(school) weight(nosuch)", 111, "weight variables nosuch not found"),
    ("gllamm hi i.female, i(school)", 101, "factor-variable"),
    ("gllamm hi ses, i(nosuch)", 111, "variable nosuch not found"),
    ("gllamm hi ses, i(school) bogus", 198, "option bogus not allowed"),
    ("gllamm", 301, "gllamm was not the last command"),
    ("gllapred m, mu", 301, "gllamm was not the last command"),
])
def test_errors(new_session, run, line, rc, message):
    s = new_session()
    out, code = run(s, HSB40)
    assert code == 0, out
    before = list(s.data.varnames)
    out, code = run(s, line)
    assert code == rc, out
    assert message in out
    assert list(s.data.varnames) == before


def test_gllapred_errors(logit_adapt, run):
    s, _ = logit_adapt
    for line, rc, message in [("gllapred q", 198, "exactly one of xb, u, linpred, mu or ll"),
                              ("gllapred q, mu xb", 198, "may not be combined"),
                              ("gllapred q, pearson", 198, "option pearson not available"),
                              ("gllapred q, xb marginal", 198, "marginal is available with mu only"),
                              ("gllapred ses, xb", 110, "already defined")]:
        out, code = run(s, line)
        assert code == rc, (line, out)
        assert message in out, (line, out)


def test_ordinal_link_matches_meologit(new_session, run):
    """link(ologit): the thresholds are gllamm's _cut11, _cut12 ... equations; same model as
    meologit at the same adaptive rule."""
    s = new_session()
    setup = HSB40 + "gen ord4 = 1 + (mathach > 7) + (mathach > 13) + (mathach > 18)\n"
    out, rc = run(s, setup + "meologit ord4 ses || school:, intpoints(8)")
    assert rc == 0, out
    me_b = s.e.matrices["b"].values[0]
    me_ll = s.e.scalars["ll"]
    out, rc = run(s, "gllamm ord4 ses, i(school) link(ologit) adapt nolog")
    assert rc == 0, out
    names, b, _ = _b_se(s)
    assert names == ["ord4:ses", "_cut11:_cons", "_cut12:_cons", "_cut13:_cons", "scho1:_cons"]
    assert s.e.scalars["ll"] == pytest.approx(me_ll, abs=1e-6)
    np.testing.assert_allclose(b[:4], me_b[:4], rtol=1e-5, atol=1e-6)
    assert b[4] ** 2 == pytest.approx(me_b[4], rel=1e-5)
    assert "_cut11       |" in out and s.e.macros["linko"] == "ologit"


def test_predict_after_gllamm_is_gllapred(logit_adapt, run):
    s, _ = logit_adapt
    out, rc = run(s, "predict pxb, xb\ngllapred gxb, xb\npredict pu, u\nestimates replay")
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("pxb"), s.data.numeric("gxb"))
    assert "pum1" in s.data.varnames and "gllamm model" in out


def test_gllapred_if_restricts_rows(logit_adapt, run):
    s, _ = logit_adapt
    out, rc = run(s, "gllapred sub if female == 1, mu")
    assert rc == 0, out
    female = s.data.numeric("female") == 1
    v = s.data.numeric("sub")
    assert np.all(np.isfinite(v[female])) and np.all(np.isnan(v[~female]))
