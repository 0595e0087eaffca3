"""Every GLMM reference fit in ../shared/reference/glmm reproduces (fitted by its Stata command).

Numbers checked against the JSON: log likelihood, each fixed-effect and ancillary
row (coefficient, SE, z, P, CI), each random-effects row (estimate, SE, CI),
Wald chi2, the LR test vs. the single-level model, the group table, the number of
parameters behind AIC/BIC, and the empirical Bayes predictions (means and SDs).
Tolerances are far below the printed digits (we agree with the references to
about 1e-9 relative): 1e-7 relative for estimates and the log likelihood, 1e-6
for standard errors and everything derived from them.

The two slow multi-level references (nested 25-point quadrature, crossed Laplace)
are checked at the reference optimum instead of by a full fit: the log
likelihood there, a vanishing gradient, and the standard errors from the Hessian.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from glmm_refspec import FULL_FIT, group_code, load_reference, run_reference_command
from mlmcli.glmm.fit import model_gradient
from mlmcli.glmm.likelihood import GLMMModel
from mlmcli.glmm.optimize import Objective
from mlmcli.postest.criteria import information_criteria

AT_OPTIMUM = ["grouseticks__nested__agq25.json", "provisional/verbagg__crossed__laplace.json"]


def close(got, ref, rel, abs_=1e-12):
    if ref is None:
        return True
    return abs(got - ref) <= rel * abs(ref) + abs_


@pytest.fixture(scope="module")
def fits(shared_dir):
    """Each reference fitted by its Stata command through the interpreter (the fits the
    command-level tests print, ``glmm_refspec.run_reference_command``); the command's
    engine input must equal the one ``spec_from_command`` builds independently."""
    out = {}
    for name in FULL_FIT:
        ref, session, printed, rc, e = run_reference_command(shared_dir, name)
        assert rc == 0, printed[-2000:]
        fit = e.model
        _, _, spec = load_reference(shared_dir / "reference" / "glmm" / name, shared_dir / "data")
        assert np.array_equal(fit.spec.fixed.y, spec.fixed.y) and np.allclose(fit.spec.fixed.X, spec.fixed.X)
        out[name] = (ref, session.data, fit.spec, fit)
    return out


def test_all_references_are_covered(shared_dir):
    base = shared_dir / "reference" / "glmm"
    names = {p.name for p in base.glob("*.json")} | {f"provisional/{p.name}" for p in (base / "provisional").glob("*.json")}
    assert names == set(FULL_FIT) | set(AT_OPTIMUM)


@pytest.mark.parametrize("name", FULL_FIT)
def test_log_likelihood_and_tests(fits, name):
    ref, _, spec, fit = fits[name]
    r = fit.result()
    assert fit.converged and r.converged
    assert close(fit.loglik, ref["loglik"], 1e-9)
    assert r.nobs == ref["nobs"]
    assert r.wald_df == ref["wald"]["df"]
    assert close(r.wald_chi2, ref["wald"]["chi2"], 1e-6)
    assert close(r.wald_p, ref["wald"]["p"], 1e-5, 1e-300)
    lr, lref = r.lr_test, ref["lr_vs_single"]
    assert lr.kind == lref["kind"] and lr.df == lref["df"]
    assert close(lr.chi2, lref["chi2"], 1e-6)
    assert close(lr.p, lref["p"], 1e-5, 1e-300)
    assert close(lr.ll_single, lref["ll_single"], 1e-10)
    assert lr.conservative == (lref["df"] > 1)
    assert r.integration == ref["integration"]["stata"]
    assert r.integration_points == ref["integration"]["points"]


@pytest.mark.parametrize("name", FULL_FIT)
def test_coefficient_rows(fits, name):
    ref, _, _, fit = fits[name]
    r = fit.result()
    rows = {row.name: row for row in r.fixed + r.ancillary}
    for f in ref["fixed"]:
        row = rows[f["name"]]
        assert close(row.coef, f["coef"], 1e-7, 1e-10), f["name"]
        assert close(row.se, f["se"], 1e-6), f["name"]
        assert close(row.ci_lo, f["ci_lo"], 1e-6, 1e-9) and close(row.ci_hi, f["ci_hi"], 1e-6, 1e-9)
        if f["z"] is None:
            assert math.isnan(row.stat) and math.isnan(row.p)  # ancillary rows print no z, P
        else:
            assert close(row.stat, f["z"], 1e-6)
            assert close(row.p, f["p"], 1e-5, 1e-300)
    if "ancillary" in ref:
        a = ref["ancillary"]
        nat = {row.label: row for row in r.ancillary_natural}[a["name"]]
        for key, got in (("estimate", nat.estimate), ("se", nat.se), ("ci_lo", nat.ci_lo), ("ci_hi", nat.ci_hi)):
            assert close(got, a[key], 1e-6), key


@pytest.mark.parametrize("name", FULL_FIT)
def test_random_effects_rows(fits, name):
    ref, _, _, fit = fits[name]
    blocks = fit.result().random["variance"]
    rows = {(b.levelvar, row.label): row for b in blocks for row in b.rows}
    for rr in ref["random"]:
        row = rows[(rr["level"], rr["param"])]
        assert close(row.estimate, rr["estimate"], 1e-7, 1e-12), rr["param"]
        assert close(row.se, rr["se"], 1e-6), rr["param"]
        assert close(row.ci_lo, rr["ci_lo"], 1e-6) and close(row.ci_hi, rr["ci_hi"], 1e-6), rr["param"]


@pytest.mark.parametrize("name", FULL_FIT)
def test_groups_and_information_criteria(fits, name):
    ref, _, _, fit = fits[name]
    r = fit.result()
    got = {g.summary.levelvar: g.summary for g in r.groups}
    for g in ref["groups"]:
        s = got[g["level"]]
        assert (s.n_groups, s.min, s.max) == (g["n_groups"], g["min"], g["max"])
        assert abs(s.avg - g["avg"]) < 1e-9
    assert fit.model.k == ref["ic_df"]
    ic = information_criteria(fit.loglik, fit.model.k, r.nobs)
    assert close(ic.aic, ref["aic"], 1e-9) and close(ic.bic, ref["bic"], 1e-9)


@pytest.mark.parametrize("name", FULL_FIT)
def test_empirical_bayes_predictions(fits, name):
    ref, ds, spec, fit = fits[name]
    kind = "ebmeans"
    effects = fit.posterior(kind)
    for blk in ref["blups"]:
        ti, code = group_code(ds, spec, blk["level"], blk["group"])
        e = effects[ti]
        for var, value in blk["terms"].items():
            j = list(e.names).index(var)
            assert close(e.values[code, j], value, 1e-6, 1e-9), (blk["group"], var)
            assert close(e.se[code, j], blk["se"][var], 1e-6), (blk["group"], var)


def test_parameter_vector_matches_reference_order(fits):
    ref, _, _, fit = fits["bangladesh__rs_unstructured__laplace.json"]
    assert np.allclose(fit.theta, ref["vce_param"]["estimate"], rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("name", AT_OPTIMUM)
def test_slow_references_at_their_optimum(shared_dir, name):
    ref, _, spec = load_reference(shared_dir / "reference" / "glmm" / name, shared_dir / "data")
    model = GLMMModel(spec)
    theta = np.array(ref["vce_param"]["estimate"])
    se_ref = np.array(ref["vce_param"]["se"])
    assert close(model.loglik(theta), ref["loglik"], 1e-10)
    obj = Objective(model.loglik, model.k, model_gradient(model))
    g = obj.gradient(theta)
    assert np.max(np.abs(g * se_ref)) < 1e-5  # no improvement within a standard error
    H = obj.accurate_hessian(theta, se_ref)
    se = np.sqrt(np.diag(np.linalg.inv(-H)))
    assert np.allclose(se, se_ref, rtol=1e-5)
