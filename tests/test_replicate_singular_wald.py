"""The prefix's model test with a singular replicate V, the header lines glm and stcox (do not)
print under vce(bootstrap), and stcrreg's missing-replicates note printed once.

_prefix_model_test (bootstrap.ado/jackknife.ado): ``test`` on the coefficients; when it drops a
constraint that is not an omitted coefficient, e(chi2) (e(F)) and e(p) are missing and e(df_m)
is r(df), the rank.  stcrreg's DiHeader and stcox's st_hcd then print ``Wald chi2(df) = .``
and ``Prob > chi2 = .``."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.postest.prefix_model_test import replicate_wald

HERE = Path(__file__).parent / "survival_reference"


@pytest.fixture
def melanoma():
    return pd.read_csv(HERE / "melanoma.csv").astype(float)


def test_replicate_wald_hand_values():
    # b = (1, 2), V = diag(1, 4): W = 1 + 4/4 = 2 on 2 df
    assert replicate_wald(np.array([1.0, 2.0]), np.diag([1.0, 4.0])) == (pytest.approx(2.0), 2)
    # singular V (rank 1 of 2): test drops a constraint -> chi2 missing, df_m = 1
    w, df = replicate_wald(np.array([1.0, 2.0]), np.array([[1.0, 1.0], [1.0, 1.0]]))
    assert math.isnan(w) and df == 1
    # a zero-variance (omitted) coefficient is not a drop: W = 1/1 on 1 df
    assert replicate_wald(np.array([1.0, 5.0]), np.diag([1.0, 0.0])) == (pytest.approx(1.0), 1)


STSET = "stset time, failure(status==1)\nset seed 1\n"


def test_stcrreg_bootstrap_fewer_reps_than_coefficients(do, melanoma):
    rc, out, s = do(STSET + "stcrreg age sex thickness ulcer, compete(status==3) vce(bootstrap, reps(3))",
                    df=melanoma)
    assert rc == 0, out
    sc = s.e.scalars
    assert math.isnan(sc["chi2"]) and math.isnan(sc["p"]) and sc["df_m"] == 2
    assert np.linalg.matrix_rank(s.e.matrices["V"].values) == 2
    lines = out.splitlines()
    assert " " * 49 + "Replications     =          3" in lines
    assert " " * 49 + "Wald chi2(2)     =          ." in lines
    assert "Log pseudolikelihood = -268.18472                Prob > chi2      =          ." in lines
    assert "e+" not in out and "-69" not in out


def test_stcox_bootstrap_fewer_reps_than_coefficients(do, melanoma):
    rc, out, s = do(STSET + "stcox age sex thickness ulcer, vce(bootstrap, reps(3))", df=melanoma)
    assert rc == 0, out
    sc = s.e.scalars
    assert math.isnan(sc["chi2"]) and sc["df_m"] == 2
    lines = out.splitlines()
    # st_hcd: Wald chi2(df_m) at column 49, "=  " at 66, %10.2f of the missing value
    assert " " * 48 + "Wald chi2(2)     =           ." in lines
    assert any(l.startswith("Log likelihood  =") and l.endswith("Prob > chi2      =           .") for l in lines)
    # st_hcd has no Replications line (Stata 14's st_hcd.ado 6.2.2): none under stcox
    assert "Replications     =" not in out


def test_stcox_bootstrap_full_rank_keeps_the_test(do, melanoma):
    rc, out, s = do(STSET + "stcox age sex, vce(bootstrap, reps(20))", df=melanoma)
    assert rc == 0, out
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    assert s.e.scalars["chi2"] == pytest.approx(float(b @ np.linalg.solve(V, b)), rel=1e-10)
    assert s.e.scalars["df_m"] == 2


def test_glm_bootstrap_header_has_no_replications_line(do, melanoma):
    # glm.ado runs _vce_parserun with bootopts(noheader notable) and shows its own Display,
    # whose header has no N_reps line (glm.ado 5.12.1)
    rc, out, s = do("set seed 1\nglm ulcer age sex, family(binomial) vce(bootstrap, reps(5))", df=melanoma)
    assert rc == 0, out
    assert s.e.scalars["N_reps"] == 5
    assert "Replications" not in out
    assert "Generalized linear models                          No. of obs      =       205" in out


def test_stcrreg_jackknife_n_note_printed_once(do):
    split = pd.read_csv(HERE / "melanoma_records.csv").astype(float)
    rc, out, s = do("stset t, id(id) failure(status==1)\n"
                    "stcrreg age sex tk, compete(status==3) vce(jackknife, n(e(N_sub)) nodots)", df=split)
    assert rc == 0, out
    note = "Note: one or more parameters could not be estimated in 189 jackknife"
    assert out.count(note) == 1
    assert "      replicates; standard-error estimates include only complete replications." in out
    assert s.e.scalars["N_misreps"] == 189 and s.e.macros["missing"] == "missing"
    # replay shows the note again, once
    rc, out2, _ = do("stcrreg", session=s)
    assert rc == 0 and out2.count(note) == 1


@pytest.mark.parametrize("setup, command, test_line", [
    ("stset time, failure(status==1)\n", "streg age sex thickness ulcer, dist(weibull) vce(bootstrap, reps(3)) nolog",
     " " * 48 + "Wald chi2(2)     =           ."),
    ("xtset grp\n", "xtgee ulcer age sex thickness, vce(bootstrap, reps(3))",
     " " * 48 + "Wald chi2(2)       =         ."),
    ("", "clogit ulcer age sex thickness, group(grp) vce(bootstrap, reps(3))",
     " " * 50 + "Wald chi2(2)    =          ."),
    ("xtset grp\n", "xtlogit ulcer age sex thickness, re vce(bootstrap, reps(3)) nolog",
     " " * 48 + "Wald chi2(2)       =         ."),
    ("xtset grp\n", "xtreg thickness age sex ulcer, re vce(bootstrap, reps(3))",
     " " * 48 + "Wald chi2(2)       =         ."),
    ("", "logit ulcer age sex thickness, vce(bootstrap, reps(3)) nolog",
     " " * 50 + "Wald chi2(2)    =          ."),
])
def test_singular_replicate_V_other_commands(do, melanoma, setup, command, test_line):
    # 3 replicates of 3 slopes: the replicate V has rank 2, the test is missing on 2 df
    melanoma = melanoma.assign(grp=np.arange(len(melanoma)) % 20)
    rc, out, s = do(setup + "set seed 1\n" + command, df=melanoma)
    assert rc == 0, out
    assert math.isnan(s.e.scalars["chi2"]) and s.e.scalars["df_m"] == 2, s.e.scalars
    assert test_line in out.splitlines(), out
    assert "e+" not in out
