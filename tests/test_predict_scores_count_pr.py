"""predict ..., scores after logit/logistic/probit/cloglog/poisson/nbreg and pr(n)/pr(a,b) after
poisson/nbreg: numbers against R (``tests/reference_values/logit_pattern_statistics.R``; count
probabilities from the fitted means there), labels and missing-value notes as Stata's."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

REFERENCE = json.loads((Path(__file__).parent / "reference_values" / "logit_pattern_statistics.json").read_text())


@pytest.fixture
def data():
    return pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "z", "y", "w", "cnt")})


@pytest.mark.parametrize("cmd, key", [("logit", "score_logit"), ("logistic", "score_logit"),
                                      ("probit", "score_probit"), ("cloglog", "score_cloglog")])
def test_binary_scores_match_r(do, data, cmd, key):
    rc, out, s = do(f"{cmd} y x z\npredict s, score\npredict s2 if x > 1, sc", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("s"), REFERENCE[key], rtol=1e-5, atol=1e-8)
    assert s.data.var_labels["s"] == f"equation-level score from {cmd}"
    big = data["x"].to_numpy() > 1
    np.testing.assert_allclose(s.data.numeric("s2"), np.where(big, REFERENCE[key], np.nan), rtol=1e-5, atol=1e-8)
    assert "missing value" not in out  # GenScores generates quietly


def test_poisson_score_and_missing_note(do, data):
    d = data.copy()
    d.loc[3, "cnt"] = np.nan
    rc, out, s = do("poisson cnt x z\npredict s, scores", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("s"), REFERENCE["score_poisson"], rtol=1e-5, atol=1e-8)
    assert s.data.var_labels["s"] == "equation-level score from poisson"
    rc, out, s = do("poisson cnt x z\npredict s in 1/50, scores", data)
    assert "(10 missing values generated)" in out
    rc, out, s = do("poisson cnt x z if _n != 4\npredict s, scores", d)  # ml score: the outcome must be known
    assert rc == 0 and "(1 missing value generated)" in out, out
    assert np.isnan(s.data.numeric("s")[3]) and np.isfinite(s.data.numeric("s")).sum() == 59


def test_nbreg_scores_of_both_equations(do, data):
    rc, out, s = do("nbreg cnt x z\npredict s*, scores\npredict t, scores", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("s1"), REFERENCE["score_nbreg_xb"], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(s.data.numeric("s2"), REFERENCE["score_nbreg_lnalpha"], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(s.data.numeric("t"), REFERENCE["score_nbreg_xb"], rtol=1e-4, atol=1e-6)
    assert s.data.var_labels["s1"] == "equation-level score for [cnt] from nbreg"
    assert s.data.var_labels["s2"] == "equation-level score for /lnalpha from nbreg"


def test_poisson_count_probabilities(do, data):
    mu = np.asarray(REFERENCE["poisson_mu"])
    rc, out, s = do("poisson cnt x z\npredict p2, pr(2)\npredict p13, pr(1,3)\npredict p2up, pr(2,.)\n"
                    "predict p0 in 1/20, pr(0,0)", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("p2"), stats.poisson.pmf(2, mu), rtol=1e-5)
    np.testing.assert_allclose(s.data.numeric("p13"), stats.poisson.cdf(3, mu) - stats.poisson.cdf(0, mu), rtol=1e-5)
    np.testing.assert_allclose(s.data.numeric("p2up"), stats.poisson.sf(1, mu), rtol=1e-5)
    np.testing.assert_allclose(s.data.numeric("p0")[:20], np.exp(-mu[:20]), rtol=1e-5)
    assert "(40 missing values generated)" in out
    labels = s.data.var_labels
    assert (labels["p2"], labels["p13"], labels["p2up"], labels["p0"]) == (
        "Pr(cnt=2)", "Pr(1<=cnt<=3)", "Pr(cnt>=2)", "Pr(0<=cnt<=0)")


def test_nbreg_count_probabilities(do, data):
    mu = np.asarray(REFERENCE["nbreg_mu"])
    size = np.exp(-REFERENCE["nbreg_lnalpha"])
    dist = stats.nbinom(size, size / (size + mu))
    rc, out, s = do("nbreg cnt x z\npredict p2, pr(2)\npredict p13, pr(1,3)", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("p2"), dist.pmf(2), rtol=1e-4)
    np.testing.assert_allclose(s.data.numeric("p13"), dist.cdf(3) - dist.cdf(0), rtol=1e-4)
    assert s.data.var_labels["p2"] == "Pr(cnt=2)"


@pytest.mark.parametrize("fit, predict, message, code", [
    ("poisson cnt x z", "predict p, pr(-1)", "argument must be nonnegative", 198),
    ("poisson cnt x z", "predict p, pr(1.5)", "argument must be an integer", 198),
    ("poisson cnt x z", "predict p, pr(3,1)", "upper bound of 1 must be greater than or equal to the lower bound of 3", 198),
    ("poisson cnt x z", "predict p, pr(nosuch)", "argument must be a number or variable", 198),
    ("logit y x z", "predict p, pr(1)", "option pr() not allowed", 198),
    ("cloglog y x z [pw=w]", "predict p, pr(1)", "option pr() not allowed", 198)])
def test_refusals_leave_the_data_unchanged(do, data, fit, predict, message, code):
    rc, out, s = do(f"{fit}\n{predict}", data)
    assert rc == code and message in out, out
    assert "p" not in s.data.varnames


ORDINAL = json.loads((Path(__file__).parent / "reference_values" / "ordinal_scores.json").read_text())


@pytest.mark.parametrize("cmd", ["ologit", "oprobit"])
def test_ordinal_scores_match_r(do, data, cmd):
    d = data.assign(o=np.minimum(data["cnt"], 3))
    rc, out, s = do(f"{cmd} o x z\npredict s*, scores\npredict t, scores\npredict c2 if x > 1, scores outcome(#3)", d)
    assert rc == 0, out
    for j in range(4):
        np.testing.assert_allclose(s.data.numeric(f"s{j + 1}"), ORDINAL[cmd][j], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(s.data.numeric("t"), ORDINAL[cmd][0], rtol=1e-4, atol=1e-6)
    big = d["x"].to_numpy() > 1
    np.testing.assert_allclose(s.data.numeric("c2"), np.where(big, ORDINAL[cmd][2], np.nan), rtol=1e-4, atol=1e-6)
    assert s.data.var_labels["s1"] == f"equation-level score for x*b from {cmd}"
    assert s.data.var_labels["s3"] == f"equation-level score for _cut2 from {cmd}"
    assert "missing value" not in out  # CompScores runs quietly


def test_ordinal_scores_need_one_or_all_names(do, data):
    d = data.assign(o=np.minimum(data["cnt"], 3))
    rc, out, s = do("ologit o x z\npredict a b, scores", d)
    assert rc == 102 and "too few variables specified" in out
    rc, out, s = do("ologit o x z\npredict a b, scores outcome(#2)", d)
    assert rc in (102, 198) and "a" not in s.data.varnames
