"""streg's from() (``mlmcli.commands.estimation.streg_start``): ml's starting values as the
Stata 13 ados hand them to ml -- weibull_s's reported metric, ln_p required and no
constant-only fit (a Wald test); lnormal's init() with continue (the LR test kept); ereg's
hazard metric under the time form -- and ml_init's errors.  ``iterate(0)`` makes the estimates
the starting values, so the metric each is read in is checked by hand."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
SETUP = "stset time, failure(died)\n"


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _b(s):
    return s.e.matrices["b"].values.ravel()


@pytest.mark.parametrize("text, expected", [
    # weibull_s: the reported metric (hazard form, then the time form)
    ("distribution(weibull) from(_t:age=0.01 _t:sex=-0.5 _t:_cons=-7 /ln_p=0.3)", [0.01, -0.5, -7, 0.3]),
    ("distribution(weibull) time from(age=-0.01 sex=0.4 _cons=6 /ln_p=0.3)", [-0.01, 0.4, 6, 0.3]),
    # ereg's ml fits the hazard metric: the time form's b are the typed ones negated
    ("distribution(exponential) time from(0.01 -0.5 -6, copy)", [-0.01, 0.5, 6]),
    ("distribution(lognormal) from(0.01 -0.5 6 0.1, copy)", [0.01, -0.5, 6, 0.1]),
])
def test_iterate_zero_reports_the_start(do, lung, text, expected):
    rc, out, s = do(SETUP + f"streg age sex, {text} iterate(0) nolog", df=lung)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s), expected, atol=1e-12)


def test_weibull_from_skips_the_constant_only_fit(do, lung):
    """weibull_s with from(): no constant-only model, so ml's Wald test of the slopes
    (b' V^-1 b over age and sex), no e(ll_0); the maximum is the one without from()."""
    rc, out, s = do(SETUP + "streg age sex, distribution(weibull) nolog\nmatrix b0 = e(b)", df=lung)
    b0, ll = _b(s), s.e.scalars["ll"]
    rc, out, s = do("streg age sex, distribution(weibull) from(b0)", session=s)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s), b0, rtol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-10)
    V = s.e.matrices["V"].values[:2, :2]
    wald = float(_b(s)[:2] @ np.linalg.solve(V, _b(s)[:2]))
    assert s.e.macros["chi2type"] == "Wald" and s.e.scalars["chi2"] == pytest.approx(wald, rel=1e-8)
    assert "ll_0" not in s.e.scalars
    assert "Fitting constant-only model:" not in out and "Fitting full model:" in out
    assert "Wald chi2(2)     =       12.97" in out


def test_lognormal_from_keeps_the_lr_test(do, lung):
    rc, out, s = do(SETUP + "streg age sex, distribution(lognormal) nolog", df=lung)
    b0, chi2 = _b(s), s.e.scalars["chi2"]
    rc, out, s = do("streg age sex, distribution(lognormal) from(_t:age=0.01 /ln_sig=0.3)", session=s)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s), b0, rtol=1e-6)
    assert s.e.macros["chi2type"] == "LR" and s.e.scalars["chi2"] == pytest.approx(chi2, rel=1e-6)
    assert "Fitting constant-only model:" in out


@pytest.mark.parametrize("text, message, rc", [
    ("distribution(weibull) from(_t:age=0.01)", "must specify a value of ln_p:_cons in from()", 498),
    ("distribution(lognormal) from(_t:bogus=1)", "parameter _t:bogus not found", 111),
    ("distribution(lognormal) from(1 2, copy)", "from(): wrong number of values", 503),
    ("distribution(lognormal) from(nosuch)", "matrix nosuch not found", 111),
    ("distribution(weibull) from(_t:age=0 /ln_p=0) frailty(gamma)",
     "option from() with frailty() not supported by mlmcli", 198),
])
def test_errors(do, lung, text, message, rc):
    got, out, s = do(SETUP + f"streg age sex, {text}", df=lung)
    assert got == rc and message in out, out


def test_skip_ignores_names_the_model_lacks(do, lung):
    rc, out, s = do(SETUP + "streg age sex, distribution(lognormal) from(_t:bogus=1 _t:age=0, skip) nolog", df=lung)
    assert rc == 0, out
