"""The me commands' options through the interpreter, checked against identities:
``meglm, family(gaussian)`` is ``mixed``'s ML fit; ``exposure(e)`` is ``offset(ln e)``;
``binomial(#)`` with # = 1 is the Bernoulli model; ``fixedonly`` predictions are g^-1(xb);
``ebmodes`` differ from ``ebmeans`` only through the posterior; ``or`` exponentiates."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    g = np.repeat(np.arange(1, 26), 8)
    x = rng.normal(size=g.size)
    u = rng.normal(0, 0.7, 25)[g - 1]
    expo = rng.uniform(0.5, 3, g.size)
    return pd.DataFrame({
        "g": g, "x": x, "expo": expo, "lnexpo": np.log(expo),
        "y": (rng.random(g.size) < 1 / (1 + np.exp(-(0.2 + 0.8 * x + u)))).astype(float),
        "cnt": rng.poisson(expo * np.exp(0.1 + 0.5 * x + u)).astype(float),
        "cont": 1 + 0.5 * x + u + rng.normal(size=g.size)})


def _e(do, data, text):
    rc, out, session = do(text, data.copy())
    assert rc == 0, out
    return session.e, out, session


def test_meglm_gaussian_is_mixed_ml(do, data):
    me, out, _ = _e(do, data, "meglm cont x || g:, nolog")
    mx, _, _ = _e(do, data, "mixed cont x || g:, mle nolog")
    assert me.scalars["ll"] == pytest.approx(mx.scalars["ll"], rel=1e-8)
    r_me, r_mx = me.result, mx.result
    # SEs: meglm inverts the full observed Hessian (beta and variances jointly), mixed the
    # beta block (X'V^-1X)^-1; they differ by the beta-variance cross terms, here ~0.2%
    for a, b in zip(r_me.fixed, r_mx.fixed):
        assert a.coef == pytest.approx(b.coef, rel=1e-6) and a.se == pytest.approx(b.se, rel=1e-2)
    assert r_me.random["variance"][0].rows[0].estimate == pytest.approx(
        r_mx.random["variance"][0].rows[0].estimate, rel=1e-5)
    assert r_me.residual.estimate == pytest.approx(r_mx.residual["variance"].estimate, rel=1e-5)
    assert "var(e.cont)|" in out and "/lnsigma" not in out


def test_exposure_is_offset_of_its_log(do, data):
    a, out, _ = _e(do, data, "mepoisson cnt x, exposure(expo) || g:, nolog")
    b, _, _ = _e(do, data, "mepoisson cnt x, offset(lnexpo) || g:, nolog")
    assert a.scalars["ll"] == pytest.approx(b.scalars["ll"], rel=1e-10)
    np.testing.assert_allclose(a.matrices["b"].values, b.matrices["b"].values, rtol=1e-7)
    assert a.macros["offset"] == "ln(expo)" and b.macros["offset"] == "lnexpo"


def test_binomial_one_is_bernoulli(do, data):
    a, _, _ = _e(do, data, "melogit y x || g:, nolog")
    b, _, _ = _e(do, data, "melogit y x || g:, binomial(1) nolog")
    assert a.scalars["ll"] == pytest.approx(b.scalars["ll"], rel=1e-10)


def test_predictions_fixedonly_modes_and_means(do, data, run):
    e, _, session = _e(do, data, "melogit y x || g:, nolog")
    out, rc = run(session, "predict double xb, xb\npredict double m0, mu fixedonly\n"
                           "predict double mm, mu\npredict double md, mu modes\n"
                           "predict double eta, eta\npredict double r1, reffects\n"
                           "predict double r2, reffects ebmodes")
    assert rc == 0, out
    df = session.data.df
    np.testing.assert_allclose(df["m0"], 1 / (1 + np.exp(-df["xb"])), rtol=1e-12)
    np.testing.assert_allclose(df["eta"], df["xb"] + df["r1"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(df["md"], 1 / (1 + np.exp(-(df["xb"] + df["r2"]))), rtol=1e-10)
    assert not np.allclose(df["r1"], df["r2"]) and np.corrcoef(df["r1"], df["r2"])[0, 1] > 0.99
    assert session.data.var_labels["r2"] == "empirical Bayes' modes for _cons[g]"


def test_odds_ratios_and_stored_results(do, data):
    e, out, _ = _e(do, data, "melogit y x || g:, or nolog")
    b = e.matrices["b"]
    assert b.colnames[:2] == ("y:x", "y:_cons") and b.colnames[-1] == "var(_cons[g]):_cons"
    row = next(ln for ln in out.split("\n") if ln.startswith("           x |"))
    assert float(row.split("|")[1].split()[0]) == pytest.approx(np.exp(b.values[0, 0]), rel=5e-7)
    assert e.macros["cmd"] == "melogit" and e.macros["predict"] == "meglm_p"
    assert e.scalars["N"] == 200 and e.matrices["N_g"].values[0, 0] == 25
    assert e.sample.all()
