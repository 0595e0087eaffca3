"""stsplit and stjoin: the split records against R's survival::survSplit, stcox on split data
against survival::coxph (tests/st_tools_reference/stsplit.R and .json), stjoin undoing a
split, the messages of stsplit.ado/stjoin.ado and their errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent
REF = json.loads((HERE / "st_tools_reference" / "stsplit.json").read_text())
SETUP = "gen id = _n\nstset time, failure(died) id(id)\n"


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "survival_reference" / "lung.csv").rename(
        columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _records(ds, marker="ep"):
    order = np.lexsort((ds.numeric("_t"), ds.numeric("id")))
    return {k: ds.numeric(v)[order] for k, v in (("id", "id"), ("t0", "_t0"), ("t", "_t"), ("d", "_d"),
                                                   ("ep", marker))}


def _b_se(session):
    b = session.e.matrices["b"].values.ravel()
    return b, np.sqrt(np.diag(session.e.matrices["V"].values))


@pytest.mark.parametrize("option,key", [("at(100 200 365 500)", "at"), ("every(90)", "every")])
def test_split_records_match_survsplit(do, lung, option, key):
    rc, out, s = do(SETUP + f"stsplit ep, {option}", df=lung)
    assert rc == 0
    ref = REF[key]
    assert f"({len(ref['id']) - 228} observations (episodes) created)" in out
    got = _records(s.data)
    for k in ("id", "t0", "t", "d", "ep"):
        assert np.allclose(got[k], np.asarray(ref[k], float)), k
    ds = s.data
    split_off = np.isnan(ds.numeric("died"))
    # every episode but a record's last is censored: the failure variable missing, time = _t
    assert split_off.sum() == len(ref["id"]) - 228 and np.all(ds.numeric("_d")[split_off] == 0)
    assert np.array_equal(ds.numeric("time"), ds.numeric("_t"))
    assert ds.var_labels["ep"] == "observation interval"


def test_stcox_after_split_is_unchanged(do, lung):
    rc, out, s = do(SETUP + "stcox age female, nohr\nstsplit ep, at(100 200 365 500)\nstcox age female, nohr",
                    df=lung)
    assert rc == 0
    b, se = _b_se(s)
    assert np.allclose(b, REF["cox_before"]["b"], atol=1e-7) and np.allclose(se, REF["cox_at"]["se"], atol=1e-7)
    assert np.isclose(s.e.scalars["ll"], REF["cox_at"]["ll"], atol=1e-6)
    assert s.e.scalars["N"] == len(REF["at"]["id"]) and s.e.scalars["N_sub"] == 228


def test_time_varying_effect_after_split(do, lung):
    rc, out, s = do(SETUP + "stsplit ep, at(100 200 365 500)\ngen female_late = female*(ep >= 200)\n"
                    "stcox age female female_late, nohr", df=lung)
    assert rc == 0
    b, se = _b_se(s)
    assert np.allclose(b, REF["cox_tvc"]["b"], atol=1e-6) and np.allclose(se, REF["cox_tvc"]["se"], atol=1e-6)


def test_split_at_failures(do, lung):
    rc, out, s = do(SETUP + "stsplit, at(failures) riskset(rs)\nstcox age female, nohr", df=lung)
    assert rc == 0
    n_fail_times = len(np.unique(lung["time"][lung["died"] == 1]))
    assert f"({n_fail_times} failure times)" in out
    assert s.data.nobs == REF["failures_n"]
    b, se = _b_se(s)
    assert np.allclose(b, REF["cox_failures"]["b"], atol=1e-7)
    # the risk-set identifier numbers the failure times in order, missing elsewhere
    rs, t, d = (s.data.numeric(v) for v in ("rs", "_t", "_d"))
    times = np.sort(np.unique(lung["time"][lung["died"] == 1]).astype(float))
    at_failure = np.isin(t, times)
    assert np.array_equal(rs[at_failure], np.searchsorted(times, t[at_failure]) + 1.0)
    assert np.all(np.isnan(rs[~at_failure]))
    assert s.data.var_labels["rs"] == "identifier of risk sets"


def test_stset_again_and_stjoin_restore(do, lung):
    rc, out, s = do(SETUP + "stsplit ep, every(90)\nstset\n", df=lung)
    assert rc == 0
    got = _records(s.data)
    ref = REF["every"]
    assert np.allclose(got["t0"], ref["t0"]) and np.allclose(got["d"], ref["d"])
    rc, out, s = do("drop ep\nstjoin", session=s)
    assert rc == 0
    assert "(option censored(0) assumed)" in out and f"({len(ref['id']) - 228} obs. eliminated)" in out
    order = np.argsort(s.data.numeric("id"))
    assert s.data.nobs == 228
    assert np.array_equal(s.data.numeric("_t")[order], lung["time"].to_numpy(float))
    assert np.array_equal(s.data.numeric("died")[order], lung["died"].to_numpy(float))
    assert np.all(s.data.numeric("_t0") == 0)


def test_stjoin_keeps_records_that_differ(do, lung):
    rc, out, s = do(SETUP + "stsplit ep, at(365)\nstjoin", df=lung)
    assert rc == 0 and "(0 obs. eliminated)" in out
    rc, out, s = do("stjoin, censored(0)", session=s)
    assert "(0 obs. eliminated)" in out and "perhaps" not in out


def test_trim_and_codesplit(do, lung):
    rc, out, s = do(SETUP + "stsplit ep, at(100 500) trim codesplit(9)", df=lung)
    assert rc == 0
    ep, st = s.data.numeric("ep"), s.data.numeric("_st")
    lb, ub = int((ep < 100).sum()), int((ep == 500).sum())
    assert lb == 228 and ub == int((lung["time"] > 500).sum())
    assert f"({lb} + {ub} obs. trimmed due to lower and upper bounds)" in out
    assert np.all(st[(ep < 100) | (ep == 500)] == 0) and np.all(st[ep == 100] == 1)
    died = s.data.numeric("died")
    split_off = np.r_[np.diff(s.data.numeric("id")) == 0, False]
    assert np.all(died[split_off] == 9) and s.data.chars.get("st_n1") == "ep<=100 & ep>500 trimmed"


def test_after_shifts_the_split_points(do, lung):
    # after(time=50): the split points count from time 50, the same as at() 50 further on
    rc, _, a = do(SETUP + "stsplit ep, at(0 100 300) after(time=50)", df=lung)
    rc2, _, b = do(SETUP + "stsplit ep, at(50 150 350)", df=lung.copy())
    assert rc == rc2 == 0
    ra, rb = _records(a.data), _records(b.data)
    assert np.array_equal(ra["t"], rb["t"]) and np.array_equal(ra["d"], rb["d"])
    # the marker counts from the event: at(50 150 350)'s 50 is after()'s 0
    assert np.array_equal(ra["ep"][rb["ep"] == 150], np.full(int((rb["ep"] == 150).sum()), 100.0))


@pytest.mark.parametrize("text,message,rc", [
    ("stsplit ep, at(1)", "stsplit requires that you have previously stset an id() variable", 198),
])
def test_requires_id(do, lung, text, message, rc):
    got, out, s = do("stset time, failure(died)\n" + text, df=lung)
    assert got == rc and message in out and s.data.nobs == 228


@pytest.mark.parametrize("text,message,rc", [
    ("stsplit ep", "options at() or every() should be specified", 198),
    ("stsplit ep, at(1) every(2)", "options at() and every() may not be specified together", 198),
    ("stsplit age, at(100)", "variable age already defined", 110),
    ("stsplit ep, every(-1)", "option every() must be strictly positive", 498),
    ("stsplit, at(100)", "varlist required", 100),
    ("stsplit ep, at(-5 10)", "invalid numlist has elements outside of allowed range", 125),
    ("stsplit ep, at(failures)", "varlist not allowed", 101),
])
def test_errors_leave_data_alone(do, lung, text, message, rc):
    got, out, s = do(SETUP + text, df=lung)
    assert got == rc and message in out
    assert s.data.nobs == 228 and "ep" not in s.data.varnames


def test_not_st(do, lung):
    got, out, _ = do("stsplit ep, at(1)", df=lung)
    assert got == 119 and "data not st" in out
    got, out, _ = do("stjoin", df=lung)
    assert got == 119
