"""Single-level GLMs (logit, probit, cloglog, poisson, nbreg, ologit) against closed
forms, against the single-level fits recorded in the GLMM references, and Stata's
outcome checks."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scipy import stats

from glmm_refspec import load_reference
from mlmcli.errors import StataError
from mlmcli.glm.family import Family
from mlmcli.glm.fit import fit_glm
from mlmcli.glm.spec import GLMSpec, LinearConstraints
from mlmcli.mixed.spec import CoefLabel

LABELS = (CoefLabel("d"), CoefLabel("_cons"))


def two_by_two(a, b, c, d):
    """Rows with d = 1 (a successes, b failures) and d = 0 (c successes, d failures)."""
    y = np.r_[np.ones(a), np.zeros(b), np.ones(c), np.zeros(d)]
    x = np.r_[np.ones(a + b), np.zeros(c + d)]
    return y, np.column_stack([x, np.ones(len(y))])


def test_logit_two_by_two_closed_form():
    a, b, c, d = 30, 20, 15, 35
    y, X = two_by_two(a, b, c, d)
    fit = fit_glm(GLMSpec("y", y, X, LABELS))
    log_or = np.log(a * d / (b * c))
    assert fit.beta[0] == pytest.approx(log_or, abs=1e-10)
    assert fit.beta[1] == pytest.approx(np.log(c / d), abs=1e-10)
    assert np.sqrt(fit.V[0, 0]) == pytest.approx(np.sqrt(1 / a + 1 / b + 1 / c + 1 / d), rel=1e-8)
    r = fit.result()
    assert r.title == "Logistic regression" and r.chi2_type == "LR" and r.df_m == 1
    ll0 = (a + c) * np.log((a + c) / 100) + (b + d) * np.log((b + d) / 100)
    assert r.ll_0 == pytest.approx(ll0, abs=1e-9)
    assert r.pseudo_r2 == pytest.approx(1 - fit.loglik / ll0)
    e = r.fixed_eform[0]
    assert e.coef == pytest.approx(a * d / (b * c)) and e.se == pytest.approx(e.coef * r.fixed[0].se)
    assert r.eform_label == "Odds Ratio"
    assert r.iteration_log.phases[0].steps[0].loglik == pytest.approx(ll0)


def test_probit_and_cloglog_intercept_only():
    y = np.r_[np.ones(37), np.zeros(63)]
    X = np.ones((100, 1))
    pr = fit_glm(GLMSpec("y", y, X, (CoefLabel("_cons"),), link="probit"))
    assert pr.beta[0] == pytest.approx(stats.norm.ppf(0.37), abs=1e-10)
    cl = fit_glm(GLMSpec("y", y, X, (CoefLabel("_cons"),), link="cloglog"))
    assert cl.beta[0] == pytest.approx(np.log(-np.log(0.63)), abs=1e-10)
    r = cl.result()
    assert (r.n_zero, r.n_nonzero) == (63, 37) and r.title == "Complementary log-log regression"


def test_poisson_rate_ratio_closed_form():
    rng = np.random.default_rng(1)
    x = np.r_[np.ones(40), np.zeros(60)]
    y = rng.poisson(np.where(x == 1, 3.0, 2.0)).astype(float)
    t = rng.uniform(1, 2, 100)
    fit = fit_glm(GLMSpec("y", y, np.column_stack([x, np.ones(100)]), LABELS, "poisson", "log",
                          offset=np.log(t), offset_name="ln(t)"))
    r1 = y[x == 1].sum() / t[x == 1].sum()
    r0 = y[x == 0].sum() / t[x == 0].sum()
    assert fit.beta[0] == pytest.approx(np.log(r1 / r0), abs=1e-10)
    assert np.sqrt(fit.V[0, 0]) == pytest.approx(np.sqrt(1 / y[x == 1].sum() + 1 / y[x == 0].sum()), rel=1e-8)
    assert fit.result().eform_label == "IRR"


def test_ordered_logit_constant_only_closed_form():
    counts = np.array([10, 25, 40, 25])
    y = np.repeat(np.arange(1, 5), counts).astype(float)
    fit = fit_glm(GLMSpec("y", y, np.zeros((100, 0)), (), "ordinal", "logit", categories=(1.0, 2.0, 3.0, 4.0)))
    cum = np.cumsum(counts)[:-1] / 100
    assert np.allclose(fit.anc, np.log(cum / (1 - cum)), atol=1e-9)
    assert fit.loglik == pytest.approx(np.sum(counts * np.log(counts / 100)), abs=1e-9)
    r = fit.result()
    assert [row.name for row in r.ancillary] == ["/cut1", "/cut2", "/cut3"]
    assert all(np.isnan(row.stat) for row in r.ancillary)
    assert r.title == "Ordered logistic regression"


def test_single_level_fits_of_the_references(shared_dir):
    base = shared_dir / "reference" / "glmm"
    for name in ("bangladesh__ri__laplace.json", "bangladesh__probit_ri__laplace.json",
                 "cbpp__period_ri__laplace.json", "epilepsy__poisson_ri__agq25.json",
                 "epilepsy__nbreg_ri__laplace.json", "wine__ologit_ri__laplace.json",
                 "grouseticks__nested__agq25.json"):
        ref, _, spec = load_reference(base / name, shared_dir / "data")
        fit = fit_glm(spec.fixed)
        assert fit.converged
        assert fit.loglik == pytest.approx(ref["lr_vs_single"]["ll_single"], abs=1e-8), name


def test_nbreg_reports_alpha_and_its_lr_test(shared_dir):
    ref, _, spec = load_reference(shared_dir / "reference" / "glmm" / "epilepsy__nbreg_ri__laplace.json",
                                  shared_dir / "data")
    fit = fit_glm(spec.fixed)
    pois = fit_glm(dataclasses.replace(spec.fixed, family="poisson"))
    r = fit.result()
    assert [row.name for row in r.ancillary] == ["/lnalpha"]
    assert r.ancillary_natural[0].label == "alpha"
    assert r.ancillary_natural[0].estimate == pytest.approx(np.exp(fit.anc[0]))
    assert r.lr_alpha.kind == "chibar2(01)" and r.lr_alpha.chi2 == pytest.approx(2 * (fit.loglik - pois.loglik))
    assert [p.heading for p in r.iteration_log.phases] == [
        "Fitting Poisson model:", "Fitting constant-only model:", "Fitting full model:"]


def test_negative_binomial_constant_dispersion_variance():
    """NB1: Var(y) = mu (1 + delta); with a constant only, mu^ = ybar."""
    rng = np.random.default_rng(3)
    y = rng.negative_binomial(4, 4 / 7, 2000).astype(float)  # mean 3, var 5.25
    fit = fit_glm(GLMSpec("y", y, np.ones((2000, 1)), (CoefLabel("_cons"),), "nbinomial", "log",
                          dispersion="constant"))
    assert np.exp(fit.beta[0]) == pytest.approx(y.mean(), rel=1e-8)
    assert abs(np.exp(fit.anc[0]) - 0.75) < 0.2
    assert fit.result().ancillary[0].name == "/lndelta"


def test_robust_variance_is_the_sandwich():
    rng = np.random.default_rng(5)
    n = 300
    x = rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.2 + x)))).astype(float)
    X = np.column_stack([x, np.ones(n)])
    fit = fit_glm(GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), vce="robust"))
    p = 1 / (1 + np.exp(-X @ fit.beta))
    bread = np.linalg.inv((X * (p * (1 - p))[:, None]).T @ X)
    S = X * (y - p)[:, None]
    V = bread @ (S.T @ S) @ bread * n / (n - 1)
    assert np.allclose(fit.V, V, rtol=1e-7)
    assert fit.result().chi2_type == "Wald"


def test_linear_constraint():
    y, X = two_by_two(30, 20, 15, 35)
    R = LinearConstraints(np.array([[1.0, 0.0]]), np.array([0.5]), ("[y]d = .5",))
    fit = fit_glm(GLMSpec("y", y, X, LABELS, constraints=R))
    assert fit.beta[0] == 0.5 and fit.V[0, 0] == pytest.approx(0.0, abs=1e-15)
    assert fit.result().constraint_labels == ("[y]d = .5",)


def test_outcome_checks():
    X = np.ones((10, 1))
    lab = (CoefLabel("_cons"),)
    with pytest.raises(StataError) as e:
        fit_glm(GLMSpec("y", np.zeros(10), X, lab))
    assert e.value.rc == 2000 and "0 = negative outcome" in e.value.message
    with pytest.raises(StataError) as e:
        fit_glm(GLMSpec("y", np.r_[-1.0, np.ones(9)], X, lab, "poisson", "log"))
    assert e.value.rc == 459 and e.value.message == "y must be greater than or equal to zero"
    fit = fit_glm(GLMSpec("y", np.r_[0.5, np.arange(9.0)], X, lab, "poisson", "log"))
    assert fit.notes == ("note: you are responsible for interpretation of noncount dep. variable",)


def test_perfect_prediction_rules():
    rng = np.random.default_rng(2)
    n = 60
    x = rng.normal(size=n)
    lab = (CoefLabel("x"), CoefLabel("_cons"))
    with pytest.raises(StataError) as e:
        fit_glm(GLMSpec("y", (x > 0.1).astype(float), np.column_stack([x, np.ones(n)]), lab))
    assert e.value.rc == 2000 and e.value.message.startswith("outcome = x > ")
    d = (np.arange(n) % 4 == 0).astype(float)
    y = np.where(d == 1, 1.0, (rng.random(n) < 0.5).astype(float))
    fit = fit_glm(GLMSpec("y", y, np.column_stack([x, d, np.ones(n)]),
                          (CoefLabel("x"), CoefLabel("d"), CoefLabel("_cons"))))
    assert fit.notes == ("note: d != 0 predicts success perfectly\n      d dropped and 15 obs not used",)
    assert fit.nobs() == 45 and fit.labels[1].omitted
    asis = fit_glm(GLMSpec("y", y, np.column_stack([x, d, np.ones(n)]),
                           (CoefLabel("x"), CoefLabel("d"), CoefLabel("_cons")), asis=True))
    assert asis.nobs() == 60 and not asis.labels[1].omitted and asis.beta[1] > 10  # diverges, as with asis


def test_family_derivatives_against_differences():
    rng = np.random.default_rng(0)
    n = 40
    cases = [Family("bernoulli", "logit", rng.integers(0, 2, n)), Family("bernoulli", "probit", rng.integers(0, 2, n)),
             Family("bernoulli", "cloglog", rng.integers(0, 2, n)),
             Family("binomial", "logit", rng.integers(0, 4, n), np.full(n, 4.0)),
             Family("poisson", "log", rng.poisson(2, n)), Family("nbinomial", "log", rng.poisson(2, n)),
             Family("nbinomial", "log", rng.poisson(2, n), dispersion="constant"),
             Family("ordinal", "probit", rng.integers(1, 5, n), ncat=4)]
    for fam in cases:
        anc = {"nbinomial": np.array([-0.5]), "ordinal": np.array([-1.0, 0.2, 1.1])}.get(fam.family, np.zeros(0))
        eta = rng.normal(size=(n, 3))
        h = 1e-5
        d = fam.derivs(eta, anc, 3)
        num = [(fam.logf(eta + h, anc) - fam.logf(eta - h, anc)) / (2 * h)]
        up, dn = fam.derivs(eta + h, anc, 3), fam.derivs(eta - h, anc, 3)
        num += [(up[0] - dn[0]) / (2 * h), (up[1] - dn[1]) / (2 * h)]
        for k in range(3):
            assert np.allclose(d[k], num[k], rtol=1e-5, atol=1e-6), (fam.family, fam.link, k)
        lf = fam.logf_derivs(eta, anc, 2)
        assert np.allclose(lf[0], fam.logf(eta, anc)) and np.allclose(lf[2], d[1])
