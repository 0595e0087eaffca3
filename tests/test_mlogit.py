"""mlogit: numbers against nnet::multinom (tests/reference_values/mlogit_reference.R:
coefficients, OIM and sandwich standard errors, log likelihoods, probabilities), the table's
layout against published Stata mlogit output, e(), predict, and Stata's errors."""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "reference_values"


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "mlogit_reference.json").read_text())


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "mlogit_data.csv")


def _fit(do, data, text):
    rc, out, s = do(text, df=data.copy())
    assert rc == 0, out
    return s.e, out, s


def _theta(e):
    """e(b) without the base equation's zero columns, in e(b)'s order."""
    names = e.matrices["b"].colnames
    keep = [j for j, n in enumerate(names) if ":o." not in n]
    b = e.matrices["b"].values[0, keep]
    se = np.sqrt(np.diag(e.matrices["V"].values)[keep])
    return b, se


@pytest.mark.parametrize("key, command", [
    ("default", "mlogit y x z"),
    ("base40", "mlogit y x z, baseoutcome(40)"),
    ("fweight", "mlogit y x z [fw=fw]"),
])
def test_estimates_match_nnet(do, data, reference, key, command):
    ref = reference[key]
    e, _, _ = _fit(do, data, command)
    b, se = _theta(e)
    assert e.scalars["baseout"] == ref["base"]
    np.testing.assert_allclose(b, ref["theta"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert e.scalars["ll_0"] == pytest.approx(ref["ll_0"], rel=1e-12)
    assert e.scalars["chi2"] == pytest.approx(2 * (ref["ll"] - ref["ll_0"]), rel=1e-8)
    assert e.scalars["df_m"] == 6 and e.macros["chi2type"] == "LR"


def test_sandwich_standard_errors_match_r(do, data, reference):
    e, out, _ = _fit(do, data, "mlogit y x z, vce(robust)")
    np.testing.assert_allclose(_theta(e)[1], reference["default"]["se_robust"], rtol=1e-5)
    assert e.macros["vcetype"] == "Robust" and e.macros["chi2type"] == "Wald"
    assert "Log pseudolikelihood" in out and "Wald chi2(6)" in out
    e, out, _ = _fit(do, data, "mlogit y x z, vce(cluster g)")
    np.testing.assert_allclose(_theta(e)[1], reference["cluster"]["se_cluster"], rtol=1e-5)
    assert e.scalars["N_clust"] == 25
    assert "(Std. Err. adjusted for 25 clusters in g)" in out


def test_probabilities_match_r(do, data, reference):
    ref = reference["default"]
    _, _, s = _fit(do, data, "mlogit y x z\npredict p1-p4\npredict p30, outcome(30)")
    got = s.data.df[["p1", "p2", "p3", "p4"]].to_numpy()[:5]
    order = np.argsort(ref["outcomes"])  # R's columns: base first, then the others
    want = np.asarray(ref["prob_first_rows"])[:, order]
    np.testing.assert_allclose(got, want, rtol=1e-5)  # float storage
    np.testing.assert_allclose(s.data.df["p30"].to_numpy()[:5], want[:, 2], rtol=1e-6)


def test_iteration_zero_is_the_constant_only_model_and_the_header(do, data, reference):
    _, out, _ = _fit(do, data, "mlogit y x z")
    lines = out.splitlines()
    first = next(i for i, ln in enumerate(lines) if ln.startswith("Iteration 0:"))
    assert lines[first].startswith("Iteration 0:   log likelihood = -509.47747")
    top = next(i for i, ln in enumerate(lines) if ln.startswith("Multinomial logistic regression"))
    assert lines[top] == "Multinomial logistic regression                   Number of obs   =        400"
    assert lines[top + 1] == " " * 50 + "LR chi2(6)      =      79.63"
    assert lines[top + 2] == " " * 50 + "Prob > chi2     =     0.0000"
    assert lines[top + 3].startswith("Log likelihood = -469.66273") and lines[top + 3][50:].startswith("Pseudo R2")


def test_table_blocks_in_outcome_order_with_the_base_line(do, data):
    _, out, _ = _fit(do, data, "mlogit y x z, nolog")
    lines = out.splitlines()
    assert "Iteration" not in out
    heads = [ln for ln in lines if ln.endswith("|") or ln.endswith("(base outcome)")]
    assert heads == ["10           |", "20           |", "30           |  (base outcome)", "40           |"]
    _, out, _ = _fit(do, data, "mlogit y x z, nolog rrr")
    assert "|        RRR   Std. Err." in out and "_cons" not in out
    _, out, _ = _fit(do, data, "mlog y x z, nolog noh")
    assert "Multinomial" not in out and "(base outcome)" in out
    _, out, _ = _fit(do, data, "mlogit y x z, nolog notable")
    assert "Pseudo R2" in out and "(base outcome)" not in out


# Published Stata mlogit output (a Stata log of `mlogit pathology ... Hscore_ngf`, the table
# only): the name column stretched to the longest equation name, the base outcome's line.
PUBLISHED = """\
--------------------------------------------------------------------------------
pathology0no~4 |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
---------------+----------------------------------------------------------------
Benign         |  (base outcome)
---------------+----------------------------------------------------------------
Squamous       |
    Hscore_ngf |   .0991562   .0110688     8.96   0.000     .0774617    .1208507
         _cons |  -7.980021   .8811443    -9.06   0.000    -9.707032   -6.253009
---------------+----------------------------------------------------------------
Adenocarcinoma |
    Hscore_ngf |   .0682796   .0102071     6.69   0.000      .048274    .0882852
         _cons |  -5.596755   .7660139    -7.31   0.000    -7.098115   -4.095395
---------------+----------------------------------------------------------------
Small_Cell     |
    Hscore_ngf |   .0018791    .021452     0.09   0.930    -.0401661    .0439243
         _cons |  -2.827464   1.324856    -2.13   0.033    -5.424135    -.230793
--------------------------------------------------------------------------------"""


def test_layout_matches_published_stata_table():
    from mlmcli.render.multinomial_table import render_multinomial_table
    from mlmcli.results.glmm import IterationLog
    from mlmcli.results.mixed import CoefRow
    from mlmcli.results.multinomial import MultinomialResult, OutcomeEquation

    equations = [OutcomeEquation("Benign", (), (), True)]
    lines = PUBLISHED.splitlines()
    for at in (5, 9, 13):
        name = lines[at].split("|")[0].strip()
        rows = []
        for ln in lines[at + 1:at + 3]:
            label, numbers = ln.split("|")
            v = [float(t) for t in numbers.split()]
            rows.append(CoefRow(label.strip(), v[0], v[1], v[2], v[3], v[4], v[5]))
        equations.append(OutcomeEquation(name, tuple(rows), ()))
    result = MultinomialResult("Multinomial logistic regression", "pathology0noncancer4", 100, tuple(equations), -1, -2,
                               0, "LR", 3, 0, 0.5, 95, "oim", False, None, None, True, IterationLog())
    # (its linesize unknown; the name column stretches when the table leaves two columns free)
    assert render_multinomial_table(result, linesize=82) == PUBLISHED
    narrow = render_multinomial_table(result, linesize=80).splitlines()
    assert narrow[3] == "Benign       |  (base outcome)" and narrow[9] == "Adenocarci~a |"


def test_e_results_and_the_base_equation_columns(do, data):
    e, _, _ = _fit(do, data, "mlogit y x i.z, nolog")
    names = e.matrices["b"].colnames
    assert names[:4] == ("10:x", "10:0b.z", "10:1.z", "10:_cons")
    assert names[8:12] == ("30:o.x", "30:0b.z", "30:1o.z", "30:o._cons")
    assert e.scalars["k_out"] == 4 and e.scalars["k_eq"] == 4 and e.scalars["ibaseout"] == 3
    assert e.scalars["k_eq_base"] == 3 and e.macros["baselab"] == ""
    assert e.macros["predict"] == "mlogit_p" and e.macros["eqnames"] == "10 20 30 40"
    assert list(e.matrices["out"].values[0]) == [10, 20, 30, 40]


def test_value_labels_name_the_equations(do):
    df = pd.DataFrame({"y": [1, 1, 2, 2, 3, 3, 1, 2, 3, 1], "x": [1, 2, 3, 4, 5, 6, 2, 3, 1, 2]})
    rc, out, s = do('label define yl 1 "Fee for service" 2 "Prepaid" 3 "None"\nlabel values y yl\n'
                    "mlogit y x, nolog", df=df)
    assert rc == 0, out
    assert "Fee_for_service |  (base outcome)" in out
    assert s.e.macros["eqnames"] == "Fee_for_service Prepaid None"
    assert s.e.macros["baselab"] == "Fee for service"  # the label itself (empty without one)
    rc, out, s = do('label define yl 1 "A b" 2 "A-b" 3 "3", modify\nmlog y x, nolog', session=s)
    assert rc == 0 and s.e.macros["eqnames"] == "A_b _eq_2 3", out  # _labels2eqnames


def test_predict_xb_stdp_and_outcomes(do, data):
    e, _, s = _fit(do, data, "mlogit y x z, nolog\npredict xb40, xb outcome(#4)\npredict se40, stdp outcome(40)\n"
                                "predict xb30, xb outcome(30)")
    b, _ = _theta(e)
    X = np.column_stack([data.x, data.z, np.ones(len(data))])
    np.testing.assert_allclose(s.data.df["xb40"], X @ b[6:9], rtol=1e-6, atol=1e-7)
    V = e.matrices["V"].values[9:12, 9:12]
    np.testing.assert_allclose(s.data.df["se40"], np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-6)
    assert np.all(s.data.df["xb30"] == 0)


@pytest.mark.parametrize("text, message, rc", [
    ("mlogit y x, constraints(1)", "constraint (1) not defined", 111),
    ("mlogit y x, baseoutcome(7)", "outcome 7 not found", 111),
    ("mlogit y x if y == 10", "outcome does not vary", 2000),
    ("mlogit y x, bogus", "option bogus not allowed", 198),
    ("predict a b", "too few variables specified\ny has 4 outcomes and so you must specify 4 new variables, or "
                    "you can use the outcome() option and specify variables one at a time", 102),
    ("predict a b c d, outcome(#2)", "option pr with outcome() requires that you specify 1 new variable", 103),
    ("predict a b c d, xb", "option xb requires that you specify 1 new variable", 103),
    ("predict a, outcome(35)", "outcome 35 not found", 303),
    ("predict a, xb outcome(#5)", "equation #5 not found", 303),
    ("mlogit", "last estimates not found", 301),
    ('gen s = "a"\nmlogit s x', "string variables not allowed in varlist;\ns is a string variable", 109),
])
def test_errors(do, data, text, message, rc):
    setup = "mlogit y x, nolog\n" if text.startswith("predict") else ""
    got_rc, out, _ = do(setup + text, df=data.copy())
    assert got_rc == rc and message in out


def test_fit_object_implements_the_interface(do, data):
    from mlmcli.estimation.interface import EstimationFit, MultilevelFit
    from mlmcli.estimation.rows import PredictionRows

    e, _, s = _fit(do, data, "mlogit y x z, nolog")
    fit = e.model
    assert isinstance(fit, EstimationFit) and not isinstance(fit, MultilevelFit)
    b, V = fit.e_matrices()
    assert b.colnames == e.matrices["b"].colnames and np.array_equal(V.values, e.matrices["V"].values)
    pr = fit.predict("pr", PredictionRows(s, e), outcome=1)
    np.testing.assert_allclose(pr, fit.probabilities_at(e.design.X)[:, 1])


def test_margins_predicts_the_first_outcome(do, data):
    """margins after mlogit (tests/test_margins_after_mlogit.py checks its numbers): Stata 13's
    default, Pr of the first outcome, averages to its sample share (the constants' score)."""
    rc, out, s = do("mlogit y x z, nolog\nmargins", df=data.copy())
    first = float(np.sort(data.y.unique())[0])
    assert rc == 0 and f"Expression   : Pr(y=={first:g}), predict()" in out
    assert s.r["table"].values[0, 0] == pytest.approx(np.mean(data.y == first), abs=1e-7)


def test_predict_messages_and_labels_are_mlogit_ps(do, data):
    rc, out, s = do("mlogit y x z, nolog\npredict a\npredict b, outcome(20)\npredict c*\n"
                    "predict d, xb outcome(40)", df=data.copy())
    assert rc == 0, out
    assert out.count("(option pr assumed; predicted probabilities)") == 2
    assert out.count("(option pr assumed; predicted probability)") == 1
    labels = s.data.var_labels
    assert labels["a"] == "Pr(y==10)" and labels["b"] == "Pr(y==20)" and labels["c4"] == "Pr(y==40)"
    assert labels["d"] == "Linear prediction, y==40"
    np.testing.assert_allclose(s.data.df["b"], s.data.df["c2"])


def test_predict_missing_values_reported_once(do, data):
    rc, out, _ = do("mlogit y x z, nolog\nreplace x = . in 1/3\npredict q1-q4", df=data.copy())
    assert rc == 0 and out.count("(3 missing values generated)") == 1, out


@pytest.mark.parametrize("vce", ["vce(robust)", "vce(cluster g)"])
def test_frequency_weights_are_the_rows_repeated(do, data, vce):
    e, _, _ = _fit(do, data, f"mlogit y x z [fw=fw], {vce}")
    rc, out, s = do(f"expand fw\nmlogit y x z, {vce}", df=data.copy())
    assert rc == 0, out
    np.testing.assert_allclose(e.matrices["b"].values, s.e.matrices["b"].values, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(e.matrices["V"].values, s.e.matrices["V"].values, rtol=1e-6, atol=1e-12)
    assert e.scalars["N"] == s.e.scalars["N"] and e.scalars["chi2"] == pytest.approx(s.e.scalars["chi2"], rel=1e-6)


def test_collinear_keeps_a_model_without_collinearity_and_refuses_one_with_it(do, data, reference):
    """collinear: _rmcoll and ml flag nothing (help _rmcoll: "collinear specifies that collinear
    variables not be flagged"); without collinear regressors the fit is the usual one, with them
    ml would maximise over a singular Hessian (docs/mlogit.md), which mlm refuses."""
    e, out, _ = _fit(do, data, "mlogit y x z, collinear")
    b, se = _theta(e)
    np.testing.assert_allclose(b, reference["default"]["theta"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, reference["default"]["se"], rtol=1e-5)
    rc, out, s = do("generate x2 = 2 * x\nmlogit y x z x2, collinear", df=data.copy())
    assert rc == 198 and "collinear with collinear regressors not supported by mlmcli" in out
    assert "omitted because of collinearity" not in out
