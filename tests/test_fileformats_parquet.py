"""Parquet (mlmcli/fileformats/parquet.py): our metadata round trip, files from pyarrow and
pandas, what other readers see in our files, bad files."""
from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from mlmcli.dataset import Dataset  # noqa: E402
from mlmcli.errors import StataError  # noqa: E402
from mlmcli.fileformats.parquet import META_KEY, read_parquet, write_parquet  # noqa: E402
from mlmcli.missing import code as missing_code, extended, order_key  # noqa: E402


def rich() -> Dataset:
    ds = Dataset()
    ds.df = pd.DataFrame({
        "id": [1.0, 2.0, 3.0, 4.0],
        "b": [1.0, extended("a"), np.nan, extended("z")],
        "f": [np.float32(0.1).item(), 2.0, extended("c"), 4.0],
        "d": [0.5, -1e300, np.nan, 3.0],
        "day": [0.0, 21916.0, np.nan, -1.0],
        "when": [0.0, 1000.0, np.nan, 1.5e12],
        "s": np.array(["a", "", "ü", "x" * 3000], dtype=object),
    })
    ds.types = {"id": "byte", "b": "byte", "f": "float", "d": "double", "day": "long", "when": "double",
                "s": "strL"}
    ds.formats = {"id": "%8.0g", "b": "%8.0g", "f": "%9.2f", "d": "%10.0g", "day": "%td", "when": "%tc",
                  "s": "%9s"}
    ds.var_labels = {"b": "a byte", "s": "text"}
    ds.value_labels = {"yn": {0.0: "no", 1.0: "yes", order_key(extended("a")): "refused"}, "other": {7.0: "seven"}}
    ds.value_label_of = {"b": "yn"}
    ds.label = "parquet data"
    ds.chars = {"note1": "hello", "b[note1]": "about b"}
    ds.sortedby = ("id",)
    return ds


def test_round_trip_keeps_everything(tmp_path):
    ds = rich()
    path = str(tmp_path / "r.parquet")
    write_parquet(ds, path, replace=False)
    back = read_parquet(path)
    assert back.varnames == ds.varnames
    for name in ds.varnames:
        if name == "s":
            assert back.df[name].tolist() == ds.df[name].tolist()
            continue
        a, b = back.df[name].to_numpy(), ds.df[name].to_numpy()
        np.testing.assert_array_equal(missing_code(a), missing_code(b))
        np.testing.assert_array_equal(a[~np.isnan(a)], b[~np.isnan(b)])
    for attr in ("types", "formats", "var_labels", "value_labels", "value_label_of", "label", "chars", "sortedby"):
        assert getattr(back, attr) == getattr(ds, attr), attr
    sub = read_parquet(path, columns=["s", "b"])
    assert sub.varnames == ["b", "s"] and "b[note1]" in sub.chars
    with pytest.raises(StataError) as err:
        write_parquet(ds, path, replace=False)
    assert err.value.rc == 602


def test_other_readers_see_types_dates_and_nulls(tmp_path):
    path = str(tmp_path / "o.parquet")
    write_parquet(rich(), path, replace=False)
    table = pq.read_table(path)
    assert [str(t) for t in table.schema.types] == ["int8", "int8", "float", "double", "date32[day]",
                                                     "timestamp[ms]", "string"]
    assert table.column("b").null_count == 3 and table.column("day").to_pylist()[1] == dt.date(2020, 1, 2)
    assert table.column("when").to_pylist()[1] == dt.datetime(1960, 1, 1, 0, 0, 1)
    meta = json.loads(table.schema.metadata[META_KEY])
    assert meta["version"] == 1 and meta["variables"]["b"]["missing"] == {"a": [1], "z": [3]}
    assert meta["value_labels"]["yn"] == [[0, "no"], [1, "yes"], [".a", "refused"]]
    frame = pd.read_parquet(path)
    assert frame["id"].tolist() == [1, 2, 3, 4] and frame["s"][2] == "ü"


def test_files_from_pyarrow_and_pandas(tmp_path):
    table = pa.table({
        "Row ID": pa.array([1, 2, 3], pa.int64()),
        "x": pa.array([0.5, None, 2.0], pa.float64()),
        "small": pa.array([1.5, 2.5, None], pa.float32()),
        "flag": pa.array([True, False, None]),
        "born": pa.array([dt.date(1960, 1, 2), None, dt.date(2020, 1, 1)]),
        "at": pa.array([dt.datetime(1960, 1, 1, 0, 0, 1), None, None], pa.timestamp("us")),
        "group": pa.array(["lo", "hi", "lo"]).dictionary_encode(),
        "tags": pa.array([["a"], [], None]),
        "name": pa.array(["a", None, "c"]),
    })
    path = tmp_path / "f.parquet"
    pq.write_table(table, path)
    ds = read_parquet(str(path))
    assert ds.varnames == ["Row_ID", "x", "small", "flag", "born", "at", "group", "tags", "name"]
    assert ds.var_labels == {"Row_ID": "Row ID"}
    assert ds.types["Row_ID"] == "byte" and ds.types["x"] == "double" and ds.types["small"] == "float"
    assert ds.df["flag"][:2].tolist() == [1.0, 0.0] and np.isnan(ds.df["flag"][2])
    assert ds.formats["born"] == "%td" and ds.df["born"][0] == 1.0 and ds.df["born"][2] == 21915.0
    assert ds.formats["at"] == "%tc" and ds.df["at"][0] == 1000.0
    assert ds.df["group"].tolist() == [1.0, 2.0, 1.0] and ds.value_labels["group"] == {1.0: "lo", 2.0: "hi"}
    assert ds.value_label_of["group"] == "group"
    assert ds.df["tags"].tolist() == ['["a"]', "[]", ""] and ds.df["name"].tolist() == ["a", "", "c"]
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "c": pd.Categorical(["u", "v"])})
    frame.to_parquet(tmp_path / "pd.parquet")
    ds = read_parquet(str(tmp_path / "pd.parquet"))
    assert ds.varnames == ["a", "b", "c"] and ds.df["a"].tolist() == [1.0, 2.0]
    assert ds.value_labels["c"] == {1.0: "u", 2.0: "v"}


def test_bad_files(tmp_path):
    def error(path):
        with pytest.raises(StataError) as err:
            read_parquet(str(path))
        return err.value.rc, err.value.message
    assert error(tmp_path / "none.parquet") == (601, f"file {tmp_path}/none.parquet not found")
    text = tmp_path / "t.parquet"
    text.write_text("a,b\n")
    assert error(text) == (610, f"file {text} not Parquet format")
    good = tmp_path / "g.parquet"
    write_parquet(rich(), str(good), replace=False)
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(good.read_bytes()[:-40])
    assert error(cut)[0] == 610
    assert error(tmp_path)[0] == 603
