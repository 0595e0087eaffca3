"""``meglm depvar ... || id:, family(gamma) [link(log)]``: the gamma conditional density with
Stata's ancillary ``logs`` (ln of the scale s; y | u ~ Gamma(shape 1/s, scale s mu)), by
adaptive quadrature and Laplace, against R (me_reference/gamma.R writes gamma.json: the same
marginal likelihood integrated by adaptive Gauss-Hermite quadrature written in R with R's
dgamma, maximised by optim; OIM standard errors from optimHess)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.glm.family import Family

HERE = Path(__file__).parent / "me_reference"
R = json.loads((HERE / "gamma.json").read_text())


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(HERE / "me_gamma.csv").astype(float)


def _b_se(session):
    b = np.asarray(session.e.matrices["b"].values).ravel()
    return b, np.sqrt(np.diag(np.asarray(session.e.matrices["V"].values)))


@pytest.mark.parametrize("options, key", [("intpoints(30)", "agq30"), ("intmethod(laplace)", "laplace")])
def test_estimates_standard_errors_and_loglik_match_r(do, data, options, key):
    rc, out, s = do(f"meglm y x || id:, family(gamma) link(log) {options} nolog", data)
    assert rc == 0, out
    b, se = _b_se(s)
    ref = R[key]
    assert list(s.e.matrices["b"].colnames) == R["names"]
    np.testing.assert_allclose(b, ref["b"], rtol=2e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-6)
    assert s.e.scalars["ll_c"] == pytest.approx(R["ll_c"], abs=1e-6)


def test_default_seven_points_is_close_to_the_integral(do, data):
    rc, out, s = do("meglm y x || id:, family(gamma) nolog", data)
    assert rc == 0, out
    b, _ = _b_se(s)
    np.testing.assert_allclose(b, R["agq30"]["b"], rtol=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(R["agq30"]["ll"], abs=1e-3)


AGQ30_TABLE = """
Mixed-effects GLM                               Number of obs      =       194
Family:                   gamma
Link:                       log
Group variable:              id                 Number of groups   =        40

                                                Obs per group: min =         2
                                                               avg =       4.8
                                                               max =         8

Integration method: mvaghermite                 Integration points =        30

                                                Wald chi2(1)       =     78.36
Log likelihood = -389.52962                     Prob > chi2        =    0.0000
------------------------------------------------------------------------------
           y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
           x |   .5011371   .0566118     8.85   0.000     .3901799    .6120942
       _cons |    1.08672   .1136037     9.57   0.000     .8640603    1.309379
-------------+----------------------------------------------------------------
       /logs |  -.9000676   .1056309                       -1.1071   -.6930349
-------------+----------------------------------------------------------------
id           |
   var(_cons)|   .4170323   .1155408                      .2422927    .7177928
------------------------------------------------------------------------------
LR test vs. gamma regression: chibar2(01) =    68.41 Prob>=chibar2 = 0.0000
"""


def _lines(text):
    return [ln.rstrip() for ln in text.strip("\n").split("\n")]


def test_output_header_rows_and_lr_line(do, data):
    """The R values printed the way Stata prints them (x .5011371 = R's 0.50113707; _cons
    1.08672; logs -.9000676; var .4170323; ll -389.52962; their SEs to the digits shown)."""
    rc, out, s = do("meglm y x || id:, family(gamma) intpoints(30) nolog", data)
    assert rc == 0, out
    got, want = _lines(out), _lines(AGQ30_TABLE)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if w.startswith("   var(_cons)|"):
            # R's upper limit is .71779276: at the rounding edge, so one digit either way
            assert g[:-1] == w[:-1] and g[-1] in "78", g
        else:
            assert g == w
    ref = R["agq30"]
    assert f"{ref['b'][0]:.7f}".lstrip("0") == ".5011371"
    assert f"{ref['b'][2]:.7f}" == "-0.9000676"
    assert f"{ref['b'][3]:.7f}".lstrip("0") == ".4170323"


def test_stored_results(do, data):
    rc, out, s = do("meglm y x || id:, family(gamma) intmethod(laplace) nolog", data)
    assert rc == 0, out
    m = s.e.macros
    assert (m["cmd"], m["family"], m["link"], m["model"], m["intmethod"]) == (
        "meglm", "gamma", "log", "gamma", "laplace")
    assert m["title"] == "Mixed-effects GLM"
    assert list(s.e.matrices["b"].colnames) == R["names"]
    assert s.e.scalars["N"] == 194 and s.e.scalars["k"] == 4


def test_predictions(do, data):
    rc, out, s = do("meglm y x || id:, family(gamma) nolog\npredict mu1\npredict mu0, mu fixedonly\n"
                    "predict xb1, xb\npredict eta1, eta\npredict re1, reffects\n"
                    "predict pr1, pearson\npredict dv1, deviance\npredict an1, anscombe", data)
    assert rc == 0, out
    d = s.data.df
    b = np.asarray(s.e.matrices["b"].values).ravel()
    y, x = d["y"].to_numpy(), d["x"].to_numpy()
    np.testing.assert_allclose(d["xb1"], b[1] + b[0] * x, rtol=1e-6)
    np.testing.assert_allclose(d["eta1"], d["xb1"] + d["re1"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(d["mu1"], np.exp(d["eta1"]), rtol=1e-6)
    np.testing.assert_allclose(d["mu0"], np.exp(d["xb1"]), rtol=1e-6)
    mu = d["mu1"].to_numpy()
    np.testing.assert_allclose(d["pr1"], (y - mu) / mu, rtol=1e-5, atol=1e-7)
    dev = 2 * ((y - mu) / mu - np.log(y / mu))
    np.testing.assert_allclose(d["dv1"], np.sign(y - mu) * np.sqrt(dev), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(d["an1"], 3 * (np.cbrt(y) - np.cbrt(mu)) / np.cbrt(mu), rtol=1e-5, atol=1e-7)
    # one random effect per group
    assert d.groupby("id")["re1"].nunique().max() == 1


@pytest.mark.parametrize("text, rc_want, message", [
    ("replace y = 0 in 1\nmeglm y x || id:, family(gamma)", 459, "y must be greater than zero"),
    ("meglm y x || id:, family(gamma) link(logit)", 198, "link logit not allowed with family gamma"),
    ("meglm y x || id:, family(gamma) link(identity)", 198, "link identity not allowed with family gamma"),
    ("meglm y x || id:, family(gamma) exposure(x)", 198, "option exposure() not allowed"),
])
def test_bad_input(do, data, text, rc_want, message):
    rc, out, s = do(text, data)
    assert rc == rc_want and message in out, out


def test_family_derivatives_match_differences():
    rng = np.random.default_rng(3)
    y = rng.gamma(2.0, 1.5, 50)
    eta = rng.normal(1, 0.5, 50)
    fam = Family("gamma", "log", y)
    logs = np.array([-0.7])
    h = 1e-5
    d1, d2, d3 = fam.derivs(eta, logs, 3)
    np.testing.assert_allclose(d1, (fam.logf(eta + h, logs) - fam.logf(eta - h, logs)) / (2 * h), rtol=1e-6)
    np.testing.assert_allclose(d2, (fam.derivs(eta + h, logs, 1)[0] - fam.derivs(eta - h, logs, 1)[0]) / (2 * h),
                               rtol=1e-6)
    np.testing.assert_allclose(d3, (fam.derivs(eta + h, logs, 2)[1] - fam.derivs(eta - h, logs, 2)[1]) / (2 * h),
                               rtol=1e-6)
    (_, da), = fam.dlogf_danc(eta, logs)
    num = (fam.logf(eta, logs + h) - fam.logf(eta, logs - h)) / (2 * h)
    np.testing.assert_allclose(da, num, rtol=1e-6)
    # the density is scipy's gamma(shape 1/s, scale s mu)
    from scipy import stats
    s = np.exp(logs[0])
    np.testing.assert_allclose(fam.logf(eta, logs), stats.gamma.logpdf(y, 1 / s, scale=s * np.exp(eta)), rtol=1e-12)


def test_without_random_effects_is_the_gamma_glm_by_ml(do, data):
    """No || equation: the gamma GLM by ML, its ll R's ll_c (the LR test's comparison model)."""
    rc, out, s = do("meglm y x, family(gamma) nolog", data)
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(R["ll_c"], abs=1e-6)
    assert "LR test" not in out and "/logs" in out


def test_nested_levels_and_random_slope_run(do, data):
    text = ("gen grp = mod(id, 5)\n"
            "meglm y x || grp: || id: x, family(gamma) intmethod(laplace) nolog")
    rc, out, s = do(text, data)
    assert rc == 0, out
    assert s.e.scalars["ll"] > R["ll_c"]
    assert s.e.macros["ivars"] == "grp id"
