"""Choosing the format by extension (mlmcli/fileformats/dispatch.py), the same dataset through
every format, and clean refusal when an optional library is absent."""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats.dispatch import read_dataset, write_dataset
from mlmcli.missing import code as missing_code, extended, order_key


def dataset() -> Dataset:
    ds = Dataset()
    ds.df = pd.DataFrame({"id": [1.0, 2.0, 3.0], "y": [0.25, extended("b"), np.nan],
                          "s": np.array(["a", "é", ""], dtype=object)})
    ds.types = {"id": "byte", "y": "double", "s": "str2"}
    ds.var_labels = {"y": "outcome"}
    ds.value_labels = {"yl": {1.0: "one", order_key(extended("b")): "skipped"}}
    ds.value_label_of = {"y": "yl"}
    ds.label = "everywhere"
    return ds


@pytest.mark.parametrize("ext, module", [(".dta", None), (".sav", "pyreadstat"), (".zsav", "pyreadstat"),
                                         (".parquet", "pyarrow")])
def test_every_format_keeps_values_missing_codes_and_labels(tmp_path, ext, module):
    if module:
        pytest.importorskip(module)
    ds = dataset()
    path = str(tmp_path / f"d{ext}")
    write_dataset(ds, path, replace=False)
    back = read_dataset(path)
    assert back.varnames == ["id", "y", "s"] and back.df["s"].tolist() == ["a", "é", ""]
    y = back.df["y"].to_numpy()
    assert y[0] == 0.25 and missing_code(y[1]) == 2 and missing_code(y[2]) == 0
    assert back.var_labels["y"] == "outcome" and back.label == "everywhere"
    assert back.value_labels[back.value_label_of["y"]] == ds.value_labels["yl"]
    assert read_dataset(path, columns=["s"]).varnames == ["s"]


def test_unknown_extension(tmp_path):
    with pytest.raises(StataError) as err:
        read_dataset(str(tmp_path / "x.foo"))
    assert err.value.rc == 198
    with pytest.raises(StataError):
        write_dataset(dataset(), str(tmp_path / "x.xpt"), replace=False)


@pytest.mark.parametrize("module, call", [
    ("pyreadstat", lambda p: __import__("mlmcli.fileformats.spss_sas", fromlist=["x"]).read_spss(p)),
    ("pyarrow", lambda p: __import__("mlmcli.fileformats.parquet", fromlist=["x"]).read_parquet(p)),
])
def test_absent_optional_library_is_a_stata_error(tmp_path, monkeypatch, module, call):
    monkeypatch.setitem(sys.modules, module, None)  # import now fails as if not installed
    monkeypatch.setitem(sys.modules, module + ".parquet", None)
    with pytest.raises(StataError) as err:
        call(str(tmp_path / "f"))
    assert err.value.rc == 199 and f"pip install 'mlmcli[" in err.value.message
