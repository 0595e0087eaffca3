"""blogit, bprobit, glogit, gprobit: numbers against R (tests/fractional_reference/grouped.R:
binomial glm() of cbind(pos, pop - pos), numDeriv's observed information, Berkson's two-stage
weighted least squares with lm()), the layouts (logit's ML display titled for grouped data;
regress's under the WLS title), predict (glogit_p/gprobi_p) against scipy, errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit, ndtr

from tests.fractional_values import data, estimates, reference

DATA = data("grouped")
REF = reference("grouped")
ORDER = [2, 0, 1]  # x g _cons -> R's (Intercept) x g


def _fit(do, text, frame=None):
    rc, printed, s = do(text, (DATA if frame is None else frame).copy())
    assert rc == 0, printed
    return (printed, s, *estimates(s, ORDER))


@pytest.mark.parametrize("name", ["blogit", "bprobit"])
def test_ml_against_r(do, name):
    printed, s, b, se = _fit(do, f"{name} pos pop x g")
    np.testing.assert_allclose(b, REF[(name, "b")], rtol=1e-6)
    np.testing.assert_allclose(se, REF[(name, "se_oim")], rtol=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(REF[(name, "ll")][0], abs=1e-6)
    assert s.e.scalars["ll_0"] == pytest.approx(REF[(name, "ll0")][0], abs=1e-6)
    assert s.e.scalars["N"] == DATA["pop"].sum() and s.e.macros["depvar"] == "pos pop"
    title = "Logistic" if name == "blogit" else "Probit"
    assert f"{title} regression for grouped data".ljust(50) + "Number of obs   =       1911" in printed
    assert "    _outcome |      Coef." in printed and "Iteration" not in printed


@pytest.mark.parametrize("name", ["glogit", "gprobit"])
def test_wls_against_r(do, name):
    printed, s, b, se = _fit(do, f"{name} pos pop x g")
    np.testing.assert_allclose(b, REF[(name, "b")], rtol=1e-7)
    np.testing.assert_allclose(se, REF[(name, "se")], rtol=1e-6)
    assert s.e.scalars["r2"] == pytest.approx(REF[(name, "r2")][0], rel=1e-7)
    assert s.e.scalars["F"] == pytest.approx(REF[(name, "F")][0], rel=1e-7)
    title = "logistic" if name == "glogit" else "probit"
    lines = printed.split("\n")
    at = lines.index(f"Weighted LS {title} regression for grouped data")
    assert lines[at + 1] == "" and lines[at + 2].startswith("      Source |       SS       df       MS")
    assert "         pos |      Coef.   Std. Err.      t" in printed


def test_predict_and_margins(do):
    printed, s, b, _ = _fit(do, "blogit pos pop x g\npredict n\npredict p, pr\npredict xb, xb\n"
                                "margins, predict(pr) dydx(x)\nscalar ame = r(b)[1,1]")
    assert "(option n assumed; E(cases))" in printed
    xb = b[0] + b[1] * DATA.x + b[2] * DATA.g
    df = s.data.df
    np.testing.assert_allclose(df.p, expit(xb), rtol=1e-6)
    np.testing.assert_allclose(df.n, DATA["pop"] * expit(xb), rtol=1e-6)
    assert s.data.var_labels["n"] == "E(cases)" and s.data.var_labels["p"] == "Pr(outcome)"
    p = expit(xb)
    assert s.scalars["ame"] == pytest.approx(np.mean(b[1] * p * (1 - p)), rel=1e-6)
    printed, s, b, _ = _fit(do, "gprobit pos pop x g\npredict p, pr")
    np.testing.assert_allclose(s.data.df.p, ndtr(b[0] + b[1] * DATA.x + b[2] * DATA.g), rtol=1e-6)


def test_or_and_replay(do):
    printed, s, *_ = _fit(do, "blogit pos pop x g, or log\nblogit, level(90)\nglogit pos pop x g, or")
    assert printed.count("Odds Ratio") == 2 and "Iteration 0:" in printed and "[90% Conf. Interval]" in printed


@pytest.mark.parametrize("text, message, rc", [
    ("replace pos = 2.5 in 1\nblogit pos pop x", "pos is not integer valued", 459),
    ("blogit pos", "too few variables specified", 102),
    ("blogit pos pop x\nmargins", "margins, predict(n) (E(cases), the default) not supported by mlmcli", 198),
    ("blogit pos pop x\npredict r, residuals", "invalid syntax", 198),
    ("gprobit pos pop x, vce(robust)", "vcetype 'robust' not allowed", 198),
])
def test_errors(do, text, message, rc):
    code, printed, _ = do(text, DATA.copy())
    assert code == rc, printed
    assert message in printed


def test_rows_with_pop_below_pos_are_dropped_with_a_note(do):
    data = DATA.copy()
    data.loc[0, "pop"] = data.loc[0, "pos"] - 1
    printed, s, *_ = _fit(do, "blogit pos pop x g", data)
    assert f"Note:  {int(data.loc[0, 'pop'])} observations with pop < pos were dropped." in printed


def test_margins_with_an_offset(do):
    _, s, b, _ = _fit(do, "blogit pos pop x g, offset(x)\nmargins, predict(pr) dydx(g)\nscalar ame = r(b)[1,1]")
    p = expit(b[0] + b[1] * DATA.x + b[2] * DATA.g + DATA.x)
    assert s.scalars["ame"] == pytest.approx(np.mean(b[2] * p * (1 - p)), rel=1e-6)
