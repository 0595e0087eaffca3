"""``mixed depvar indepvars`` without a ``||`` equation: Stata fits the linear regression by
ML (``_xtmixed_estimate``: ``cmd_n == 1``, regress's b, V scaled by df_r/N, var(Residual) =
RSS/N) and leaves e(ivars) empty, so the postestimation commands refuse what needs random
effects, with the messages of Stata's ado files (Stata 16's tree in
opensafely-core/cohort-extractor bin/ado/base):

- ``estat group``: ``_xtmixed_display`` DiHeader, grouponly: "model is linear regression;
  no group information available" r(459);
- ``estat icc``: ``_estat_icc``: "requested action not valid after mixed because there are
  no random effects in the model" r(321);
- ``estat recovariance``: ``_xtme_estat`` Covariance: "model is linear regression; no random
  effects" r(459) (after its options are parsed);
- ``estat wcorrelation``: ``_mixed_wcorr`` step 0: a note, rc 0;
- ``predict, reffects`` / ``reses``: ``xtmixed_p`` ParseRE: "random-effects equation(s)
  empty; BLUPs of random effects not available" r(459);
- the header: e(title) "Mixed-effects ML regression", no group lines (DiGroupTable exits on
  no levels), no "LR test vs. linear model" line (e(chi2_c) only when cmd_n > 1); e(N_g),
  e(g_min) .. not stored (SaveGroupInfo exits), e(k_r) 1 (var(Residual))."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(55)
    n = 60
    x = rng.normal(size=n)
    g = np.repeat(np.arange(1, 7), 10).astype(float)
    y = 1.5 + 0.8 * x + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x": x, "g": g})


def _ols(data):
    X = np.column_stack([data["x"], np.ones(len(data))])
    b, *_ = np.linalg.lstsq(X, data["y"].to_numpy(), rcond=None)
    rss = float(np.sum((data["y"].to_numpy() - X @ b) ** 2))
    return X, b, rss


def test_estimates_are_ml_linear_regression(do, data):
    rc, out, s = do("mixed y x", data)
    assert rc == 0, out
    X, b, rss = _ols(data)
    n = len(data)
    bb = np.asarray(s.e.matrices["b"].values).ravel()
    np.testing.assert_allclose(bb[:2], b, rtol=1e-8)
    sigma2 = rss / n  # ML, not RSS/(n-k)
    V = np.asarray(s.e.matrices["V"].values)[:2, :2]
    np.testing.assert_allclose(V, sigma2 * np.linalg.inv(X.T @ X), rtol=1e-6)
    ll = -0.5 * n * (np.log(2 * np.pi * sigma2) + 1)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-9)
    assert f"{sigma2:.6f}"[:7] in out  # var(Residual) row


def test_header_and_stored_results(do, data):
    rc, out, s = do("mixed y x", data)
    assert rc == 0, out
    assert "Mixed-effects ML regression" in out
    assert "Group variable" not in out and "No. of" not in out and "Obs per group" not in out
    assert "LR test vs. linear model" not in out
    assert "var(Residual)" in out
    e = s.e
    assert e.macros["title"] == "Mixed-effects ML regression"
    assert e.macros["ivars"] == "" and e.macros["revars"] == "" and e.macros["redim"] == ""
    assert e.scalars["k_r"] == 1
    for name in ("N_g", "g_min", "g_avg", "g_max"):
        assert name not in e.matrices
    for name in ("chi2_c", "ll_c", "df_c", "p_c"):
        assert name not in e.scalars


REFUSALS = [
    ("estat group", 459, "model is linear regression; no group information available"),
    ("estat icc", 321,
     "requested action not valid after mixed because there are no random effects in the model"),
    ("estat recovariance", 459, "model is linear regression; no random effects"),
    ("estat recovariance, correlation", 459, "model is linear regression; no random effects"),
    ("predict r, reffects", 459,
     "random-effects equation(s) empty; BLUPs of random effects not available"),
    ("predict r*, reffects", 459,
     "random-effects equation(s) empty; BLUPs of random effects not available"),
    ("predict s, reses", 459,
     "random-effects equation(s) empty; BLUPs of random effects not available"),
]


@pytest.mark.parametrize("text, code, message", REFUSALS)
def test_postestimation_refusals(do, data, text, code, message):
    rc, out, s = do("quietly mixed y x\n" + text, data)
    assert rc == code, out
    assert out == f"{message}\nr({code});\n"
    assert list(s.data.varnames) == ["y", "x", "g"]  # nothing created


def test_recovariance_options_are_parsed_first(do, data):
    rc, out, s = do("quietly mixed y x\nestat recovariance, bogus", data)
    assert rc == 198, out


def test_wcorrelation_prints_the_independence_note(do, data):
    rc, out, s = do("quietly mixed y x\nestat wcorrelation", data)
    assert rc == 0, out
    _, _, rss = _ols(data)
    assert out.startswith("\nmodel is linear regression; all observations are independent with standard\n"
                          "    deviation ")  # {p 0 4 2} wraps at 79 columns
    text = " ".join(out.split())
    assert text.startswith("model is linear regression; all observations are independent "
                           "with standard deviation ")
    assert float(text.split()[-1]) == pytest.approx(np.sqrt(rss / len(data)), rel=1e-6)


def test_with_random_effects_the_group_table_and_recovariance_stay(do, data):
    rc, out, s = do("quietly mixed y x || g:\nestat group\nestat recovariance", data)
    assert rc == 0, out
    assert "Group Variable" in out and "Random-effects covariance matrix for level g" in out


def test_all_empty_random_effects_equations_are_linear_regression(do, data):
    rc, out, s = do("mixed y x || g:, noconstant", data)
    assert rc == 0, out
    assert out.startswith("Note: all random-effects equations are empty; model is linear regression\n")
    assert s.e.macros["ivars"] == ""
    rc, out, s = do("estat group", session=s)
    assert rc == 459 and out == "model is linear regression; no group information available\nr(459);\n"


def test_dfmethod_other_than_residual_is_refused(do, data):
    rc, out, s = do("mixed y x, reml dfmethod(kroger)", data)
    assert rc == 198
    assert out == "model is linear regression; option dfmethod(residual) should be used\nr(198);\n"
