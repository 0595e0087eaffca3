"""binreg: IRLS fits against R's glm() of the binomial family (tests/fractional_reference/binreg.R:
EIM standard errors, sandwich's HC0 * N/(N-1) for the Semirobust VCE, vcovCL for clusters, a
log-complement family written out), ml against the same optimum, the IRLS header and headings
of glm.ado/binreg.ado, predict/margins after it, Stata's errors."""
from __future__ import annotations

import numpy as np
import pytest

from tests.fractional_values import data, estimates, reference

DATA = data("binreg")
REF = reference("binreg")


def _fit(do, text, frame=None):
    rc, printed, s = do(text, (DATA if frame is None else frame).copy())
    assert rc == 0, printed
    return printed, s


def _b_se(s, order):
    return estimates(s, order)


@pytest.mark.parametrize("key, text, heading", [
    ("rr", "binreg y x a, rr", "Risk Ratio"), ("rd", "binreg y x a, rd", "Risk Diff."),
    ("or", "binreg y x a, or", "Odds Ratio"), ("hr", "binreg y x a, hr", "Hlth Ratio"),
    ("rr_robust", "binreg y x a, rr vce(robust)", "Risk Ratio"),
    ("rr_cluster", "binreg y x a, rr vce(cluster cl)", "Risk Ratio"),
    ("rr_pw", "binreg y x a [pw=w], rr", "Risk Ratio"),
])
def test_irls_against_r_glm(do, key, text, heading):
    printed, s = _fit(do, text)
    b, se = _b_se(s, [2, 0, 1])
    # glm's IRLS stops when the deviance moves by 1e-6 or less; R iterates to 1e-14: the slow
    # log-complement fit stops about 4e-5 (relative) short of R's optimum, as Stata's would
    tol = 1e-4 if key == "hr" else 2e-5
    np.testing.assert_allclose(b, REF[(key, "b")], rtol=tol, atol=1e-6)
    np.testing.assert_allclose(se, REF[(key, "se")], rtol=2e-4)
    assert s.e.scalars["deviance"] == pytest.approx(REF[(key, "deviance")][0], rel=1e-7)
    assert s.e.scalars["deviance_p"] == pytest.approx(REF[(key, "pearson")][0], rel=1e-5)
    assert f"           y | {heading.rjust(10)}   Std. Err." in printed
    assert "Optimization     : MQL Fisher scoring" in printed and " " * 19 + "(IRLS EIM)" in printed
    assert "Log likelihood" not in printed and "ll" not in s.e.scalars
    assert s.e.macros["cmd"] == "binreg" and s.e.macros["opt"] == "irls"
    if key in ("rr_robust", "rr_pw"):
        assert "Semirobust" in printed and s.e.macros["vcetype"] == "Semirobust"
    elif key == "rr_cluster":
        assert "(Std. Err. adjusted for 30 clusters in cl)" in printed
    else:
        assert s.e.macros["vcetype"] == "EIM"


def test_layout_of_the_irls_header_and_log(do):
    printed, s = _fit(do, "binreg y x a, rr")
    lines = printed.split("\n")
    at = lines.index(next(line for line in lines if line.startswith("Generalized linear models")))
    assert lines[at] == "Generalized linear models                          No. of obs      =       300"
    assert lines[at + 6] == "Variance function: V(u) = u*(1-u)                  [Bernoulli]"
    assert lines[at + 7] == "Link function    : g(u) = ln(u)                    [Log]"
    assert lines[at + 9].startswith(" " * 51 + "BIC             = ")
    iterations = [line for line in lines if line.startswith("Iteration ")]
    assert iterations[-1] == "Iteration 6:   deviance =  386.3606"
    assert "Risk Ratio" in printed and "_cons" not in printed


def test_default_is_logit_coefficients_and_n_denominators(do):
    printed, s = _fit(do, "binreg y x a")
    assert "      Coef." in printed and "Odds Ratio" not in printed
    np.testing.assert_allclose(_b_se(s, [2, 0, 1])[0], REF[("or", "b")], rtol=2e-5)
    printed, s = _fit(do, "binreg k x, rr n(m)")
    b, se = _b_se(s, [1, 0])
    np.testing.assert_allclose(b, REF[("rr_n", "b")], rtol=2e-5)
    np.testing.assert_allclose(se, REF[("rr_n", "se")], rtol=2e-4)
    assert "V(u) = u*(1-u/m)" in printed and "[Binomial]" in printed


def test_frequency_weights_and_ml(do):
    _, s = _fit(do, "binreg y x a [fw=w], rr")
    b, se = _b_se(s, [2, 0, 1])
    np.testing.assert_allclose(b, REF[("rr_fw", "b")], rtol=2e-5)
    np.testing.assert_allclose(se, REF[("rr_fw", "se")], rtol=2e-4)
    assert s.e.scalars["N"] == DATA.w.sum()
    printed, s = _fit(do, "binreg y x a, rr ml")
    np.testing.assert_allclose(_b_se(s, [2, 0, 1])[0], REF[("rr", "b")], rtol=1e-5)
    assert "Optimization     : ML" in printed and "Log likelihood" in printed and "Risk Ratio" in printed
    assert s.e.macros["cmd"] == "binreg" and s.e.macros["vcetype"] == "OIM"


def test_predict_margins_and_replay(do):
    printed, s = _fit(do, "binreg y x a, rr nolog\npredict p, mu\nmargins, dydx(x)\nscalar ame = r(b)[1,1]\n"
                          "binreg, level(90)")
    b = REF[("rr", "b")]
    p = np.exp(b[0] + b[1] * DATA.x + b[2] * DATA.a)
    np.testing.assert_allclose(s.data.df.p, p, rtol=2e-5)
    assert s.scalars["ame"] == pytest.approx(np.mean(b[1] * p), rel=2e-5)
    assert "Iteration" not in printed and "[90% Conf. Interval]" in printed
    assert printed.count("Risk Ratio") == 2


@pytest.mark.parametrize("text, message, rc", [
    ("binreg y x, rr rd", "may choose only one of or, rr, rd, hr options", 198),
    ("binreg y x, ml irls", "ml and irls options may not be combined", 198),
    ("binreg y x, search", "option search is allowed only in combination with option ml", 198),
    ("binreg y x, n(1.5)", "option n(1.5) invalid - integer or variable name expected", 198),
    ("binreg y x, rr vce(oim)", "add option ml", 198),
    ("binreg y nosuch", "variable nosuch not found", 111),
])
def test_errors(do, text, message, rc):
    code, printed, _ = do(text, DATA.copy())
    assert code == rc, printed
    assert message in printed
