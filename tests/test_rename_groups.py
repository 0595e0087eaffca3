"""``rename (a b) (c d)`` renames all at once: swaps and cycles work as in Stata, repeated or
taken names are refused with the data untouched (issue 18: a swap left two variables named
``ses`` and lost ``mathach``; then ``summarize`` and ``save`` died)."""
from __future__ import annotations

import pandas as pd
import pytest

from data_state import assert_unchanged, snapshot


@pytest.fixture
def hsb_like(new_session):
    df = pd.DataFrame({"ses": [1.0, 2.0, 3.0], "mathach": [10.0, 20.0, 30.0], "school": [1, 1, 2]})
    return new_session(df, var_labels={"ses": "socio-economic status"}, formats={"mathach": "%6.2f"})


def test_swap_exchanges_names_values_and_metadata(hsb_like, run, tmp_path):
    out, rc = run(hsb_like, f"rename (ses mathach) (mathach ses)\nsummarize\nsave {tmp_path / 'swapped'}")
    assert rc == 0, out
    data = hsb_like.data
    assert data.varnames == ["mathach", "ses", "school"]
    assert list(data.df["mathach"]) == [1.0, 2.0, 3.0] and list(data.df["ses"]) == [10.0, 20.0, 30.0]
    assert data.var_labels == {"mathach": "socio-economic status"}
    assert data.formats == {"ses": "%6.2f"}
    assert (tmp_path / "swapped.dta").is_file()


def test_cycle_and_renaming_to_itself(new_session, run):
    s = new_session(pd.DataFrame({"a": [1], "b": [2], "c": [3]}))
    out, rc = run(s, "rename (a b c) (b c a)")
    assert rc == 0, out
    assert s.data.varnames == ["b", "c", "a"] and s.data.df.iloc[0].tolist() == [1, 2, 3]
    out, rc = run(s, "rename (b c a) (a c b)")  # b -> a, c stays, a -> b
    assert rc == 0, out
    assert s.data.varnames == ["a", "c", "b"] and s.data.df.iloc[0].tolist() == [1, 2, 3]


@pytest.mark.parametrize("command,message,rc", [
    ("rename (ses mathach) (x x)", "new name x specified more than once", 198),
    ("rename (ses ses) (x y)", "old name ses specified more than once", 198),
    ("rename (ses mathach) (school y)", "variable school already defined", 110),
    ("rename ses school", "variable school already defined", 110),
    ("rename (ses mathach) (y)", "number of old and new names differ", 198),
    ("rename (ses mathach) (y 2bad)", "2bad invalid name", 198),
    ("rename ses _n", "_n invalid name", 198),
    ("rename nosuch y", "variable nosuch not found", 111),
    ("rename ses y, dryrun", "option dryrun not allowed", 198),
])
def test_bad_renames_are_refused_and_change_nothing(hsb_like, run, command, message, rc):
    before = snapshot(hsb_like)
    out, got = run(hsb_like, command)
    assert (got, out.strip().splitlines()[0]) == (rc, message)
    assert_unchanged(hsb_like, before)


def test_swap_on_lazy_data(tmp_path, do):
    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    path = tmp_path / "d.parquet"
    pd.DataFrame({"a": [1.0, 2.0], "b": [5.0, 6.0]}).to_parquet(path)
    rc, out, s = do(f'use "{path}", lazy\nrename (a b) (b a)\nsummarize a')
    assert rc == 0, out
    assert s.data.varnames == ["b", "a"]
    assert "5.5" in out
