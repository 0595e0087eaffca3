"""generate/egen with the bare ``str`` type ([D] generate: "type is one of byte | int | long |
float | double | str | str1 | ... | str2045"; ``str`` makes a str# as wide as the result needs)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset


def data() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "parm": np.array(["12.school", "3.school", "1b.school"], dtype=object),
        "x": [1.0, 2.0, np.nan],
    }))
    ds.types.update(parm="str9", x="double")
    return ds


def test_generate_str_sizes_to_the_longest_value(new_session, run):
    s = new_session(data())
    assert run(s, 'gen str level = substr(parm, 1, strpos(parm, ".") - 1)')[1] == 0
    assert s.data.types["level"] == "str2"  # "12", "3", "1b"
    assert list(s.data.df["level"]) == ["12", "3", "1b"]
    run(s, 'gen str empty = ""')
    assert s.data.types["empty"] == "str1"
    assert run(s, 'generate str tag = "outcome_" + parm if x < 2')[1] == 0
    assert list(s.data.df["tag"]) == ["outcome_12.school", "", ""]
    assert s.data.types["tag"] == "str17"


def test_generate_str_of_a_number_is_a_type_mismatch_and_changes_nothing(new_session, run):
    s = new_session(data())
    before = list(s.data.df.columns)
    assert run(s, "gen str y = x + 1")[1] == 109
    assert list(s.data.df.columns) == before


def test_str_is_not_a_type_elsewhere_and_str0_is_invalid(new_session, run):
    s = new_session(data())
    assert run(s, 'gen str0 y = parm')[1] == 198
    assert run(s, 'gen strx y = parm')[1] == 198


def test_egen_str_concat(new_session, run):
    s = new_session(data())
    assert run(s, "egen str both = concat(parm x)")[1] == 0
    assert s.data.types["both"] == "str10" and s.data.df["both"][0] == "12.school1"
    assert run(s, "egen str m = mean(x)")[1] == 109


def test_lazy_data_generate_str_runs_on_the_rows(do, tmp_path):
    """Lazy (DuckDB) data: ``generate str`` is sized by the in-memory generate."""
    import pytest

    pytest.importorskip("duckdb")
    path = tmp_path / "d.parquet"
    pd.DataFrame({"parm": ["12.school", "3.school"]}).to_parquet(path)
    rc, out, s = do(f'use {path}, lazy\ngen str level = substr(parm, 1, strpos(parm, ".") - 1)')
    assert rc == 0, out
    assert s.data.types["level"] == "str2" and list(s.data.df["level"]) == ["12", "3"]
