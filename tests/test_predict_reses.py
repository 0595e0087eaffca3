"""``predict newvar*, reffects reses(stub*|newvarlist)`` after ``mixed``: the BLUPs and their
standard errors in one call (the mixed postestimation help's form, used by real do-files).

Numbers against lme4 (tests/reference_values/reses_reference.R -> .json): after ML Stata's
reses are lme4's condVar SDs; after REML the comparative SEs (Henderson's equations), which
the R script computes from lme4's X, Z, Lambda and sigma.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

REF = json.loads((Path(__file__).parent / "reference_values" / "reses_reference.json").read_text())


@pytest.fixture
def sleep(shared_dir, do):
    def fit(method):
        rc, out, s = do(f'use "{shared_dir}/data/sleepstudy.dta", clear\n'
                        f"quietly mixed reaction days || subject: days, {method} covariance(unstructured)")
        assert rc == 0, out
        return s
    return fit


@pytest.mark.parametrize("method, key, se", [("mle", "ml", "se_conditional"), ("reml", "reml", "se_comparative")])
def test_reffects_with_reses_match_lme4(sleep, run, method, key, se):
    s = sleep(method)
    out, rc = run(s, "predict double u*, reffects reses(s*)")
    assert rc == 0 and out == ""
    ref = REF[key]
    df = s.data.df
    for g, group in enumerate(ref["groups"]):
        row = df.index[df["subject"] == float(group)][0]
        # Stata's order: days, then _cons; lme4's: (Intercept), Days.  The ML likelihood is flat
        # here: mlm's ll is 1e-8 above lme4's and the modes differ by up to 2e-5 relative.
        assert df.at[row, "u1"] == pytest.approx(ref["modes"][g][1], rel=5e-5, abs=5e-4)
        assert df.at[row, "u2"] == pytest.approx(ref["modes"][g][0], rel=5e-5, abs=5e-4)
        assert df.at[row, "s1"] == pytest.approx(ref[se][g][1], rel=2e-5)
        assert df.at[row, "s2"] == pytest.approx(ref[se][g][0], rel=2e-5)
    assert s.data.var_labels["s2"] == "BLUP r.e. std. errors for subject: _cons"
    assert s.data.var_labels["u1"] == "BLUP r.e. for subject: days"


def test_reses_suboption_equals_reses_statistic(sleep, run):
    s = sleep("reml")
    run(s, "predict a1 a2, reffects reses(b1 b2)\npredict c*, reses\npredict d*, reffects")
    df = s.data.df
    assert np.array_equal(df["b1"], df["c1"]) and np.array_equal(df["b2"], df["c2"])
    assert np.array_equal(df["a1"], df["d1"])


@pytest.mark.parametrize("line, rc, message", [
    ("predict q, xb reses(b)", 198, "option reses() requires option reffects"),
    ("predict q, reffects reses(b)", 102, "too few variables specified"),
    ("predict q1 q2, reffects reses(b1 b2 b3)", 103, "too many variables specified"),
    ("predict q1 q2, reffects reses(days b2)", 110, "variable days already defined"),
    ("predict q1 q2, reffects reses(q1 q2)", 110, "variable q1 already defined"),
    ("predict q1 q2, reffects reses(double b*)", 198, "option reses() invalid"),
])
def test_reses_suboption_errors_leave_the_data_alone(sleep, run, line, rc, message):
    s = sleep("reml")
    before = list(s.data.df.columns)
    out, got = run(s, line)
    assert got == rc and message in out
    assert list(s.data.df.columns) == before
