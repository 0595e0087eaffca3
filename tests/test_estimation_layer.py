"""The estimation-results layer: the fit-object interface every engine implements, b/V
access, stored and active results, and predictions through the interface."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError
from mlmcli.estimation import active as estimates
from mlmcli.estimation.interface import EstimationFit, MultilevelFit
from mlmcli.estimation.results import EstimationResults
from mlmcli.estimation.rows import PredictionRows


def two_level(seed=5, groups=25, per=8):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), per)
    x = rng.normal(size=g.size)
    y = 1 + 0.5 * x + np.repeat(rng.normal(scale=0.7, size=groups), per) \
        + np.repeat(rng.normal(scale=0.3, size=groups), per) * x + rng.normal(size=g.size)
    return pd.DataFrame({"y": y, "x": x, "g": g.astype(float)})


@pytest.fixture
def fitted(new_session, run):
    """A session with ``regress`` stored as ols and ``mixed`` (random slope) as lmm (active)."""
    s = new_session(two_level())
    out, rc = run(s, "quietly regress y x\nestimates store ols\nquietly mixed y x || g: x, cov(un)\n"
                  "estimates store lmm")
    assert rc == 0, out
    return s


def test_every_fit_object_implements_the_interface(fitted):
    s = fitted
    ols, lmm = s.estimates["ols"].model, s.estimates["lmm"].model
    assert isinstance(ols, EstimationFit) and not isinstance(ols, MultilevelFit)
    assert isinstance(lmm, EstimationFit) and isinstance(lmm, MultilevelFit)
    for e in (s.estimates["ols"], s.estimates["lmm"]):
        b, V = e.model.e_matrices()
        assert b.colnames == e.matrices["b"].colnames and np.array_equal(V.values, e.matrices["V"].values)


def test_every_panel_fit_implements_the_interface(new_session, run):
    from mlmcli.estimation.interface import MarginsFit

    s = new_session(two_level())
    for model in ("fe", "be", "re", "mle"):
        out, rc = run(s, f"quietly xtreg y x, i(g) {model}")
        assert rc == 0, out
        fit = s.e.model
        assert isinstance(fit, EstimationFit) and isinstance(fit, MarginsFit) and not isinstance(fit, MultilevelFit)
        b, V = fit.e_matrices()
        assert b.colnames == s.e.matrices["b"].colnames and np.array_equal(V.values, s.e.matrices["V"].values)
        assert fit.result().model == ("ml" if model == "mle" else model)


@pytest.mark.parametrize("command", ["areg y x, absorb(g)", "anova y g", "clogit b x, group(g)",
                                     "xtpoisson c x, fe i(g)", "xtgee y x, i(g)", "xtnbreg c x, i(g)",
                                     "logit b x", "ologit c x", "poisson c x", "melogit b x || g:",
                                     "mepoisson c x || g:", "tobit y x, ll(0)", "intreg c c x",
                                     "intreg y y x, het(x)", "qreg y x", "rreg y x", "bsqreg y x",
                                     "sqreg y x, quantiles(.25 .75)", "iqreg y x"])
def test_other_fit_objects_implement_the_interface(new_session, run, command):
    # every fit has the margins hook (xtgee and xtnbreg since tidy4)
    from mlmcli.estimation.interface import MarginsFit

    df = two_level()
    df["b"] = (df.y > df.y.median()).astype(float)
    df["c"] = np.floor(np.abs(df.y))
    s = new_session(df)
    out, rc = run(s, "quietly " + command)
    assert rc == 0, out
    fit = s.e.model
    assert isinstance(fit, EstimationFit)
    assert isinstance(fit, MultilevelFit) is command.startswith("me")
    assert isinstance(fit, MarginsFit)
    b, V = fit.e_matrices()
    assert b.colnames == s.e.matrices["b"].colnames and np.array_equal(V.values, s.e.matrices["V"].values)
    out, rc = run(s, "predict xbhat, xb")
    assert rc == 0 and not np.isnan(s.data.df.xbhat).all(), out


def test_glm_fit_objects_implement_the_interface(new_session, run):
    df = two_level().assign(b=lambda d: (d.y > 1).astype(float), k=lambda d: np.floor(np.exp(d.y)),
                            o=lambda d: np.floor(d.y).clip(-1, 3))
    s = new_session(df)
    for command in ("logit b x", "probit b x", "cloglog b x", "poisson k x", "nbreg k x", "ologit o x",
                    "oprobit o x"):
        out, rc = run(s, "quietly " + command)
        assert rc == 0, out
        e = s.e
        assert isinstance(e.model, EstimationFit) and not isinstance(e.model, MultilevelFit)
        assert hasattr(e.model, "margins_prediction")
        b, V = e.model.e_matrices()
        assert b.colnames == e.matrices["b"].colnames and np.array_equal(V.values, e.matrices["V"].values)
        xb = e.model.predict("xb", PredictionRows(s, e))
        assert np.allclose(xb, e.design.X @ e.coefficients().fixed_part(e.macros["depvar"]).b)


def test_varcorr_is_sigma2_lambda_lambda_transpose(fitted):
    s = fitted
    fit = s.estimates["lmm"].model
    lam = fit.model.lambdas(fit.theta)[0]
    np.testing.assert_allclose(fit.re_covariance(0), fit.sigma2 * (lam @ lam.T), rtol=0, atol=0)
    # the variance rows of the table are the same numbers
    var_rows = {r.label: r.estimate for r in fit.result().random["variance"][0].rows}
    np.testing.assert_allclose(np.diag(fit.re_covariance(0)), [var_rows["var(x)"], var_rows["var(_cons)"]],
                               rtol=1e-10)
    assert fit.residual_variance() == fit.sigma2
    assert [t.levelvar for t in fit.re_terms()] == ["g"]


def test_coefficients_one_way(fitted):
    s = fitted
    e = s.estimates["lmm"]
    coefs = e.coefficients()
    assert coefs.names[:2] == ("y:x", "y:_cons") and coefs.V.shape == (len(coefs.names),) * 2
    fixed = coefs.fixed_part("y")
    assert fixed.names == ("x", "_cons")
    np.testing.assert_array_equal(fixed.b, e.model.fixef())
    np.testing.assert_array_equal(fixed.V, e.model.V_beta)
    with pytest.raises(StataError) as err:
        EstimationResults(cmd="regress").coefficients()
    assert err.value.rc == 301


def test_predict_through_the_interface_equals_the_command(run, fitted):
    s = fitted
    out, rc = run(s, "estimates restore lmm\npredict f, fitted\nestimates restore ols\npredict r, residuals")
    assert rc == 0, out
    lmm, ols = s.estimates["lmm"], s.estimates["ols"]
    f = lmm.model.predict("fitted", PredictionRows(s, lmm))
    np.testing.assert_allclose(s.data.numeric("f"), f.astype(np.float32), rtol=0)
    r = ols.model.predict("residuals", PredictionRows(s, ols))
    np.testing.assert_allclose(s.data.numeric("r"), r.astype(np.float32), rtol=0)
    with pytest.raises(StataError, match="option fitted not allowed"):
        ols.model.predict("fitted", PredictionRows(s, ols))


def test_require_and_lookup_use_statas_codes(new_session):
    s = new_session()
    with pytest.raises(StataError) as err:
        estimates.require(s)
    assert (err.value.rc, err.value.message) == (301, "last estimates not found")
    s.e = EstimationResults(cmd="regress")
    with pytest.raises(StataError) as err:
        estimates.require(s, ("mixed", "xtmixed"))
    assert err.value.rc == 321
    assert estimates.require(s, ("regress",)) is s.e
    with pytest.raises(StataError) as err:
        estimates.lookup(s, "nosuch")
    assert (err.value.rc, err.value.message) == (111, "estimation result nosuch not found")


def test_store_keeps_the_design_and_drop_unnames_the_active_results(run, fitted):
    s = fitted
    assert s.estimates["lmm"].design is not None and s.e.macros["_estimates_name"] == "lmm"
    out, rc = run(s, "estimates drop lmm")
    assert rc == 0 and "lmm" not in s.estimates and "_estimates_name" not in s.e.macros
    assert s.e.design is not None
    out, rc = run(s, "predict xb1")  # the design survives: x b on every row
    assert rc == 0 and not np.isnan(s.data.numeric("xb1")).any()


def test_information_criteria_from_results(fitted):
    from mlmcli.estimation.criteria import ic_row
    s = fitted
    e = s.estimates["lmm"]
    row = ic_row(e, "lmm")
    k = e.n_parameters()
    assert row.df == k == 6 and row.aic == pytest.approx(-2 * e.scalars["ll"] + 2 * k)
    assert ic_row(e, n=50).bic == pytest.approx(-2 * e.scalars["ll"] + np.log(50) * k)


def test_glmm_fit_implements_the_multilevel_interface(new_session, run):
    """melogit's fit object (the glmm engine) is a MultilevelFit and a MarginsFit; its
    predictions on every row equal the engine's on the estimation sample."""
    from mlmcli.estimation.interface import MarginsFit

    df = two_level()
    df["b"] = (df["y"] > df["y"].median()).astype(float)
    s = new_session(df)
    out, rc = run(s, "quietly melogit b x || g: x, cov(un) intmethod(laplace)")
    assert rc == 0, out
    e = s.e
    fit = e.model
    assert isinstance(fit, MultilevelFit) and isinstance(fit, MarginsFit)
    b, V = fit.e_matrices()
    assert b.colnames == e.matrices["b"].colnames and np.array_equal(V.values, e.matrices["V"].values)
    assert [t.levelvar for t in fit.re_terms()] == ["g"]
    var_rows = {r.label: r.estimate for r in fit.result().random["variance"][0].rows}
    np.testing.assert_allclose(np.diag(fit.re_covariance(0)), [var_rows["var(x)"], var_rows["var(_cons)"]],
                               rtol=1e-12)
    assert fit.residual_variance() == pytest.approx(np.pi ** 2 / 3)
    rows = PredictionRows(s, e)
    for stat in ("mu", "eta", "xb", "pearson"):
        np.testing.assert_allclose(fit.predict(stat, rows)[e.sample], fit.predict(stat), rtol=1e-10)
    np.testing.assert_array_equal(fit.response(), df["b"].to_numpy())
