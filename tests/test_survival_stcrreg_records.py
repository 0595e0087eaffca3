"""stcrreg on multiple records per subject (stset id()): the Melanoma data split at 500, 1000
and 2500 (tests/survival_reference/melanoma_records.csv, written by finegray_records.R) --
with constant covariates the single-record model (crr's values, crr_melanoma.json and
crr_tvc.json), with a covariate changing between records R's survival::finegray + coxph
(finegray_records.json: coefficients and log pseudolikelihood); delayed entry on split records
(crr on the subjects under observation at the common entry time, finegray_delayed_entry.json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from stcrreg_helpers import assert_fpfitci_stcrreg, b_se as _b_se

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "finegray_records.json").read_text())
CRR = json.loads((HERE / "crr_melanoma.json").read_text())
CRR_TVC = json.loads((HERE / "crr_tvc.json").read_text())
SETUP = "stset t, id(id) failure(status==1)\n"
N = 205


@pytest.fixture
def records():
    return pd.read_csv(HERE / "melanoma_records.csv").astype(float)


@pytest.mark.parametrize("model, ref", [
    ("stcrreg age sex thickness ulcer, compete(status==3)", CRR["melanoma"]),
    ("stcrreg age sex, compete(status==3) tvc(thickness)", CRR_TVC["t"])])
def test_split_records_give_the_single_record_model(do, records, model, ref):
    rc, out, s = do(SETUP + model, df=records.copy())
    assert rc == 0, out
    b, se = _b_se(s)
    assert np.allclose(b, ref["b"], rtol=1e-7, atol=1e-12)
    # the robust variance clustered on id: each subject's records and its censoring term summed
    assert np.allclose(se, np.array(ref["se"]) * np.sqrt(N / (N - 1)), rtol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert s.e.scalars["N"] == REF["tk"]["nrec"] and s.e.scalars["N_sub"] == N
    assert (s.e.scalars["N_fail"], s.e.scalars["N_compete"], s.e.scalars["N_censor"]) == (57, 14, 134)
    assert s.e.scalars["N_clust"] == N and s.e.macros["clustvar"] == "id"
    assert "No. of obs       =        631" in out and "No. of subjects  =        205" in out


def test_time_varying_covariate_matches_finegray(do, records):
    rc, out, s = do(SETUP + "stcrreg age sex tk, compete(status==3)", df=records.copy())
    assert rc == 0, out
    assert np.allclose(_b_se(s)[0], REF["tk"]["b"], rtol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(REF["tk"]["ll"], rel=1e-10)
    assert "(Std. Err. adjusted for 205 clusters in id)" in out


def test_common_delayed_entry_on_records_is_crr_on_the_later_subjects(do, records):
    """enter(time 100): the records before 100 leave the sample, every subject enters at 100
    (H is 1 after it): crr on the 201 subjects still under observation at 100."""
    ref = json.loads((HERE / "finegray_delayed_entry.json").read_text())["common_entry"]
    rc, out, s = do("stset t, id(id) failure(status==1) enter(time 100)\nstcrreg age, compete(status==3)",
                    df=records.copy())
    assert rc == 0, out
    b, se = _b_se(s)
    assert np.allclose(b, ref["b"], rtol=1e-7)
    assert np.allclose(se, np.array(ref["se"]) * np.sqrt(ref["n"] / (ref["n"] - 1)), rtol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert s.e.scalars["N_sub"] == ref["n"] and s.e.scalars["N_clust"] == ref["n"]


def test_fpfitci_stcrreg_on_records(new_session, records):
    from graphs_helpers import drawn, run

    s = new_session(records)
    run(s, SETUP)
    assert_fpfitci_stcrreg(s, json.loads((HERE / "fpfit_stcrreg_records.json").read_text()))
    # delayed entry: fracpoly fits (the single-record delayed-entry numbers are
    # test_survival_stcrreg_delayed_entry's); the subjects gone before 100 are out of e(sample)
    run(s, "stset t, id(id) failure(status==1) enter(time 100)")
    graph, fig = drawn(s, "twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3))")
    (late,) = graph.panels[0].series
    assert np.isfinite(late.y).any()


def test_grid_too_large_is_stata_memory_error(do, records, monkeypatch):
    import mlmcli.survival.subdistribution_grid as grid

    monkeypatch.setattr(grid, "GRID_LIMIT", 1000)
    rc, out, s = do(SETUP + "stcrreg age sex, compete(status==3)", df=records.copy())
    assert rc == 909 and "op. sys. refuses to provide memory" in out


EARLY = json.loads((HERE / "crr_early_competing.json").read_text())


@pytest.fixture
def early_competing():
    return pd.read_csv(HERE / "melanoma_early_competing.csv").astype(float)


def test_competing_event_before_the_last_record_is_the_subjects_outcome(do, early_competing):
    """The competing event moved to a subject's first record (crr_early_competing.R): stcrreg.ado
    keeps the outcome on the last record, ParseCompete's stset failure(status==3) ends the
    subject at the event, _d missing on the last record is true, so the subject is competing at
    its last record's time: crr on the one-record data."""
    assert EARLY["moved"] == 8
    rc, out, s = do(SETUP + "stcrreg age sex thickness ulcer, compete(status==3)", df=early_competing.copy())
    assert rc == 0, out
    b, se = _b_se(s)
    assert np.allclose(b, EARLY["b"], rtol=1e-6, atol=1e-10)
    assert np.allclose(se, np.array(EARLY["se"]) * np.sqrt(N / (N - 1)), rtol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(EARLY["ll"], rel=1e-9)
    assert s.e.scalars["N_compete"] == EARLY["n_compete"] == 14 and s.e.scalars["N"] == 631


def test_competing_event_before_a_failed_last_record_is_r459(do, early_competing):
    df = early_competing.copy()
    sid = df.loc[(df.status == 3) & (df.groupby("id").t.transform("size") > 1), "id"].iloc[0]
    df.loc[(df.id == sid) & (df.t == df[df.id == sid].t.max()), "status"] = 1
    rc, out, _ = do(SETUP + "stcrreg age, compete(status==3)", df=df)
    assert rc == 459 and "competing risks events must be stset as censored" in out


def test_competing_event_with_exit_counts_on_the_last_record_only(do, early_competing):
    """stset exit(time .): ParseCompete's stset keeps the subject after the event, so only the
    last record's own event counts: the moved subjects are censored (8 fewer competing)."""
    rc, out, s = do("stset t, id(id) failure(status==1) exit(time .)\nstcrreg age, compete(status==3)",
                    df=early_competing.copy())
    assert rc == 0, out
    assert s.e.scalars["N_compete"] == 14 - 8


def test_fpfitci_stcrreg_with_an_early_competing_event(new_session, early_competing):
    """The same subjects' outcomes as melanoma_records.csv: fpfit_stcrreg_records.json's crr values."""
    from graphs_helpers import run

    s = new_session(early_competing)
    run(s, SETUP)
    assert_fpfitci_stcrreg(s, json.loads((HERE / "fpfit_stcrreg_records.json").read_text()))
