"""stcrreg's bootstrap idcluster()/group() over a variable stset reads (survival/stcrreg_renumbering.py):
stcrreg.ado's ParseCompete reruns stset on each replicate's data (mlm's own stset code:
commands/data/survival_settings.stset_rerun), so a renumbered time variable, origin() or enter()
variable gives that replicate new _t and _t0; a record the rerun leaves out has _d missing, which
ParseCompete reads as competing and failed: r(459), the replicate missing.  With stset id():
lastrec (``sort id touse _t``) and the multiple-failure check read the replicate's id, _t and _d.

Numbers: R's finegray + coxph on mlm's own draws (tests/survival_reference/stcrreg_stset_rerun.R
and .json; the draws of stcrreg_renumbering_draws.csv)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import run
from test_graphs_fpfit_cox_replicates import _session

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcrreg_stset_rerun.json").read_text())
MODEL = "stcrreg age thickness, compete(status==3) vce(bootstrap, reps(12) seed(7) cluster(h) {})"
PREFIX = "bootstrap, reps(12) seed(7) cluster(h) {}: stcrreg age thickness, compete(status==3)"
DRAWS = pd.read_csv(HERE / "stcrreg_renumbering_draws.csv")


@pytest.fixture
def mel():
    df = pd.read_csv(HERE / "melanoma.csv").astype(float)
    n = np.arange(1, len(df) + 1)
    df["h"] = 1 + (n - 1) % 9
    df["o"], df["o2"] = 0.0, df["status"]
    df["ent"] = np.where(n % 3 == 0, df["time"] / 2, 0.0)
    df["id"] = n.astype(float)
    df["tt"] = df["time"] + (n - 1) * 0.001  # no ties between outcomes once shifted (the R script's note)
    df["tr"], df["xt"], df["ki"] = df["tt"] / 30, n.astype(float), n.astype(float)
    return _session(df)


def _ref(key):
    B = np.array([[np.nan if x is None else x for x in row] for row in REF[key]], float)
    kept = np.all(np.isfinite(B), axis=1)
    return np.std(B[kept], axis=0, ddof=1), int((~kept).sum())


def _se(s):
    return np.sqrt(np.diag(s.e.matrices["V"].values))


def _dots(out):
    return next(line.split()[0] for line in out.splitlines() if set(line.split()[0] if line.split() else "") <= {".", "x"}
                and line.strip().endswith("12"))


def test_plain_is_the_reference(mel):
    run(mel, "stset time, failure(status==1)")
    run(mel, MODEL.format(""))
    np.testing.assert_allclose(_se(mel), _ref("plain")[0], rtol=1e-6)


@pytest.mark.parametrize("stset, sub, key", [
    ("stset time, failure(status==1)", "idcluster(k) group(time)", "group_time"),
    ("stset tt, failure(status==1) origin(time o)", "idcluster(o)", "idcluster_origin"),
    ("stset tt, failure(status==1) origin(time o2)", "idcluster(k) group(o2)", "group_origin_status"),
    ("stset time, failure(status==1) enter(time ent)", "idcluster(k) group(ent)", "group_entry"),
    ("stset tr, failure(status==1) exit(time xt)", "idcluster(k) group(xt)", "group_exit"),
    ("stset tt if ki <= 205, failure(status==1)", "idcluster(k) group(ki)", "group_if"),
])
def test_stset_variable_renumbered(mel, stset, sub, key):
    """The replicate's _t (time, origin(), exit()) or _t0 (enter()) from the rerun stset; group(ent)
    leaves one replicate's record with time <= its new entry out, group(ki) with ``stset ... if
    ki <= 205`` the records numbered past 205: r(459), an x among the dots."""
    se, missing = _ref(key)
    run(mel, stset)
    out, rc = run(mel, MODEL.format(sub))
    assert rc == 0
    np.testing.assert_allclose(_se(mel), se, rtol=1e-6)
    assert _dots(out).count("x") == missing and mel.e.scalars["N_reps"] == 12 - missing, out
    if missing:
        assert mel.e.scalars["N_misreps"] == missing
    assert "Replications     =" in out
    # the prefix typed: the same draws and replicates
    run(mel, PREFIX.format(sub))
    np.testing.assert_allclose(_se(mel), se, rtol=1e-6)


def test_renumbered_effects_are_not_the_plain_ones():
    """The cases above change the replicates (else the test could not fail)."""
    plain = _ref("plain")[0]
    for key in ("group_time", "idcluster_origin", "group_origin_status", "group_entry", "group_exit", "group_if"):
        assert np.max(np.abs(_ref(key)[0] / plain - 1)) > 1e-3, key


def test_idcluster_time_is_mlm_stcrreg_on_the_renumbered_data(mel):
    """idcluster(time): each copy's records share the copy number as their time (ties between
    outcomes, where finegray's weights and crr's differ: stcrreg_renumbering.R's note), checked
    against mlm's own stcrreg run on each replicate's renumbered data."""
    from test_st_bootstrap_renumbering import _copy_numbers

    run(mel, "stset time, failure(status==1)")
    run(mel, MODEL.format("idcluster(time)"))
    df = pd.read_csv(HERE / "melanoma.csv").astype(float)
    B = []
    for rep in range(1, 13):
        w = DRAWS[DRAWS["rep"] == rep]
        one = df.iloc[w["row"].to_numpy() - 1].reset_index(drop=True).copy()
        one["time"] = _copy_numbers(w["h"].to_numpy(), w["copy"].to_numpy())
        s = _session(one)
        run(s, "stset time, failure(status==1)")
        run(s, "stcrreg age thickness, compete(status==3)")
        B.append(np.asarray(s.e.matrices["b"].values, float).ravel())
    np.testing.assert_allclose(_se(mel), np.std(np.asarray(B), axis=0, ddof=1), rtol=1e-6)
    assert np.max(np.abs(_se(mel) / _ref("plain")[0] - 1)) > 1e-2


def test_failure_variable_read_by_exit_is_mlm_stcrreg_on_the_renumbered_data(mel):
    """stset's failure variable renumbered beside exit(): the rerun stset (failure and exit() on the
    new numbers) -- mlm's own stcrreg on each replicate's renumbered data, stset the same way."""
    from test_st_bootstrap_renumbering import _copy_numbers

    run(mel, "stset tt, failure(status==1) exit(time 4000)")
    run(mel, MODEL.format("idcluster(status)"))
    df = pd.read_csv(HERE / "melanoma.csv").astype(float)
    df["tt"] = df["time"] + np.arange(len(df)) * 0.001
    B = []
    for rep in range(1, 13):
        w = DRAWS[DRAWS["rep"] == rep]
        one = df.iloc[w["row"].to_numpy() - 1].reset_index(drop=True).copy()
        one["status"] = _copy_numbers(w["h"].to_numpy(), w["copy"].to_numpy())
        s = _session(one)
        run(s, "stset tt, failure(status==1) exit(time 4000)")
        out, rc = run(s, "stcrreg age thickness, compete(status==3)", stop_on_error=False)
        B.append(np.asarray(s.e.matrices["b"].values, float).ravel() if rc == 0 else np.full(2, np.nan))
    B = np.asarray(B)
    kept = np.all(np.isfinite(B), axis=1)
    np.testing.assert_allclose(_se(mel), np.std(B[kept], axis=0, ddof=1), rtol=1e-6)


def test_tvc_beside_a_renumbered_time_is_refused(mel):
    """texp() is evaluated at _t before ParseCompete's stset rerun: how stcrreg's Mata pairs those
    values with the rebuilt _t is not public (docs/competing_risks.md)."""
    run(mel, "stset time, failure(status==1)")
    for sub, name in (("idcluster(k) group(time)", "time"), ("idcluster(_t)", "_t")):
        out, rc = run(mel, "stcrreg age, tvc(thickness) compete(status==3) vce(bootstrap, reps(3) seed(1) cluster(h) "
                      f"{sub})", stop_on_error=False)
        assert rc == 198 and f"renumbering {name}, which stcrreg reads (texp() is evaluated at _t before stset's " \
                             "rerun), not supported by mlmcli" in out, out
    # enter() does not move _t: honoured beside tvc()
    run(mel, "stset time, failure(status==1) enter(time ent)")
    out, rc = run(mel, "stcrreg age, tvc(thickness) compete(status==3) vce(bootstrap, reps(3) seed(1) cluster(h) "
                  "idcluster(k) group(ent))", stop_on_error=False)
    assert rc == 0, out


# stset id(): lastrec and the multiple-failure check read the replicate's id, _t and _d

def test_id_renumbered_per_record_follows_the_plain_rules(mel):
    """group(id) numbers each drawn record a subject of its own: with stset id() idcluster(status)
    is the single-record case (the outcome from the copy number), idcluster(_t) and idcluster(_d)
    change nothing (one record a subject: no tie, no earlier failure)."""
    run(mel, "stset time, failure(status==1)")
    run(mel, MODEL.format("idcluster(status)"))
    single = _se(mel)
    run(mel, "replace status = o2")
    run(mel, "stset time, failure(status==1) id(id)")
    run(mel, PREFIX.format("idcluster(status) group(id)"))
    np.testing.assert_allclose(_se(mel), single, rtol=1e-9)
    run(mel, "replace status = o2")
    for sub in ("idcluster(_t) group(id)", "idcluster(_d) group(id)"):
        run(mel, "stset time, failure(status==1) id(id)")
        run(mel, PREFIX.format(sub))
        np.testing.assert_allclose(_se(mel), _ref("plain")[0], rtol=1e-6)


def test_id_shared_by_copies_fails_the_replicate(mel):
    """idcluster(_d) with the id not renumbered: two copies of a cluster share their subjects' ids,
    so a subject's copy is a record before its last with _d != 0 ("data with multiple failures per
    subject" r(459)); a replicate drawing no cluster twice stands (the plain one)."""
    run(mel, "stset time, failure(status==1) id(id)")
    out, rc = run(mel, PREFIX.format("idcluster(_d)"), stop_on_error=False)
    twice = [DRAWS[DRAWS["rep"] == r].groupby("h")["copy"].nunique().max() > 1 for r in range(1, 13)]
    dots = _dots(out)
    assert [c == "x" for c in dots] == twice, out
    if all(twice):
        assert rc == 2000 and "insufficient observations to compute bootstrap standard errors" in out


def test_ties_at_the_last_record_are_refused():
    """stset id() with several records a subject and idcluster(_t): a copy's records share their
    number, so which one ``sort id touse _t`` leaves last is Stata's random tie order."""
    df = pd.read_csv(HERE / "melanoma_records.csv").astype(float)
    s = _session(df)
    run(s, "stset t, id(id) failure(status==1)")
    out, rc = run(s, "bootstrap, reps(3) seed(1) cluster(id) idcluster(_t) group(id): stcrreg age, compete(status==3)",
                  stop_on_error=False)
    assert rc == 198 and "renumbering: a replicate whose lastrec ties at a subject's last record (Stata's sort breaks " \
                         "ties at random) under stcrreg not supported by mlmcli" in out, out
    # group(_t) numbers a copy's records in time order: lastrec the subject's last, the rerun rebuilds _t
    run(s, "bootstrap, reps(3) seed(1) cluster(id) idcluster(k) group(id): stcrreg age, compete(status==3)")
    plain = _se(s)
    run(s, "drop k")
    run(s, "gen k = 0")
    out, rc = run(s, "bootstrap, reps(3) seed(1) cluster(id) idcluster(id) group(_t): stcrreg age, compete(status==3)",
                  stop_on_error=False)
    assert rc == 0, out
    np.testing.assert_allclose(_se(s), plain, rtol=1e-9)


# stcrreg itself reruns stset (ParseCompete): the printed replicates of noisily, stset's variables changed

def test_noisily_prints_the_replicates_the_variance_uses(mel):
    """vce(bootstrap, noisily)'s printed runs are stcrreg on each replicate's renumbered data,
    whose own stset rerun gives the new times: the SHRs are R's group_time fits of those draws."""
    run(mel, "stset time, failure(status==1)")
    out, rc = run(mel, "stcrreg age thickness, compete(status==3) vce(bootstrap, reps(2) seed(7) cluster(h) "
                       "idcluster(k) group(time) noisily)")
    assert rc == 0, out
    printed = out.split("Bootstrap replications (2)")[1]
    shr = [[float(line.split("|")[1].split()[0]) for line in printed.splitlines()
            if line.strip().startswith(name + " |")] for name in ("age", "thickness")]
    expected = np.exp(np.array(REF["group_time"][:2], float))
    np.testing.assert_allclose(np.array(shr).T[:2], expected, rtol=2e-6)


def test_stset_variables_changed_since_stset(mel):
    """stcrreg reruns stset: a time variable changed after stset is the time the fit uses (the
    same fit as stset run again); a record the rerun leaves out (time missing) is ParseCompete's
    r(459), as Stata's `_d & touse` reads its missing _d."""
    run(mel, "stset time, failure(status==1)")
    run(mel, "stcrreg age thickness, compete(status==3)")
    original = np.asarray(mel.e.matrices["b"].values, float).ravel()
    run(mel, "replace time = time + 500 if thickness > 3")
    run(mel, "stcrreg age thickness, compete(status==3)")
    changed = np.asarray(mel.e.matrices["b"].values, float).ravel()
    run(mel, "stset time, failure(status==1)")
    run(mel, "stcrreg age thickness, compete(status==3)")
    np.testing.assert_allclose(changed, np.asarray(mel.e.matrices["b"].values, float).ravel(), rtol=1e-10)
    assert np.max(np.abs(changed / original - 1)) > 1e-2
    run(mel, "replace time = . in 1")
    out, rc = run(mel, "stcrreg age thickness, compete(status==3)", stop_on_error=False)
    assert rc == 459 and "option compete(): competing risks events must be stset as censored" in out, out


def test_settings_mlm_stset_does_not_make_are_not_rerun(mel):
    """Characteristics of a Stata-made stset with time0() (which mlm's stset refuses): stcrreg fits
    the data's own st variables, and renumbering stset's time variable stays mlm's refusal."""
    run(mel, "stset time, failure(status==1)")
    run(mel, "stcrreg age thickness, compete(status==3)")
    plain = np.asarray(mel.e.matrices["b"].values, float).ravel()
    mel.data.chars["st_bt0"] = "o"
    run(mel, "replace time = time + 500 if thickness > 3")  # not rerun: the data's _t as they are
    run(mel, "stcrreg age thickness, compete(status==3)")
    np.testing.assert_allclose(np.asarray(mel.e.matrices["b"].values, float).ravel(), plain, rtol=1e-12)
    out, rc = run(mel, MODEL.format("idcluster(k) group(time)"), stop_on_error=False)
    assert rc == 198 and "renumbering time, which stcrreg reads (stset's rerun), not supported by mlmcli" in out, out


# the bootstrap prefix typed on stset id() data without the id renumbered (stcrreg_replicates._copies_share_ids)

@pytest.mark.parametrize("sub", ["idcluster(k)", ""])
def test_prefix_copies_sharing_the_id_fail_the_replicate(mel, sub):
    """bootstrap, cluster(h) [idcluster(k)]: stcrreg on stset id() data: a drawn cluster's copies
    keep their subjects' ids, so stcrreg.ado's lastrec/multiple-failure check and ParseCompete's
    stset rerun with id() fail a replicate that draws a cluster twice (r(459) inside _loop_bs's
    capture: x); the vce() form renumbers the id itself (_vce_parserun's idcluster(id))."""
    run(mel, "stset time, failure(status==1) id(id)")
    out, rc = run(mel, PREFIX.format(sub), stop_on_error=False)
    twice = [DRAWS[DRAWS["rep"] == r].groupby("h")["copy"].nunique().max() > 1 for r in range(1, 13)]
    assert [c == "x" for c in _dots(out)] == twice, out
    assert all(twice) and rc == 2000 and "insufficient observations to compute bootstrap standard errors" in out


def test_prefix_id_renumbered_is_the_plain_bootstrap(mel):
    """group(id) numbers each copy's subjects apart: the replicates of one record a subject are
    the single-record data's (R's plain reference); idcluster(id) over clusters of several
    subjects would merge them under one id: mlm's refusal."""
    run(mel, "stset time, failure(status==1) id(id)")
    out, rc = run(mel, PREFIX.format("idcluster(k) group(id)"))
    np.testing.assert_allclose(_se(mel), _ref("plain")[0], rtol=1e-6)
    out, rc = run(mel, PREFIX.format("idcluster(id)"), stop_on_error=False)
    assert rc == 198 and "bootstrap: stcrreg with idcluster() renumbering stset's id() over clusters of several " \
                         "subjects not supported by mlmcli" in out, out


def test_renumbered_compete_variable_on_data_changed_since_stset(mel):
    """stset's failure variable changed after stset and bootstrap renumbering compete()'s own
    variable: each replicate's ParseCompete reruns stset, so its failures are the changed
    variable's (not the data's _d): the replicates after stset is run again."""
    run(mel, "stset time, failure(status==1)")
    run(mel, "gen cr = status")
    run(mel, "replace status = 0 if age > 60 & status == 1")
    model = ("stcrreg age thickness, compete(cr==3) vce(bootstrap, reps(6) seed(7) cluster(h) idcluster(k) "
             "group(cr) nodots)")
    run(mel, model)
    changed = _se(mel)
    run(mel, "drop k")
    run(mel, "stset time, failure(status==1)")
    run(mel, model)
    np.testing.assert_allclose(changed, _se(mel), rtol=1e-10)
