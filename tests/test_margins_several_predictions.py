"""margins with several predict() options: the _predict dimension (mg82).

Evidence:
- a Stata log (vincentarelbundock/marginaleffects, tests/testthat/test-pkg-MASS.R): after
  ``ologit gear hp`` on mtcars (gear coded 1-3), ``margins, predict(pr outcome(1))
  predict(pr outcome(2)) predict(pr outcome(3))`` prints the ``k._predict`` legend and the
  rows ``_predict`` 1 2 3 with margins .4933237 .363384 .1432922 and SEs .0867256 .0838539
  .0591208 (our ologit agrees to the log's last printed digit but one);
- Stata 16's _marg_report.ado (PredLegend, and the Expression line only with one
  prediction), _marg_work.class (r(predict#_opts), r(predict#_label), r(expression)
  ``predict()``) -- opensafely-core/cohort-extractor commit 1b3e58ab;
- a Stata log of ``margins, dydx(GTIa) post vce(unconditional)`` after a clustered ologit
  (a public do-file's comment): no Model VCE line, ``dy/dx w.r.t.`` then the three
  ``k._predict`` lines, the ``(Std. Err. adjusted for 133 clusters in o)`` note right-aligned
  above the table, and the rows ``GTIa`` / ``_predict`` / ``1 2 3``;
- every other number here is computed by hand from e(b), e(V) and the data (numpy): each
  prediction's margins, their Jacobians and the whole stacked r(V), cross covariances too.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import special

ROOT = Path(__file__).resolve().parents[1]
HSB = f"use {ROOT / 'samples/data/hsb.dta'}, clear\ngenerate hi = mathach > 13\n"
MTCARS = f"import delimited {ROOT / 'tests/golden_margins/mtcars.csv'}, clear\ngenerate g = gear - 2\n"

STATA_LOG = """\
Predictive margins                                Number of obs   =         32
Model VCE    : OIM

1._predict   : Pr(g==1), predict(pr outcome(1))
2._predict   : Pr(g==2), predict(pr outcome(2))
3._predict   : Pr(g==3), predict(pr outcome(3))

------------------------------------------------------------------------------
             |            Delta-method
             |     Margin   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
    _predict |"""


def test_ologit_outcomes_as_the_stata_log(do):
    rc, out, s = do(MTCARS + "quietly ologit g hp\n"
                    "margins, predict(pr outcome(1)) predict(pr outcome(2)) predict(pr outcome(3))")
    assert rc == 0, out
    assert STATA_LOG in out  # the log's header (Stata's gear renamed g here) and table head
    rows = out.split("    _predict |\n")[1].splitlines()[:3]
    assert [r[:14] for r in rows] == ["          1  |", "          2  |", "          3  |"]
    table = s.r["table"].values
    np.testing.assert_allclose(table[0], [.4933237, .363384, .1432922], atol=2e-7)
    np.testing.assert_allclose(table[1], [.0867256, .0838539, .0591208], atol=2e-7)
    assert list(s.r["b"].colnames) == ["1bn._predict", "2._predict", "3._predict"]
    assert s.r["k_predict"] == 3 and s.r["expression"] == "predict()" and s.r["predict_label"] == ""
    assert [s.r[f"predict{k}_opts"] for k in (1, 2, 3)] == [f"pr outcome({k})" for k in (1, 2, 3)]
    assert s.r["predict2_label"] == "Pr(g==2)"


# ----------------------------------------------------------------------------- by hand: logit
@pytest.fixture(scope="module")
def logit(new_session, run):
    s = new_session()
    out, rc = run(s, HSB + "quietly logit hi ses i.sector")
    assert rc == 0, out
    e = s.e
    names = [n.split(":")[-1] for n in e.matrices["b"].colnames]
    b = e.matrices["b"].values[0]
    V = e.matrices["V"].values
    d = s.data.df
    X = np.zeros((len(d), len(names)))
    X[:, names.index("ses")] = d["ses"]
    X[:, names.index("1.sector")] = d["sector"]
    X[:, names.index("_cons")] = 1
    return s, names, b, V, X


def _at_sector(X, names, level):
    Xl = X.copy()
    Xl[:, names.index("1.sector")] = level
    return Xl


def test_logit_pr_and_xb_by_sector_by_hand(logit, run):
    s, names, b, V, X = logit
    out, rc = run(s, "margins sector, predict(pr) predict(xb)")
    assert rc == 0, out
    values, J = [], []
    for kind in ("pr", "xb"):  # _predict outer, sector inner
        for level in (0, 1):
            Xl = _at_sector(X, names, level)
            p = special.expit(Xl @ b)
            if kind == "pr":
                values.append(p.mean())
                J.append((Xl * (p * (1 - p))[:, None]).mean(0))
            else:
                values.append((Xl @ b).mean())
                J.append(Xl.mean(0))
    J = np.array(J)
    np.testing.assert_allclose(s.r["b"].values[0], values, rtol=1e-10)
    np.testing.assert_allclose(s.r["V"].values, J @ V @ J.T, rtol=1e-8, atol=1e-14)
    assert list(s.r["b"].colnames) == ["1bn._predict#0bn.sector", "1bn._predict#1.sector",
                                       "2._predict#0bn.sector", "2._predict#1.sector"]
    assert "_predict#sector |" in out and "1#Public  |" in out and "2#Catholic  |" in out
    assert "Expression" not in out
    assert "1._predict   : Pr(hi), predict(pr)" in out
    assert "2._predict   : Linear prediction (log odds), predict(xb)" in out


def test_logit_dydx_by_hand(logit, run):
    s, names, b, V, X = logit
    out, rc = run(s, "margins, dydx(ses) predict(pr) predict(xb)")
    assert rc == 0, out
    j = names.index("ses")
    p = special.expit(X @ b)
    e_ses = np.eye(len(names))[j]
    ame = (b[j] * p * (1 - p)).mean()
    J_pr = ((p * (1 - p))[:, None] * (e_ses + b[j] * (1 - 2 * p)[:, None] * X)).mean(0)
    J = np.vstack([J_pr, e_ses])
    np.testing.assert_allclose(s.r["b"].values[0], [ame, b[j]], rtol=1e-7)
    np.testing.assert_allclose(s.r["V"].values, J @ V @ J.T, rtol=1e-6, atol=1e-14)
    assert list(s.r["b"].colnames) == ["ses:1bn._predict", "ses:2._predict"]
    lines = out.splitlines()
    at = lines.index("ses          |")
    assert lines[at + 1] == "    _predict |" and lines[at + 2].startswith("          1  |")
    # the legend: dy/dx w.r.t. first, the predictions after it (_marg_report's order)
    head = [ln[:13] for ln in lines if ln[13:15] == ": "]
    assert head == ["Model VCE    ", "dy/dx w.r.t. ", "1._predict   ", "2._predict   "]


def test_at_names_lead_with_predict(logit, run):
    s, names, b, V, X = logit
    out, rc = run(s, "margins, at(ses=(0 1)) predict(pr) predict(xb)")
    assert rc == 0, out
    assert list(s.r["b"].colnames) == ["1bn._predict#1bn._at", "1bn._predict#2._at",
                                       "2._predict#1bn._at", "2._predict#2._at"]
    Xa = X.copy()
    values = []
    for kind in ("pr", "xb"):
        for v in (0, 1):
            Xa[:, names.index("ses")] = v
            eta = Xa @ b
            values.append(special.expit(eta).mean() if kind == "pr" else eta.mean())
    np.testing.assert_allclose(s.r["b"].values[0], values, rtol=1e-10)
    assert "_predict#_at |" in out
    legend = [ln for ln in out.splitlines() if ln[:13].strip() in ("1._predict", "2._predict", "1._at", "2._at")]
    assert [ln[:6] for ln in legend] == ["1._pre", "2._pre", "1._at ", "2._at "]


def test_unconditional_stacks_the_single_runs(new_session, run):
    s = new_session()  # vce(unconditional) needs a robust fit (margins' ._parse_vce)
    out, rc = run(s, HSB + "quietly logit hi ses i.sector, vce(robust)")
    assert rc == 0, out
    singles = []
    for opt in ("pr", "xb"):
        out, rc = run(s, f"margins sector, predict({opt}) vce(unconditional)")
        assert rc == 0, out
        singles.append((s.r["b"].values[0].copy(), np.diag(s.r["V"].values).copy()))
    out, rc = run(s, "margins sector, predict(pr) predict(xb) vce(unconditional)")
    assert rc == 0, out
    np.testing.assert_allclose(s.r["b"].values[0], np.concatenate([b for b, _ in singles]), rtol=1e-12)
    np.testing.assert_allclose(np.diag(s.r["V"].values), np.concatenate([v for _, v in singles]), rtol=1e-10)
    assert "Unconditional" in out and "Model VCE" not in out


# ----------------------------------------------------------------------------- poisson over()
def test_poisson_n_and_xb_over_sector_by_hand(new_session, run):
    s = new_session()
    out, rc = run(s, HSB + "generate cnt = floor(max(mathach, 0)/5)\nquietly poisson cnt ses i.sector\n"
                  "margins, predict(n) predict(xb) over(sector)")
    assert rc == 0, out
    names = [n.split(":")[-1] for n in s.e.matrices["b"].colnames]
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    d = s.data.df
    X = np.column_stack([d["ses"], np.zeros(len(d)), d["sector"], np.ones(len(d))])
    assert names == ["ses", "0b.sector", "1.sector", "_cons"]
    values, J = [], []
    for kind in ("n", "xb"):
        for level in (0, 1):
            Xg = X[d["sector"].to_numpy() == level]
            eta = Xg @ b
            if kind == "n":
                values.append(np.exp(eta).mean())
                J.append((Xg * np.exp(eta)[:, None]).mean(0))
            else:
                values.append(eta.mean())
                J.append(Xg.mean(0))
    J = np.array(J)
    np.testing.assert_allclose(s.r["b"].values[0], values, rtol=1e-10)
    np.testing.assert_allclose(s.r["V"].values, J @ V @ J.T, rtol=1e-8, atol=1e-14)
    legend = [ln for ln in out.splitlines() if ln[13:15] == ": "]
    assert [ln[:13].strip() for ln in legend] == ["Model VCE", "over", "1._predict", "2._predict"]


# ----------------------------------------------------------------------------- mlogit, stacking
def test_mlogit_stack_is_the_single_runs_with_their_cross_covariance(new_session, run):
    s = new_session()
    out, rc = run(s, HSB + "generate yo = 1 + (mathach > 10) + (mathach > 17)\nquietly mlogit yo ses i.sector")
    assert rc == 0, out
    singles = []
    for k in (1, 3):
        out, rc = run(s, f"margins sector, predict(outcome({k}))")
        assert rc == 0, out
        singles.append((s.r["b"].values[0].copy(), s.r["Jacobian"].values.copy()))
    out, rc = run(s, "margins sector, predict(outcome(1)) predict(outcome(3))")
    assert rc == 0, out
    J = np.vstack([j for _, j in singles])
    np.testing.assert_allclose(s.r["b"].values[0], np.concatenate([b for b, _ in singles]), rtol=1e-12)
    np.testing.assert_allclose(s.r["V"].values, J @ s.e.matrices["V"].values @ J.T, rtol=1e-8, atol=1e-14)
    assert "1._predict   : Pr(yo==1), predict(outcome(1))" in out
    assert "2._predict   : Pr(yo==3), predict(outcome(3))" in out
    # by hand: Pr(yo==1) at each sector, mlogit's probabilities from e(b)
    b = s.e.matrices["b"].values[0]
    names = list(s.e.matrices["b"].colnames)
    d = s.data.df
    eqs = list(dict.fromkeys(n.split(":")[0] for n in names))
    for level, got in zip((0, 1), s.r["b"].values[0][:2]):
        etas = []
        for eq in eqs:
            coef = {n.split(":")[1]: b[i] for i, n in enumerate(names) if n.startswith(eq + ":")}
            etas.append(coef.get("ses", 0) * d["ses"] + coef.get("1.sector", 0) * level + coef.get("_cons", 0))
        P = special.softmax(np.column_stack(etas), axis=1)
        assert got == pytest.approx(P[:, 0].mean(), rel=1e-10)


# ----------------------------------------------------------------------------- display, replay
def test_nopredictlegend_and_replay(new_session, run):
    s = new_session()
    out, rc = run(s, HSB + "quietly logit hi ses i.sector\nmargins, predict(pr) predict(xb) nopredictlegend post")
    assert rc == 0, out
    assert "_predict" in out and "1._predict   :" not in out and "Expression" not in out
    out, rc = run(s, "margins")  # the posted table again, with its legend
    assert rc == 0 and "1._predict   : Pr(hi), predict(pr)" in out, out
    out, rc = run(s, "margins, nopredictlegend")
    assert rc == 0 and "1._predict   :" not in out and "    _predict |" in out, out
    assert s.e.macros["predict2_opts"] == "xb" and s.e.scalars["k_predict"] == 2
    out, rc = run(s, "test _b[1._predict] = _b[2._predict]")
    assert rc == 0, out


def test_marginsplot_draws_a_plot_per_prediction(new_session, run):
    from graphs_helpers import figure, legend_texts

    s = new_session()
    out, rc = run(s, HSB + "quietly logit hi ses i.sector\nquietly margins sector, predict(pr) predict(xb)\n"
                  "marginsplot")
    assert rc == 0, out
    assert "Variables that uniquely identify margins: sector _predict" in out
    assert legend_texts(figure(s.graphs[-1])) == ["predict(pr)", "predict(xb)"]
    # _marg_save labels _predict with predict(opts); the y title is _dta[expression], predict()
    assert s.graphs[-1].ytitle == "predict()"
    out, rc = run(s, "quietly margins, predict(pr) predict(xb)\nmarginsplot")
    assert rc == 0 and "Variables that uniquely identify margins: _predict" in out, out


@pytest.mark.parametrize("options, message", [
    ("predict(pr) predict(xb) pwcompare", "several predict() options and contrasts or pairwise comparisons"),
    ("predict(pr) predict(xb) contrast", "several predict() options and contrasts or pairwise comparisons"),
    ("predict(pr) predict(xb) mcompare(bonferroni)", "several predict() options and mcompare()"),
    ("predict(pr) predict(xb) saving(/tmp/mg82_never, replace)", "several predict() options and saving()"),
    ("predict(pr) predict( PR )", "redundant predict() option"),
])
def test_refusals(logit, run, options, message):
    out, rc = run(logit[0], f"margins sector, {options}", stop_on_error=False)
    assert rc == 198 and message in out, out


def test_melogit_mu_and_xb_by_hand(new_session, run):
    """The me commands: predict(mu) (fixed portion, Stata 13's margins default) and xb, by hand
    from e(b)/e(V) (the fixed coefficients; the variance component does not enter either)."""
    s = new_session()
    out, rc = run(s, HSB + "keep if school < 3000\nquietly melogit hi ses || school:\n"
                  "margins, predict(mu) predict(xb)")
    assert rc == 0, out
    names = list(s.e.matrices["b"].colnames)
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    d = s.data.df
    X = np.zeros((len(d), len(names)))
    X[:, names.index("hi:ses")] = d["ses"]
    X[:, names.index("hi:_cons")] = 1
    eta = X @ b
    p = special.expit(eta)
    J = np.vstack([(X * (p * (1 - p))[:, None]).mean(0), X.mean(0)])
    np.testing.assert_allclose(s.r["b"].values[0], [p.mean(), eta.mean()], rtol=1e-10)
    np.testing.assert_allclose(s.r["V"].values, J @ V @ J.T, rtol=1e-8, atol=1e-14)
    assert "1._predict   : Predicted mean, fixed portion only, predict(mu)" in out


def test_clustered_unconditional_dydx_as_the_stata_log(new_session, run):
    """The layout of the public log (module docstring), here on hsb clustered by school."""
    s = new_session()
    out, rc = run(s, HSB + "generate yo = 1 + (mathach > 10) + (mathach > 17)\n"
                  "quietly ologit yo ses, vce(cluster school)\n"
                  "margins, dydx(ses) predict(pr outcome(1)) predict(pr outcome(2)) predict(pr outcome(3)) "
                  "vce(unconditional)")
    assert rc == 0, out
    lines = out.splitlines()
    top = lines.index("Average marginal effects                          Number of obs   =       7185")
    assert lines[top + 1:top + 13] == [
        "",
        "dy/dx w.r.t. : ses",
        "1._predict   : Pr(yo==1), predict(pr outcome(1))",
        "2._predict   : Pr(yo==2), predict(pr outcome(2))",
        "3._predict   : Pr(yo==3), predict(pr outcome(3))",
        "",
        "(Std. Err. adjusted for 160 clusters in school)".rjust(78),
        "-" * 78,
        "             |            Unconditional",
        "             |      dy/dx   Std. Err.      z    P>|z|     [95% Conf. Interval]",
        "-------------+" + "-" * 64,
        "ses          |",
    ]
    assert lines[top + 13] == "    _predict |" and lines[top + 14].startswith("          1  |")
    assert s.r["clustvar"] == "school" and s.r["N_clust"] == 160


# ----------------------------------------------------------------------------- count models, Stata's r(table)
# statsmodels' results_predict.py (tests/margins_predictions_reference/README.md): Stata's
# margins, predict(n) predict(pr(0)) predict(pr(1)) predict(pr(0, 1)) predict(pr(2, .))
DOCVIS = ROOT / "tests" / "margins_predictions_reference" / "racd10_docvis.csv.gz"
COVARIATES = "private medicaid aget aget2 educyr actlim totchr"
NBREG_N = (6.8071952338104, .10838829819462)
ZINB_B = [6.8063733751586, .08842743693234, .10706809868425, .19549553561658, .80450446438342]
ZINB_SE = [.10879833124057, .00405939469823, .00273617889716, .00545764150876, .0054576415014]


@pytest.fixture(scope="module")
def docvis():
    import pandas as pd

    return pd.read_csv(DOCVIS)


def test_nbreg_n_as_stata_and_xb_by_hand(do, docvis):
    """nbreg's predict(n) margin is Stata's to 1e-7 inside a two-prediction margins; predict(xb)
    by hand, and the covariance of the two (the Jacobians stacked)."""
    rc, out, s = do(f"quietly nbreg docvis {COVARIATES}\nmargins, predict(n) predict(xb)", df=docvis)
    assert rc == 0, out
    table = s.r["table"].values
    np.testing.assert_allclose(table[:2, 0], NBREG_N, rtol=1e-6)
    names = [n.split(":")[-1] for n in s.e.matrices["b"].colnames]
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    X = np.zeros((len(docvis), len(names)))
    for j, name in enumerate(names):
        if name in docvis.columns:
            X[:, j] = docvis[name]
    X[:, names.index("_cons")] = 1  # the first _cons: docvis's; /lnalpha's column stays 0
    eta = X @ b
    J = np.vstack([(X * np.exp(eta)[:, None]).mean(0), X.mean(0)])
    np.testing.assert_allclose(s.r["b"].values[0], [np.exp(eta).mean(), eta.mean()], rtol=1e-10)
    np.testing.assert_allclose(s.r["V"].values, J @ V @ J.T, rtol=1e-8)


def test_zinb_five_predictions_as_stata(do, docvis):
    """zinb's likelihood is flat in the inflation equation (aget's coefficient has SE 3.7;
    ours reaches ll -10404.953076, Stata's -10404.953082), so the fits differ in the fifth
    digit and the margins with them; the layout and names are Stata's exactly."""
    rc, out, s = do(f"quietly zinb docvis {COVARIATES}, inflate(aget)\n"
                    "margins, predict(n) predict(pr(0)) predict(pr(1)) predict(pr(0, 1)) predict(pr(2, .))",
                    df=docvis)
    assert rc == 0, out
    table = s.r["table"].values
    np.testing.assert_allclose(table[0], ZINB_B, rtol=5e-4)
    np.testing.assert_allclose(table[1], ZINB_SE, rtol=2e-2)
    assert list(s.r["table"].colnames) == ["1bn._predict", "2._predict", "3._predict", "4._predict", "5._predict"]
    assert "4._predict   : Pr(0<=docvis<=1), predict(pr(0, 1))" in out
