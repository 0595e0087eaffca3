"""stcrreg's vce(jackknife, n() eclass rclass nocount nodrop) and keep after tvc()
(commands.estimation.stcrreg_jackknife_outputs): n(e(N_sub)) on split records keeps the
subjects of one record only -- V from survival::finegray + coxph's leave-one-subject-out refits
of those subjects (tests/survival_reference/stcrreg_jackknife.json, its ``records`` replicates);
e(N), eclass, nocount and nodrop change nothing; rclass, two count options, fweights with n()
and nodrop with rows outside the sample are refused."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcrreg_jackknife.json").read_text())
RECORDS = "stset t, id(id) failure(status==1)\n"
MODEL = "stcrreg age sex tk, compete(status==3)"


@pytest.fixture
def split():
    return pd.read_csv(HERE / "melanoma_records.csv").astype(float)


def _jackknife_V(B):
    n = B.shape[0]
    D = B - B.mean(axis=0)
    return (n - 1) / n * D.T @ D


@pytest.mark.parametrize("command", [
    MODEL + " vce(jackknife, n(e(N_sub)) nodots)",
    "jackknife, n(e(N_sub)) cluster(id) nodots: " + MODEL,
])
def test_count_of_subjects_keeps_one_record_subjects(do, split, command):
    rc, out, s = do(RECORDS + command, df=split)
    assert rc == 0, out
    records = split.groupby("id").size().sort_index()
    single = (records == 1).to_numpy()
    B = np.asarray(REF["records"]["replicates"])[single]
    np.testing.assert_allclose(s.e.matrices["V"].values, _jackknife_V(B), rtol=1e-6)
    sc = s.e.scalars
    assert sc["N_misreps"] == float((~single).sum()) and sc["df_r"] == single.sum() - 1
    assert "could not be estimated in %d jackknife" % (~single).sum() in out


@pytest.mark.parametrize("options", ["n(e(N))", "eclass", "nocount", "eclass nodrop", "nocount nodrop",
                                     "n(e(N)) nodrop"])
def test_counts_that_every_replicate_passes(do, split, options):
    rc, out, s = do(RECORDS + MODEL + f" vce(jackknife, {options} nodots)", df=split)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, REF["records"]["V"], rtol=1e-6)
    assert s.e.scalars["N_reps"] == 205 and s.e.scalars["N_misreps"] == 0


@pytest.mark.parametrize("setup, options, rc_expected, message", [
    (RECORDS, "rclass", 322, "number of obs. r(N) evaluated to missing in full sample"),
    (RECORDS, "n(e(N)) eclass", 198, "options eclass n() may not be combined"),
    (RECORDS, "n(e(N_fail))", 198, "n()) reading e(N_fail) not supported by mlmcli"),
    (RECORDS, "n(e(N_sub)*0)", 322, "number of obs. e(N_sub)*0 evaluated to zero in full sample"),
    ("gen w = 2\n" + "stset t [fw=w], id(id) failure(status==1)\n", "nocount",
     198, "n() or nocount) with stset fweights not supported by mlmcli"),
    ("stset t if age > 30, id(id) failure(status==1)\n", "nocount nodrop", 198,
     "nodrop) with observations outside the estimation sample not supported"),
])
def test_count_refusals(do, split, setup, options, rc_expected, message):
    rc, out, s = do(setup + MODEL + f" vce(jackknife, {options})", df=split)
    assert rc == rc_expected and message in out, out
    assert s.e is None or s.e.cmd != "stcrreg"


def test_keep_after_tvc_names_the_equations(do):
    """keep after tvc(): main_b_<name>, tvc_b_<name> (jackknife.ado's _prefix_expand names), and
    their covariance / G is the jackknife V (which test_stcrreg_prefix_replicates checks against
    coxph's tt() leave-one-out fits)."""
    melanoma = pd.read_csv(HERE / "melanoma.csv").astype(float)
    rc, out, s = do("stset time, failure(status==1)\n"
                    "stcrreg age sex thickness ulcer, compete(status==3) tvc(thickness) "
                    "vce(jackknife, keep double nodots)", df=melanoma)
    assert rc == 0, out
    names = ["main_b_age", "main_b_sex", "main_b_thickness", "main_b_ulcer", "tvc_b_thickness"]
    assert s.e.macros["pseudo"] == " ".join(names)
    P = np.column_stack([s.data.numeric(n) for n in names])
    G = P.shape[0]
    np.testing.assert_allclose(np.cov(P, rowvar=False) / G, s.e.matrices["V"].values, rtol=1e-8, atol=1e-16)
    assert s.data.var_labels["tvc_b_thickness"] == "pseudovalues: [tvc]_b[thickness]"
    rc, out, s = do("stset time, failure(status==1)\ngen main_b_age = 1\n"
                    "stcrreg age sex thickness ulcer, compete(status==3) tvc(thickness) vce(jackknife, keep)",
                    df=melanoma)
    assert rc == 110 and "main_b_age already defined" in out, out
