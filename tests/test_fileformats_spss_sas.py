"""SPSS and SAS files (mlmcli/fileformats/spss_sas.py): files written by pyreadstat read
by us with Stata 16's import spss/sas rules, our .sav round trips, bad files."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

pyreadstat = pytest.importorskip("pyreadstat")

from mlmcli.dataset import Dataset  # noqa: E402
from mlmcli.errors import StataError  # noqa: E402
from mlmcli.fileformats.spss_sas import read_sas, read_spss, write_spss  # noqa: E402
from mlmcli.missing import code as missing_code, extended, order_key  # noqa: E402


@pytest.fixture
def sav(tmp_path):
    df = pd.DataFrame({"q1": [1.0, -9.0, 3.0, np.nan, -8.0, 15.0],
                       "age": [20.0, 30.0, 40.0, 50.0, 60.0, 99.0],
                       "name": ["a", "b", "", "d", "e", "f"],
                       "born": [dt.date(2000, 1, 2)] * 6,
                       "seen": [dt.datetime(1960, 1, 1, 0, 0, 2)] * 6,
                       "Odd@Name": [1.0, 2, 3, 4, 5, 6]})
    path = tmp_path / "survey.sav"
    pyreadstat.write_sav(df, str(path), file_label="A survey", note="collected in 2020",
                         column_labels={"q1": "Question 1", "age": "Age in years"},
                         variable_value_labels={"q1": {1: "agree", 3: "disagree", -9: "refused", -8: "don't know"}},
                         missing_ranges={"q1": [-9, -8], "age": [{"lo": 90, "hi": 99}]})
    return str(path)


def test_spss_file_from_pyreadstat(sav):
    ds = read_spss(sav)
    assert ds.varnames == ["q1", "age", "name", "born", "seen", "Odd_Name"]
    q1 = ds.df["q1"].to_numpy()
    assert q1[0] == 1.0 and missing_code(q1[1]) == 1 and missing_code(q1[4]) == 2 and missing_code(q1[3]) == 0
    assert ds.df["q1"][5] == 15.0
    # an integer range of at most 26 values gives each value its own code: 90 -> .a ... 99 -> .j
    assert missing_code(ds.df["age"].to_numpy()[5]) == 10
    labels = ds.value_labels[ds.value_label_of["q1"]]
    assert labels == {1.0: "agree", 3.0: "disagree", order_key(extended("a")): "refused",
                      order_key(extended("b")): "don't know"}
    assert ds.var_labels == {"q1": "Question 1", "age": "Age in years", "Odd_Name": "Odd@Name"}
    assert ds.formats["born"] == "%td" and ds.df["born"][0] == 14611.0  # 02jan2000
    assert ds.formats["seen"] == "%tc" and ds.df["seen"][0] == 2000.0
    assert ds.types["name"] == "str1" and ds.df["name"].tolist()[:3] == ["a", "b", ""]
    assert ds.types["age"] == "byte" and ds.formats["q1"] == "%8.2f"
    assert ds.label == "A survey" and ds.chars["note1"] == "collected in 2020" and ds.chars["note0"] == "1"
    assert ds.changed and ds.filename is None
    sub = read_spss(sav, columns=["age", "q1"])
    assert sub.varnames == ["q1", "age"]
    assert read_spss(sav, case="lower").varnames[-1] == "odd_name"


def rich() -> Dataset:
    ds = Dataset()
    ds.df = pd.DataFrame({
        "x": [1.0, extended("a"), extended("c"), np.nan, 2.5],
        "y": [5.0, extended("f"), extended("b"), 7.0, extended("z")],
        "day": [0.0, 21916.0, np.nan, 1.0, 2.0],
        "s": np.array(["é", "", "long text", "d", "e"], dtype=object),
        "_id": [1.0, 2.0, 3.0, 4.0, 5.0],
    })
    ds.types = {"x": "double", "y": "byte", "day": "int", "s": "str9", "_id": "byte"}
    ds.formats = {"day": "%td", "x": "%6.2f"}
    ds.var_labels = {"x": "the x", "s": "some text"}
    ds.value_labels = {"xl": {1.0: "one", order_key(extended("a")): "not asked"},
                       "yl": {5.0: "five", order_key(extended("z")): "zed"}}
    ds.value_label_of = {"x": "xl", "y": "yl"}
    ds.label = "round trip"
    return ds


@pytest.mark.parametrize("ext", ["sav", "zsav"])
def test_round_trip_through_sav(tmp_path, ext):
    ds = rich()
    path = str(tmp_path / f"r.{ext}")
    write_spss(ds, path, replace=False)
    back = read_spss(path)
    assert back.varnames == ["x", "y", "day", "s", "v_id"]
    for name in ("x", "y", "day"):
        a, b = back.df[name].to_numpy(), ds.df[name].to_numpy()
        np.testing.assert_array_equal(missing_code(a), missing_code(b))
        np.testing.assert_array_equal(a[~np.isnan(a)], b[~np.isnan(b)])
    assert back.df["s"].tolist() == ds.df["s"].tolist()
    assert back.var_labels == {"x": "the x", "s": "some text"}
    assert back.value_labels[back.value_label_of["x"]] == ds.value_labels["xl"]
    assert back.value_labels[back.value_label_of["y"]] == ds.value_labels["yl"]
    assert back.formats["day"] == "%td" and back.formats["x"] == "%6.2f" and back.label == "round trip"
    # SPSS itself (through pyreadstat) sees the codes as user-missing values
    df, meta = pyreadstat.read_sav(path, user_missing=True)
    assert df["x"][0] == 1.0 and df["x"][1] == 101.0 and meta.column_names_to_labels["x"] == "the x"
    assert meta.missing_ranges["x"] == [{"lo": 101.0, "hi": 101.0}, {"lo": 102.0, "hi": 102.0},
                                        {"lo": 103.0, "hi": 103.0}]
    assert meta.missing_ranges["y"] == [{"lo": 101.0, "hi": 126.0}]
    assert np.isnan(pyreadstat.read_sav(path)[0]["x"][1])  # without user_missing: missing
    with pytest.raises(StataError) as err:
        write_spss(ds, path, replace=False)
    assert err.value.rc == 602


def test_sas_transport_file_from_pyreadstat(tmp_path):
    df = pd.DataFrame({"x": [1.0, np.nan, 2.5], "when": [21916.0, 0.0, 1.0], "s": ["a", "b", "c"]})
    path = tmp_path / "t.xpt"
    pyreadstat.write_xport(df, str(path), file_label="sas data", column_labels={"x": "an x"},
                           variable_format={"when": "DATE9.", "x": "8.2"})
    ds = read_sas(str(path))
    assert ds.varnames == ["x", "when", "s"] and ds.label == "sas data" and ds.var_labels == {"x": "an x"}
    assert ds.formats["when"] == "%td" and ds.df["when"].tolist() == [21916.0, 0.0, 1.0]
    assert ds.formats["x"] == "%8.2f" and np.isnan(ds.df["x"][1]) and ds.df["s"].tolist() == ["a", "b", "c"]


def test_bad_files(tmp_path, sav):
    def error(fn, path):
        with pytest.raises(StataError) as err:
            fn(str(path))
        return err.value.rc, err.value.message
    assert error(read_spss, tmp_path / "none.sav") == (601, f"file {tmp_path}/none.sav not found")
    text = tmp_path / "text.sav"
    text.write_text("not spss at all")
    assert error(read_spss, text) == (610, f"file {text} not SPSS format")
    cut = tmp_path / "cut.sav"
    cut.write_bytes(open(sav, "rb").read()[:600])
    assert error(read_spss, cut)[0] == 610
    fake = tmp_path / "fake.sas7bdat"
    fake.write_bytes(b"\0" * 2048)
    assert error(read_sas, fake) == (610, f"file {fake} not SAS format")
    assert error(read_sas, tmp_path)[0] == 603
