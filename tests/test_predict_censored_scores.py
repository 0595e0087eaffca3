"""predict, scores after tobit, cnreg and intreg: one variable per equation (x b, then sigma or
ln sigma), labels, stub*, one name, nooffset, if/in and the refusals.  Numbers:
tests/reference_values/censored_scores.R (survreg's fits, numerical derivatives of each row's
log likelihood)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = json.loads((Path(__file__).parent / "reference_values" / "censored_scores.json").read_text())


def column(values):
    return np.array([np.nan if v is None else v for v in values], float)


@pytest.fixture
def data():
    return pd.DataFrame({k: column(v) for k, v in REF["data"].items()})


def test_tobit_scores_match_the_derivatives(do, data):
    rc, out, s = do("tobit y x, ll(0) ul(2.5)\npredict double sc*, scores", data)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(b[:2], REF["tobit"]["b"][::-1], rtol=1e-5)
    np.testing.assert_allclose(b[2], REF["tobit"]["sigma"], rtol=1e-5)
    np.testing.assert_allclose(s.data.numeric("sc1"), REF["tobit"]["score_xb"], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(s.data.numeric("sc2"), REF["tobit"]["score_sigma"], rtol=1e-4, atol=1e-6)
    assert s.data.var_labels["sc1"] == "equation-level score for model from tobit"
    assert s.data.var_labels["sc2"] == "equation-level score for sigma from tobit"
    assert "missing value" not in out


def test_intreg_scores_match_the_derivatives(do, data):
    rc, out, s = do("intreg y1 y2 x\npredict double a b, score", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("a"), REF["intreg"]["score_xb"], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(s.data.numeric("b"), REF["intreg"]["score_lnsigma"], rtol=1e-4, atol=1e-6)
    assert s.data.var_labels["a"] == "equation-level score for [model] from intreg"
    assert s.data.var_labels["b"] == "equation-level score for /lnsigma from intreg"


@pytest.mark.parametrize("fit", ["tobit y x, ll(0) ul(2.5)", "intreg y1 y2 x", "intreg y1 y2 x, het(x)",
                                 "tobit y x, ll(0)"])
def test_scores_solve_the_likelihood_equations(do, data, fit):
    """At the maximum each equation's scores sum to zero, and x's weighted by x."""
    rc, out, s = do(f"{fit}\npredict double s*, scores", data)
    assert rc == 0, out
    s1, s2, x = s.data.numeric("s1"), s.data.numeric("s2"), data.x.to_numpy()
    for total in (s1.sum(), (s1 * x).sum(), s2.sum()):
        assert abs(total) < 1e-5
    if "het" in fit:
        assert abs((s2 * x).sum()) < 1e-5
        assert s.data.var_labels["s2"] == "equation-level score for [lnsigma] from intreg"


def test_one_name_is_the_first_equation_and_if_in(do, data):
    rc, out, s = do("tobit y x, ll(0) ul(2.5)\npredict double a if x > 0, scores\npredict double b in 1/5, sc", data)
    assert rc == 0, out
    pos = data.x.to_numpy() > 0
    np.testing.assert_allclose(s.data.numeric("a"), np.where(pos, REF["tobit"]["score_xb"], np.nan), rtol=1e-4,
                               atol=1e-6)
    assert np.isnan(s.data.numeric("b")[5:]).all() and not np.isnan(s.data.numeric("b")[:5]).any()


def test_nooffset_drops_the_offset(do, data):
    data["o"] = 0.25
    rc, out, s = do("tobit y x, ll(0) ul(2.5) offset(o)\npredict double a*, scores\n"
                    "predict double b*, scores nooffset", data)
    assert rc == 0, out
    assert abs(s.data.numeric("a1").sum()) < 1e-5
    assert abs(s.data.numeric("b1").sum()) > 1


def test_cnreg_scores_equal_tobits(do, data):
    data["cens"] = np.where(data.y <= 0, -1, np.where(data.y >= 2.5, 1, 0)).astype(float)
    rc, out, s = do("cnreg y x, censored(cens)\npredict double c*, scores", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("c1"), REF["tobit"]["score_xb"], rtol=1e-4, atol=1e-6)
    assert s.data.var_labels["c2"] == "equation-level score for sigma from cnreg"


@pytest.mark.parametrize("text,rc,message", [
    ("predict a b c, scores", 103, "too many variables specified"),
    ("predict a, scores xb", 198, "option xb not allowed"),
    ("predict a, scores equation(#3)", 303, "equation [#3] not found"),
    ("predict a, scores equation(lnsigma)", 303, "equation [lnsigma] not found"),
    ("predict a b, scores equation(#2)", 198, "option equation() is not allowed when generating multiple scores"),
    ("predict a*, scores equation(#1)", 198, "option equation() is not allowed when generating multiple scores"),
    ("predict a, scores equation(#1) score(#2)", 198, "options equation() and score() cannot be combined"),
    ("predict a, scores equation", 198, "option equation not allowed"),
    ("predict y, scores", 110, "variable y already defined"),
])
def test_refusals(do, data, text, rc, message):
    got, out, s = do("tobit y x, ll(0) ul(2.5)\n" + text, data)
    assert got == rc and message in out, out
    assert "a" not in s.data.varnames


@pytest.mark.parametrize("fit,typed,key", [
    ("tobit y x, ll(0) ul(2.5)", "equation(#2)", ("tobit", "score_sigma")),
    ("tobit y x, ll(0) ul(2.5)", "eq(sigma)", ("tobit", "score_sigma")),
    ("tobit y x, ll(0) ul(2.5)", "score(model)", ("tobit", "score_xb")),
    ("intreg y1 y2 x", "equation(lnsigma)", ("intreg", "score_lnsigma")),
    ("intreg y1 y2 x", "equation(#1)", ("intreg", "score_xb")),
])
def test_one_equation_by_equation_option(do, data, fit, typed, key):
    """_score_spec: one new variable with equation(#k | name) (or score()) is that equation's score."""
    rc, out, s = do(f"{fit}\npredict double one, scores {typed}", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("one"), REF[key[0]][key[1]], rtol=1e-4, atol=1e-6)
