"""predict after glm: hat, cooksd, likelihood, anscombe and the standardized/studentized/
modified/adjusted residuals (glim_p), numbers against R (``tests/reference_values/
glm_influence.R``) or glim_v's formulas, labels and refusals as glim_p's."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import special

REFERENCE = json.loads((Path(__file__).parent / "reference_values" / "glm_influence.json").read_text())
FITS = {"poisson": "glm cnt x z, family(poisson)", "gamma": "glm g x z, family(gamma) link(log)",
        "binomial": "glm s x z, family(binomial m)"}


@pytest.fixture
def data():
    return pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "z", "cnt", "g", "m", "s")})


@pytest.mark.parametrize("family", sorted(FITS))
@pytest.mark.parametrize("predict, key, label", [
    ("hat", "hat", "hat diagonal"), ("cooksd", "cooksd", "Cook's distance"),
    ("likelihood", "likelihood", "likelihood residual"),
    ("deviance standardized", "std_deviance", "standardized deviance residual"),
    ("deviance standardized studentized", "stu_std_deviance", "standardized Studentized deviance residual"),
    ("pearson standardized", "std_pearson", "standardized Pearson residual")])
def test_hat_based_statistics_match_r(do, data, family, predict, key, label):
    rc, out, s = do(f"{FITS[family]}\npredict v, {predict}", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("v"), REFERENCE[family][key], rtol=2e-5, atol=1e-8)
    assert s.data.var_labels["v"] == label


@pytest.mark.parametrize("family", ["poisson", "gamma"])
def test_anscombe_residuals_match_r(do, data, family):
    rc, out, s = do(f"{FITS[family]}\npredict a, anscombe\npredict an, a", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("a"), REFERENCE[family]["anscombe"], rtol=2e-5, atol=1e-8)
    assert s.data.var_labels["a"] == "Anscombe residual"


def test_binomial_anscombe_and_adjusted_deviance_follow_glim_v2(do, data):
    rc, out, s = do("glm s x z, family(binomial m)\npredict double mu\npredict a, anscombe\npredict d, deviance\n"
                    "predict ad, deviance adjusted", data)
    assert rc == 0, out
    y, m, mu = data["s"].to_numpy(), data["m"].to_numpy(), s.data.numeric("mu").astype(float)
    H = lambda t: special.hyp2f1(2 / 3, 1 / 3, 5 / 3, t)  # noqa: E731
    expected = 1.5 * (y ** (2 / 3) * H(y / m) - mu ** (2 / 3) * H(mu / m)) / (mu * (1 - mu / m)) ** (1 / 6)
    np.testing.assert_allclose(s.data.numeric("a"), expected, rtol=1e-5, atol=1e-6)
    adj = (1 - 2 * mu / m) / (6 * np.sqrt(mu * (1 - mu / m)))
    np.testing.assert_allclose(s.data.numeric("ad"), s.data.numeric("d") + adj, rtol=1e-5, atol=1e-6)
    assert s.data.var_labels["ad"] == "adjusted deviance residual"


def test_studentized_and_modified(do, data):
    phi = REFERENCE["gamma"]["phi"][0]
    rc, out, s = do("glm g x z, family(gamma) link(log)\npredict p, pearson\npredict sp, pearson studentized\n"
                    "predict mp if z == 0, pearson modified", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("sp"), s.data.numeric("p") / np.sqrt(phi), rtol=1e-5)
    assert s.data.var_labels["sp"] == "Studentized Pearson residual"
    z0 = data["z"].to_numpy() == 0
    np.testing.assert_allclose(s.data.numeric("mp"), np.where(z0, s.data.numeric("p"), np.nan), rtol=1e-6)
    assert s.data.var_labels["mp"] == "modified Pearson residual"
    assert f"({int((~z0).sum())} missing values generated)" in out


def test_estimation_sample_only_and_if_in(do, data):
    rc, out, s = do("glm cnt x z if z == 0, family(poisson)\npredict h, hat\npredict h5 in 1/5, hat", data)
    assert rc == 0, out
    z1 = data["z"].to_numpy() == 1
    assert np.all(np.isnan(s.data.numeric("h")[z1])) and np.all(np.isfinite(s.data.numeric("h")[~z1]))
    assert f"({int(z1.sum())} missing values generated)" in out
    assert np.isfinite(s.data.numeric("h5")).sum() == int((~z1[:5]).sum())


@pytest.mark.parametrize("fit, predict, message", [
    ("glm cnt x z, family(poisson) vce(robust)", "predict v, hat",
     "option standardized not allowed after robust variance estimation"),
    ("glm cnt x z, family(poisson)", "predict v, hat standardized",
     "option standardized not allowed with hat residuals"),
    ("glm cnt x z, family(poisson)", "predict v, likelihood studentized",
     "option studentized not allowed with likelihood residuals"),
    ("glm cnt x z, family(poisson)", "predict v, pearson adjusted",
     "option adjusted allowed only with option deviance"),
    ("glm cnt x z, family(nbinomial 1)", "predict v, deviance adjusted",
     "Adjusted deviance residuals not supported for this family"),
    ("glm cnt x z, family(poisson)", "predict v, hat cooksd", "only one statistic may be specified")])
def test_refusals_leave_the_data_unchanged(do, data, fit, predict, message):
    rc, out, s = do(f"{fit}\n{predict}", data)
    assert rc == 198 and message in out, out
    assert "v" not in s.data.varnames


def test_base_residual_labels_are_glim_ps(do, data):
    rc, out, s = do("glm cnt x z, family(poisson)\npredict mu\npredict r, response\npredict d, deviance\n"
                    "predict w, working\npredict sc, score", data)
    assert rc == 0, out
    labels = s.data.var_labels
    assert (labels["r"], labels["d"], labels["w"], labels["sc"]) == (
        "response residual", "deviance residual", "working residual", "equation-level score from glm")
    # Poisson, log link: d lnL/d eta = y - mu
    np.testing.assert_allclose(s.data.numeric("sc"), data["cnt"] - s.data.numeric("mu"), rtol=1e-5, atol=1e-5)
