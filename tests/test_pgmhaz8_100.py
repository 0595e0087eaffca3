"""Two survival leftovers of heldout/zheng-ta/ta5_duration_models.do:

* ``pgmhaz8`` (SSC, Jenkins, pgmhaz8.ado 2.1.1): the Prentice-Gloeckler (cloglog) model and its
  gamma-frailty version on person-period data.  The numbers are checked against
  tests/pgmhaz8_reference/values.json (tests/pgmhaz8_reference/reference.py: the person's
  likelihood integrated numerically over the gamma density with scipy, not the closed form, and
  maximised by scipy.optimize), against that numeric integral at mlm's estimates, against mlm's
  ``cloglog`` on the same data (the model without frailty), and against the data with persons
  duplicated (fweights);
* ``stcoxkm, separate`` (stcoxkm.ado 6.3.3): the observed and predicted curves of each category in
  a panel of its own (``by(varname, byopts)``), read back from the matplotlib objects.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from graphs_helpers import artists, axes, figure, legend_texts, line_xy, run, subfigures

REFERENCE = Path(__file__).parent / "pgmhaz8_reference"
FIT = "pgmhaz8 p2 p3 x female, id(id) seq(t) dead(dead)"


@pytest.fixture(scope="module")
def spells():
    return pd.read_csv(REFERENCE / "spells.csv")


@pytest.fixture(scope="module")
def reference():
    return json.loads((REFERENCE / "values.json").read_text())


@pytest.fixture(scope="module")
def fitted(do, spells):
    rc, out, s = do(FIT, spells)
    assert rc == 0, out
    return out, s


def _b(s):
    return np.asarray(s.e.matrices["b"].values, float).ravel()


def _se(s):
    return np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values, float)))


# ----------------------------------------------------------------------------- the estimates
def test_estimates_equal_the_numerically_integrated_likelihoods_maximum(fitted, reference):
    _, s = fitted
    assert list(s.e.matrices["b"].colnames) == reference["names"]
    np.testing.assert_allclose(_b(s), reference["b"], atol=1e-6)
    np.testing.assert_allclose(s.e.scalars["ll"], reference["ll"], rtol=1e-9)
    np.testing.assert_allclose(_se(s), reference["se"], rtol=1e-5)  # the reference's Hessian: differences
    assert s.e.scalars["N"] == reference["N"] and s.e.scalars["N_spell"] == reference["N_spell"]


def _reference_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("pgmhaz8_reference", REFERENCE / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_closed_form_equals_the_numeric_integral_at_the_estimates(fitted, spells):
    """The reference script's integral (quad_vec over the gamma density), at mlm's estimates."""
    _, s = fitted
    reference = _reference_module()
    X = np.column_stack([spells[c] for c in reference.COVARIATES] + [np.ones(len(spells))])
    value = reference.loglik(_b(s), X, spells["dead"].to_numpy(), pd.factorize(spells["id"])[0])
    np.testing.assert_allclose(value, s.e.scalars["ll"], rtol=1e-10)


def test_model_without_frailty_is_cloglog(do, fitted, spells):
    out, s = fitted
    rc, cl_out, c = do("cloglog dead p2 p3 x female", spells)
    assert rc == 0, cl_out
    np.testing.assert_allclose(s.e.scalars["ll_nofr"], c.e.scalars["ll"], rtol=1e-10)
    # glm's table precedes the iteration log: its coefficients are cloglog's
    head = out.split("initial:")[0]
    assert head.lstrip().startswith("PGM hazard model without gamma frailty")
    assert "Generalized linear models" in head and "Complementary log-log" in head
    for name, value in zip(("p2", "p3", "x", "female", "_cons"), _b(c)):
        row = re.search(rf"^\s*{name} \|\s+(\S+)", head, re.M)
        assert row and float(row.group(1)) == pytest.approx(value, rel=1e-6)


def test_derived_results(fitted):
    _, s = fitted
    e = s.e.scalars
    b, V = _b(s), np.asarray(s.e.matrices["V"].values, float)
    assert e["gammav"] == pytest.approx(np.exp(b[-1]), rel=1e-14)
    assert e["se_gammav"] == pytest.approx(np.exp(b[-1]) * np.sqrt(V[-1, -1]), rel=1e-12)
    assert e["lltest"] == pytest.approx(-2 * (e["ll_nofr"] - e["ll"]), rel=1e-12)
    assert e["lltest_p"] == pytest.approx(0.5 * stats.chi2.sf(e["lltest"], 1), rel=1e-10)
    assert e["k"] == 6 and e["k_eq"] == 2 and e["k_eq_model"] == 0 and e["converged"] == 1
    m = s.e.macros
    assert (m["cmd"], m["depvar"], m["idvar"], m["seqvar"], m["title"]) == (
        "pgmhaz8", "dead", "id", "t", "PGM hazard model with gamma frailty")


def test_display(fitted):
    out, s = fitted
    b, se = _b(s), _se(s)
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("PGM hazard model with gamma frailty"))
    assert lines[head].endswith("Number of obs   =      1,998")
    assert re.fullmatch(r"Log likelihood = -\d+\.\d+", lines[head + 1])
    assert float(lines[head + 1].split("=")[1]) == pytest.approx(s.e.scalars["ll"], rel=1e-7)
    assert lines.index("hazard       |") < lines.index("ln_varg      |")
    gamma = next(line for line in lines if line.startswith("  Gamma var. |"))
    numbers = [float(x) for x in gamma.split("|")[1].split()]
    z = stats.norm.ppf(0.975)
    expected = [np.exp(b[-1]), np.exp(b[-1]) * se[-1], 1 / se[-1], 2 * stats.norm.sf(1 / se[-1]),
                np.exp(b[-1] - z * se[-1]), np.exp(b[-1] + z * se[-1])]
    np.testing.assert_allclose(numbers, expected, rtol=2e-3, atol=6e-4)  # as printed
    assert lines[lines.index(gamma) + 1] == "-" * 78
    lr = lines[lines.index(gamma) + 2]
    m = re.fullmatch(r"LR test of Gamma var\. = 0: chibar2\(01\) = +(\S+)  Prob\.>=chibar2 = +(\S+)", lr)
    assert m and float(m.group(1)) == pytest.approx(s.e.scalars["lltest"], rel=1e-5)
    assert float(m.group(2)) == pytest.approx(s.e.scalars["lltest_p"], rel=1e-5)
    assert "Iteration 0:" in out and "initial:       log likelihood" in out


def test_replay_eform_level_nolog_nobeta0(do, spells, fitted):
    _, s = fitted
    rc, out, _ = do("pgmhaz8, eform level(90)", session=s)
    assert rc == 0, out
    assert "exp(b)" in out and "[90% Conf. Interval]" in out and "Iteration" not in out
    hazard = out[out.index("hazard       |"):out.index("ln_varg      |")]
    assert "_cons" not in hazard
    x_row = re.search(r"^\s+x \|\s+(\S+)", hazard, re.M)
    assert float(x_row.group(1)) == pytest.approx(np.exp(_b(s)[2]), rel=1e-6)
    rc, out, s2 = do(FIT + " nolog nobeta0", spells)
    assert rc == 0 and "Iteration" not in out and "Generalized linear models" not in out
    assert "without gamma frailty" not in out and "Gamma var." in out
    np.testing.assert_allclose(_b(s2), _b(s), rtol=1e-12)


def test_frequency_weights_equal_duplicated_persons(do, spells):
    twice = spells["id"] % 3 == 0
    copies = spells[twice].assign(id=spells["id"][twice] + 10_000)
    expanded = pd.concat([spells, copies], ignore_index=True)
    rc, out, s_exp = do(FIT + " nolog nobeta0", expanded)
    assert rc == 0, out
    weighted = spells.assign(w=np.where(twice, 2.0, 1.0))
    rc, out, s_w = do("pgmhaz8 p2 p3 x female [fw=w], id(id) seq(t) dead(dead) nolog nobeta0", weighted)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s_w), _b(s_exp), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(s_w.e.scalars["ll"], s_exp.e.scalars["ll"], rtol=1e-10)
    np.testing.assert_allclose(s_w.e.scalars["ll_nofr"], s_exp.e.scalars["ll_nofr"], rtol=1e-10)
    assert s_w.e.scalars["N"] == len(expanded)


def test_order_of_rows_does_not_matter_and_data_are_kept(do, spells):
    shuffled = spells.sample(frac=1.0, random_state=4).reset_index(drop=True)
    rc, out, s = do(FIT + " nolog nobeta0", shuffled)
    assert rc == 0, out
    pd.testing.assert_frame_equal(s.data.df[list(shuffled.columns)].reset_index(drop=True), shuffled,
                                  check_dtype=False)
    rc, out, s0 = do(FIT + " nolog nobeta0", spells)
    np.testing.assert_allclose(_b(s), _b(s0), rtol=1e-8, atol=1e-10)


def test_collinear_covariate_is_dropped_and_predict_xb(do, spells):
    rc, out, s = do("generate x2 = 2 * x\n" + FIT.replace(" female,", " female x2,") + " nolog nobeta0\n"
                    "predict xb\npredict sp, stdp", spells)
    assert rc == 0, out
    assert "x2" not in " ".join(s.e.matrices["b"].colnames)
    b = _b(s)
    X = np.column_stack([spells[c] for c in ("p2", "p3", "x", "female")] + [np.ones(len(spells))])
    np.testing.assert_allclose(s.data.numeric("xb"), X @ b[:5], rtol=1e-6)  # a float
    assert np.all(s.data.numeric("sp") > 0)


@pytest.mark.parametrize("text, rc, words", [
    ("pgmhaz8 x, seq(t) dead(dead)", 198, "Variable identifying each person must"),
    ("pgmhaz8 x, id(id) seq(t)", 198, "be specified in dead(deadvar):"),
    ("pgmhaz8 x, id(id) dead(dead)", 198, "spell time interval be specified in seq(seqvar)"),
    ("pgmhaz8 x, id(id) seq(t) dead(t)", 198, "equal one or zero: see -pgmhaz8- help file"),
    ("pgmhaz8 x [pw=t], id(id) seq(t) dead(dead)", 101, "pweights not allowed"),
    ("pgmhaz8 x, id(id) seq(t) dead(dead) technique(bfgs)", 198, "technique()"),
    ("pgmhaz8 x, id(id) seq(t) dead(dead) vce(robust)", 198, "vce"),
    ("pgmhaz8 x if x > 100, id(id) seq(t) dead(dead)", 2000, "no observations"),
    ("pgmhaz8 x L.x, id(id) seq(t) dead(dead)", 101, "factor-variable and time-series operators not allowed"),
    ("pgmhaz8 i.female x, id(id) seq(t) dead(dead)", 101, "factor-variable and time-series operators not allowed"),
    ("pgmhaz8", 301, "results for pgmhaz8 not found"),
])
def test_errors(do, spells, text, rc, words):
    got, out, s = do("quietly regress dead x\n" + text, spells)
    assert got == rc and words in out, out
    assert s.e.cmd == "regress"


# ----------------------------------------------------------------------------- stcoxkm, separate
# ``s``: 90 untied times in three groups, stset (the stcoxkm tests' data)
from test_graphs_proportional_hazards_plots import _cox_survival, _km, s  # noqa: E402,F401


def test_stcoxkm_separate_draws_a_panel_per_category(s):
    st = s
    t, d, g = (st.data.numeric(v) for v in ("t", "d", "g"))
    out, rc = run(st, "stcoxkm, by(g) separate noshow legend(cols(1)) obsopts(lpattern(dash)) "
                      'byopts(title("Curves"))')
    assert rc == 0, out
    fig = figure(st.graphs[-1])
    predicted = _cox_survival(t, d, np.column_stack([g == 2, g == 3]).astype(float))
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        assert ax.get_title() == str(k)  # the by-group's value
        mask = g == k
        order = np.argsort(t[mask], kind="stable")
        x, y = line_xy(fig, f"p{k}-s{k}-connected-markers")  # observed, category k
        np.testing.assert_allclose(x, t[mask][order])
        np.testing.assert_allclose(y, _km(t[mask], d[mask])[order], rtol=1e-10)
        px, py = line_xy(fig, f"p{k}-s{k + 3}-connected-markers")  # predicted, category k
        np.testing.assert_allclose(px, t[mask][order])
        np.testing.assert_allclose(py, predicted[mask][order], rtol=1e-5)
        for other in {1, 2, 3} - {k}:  # the other categories' curves hold nothing in this panel
            for series in (other, other + 3):
                drawn = artists(fig, f"p{k}-s{series}-connected-markers")
                assert all(np.isnan(np.asarray(a.get_ydata(), float)).all() for a in drawn)
        (obs_line,) = artists(fig, f"p{k}-s{k}-connected")
        (pred_line,) = artists(fig, f"p{k}-s{k + 3}-connected")
        assert obs_line.get_linestyle()[0][1] is not None  # obsopts(lpattern(dash)): every observed curve
        assert pred_line.get_linestyle()[0][1] is None
    assert legend_texts(fig) == ["Observed: g = 1", "Observed: g = 2", "Observed: g = 3",
                                 "Predicted: g = 1", "Predicted: g = 2", "Predicted: g = 3"]
    texts = [t.get_text() for sub in subfigures(fig) for t in sub.texts]
    assert "Curves" in texts and "Graphs by g" in texts  # byopts(title()) and by()'s note
    assert "Survival Probability" in texts and "analysis time" in texts
    assert list(st.data.df.columns) == ["t", "d", "g", "age", "_st", "_d", "_t", "_t0"]


def test_stcoxkm_without_separate_is_one_panel(s):
    st = s
    out, rc = run(st, "stcoxkm, by(g) noshow byopts(rows(1))")  # byopts() is dropped, as the ado drops it
    assert rc == 0, out
    fig = figure(st.graphs[-1])
    assert [ax.get_gid() for ax in fig.axes if (ax.get_gid() or "").startswith("panel")] == ["panel1"]


@pytest.mark.parametrize("text", ["stcoxkm, by(g) separate obs1opts(lpattern(dash))",
                                  "stcoxkm, by(g) obsopts(lpattern(dash))",
                                  "stcoxkm, by(g) predopts(lpattern(dash))"])
def test_stcoxkm_numbered_and_common_curve_options(s, text):
    out, rc = run(s, text, stop_on_error=False)
    assert rc == 198 and "not allowed" in out, out


def test_stcoxkm_separate_option_names_keep_their_case(s):
    """``OBSOPTS()`` is not obsopts(): it reaches twoway, which refuses it (r(198))."""
    out, rc = run(s, "stcoxkm, by(g) separate noshow OBSOPTS(lpattern(dash))", stop_on_error=False)
    assert rc == 198 and "OBSOPTS" in out, out
