"""Delimited text (mlmcli/fileformats/delimited.py): encodings, line ends, long fields,
round trips with pandas, and the import/export delimited commands calling it."""
from __future__ import annotations

import io
import os

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats.delimited import read_delimited, write_delimited
from mlmcli.session import Output, Session



def session() -> Session:
    return Session(out=Output(io.StringIO()))


def test_encoding_latin1_is_honoured_and_utf8_is_the_default(tmp_path):
    path = tmp_path / "lat.csv"
    path.write_bytes("name,v\nJosé,1\nMüller,2\n".encode("latin-1"))
    ds = read_delimited(str(path), encoding="latin1")
    assert ds.df["name"].tolist() == ["José", "Müller"]
    ds = read_delimited(str(path))  # not valid UTF-8: read as Latin-1, no byte replaced
    assert ds.df["name"].tolist() == ["José", "Müller"]
    path.write_bytes("\ufeffname,v\nJosé,1\n".encode("utf-8"))
    ds = read_delimited(str(path))
    assert ds.varnames == ["name", "v"] and ds.df["name"].tolist() == ["José"]
    path.write_bytes("name,v\nΩmega,1\n".encode("cp1253"))
    assert read_delimited(str(path), encoding="windows-1253").df["name"][0] == "Ωmega"
    with pytest.raises(StataError) as err:
        read_delimited(str(path), encoding="no-such-encoding")
    assert err.value.rc == 198


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends(tmp_path, newline):
    path = tmp_path / "nl.csv"
    path.write_bytes(newline.join(["a,b", "1,x", "2,y", ""]).encode())
    ds = read_delimited(str(path))
    assert ds.varnames == ["a", "b"] and ds.df["a"].tolist() == [1.0, 2.0] and ds.df["b"].tolist() == ["x", "y"]


def test_fields_longer_than_the_csv_module_default(tmp_path):
    path = tmp_path / "long.csv"
    long_text = "x" * 200_000
    path.write_text(f"id,text\n1,{long_text}\n2,\"quoted, {long_text}\"\n")
    ds = read_delimited(str(path))
    assert ds.types["text"] == "strL" and ds.df["text"][0] == long_text
    assert ds.df["text"][1] == f"quoted, {long_text}"


def test_names_types_labels_and_options(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("ID,2nd score,ID,Big Number\n1,2.5,a,3000000000\n2,,b,1\n")
    ds = read_delimited(str(path))
    assert ds.varnames == ["id", "_2nd_score", "v3", "big_number"]
    assert ds.types == {"id": "byte", "_2nd_score": "float", "v3": "str1", "big_number": "double"}
    assert ds.var_labels == {"id": "ID", "_2nd_score": "2nd score", "v3": "ID", "big_number": "Big Number"}
    assert read_delimited(str(path), case="preserve").varnames[0] == "ID"
    assert read_delimited(str(path), case="upper").varnames[3] == "BIG_NUMBER"
    assert read_delimited(str(path), asdouble=True).types["_2nd_score"] == "double"
    nonames = read_delimited(str(path), varnames=None)
    assert nonames.varnames == ["v1", "v2", "v3", "v4"] and nonames.nobs == 3
    semi = tmp_path / "s.txt"
    semi.write_text("a;b\n1;2\n")
    assert read_delimited(str(semi), delimiter=";").df["b"].tolist() == [2.0]


def test_round_trip_ours_and_pandas(tmp_path):
    ds = Dataset()
    ds.df = pd.DataFrame({"id": [1.0, 2.0, 3.0], "x": [0.5, np.nan, -2.25],
                          "s": np.array(["a,b", 'say "hi"', ""], dtype=object)})
    ds.types = {"id": "byte", "x": "double", "s": "str8"}
    path = str(tmp_path / "rt.csv")
    write_delimited(ds, path, replace=False)
    back = read_delimited(path)
    assert back.df["id"].tolist() == [1.0, 2.0, 3.0] and back.df["s"].tolist() == ["a,b", 'say "hi"', ""]
    np.testing.assert_array_equal(back.df["x"].to_numpy(), np.array([0.5, np.nan, -2.25], dtype=np.float32))
    theirs = pd.read_csv(path, keep_default_na=False, na_values=[""])
    assert theirs["s"].fillna("").tolist() == ["a,b", 'say "hi"', ""]
    pd.DataFrame({"k": [10, 20], "name": ["ä", "b"]}).to_csv(tmp_path / "pd.csv", index=False)
    mine = read_delimited(str(tmp_path / "pd.csv"))
    assert mine.df["k"].tolist() == [10.0, 20.0] and mine.df["name"].tolist() == ["ä", "b"]
    with pytest.raises(StataError) as err:
        write_delimited(ds, path, replace=False)
    assert err.value.rc == 602


def test_bad_files(tmp_path):
    with pytest.raises(StataError) as err:
        read_delimited(str(tmp_path / "none.csv"))
    assert (err.value.rc, err.value.message) == (601, f"file {tmp_path}/none.csv not found")
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(StataError) as err:
        read_delimited(str(binary))
    assert err.value.rc == 610


def test_import_delimited_command_honours_encoding_and_keeps_data_on_failure(run, tmp_path):
    path = tmp_path / "lat.csv"
    path.write_bytes("name,v\nJosé,1\n".encode("latin-1"))
    s = session()
    out, rc = run(s, f'import delimited using "{path}", encoding(latin1)')
    assert rc == 0 and out == "(2 vars, 1 ob)\n" and s.data.df["name"][0] == "José"
    before = s.data.df.copy()
    out, rc = run(s, f'import delimited using "{tmp_path}/nosuch.csv", clear')
    assert rc == 601 and s.data.df.equals(before)
    out, rc = run(s, f'import delimited using "{path}", clear encoding(bogus)')
    assert rc == 198 and s.data.df.equals(before)
    cr = tmp_path / "cr.csv"
    cr.write_bytes(b"a,b\r1,2\r3,4\r")
    out, rc = run(s, f'import delimited using "{cr}", clear')
    assert rc == 0 and s.data.df["b"].tolist() == [2.0, 4.0]


def test_export_delimited_command_refuses_read_only_file(run, tmp_path):
    s = session()
    run(s, "set obs 2\ngenerate x = _n")
    target = tmp_path / "ro.csv"
    target.write_text("keep")
    os.chmod(target, 0o444)
    out, rc = run(s, f'export delimited using "{target}", replace')
    assert rc == 608 and target.read_text() == "keep"
    out, rc = run(s, f'export delimited using "{tmp_path}/ok.csv"')
    assert rc == 0 and (tmp_path / "ok.csv").read_text() == "x\n1\n2\n"
