"""predict after logit/logistic: logit_p's covariate-pattern statistics (number, residuals,
rstandard, hat, dbeta, dx2, ddeviance), their labels, if/in and weights; values from R
(``tests/reference_values/logit_pattern_statistics.R``: glm on the data grouped by pattern)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REFERENCE = json.loads((Path(__file__).parent / "reference_values" / "logit_pattern_statistics.json").read_text())
STATS = {"number": "covariate pattern", "residuals": "Pearson residual",
         "rstandard": "standardized Pearson residual", "hat": "leverage", "dbeta": "Pregibon's dbeta",
         "dx2": "H-L dX^2", "ddeviance": "H-L dD"}


@pytest.fixture
def data():
    return pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "z", "y", "w")})


@pytest.mark.parametrize("fit", ["logit y x z", "logistic y x z"])
@pytest.mark.parametrize("stat", sorted(STATS))
def test_pattern_statistics_match_r(do, data, fit, stat):
    rc, out, s = do(f"{fit}\npredict v, {stat}", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("v"), REFERENCE["logit"][stat], rtol=1e-6, atol=1e-9)
    assert s.data.var_labels["v"] == STATS[stat]
    assert "missing value" not in out


@pytest.mark.parametrize("stat, label", [("residuals", "weighted Pearson residual"), ("hat", "weighted leverage"),
                                         ("rstandard", "standardized Pearson residual"), ("dx2", "H-L dX^2"),
                                         ("dbeta", "Pregibon's dbeta"), ("ddeviance", "H-L dD")])
def test_frequency_weights_count_in_each_pattern(do, data, stat, label):
    rc, out, s = do(f"logit y x z [fw=w]\npredict v, {stat}", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("v"), REFERENCE["logit_fw"][stat], rtol=1e-6, atol=1e-9)
    assert s.data.var_labels["v"] == label


def test_abbreviations_and_if_in(do, data):
    rc, out, s = do("logit y x z\npredict r if x > 1, r\npredict h in 1/10, h\npredict k, n\n"
                    "predict db, db\npredict rs, rs\npredict dd if x > 1, dd", data)
    assert rc == 0, out
    ref = REFERENCE["logit"]
    big = data["x"].to_numpy() > 1
    np.testing.assert_allclose(s.data.numeric("r"), np.where(big, ref["residuals"], np.nan), rtol=1e-6)
    assert f"({int((~big).sum())} missing values generated)" in out
    np.testing.assert_allclose(s.data.numeric("h")[:10], ref["hat"][:10], rtol=1e-6)
    assert np.all(np.isnan(s.data.numeric("h")[10:])) and "(50 missing values generated)" in out
    np.testing.assert_allclose(s.data.numeric("k"), ref["number"])
    # logit_p computes ddeviance on the whole estimation sample whatever the if/in
    np.testing.assert_allclose(s.data.numeric("dd"), ref["ddeviance"], rtol=1e-6)


def test_rows_outside_the_estimation_sample_are_missing(do, data):
    rc, out, s = do("logit y x z if z == 0\npredict k, number\npredict h, hat", data)
    assert rc == 0, out
    z1 = data["z"].to_numpy() == 1
    assert np.all(np.isnan(s.data.numeric("k")[z1])) and np.all(np.isnan(s.data.numeric("h")[z1]))
    assert sorted(set(s.data.numeric("k")[~z1])) == [1, 2, 3, 4, 5]  # the five x values, in order
    assert f"({int(z1.sum())} missing values generated)" in out


def test_number_follows_the_variables_of_a_factor(do, data):
    """Patterns are numbered in the sort order of the variables (logit_p's unopvarlist), not of
    the indicator columns: with i.x the number is x's rank."""
    d = data.copy()
    rc, out, s = do("logit y i.x\npredict k, number", d)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("k"), d["x"] + 1)


@pytest.mark.parametrize("fit, predict, message, code", [
    ("logit y x z [pw=w]", "predict v, hat", "not possible with pweights", 135),
    ("logit y x z [pw=w]", "predict v, rstandard", "not possible with pweights", 135),
    ("logit y x z", "predict v, hat xb", "only one statistic may be specified", 198),
    ("probit y x z", "predict v, hat", "option hat not allowed", 198),
    ("logit y x z", "predict v w2, hat", "too many variables specified", 103)])
def test_refusals_leave_the_data_unchanged(do, data, fit, predict, message, code):
    rc, out, s = do(f"{fit}\n{predict}", data)
    assert rc == code and message in out, out
    assert "v" not in s.data.varnames


def test_number_ignores_pweights(do, data):
    rc, out, s = do("logit y x z [pw=w]\npredict k, number", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("k"), REFERENCE["logit"]["number"])
