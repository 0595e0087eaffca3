"""margins after streg (mlmcli/survival/parametric_margins.py, commands/postestimation/streg_margins.py):
predict's default median time, median lntime, hazard and surv at each row's _t, mean time,
dydx() (numerical, as Stata's nochainrule), factor margins and at(), against survreg's fits
with the averages and delta-method SEs computed in R (tests/reference_values/streg_margins.R,
.json; the margins do not depend on streg's PH or AFT metric).  The refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = json.loads((Path(__file__).parent / "reference_values" / "streg_margins.json").read_text())
SETUP = "stset time, failure(died)\n"


@pytest.fixture(scope="module")
def lung():
    return pd.read_csv(Path(__file__).parent / "survival_reference" / "lung.csv").rename(
        columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _table(s):
    t = s.r["table"].values
    return t[0], t[1]


def _check(s, ref, col=0):
    margin, se = _table(s)
    assert margin[col] == pytest.approx(ref["b"], rel=2e-5)
    assert se[col] == pytest.approx(ref["se"], rel=2e-4)


@pytest.mark.parametrize("dist, form", [("weibull", ""), ("weibull", " time"), ("lognormal", ""),
                                        ("loglogistic", "")])
def test_margins_match_survreg(do, lung, dist, form):
    ref = REF[dist]
    rc, out, s = do(SETUP + f"quietly streg age i.female, distribution({dist}){form}\nmargins", df=lung)
    assert rc == 0, out
    assert "Expression   : Predicted median _t, predict()" in out
    assert "Model VCE    : OIM" in out
    _check(s, ref["median"])
    rc, out, s = do("margins female", session=s)
    assert rc == 0, out
    _check(s, ref["median_female0"], 0)
    _check(s, ref["median_female1"], 1)
    rc, out, s = do("margins, predict(hazard)", session=s)
    assert rc == 0 and "Expression   : Predicted hazard, predict(hazard)" in out
    _check(s, ref["hazard"])
    rc, out, s = do("margins, predict(surv)", session=s)
    assert rc == 0 and "Expression   : Predicted S(t|t0), predict(surv)" in out
    _check(s, ref["surv"])
    rc, out, s = do("margins, dydx(*)", session=s)
    assert rc == 0 and "dy/dx w.r.t. : age 1.female" in out
    _check(s, ref["median_dydx_age"], 0)
    _check(s, ref["median_dydx_female"], 2)  # 0b.female's column between them
    rc, out, s = do("margins, predict(median lntime) dydx(age)", session=s)
    assert rc == 0 and "Expression   : Predicted median ln(_t), predict(median lntime)" in out
    _check(s, ref["lnmedian_dydx_age"])
    rc, out, s = do("margins, at(age=(50 70))", session=s)
    assert rc == 0, out
    _check(s, ref["median_age50"], 0)
    _check(s, ref["median_age70"], 1)


def test_mean_time_after_lognormal(do, lung):
    rc, out, s = do(SETUP + "quietly streg age i.female, distribution(lognormal)\nmargins female, predict(mean time)",
                    df=lung)
    assert rc == 0, out
    assert "Expression   : Predicted mean _t, predict(mean time)" in out
    _check(s, REF["lognormal"]["mean_female0"], 0)
    _check(s, REF["lognormal"]["mean_female1"], 1)


def test_xb_and_hr_are_the_linear_index_and_its_exponential(do, lung):
    rc, out, s = do(SETUP + "quietly streg age female, distribution(weibull)\npredict double x, xb\nmargins, predict(xb)",
                    df=lung)
    assert rc == 0, out
    X = np.column_stack([lung.age, lung.female, np.ones(len(lung))])
    V = s.e.matrices["V"].values[:3, :3]
    g = X.mean(axis=0)
    margin, se = _table(s)
    assert margin[0] == pytest.approx(s.data.numeric("x").mean(), rel=1e-10)
    assert se[0] == pytest.approx(np.sqrt(g @ V @ g), rel=1e-10)
    rc, out, s = do("margins, predict(hr)", session=s)
    assert rc == 0 and "Expression   : Predicted hazard ratio, predict(hr)" in out
    hr = np.exp(s.data.numeric("x"))
    g = (hr[:, None] * X).mean(axis=0)
    margin, se = _table(s)
    assert margin[0] == pytest.approx(hr.mean(), rel=1e-10)
    assert se[0] == pytest.approx(np.sqrt(g @ V @ g), rel=1e-7)


def test_unconditional_frailty_margins_match_the_predictions(do, lung):
    """After frailty(gamma) (unshared): the margin of predict's unconditional median; its SE
    is the delta method over b, ln_p and ln_the (the gradient here by central differences of
    the fitted model's own predictions with e(b) moved, V = e(V))."""
    import copy

    rc, out, s = do(SETUP + "quietly streg age female if age > 55, distribution(weibull) frailty(gamma)\n"
                    "predict double m if e(sample)\nmargins", df=lung)
    assert rc == 0, out
    margin, se = _table(s)
    assert margin[0] == pytest.approx(np.nanmean(s.data.numeric("m")), rel=1e-8)
    assert list(s.e.matrices["b"].colnames) == ["_t:age", "_t:female", "_t:_cons", "ln_p:_cons", "ln_the:_cons"]
    model, sample = s.e.model, ~np.isnan(s.data.numeric("m"))
    theta0, V = np.asarray(model.theta, float), s.e.matrices["V"].values

    def mean_median(theta):
        m = copy.copy(model)
        m.theta, m.frailty_theta = theta, float(np.exp(theta[-1]))
        return m.compute("median time", s.data)[sample].mean()

    g = np.array([(mean_median(theta0 + 1e-5 * e) - mean_median(theta0 - 1e-5 * e)) / 2e-5
                  for e in np.eye(len(theta0))])
    assert abs(g[-1]) > 1e-6  # theta moves the unconditional median
    assert se[0] == pytest.approx(np.sqrt(g @ V @ g), rel=1e-5)


@pytest.mark.parametrize("text, message, code", [
    ("margins, predict(mgale)", "prediction is a function of possibly stochastic quantities other than e(b)", 498),
    ("margins, predict(csnell)", "prediction is a function of possibly stochastic quantities other than e(b)", 498),
    ("margins, predict(stdp)", "prediction is a function of possibly stochastic quantities other than e(b)", 498),
    ("margins, predict(hazard surv)", "only one statistic may be specified", 198),
    ("margins, predict(hr time)", "option time not allowed", 198),
    ("margins, predict(foo)", "option foo not allowed", 198),
    ("margins, predict(alpha1)", "option alpha1 allowed only with frailty models", 198),
])
def test_refusals(do, lung, text, message, code):
    rc, out, s = do(SETUP + "quietly streg age female, distribution(weibull)\n" + text, df=lung)
    assert rc == code and message in out


def test_hr_after_the_time_form_is_refused(do, lung):
    rc, out, s = do(SETUP + "quietly streg age female, distribution(weibull) time\nmargins, predict(hr)", df=lung)
    assert rc == 198 and "option hr not allowed after the accelerated failure-time form" in out


def test_ancillary_equation_with_covariates(do, lung):
    """ancillary(i.female): ln p = g0 + g1 female, built on each row under margins' setting (a
    counterfactual female sets the scale too); survreg's strata(female) is the same model in the
    time form (tests/reference_values/streg_margins.R, weibull_anc)."""
    ref = REF["weibull_anc"]
    rc, out, s = do(SETUP + "quietly streg age i.female, distribution(weibull) time ancillary(i.female)\n"
                    "margins", df=lung)
    assert rc == 0, out
    _check(s, ref["median"])
    rc, out, s = do("margins female", session=s)
    assert rc == 0, out
    _check(s, ref["median_female0"], 0)
    _check(s, ref["median_female1"], 1)
    rc, out, s = do("margins, predict(hazard)", session=s)
    assert rc == 0, out
    _check(s, ref["hazard"])
    rc, out, s = do("margins, dydx(age)", session=s)
    assert rc == 0, out
    _check(s, ref["median_dydx_age"])


def test_strata_margins_are_means_of_the_predictions(do, lung):
    """strata(): xi's dummies in the _t and the ln_p equations; the margin is the mean of predict's
    median time, and a margin at fixed age that of predict's on data with age set."""
    rc, out, s = do(SETUP + "quietly streg age, distribution(weibull) strata(female)\n"
                    "predict double m if e(sample)\nmargins", df=lung)
    assert rc == 0, out
    assert _table(s)[0][0] == pytest.approx(np.nanmean(s.data.numeric("m")), rel=1e-8)
    rc, out, s = do("margins, at(age=60)\nreplace age = 60\npredict double m60 if e(sample)", session=s)
    assert rc == 0, out
    assert s.r["table"].values[0][0] == pytest.approx(np.nanmean(s.data.numeric("m60")), rel=1e-8)


def test_marginsplot_draws_streg_margins(do, lung, tmp_path):
    rc, out, s = do(SETUP + "quietly streg age i.female, distribution(weibull)\nquietly margins female\n"
                    f"marginsplot\ngraph export {tmp_path / 'm.png'}", df=lung)
    assert rc == 0, out
    assert (tmp_path / "m.png").stat().st_size > 0


def test_expression_of_a_prediction_read_at_each_rows_time(do, lung):
    """expression() over predict(hazard): the part is evaluated at each row's _t (was an
    internal error: the expression's parts ignored the rows)."""
    rc, out, s = do(SETUP + "quietly streg age i.female, distribution(weibull)\n"
                    "margins, expression(predict(hazard)*2)", df=lung)
    assert rc == 0, out
    margin, se = _table(s)
    assert margin[0] == pytest.approx(2 * REF["weibull"]["hazard"]["b"], rel=2e-5)
    assert se[0] == pytest.approx(2 * REF["weibull"]["hazard"]["se"], rel=2e-4)


@pytest.mark.parametrize("dist", ["weibull", "lognormal"])
def test_dydx_atmeans_is_one_prediction(do, lung, dist):
    """atmeans fixes every covariate: the prediction is one number (was an internal error)."""
    rc, out, s = do(SETUP + f"quietly streg age i.female, distribution({dist})\nmargins, dydx(age) atmeans",
                    df=lung)
    assert rc == 0, out
    _check(s, REF[dist]["median_dydx_age_atmeans"])


def test_offset_enters_each_rows_prediction(do, lung):
    """With offset(): each row's prediction has its offset (margins' row hook), so the overall
    margin is the mean of predict's median time and of its hazard."""
    df = lung.assign(off=0.01 * (lung.age - 60))
    rc, out, s = do(SETUP + "quietly streg female, distribution(weibull) offset(off)\n"
                    "predict double m if e(sample)\npredict double h if e(sample), hazard\nmargins", df=df)
    assert rc == 0, out
    assert _table(s)[0][0] == pytest.approx(np.nanmean(s.data.numeric("m")), rel=1e-9)
    rc, out, s = do("margins, predict(hazard)", session=s)
    assert rc == 0, out
    assert _table(s)[0][0] == pytest.approx(np.nanmean(s.data.numeric("h")), rel=1e-9)
