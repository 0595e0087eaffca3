"""``xpose`` and ``stack`` ([D] xpose, [D] stack): the reshaped data against numpy/pandas on
generated data, xpose.ado's and stack.ado's options, and their error messages (the data
unchanged after an error)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from data_state import assert_unchanged, snapshot


@pytest.fixture
def small(new_session):
    rng = np.random.default_rng(69)
    df = pd.DataFrame({"a": rng.integers(-5, 5, 6).astype(float), "b": rng.normal(size=6),
                       "c": rng.normal(size=6), "d": rng.integers(0, 9, 6).astype(float),
                       "s": list("uvwxyz")})
    df.loc[2, "c"] = np.nan
    return new_session(df, types={"a": "byte", "b": "double", "c": "float", "d": "long", "s": "str1"},
                       formats={"b": "%10.3f", "c": "%12.4e", "d": "%td"})


def _unchanged(run, s, line, rc, message):
    before = snapshot(s)
    out, got = run(s, line)
    assert got == rc and message in out, out
    assert_unchanged(s, before)  # values, types and every label and format


# ----------------------------------------------------------------------------- xpose
def test_xpose_transposes_strings_to_missing(small, run):
    df = small.data.df
    expected = df[["a", "b", "c", "d"]].to_numpy().T.astype(np.float32).astype(float)
    out, rc = run(small, "xpose, clear")
    assert (out, rc) == ("", 0)
    got = small.data.df
    assert list(got.columns) == [f"v{j}" for j in range(1, 7)]
    np.testing.assert_array_equal(got.to_numpy()[:4], expected)
    assert np.isnan(got.to_numpy()[4]).all()  # s: a string variable becomes missing
    assert set(small.data.types.values()) == {"float"}


def test_xpose_promote_format_and_round_trip(small, run):
    original = small.data.df[["a", "b", "c", "d"]].copy()
    out, rc = run(small, "drop s\nxpose, clear varname promote format")
    assert rc == 0, out
    ds = small.data
    assert set(ds.types[v] for v in ds.varnames if v != "_varname") == {"double"}  # double present
    assert ds.formats["v1"] == "%12.4e"  # the widest non-date format (d's %td skipped)
    assert ds.df["_varname"].tolist() == ["a", "b", "c", "d"]
    out, rc = run(small, "xpose, clear promote")
    assert rc == 0, out
    assert small.data.varnames == ["a", "b", "c", "d"]  # _varname named them back
    np.testing.assert_array_equal(small.data.df.to_numpy(), original.to_numpy())


def test_xpose_promote_float_with_long_is_double(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.5, 2.5], "n": [7.0, 8.0]}), types={"x": "float", "n": "long"})
    assert run(s, "xpose, clear promote format(%6.2f)")[1] == 0
    assert s.data.types == {"v1": "double", "v2": "double"} and s.data.formats["v2"] == "%6.2f"


def test_xpose_errors(small, run, new_session):
    _unchanged(run, small, "xpose", 198, "you must specify ', clear'")
    _unchanged(run, small, "xpose, clear format format(%9.2f)", 198, "format() and format are mutually exclusive")
    _unchanged(run, small, "xpose, clear format(%q)", 120, "invalid format")
    _unchanged(run, small, "xpose a, clear", 101, "varlist not allowed")
    _unchanged(run, small, "xpose in 1, clear", 101, "in range not allowed")
    empty = new_session(pd.DataFrame({"x": pd.Series([], dtype=float)}))
    out, rc = run(empty, "xpose, clear")
    assert rc == 2000 and "no observations" in out


# ----------------------------------------------------------------------------- stack
def test_stack_into_matches_pandas(small, run):
    df = small.data.df
    rows = df.iloc[1:5]
    expected = pd.concat([rows[["a", "b"]].set_axis(["x", "y"], axis=1).assign(_stack=1),
                          rows[["c", "d"]].set_axis(["x", "y"], axis=1).assign(_stack=2)], ignore_index=True)
    out, rc = run(small, "stack a b c d in 2/5, into(x y) clear")
    assert (out, rc) == ("", 0)
    got = small.data.df
    assert list(got.columns) == ["_stack", "x", "y"]
    np.testing.assert_array_equal(got["_stack"], expected["_stack"])
    # x: byte then float (widened); y: double then long -> double (append's rule)
    assert small.data.types == {"_stack": "int", "x": "float", "y": "double"}
    np.testing.assert_array_equal(got["x"], expected["x"].astype(np.float32).astype(float))
    np.testing.assert_array_equal(got["y"], expected["y"])


def test_stack_group_and_wide(small, run):
    df = small.data.df
    out, rc = run(small, "stack a b c d, group(2) wide clear")
    assert rc == 0, out
    got = small.data.df
    assert list(got.columns) == ["_stack", "a", "b", "c", "d"]  # into = the first block's names
    n = len(df)
    np.testing.assert_array_equal(got["c"].to_numpy()[n:], df["c"].astype(np.float32).to_numpy(float))
    assert got["c"].iloc[:n].isna().all() and got["d"].iloc[:n].isna().all()
    np.testing.assert_array_equal(got["a"].to_numpy(), np.concatenate([df["a"], df["c"].astype(np.float32)]))


def test_stack_into_ranges_and_warning(small, run):
    out, rc = run(small, "stack a b c d, into(z1-z2)")
    assert rc == 0
    assert out.splitlines() == ["Warning:  data in memory will be lost.",
                                "         Press any key to continue, Ctrl-Break to abort."]
    assert small.data.varnames == ["_stack", "z1", "z2"]


@pytest.mark.parametrize("line, rc, message", [
    ("stack a b c d", 198, "invalid syntax"),
    ("stack a, into(x)", 102, "too few variables specified"),
    ("stack a b c, group(2)", 198, "3 variables cannot be stacked into 2 groups;\nthere would be 1.5 variables/group."),
    ("stack a b c d, group(-1)", 198, "option group(-1) invalid"),
    ("stack a b c d, group(2) into(x)", 198, "options group() and into() may not be specified together"),
    ("stack a b c d, into(x y z)", 198, "incorrect number of variables specified"),
    ("stack a b, into(x2-x1)", 198, '"x2 - x1" invalid'),
    ("stack a b c s, into(x y) clear", 106, "variable y is str in using data"),
    ("stack a b c d [fw=a], into(x y)", 101, "weights not allowed"),
])
def test_stack_errors(small, run, line, rc, message):
    _unchanged(run, small, line, rc, message)
