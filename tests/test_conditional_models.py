"""``clogit``, ``xtlogit, fe`` and ``xtpoisson, fe``: estimates, standard errors and log
likelihoods against R (survival::clogit with the exact conditional likelihood; Poisson
regression with group indicators, tests/reference_values/conditional_reference.R), the
dropped-group notes, predictions, ``or``/``irr`` and refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "conditional_reference.json").read_text())


@pytest.fixture
def df():
    return pd.read_csv(REF_DIR / "conditional_panels.csv").astype(float)


def _b_se(e):
    c = e.coefficients()
    keep = [i for i in range(len(c.names)) if c.V[i, i] > 0]
    return c.b[keep], np.sqrt(np.diag(c.V)[keep])


@pytest.mark.parametrize("command", ["clogit yb x1 x2 z, group(id)", "xtlogit yb x1 x2 z, fe i(id)"])
def test_conditional_logit(do, df, command):
    rc, out, s = do(command, df=df)
    assert rc == 0, out
    b, se = _b_se(s.e)
    np.testing.assert_allclose(b, REF["clogit"]["b"], rtol=1e-7)
    np.testing.assert_allclose(se, REF["clogit"]["se"], rtol=1e-6)
    np.testing.assert_allclose([s.e.scalars["ll"], s.e.scalars["ll_0"]], [REF["clogit"]["ll"], REF["clogit"]["ll_0"]],
                               rtol=1e-10)
    assert "note: z omitted because of no within-group variance." in out
    assert "dropped because of all positive or\n      all negative outcomes." in out
    # both in the depvar's equation: clogit.ado's `ml model (`depname': ...)`, xtlogit.ado's fe restripe
    assert s.e.matrices["b"].colnames == ("yb:x1", "yb:x2", "yb:o.z")


def test_conditional_poisson(do, df):
    rc, out, s = do("xtpoisson yc x1 x2, fe i(id)", df=df)
    assert rc == 0, out
    b, se = _b_se(s.e)
    np.testing.assert_allclose(b, REF["cpoisson"]["b"], rtol=1e-7)
    np.testing.assert_allclose(se, REF["cpoisson"]["se"], rtol=1e-6)
    np.testing.assert_allclose(s.e.scalars["ll"], REF["cpoisson"]["ll"], rtol=1e-10)
    assert "Conditional fixed-effects Poisson regression" in out and "Wald chi2(2)" in out


def test_headers_eform_and_replay(do, df):
    rc, out, s = do("clogit yb x1 x2, group(id) or nolog\nxtlogit yb x1 x2, fe i(id) nolog\nxtlogit, or", df=df)
    assert rc == 0, out
    lines = out.splitlines()
    head = [ln for ln in lines if ln.startswith("Conditional (fixed-effects) logistic regression")][0]
    assert head.startswith("Conditional (fixed-effects) logistic regression   Number of obs   =")
    assert any(ln.startswith("Log likelihood = ") and "Pseudo R2       =" in ln for ln in lines)
    assert "          yb | Odds Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]" in out
    assert "Group variable: id                              Number of groups   =" in out
    assert np.isclose(np.exp(s.e.coefficients().b[0]), float([ln for ln in lines if ln.strip().startswith("x1 |")][-1]
                                                             .split("|")[1].split()[0]), rtol=1e-6)


def test_predictions(do, df):
    rc, out, s = do("quietly clogit yb x1 x2, group(id)\npredict p, pc1\npredict q, pu0\npredict xb, xb", df=df)
    assert rc == 0, out
    d = s.data.df
    e = np.exp(d.xb)
    ok = s.e.sample
    np.testing.assert_allclose(d.p[ok], (e / e.groupby(d.id).transform("sum"))[ok], rtol=1e-6)
    np.testing.assert_allclose(d.q, e / (1 + e), rtol=1e-6)


@pytest.mark.parametrize("text,rc,message", [
    ("clogit yb x1", 198, "group() required"),
    ("xtlogit yb x1, re irr i(id)", 198, "option irr not allowed"),  # re: tests/test_xt_random_intercept.py
    ("xtpoisson yc x1, re i(id) or", 198, "option or not allowed"),
    ("xtpoisson yc x1, pa fe i(id)", 198, "options fe and pa may not be combined"),
    ("xtlogit yb x1, fe irr i(id)", 198, "option irr not allowed"),
    ("xtlogit yb x1, fe", 459, "panel variable not set"),
])
def test_refusals(do, df, text, rc, message):
    got, out, _ = do(text, df=df)
    assert got == rc and message in out, out


XT_ROBUST = json.loads((REF_DIR / "xtpoisson_fe_robust.json").read_text())


@pytest.mark.parametrize("option", ["vce(robust)", "vce(r)", "robust", "vce(robust) robust", "rob vce(rob)"])
def test_xtpoisson_fe_robust_is_wooldridges_variance(do, df, option):
    """[XT] xtpoisson: vce(robust) with fe; xtpoisson.ado's XTPOISSON_FE_ROBUST (_robust by panel,
    minus(0)); R: the formula and sandwich::vcovCL (xtpoisson_fe_robust.R)."""
    rc, out, s = do(f"xtpoisson yc x1 x2, fe i(id) {option}", df=df)
    assert rc == 0, out
    b, se = _b_se(s.e)
    np.testing.assert_allclose(b, XT_ROBUST["b"], rtol=1e-7)
    np.testing.assert_allclose(se, XT_ROBUST["se"], rtol=1e-6)
    np.testing.assert_allclose(s.e.scalars["chi2"], XT_ROBUST["chi2"], rtol=1e-6)
    assert s.e.macros["vce"] == "robust" and s.e.macros["vcetype"] == "Robust"
    assert "clustvar" not in s.e.macros and "N_clust" not in s.e.scalars
    lines = out.splitlines()
    assert any(ln.startswith("Iteration 0:   log pseudolikelihood = ") for ln in lines)
    assert any(ln.startswith("Log pseudolikelihood = ") for ln in lines)
    assert "             |               Robust" in lines and "adjusted for" not in out


def test_xtpoisson_fe_vce_oim_with_robust_is_oim(do, df):
    """_vce_parse (Stata 16's 1.0.3) takes robust with vce(oim): r(vce) is oim and r(robust),
    which xtpoisson.ado's fe path keeps, empty -- the OIM fit."""
    rc, out, s = do("xtpoisson yc x1 x2, fe i(id)", df=df)
    assert rc == 0, out
    b, V = s.e.matrices["b"].values.copy(), s.e.matrices["V"].values.copy()
    rc, out, s = do("xtpoisson yc x1 x2, fe i(id) robust vce(oim)", df=df)
    assert rc == 0 and s.e.macros["vce"] == "oim" and "Robust" not in out, out
    np.testing.assert_array_equal(s.e.matrices["V"].values, V)
    np.testing.assert_array_equal(s.e.matrices["b"].values, b)


def test_xtpoisson_fe_cluster_is_stata_s_refusal(do, df):
    # xtpoisson.ado's fe path: _vce_parse, opt(OIM Robust) old (no argopt(Cluster)), Stata 12's and 16's
    rc, out, _ = do("xtpoisson yc x1 x2, fe i(id) cluster(id)", df=df)
    assert rc == 198 and "option cluster() not allowed" in out


@pytest.mark.parametrize("command, kind", [("xtlogit yb x1, re i(id) vce(jackknife)", "jackknife"),
                                           ("xtprobit yb x1, re i(id) vce(jack)", "jackknife"),
                                           ("xtpoisson yc x1, re i(id) vce(bootstrap, reps(5))", "bootstrap"),
                                           ("xtpoisson yc x1, re normal i(id) vce(jackknife)", "jackknife")])
def test_xt_random_effects_replicates_run(do, df, command, kind):
    """Stata allows vce(bootstrap|jackknife) here (_vce_parserun, whole panels); the numbers are
    checked against R in tests/test_xt_re_replicates.py."""
    rc, out, s = do(command, df=df)
    assert rc == 0, out
    assert s.e.macros["vce"] == kind and s.e.scalars["N_reps"] >= 2
