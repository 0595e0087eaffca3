"""stset: the st variables, the counts and settings Stata prints (st_set.ado / st.ado), the
characteristics, and Stata's refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

LUNG = Path(__file__).parent / "survival_reference" / "lung.csv"

# Stata 14's output on R's lung data (time in years, died = status==2), from a public do-file;
# Stata 13 prints the same block (its numbers have no thousands commas)
STATA_LUNG = """
     failure event:  died == 1
obs. time interval:  (0, time_years]
 exit on or before:  failure

------------------------------------------------------------------------------
        228  total observations
          0  exclusions
------------------------------------------------------------------------------
        228  observations remaining, representing
        165  failures in single-record/single-failure data
     190.54  total analysis time at risk and under observation
                                                at risk from t =         0
                                     earliest observed entry t =         0
                                          last observed exit t =   2.79816"""


@pytest.fixture
def lung():
    return pd.read_csv(LUNG)


def test_stset_output_matches_stata_on_lung(do, lung):
    rc, out, s = do("gen time_years = time/365.24\nstset time_years, failure(died == 1)", df=lung)
    assert rc == 0
    text = out.split("stset time_years, failure(died == 1)")[-1] if "stset time_years" in out else out
    assert STATA_LUNG.strip("\n") in "\n".join(line.rstrip() for line in text.split("\n"))
    ds = s.data
    assert ds.chars["_dta"] == "st" and ds.chars["st_bd"] == "died" and ds.chars["st_ev"] == "1"
    assert ds.chars["st_bt"] == "time_years" and ds.chars["st_bs"] == "1"
    assert np.array_equal(ds.numeric("_d"), lung["died"].to_numpy(float))
    assert np.all(ds.numeric("_t0") == 0) and np.all(ds.numeric("_st") == 1)
    assert ds.var_labels["_t"] == "analysis time when record ends"


def test_scale_exit_origin_enter_and_if(do, lung):
    rc, out, s = do("stset time, failure(status==2) scale(365.24) exit(time 500)", df=lung)
    assert rc == 0 and "    t for analysis:  time/365.24" in out and " exit on or before:  time 500" in out
    t, d = s.data.numeric("_t"), s.data.numeric("_d")
    long_ = lung["time"].to_numpy() > 500
    assert np.allclose(t[long_], 500 / 365.24) and np.all(d[long_] == 0)
    assert "        138  failures in single-record/single-failure data" in out
    rc, out, s = do("stset time if age>50, failure(status) origin(time 10) enter(time 20)", df=pd.read_csv(LUNG))
    assert "         26  ignored at outset because of -if <exp>-" in out
    keep = (lung["age"] > 50) & (lung["time"] > 20)
    assert "          8  observations end on or before enter()" in out
    assert int(s.data.numeric("_st").sum()) == keep.sum() == 194
    assert np.allclose(s.data.numeric("_t0")[keep.to_numpy()], 10)
    assert "            origin:  time 10" in out and "obs. time interval:  (origin, time]" in out


MULTI = pd.DataFrame({"id": [1, 1, 2, 2, 2, 3, 3, 4, np.nan], "t": [2, 5, 3, 4, 9, 4, 6, np.nan, 3],
                      "d": [0, 1, 0, 0, 1, 1, 1, 1, 1], "w": [1, 1, 2, 2, 2, 1, 1, 1, 1]})


def test_multiple_records_per_subject(do):
    rc, out, s = do("stset t [fw=w], id(id) failure(d)", df=MULTI.copy())
    assert rc == 0
    for line in ("                id:  id", "obs. time interval:  (t[_n-1], t]", "            weight:  [fweight=w]",
                 "          1  ignored because id missing",
                 "          1  event time missing (t>=.)                          PROBABLE ERROR",
                 "          1  observation begins on or after (first) failure",
                 "          6  physical observations remaining, equal to", "          9  weighted observations, representing",
                 "          4  subjects", "          4  failures in single-failure-per-subject data",
                 "         27  total analysis time at risk and under observation"):
        assert line in out
    assert np.allclose(s.data.numeric("_t0")[:6], [0, 2, 0, 3, 4, 0])
    assert np.isnan(s.data.numeric("_t")[6:]).all()
    rc, out, s = do("stset t, id(id) failure(d) exit(time .)", df=MULTI.copy())
    assert "          4  failures in multiple-failure-per-subject data" in out
    assert " exit on or before:  time ." in out


@pytest.mark.parametrize("line, message, code", [
    ("stset t [aw=w]", "aweights not allowed", 101),
    ("stset t in 1/3", "in not allowed", 101),
    ("stset t, id(id)", "specifying option id() requires you also specify option failure()", 198),
    ("st", "data not st", 119),
    ("stset", "data not st", 119),
    ("stset t, ever(d)", "option ever() not supported by mlmcli", 198),
    ("stset t, origin(min)", "option origin(min) not supported by mlmcli", 198),
    ("stset t [fw=w], id(id) failure(d) exit(time .)\nreplace w = 3 in 1\nstset", "weight not constant within id", 459),
])
def test_stata_errors_leave_data_unchanged(do, line, message, code):
    rc, out, s = do(line, df=MULTI.copy())
    assert rc == code and message in out
    if "replace" not in line:
        assert "_st" not in s.data.varnames


def test_stset_clear_and_replay(do):
    rc, out, s = do("stset t, failure(d)\nst\nstset, clear", df=MULTI.copy())
    assert rc == 0 and "failure event:  d != 0 & d < ." in out
    assert "_st" not in s.data.varnames and "_dta" not in s.data.chars


# stsum: survfit's quartiles on the lung data (quantile(survfit(Surv(time, died) ~ 1)): 170 310 550;
# men (sex == 1): 144 270 457)
def test_stsum_matches_survfit_and_stsum_layout(do):
    lung = pd.read_csv(LUNG)
    rc, out, s = do("stset time, failure(died)\nstsum", df=lung)
    assert rc == 0
    table = out.split("analysis time _t:  time")[1]
    assert ("         |               incidence       no. of    |------ Survival time -----|\n"
            "         | time at risk     rate        subjects        25%       50%       75%\n"
            "---------+---------------------------------------------------------------------\n"
            "   total |        69593   .0023709           228        170       310       550") in table
    assert s.r["p50"] == 310 and s.r["risk"] == 69593 and s.r["N_sub"] == 228
    rc, out, s = do("stset time, failure(died)\nstsum if sex == 1, noshow", df=pd.read_csv(LUNG))
    assert (s.r["p25"], s.r["p50"], s.r["p75"]) == (144, 270, 457) and "failure _d" not in out
    rc, out, s = do("stset time, failure(died)\nstsum, by(sex)", df=pd.read_csv(LUNG))
    assert rc == 198 and "option by() not supported by mlmcli" in out


def test_stdescribe_per_subject_table(do):
    rc, out, s = do("stset t, id(id) failure(d)\nstdescribe", df=MULTI.copy())
    assert rc == 0
    body = out.split("analysis time _t:  t")[1]
    # stdescribe.ado's columns: the total from column 23 (%10.0g), then mean, min, median, max
    assert ("                                   |-------------- per subject --------------|\n"
            "Category                   total        mean         min     median        max\n"
            + "-" * 78 + "\n"
            "no. of subjects                3\n"
            "no. of records                 6           2           1          2          3\n\n"
            "(first) entry time                         0           0          0          0\n"
            "(final) exit time                          6           4          5          9\n\n"
            "subjects with gap              0\n"
            "time on gap if gap             0           .           .          .          .\n"
            "time at risk                  18           6           4          5          9\n\n"
            "failures                       3           1           1          1          1\n" + "-" * 78) in body
    assert s.r["N_sub"] == 3 and s.r["tr"] == 18 and s.r["t1_med"] == 5 and np.isnan(s.r["gap_mean"])
    rc, out, s = do("stset t, failure(d)\nstdes, noshow", df=MULTI.copy())
    assert "no. of subjects                8" in out and "time on gap if gap             0\n" in out
    assert s.r["t1_mean"] == pytest.approx(np.nansum(MULTI["t"]) / 8)


# st_set (6.2.10) checks the weights with ``mark goodwgt `ifif' [wt=wv]``: only the rows of stset's
# ``if exp`` ([P] mark), and "weight not constant within id" over the rows with id and time

@pytest.mark.parametrize("weights, kind", [([1, 1, 2, 2, 2, 1, 1, -1, 1], "fw"), ([1, 1, 2, 2, 2, 1, 1, 1.5, 1], "fw"),
                                           ([1, 1, 2, 2, 2, 1, 1, -1, 1], "pw")])
def test_invalid_weight_outside_stset_if_is_not_checked(do, weights, kind):
    df = MULTI.copy()
    df["w"] = weights  # row 8 (id 4, time missing) outside `if t < .`
    rc, out, s = do(f"stset t [{kind}=w] if t < ., id(id) failure(d)", df=df)
    assert rc == 0, out
    assert "          1  ignored at outset because of -if <exp>-" in out
    assert s.data.numeric("_st")[7] == 0 and int(s.data.numeric("_st").sum()) == 6
    if kind == "fw":
        assert "          9  weighted observations, representing" in out


@pytest.mark.parametrize("weights, kind, message, code", [
    ([1, 1, 2, 2, 2, 1, 1, -1, 1], "fw", "negative weights encountered", 402),
    ([1, 1, 2, 2, 2, 1, 1, 1.5, 1], "fw", "may not use noninteger frequency weights", 401),
    ([1, 1, 2, 2, 2, 1, 1, -1, 1], "pw", "negative weights encountered", 402)])
def test_invalid_weight_inside_stset_if_stops(do, weights, kind, message, code):
    df = MULTI.copy()
    df["w"] = weights  # row 8 inside `if d == 1` (mark checks it though its time is missing)
    rc, out, s = do(f"stset t [{kind}=w] if d == 1, id(id) failure(d)", df=df)
    assert rc == code and message in out, out
    assert "_st" not in s.data.varnames


def test_weight_constancy_ignores_records_without_time(do):
    """st_set's ``by touse id: assert wv == wv[1] if touse``: touse has dropped rows whose time is
    missing, so such a row's other weight is not compared."""
    df = MULTI.copy()
    df.loc[7, "id"] = 3.0  # id 3's third record: time missing, weight 5
    df.loc[7, "w"] = 5.0
    rc, out, s = do("stset t [fw=w], id(id) failure(d)", df=df)
    assert rc == 0 and "          1  event time missing (t>=.)" in out, out
    df.loc[7, "t"] = 8.0
    rc, out, s = do("stset t [fw=w], id(id) failure(d)", df=df)
    assert rc == 459 and "weight not constant within id" in out, out
