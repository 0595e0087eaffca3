"""streg distribution(exponential|weibull): the likelihood's estimates in both metrics against
R's survreg (tests/survival_reference/streg_lung.R, .json), the output's layout (Stata's
streg table: hazard ratios, /ln_p, p and 1/p), e(), predict, and the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "streg_lung.json").read_text())


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


SETUP = "stset time, failure(died)\n"


def _b_se(s):
    b = s.e.matrices["b"].values.ravel()
    return b, np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("dist", ["exponential", "weibull"])
@pytest.mark.parametrize("metric", ["", "time"])
def test_estimates_match_survreg(do, lung, dist, metric):
    rc, out, s = do(SETUP + f"streg age female, distribution({dist}) {metric} nolog", df=lung)
    assert rc == 0, out
    ref = REF[dist]
    b, se = _b_se(s)
    key = "aft" if metric else "ph"
    assert np.allclose(b[:3], ref[f"{key}_b"], rtol=1e-6)
    assert np.allclose(se[:3], ref[f"{key}_se"], rtol=1e-5)
    # Stata's streg reports the log likelihood of ln t, survreg's is that of t: they differ by
    # sum(d ln t) (evidence: Stata's FAQ "standard error of regression with streg" prints -14.77069
    # for dist(gamma) on the auto data, the density-of-t optimum -84.65576 plus sum(d ln t);
    # tests/survival_reference/streg_distributions.R)
    jacobian = float((lung["died"] * np.log(lung["time"])).sum())
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"] + jacobian, rel=1e-9)
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll0"] + jacobian, rel=1e-9)
    if dist == "weibull":
        assert b[3] == pytest.approx(ref["ln_p"], rel=1e-6) and se[3] == pytest.approx(ref["ln_p_se"], rel=1e-5)
        assert s.e.matrices["b"].colnames == ("_t:age", "_t:female", "_t:_cons", "ln_p:_cons")
    form = "accelerated failure-time form" if metric else "log relative-hazard form"
    title = "Weibull regression" if dist == "weibull" else "Exponential regression"
    assert f"{title} -- {form}" in out
    assert s.e.macros["cmd2"] == "streg" and s.e.macros["frm2"] == ("time" if metric else "hazard")


def test_weibull_table_layout(do, lung):
    rc, out, s = do(SETUP + "streg age female, distribution(weibull)", df=lung)
    lines = out.split("\n")
    assert "Fitting constant-only model:" in lines and "Fitting full model:" in lines
    start = lines.index("Weibull regression -- log relative-hazard form")
    body = "\n".join(lines[start:])
    # the layout of Stata's streg, distribution(weibull) table (hazard ratios; Stata 13 shows no
    # _cons row in an exponentiated table); numbers from survreg's fit
    assert "No. of subjects =          228                  Number of obs    =         228" in body
    assert "Time at risk    =        69593" in body
    assert "          _t | Haz. Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]" in body
    table = body.split("          _t | Haz. Ratio")[1].split("\n")
    assert table[2].startswith("         age |   1.016388")
    assert "_cons" not in body
    assert table[4] == "-------------+----------------------------------------------------------------"
    assert table[5].startswith("       /ln_p |   .2822953   .0618833     4.56   0.000")
    assert table[7].startswith("           p |    1.32617   .0820678                      1.174692")
    assert table[8].startswith("         1/p |   .7540509")
    assert table[9] == "-" * 78


def test_predict_median_and_xb(do, lung):
    rc, out, s = do(SETUP + "quietly streg age female, distribution(weibull)\npredict m\npredict x, xb", df=lung)
    assert "(option median time assumed; predicted median time)" in out
    assert np.allclose(s.data.numeric("m"), REF["weibull"]["median"], rtol=1e-5)
    b = np.array(REF["weibull"]["ph_b"])
    assert np.allclose(s.data.numeric("x"), b[0] * lung["age"] + b[1] * lung["female"] + b[2], rtol=1e-6)


@pytest.mark.parametrize("text, message, code", [
    ("streg age, distribution(weibull)", "data not st", 119),
    (SETUP + "streg age", "option distribution() required", 198),
    (SETUP + "streg age, distribution(weibull) shared(female) vce(robust)", "vce(robust) not allowed with shared()", 101),
    (SETUP + "streg age, distribution(weibull) time nohr", "options time and nohr may not be combined", 198),
    ("streg", "last estimates not found", 301),
])
def test_errors(do, lung, text, message, code):
    rc, out, s = do(text, df=lung)
    assert rc == code and message in out, out



def test_exponential_without_covariates_lr_is_zero(do, lung):
    # ereg's LR test against its closed-form constant-only ll: the full model is that model, so
    # chi2(0) is 0 (a rounding-level negative 2*(ll - ll_0) printed "-0.00"), Prob > chi2 missing
    rc, out, s = do(SETUP + "streg, distribution(exponential)", df=lung)
    assert rc == 0, out
    line = next(x for x in out.split("\n") if "chi2(0)" in x)
    assert line.endswith("LR chi2(0)       =        0.00") and "-0.00" not in out
    assert s.e.scalars["chi2"] == 0.0 and s.e.scalars["df_m"] == 0
    assert "Fitting constant-only model:" not in out and "Fitting full model:" not in out


@pytest.mark.parametrize("dist", ["weibull", "lognormal", "gompertz"])
def test_no_covariates_no_constant_only_fit(do, lung, dist):
    # weibull.ado, lnormal.ado, ...: with no rhs no constant-only model is fit (its log and
    # headings absent) and ml's wald(1) tests no slopes: st_hcd's "Wald chi2(0)" with "." values
    rc, out, s = do(SETUP + f"streg, distribution({dist})", df=lung)
    assert rc == 0, out
    assert "Fitting constant-only model:" not in out and "Fitting full model:" not in out
    lines = out.split("\n")
    assert lines[lines.index("   analysis time _t:  time") + 2].startswith("Iteration 0:")
    assert next(x for x in lines if "chi2(0)" in x).endswith("Wald chi2(0)     =           .")
    assert next(x for x in lines if "Prob > chi2" in x).endswith("Prob > chi2      =           .")
    assert s.e.macros["chi2type"] == "Wald" and "ll_0" not in s.e.scalars


@pytest.mark.parametrize("extra", ["", " time", " offset(ph_ecog)"])
def test_exponential_logs_only_the_full_model_from_the_closed_form_start(do, lung, extra):
    """ereg.ado: the constant-only model in closed form (ml quietly with an offset), then the full
    model's ml log under no heading, from that fit: its Iteration 0 is the constant-only ll."""
    rc, out, s = do(SETUP + f"streg age female, distribution(exponential){extra}", df=lung)
    assert rc == 0, out
    assert "Fitting constant-only model:" not in out and "Fitting full model:" not in out
    lines = out.split("\n")
    first = lines[lines.index("   analysis time _t:  time") + 2]
    assert first == f"Iteration 0:   log likelihood = {s.e.scalars['ll_0']:.8g}"
    assert lines[lines.index("   analysis time _t:  time") + 1] == ""
