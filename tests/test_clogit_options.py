"""``clogit``'s weights (fweights, iweights, pweights, constant within group), offset(),
vce(robust|cluster v) and strata() against R (tests/reference_values/clogit_options_reference.R:
an exact conditional logit by enumeration of the case sets; survival::clogit's robust variance
on one-case groups, which lacks Stata's c/(c-1) factor), the layout and the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "clogit_options_reference.json").read_text())["fits"]
SETUP = "gen w = mod(id, 3) + 1\ngen c = ceil(id/5)\ngen double o = x1/2\n"


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "conditional_panels.csv").astype(float)


def _b_se(s):
    return s.e.matrices["b"].values[0], np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("command, case, se_key", [
    ("clogit yb x1 x2, group(id) vce(robust)", "robust", "se_robust"),
    ("clogit yb x1 x2, group(id) robust", "robust", "se_robust"),
    ("clogit yb x1 x2, group(id) vce(cluster c)", "cluster", "se_robust"),
    ("clogit yb x1 x2, strata(id) cluster(c)", "cluster", "se_robust"),
    ("clogit yb x1 x2 [fw=w], group(id)", "fweight", "se"),
    ("clogit yb x1 x2 [iw=w], group(id)", "fweight", "se"),
    ("clogit yb x1 x2 [fw=w], group(id) vce(robust)", "fweight", "se_robust"),
    ("clogit yb x1 x2 [pw=w], group(id)", "pweight", "se_robust"),
    ("clogit yb x2, group(id) offset(o)", "offset", "se"),
])
def test_against_r(do, panels, command, case, se_key):
    rc, out, s = do(SETUP + command + " nolog", df=panels)
    assert rc == 0, out
    ref = REF[case]
    b, se = _b_se(s)
    np.testing.assert_allclose(b, np.atleast_1d(ref["b"]), rtol=1e-7)
    np.testing.assert_allclose(se, np.atleast_1d(ref[se_key]), rtol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    if se_key == "se_robust":
        assert s.e.scalars["N_clust"] == ref["n_clusters"] or case == "fweight"
        assert s.e.macros["vcetype"] == "Robust" and "Log pseudolikelihood" in out
        assert "Wald chi2(2)" in out
    if case == "fweight" and "fw=" in command:
        assert s.e.scalars["N"] == ref["N"]


def test_r_robust_lacks_the_cluster_factor():
    """survival's robust SEs times sqrt(c/(c-1)) are the enumeration's with Stata's factor."""
    one, cox = REF["one_case"], REF["one_case_coxph"]
    c = one["n_clusters"]
    np.testing.assert_allclose(np.array(cox["se_robust"]) * np.sqrt(c / (c - 1)), one["se_robust"], rtol=1e-9)


def test_layout_robust_and_offset(do, panels):
    rc, out, s = do(SETUP + "clogit yb x1 x2, group(id) vce(cluster c) nolog\nclogit yb x2, group(id) offset(o) nolog",
                    df=panels)
    assert rc == 0, out
    assert "(Std. Err. adjusted for 12 clusters in c)" in out
    assert "             |               Robust" in out
    assert "           o |          1  (offset)" in out
    assert s.e.macros["offset"] == "o"


@pytest.mark.parametrize("command, rc, message", [
    ("clogit yb x1 x2, group(id) strata(id)", 198, "strata() and group() may not be specified together"),
    ("clogit yb x1 x2 [fw=t], group(id)", 199, "weight must be constant within id"),
    ("clogit yb x1 x2 [aw=w], group(id)", 101, "aweights not allowed"),
    ("clogit yb x1 x2, group(id) vce(cluster t)", 459, "not nested within clusters"),
    ("clogit yb x1 x2 [pw=t], group(id) vce(bootstrap)", 101, "weights not allowed"),
])
def test_refusals_leave_data_alone(do, panels, command, rc, message):
    got, out, s = do(command, df=panels)
    assert got == rc and message in out, out
    assert s.data.nobs == len(panels) and s.e is None


def test_predict_xb_adds_the_offset(do, panels):
    rc, out, s = do(SETUP + "clogit yb x2, group(id) offset(o) nolog\npredict double xb, xb", df=panels)
    assert rc == 0, out
    b = s.e.matrices["b"].values[0][0]
    expected = b * s.data.numeric("x2") + s.data.numeric("o")
    np.testing.assert_allclose(s.data.numeric("xb"), expected, rtol=1e-12)
