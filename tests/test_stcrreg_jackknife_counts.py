"""stcrreg's vce(jackknife, n() eclass rclass nocount nodrop) and keep after tvc()
(commands.estimation.stcrreg_jackknife_outputs): n(e(N_sub)) on split records keeps the
subjects of one record only -- V from survival::finegray + coxph's leave-one-subject-out refits
of those subjects (tests/survival_reference/stcrreg_jackknife.json, its ``records`` replicates);
e(N), eclass, nocount and nodrop change nothing when every row is in the sample; rclass and two
count options are Stata's errors.  n()/nocount beside stset fweights and nodrop beside rows
outside the sample: against survival::finegray + coxph's leave-one-out fits
(tests/survival_reference/stcrreg_jackknife_counts.R and .json)."""
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
    ("gen w = 1 + mod(id - 1, 3)\nreplace w = 0 in 1\nstset t [fw=w], id(id) failure(status==1)\n",
     "nocount nodrop", 402, "negative weights encountered"),  # the loop's streset of -1: mark's r(402)
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


COUNTS = json.loads((HERE / "stcrreg_jackknife_counts.json").read_text())
FW_RECORDS = "gen w = 1 + mod(id - 1, 3)\nstset t [fw=w], id(id) failure(status==1)\n"
SINGLE = "stcrreg age sex thickness ulcer, compete(status==3)"


def _header_value(out: str, label: str) -> str:
    line = next(ln for ln in out.splitlines() if label in ln and "=" in ln)
    return line.split("=")[-1].strip()


def test_fweights_nocount_is_the_copies_jackknife(do, split):
    """jackknife.ado's _loop_jknife_fw with nocount: one copy of each subject left out, V summed
    [fw = frequency] (F - 1 = e(df_r)); e(N) its N, the touse rows' frequencies summed."""
    ref = COUNTS["fw_records"]
    rc, out, s = do(FW_RECORDS + MODEL + " vce(jackknife, nocount nodots)", df=split)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=1e-6)
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V_nocount"], rtol=1e-5)
    sc = s.e.scalars
    F = sum(1 + (g - 1) % 3 for g in range(1, 206))
    assert sc["N"] == ref["N"] and sc["df_r"] == F - 1 and sc["N_reps"] == 205
    assert _header_value(out, "No. of obs") == str(int(ref["N"]))
    assert _header_value(out, "Replications") == "205"
    assert "F(   3,    %d)" % (F - 1) in out


def test_fweights_count_of_subjects(do, split):
    """n(e(N_sub)) with fweights: e(N_sub) counts the subjects' copies; a replicate takes one
    copy of a subject (N_sub - 1) against n0 less its records, so subjects of several records
    fail; e(N) is n0 (the subjects' copies), shown as No. of obs."""
    ref = COUNTS["fw_records"]
    for command in (MODEL + " vce(jackknife, n(e(N_sub)) nodots)",
                    "jackknife, n(e(N_sub)) cluster(id) nodots: " + MODEL):
        rc, out, s = do(FW_RECORDS + command, df=split)
        assert rc == 0, out
        np.testing.assert_allclose(s.e.matrices["V"].values, ref["V_nsub"], rtol=1e-5)
        sc = s.e.scalars
        single = np.asarray(ref["single"])
        assert sc["N"] == ref["N_sub"] and sc["df_r"] == ref["F_nsub"] - 1
        assert sc["N_reps"] == single.sum() and sc["N_misreps"] == (~single).sum()
        assert _header_value(out, "No. of obs") == str(int(ref["N_sub"]))
        assert "could not be estimated in %d jackknife" % (~single).sum() in out


MISSING4 = "replace thickness = . in 1/4\n"


@pytest.mark.parametrize("weights", ["", "fw"])
def test_nodrop_nocount_rows_outside_are_replicates(do, weights):
    """nodrop nocount: rows 1-4 (thickness missing) are replicates whose fit is the full
    sample's, in V (unweighted: (G-1)/G over all 205; fweights with their frequencies);
    e(N) and e(sample) the if/in rows."""
    melanoma = pd.read_csv(HERE / "melanoma.csv").astype(float)
    ref = COUNTS["nodrop_fw" if weights else "nodrop"]
    setup = MISSING4 + ("gen w = 1 + mod(_n - 1, 3)\nstset time [fw=w], failure(status==1)\n" if weights
                        else "stset time, failure(status==1)\n")
    rc, out, s = do(setup + SINGLE + " vce(jackknife, nocount nodrop)", df=melanoma)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=1e-6)
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V_nocount"], rtol=1e-5)
    sc = s.e.scalars
    N = ref["N_nocount"] if weights else 205
    assert sc["N"] == N and sc["N_reps"] == 205 and sc["df_r"] == N - 1
    assert _header_value(out, "No. of obs") == str(int(N))
    assert "Jackknife replications (205)" in out and "(running stcrreg on estimation sample)" in out
    assert int(np.sum(s.e.sample)) == 205


@pytest.mark.parametrize("weights", ["", "fw"])
def test_nodrop_count_fails_rows_outside(do, weights):
    """nodrop n(e(N)): a row outside the sample leaves e(N) as it is, not n0 - 1: posted missing
    (``n`` among the dots), V from the others -- the plain jackknife's."""
    melanoma = pd.read_csv(HERE / "melanoma.csv").astype(float)
    ref = COUNTS["nodrop_fw" if weights else "nodrop"]
    setup = MISSING4 + ("gen w = 1 + mod(_n - 1, 3)\nstset time [fw=w], failure(status==1)\n" if weights
                        else "stset time, failure(status==1)\n")
    rc, out, s = do(setup + SINGLE + " vce(jackknife, n(e(N)) nodrop)", df=melanoma)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V_n"], rtol=1e-5)
    sc = s.e.scalars
    assert sc["N_misreps"] == 4 and sc["N_reps"] == 201
    assert sc["df_r"] == (ref["F_n"] - 1 if weights else 200)
    assert sc["N"] == (ref["F_n"] if weights else 205)  # fweights: n0; else the if/in rows
    assert "nnnn......" in out
    assert "could not be estimated in 4 jackknife replicates" in out


def test_nodrop_prefix_and_pweights(do):
    """The prefix typed (its if/in the command's) and constant pweights (V's (n-1)/n over every
    replicate; stcrreg rescales the pweights) give the unweighted nodrop V."""
    melanoma = pd.read_csv(HERE / "melanoma.csv").astype(float)
    ref = COUNTS["nodrop"]
    rc, out, s = do(MISSING4 + "stset time, failure(status==1)\njackknife, nocount nodrop nodots: " + SINGLE,
                    df=melanoma)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V_nocount"], rtol=1e-5)
    assert s.e.scalars["N"] == 205
    rc, out, s = do(MISSING4 + "gen w = 2\nstset time [pw=w], failure(status==1)\n" + SINGLE
                    + " vce(jackknife, nocount nodrop nodots)", df=melanoma)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V_nocount"], rtol=1e-5)
    assert s.e.scalars["N"] == 205 and s.e.scalars["N_reps"] == 205


@pytest.mark.parametrize("prefix", [False, True])
def test_nodrop_subject_outside_is_a_cluster_of_its_own(do, split, tmp_path, prefix):
    """stset id(): the clusters are counted over the if/in rows, so subject 3 (tk missing on its
    records) is a replicate whose fit is b: V over the plain jackknife's replicates (saving())
    and b, (G-1)/G with G = 205 clusters; keep's pseudovalue there is b (its variables named by e(b)'s equation _t); e(N) the if/in records."""
    path = tmp_path / "plain.dta"
    setup = "replace tk = . if id == 3\n" + RECORDS
    rc, out, s = do(setup + MODEL + f" vce(jackknife, nodots saving({path}))", df=split)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    plain = pd.read_stata(path)[["_t_b_age", "_t_b_sex", "_t_b_tk"]].to_numpy(float)
    assert plain.shape[0] == 204
    B = np.vstack([plain[:2], b, plain[2:]])  # subject 3 in its sorted place
    typed = "stcrreg age sex tk if age > 0, compete(status==3)"
    command = "jackknife, nocount nodrop keep cluster(id): " + typed if prefix else typed + " vce(jackknife, nocount nodrop keep)"
    rc, out, s = do(setup + command, df=split)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, _jackknife_V(B), rtol=1e-6)
    sc = s.e.scalars
    assert sc["N_clust"] == 205 and sc["N_reps"] == 205 and sc["N"] == len(split) and sc["df_r"] == 204
    assert "(Replications based on 205 clusters in id)" in out
    assert _header_value(out, "No. of obs") == str(len(split))
    first3 = int(np.flatnonzero(split["id"].to_numpy() == 3)[0])
    np.testing.assert_allclose(s.data.numeric("_t_b_tk")[first3], b[2], rtol=1e-6)


def test_count_failure_dots_are_n(do, split):
    """_loop_jknife's bad 3 for a replicate failing n(): _dots prints ``n`` (``x`` is a failed fit or
    reject()); on the split records the subjects of several records come after the first 16."""
    rc, out, s = do(RECORDS + MODEL + " vce(jackknife, n(e(N_sub)))", df=split)
    assert rc == 0, out
    records = split.groupby("id").size().sort_index().to_numpy()
    expected = "".join("." if r == 1 else "n" for r in records[:50])
    assert expected + "    50" in out
