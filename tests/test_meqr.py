"""meqrlogit / meqrpoisson / xtmelogit / xtmepoisson: numbers against lme4
(tests/reference_values/meqr_reference.R -> meqr_reference.json, on ../shared/data/glmm),
the _xtme_display layout, e() names, predict with posterior modes, and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests" / "reference_values" / "meqr_reference.json").read_text())


def _small(seed: int = 7) -> pd.DataFrame:
    """40 groups of 12 with a random intercept and slope; binary and count outcomes."""
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, 41), 12)
    cls = np.tile(np.repeat([1, 2, 3], 4), 40) + 3 * (g - 1)
    x = rng.normal(size=g.size)
    u = rng.normal(scale=0.8, size=41)[g]
    eta = -0.3 + 0.7 * x + u
    y = (rng.random(g.size) < 1 / (1 + np.exp(-eta))).astype(float)
    n = rng.poisson(np.exp(0.2 + 0.4 * x + 0.5 * u))
    return pd.DataFrame({"school": g, "cls": cls, "x": x, "y": y, "n": n.astype(float)})


@pytest.fixture(scope="module")
def fitted(new_session, run):
    s = new_session(_small())
    out, rc = run(s, "meqrlogit y x || school:")
    assert rc == 0, out
    return s, out


# ---------------------------------------------------------------- numbers (lme4)
def _check(session, ref, order, tol):
    e = session.e
    b = dict(zip(e.matrices["b"].colnames, e.matrices["b"].values[0]))
    se = dict(zip(e.matrices["V"].colnames, np.sqrt(np.diag(e.matrices["V"].values))))
    assert e.scalars["ll"] == pytest.approx(ref["loglik"], abs=tol)
    dep = e.macros["depvar"]
    for rname, coef in ref["fixed"].items():
        name = f"{dep}:{'_cons' if rname == '(Intercept)' else rname}"
        assert b[name] == pytest.approx(coef, abs=tol * max(1, abs(coef))), name
        assert se[name] == pytest.approx(ref["se"][rname], rel=2e-3), name
    lns = np.atleast_1d(ref["lns"])[order]
    for k, v in enumerate(lns):
        assert b[f"lns1_1_{k + 1}:_cons"] == pytest.approx(v, abs=max(5e-4, 10 * tol))
    for v in np.atleast_1d(ref["atr"]):  # lme4's correlation is corr(_cons, urban): the same number
        assert b["atr1_1_1_2:_cons"] == pytest.approx(v, abs=max(5e-4, 10 * tol))


# lme4's bobyqa stops about 5e-5 below the Laplace optimum of the random-slope model (mlm's
# log likelihood is the higher): that model is compared more loosely
@pytest.mark.parametrize("k, order, tol", [(0, [0], 2e-5), (1, [1, 0], 2e-4), (2, [0], 2e-5)])
def test_estimates_match_lme4(shared_dir, new_session, run, k, order, tol):
    ref = REF[k]
    data = "bangladesh" if "c_use" in ref["command"] else "epilepsy"
    s = new_session()
    out, rc = run(s, f"use {shared_dir / 'data' / 'glmm' / (data + '.dta')}, clear\nquietly {ref['command']}")
    assert rc == 0, out
    _check(s, ref, order, tol)


# ---------------------------------------------------------------- layout
def test_layout_single_level(fitted):
    s, out = fitted
    lines = out.splitlines()
    assert lines[:4] == ["", "Refining starting values:", "", lines[3]] and lines[3].startswith("Iteration 0:")
    assert "Performing gradient-based optimization:" in lines
    top = lines.index("Mixed-effects logistic regression               Number of obs      =       480")
    assert lines[top + 1] == "Group variable: school                          Number of groups   =        40"
    assert lines[top + 3:top + 6] == [" " * 48 + "Obs per group: min =        12",
                                      " " * 63 + "avg =      12.0", " " * 63 + "max =        12"]
    wald = lines[top + 7]
    assert wald.startswith("Integration points =   7" + " " * 24 + "Wald chi2(1)       =")
    assert lines[top + 8].startswith("Log likelihood = ") and lines[top + 8][48:] .startswith("Prob > chi2")
    assert lines[top + 9] == "" and lines[top + 10] == "-" * 78
    assert lines[top + 11] == "           y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    re_top = lines.index("  Random-effects Parameters  |   Estimate   Std. Err.     [95% Conf. Interval]")
    assert lines[re_top - 2] == "" and lines[re_top + 1] == "-" * 29 + "+" + "-" * 48
    assert lines[re_top + 2] == "school: Identity             |"
    assert lines[re_top + 3].startswith("                  var(_cons) |")
    assert lines[re_top + 4] == "-" * 78
    lr = lines[re_top + 5]
    assert lr.startswith("LR test vs. logistic regression: chibar2(01) = ")
    assert lr[54:72] == "Prob >= chibar2 = " and len(lr) == 78
    assert lines[-1] == lr


def test_xtmelogit_shows_standard_deviations_and_laplace_note(do):
    rc, out, s = do("xtmelogit y x || school: x, cov(uns) laplace nolog", _small())
    assert rc == 0, out
    lines = out.splitlines()
    assert "school: Unstructured         |" in lines
    assert any(ln.startswith(" " * 23 + "sd(x) |") for ln in lines)
    assert any(ln.startswith(" " * 15 + "corr(x,_cons) |") for ln in lines)
    assert "Integration points =   1" in out
    assert lines[-3:] == ["", "Note: LR test is conservative and provided only for reference.",
                          "Note: Log-likelihood calculations are based on the Laplacian approximation."]
    lr = next(ln for ln in lines if ln.startswith("LR test vs."))
    assert lr.startswith("LR test vs. logistic regression: chi2(3) = ") and lr[58:72] == "Prob > chi2 = "
    assert s.e.cmd == "xtmelogit" and s.e.macros["laplace"] == "laplace"
    assert s.e.matrices["b"].colnames[-3:] == ("lns1_1_1:_cons", "lns1_1_2:_cons", "atr1_1_1_2:_cons")
    # the variance metric on replay
    printed = do("xtmelogit, variance noheader nofetable", session=s)[1]
    assert printed.splitlines()[1] == "-" * 78 and "var(x)" in printed and "cov(x,_cons)" in printed


def test_two_levels_show_the_integration_points_column(do):
    rc, out, s = do("meqrpoisson n x || school: || cls:, nolog irr", _small())
    assert rc == 0, out
    lines = out.splitlines()
    k = lines.index(" Group Variable |     Groups    Minimum    Average    Maximum      Points")
    assert lines[k - 1] == " " * 16 + "|     No. of       Observations per Group       Integration"
    assert lines[k + 1] == "-" * 16 + "+" + "-" * 59
    assert lines[k + 2] == "         school |         40         12       12.0         12           7"
    assert lines[k + 3] == "            cls |        120          4        4.0          4           7"
    assert lines[k + 5] == "" and lines[k + 6].startswith(" " * 48 + "Wald chi2(1)")
    assert "           n |        IRR   Std. Err." in out
    assert "LR test vs. Poisson regression: chi2(2) = " in out
    assert s.e.macros["n_quad"] == "7 7" and s.e.macros["model"] == "Poisson"
    assert s.e.matrices["b"].colnames[-2:] == ("lns1_1_1:_cons", "lns2_1_1:_cons")


# ---------------------------------------------------------------- e() and postestimation
def test_stored_results_and_coefficient_references(fitted, run):
    s, _ = fitted
    e = s.e
    assert e.cmd == "meqrlogit" and e.macros["predict"] == "meqrlogit_p"
    assert e.scalars["k_f"] == 2 and e.scalars["k_r"] == 1 and e.scalars["k_rs"] == 1
    out, rc = run(s, "display exp(2*_b[lns1_1_1:_cons])\nscalar v = [lns1_1_1]_b[_cons]\ndisplay _se[_cons]")
    assert rc == 0, out
    var = float(out.split()[0])
    assert var == pytest.approx(np.exp(2 * e.matrices["b"].values[0, -1]), rel=1e-6)


def test_predict_uses_posterior_modes(fitted, run):
    s, _ = fitted
    out, rc = run(s, "predict u, reffects\npredict su, reses\npredict p\npredict pf, fixedonly\n"
                     "predict xb, xb")
    assert rc == 0, out
    assert "(option mu assumed; predicted means)" in out
    modes = s.e.model.blups("ebmodes")[0].modes[:, 0]
    u = s.data.numeric("u")
    assert np.allclose(u[::12], modes, atol=1e-6)
    xb = s.data.numeric("xb")
    assert np.allclose(s.data.numeric("p"), 1 / (1 + np.exp(-(xb + u))), atol=1e-6)
    assert s.data.var_labels["u"] == "BLUP r.e. for school: _cons"
    assert s.data.var_labels["pf"] == "Predicted mean, fixed portion only"
    run(s, "drop u su p pf xb")


@pytest.mark.parametrize("text, rc, message", [
    ("meqrlogit y x [fw=n] || school:", 101, "weights not allowed"),
    ("meqrlogit y x || school:, laplace intpoints(9)", 198, "laplace and intpoints() may not be specified"),
    ("meqrlogit y x || school:, variance stddev", 198, "variance and stddeviations may not be specified"),
    ("meqrlogit y x || school: || cls:, intpoints(7 9)", 198, "one number"),
    ("meqrlogit y x || school:, vce(robust)", 198, "option vce"),
    ("meqrlogit y x || school:, irr", 198, "option irr not allowed"),
    ("meqrpoisson n x || school:, or", 198, "option or not allowed"),
    ("meqrlogit y x || school:, estmetric nolog", 198, "estmetric"),
    ("meqrlogit y x", 198, "no random-effects equations specified"),
    ("meqrlogit y nosuch || school:", 111, "variable nosuch not found"),
    ("meqrlogit, variance", 301, "last estimates not found"),
])
def test_errors(do, text, rc, message):
    got, out, _ = do(text, _small())
    assert got == rc and message in out, out


def test_predict_errors(fitted, run):
    s, _ = fitted
    out, rc = run(s, "predict a, mu relevel(school)", stop_on_error=False)
    assert rc == 198 and "level() not allowed" in out
    out, rc = run(s, "predict a b, reffects", stop_on_error=False)
    assert rc == 103 and "you must specify 1 new variable(s)" in out
    out, rc = run(s, "predict a, xb stdp", stop_on_error=False)
    assert rc == 198 and "only one of mu, xb" in out


def test_mle_is_accepted_as_the_only_method(new_session, run):
    """Stata's engine behind xtmelogit/xtmepoisson (_xtme_estimate.ado) lists ``MLe`` among its
    options: ``xtmelogit ... || g:, mle variance`` runs, with the fit of no option."""
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(3)
    g = np.repeat(np.arange(20), 15)
    x = rng.normal(size=g.size)
    y = (rng.random(g.size) < 1 / (1 + np.exp(-(0.3 * x + rng.normal(size=20)[g])))).astype(float)
    s = new_session(pd.DataFrame({"y": y, "x": x, "g": g.astype(float)}))
    plain, rc = run(s, "xtmelogit y x || g:, variance")
    assert rc == 0
    with_mle, rc = run(s, "xtmelogit y x || g:, mle variance")
    assert rc == 0 and with_mle == plain
    out, rc = run(s, "meqrpoisson x || g:, ml", stop_on_error=False)
    assert "option ml not allowed" not in out
    out, rc = run(s, "xtmelogit y x || g:, reml")
    assert rc == 198 and "option reml not allowed" in out
