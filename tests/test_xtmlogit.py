"""xtmlogit (Stata 17's panel multinomial logit): the random-effects fit against an independent
non-adaptive 40 x 40 Gauss-Hermite maximization and the conditional fixed-effects fit against a
brute-force enumeration, both by tests/xtmlogit_reference/reference.py (values.json); the LR
test's comparison model, predict, margins, test [eq]x, the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).resolve().parent / "xtmlogit_reference"
VALUES = json.loads((REF / "values.json").read_text())


@pytest.fixture(scope="module")
def fits():
    from mlmcli.runner import Runner
    from mlmcli.session import Session

    out = {}
    for name, line in (("re", "xtmlogit y x z, nolog"), ("re11", "xtmlogit y x z, nolog intpoints(11)"),
                       ("fe", "xtmlogit y x z, fe nolog")):
        s = Session()
        s.data = _data()
        r = Runner(s)
        r.run_text("xtset id t\n" + line)
        out[name] = s.e
    return out


def _data():
    from mlmcli.dataset import Dataset

    return Dataset(pd.read_csv(REF / "panel.csv").astype(float))


def _b(e, name):
    names = list(e.matrices["b"].colnames)
    return float(e.matrices["b"].values[0, names.index(name)])


@pytest.mark.parametrize("key, tol", [("re", 1e-3), ("re11", 2e-5)])
def test_random_effects_matches_dense_quadrature(fits, key, tol):
    """7 adaptive points (the default) agree with the dense rule to about 3e-4 in the log
    likelihood, 11 to about 4e-6 (15 adaptive or 30 non-adaptive points: about 1e-7, too slow
    for this file)."""
    e, ref = fits[key], VALUES["re"]
    assert e.scalars["ll"] == pytest.approx(ref["ll"], abs=tol)
    for j, c in enumerate(("x", "z", "_cons")):
        assert _b(e, f"2:{c}") == pytest.approx(ref["b2"][j], abs=tol / 2)
        assert _b(e, f"3:{c}") == pytest.approx(ref["b3"][j], abs=tol / 2)
    assert _b(e, "/:var(u2)") == pytest.approx(ref["var"][0], abs=tol)
    assert _b(e, "/:var(u3)") == pytest.approx(ref["var"][1], abs=tol)
    assert e.scalars["ll_c"] == pytest.approx(VALUES["mlogit_ll"], abs=1e-5)
    assert e.scalars["chi2_c"] == pytest.approx(2 * (e.scalars["ll"] - VALUES["mlogit_ll"]), abs=1e-6)


def test_conditional_fixed_effects_matches_brute_force(fits):
    e, ref = fits["fe"], VALUES["fe"]
    assert e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-6)
    assert e.scalars["ll_0"] == pytest.approx(ref["ll_0"], abs=1e-8)
    assert e.scalars["N_g"] == ref["n_groups"] and e.scalars["N"] == ref["n_obs"]
    for j, c in enumerate(("x", "z")):
        assert _b(e, f"2:{c}") == pytest.approx(ref["b2"][j], abs=1e-4)
        assert _b(e, f"3:{c}") == pytest.approx(ref["b3"][j], abs=1e-4)
    assert e.scalars["chi2"] == pytest.approx(2 * (ref["ll"] - ref["ll_0"]), abs=1e-4)


def test_output_predict_margins_test(new_session, run):
    s = new_session(_data().df)
    out, rc = run(s, "xtset id t\nxtmlogit y x z, nolog\npredict p1 p2 p3\npredict q, pu0 outcome(2)\n"
                     "predict xb3, xb outcome(#3)\ntest [2]x = [3]x\nmargins, dydx(x)\nxtmlogit, rrr")
    assert rc == 0, out
    assert "Random-effects multinomial logistic regression" in out and "(base outcome)" in out
    assert "var(u2)" in out and "LR test vs. multinomial logit: chi2(2) =" in out
    df = s.data.df
    assert np.allclose(df[["p1", "p2", "p3"]].sum(axis=1), 1.0)
    b = s.e.matrices["b"]
    names = list(b.colnames)
    xb = b.values[0, names.index("3:x")] * df.x + b.values[0, names.index("3:z")] * df.z + \
        b.values[0, names.index("3:_cons")]
    assert np.allclose(df.xb3, xb)
    # pu0: softmax of the linear predictions
    eta2 = b.values[0, names.index("2:x")] * df.x + b.values[0, names.index("2:z")] * df.z + \
        b.values[0, names.index("2:_cons")]
    assert np.allclose(df.q, np.exp(eta2) / (1 + np.exp(eta2) + np.exp(xb)))
    assert "RRR" in out


def test_marginal_pr_integrates_over_the_random_effects(fits):
    """pr at one row: the adaptive rule's marginal probability against a dense grid."""
    fit = fits["re"].model
    index = np.array([[0.0, 0.4, -0.3]])
    got = fit.probabilities_of(index, "pr")
    v = fit.gamma
    xs, ws = np.polynomial.hermite.hermgauss(60)
    total = np.zeros(3)
    for a, wa in zip(xs, ws):
        for c, wc in zip(xs, ws):
            eta = index[0] + np.array([0.0, np.sqrt(2 * v[0]) * a, np.sqrt(2 * v[1]) * c])
            total += wa * wc / np.pi * np.exp(eta - np.log(np.exp(eta).sum()))
    assert np.allclose(got[0], total, atol=2e-4)


def test_fe_omits_time_invariant_and_drops_constant_panels(new_session, run):
    df = _data().df
    df["w"] = df.id % 3
    out, rc = run(new_session(df), "xtset id t\nxtmlogit y x w, fe nolog")
    assert rc == 0, out
    assert "note: w omitted because of no within-group variance." in out
    assert "dropped because of all same outcome" in out


@pytest.mark.parametrize("line, rc, words", [
    ("xtmlogit y x, fe covariance(unstructured)", 198, "option covariance() not allowed"),
    ("xtmlogit y x, re fe", 198, "may not be combined"),
    ("xtmlogit y x, constraints(1)", 198, "not supported by mlmcli"),
    ("xtmlogit y x [pw=z]", 198, "weights not supported by mlmcli"),
    ("xtmlogit y x, covariance(diagonal)", 198, "covariance"),
])
def test_refusals(new_session, run, line, rc, words):
    out, got = run(new_session(_data().df), "xtset id t\n" + line, stop_on_error=False)
    assert got == rc and words in out, out


def test_no_panel_variable(new_session, run):
    out, rc = run(new_session(_data().df), "xtmlogit y x", stop_on_error=False)
    assert rc == 459


def test_fe_past_the_enumeration_row_budget_uses_the_recursion_with_the_same_fit(fits, monkeypatch):
    """The stacked sequences of the enumerated panels are bounded (ENUMERATED_ROWS doubles x k):
    panels past the budget go to the count recursion, which sums the same sequences."""
    from mlmcli.panel import multinomial_conditional as mc
    from mlmcli.runner import Runner
    from mlmcli.session import Session

    made = []
    original = mc.CountRecursion.__init__

    def counting(self, *args, **kwargs):
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(mc, "ENUMERATED_ROWS", 40)
    monkeypatch.setattr(mc.CountRecursion, "__init__", counting)
    s = Session()
    s.data = _data()
    Runner(s).run_text("xtset id t\nxtmlogit y x z, fe nolog")
    assert made  # the budget sent panels to the recursion
    assert s.e.scalars["ll"] == pytest.approx(fits["fe"].scalars["ll"], rel=1e-12)
    for name in ("2:x", "2:z", "3:x", "3:z"):
        assert _b(s.e, name) == pytest.approx(_b(fits["fe"], name), rel=1e-9)
