"""``expand``, ``fillin``, ``sample``, ``bsample``, ``duplicates``: layouts, results, errors (the
data unchanged after an error)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def panel(new_session):
    return new_session(pd.DataFrame({"id": [1.0, 1.0, 2.0], "t": [1.0, 3.0, 2.0], "y": [5.0, 6.0, 7.0],
                                     "s": ["a", "b", "c"]}))


def _unchanged(run, s, line, rc, message):
    before = s.data.df.copy()
    out, got = run(s, line)
    assert got == rc and message in out, out
    pd.testing.assert_frame_equal(s.data.df, before)


# ----------------------------------------------------------------------------- expand
def test_expand_appends_copies_at_the_end(panel, run):
    out, rc = run(panel, "expand 2 if id == 1, generate(copy)")
    assert (out, rc) == ("(2 observations created)\n", 0)
    df = panel.data.df
    assert list(df["y"]) == [5, 6, 7, 5, 6] and list(df["copy"]) == [0, 0, 0, 1, 1]
    assert list(df["s"]) == ["a", "b", "c", "a", "b"]


def test_expand_by_a_variable_rounds_and_keeps_small_counts(new_session, run):
    s = new_session(pd.DataFrame({"n": [2.4, 0.0, np.nan, 3.5]}))
    out, rc = run(s, "expand =n")
    assert out == "(4 observations created)\n"  # 2.4 -> 2 copies, 0 and . -> kept once, 3.5 -> 4
    assert list(s.data.df["n"].fillna(-1)) == [2.4, 0, -1, 3.5, 2.4, 3.5, 3.5, 3.5]


def test_expand_errors(panel, run):
    _unchanged(run, panel, "expand", 198, "invalid syntax")
    _unchanged(run, panel, "expand s", 109, "type mismatch")
    _unchanged(run, panel, "expand 2, gen(y)", 110, "already defined")
    _unchanged(run, panel, "expand nosuch", 111, "not found")


# ----------------------------------------------------------------------------- fillin
def test_fillin_adds_missing_combinations(panel, run):
    out, rc = run(panel, "fillin id t\nlist id t y s _fillin, noobs")
    assert rc == 0, out
    df = panel.data.df
    assert list(zip(df["id"], df["t"])) == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)]
    assert list(df["_fillin"]) == [0, 1, 0, 1, 0, 1]
    assert list(df["s"]) == ["a", "", "b", "", "c", ""] and np.isnan(df["y"][1])
    assert panel.data.sortedby == ("id", "t") and panel.data.types["_fillin"] == "byte"


def test_fillin_errors(panel, run):
    _unchanged(run, panel, "fillin id", 102, "too few variables specified")
    _unchanged(run, panel, "fillin id t if y > 5", 101, "if not allowed")
    run(panel, "gen _fillin = 1")
    _unchanged(run, panel, "fillin id t", 110, "variable _fillin already defined")


# ----------------------------------------------------------------------------- sample, bsample
def test_sample_percent_and_count(new_session, run):
    s = new_session(pd.DataFrame({"g": [1.0] * 50 + [2.0] * 50, "x": np.arange(100.0)}))
    out, rc = run(s, "set seed 5\nsample 20")
    assert out == "(80 observations deleted)\n" and s.data.nobs == 20
    s = new_session(pd.DataFrame({"g": [1.0] * 50 + [2.0] * 50, "x": np.arange(100.0)}))
    out, rc = run(s, "set seed 5\nsample 3, count by(g)")
    assert s.data.nobs == 6 and sorted(s.data.df["g"].tolist()) == [1, 1, 1, 2, 2, 2]
    s = new_session(pd.DataFrame({"x": np.arange(10.0)}))
    run(s, "set seed 1\nsample 50 if x < 4")
    assert s.data.nobs == 8 and set(range(4, 10)) <= set(s.data.df["x"])  # outside if/in kept
    _unchanged(run, s, "sample 150", 198, "must be between 0 and 100")


def test_sample_is_reproducible(new_session, run):
    picks = []
    for _ in range(2):
        s = new_session(pd.DataFrame({"x": np.arange(30.0)}))
        run(s, "set seed 11\nsample 10, count")
        picks.append(sorted(s.data.df["x"]))
    assert picks[0] == picks[1]


def test_bsample_with_strata_clusters_and_weight(new_session, run):
    s = new_session(pd.DataFrame({"st": [1.0] * 4 + [2.0] * 4, "cl": [1.0, 1, 2, 2, 3, 3, 4, 4],
                                  "x": np.arange(8.0)}))
    out, rc = run(s, "set seed 3\nbsample 3, strata(st)")
    assert rc == 0 and s.data.nobs == 6 and sorted(s.data.df["st"]) == [1, 1, 1, 2, 2, 2]
    s = new_session(pd.DataFrame({"cl": [1.0, 1, 2, 2, 3, 3], "x": np.arange(6.0)}))
    out, rc = run(s, "set seed 3\nbsample, cluster(cl) idcluster(newcl)")
    assert rc == 0 and s.data.nobs == 6 and s.data.df.groupby("newcl").size().tolist() == [2, 2, 2]
    s = new_session(pd.DataFrame({"x": np.arange(5.0), "w": 0.0}))
    run(s, "set seed 2\nbsample if x < 4, weight(w)")
    assert s.data.nobs == 5 and s.data.df["w"].sum() == 4 and s.data.df["w"][4] == 0
    s = new_session(pd.DataFrame({"x": np.arange(5.0)}))
    _unchanged(run, s, "bsample 10", 498, "resample size must not be greater than number of observations")
    _unchanged(run, s, "bsample, idcluster(c)", 198, "idcluster() requires cluster()")


# ----------------------------------------------------------------------------- duplicates
@pytest.fixture
def dups(new_session):
    return new_session(pd.DataFrame({"id": [1.0, 2, 3, 3, 4, 4, 4], "x": [1.0, 1, 2, 2, np.nan, np.nan, np.nan],
                                     "s": ["a", "a", "b", "b", "c", "c", "c"]}))


def test_duplicates_report_layout(dups, run):
    out, rc = run(dups, "duplicates report")
    assert out == ("\nDuplicates in terms of all variables\n\n"
                   "--------------------------------------\n"
                   "   copies | observations       surplus\n"
                   "----------+---------------------------\n"
                   "        1 |            2             0\n"
                   "        2 |            2             1\n"
                   "        3 |            3             2\n"
                   "--------------------------------------\n")
    assert dups.r == {"N": 7, "unique_value": 4}
    out, rc = run(dups, "duplicates report x s if id > 1")
    assert "Duplicates in terms of x s" in out and "        3 |            3             2" in out


def test_duplicates_examples_and_list_layouts(dups, run):
    out, rc = run(dups, "duplicates examples x s")
    assert out.splitlines()[3:] == [
        "  +-------------------------------+",
        "  | group:   #   e.g. obs   x   s |",
        "  |-------------------------------|",
        "  |      1   2          1   1   a |",
        "  |      2   2          3   2   b |",
        "  |      3   3          5   .   c |",
        "  +-------------------------------+"]
    out, rc = run(dups, "duplicates list x")
    lines = out.splitlines()
    assert lines[4] == "  | group:   obs:   x |" and lines[-1] == "  +-------------------+"
    assert sum(1 for ln in lines if ln == "  |-------------------|") == 3  # header rule + 2 group breaks
    out, rc = run(dups, "duplicates list id")
    assert rc == 0 and out.splitlines()[-4:-1] == ["  |      2      5    4 |", "  |      2      6    4 |",
                                                    "  |      2      7    4 |"]


def test_duplicates_tag_and_drop(dups, run):
    out, rc = run(dups, "duplicates tag x s, gen(dd)")
    assert out == "\nDuplicates in terms of x s\n"
    assert list(dups.data.df["dd"]) == [1, 1, 1, 1, 2, 2, 2] and dups.data.types["dd"] == "byte"
    run(dups, "drop dd")
    _unchanged(run, dups, "duplicates drop x", 198, "force option required with duplicates drop varlist")
    _unchanged(run, dups, "duplicates tag x", 198, "option generate() required")
    _unchanged(run, dups, "duplicates frob", 198, "invalid duplicates subcommand frob")
    out, rc = run(dups, "duplicates drop")
    assert out == "\nDuplicates in terms of all variables\n\n(3 observations deleted)\n"
    out, rc = run(dups, "duplicates drop x, force")
    assert out.endswith("(1 observation deleted)\n")
    assert list(dups.data.df["id"]) == [1, 3, 4]


def test_isid(new_session, run):
    s = new_session(pd.DataFrame({"id": [2.0, 1.0, 1.0], "t": [1.0, 2.0, 1.0], "m": [1.0, np.nan, 2.0]}))
    assert run(s, "isid id t") == ("", 0)
    _unchanged(run, s, "isid id", 459, "variable id does not uniquely identify the observations")
    _unchanged(run, s, "isid m", 459, "variable m should never be missing")
    assert run(s, "isid m, missok")[1] == 0
    run(s, "isid id t, sort")
    assert list(s.data.df["id"]) == [1, 1, 2] and list(s.data.df["t"]) == [1, 2, 1] and s.data.sortedby == ("id", "t")
