"""Perfect prediction in logit, probit and logistic ([R] logit, "Model identification"): a
regressor with one value carrying both outcomes and every other value one outcome is dropped
with its observations (Stata's two-line note, e(N) of the rows left, ``o.x`` with b = 0 in e(b));
a regressor separating the outcome completely stops the command (r(2000)); ``asis`` keeps it.
Under ``twoway fpfit``/``fpfitci`` with estcmd(logit|probit|logistic) a power term dropped so
leaves fracpoly going on (b = 0 for the term).  Estimates on the rows left from R's glm
(tests/reference_values/perfect_prediction.R -> perfect_prediction.json; the standard errors
from the observed information, as Stata's)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import double_session, run

REF = json.loads((Path(__file__).parent / "reference_values" / "perfect_prediction.json").read_text())
NOTE = "note: x != 0 predicts failure perfectly\n      x dropped and 10 obs not used\n"


@pytest.fixture
def s():
    n = len(REF["y"])
    return double_session({"y": REF["y"], "x": REF["x"], "z": REF["z"], "w": np.multiply(REF["x"], REF["z"]),
                           "c": np.arange(1, n + 1)})


@pytest.mark.parametrize("command, ref", [("logit", "logit"), ("probit", "probit"), ("logistic", "logit")])
def test_indicator_predicting_failure_is_dropped_with_its_observations(s, command, ref):
    out, rc = run(s, f"{command} y x z")
    assert rc == 0, out
    assert out.startswith(NOTE), out
    assert "           x |          %s  (omitted)" % ("1" if command == "logistic" else "0") in out
    e, r = s.e, REF[ref]
    assert e.scalars["N"] == r["N"][0] == 30 and int(e.sample.sum()) == 30
    assert e.scalars["df_m"] == 1
    b, V = e.matrices["b"], e.matrices["V"].values
    assert list(b.colnames) == ["y:o.x", "y:z", "y:_cons"]
    assert b.values[0][0] == 0 and not V[0].any() and not V[:, 0].any()
    np.testing.assert_allclose(b.values[0][1:], r["b"][::-1], rtol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(V)[1:]), r["se"][::-1], rtol=2e-5)
    np.testing.assert_allclose(e.scalars["ll"], r["ll"][0], rtol=1e-9)
    np.testing.assert_allclose(e.scalars["ll_0"], r["ll_0"][0], rtol=1e-9)


def test_a_regressor_collinear_on_the_rows_left_is_omitted_after_the_note(s):
    # w = x z is 0 wherever x is: Stata's _rmcoll on the remaining sample (psmatch2's logit
    # prints "note: Black != 1 predicts failure perfectly" ... "note: Hispanic omitted because of collinearity")
    out, rc = run(s, "logit y x w z")
    assert rc == 0, out
    assert out.startswith(NOTE + "note: w omitted because of collinearity\n"), out
    assert list(s.e.matrices["b"].colnames) == ["y:o.x", "y:o.w", "y:z", "y:_cons"]
    np.testing.assert_allclose(s.e.matrices["b"].values[0][2:], REF["logit"]["b"][::-1], rtol=1e-6)


@pytest.mark.parametrize("command", ["logit", "probit", "logistic"])
def test_complete_separation_is_r2000(s, command):
    out, rc = run(s, f"replace y = c > 20\n{command} y c z", stop_on_error=False)
    assert rc == 2000 and "outcome = c > 20 predicts data perfectly\nr(2000);" in out, out
    out, rc = run(s, f"replace y = c <= 12\n{command} y z c", stop_on_error=False)
    assert rc == 2000 and "outcome = c <= 12 predicts data perfectly\nr(2000);" in out, out


def test_asis_keeps_the_predictor_and_its_observations(s):
    out, rc = run(s, "logit y x z, asis")
    assert rc == 0, out
    assert "predicts failure perfectly" not in out
    assert s.e.scalars["N"] == 40 and list(s.e.matrices["b"].colnames) == ["y:x", "y:z", "y:_cons"]
    assert s.e.matrices["b"].values[0][0] < -10  # diverging towards -infinity, as asis lets it
    # the other coefficients are those of the fit without the x != 0 rows
    np.testing.assert_allclose(s.e.matrices["b"].values[0][1:], REF["logit"]["b"][::-1], rtol=1e-4)


@pytest.fixture
def fp():
    return double_session({"y": REF["yu"], "x": REF["u"]})


@pytest.mark.parametrize("command, ref", [("logit", "fp_logit"), ("probit", "fp_probit"),
                                          ("logistic", "fp_logit")])
def test_fpfit_goes_on_when_the_power_terms_predict_perfectly(fp, command, ref):
    # every power of x: "x^p != 10^p predicts failure perfectly", its second term collinear on
    # the x == 10 rows; fracpoly keeps the model, fracpred's x b is the constant alone
    out, rc = run(fp, f"twoway fpfitci y x, estcmd({command})")
    assert rc == 0 and "could not fit" not in out and "not supported" not in out, out
    band, line = fp.graphs[-1].panels[0].series
    cons, se = REF[ref]["cons"][0], REF[ref]["se"][0]
    np.testing.assert_allclose(line.y, cons, rtol=1e-6)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), se, rtol=1e-5)


def test_fpfit_with_every_candidate_separating_is_fracpoly_failing(fp):
    # frac_154 captures each candidate's r(2000): no model left, twoway's capture gives the note
    out, rc = run(fp, "replace y = x > 5\ntwoway fpfit y x, estcmd(logit)")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


def test_two_sided_separation_but_for_one_value_keeps_that_subsample():
    # y = x > 5 except at x == 5, where 2 of 4 succeed: only x == 5 is left, where the logit of
    # 2/4 is 0 and its standard error 1/sqrt(4 * .5 * .5) = 1
    x = np.ceil(np.arange(1, 41) / 4)
    y = np.where(x == 5, np.arange(1, 41) % 2, x > 5)
    s = double_session({"y": y, "x": x})
    out, rc = run(s, "logit y x")
    assert rc == 0, out
    assert out.startswith("note: outcome x > 5 predicts data perfectly except for\n      x == 5 subsample:\n"
                          "      x dropped and 36 obs not used\n"), out
    assert s.e.scalars["N"] == 4 and list(s.e.matrices["b"].colnames) == ["y:o.x", "y:_cons"]
    np.testing.assert_allclose(s.e.matrices["b"].values[0], [0.0, 0.0], atol=1e-10)
    np.testing.assert_allclose(np.sqrt(s.e.matrices["V"].values[1, 1]), 1.0, rtol=1e-8)
