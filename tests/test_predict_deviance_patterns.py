"""``predict newvar, deviance`` after logit, logistic and probit: the deviance residuals by
covariate pattern (logit_p/probit_p), fweights counted in each pattern, Stata's refusals;
values from R (``tests/reference_values/logit_deviance_patterns.R``: glm on the data grouped by
pattern, whose deviance residuals are Stata's d_j)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REFERENCE = json.loads((Path(__file__).parent / "reference_values" / "logit_deviance_patterns.json").read_text())


@pytest.fixture
def data():
    return pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "z", "y", "w")})


@pytest.mark.parametrize("fit, key", [("logit y x z", "logit"), ("logistic y x z", "logit"),
                                      ("probit y x z", "probit"), ("logit y x z [fw=w]", "logit_fw")])
def test_deviance_residuals_by_covariate_pattern_match_r(do, data, fit, key):
    rc, out, s = do(f"{fit}\npredict d, deviance\npredict dd if x > 1, dev", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("d"), REFERENCE[key]["dresid"], rtol=1e-6, atol=1e-9)
    expected = np.where(data["x"] > 1, REFERENCE[key]["dresid"], np.nan)
    np.testing.assert_allclose(s.data.numeric("dd"), expected, rtol=1e-6, atol=1e-9)
    assert s.data.var_labels["d"] == ("weighted deviance residual" if "fw" in fit else "deviance residual")


def test_rows_outside_the_sample_are_missing(do, data):
    rc, out, s = do("logit y x z if z == 0\npredict d, deviance", data)
    assert rc == 0
    d = s.data.numeric("d")
    assert np.all(np.isnan(d[data["z"] == 1])) and np.all(np.isfinite(d[data["z"] == 0]))


@pytest.mark.parametrize("fit, predict, message, code", [
    ("logit y x z [pw=w]", "predict d, deviance", "not possible with pweights", 135),
    ("poisson y x z", "predict d, deviance", "option deviance not allowed", 198),
    ("cloglog y x z", "predict d, deviance", "option deviance not allowed", 198),
    ("logit y x z", "predict d, deviance xb", "only one statistic may be specified", 198)])
def test_refusals(do, data, fit, predict, message, code):
    rc, out, s = do(f"{fit}\n{predict}", data)
    assert rc == code and message in out, out
    assert "d" not in s.data.varnames
