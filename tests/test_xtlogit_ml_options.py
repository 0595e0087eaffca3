"""xtlogit's ml options (xtlogit.ado's Estimate: mlopts' constraints() and collinear, FROM(string)):
re's constraints() against lme4::glmer on the equivalent unconstrained model
(tests/reference_values/xtlogit_constraints_reference.R), from() starting re and fe where it says
(xtlogit.ado: no comparison model and no LR test after from()), collinear without collinear
regressors the usual fit."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
CNS = json.loads((REF_DIR / "xtlogit_constraints_reference.json").read_text())["cns_x1_minus_x2"]
GLMER = json.loads((REF_DIR / "xt_replicates_reference.json").read_text())["xtlogit_re"]


@pytest.fixture(scope="module")
def panel():
    return pd.read_csv(REF_DIR / "xt_replicates_panel.csv").astype(float)


def _b(s):
    return s.e.matrices["b"].values[0]


def test_re_constraint_matches_glmer_on_the_constrained_model(do, panel):
    rc, out, s = do("xtset id\nconstraint 1 x1 = -x2\nxtlogit yb x1 x2, re constraints(1)", df=panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s), CNS["b"], rtol=2e-5)
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se[:3], CNS["se_b"], rtol=2e-4)
    sc = s.e.scalars
    assert sc["ll"] == pytest.approx(CNS["ll"], rel=1e-7)
    assert sc["chi2"] == pytest.approx(CNS["wald"], rel=2e-4) and sc["df_m"] == 1  # ml's test drops the constraint
    assert sc["chi2_c"] == pytest.approx(2 * (CNS["ll"] - CNS["ll_c"]), rel=1e-6)  # the constrained logit's ll_c
    np.testing.assert_array_equal(s.e.matrices["Cns"].values, [[1, 1, 0, 0, 0]])
    assert s.e.matrices["Cns"].colnames[-1] == "_Cns:_r"
    lines = out.splitlines()
    at = lines.index(" ( 1)  [yb]x1 + [yb]x2 = 0")
    assert lines[at - 1] == "" and lines[at + 1].startswith("-----")
    assert any(ln.startswith("Likelihood-ratio test of rho=0:") for ln in lines)


def test_re_constraint_fixing_lnsig2u_is_constrained_in_the_table(do, panel):
    rc, out, s = do("xtset id\nconstraint 2 [lnsig2u]_cons = 0\nconstraint 3 bogus = 1\n"
                    "xtlogit yb x1 x2, re constraints(2 3) nolog", df=panel)
    assert rc == 0, out
    assert "(note: constraint number 3 caused error r(111))" in out  # makecns leaves it out
    assert _b(s)[-1] == 0 and s.e.matrices["V"].values[-1, -1] == 0
    assert any(ln.startswith("    /lnsig2u |          0  (constrained)") for ln in out.splitlines())
    assert s.e.scalars["df_m"] == 2


def test_re_from_starts_the_full_model_without_the_comparison_model(do, panel):
    rc, out, s = do("xtset id\nmatrix b0 = (.1, .2, 0, -1)\nxtlogit yb x1 x2, re from(b0, copy)", df=panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s), GLMER["b"], rtol=2e-5)  # the same optimum as glmer's
    assert "Fitting comparison model:" not in out and "Fitting full model:" not in out
    assert "Likelihood-ratio test" not in out and "chi2_c" not in s.e.scalars
    assert out.splitlines()[out.splitlines().index("Iteration 0:   log likelihood = -101.05445  ") - 1] == ""
    rc, out, s = do("xtset id\nmatrix b0 = (.1, .2, 0, -1)\nxtlogit yb x1 x2, re from(b0, copy) iterate(0)",
                    df=panel)
    np.testing.assert_allclose(_b(s), [.1, .2, 0, -1], atol=1e-12)  # lnsig2u as typed
    rc, out, s = do("xtset id\nxtlogit yb x1 x2, re from(x1=.1 lnsig2u:_cons=-1) iterate(0) nolog", df=panel)
    np.testing.assert_allclose(_b(s), [.1, 0, 0, -1], atol=1e-12)  # _mkvec: 0 where none is given


def test_fe_from_starts_clogit(do, panel):
    rc, out, plain = do("xtset id\nxtlogit yb x1 x2, fe nolog", df=panel)
    rc, out, s = do("xtset id\nmatrix b0 = (.5, -.5)\nxtlogit yb x1 x2, fe from(b0, copy) nolog", df=panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s), _b(plain), rtol=1e-8)
    rc, out, s = do("xtset id\nxtlogit yb x1 x2, fe from(x1=.5) iterate(0) nolog", df=panel)
    np.testing.assert_allclose(_b(s), [.5, 0], atol=1e-12)


@pytest.mark.parametrize("model", ["re", "fe"])
def test_collinear(do, panel, model):
    rc, _, plain = do(f"xtset id\nxtlogit yb x1 x2, {model} nolog", df=panel)
    rc, out, s = do(f"xtset id\nxtlogit yb x1 x2, {model} collinear nolog", df=panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s), _b(plain), rtol=1e-10)
    rc, out, _ = do(f"xtset id\ngen x3 = x1 + x2\nxtlogit yb x1 x2 x3, {model} collinear nolog", df=panel)
    assert rc == 198 and "not supported by mlmcli" in out


FE_CNS = json.loads((REF_DIR / "xtlogit_fe_constraints_reference.json").read_text())


@pytest.mark.parametrize("constraint, key, df_m", [("x1 = -x2", "x1_minus_x2", 1), ("x1 = .3", "x1_fixed", 1)])
def test_fe_constraints_match_clogit_on_the_reduced_model(do, panel, constraint, key, df_m):
    """xtlogit, fe constraints(): clogit's ml fit under the constraints against survival::clogit
    on the reduced model (tests/reference_values/xtlogit_fe_constraints_reference.R)."""
    ref = FE_CNS[key]
    rc, out, s = do(f"xtset id\nconstraint 1 {constraint}\nxtlogit yb x1 x2, fe constraints(1)", df=panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s), ref["b"], rtol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), ref["se"], rtol=1e-5, atol=1e-12)
    sc = s.e.scalars
    assert sc["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert sc["chi2"] == pytest.approx(ref["wald"], rel=1e-5) and sc["df_m"] == df_m  # ml's Wald test
    assert s.e.macros["chi2type"] == "Wald" and f"Wald chi2({df_m})" in out
    assert s.e.matrices["Cns"].colnames == ("yb:x1", "yb:x2", "_Cns:_r")  # e(b)'s yb: equation (xtlogit.ado)
    lines = out.splitlines()
    # e(Cns) over e(b)'s yb: columns: listed as test lists them
    label = " ( 1)  [yb]x1 + [yb]x2 = 0" if key == "x1_minus_x2" else " ( 1)  [yb]x1 = .3"
    at = lines.index(label)
    assert lines[at - 1] == "" and lines[at + 1].startswith("-----")
    if key == "x1_fixed":
        assert any(ln.startswith("          x1 |         .3  (constrained)") for ln in lines)
        np.testing.assert_array_equal(s.e.matrices["Cns"].values, [[1, 0, .3]])


def test_fe_constraint_naming_what_the_model_lacks_is_left_out(do, panel):
    rc, out, plain = do("xtset id\nxtlogit yb x1 x2, fe nolog", df=panel)
    rc, out, s = do("xtset id\nconstraint 3 bogus = 1\nxtlogit yb x1 x2, fe constraints(3) nolog", df=panel)
    assert rc == 0 and "(note: constraint number 3 caused error r(111))" in out
    np.testing.assert_allclose(_b(s), _b(plain), rtol=1e-10)
    rc, out, _ = do("xtset id\nxtlogit yb x1 x2, fe constraints(9) nolog", df=panel)
    assert rc == 111 and "constraint (9) not defined" in out


@pytest.mark.parametrize("command", ["xtlogit yb x1 x2, fe constraints(1) vce(jackknife)",
                                     "xtlogit yb x1 x2, re constraints(1) vce(jackknife)"])
def test_refused(do, panel, command):
    rc, out, _ = do("xtset id\nconstraint 1 x1 = -x2\n" + command, df=panel)
    assert rc == 198 and "not supported by mlmcli" in out
