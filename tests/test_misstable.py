"""``misstable summarize`` and ``misstable patterns``: counts against pandas on generated data,
misstable.ado's columns, the variable order of its fixruns, Stata's errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.missing import extended


@pytest.fixture
def holes(new_session):
    rng = np.random.default_rng(13)
    n = 300
    a = rng.normal(size=n)
    a[rng.random(n) < 0.2] = np.nan
    b = rng.integers(0, 5, n).astype(float)
    b[rng.random(n) < 0.1] = extended("a")
    b[:7] = np.nan
    c = np.round(rng.normal(size=n), 1)
    c[np.isnan(a) & (rng.random(n) < 0.5)] = np.nan
    return new_session(pd.DataFrame({"a": a, "b": b, "c": c, "d": np.ones(n), "s": ["x"] * n}))


def test_summarize_counts_and_columns(holes, run):
    out, rc = run(holes, "misstable summarize")
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[0] == " " * 63 + "Obs<."
    assert lines[3] == "      Variable |     Obs=.     Obs>.     Obs<.  | values        Min         Max"
    df = holes.data.df
    rows = {line.split("|")[0].strip(): line for line in lines[5:-1]}
    assert list(rows) == ["a", "b", "c"]  # d has no missing value, s is a string
    a_cells = rows["a"].split("|")[1].split()
    assert a_cells == [str(int(df["a"].isna().sum())), str(int(df["a"].notna().sum()))]
    b_valid = df["b"].dropna()
    b_cells = rows["b"].split("|")[1].split()
    assert b_cells == ["7", str(int(df["b"].isna().sum()) - 7), str(b_valid.size)]
    assert rows["b"].split("|")[2].split() == [str(b_valid.nunique()), "0", "4"]
    assert rows["a"].split("|")[2].split()[0] == ">500" or int(rows["a"].split("|")[2].split()[0]) == df["a"].nunique()
    assert holes.r["N_eq_dot"] == df["c"].isna().sum() and holes.r["K_uniq"] == df["c"].nunique()
    assert lines[-1] == "  " + "-" * 78


def test_summarize_all_showzeros_and_generate(holes, run):
    out, rc = run(holes, "misstable summarize d s a if _n <= 50, all showzeros generate(m_)")
    assert rc == 0, out
    assert "             d |         0         0        50  |      1          1           1" in out
    assert "             s | (string variable)              |" in out
    df = holes.data.df
    expected = df["a"].isna().astype(float).to_numpy().copy()
    expected[50:] = np.nan
    np.testing.assert_array_equal(df["m_a"].to_numpy(), expected)
    assert holes.data.var_labels["m_a"] == "(a>=.)" and "m_s" not in df.columns


def test_summarize_nothing_missing(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0, 2.0]}))
    assert run(s, "misstable summarize") == ("(variables nonmissing or string)\n", 0)


def test_patterns_frequencies_match_pandas(holes, run):
    out, rc = run(holes, "misstable patterns a b c, frequency")
    assert rc == 0, out
    df = holes.data.df
    flags = df[["a", "b", "c"]].isna()
    incomplete = flags.any(axis=1)
    assert holes.r["N_complete"] == int((~incomplete).sum()) and holes.r["N_incomplete"] == int(incomplete.sum())
    counts = flags[incomplete].value_counts()
    assert holes.r["K"] == len(counts)
    order = holes.r["vars"].split()
    assert order == sorted(["a", "b", "c"], key=lambda v: flags[v].sum())  # fewest missing first
    body = out.split("  ------------+")[1].splitlines()[3:]
    printed = [(int(line.split("|")[0]), tuple(int(v) == 0 for v in line.split("|")[1].split()))
               for line in body if "|" in line and line.split("|")[0].strip()]
    expected = sorted(((int(n), tuple(bool(key[["a", "b", "c"].index(v)]) for v in order))
                       for key, n in counts.items()), reverse=True)
    assert printed == expected
    assert f"  Variables are  (1) {order[0]}  (2) {order[1]}  (3) {order[2]}" in out


def test_patterns_layout_and_fixruns(new_session, run):
    # x and z tie (2 missing each); y is missing with z both times, with x never: z comes first
    # (misstable.ado's fixruns picks the variable with the most joint missing values in a run)
    s = new_session(pd.DataFrame({"x": [np.nan, np.nan, 1, 1, 1, 1], "z": [1, 1, np.nan, np.nan, 1, 1],
                                  "y": [1, 1, np.nan, np.nan, np.nan, 1]}))
    out, rc = run(s, "misstable patterns x y z")
    assert rc == 0, out
    assert s.r["vars"] == "x z y"
    assert out.splitlines()[:12] == [
        "", "   Missing-value patterns", "     (1 means complete)", "",
        "              |   Pattern", "    Percent   |  1  2  3", "  ------------+-------------",
        "       17%    |  1  1  1", "              |", "       33     |  0  1  1", "       33     |  1  0  0",
        "       17     |  1  1  0"]


def test_patterns_replace_and_errors(holes, run):
    run(holes, "generate e = 1")
    out, rc = run(holes, "misstable patterns a b, replace")
    assert rc == 4 and "no; dataset in memory has changed since last saved" in out
    out, rc = run(holes, "misstable patterns a b, clear")
    assert rc == 198 and "option clear requires option replace" in out
    df = holes.data.df
    n_complete = int((df["a"].notna() & df["b"].notna()).sum())
    out, rc = run(holes, "misstable patterns a b, replace clear")
    assert rc == 0 and "(summary data now in memory)" in out
    new = holes.data.df
    assert list(new.columns)[0] == "_freq" and new["_freq"].iloc[-1] == n_complete
    assert new["_freq"].sum() == len(df)


def test_misstable_subcommand_errors(holes, run):
    out, rc = run(holes, "misstable foo")
    assert rc == 198 and "misstable foo unrecognized" in out
    out, rc = run(holes, "misstable tree")
    assert rc == 199
    out, rc = run(holes, "misstable sum nosuch")
    assert rc == 111
    out, rc = run(holes, "misstable sum, generate(abcdefghijklmnopq)")
    assert rc == 198 and "stub cannot exceed 16 characters" in out
