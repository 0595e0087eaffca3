"""``glm``: numbers against R (tests/reference_values/glm_command_reference.R -> .json), the
header's layout against published Stata glm logs, predict, and Stata's errors."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests/reference_values/glm_command_reference.json").read_text())["models"]
DERIVED = """generate hi = mathach > 13
generate cnt = floor(max(mathach, 0) / 3)
generate double expo = exp(meanses)
generate pos = mathach + 3 if mathach + 3 > 0"""


def _session():
    s = Session(out=Output(io.StringIO()))
    return s, Runner(s)


def _run(s, r, text):
    start = len(s.out.stream.getvalue())
    rc = r.run_text(text, stop_on_error=False)
    return rc, s.out.stream.getvalue()[start:]


@pytest.fixture(scope="module")
def hsb():
    s, r = _session()
    assert r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\n{DERIVED}") == 0
    return s, r


CASES = {
    "logit": "glm hi ses i.sector, family(binomial) link(logit)",
    "logit_cluster": "glm hi ses i.sector, family(binomial) link(logit) vce(cluster school)",
    "probit": "glm hi ses i.sector, family(binomial) link(probit)",
    "poisson_exposure": "glm cnt ses i.sector, family(poisson) exposure(expo)",
    "gaussian": "glm mathach ses i.sector",
    "gamma_log": "glm pos ses i.sector, family(gamma) link(log)",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_glm_matches_r(hsb, name):
    s, r = hsb
    rc, out = _run(s, r, "quietly " + CASES[name])
    assert rc == 0, out
    ref = REF[name]
    e = s.e
    b = e.matrices["b"].values[0]
    V = e.matrices["V"].values
    est = [j for j, n in enumerate(e.matrices["b"].colnames) if not n.split(":")[-1].startswith(("0b.", "0."))]
    order = [1, 2, 0]  # R: intercept first
    np.testing.assert_allclose(b[est], np.array(ref["b"])[order], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(np.sqrt(np.diag(V))[est], np.array(ref["se"])[order], rtol=2e-5)
    for key, ekey in (("deviance", "deviance"), ("pearson", "deviance_p"), ("ll", "ll"), ("aic", "aic"),
                      ("bic", "bic"), ("N", "N")):
        assert e.scalars[ekey] == pytest.approx(ref[key], rel=1e-7), key


def test_grouped_binomial_cloglog_matches_r():
    s, r = _session()
    rc, out = _run(s, r, f"""use {ROOT / 'samples/data/hsb.dta'}, clear
generate hi = mathach > 13
generate trials = 1
collapse (sum) succ=hi trials, by(school meanses sector)
glm succ meanses i.sector, family(binomial trials) link(cloglog)""")
    assert rc == 0, out
    ref = REF["grouped_cloglog"]
    b = s.e.matrices["b"].values[0]
    np.testing.assert_allclose(b[[0, 2, 3]], np.array(ref["b"])[[1, 2, 0]], rtol=1e-6)
    for key, ekey in (("deviance", "deviance"), ("pearson", "deviance_p"), ("ll", "ll"), ("bic", "bic")):
        assert s.e.scalars[ekey] == pytest.approx(ref[key], rel=1e-7), key
    assert "V(u) = u*(1-u/trials)" in out and "[Binomial]" in out
    assert "g(u) = ln(-ln(1-u/trials))" in out


def test_header_layout_matches_published_stata_log():
    """Published Stata log (statsmodels' comment): ``webuse beetle`` /
    ``glm r i.beetle ldose, family(binomial n) link(cloglog)``; rendered from its numbers."""
    from mlmcli.glm.exponential_family import Family, Link
    from mlmcli.glm.generalized_linear import GeneralizedLinearFit
    from mlmcli.render.glm_header import render_glm_header

    fit = GeneralizedLinearFit(
        "r", (), Family("binomial", np.ones(24), "n"), Link("cloglog"), np.zeros(4), np.eye(4), np.zeros(24),
        np.zeros(24), np.ones(24), 24.0, -76.94564525, 73.76505595, 71.8901173, 1.0, "oim", 95.0)
    expected = """\
Generalized linear models                          No. of obs      =        24
Optimization     : ML                              Residual df     =        20
                                                   Scale parameter =         1
Deviance         =  73.76505595                    (1/df) Deviance =  3.688253
Pearson          =   71.8901173                    (1/df) Pearson  =  3.594506

Variance function: V(u) = u*(1-u/n)                [Binomial]
Link function    : g(u) = ln(-ln(1-u/n))           [Complementary log-log]

                                                   AIC             =   6.74547
Log likelihood   = -76.94564525                    BIC             =  10.20398"""
    assert "\n".join(render_glm_header(fit, pseudo=False)) == expected


def test_gaussian_header_and_table_layout(hsb):
    """The Gaussian header (Longley log: ``V(u) = 1 [Gaussian]``, ``g(u) = u [Identity]``, the
    scale Pearson/df) and ``OIM`` centred over Std. Err."""
    s, r = hsb
    rc, out = _run(s, r, "glm mathach ses i.sector, nolog")
    assert rc == 0
    lines = out.split("\n")
    assert "Variance function: V(u) = 1                        [Gaussian]" in lines
    assert "Link function    : g(u) = u                        [Identity]" in lines
    assert "             |                 OIM" in lines
    assert s.e.scalars["phi"] == pytest.approx(s.e.scalars["deviance"] / s.e.scalars["df"])
    rc, out = _run(s, r, "glm mathach ses i.sector, nolog vce(robust)")
    assert "             |               Robust" in out.split("\n")
    assert "\nLog pseudolikelihood = " in out


def test_se_cons_eform_and_predict(hsb):
    s, r = hsb
    rc, out = _run(s, r, """glm hi ses i.sector, family(binomial) link(logit) eform nolog
display %9.7f _se[_cons]
capture drop m1 d1 p1 x1
predict m1
predict d1, deviance
predict p1, pearson
predict x1, eta""")
    assert rc == 0, out
    assert "           hi | Odds Ratio" in out or "          hi | Odds Ratio" in out
    assert "_cons" not in out.split("Odds Ratio")[1].split("display")[0]
    assert f"{REF['logit']['se'][0]:.7f}" in out
    assert "(option mu assumed; predicted mean hi)" in out
    ds = s.data
    mu, dev, pear, xb = (ds.numeric(v) for v in ("m1", "d1", "p1", "x1"))
    y = ds.numeric("hi")
    np.testing.assert_allclose(mu, 1 / (1 + np.exp(-xb)), rtol=1e-6)
    assert float(np.sum(dev.astype(float) ** 2)) == pytest.approx(REF["logit"]["deviance"], rel=1e-5)
    assert float(np.sum(pear.astype(float) ** 2)) == pytest.approx(REF["logit"]["pearson"], rel=1e-5)
    assert np.all(np.sign(dev) == np.sign(y - mu))


@pytest.mark.parametrize("command, rc, message", [
    ("glm hi ses, family(binomial) irls ml", 198, "ml and irls options may not be combined"),
    ("glm hi ses, family(binomial) scale(dev)", 198, "option scale(dev) allowed only with option irls"),
    ("glm hi ses, family(binomial) scale(x2) vce(robust)", 198, "cannot use scale() with alternate variances"),
    ("glm hi ses, family(binomial) scale(-1)", 198, "scale(#) must be positive"),
    ("glm hi ses, family(binomial) vfactor(0)", 198, "vfactor() must be positive"),
    ("glm hi ses, family(binomial) disp(2)", 198, "disp() allowed only with irls option"),
    ("glm hi ses, family(foo)", 198, ""),
    ("glm hi ses, link(power)", 198, "invalid # in link(power #)"),
    # glm.ado takes aweights and iweights, but not with ml's non-Hessian vce(opg)
    ("glm hi ses [aw=expo], family(binomial) vce(opg)", 198,
     "only fweights (if any) are available for non-hessian, non-bootstrap matrices"),
    ("glm mathach ses, family(poisson)", 499, "dependent variable must be nonnegative"),
    ("glm nosuchvar ses", 111, "variable nosuchvar not found"),
    ("glm hi ses, offset(ses) exposure(expo)", 198, "only one of offset() or exposure()"),
    ("glm hi ses, vce(hac nwest 2)", 198, "vce(hac) without irls not supported by mlmcli with glm"),
])
def test_glm_errors(hsb, command, rc, message):
    s, r = hsb
    before = s.data.nobs, list(s.data.varnames)
    got, out = _run(s, r, command)
    assert got == rc, out
    assert message in out
    assert (s.data.nobs, list(s.data.varnames)) == before


def test_glm_replays(hsb):
    s, r = hsb
    _run(s, r, "quietly glm cnt ses, family(poisson)")
    rc, out = _run(s, r, "glm, eform")
    assert rc == 0 and "IRR" in out and "Generalized linear models" in out
    rc, out = _run(s, r, "glm, family(gamma)")
    assert rc == 198


@pytest.mark.parametrize("options", ["family(poisson)", "family(gaussian)", "family(poisson) vce(robust)"])
def test_no_model_test_equation(hsb, options):
    """glm.ado ends with ``est scalar k_eq_model = 0`` on both its IRLS and ML paths: there is no
    overall model test (the header shows none), as the replicate prefixes then find."""
    s, r = hsb
    rc, out = _run(s, r, f"quietly glm cnt ses, {options}")
    assert rc == 0, out
    assert s.e.scalars["k_eq_model"] == 0 and s.e.scalars["k_eq"] == 1
