"""tpoisson, tnbreg, ztp, ztnb: numbers against R (tests/count_models_reference/truncated_count.R:
the left-truncated Poisson and NB2 likelihoods written out with dpois/ppois and dnbinom/pnbinom,
optim and numDeriv), predict against scipy, e() and tpoisson.ado's/tnbreg.ado's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

HERE = Path(__file__).parent / "count_models_reference"
REF = json.loads((HERE / "truncated_count.json").read_text())
DATA = pd.read_csv(HERE / "truncated_counts.csv").astype(float)


def _fit(do, text):
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    return printed, s


def _check(s, ref, rtol_se=1e-4):
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(se, ref["se"], rtol=rtol_se)


@pytest.mark.parametrize("command", ["tpoisson", "ztp"])
def test_zero_truncated_poisson(do, command):
    printed, s = _fit(do, f"{command} y x1 x2 if y > 0")
    ref = REF["tpoisson"]
    _check(s, ref)
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll_0"], abs=1e-7)
    chi2 = 2 * (ref["ll"] - ref["ll_0"])
    assert f"LR chi2(2)      = {chi2:10.2f}" in printed
    title = {"tpoisson": "Truncated Poisson regression", "ztp": "Zero-truncated Poisson regression"}[command]
    assert printed.count(title) == 1
    assert ("Truncation point: 0" in printed) == (command == "tpoisson")
    assert s.e.macros["predict"] == f"{command}_p"


def test_variable_truncation_point_and_exposure(do):
    printed, s = _fit(do, "tpoisson y x1 x2 if y > pt, ll(pt) exposure(t) irr nolog")
    _check(s, REF["tpoisson_var"])
    assert "       ln(t) |          1  (exposure)" in printed and "Truncation point: pt" in printed
    assert "           y |        IRR" in printed and s.e.macros["llopt"] == "pt"


@pytest.mark.parametrize("command", ["tnbreg", "ztnb"])
def test_truncated_negative_binomial(do, command):
    printed, s = _fit(do, f"{command} ynb x1 x2 if ynb > 0")
    ref = REF["tnbreg"]
    _check(s, ref)
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll_0"], abs=1e-6)
    assert s.e.scalars["ll_c"] == pytest.approx(ref["ll_poisson"], abs=1e-6)
    chi2_c = 2 * (ref["ll"] - ref["ll_poisson"])
    assert f"LR test of alpha=0: chibar2(01) = {chi2_c:.2f}" in printed
    assert "Prob >= chibar2 = 0.000" in printed
    assert "Fitting truncated Poisson model:" in printed and "Fitting constant-only model:" in printed
    assert s.e.matrices["b"].colnames[-1] == "lnalpha:_cons"
    alpha = np.exp(ref["coef"][3])
    assert s.e.scalars["alpha"] == pytest.approx(alpha, rel=1e-5)


def test_predictions(do):
    _, s = _fit(do, "quietly tpoisson y x1 x2 if y > 0\npredict n\npredict cm, cm\npredict p1, pr(1)\n"
                    "quietly tnbreg ynb x1 x2 if ynb > 0\npredict cmb, cm")
    df = s.data.df
    b = REF["tpoisson"]["coef"]
    mu = np.exp(b[0] * DATA.x1 + b[1] * DATA.x2 + b[2])
    np.testing.assert_allclose(df.n, mu, rtol=1e-5)
    np.testing.assert_allclose(df.cm, mu / (1 - np.exp(-mu)), rtol=1e-5)
    np.testing.assert_allclose(df.p1, stats.poisson.pmf(1, mu), rtol=1e-5)
    bn = REF["tnbreg"]["coef"]
    mun = np.exp(bn[0] * DATA.x1 + bn[1] * DATA.x2 + bn[2])
    size = np.exp(-bn[3])
    p0 = stats.nbinom.pmf(0, size, size / (size + mun))
    np.testing.assert_allclose(df.cmb, mun / (1 - p0), rtol=1e-5)
    assert s.data.var_labels["cm"] == "Conditional mean of n > ll(0)"


@pytest.mark.parametrize("text, message, rc", [
    ("tpoisson y x1", "truncation value specified in ll() must be less than 0, the smallest value in y", 459),
    ("tpoisson y x1 if y > 1, ll(-1)", "ll(-1) must specify a nonnegative value", 198),
    ("tpoisson y x1 if y > 1, ll(1.5)", "ll(1.5) must specify an integer", 198),
    ("tnbreg ynb x1", "some observations on ynb are zero, truncated negative binomial model is inappropriate", 459),
    ("ztp y x1", "y must be greater than zero", 459),
    ("tpoisson y x1 if y > 0, exposure(t) offset(x2)", "only one of offset() or exposure() can be specified", 198),
    ("tpoisson y if y > 0, noconstant", "independent variables required with noconstant option", 100),
    ("tnbreg ynb x1 if ynb > 0, dispersion(constant)", "not supported by mlmcli", 198),
])
def test_errors(do, text, message, rc):
    got, printed, _ = do(text, DATA.copy())
    assert got == rc, printed
    assert message in printed
