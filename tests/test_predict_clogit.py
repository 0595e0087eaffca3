"""predict after clogit (clogit_p): pc1 (the default), pu0, xb, stdp, the 1:M diagnostics
residuals, hat, rstandard, dx2, dbeta, gdx2, gdbeta, and scores; labels, offsets, fweights and
clogit_p's refusals.  Numbers: tests/reference_values/clogit_predict_diagnostics.R (b from
survival::clogit, the statistics from the manual's formulas, scores by enumerating subsets)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = json.loads((Path(__file__).parent / "reference_values" / "clogit_predict_diagnostics.json").read_text())
LABELS = {"pc1": "Pr(y|single outcome w/i g)", "pu0": "Pr(y|fixed effect is 0)", "residuals": "Pearson residual",
          "hat": "Leverage", "rstandard": "standardized Pearson residual", "dx2": "Lack of fit diagnostic dX^2",
          "dbeta": "Delta-Beta influence statistic", "gdx2": "Lack of fit diagnostic for each group",
          "gdbeta": "Delta-Beta influence statistics for each group"}
DIAGNOSTICS = ("residuals", "hat", "rstandard", "dx2", "dbeta", "gdx2", "gdbeta")


def ref(values):
    return np.array([np.nan if v is None else v for v in values], float)


@pytest.fixture
def data():
    return pd.DataFrame({k: np.asarray(v, float) for k, v in REF["data"].items()})


@pytest.mark.parametrize("stat", sorted(LABELS))
def test_statistics_match_the_formulas(do, data, stat):
    rc, out, s = do(f"clogit y x z, group(g) nolog\npredict double v, {stat}", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.coefficients().b, REF["plain"]["b"], rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("v"), ref(REF["plain"][stat]), rtol=1e-6, atol=1e-10)
    assert s.data.var_labels["v"] == LABELS[stat]


def test_pc1_is_the_default_with_clogits_note(do, data):
    rc, out, s = do("clogit y x z, group(g) nolog\npredict p", data)
    assert rc == 0, out
    assert "(option pc1 assumed; probability of success given one success within group)" in out
    # the group out of the sample (all outcomes 0) has its pc1 too, as clogit_p computes it
    np.testing.assert_allclose(s.data.numeric("p"), ref(REF["plain"]["pc1"]), rtol=1e-6)
    assert s.data.var_labels["p"] == "Pr(y|single outcome w/i g)"
    assert s.data.types["p"] == "float"


def test_hat_sums_to_the_number_of_covariates(do, data):
    rc, out, s = do("clogit y x z, group(g) nolog\npredict double h, hat\nquietly summarize h\n"
                    "display %9.6f r(sum)", data)
    assert rc == 0, out
    assert out.rstrip().endswith(" 2.000000")
    assert "(4 missing values generated)" in out  # the group out of e(sample)


def test_pc1_sums_over_the_if_rows(do, data):
    """clogit_p predicts xb on the if/in rows only, so each group's sum is over those rows."""
    rc, out, s = do("clogit y x z, group(g) nolog\npredict double xb, xb\npredict double p if x > 0, pc1", data)
    assert rc == 0, out
    d = s.data.df
    ex = np.exp(d.xb).where(d.x > 0)
    expected = ex / ex.groupby(d.g).transform("sum")
    np.testing.assert_allclose(d.p, expected, rtol=1e-12)


@pytest.mark.parametrize("stat", ["pc1", "pu0", "residuals", "xb"])
def test_offset_and_nooffset(do, data, stat):
    rc, out, s = do(f"clogit y x z, group(g) offset(o) nolog\npredict double a, {stat}\n"
                    f"predict double b, {stat} nooffset", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.coefficients().b, REF["offset"]["b"], rtol=1e-6)
    if stat == "xb":
        np.testing.assert_allclose(s.data.numeric("a") - s.data.numeric("b"), data.o, atol=1e-12)
        return
    np.testing.assert_allclose(s.data.numeric("a"), ref(REF["offset"][stat]), rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("b"), ref(REF["nooffset"][stat]), rtol=1e-6)


@pytest.mark.parametrize("stat", ["hat", "rstandard", "dbeta"])
def test_offset_enters_the_leverage(do, data, stat):
    rc, out, s = do(f"clogit y x z, group(g) offset(o) nolog\npredict double v, {stat}", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("v"), ref(REF["offset"][stat]), rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("stat", ["hat", "rstandard", "dx2", "dbeta", "gdx2", "gdbeta"])
def test_hat_refuses_nooffset(do, data, stat):
    rc, out, s = do(f"clogit y x z, group(g) offset(o) nolog\npredict v, {stat} nooffset", data)
    assert rc == 198 and "option nooffset not allowed" in out, out
    assert "v" not in s.data.varnames


@pytest.mark.parametrize("stat", ["residuals", "hat", "dbeta", "gdx2"])
def test_frequency_weights(do, data, stat):
    rc, out, s = do(f"clogit y x z [fw=w], group(g) nolog\npredict double v, {stat}", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.coefficients().b, REF["fweight"]["b"], rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("v"), ref(REF["fweight"][stat]), rtol=1e-6, atol=1e-10)
    if stat in ("residuals", "hat"):
        assert s.data.var_labels["v"] == "weighted " + LABELS[stat]


def test_scores_match_the_enumeration(do, data):
    rc, out, s = do("clogit y2 x z, group(g) nolog\npredict double s1, scores\npredict sc*, score", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.coefficients().b, REF["scores"]["b"], rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("s1"), REF["scores"]["score"], rtol=1e-6, atol=1e-10)
    assert s.data.var_labels["sc1"] == "equation-level score from clogit"
    assert s.data.types["sc1"] == "float"


@pytest.mark.parametrize("text,rc,message", [
    ("predict v if x > 0, residuals", 459, "diagnostics after clogit are allowed only for 1-M matched data"),
    ("predict v in 1/10, hat", 459, "diagnostics after clogit are allowed only for 1-M matched data"),
    ("predict v, pc1 pu0", 198, "invalid syntax"),
    ("predict v, xb pc1", 198, "option pc1 not allowed"),
    ("predict v, deviance", 198, "option deviance not allowed"),
    ("predict v, scores nooffset", 198, "option nooffset not allowed"),
    ("predict v, scores xb", 198, "option xb not allowed"),
    ("predict v w, scores", 103, "too many variables specified"),
])
def test_refusals(do, data, text, rc, message):
    got, out, s = do("clogit y x z, group(g) nolog\n" + text, data)
    assert got == rc and message in out, out
    assert "v" not in s.data.varnames


def test_mn_matched_groups_and_robust_are_refused(do, data):
    rc, out, _ = do("clogit y2 x z, group(g) nolog\npredict v, dbeta", data)
    assert rc == 459 and "diagnostics after clogit are allowed only for 1-M matched data" in out, out
    rc, out, _ = do("clogit y x z, group(g) vce(robust) nolog\npredict v, hat", data)
    assert rc == 198 and "diagnostics are not allowed after robust estimation" in out, out
    rc, out, s = do("clogit y x z, group(g) vce(robust) nolog\npredict v, pc1\npredict u, scores", data)
    assert rc == 0, out


def test_constraints_refuse_hat(do, data):
    rc, out, _ = do("constraint 1 x = 1\nclogit y x z, group(g) constraints(1) nolog\npredict v, hat", data)
    assert rc == 198 and "hat predictions not possible with constraints" in out, out


def test_pweights_are_robust_and_iweights_refused(do, data):
    rc, out, _ = do("clogit y x z [iw=w], group(g) nolog\npredict v, residuals", data)
    assert rc == 135 and "not possible with iweights" in out, out
