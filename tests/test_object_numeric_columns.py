"""A column of dtype object that holds numbers (with None for missing) is not text: deriving
storage types where rows enter a Dataset must leave it as it is -- its None stays missing, not
"" -- and give a string type only to columns that hold text."""
from __future__ import annotations

import pandas as pd

from mlmcli.dataset import Dataset


def test_object_numbers_are_not_made_strings():
    d = Dataset(pd.DataFrame({"x": pd.Series([1.0, None, 3.0], dtype=object),
                              "s": pd.Series(["a", None, "bb"], dtype=object)}))
    assert d.df["x"].tolist() == [1.0, None, 3.0]
    assert not d.types.get("x", "float").startswith("str")
    assert d.types["s"] == "str2" and d.df["s"].tolist() == ["a", "", "bb"]


def test_assigned_frame_keeps_a_numeric_object_column_numeric():
    d = Dataset(pd.DataFrame({"x": [1.0, 2.0]}))
    d.types["x"] = "double"
    d.df = pd.DataFrame({"x": pd.Series([None, 2.0], dtype=object)})
    assert d.types["x"] == "double" and d.df["x"].tolist() == [None, 2.0]
